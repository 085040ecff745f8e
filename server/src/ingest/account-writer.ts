import { EntityManager } from 'typeorm';
import { nameKey } from '../accounts/name-key';
import { linkAccountRecords, lockAccountLinking, refreshAccounts } from '../matching/account-linker';
import { writeBlockingKeys } from '../matching/blocking';
import { accountBlockingKeys } from '../matching/blocking-keys';
import { Decision } from '../matching/clustering';
import { ACCOUNT_FEATURE_COLUMNS, featureColumnTypes, featureColumnValues } from '../matching/feature-columns';
import { accountFeatures } from '../matching/features';
import { AccountRecordInput } from './ingest.types';
import { rowsByExternalIds } from './natural-key';
import { orderedId } from './ordered-id';
import { contentHash, formerContentHashes, hashForm, sourceUpdatedAtOf, versionContent } from './validation';
import { ExtraColumns, prepareNewRows, settledByStored, SourceRow, storedOtherwise, storedRows, StoredRows, UpsertOutcome, versionedUpsert, VersionedTable } from './versioned-upsert';

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
  const raw = versionContent(input);
  const hash = contentHash(hashForm(raw));
  const features = accountFeatures(input);
  return {
    externalId: input.externalId,
    hash,
    sourceUpdatedAt: sourceUpdatedAtOf(input),
    features,
    values: { name: input.name.trim(), raw, ...featureColumnValues(ACCOUNT_FEATURE_COLUMNS, features) },
  };
}

/** Records mapped in this many at a time between turns of the event loop (mapBetweenStatements). */
const SLICE = 100;

/**
 * `items.map(f)`, giving the event loop a turn before every SLICE items: a
 * statement asked for just before goes out first, and those after it (a
 * lookup, then the lock and the lookup under it) get their answers and send
 * the next while this maps, instead of waiting for the end.
 */
async function mapBetweenStatements<T, U>(items: readonly T[], f: (item: T) => U): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    await new Promise((resolve) => setImmediate(resolve));
    for (let j = i; j < Math.min(i + SLICE, items.length); j++) out.push(f(items[j]));
  }
  return out;
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

/**
 * Which of these records the table holds. New records are only ever stored
 * under the account linking lock (they go in already linked): when some look
 * new, the lock is taken and they are asked about again, so one stored by a
 * concurrent ingest of the same records (committed when it let the lock go)
 * counts as stored, not as new.
 */
