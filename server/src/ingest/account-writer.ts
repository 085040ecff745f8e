import { EntityManager } from 'typeorm';
import { linkAccountRecords, refreshAccounts } from '../matching/account-linker';
import { writeBlockingKeys } from '../matching/blocking';
import { accountBlockingKeys } from '../matching/blocking-keys';
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
  const stored = rows.map((r) => ({ row: r, ...outcome.get(r.externalId)! })).filter((r) => r.status !== 'UNCHANGED')
    .map((r) => ({ ...r, keys: accountBlockingKeys(r.row.features) }));
  await writeBlockingKeys(tx, stored.map((r) => ({ id: r.id, keys: r.keys, fresh: r.status === 'CREATED' })));
  const industry = new Map(inputs.map((i) => [i.externalId, i.industry ?? null]));
  const toLink = (r: (typeof stored)[number], accountId?: string) => ({
    id: r.id, name: String(r.row.values.name), industry: industry.get(r.row.externalId) ?? null, features: r.row.features, keys: r.keys, accountId,
  });
  await linkAccountRecords(tx, stored.filter((r) => r.status === 'CREATED').map((r) => toLink(r)));
  const updated = stored.filter((r) => r.status === 'UPDATED');
  const alone = await aloneInTheirAccount(tx, updated.map((r) => r.id));
  await linkAccountRecords(tx, updated.filter((r) => alone.has(r.id)).map((r) => toLink(r, alone.get(r.id))));
  const known = await knownAccountRecords(tx, divisionId, sourceSystem, rows.map((r) => r.externalId));
  await refreshAccounts(tx, [...new Set(updated.map((r) => known.get(r.row.externalId)!.accountId))]);
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: known.get(r.externalId)!.accountId }]));
}

/**
 * Changed records that sit alone in their account and were not placed by a
 * person: new evidence may now link them (a rejected pair still never links).
 */
async function aloneInTheirAccount(tx: EntityManager, recordIds: string[]): Promise<Map<string, string>> {
  if (recordIds.length === 0) return new Map();
  const rows: { id: string; accountId: string }[] = await tx.query(
    `SELECT s.id, s.account_id AS "accountId" FROM source_account_record s
      WHERE s.id = ANY($1::uuid[]) AND s.link_status <> 'CONFIRMED'
        AND NOT EXISTS (SELECT 1 FROM source_account_record o WHERE o.account_id = s.account_id AND o.id <> s.id)`,
    [recordIds],
  );
  return new Map(rows.map((r) => [r.id, r.accountId]));
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
