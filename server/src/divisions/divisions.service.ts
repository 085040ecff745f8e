import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { ConflictError } from '../common/errors';
import { Division } from './division.entity';
import { CreateDivisionInput } from './division.types';
import { DivisionsRepository } from './divisions.repository';

@Injectable()
export class DivisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly divisions: DivisionsRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Division[]> {
    return this.divisions.all();
  }

  create(principal: Principal, input: CreateDivisionInput): Promise<Division> {
    return this.db.transaction(async (tx) => {
      const division = await this.divisions.insert(tx, input.key, input.name.trim());
      if (!division) throw new ConflictError(`A division with the key "${input.key}" exists already.`);
      await this.audit.record(principal, { action: 'CREATE_DIVISION', targetType: 'Division', targetId: division.id, after: { key: division.key, name: division.name } }, tx);
      return division;
    });
  }
}
