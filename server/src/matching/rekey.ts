import { DataSource, EntityManager } from 'typeorm';
import { lockAccountLinking, refreshAccounts } from './account-linker';
import { writeBlockingKeys } from './blocking';
import { accountBlockingKeys, contactBlockingKeys } from './blocking-keys';
import { lockContactLinking, refreshStakeholderPhones } from './contact-linker';
import { ACCOUNT_FEATURE_COLUMNS, CONTACT_FEATURE_COLUMNS, FeatureColumn } from './feature-columns';
import { contactAsRead } from '../ingest/validation';
import { AccountFacts, accountFeatures, ContactFacts, contactFeatures } from './features';
import { COURT_SEPARATOR, sameCourt } from './normalize/registry-id';

/**
 * Re-keying: the matching features and blocking keys of stored source records
 * computed again from what their systems sent (`raw`), with today's
 * normalisation and keys. A rules version that changes either leaves the
 * records stored before it with the old ones until they are sent again, so
 * new records would not find them, or compare with stale names. Links stay
 * as they are: who is linked to whom was decided (and perhaps confirmed by a
 * person); only how later records find and compare these changes.
 *
 * Batch by batch in key order, each in its own transaction under the linking
 * lock of its kind (ingest reads keys and features under the same lock), so
 * it can run beside ingest and be stopped and run again at any point.
 */
export interface RekeyCount {
  records: number;
  /** Records whose stored features differed and were rewritten. */
  features: number;
  /** Records whose blocking keys differed and were rewritten. */
  keys: number;
}

export interface RekeySummary {
  accounts: RekeyCount;
  contacts: RekeyCount;
}

export interface RekeyOptions {
  batchSize?: number;
  /** After each batch: the kind and how many of its records are done. */
  progress?: (kind: 'accounts' | 'contacts', done: number) => void;
  /** Now, by the hub's Clock (a contact's birthday after it is none yet, as ingest reads it); default: the machine's (the CLI's). */
  now?: Date;
}

/** One kind of source record: its table, lock, stored feature columns and keys, from raw. */
interface RecordKind<F> {
  table: 'source_account_record' | 'source_contact_record';
  lock: (tx: EntityManager) => Promise<void>;
  columns: readonly FeatureColumn<F>[];
  features: (raw: Record<string, unknown>, now: Date) => F;
  /** Its blocking keys; a contact's are scoped by its account (a contact without one has none). */
  keys: (f: F, accountId: string | null) => string[];
}

const ACCOUNTS: RecordKind<ReturnType<typeof accountFeatures>> = {
  table: 'source_account_record',
  lock: lockAccountLinking,
  columns: ACCOUNT_FEATURE_COLUMNS,
  features: (raw) => accountFeatures(raw as unknown as AccountFacts),
  keys: (f) => accountBlockingKeys(f),
};

const CONTACTS: RecordKind<ReturnType<typeof contactFeatures>> = {
  table: 'source_contact_record',
  lock: lockContactLinking,
  columns: CONTACT_FEATURE_COLUMNS,
  // As ingest reads it: a name written "Bob Smithers <bob@…>" gives its address (contact-writer.ts; rekey dropped it).
  features: (raw, now) => contactFeatures(contactAsRead(raw as unknown as ContactFacts & { name: string; emails?: string[] | null }), now),
  keys: (f, accountId) => (accountId ? contactBlockingKeys(f, accountId) : []),
};

interface StoredRecord {
  id: string;
  accountId: string | null;
  /** A contact record's person (null for an account record, or a contact not linked yet). */
  stakeholderId: string | null;
  raw: Record<string, unknown>;
  stored: unknown[];
  keys: string[];
}

export async function rekeyRecords(ds: DataSource, options: RekeyOptions = {}): Promise<RekeySummary> {
  const batchSize = options.batchSize ?? 1000;
  const now = options.now ?? new Date();
  return {
    accounts: await rekeyKind(ds, ACCOUNTS, batchSize, now, (done) => options.progress?.('accounts', done)),
    contacts: await rekeyKind(ds, CONTACTS, batchSize, now, (done) => options.progress?.('contacts', done)),
  };
}

async function rekeyKind<F>(ds: DataSource, kind: RecordKind<F>, batchSize: number, now: Date, progress: (done: number) => void): Promise<RekeyCount> {
  const count: RekeyCount = { records: 0, features: 0, keys: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const last = await ds.transaction(async (tx) => {
      await kind.lock(tx);
      const batch = await readBatch(tx, kind, after, batchSize);
      await rewrite(tx, kind, batch, count, now);
      return batch.at(-1)?.id;
    });
    if (!last) return count;
    after = last;
    progress(count.records);
  }
}

