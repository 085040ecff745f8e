import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorLabel, Principal } from '../auth/principal';
import { newSecret, secretHash } from '../auth/secrets';
import { NotFoundError, UserInputError } from '../common/errors';
import { isUuid } from '../common/ids';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { IntegrationTokensRepository } from './integration-tokens.repository';

/** Issues and revokes division-scoped integration tokens; secrets are stored only as hashes. */
@Injectable()
export class IntegrationTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: IntegrationTokensRepository,
    private readonly divisions: DivisionsRepository,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.tokens.all();
  }

  async create(principal: Principal, divisionKey: string, name?: string | null) {
    const division = await this.divisions.findByKey(divisionKey);
    if (!division) throw new UserInputError('division', `the key of an existing division; "${divisionKey.slice(0, 60)}" is none`);
    const label = (name ?? `${division.key} integration`).trim();
    if (!label || label.length > 100) throw new UserInputError('name', '1 to 100 characters');
    const token = newSecret('oci');
    return this.db.transaction(async (tx) => {
      const record = await this.tokens.insert(tx, division.id, label, secretHash(token), actorLabel(principal).label);
      await this.audit.record(principal, { action: 'CREATE_INTEGRATION_TOKEN', targetType: 'IntegrationToken', targetId: record.id, after: { division: division.key, name: label } }, tx);
      return { token, integrationToken: record };
    });
  }

  async revoke(principal: Principal, id: string) {
    if (!isUuid(id)) throw new NotFoundError('Integration token');
    return this.db.transaction(async (tx) => {
      const record = await this.tokens.revoke(tx, id);
      if (!record) throw new NotFoundError('Integration token');
      await this.audit.record(principal, { action: 'REVOKE_INTEGRATION_TOKEN', targetType: 'IntegrationToken', targetId: id, after: { revokedAt: record.revokedAt } }, tx);
      return { integrationToken: record };
    });
  }
}
