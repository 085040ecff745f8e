import { EntityManager } from 'typeorm';
import { linkAccountRecords, refreshAccounts } from '../matching/account-linker';
import { accountFeatures } from '../matching/features';
import { AccountRecordInput } from './ingest.types';
import { canonical, contentHash } from './validation';
import { SourceRow, UpsertOutcome, versionedUpsert, VersionedTable } from './versioned-upsert';

const ACCOUNT_RECORDS: VersionedTable = {
  table: 'source_account_record',
  kind: 'ACCOUNT',
  columns: {
    name: 'text', raw: 'jsonb', name_norm: 'text', domains: 'text[]', registry_id: 'text', phone: 'text',
    address_norm: 'text', postal_code: 'text',
  },
};

export interface AccountLanding extends UpsertOutcome {
  accountId: string;
}

/** Where an account record landed: its source record and the merged account. */
export interface KnownAccountRecord {
  recordId: string;
  accountId: string;
}

function toRow(input: AccountRecordInput): SourceRow & { features: ReturnType<typeof accountFeatures> } {
  const raw = canonical(input);
  const features = accountFeatures(input);
  return {
    externalId: input.externalId,
    hash: contentHash(raw),
    features,
    values: {
      name: input.name.trim(), raw, name_norm: features.nameNorm, domains: features.domains, registry_id: features.registryId,
      phone: features.phone, address_norm: features.addressNorm, postal_code: features.postalCode,
    },
  };
}

/**
 * Stores account records and resolves the new ones to accounts. A changed
 * record keeps its link (a person may have confirmed it); its account's
 * derived fields are recomputed.
 */
export async function writeAccounts(tx: EntityManager, divisionId: string, sourceSystem: string, inputs: AccountRecordInput[]): Promise<Map<string, AccountLanding>> {
  const rows = inputs.map(toRow);
  const outcome = await versionedUpsert(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, rows);
  const industry = new Map(inputs.map((i) => [i.externalId, i.industry ?? null]));
  const created = rows.filter((r) => outcome.get(r.externalId)!.status === 'CREATED');
  await linkAccountRecords(tx, created.map((r) => ({
    id: outcome.get(r.externalId)!.id,
    name: String(r.values.name),
    industry: industry.get(r.externalId) ?? null,
    features: r.features,
  })));
  const known = await knownAccountRecords(tx, divisionId, sourceSystem, rows.map((r) => r.externalId));
  const updatedAccounts = rows.filter((r) => outcome.get(r.externalId)!.status === 'UPDATED').map((r) => known.get(r.externalId)!.accountId);
  await refreshAccounts(tx, [...new Set(updatedAccounts)]);
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: known.get(r.externalId)!.accountId }]));
}

/** The source records (and their accounts) of these external ids, for one division and system. */
export async function knownAccountRecords(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<Map<string, KnownAccountRecord>> {
  if (externalIds.length === 0) return new Map();
  const rows: { externalId: string; recordId: string; accountId: string }[] = await tx.query(
    `SELECT external_id AS "externalId", id AS "recordId", account_id AS "accountId" FROM source_account_record
      WHERE division_id = $1 AND source_system = $2 AND external_id = ANY($3::text[]) AND account_id IS NOT NULL`,
    [divisionId, sourceSystem, [...new Set(externalIds)]],
  );
  return new Map(rows.map(({ externalId, ...row }) => [externalId, row]));
}