async function storedUnderLock(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<StoredRows> {
  const stored = await storedRows(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, externalIds);
  const missing = externalIds.filter((id) => !stored.has(id));
  if (missing.length === 0) return stored;
  await lockAccountLinking(tx);
  for (const [externalId, row] of await storedRows(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, missing)) stored.set(externalId, row);
  return stored;
}

/**
 * Stores account records and resolves the new ones to accounts. A new record
 * is linked before it is stored (its id made here) and inserted with its
 * link. A changed record keeps its link (a person may have confirmed it); its
 * account's derived fields are recomputed. `now`: the hub's Clock's (linkAccountRecords).
 */
export async function writeAccounts(
  tx: EntityManager, divisionId: string, sourceSystem: string, inputs: AccountRecordInput[], now = new Date(),
): Promise<Map<string, AccountLanding>> {
  if (inputs.length === 0) return new Map();
  // The records' features and hashes are made while PostgreSQL looks them up (it needs their external ids only).
  const lookingUp = storedUnderLock(tx, divisionId, sourceSystem, inputs.map((i) => i.externalId));
  // Awaited below: a failure is reported there, not as unhandled meanwhile.
  lookingUp.catch(() => undefined);
  const rows = await mapBetweenStatements(inputs, toRow);
  const known = await lookingUp;
  // The hashes versions before stored for the same content, only for records stored under another hash (storedOtherwise).
  rows.forEach((r, i) => {
    if (storedOtherwise(known, r.externalId, r.hash)) r.formerHashes = formerContentHashes(inputs[i], { hash: r.hash });
  });
  const changing = rows.filter((r) => known.has(r.externalId) && !settledByStored(known.get(r.externalId), r));
  const named = await accountsNamedBy(tx, changing.map((r) => known.get(r.externalId)!.id));
  const outcome = await versionedUpsert(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, rows.filter((r) => known.has(r.externalId)), known);
  // Those updated: one found older than the stored version once locked (versionedUpsert) renames nothing.
  const changed = changing.filter((r) => outcome.get(r.externalId)!.status === 'UPDATED');
  await renameAccounts(tx, named, new Map(changed.map((r) => [known.get(r.externalId)!.id, String(r.values.name)])));
  for (const r of rows) if (!known.has(r.externalId)) outcome.set(r.externalId, { id: orderedId(), status: 'CREATED' });
  const stored = rows.map((r) => ({ row: r, ...outcome.get(r.externalId)! })).filter((r) => r.status !== 'UNCHANGED')
    .map((r) => ({ ...r, keys: accountBlockingKeys(r.row.features) }));
  // New records' keys are written by linking, as it scores them.
  await writeBlockingKeys(tx, stored.filter((r) => r.status === 'UPDATED').map((r) => ({ id: r.id, keys: r.keys, fresh: false })));
  const input = new Map(inputs.map((i) => [i.externalId, i]));
  const toLink = (r: (typeof stored)[number], accountId?: string) => ({
    id: r.id, name: String(r.row.values.name), industry: input.get(r.row.externalId)?.industry ?? null, features: r.row.features, keys: r.keys, accountId,
    registryIdAsSent: input.get(r.row.externalId)?.registryId ?? null,
  });
  const created = stored.filter((r) => r.status === 'CREATED');
  // The rows' own columns are written into the insert while blocking probes (prepare); their links once decided.
  const prepareInsert = () => prepareNewRows(tx, ACCOUNT_RECORDS, divisionId, sourceSystem, created.map((r) => r.row), LINK_COLUMNS);
  let insertPrepared: (() => Promise<void>) | undefined;
  const decisions = await linkAccountRecords(tx, created.map((r) => toLink(r)), {
    insert: (decided, version) => {
      linkedRows(created, decided, version);
      return (insertPrepared ?? prepareInsert())();
    },
    prepare: () => {
      insertPrepared = prepareInsert();
    },
    now,
  });
  const updated = stored.filter((r) => r.status === 'UPDATED');
  const alone = await aloneInTheirAccount(tx, updated.map((r) => r.id));
  const relinked = updated.filter((r) => alone.has(r.id));
  await linkAccountRecords(tx, relinked.map((r) => toLink(r, alone.get(r.id))), { now });
  const landed = await landedAccounts(tx, divisionId, sourceSystem, rows, relinked.length > 0 ? [] : decisions, outcome);
  await refreshAccounts(tx, [...new Set(updated.map((r) => landed.get(r.row.externalId)!.accountId))]);
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: landed.get(r.externalId)!.accountId }]));
}

/** Of these (changed) records, those whose name is their account's: the account it names, and the name before. */
async function accountsNamedBy(tx: EntityManager, recordIds: string[]): Promise<{ recordId: string; accountId: string; name: string }[]> {
  if (recordIds.length === 0) return [];
  return tx.query(
    `SELECT s.id AS "recordId", a.id AS "accountId", a.name FROM source_account_record s JOIN account a ON a.id = s.account_id AND a.name = s.name
      WHERE s.id = ANY($1::uuid[])`, [recordIds]);
}

/**
 * An account follows the record it is named after: when that record's name changes, the account's does (found by
 * exploratory testing: an account made from the name a contact carried, "Carry Corporation Ltd", kept it after its own
 * record came as "Carry Corp", and a record renamed "… GmbH" → "… AG" left its account "… GmbH"). Other records'
 * names do not rename it: a merge or another division's spelling leaves the name people know it by.
 */
