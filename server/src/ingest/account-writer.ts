import { EntityManager } from 'typeorm';
import { linkAccountRecords, lockAccountLinking, refreshAccounts } from '../matching/account-linker';
import { writeBlockingKeys } from '../matching/blocking';
import { accountBlockingKeys } from '../matching/blocking-keys';
import { Decision } from '../matching/clustering';
import { ACCOUNT_FEATURE_COLUMNS, featureColumnTypes, featureColumnValues } from '../matching/feature-columns';
import { accountFeatures } from '../matching/features';
import { MATCH_RULES } from '../matching/rules';
import { AccountRecordInput } from './ingest.types';
import { rowsByExternalIds } from './natural-key';
import { orderedId } from './ordered-id';
import { canonical, contentHash } from './validation';
import { ExtraColumns, insertNewRows, SourceRow, storedRows, StoredRows, UpsertOutcome, versionedUpsert, VersionedTable } from './versioned-upsert';

const ACCOUNT_RECORDS: VersionedTable = {
  table: 'source_account_record',
  kind: 'ACCOUNT',
  columns: { name: 'text', raw: 'jsonb', ...featureColumnTypes(ACCOUNT_FEATURE_COLUMNS) },
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
    values: { name: input.name.trim(), raw, ...featureColumnValues(ACCOUNT_FEATURE_COLUMNS, features) },
  };
}

/** What a new record's row gets besides its values: its id, chosen here, and its link, decided before it is inserted. */
const LINK_COLUMNS: ExtraColumns = {
  typed: { id: 'uuid', account_id: 'uuid', link_status: 'text', link_score: 'real', link_evidence: 'jsonb', link_rule_version: 'text' },
  constant: { linked_at: 'now()' },
};

/** New records' rows with their ids and decisions, as LINK_COLUMNS takes them (written into the rows' own values: they are this call's). */
function linkedRows(records: readonly { id: string; row: SourceRow }[], decisions: readonly Decision[], version: string): SourceRow[] {
  const decided = new Map(decisions.map((d) => [d.recordId, d]));
  return records.map(({ id, row }) => {
    const d = decided.get(id)!;
    const values = row.values;
    values.id = id;
    values.account_id = d.clusterId;
    values.link_status = d.status;
    values.link_score = d.best?.score.score ?? null;
    values.link_evidence = d.best?.score ?? null;
    values.link_rule_version = version;
    return row;
  });
}

/** A record that looks new: the id it will have and its blocking keys. */
interface FreshRecord {
  row: ReturnType<typeof toRow>;
  id: string;
  keys: string[];
}

/**
 * Which of these records the table holds, and the keys of those that look
 * new, written before the account linking lock is taken: the index inserts
 * (a tenth of a batch's time) then overlap with another ingest's linking
 * instead of queueing behind it, and nothing is lost, as keys not committed
 * are invisible to others anyway. New records are only ever stored under the
 * lock (they go in already linked): once it is taken they are asked about
 * again, so one stored by a concurrent ingest of the same records (committed
 * when it let the lock go) counts as stored, not as new, and the keys written
 * for it here are taken back.
 */
async function storedUnderLock(tx: EntityManager, divisionId: string, sourceSystem: string, rows: ReturnType<typeof toRow>[]): Promise<{ stored: StoredRows; fresh: FreshRecord[] }> {
  const stored = await storedRows(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, rows.map((r) => r.externalId));
  const looksNew = rows.filter((r) => !stored.has(r.externalId)).map((row) => ({ row, id: orderedId(), keys: accountBlockingKeys(row.features) }));
  if (looksNew.length === 0) return { stored, fresh: [] };
  await writeBlockingKeys(tx, looksNew.map((f) => ({ id: f.id, keys: f.keys, fresh: true })));
  await lockAccountLinking(tx);
  const raced = await storedRows(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, looksNew.map((f) => f.row.externalId));
  if (raced.size === 0) return { stored, fresh: looksNew };
  for (const [externalId, row] of raced) stored.set(externalId, row);
  const [fresh, taken] = [looksNew.filter((f) => !raced.has(f.row.externalId)), looksNew.filter((f) => raced.has(f.row.externalId))];
  await writeBlockingKeys(tx, taken.map((f) => ({ id: f.id, keys: [], fresh: false })));
  return { stored, fresh };
}

