import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/secrets';
import { Principal } from '../auth/principal';
import { ConflictError, UserInputError } from '../common/errors';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { Colleague } from './colleague.entity';
import { CreateColleagueInput } from './colleague.types';
import { ColleaguesRepository } from './colleagues.repository';

@Injectable()
export class ColleaguesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly colleagues: ColleaguesRepository,
    private readonly divisions: DivisionsRepository,
    private readonly audit: AuditService,
  ) {}

  me(principal: Principal): Promise<Colleague | null> {
    return principal.kind === 'colleague' ? this.colleagues.findById(principal.id) : Promise.resolve(null);
  }

  async create(principal: Principal, input: CreateColleagueInput): Promise<Colleague> {
    const division = await this.divisions.findByKey(input.division);
    if (!division) throw new UserInputError('division', `the key of an existing division; "${input.division}" is none`);
    const passwordHash = await hashPassword(input.password);
    const email = input.email.trim().toLowerCase();
    return this.db.transaction(async (tx) => {
      const colleague = await this.colleagues.insert(tx, { email, name: input.name.trim(), divisionId: division.id, role: input.role, passwordHash });
      if (!colleague) throw new ConflictError(`A colleague with the email ${email} exists already.`);
      await this.audit.record(principal, { action: 'CREATE_COLLEAGUE', targetType: 'Colleague', targetId: colleague.id, after: { email, name: colleague.name, division: division.key, role: colleague.role } }, tx);
      return colleague;
    });
  }
}