async function renameAccounts(tx: EntityManager, named: { recordId: string; accountId: string; name: string }[], now: Map<string, string>): Promise<void> {
  const renamed = named.filter((n) => now.has(n.recordId) && now.get(n.recordId) !== n.name);
  if (renamed.length === 0) return;
  const names = renamed.map((n) => now.get(n.recordId)!);
  await tx.query(
    `UPDATE account a SET name = x.name, name_key = x.name_key, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(id, before, name, name_key) WHERE a.id = x.id AND a.name = x.before`,
    [renamed.map((n) => n.accountId), renamed.map((n) => n.name), names, names.map(nameKey)]);
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

/**
 * The source records of these external ids with their accounts, for writing
 * rows into those accounts (contacts, touchpoints, opportunities, critical
 * info): the accounts are locked FOR KEY SHARE until commit. A merge or a
 * split locks the accounts it changes FOR UPDATE (accountMoves.lockAccounts)
 * and moves what it finds in them; rows written after it committed under the
 * account read before it would stay on the account merged away, or on the
 * side a split took their record from. So the accounts read are locked (a
 * merge or split under way is waited for) and the records read again, until
 * they are still where they were: then no merge or split can move them before
 * this transaction commits, and one that waits for it finds its rows. The
 * lock waits for no other ingest (their account updates take FOR NO KEY
 * UPDATE, which KEY SHARE does not conflict with), and is taken in id order,
 * as lockAccounts takes its locks.
 */
export async function lockedAccountRecords(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<Map<string, KnownAccountRecord>> {
  let known = await knownAccountRecords(tx, divisionId, sourceSystem, externalIds);
  for (;;) {
    if (known.size === 0) return known;
    const accountIds = [...new Set([...known.values()].map((r) => r.accountId))];
    await tx.query(`SELECT id FROM account WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`, [accountIds]);
    const again = await knownAccountRecords(tx, divisionId, sourceSystem, externalIds);
    if (again.size === known.size && [...again].every(([externalId, r]) => known.get(externalId)?.accountId === r.accountId)) return again;
    known = again;
  }
}

/** The class of the account-arrival locks (two-key advisory locks: this, and the division system's hash). */
const ACCOUNT_ARRIVAL_LOCK = 0x0c_a7_a1;

/**
 * Items and the account record they name, when they arrive in two
 * transactions at once, cannot see each other before they commit: the items
 * find no account and wait, and the account finds no item waiting for it, so
 * the items wait until their account is sent again (a division system that
 * pushes each record as it changes sends a new account and its first items
 * at once). So a batch that has created account records takes this lock (per
 * division system) before it takes the items waiting for them, and one whose
 * items name accounts it did not find takes it and looks for them again
 * before they wait: whichever comes second sees what the first committed.
 * Taken after the account linking lock and before the people and opportunity
 * locks, in every batch.
 */
export async function lockAccountArrival(tx: EntityManager, divisionId: string, sourceSystem: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2 || '/' || $3))`, [ACCOUNT_ARRIVAL_LOCK, divisionId, sourceSystem]);
}

/**
 * lockedAccountRecords for items about to land or wait: the account records
 * not found are looked for again under lockAccountArrival, so that an item
 * only waits for an account no batch has stored (or is storing) yet.
 */
export async function arrivedAccountRecords(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<Map<string, KnownAccountRecord>> {
  const known = await lockedAccountRecords(tx, divisionId, sourceSystem, externalIds);
  const missing = [...new Set(externalIds)].filter((id) => !known.has(id));
  if (missing.length === 0) return known;
  await lockAccountArrival(tx, divisionId, sourceSystem);
  for (const [externalId, record] of await lockedAccountRecords(tx, divisionId, sourceSystem, missing)) known.set(externalId, record);
  return known;
}