/**
 * Stores account records and resolves the new ones to accounts. A new record
 * is linked before it is stored (its id made here) and inserted with its
 * link. A changed record keeps its link (a person may have confirmed it); its
 * account's derived fields are recomputed.
 */
export async function writeAccounts(tx: EntityManager, divisionId: string, sourceSystem: string, inputs: AccountRecordInput[]): Promise<Map<string, AccountLanding>> {
  const rows = inputs.map(toRow);
  const { stored: known, fresh } = await storedUnderLock(tx, divisionId, sourceSystem, rows);
  const outcome = await versionedUpsert(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, rows.filter((r) => known.has(r.externalId)), known);
  for (const f of fresh) outcome.set(f.row.externalId, { id: f.id, status: 'CREATED' });
  const changed = rows.map((r) => ({ row: r, ...outcome.get(r.externalId)! })).filter((r) => r.status === 'UPDATED')
    .map((r) => ({ ...r, keys: accountBlockingKeys(r.row.features) }));
  await writeBlockingKeys(tx, changed.map((r) => ({ id: r.id, keys: r.keys, fresh: false })));
  const industry = new Map(inputs.map((i) => [i.externalId, i.industry ?? null]));
  const toLink = (r: { row: ReturnType<typeof toRow>; id: string; keys: string[] }, accountId?: string) => ({
    id: r.id, name: String(r.row.values.name), industry: industry.get(r.row.externalId) ?? null, features: r.row.features, keys: r.keys, accountId,
  });
  const decisions = await linkAccountRecords(tx, fresh.map((r) => toLink(r)), MATCH_RULES, (decided, version) =>
    insertNewRows(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, linkedRows(fresh, decided, version), LINK_COLUMNS));
  const alone = await aloneInTheirAccount(tx, changed.map((r) => r.id));
  const relinked = changed.filter((r) => alone.has(r.id));
  await linkAccountRecords(tx, relinked.map((r) => toLink(r, alone.get(r.id))));
  const landed = await landedAccounts(tx, divisionId, sourceSystem, rows, relinked.length > 0 ? [] : decisions, outcome);
  await refreshAccounts(tx, [...new Set(changed.map((r) => landed.get(r.row.externalId)!.accountId))]);
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: landed.get(r.externalId)!.accountId }]));
}

/**
 * The account of every record once linking is done. A new record's is its
 * decision's, unless a changed record was linked after it (that can fold the
 * account it joined into another): then, as for the others, the table says.
 */
async function landedAccounts(
  tx: EntityManager, divisionId: string, sourceSystem: string, rows: readonly SourceRow[], decisions: readonly Decision[], outcome: Map<string, UpsertOutcome>,
): Promise<Map<string, KnownAccountRecord>> {
  const decided = new Map(decisions.map((d) => [d.recordId, d.clusterId]));
  const ask = rows.filter((r) => !decided.has(outcome.get(r.externalId)!.id)).map((r) => r.externalId);
  const landed = await knownAccountRecords(tx, divisionId, sourceSystem, ask);
  for (const r of rows) {
    const recordId = outcome.get(r.externalId)!.id;
    const accountId = decided.get(recordId);
    if (accountId) landed.set(r.externalId, { recordId, accountId });
  }
  return landed;
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
    `SELECT s.external_id AS "externalId", s.id AS "recordId", s.account_id AS "accountId"
       FROM ${rowsByExternalIds('source_account_record', 's', { ids: '$3' })} WHERE s.account_id IS NOT NULL`,
    [divisionId, sourceSystem, [...new Set(externalIds)]],
  );
  return new Map(rows.map(({ externalId, ...row }) => [externalId, row]));
}