async function readBatch<F>(tx: EntityManager, kind: RecordKind<F>, after: string, limit: number): Promise<StoredRecord[]> {
  // Dates as text, so a stored birthday compares with the one computed from raw ("YYYY-MM-DD").
  const select = kind.columns.map(([c, type]) => (type === 'date' ? `to_char(s.${c}, 'YYYY-MM-DD')` : `s.${c}`));
  const person = kind.table === 'source_contact_record' ? 's.stakeholder_id' : 'NULL::uuid';
  const rows: { id: string; account_id: string | null; stakeholder_id: string | null; raw: Record<string, unknown>; stored: unknown[]; keys: string[] }[] = await tx.query(
    `SELECT s.id, s.account_id, ${person} AS stakeholder_id, s.raw, json_build_array(${select.join(', ')}) AS stored,
            ARRAY(SELECT k.key FROM match_key k WHERE k.record_id = s.id) AS keys
       FROM ${kind.table} s WHERE s.id > $1 ORDER BY s.id LIMIT $2`,
    [after, limit],
  );
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, stakeholderId: r.stakeholder_id, raw: r.raw, stored: r.stored, keys: r.keys }));
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function rewrite<F>(tx: EntityManager, kind: RecordKind<F>, batch: StoredRecord[], count: RekeyCount, now: Date): Promise<void> {
  const changedFeatures: { id: string; values: unknown[] }[] = [];
  const changedKeys: { id: string; keys: string[]; fresh: boolean }[] = [];
  for (const record of batch) {
    count.records++;
    const features = kind.features(record.raw, now);
    const values = kind.columns.map(([, , value]) => value(features));
    if (!sameJson(values, record.stored)) changedFeatures.push({ id: record.id, values });
    const keys = [...new Set(kind.keys(features, record.accountId))].sort(byCodePoint);
    if (!sameJson(keys, [...record.keys].sort(byCodePoint))) changedKeys.push({ id: record.id, keys, fresh: false });
  }
  count.features += changedFeatures.length;
  count.keys += changedKeys.length;
  await updateFeatures(tx, kind, changedFeatures);
  await writeBlockingKeys(tx, changedKeys);
  // What an account shows from its records (domains, registry id, industry) is computed from their features: an account
  // whose records changed gets it again (after fs-12 an account kept "NONE" as its registry id, or a web host's domain).
  // Likewise a person's phones (fs-13 keeps two numbers that differ only before their last nine digits).
  const changed = new Set(changedFeatures.map((c) => c.id));
  if (kind.table === 'source_account_record') {
    await refreshAccounts(tx, [...new Set(batch.filter((r) => changed.has(r.id) && r.accountId).map((r) => r.accountId!))]);
  } else {
    await refreshStakeholderPhones(tx, [...new Set(batch.filter((r) => changed.has(r.id) && r.stakeholderId).map((r) => r.stakeholderId!))]);
  }
}

/** The new feature values, one JSON document for the batch (re-keying is rare: clarity over speed). */
async function updateFeatures<F>(tx: EntityManager, kind: RecordKind<F>, rows: { id: string; values: unknown[] }[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = kind.columns.map(([c]) => c);
  const records = rows.map((r) => Object.fromEntries([['id', r.id], ...columns.map((c, i) => [c, r.values[i]])]));
  await tx.query(
    // updated_at stays: it says when the division's system last changed the record (the latest title is read by it).
    `UPDATE ${kind.table} s SET ${columns.map((c) => `${c} = x.${c}`).join(', ')}
       FROM json_to_recordset($1::json) AS x(id uuid, ${kind.columns.map(([c, type]) => `${c} ${type}`).join(', ')})
      WHERE s.id = x.id`,
    [JSON.stringify(records)],
  );
}

/** An account whose records give one register number at two courts (ids as the records wrote them). */
export interface AccountOfTwoCourts {
  accountId: string;
  name: string;
  registryIds: string[];
}

/**
 * Accounts whose records give one German register number at two courts: two companies that rules before fs-14 (the
 * court dropped) linked on the number. Re-keying leaves links as they are, so a person splits them (the CLI lists them).
 */
export async function accountsOfTwoCourts(ds: DataSource | EntityManager): Promise<AccountOfTwoCourts[]> {
  const rows: { accountId: string; name: string; ids: string[]; given: string[] }[] = await ds.query(
    `SELECT s.account_id AS "accountId", a.name, array_agg(s.registry_id ORDER BY s.registry_id) AS ids,
            array_agg(coalesce(nullif(btrim(s.raw->>'registryId'), ''), s.registry_id) ORDER BY s.registry_id) AS given
       FROM source_account_record s JOIN account a ON a.id = s.account_id
      WHERE s.registry_id LIKE '%' || $1 || '%'
      GROUP BY s.account_id, a.name, split_part(s.registry_id, $1, 1)
     HAVING count(DISTINCT s.registry_id) > 1
      ORDER BY a.name, s.account_id`,
    [COURT_SEPARATOR],
  );
  const court = (id: string) => id.slice(id.indexOf(COURT_SEPARATOR) + 1);
  const found = new Map<string, AccountOfTwoCourts>();
  for (const r of rows) {
    if (!r.ids.some((a) => r.ids.some((b) => !sameCourt(court(a), court(b))))) continue;
    const account = found.get(r.accountId) ?? { accountId: r.accountId, name: r.name, registryIds: [] };
    account.registryIds.push(...new Set(r.given));
    found.set(r.accountId, account);
  }
  return [...found.values()];
}
