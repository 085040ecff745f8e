import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { IdentityService } from '../identity/identity.service';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision } from './database';
import { Clock } from '../critical-info/clock';

/**
 * What the hierarchy specs share (setAccountParent, splits restoring parents): the identity service as the admin
 * token, accounts of their own to arrange, and reading where one hangs. Adds the division it ingests into (beforeAll).
 */
export function accountHierarchy(db: DataSource) {
  const admin: Principal = { kind: 'admin-token' };
  let divisionId = '';
  let seq = 0;
  beforeAll(async () => {
    divisionId = await addDivision(db, 'sales');
  });
  const identity = () => new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
  return {
    admin,
    identity,
    setParent: (accountId: string, parentId: string | null, reason = 'checked the registry') => identity().setParent(admin, { accountId, parentId, reason }),
    parentOf: async (id: string): Promise<string | null> => (await db.query(`SELECT parent_id FROM account WHERE id = $1`, [id]))[0].parent_id,
    /** Resolves to null, or to the refusal's message and extensions. */
    failure: (promise: Promise<unknown>) => promise.then(() => null, (error: GraphQLError) => ({ message: error.message, ...error.extensions })),
    /** Accounts of their own (each its own domain): no parent yet. */
    async accounts(...names: string[]): Promise<string[]> {
      seq++;
      const landed = await db.transaction((tx) => ingestBatch(tx, divisionId, 'crm', {
        division: 'sales', sourceSystem: 'crm',
        accounts: names.map((name, i) => ({ externalId: `${seq}-${i}`, name, website: `${name.toLowerCase().replace(/\W+/g, '-')}-${seq}.example` })),
      } as unknown as IngestBatchInput));
      return landed.items.map((i) => i.accountId!);
    },
  };
}
