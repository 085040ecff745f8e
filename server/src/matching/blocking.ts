import { DataSource, EntityManager } from 'typeorm';
import { AccountFeatures, ContactFeatures } from './features';

/**
 * Blocking: the candidate pairs worth scoring, found by index probes on exact
 * keys in PostgreSQL (`match_key`, see blocking-keys.ts), never by a scan of
 * all records. Measured: pg_trgm similarity blocking (GIN, `%`) cost about
 * 7 ms per record on 1,000 records with common words in their names, growing
 * with the table; key probes cost well under a millisecond at any size.
 * People also get their account's nearest few by trigram distance (GiST,
 * nearest-first, stopped after 10: about 0.06 ms per record), which finds
 * what no key does: a typo in every field.
 */
type Db = DataSource | EntityManager;

export interface AccountCandidate extends AccountFeatures {
  recordId: string;
  id: string;
  accountId: string | null;
}

const ACCOUNT_FEATURES = `c.id, c.account_id AS "accountId", c.name_norm AS "nameNorm", c.domains,
  c.registry_id AS "registryId", c.phone, c.address_norm AS "addressNorm", c.postal_code AS "postalCode",
  c.legal_form AS "legalForm"`;

/**
 * Candidate pairs through shared blocking keys: one probe per (record, key),
 * at most 40 records per key (a key that many records share is weak evidence,
 * and any of them leads to its cluster anyway); words and Soundex codes, which
 * many unrelated names share, bring at most 20 and 8 (measured: they made up most of
 * the rows the probes returned).
 */
const BLOCK_CAP = `CASE WHEN m.key LIKE 'A|w:%' THEN 20 WHEN m.key LIKE 'A|s:%' THEN 8 WHEN m.key LIKE 'C|%|s:%' THEN 15 ELSE 40 END`;
function candidateSql(table: string, features: string, moreHits = ''): string {
  return `WITH mine AS (SELECT k.record_id, k.key FROM match_key k WHERE k.record_id = ANY($1::uuid[])),
     hits AS (
       SELECT m.record_id, h.record_id AS candidate FROM mine m
        CROSS JOIN LATERAL (SELECT k.record_id FROM match_key k WHERE k.key = m.key AND k.record_id <> m.record_id ORDER BY k.record_id LIMIT ${BLOCK_CAP}) h
       ${moreHits ? `UNION ${moreHits}` : 'GROUP BY 1, 2'})
     SELECT hits.record_id AS "recordId", ${features} FROM hits JOIN ${table} c ON c.id = hits.candidate`;
}

/** A stored account record as blocking finds it: its features, and its account once linked. */
export interface StoredAccount extends AccountFeatures {
  id: string;
  accountId: string | null;
}

/** How many holders of a key one probe takes (see BLOCK_CAP: the same rule, for keys probed from here). */
export function keyCap(key: string): number {
  if (key.startsWith('A|w:')) return 20;
  if (key.startsWith('A|s:')) return 8;
  return /^C\|.*\|s:/s.test(key) ? 15 : 40;
}

/**
 * One probe per distinct key of the whole batch (a common word is probed once,
 * not once per record that has it): per key, in the order sent, its first
 * `take` holders by record id, an ordered scan of the primary key (key,
 * record_id) that stops early, however many records hold the key. Record ids
 * are time-ordered (ingest/ordered-id.ts), so these are the key's oldest
 * holders: the records already linked into the established accounts. (Until
 * then the crowded keys were read a second time in heap order, every holder of
 * the key: 23 ms per batch of 1,000 at 20,000 accounts, 70 ms at 60,000.)
 */
const holdersOf = (key: string, take: string) =>
  `ARRAY(SELECT k.record_id FROM match_key k WHERE k.key = ${key} COLLATE "C" ORDER BY k.record_id LIMIT ${take})`;

/**
 * The probe and the holders' features in one statement (one round trip
 * instead of two; $1 the keys, $2 how many holders of each to take; the
 * ingest bench EXPLAINs it). The holders come back as one text, keys separated by ";"
 * and ids by "," (splitting it costs far less than the driver's parsing of
 * thousands of uuid[] values), in a first row whose id is null; then one row
 * of features per distinct holder stored, fetched by primary key: `= ANY` of
 * an array the planner sees as one value (joined to the probes, it expected
 * hundreds of thousands of hits and sorted the whole table for a merge join).
 */
export const ACCOUNT_CANDIDATES_STATEMENT = `WITH probed AS MATERIALIZED (
    SELECT p.i, ${holdersOf('p.key', 'p.take')} AS ids
      FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS p(key, take, i))
  SELECT NULL::uuid AS id, NULL::uuid AS "accountId", NULL::text AS "nameNorm", NULL::text[] AS domains, NULL::text AS "registryId",
         NULL::text AS phone, NULL::text AS "addressNorm", NULL::text AS "postalCode", NULL::text AS "legalForm",
         (SELECT string_agg(array_to_string(h.ids, ','), ';' ORDER BY h.i) FROM probed h) AS holders
  UNION ALL
  SELECT ${ACCOUNT_FEATURES}, NULL FROM source_account_record c
   WHERE c.id = ANY (ARRAY(SELECT DISTINCT u.id FROM probed h, unnest(h.ids) AS u(id)))`;

/** An array literal of texts written here (the driver's conversion of thousands of strings costs more): quoted, `\\` and `"` escaped. */
function textLiteral(values: readonly string[]): string {
  return `{${values.map(quoted).join(',')}}`;
}

/** A text as an element of an array literal: quoted, `\\` and `"` escaped (keys seldom have either: no regular expression then). */
function quoted(v: string): string {
  return v.indexOf('"') < 0 && v.indexOf('\\') < 0 ? `"${v}"` : `"${v.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Per key, the holders its probe takes (its first cap + 1 by record id: one
 * more than the cap, in case the record itself is among them), and the
 * features of every holder stored.
 */
async function probeKeys(db: Db, keys: string[]): Promise<{ holders: string[][]; stored: StoredAccount[] }> {
  const rows: (StoredAccount & { holders: string | null })[] = await db.query(ACCOUNT_CANDIDATES_STATEMENT, [textLiteral(keys), `{${keys.map((k) => keyCap(k) + 1).join(',')}}`]);
  const head = rows.find((r) => r.id === null)!;
  const holders = (head.holders ?? '').split(';').map((ids) => (ids === '' ? [] : ids.split(',')));
  return { holders, stored: rows.filter((r) => r.id !== null).map(({ holders: _, ...c }) => c) };
}

/**
 * Candidate account records of each record (keys written) from its blocking
 * keys: per (record, key) the first `cap` holders of the key other than the
 * record, by record id (oldest first). Candidates are
 * shared objects: one per record found, whichever records found it.
 * `unstored`: records whose rows are not stored (this batch's new records,
 * inserted once linked), as the features select would have returned them:
 * not linked yet. Their keys need not be written: they find each other here
 * as the probe would have found them (addUnwritten). `whileProbing`: work
 * done once the probe is sent, while PostgreSQL runs it (statements it sends
 * run after the probe).
 */
export async function accountCandidatesByKeys(
  db: Db, records: readonly { id: string; keys: readonly string[] }[], unstored: ReadonlyMap<string, StoredAccount> = new Map(),
  whileProbing?: () => void,
): Promise<Map<string, StoredAccount[]>> {
  const found = new Map<string, StoredAccount[]>(records.map((r) => [r.id, []]));
  const keys = [...new Set(records.flatMap((r) => r.keys))];
  if (keys.length === 0) {
    whileProbing?.();
    return found;
  }
  const probing = probeKeys(db, keys);
  if (whileProbing) {
    // Awaited below: a failure is reported there, not as unhandled meanwhile.
    probing.catch(() => undefined);
    // The probe is on its way first: a statement sent now runs after it.
    await new Promise((resolve) => setImmediate(resolve));
    whileProbing();
  }
  const { holders, stored } = await probing;
  addUnwritten(keys, holders, records.filter((r) => unstored.has(r.id)));
  const byId = new Map<string, StoredAccount>(unstored);
  for (const c of stored) byId.set(c.id, c);
  // Each distinct holder numbered once: the walks below compare and mark numbers, not 36-character ids.
  const slot = new Map<string, number>();
  const holder: (StoredAccount | undefined)[] = [];
  const numbered = holders.map((ids) => {
    const out = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      let n = slot.get(ids[i]);
      if (n === undefined) {
        slot.set(ids[i], (n = holder.length));
        holder.push(byId.get(ids[i]));
      }
      out[i] = n;
    }
    return out;
  });
  const walk: Walk = { keyIndex: new Map(keys.map((k, i) => [k, i])), caps: keys.map(keyCap), numbered, holder, takenBy: new Int32Array(holder.length).fill(-1) };
  records.forEach((r, n) => found.set(r.id, takeCandidates(walk, r.keys, n, slot.get(r.id) ?? -1)));
  return found;
}

/**
 * Adds to each key's holders this batch's unstored records that have the key
 * and are not among them: their keys may not be written yet (see
 * linkAccountRecords). Merged in by id, as the probe orders them (uuid text
 * compares as the uuid does), so the list starts as the probe would have read
 * it with their keys written: usually after every stored holder (time-ordered
 * ids made under the linking lock), but not always (records stored with
 * random ids, another hub's clock behind). A list the probe filled to its take
 * holds enough holders before any that would not have been read.
 */
function addUnwritten(keys: readonly string[], holders: string[][], unwritten: readonly { id: string; keys: readonly string[] }[]): void {
  if (unwritten.length === 0) return;
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  const added = new Map<number, string[]>();
  for (const r of [...unwritten].sort((a, b) => byId(a.id, b.id))) {
    for (const key of r.keys) {
      const k = keyIndex.get(key)!;
      (added.get(k) ?? added.set(k, []).get(k)!).push(r.id);
    }
  }
  for (const [k, ids] of added) {
    const merged = mergeById(holders[k], ids);
    if (merged !== null) holders[k] = merged;
  }
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Two lists of distinct ids in id order, as one, an id in both taken once; null when `b` adds none. (The same as
 * merging `a` with the ids of `b` not in `a`, without a set of `a` per key.)
 */
function mergeById(a: readonly string[], b: readonly string[]): string[] | null {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let added = false;
  while (i < a.length && j < b.length) {
    const order = byId(a[i], b[j]);
    if (order === 0) j++;
    else if (order < 0) out.push(a[i++]);
    else {
      out.push(b[j++]);
      added = true;
    }
  }
  while (i < a.length) out.push(a[i++]);
  if (j < b.length) added = true;
  while (j < b.length) out.push(b[j++]);
  return added ? out : null;
}

/** The batch's keys (index, cap, holders by number) and the holders, with the last record that took each. */
interface Walk {
  keyIndex: Map<string, number>;
  caps: number[];
  numbered: Int32Array[];
  holder: (StoredAccount | undefined)[];
  takenBy: Int32Array;
}

/** Record `n`'s candidates: per key the first `cap` holders other than itself (`self`), each once, in key order. */
function takeCandidates(walk: Walk, keys: readonly string[], n: number, self: number): StoredAccount[] {
  const out: StoredAccount[] = [];
  for (const key of keys) {
    const k = walk.keyIndex.get(key)!;
    const cap = walk.caps[k];
    const list = walk.numbered[k];
    let taken = 0;
    for (let i = 0; i < list.length && taken < cap; i++) {
      const h = list[i];
      if (h === self) continue;
      taken++;
      // A holder without an account record (none: account keys start with "A|") takes its place and is dropped, as the join did.
      const candidate = walk.holder[h];
      if (!candidate || walk.takenBy[h] === n) continue;
      walk.takenBy[h] = n;
      out.push(candidate);
    }
  }
  return out;
}

/** Candidate account records for each of `recordIds` (stored records, keys written), with their features. */
export async function accountCandidates(db: Db, recordIds: readonly string[]): Promise<AccountCandidate[]> {
  if (recordIds.length === 0) return [];
  const rows: { id: string; keys: string[] }[] = await db.query(
    `SELECT record_id AS id, array_agg(key ORDER BY key) AS keys FROM match_key WHERE record_id = ANY($1::uuid[]) GROUP BY record_id`,
    [recordIds],
  );
  const found = await accountCandidatesByKeys(db, rows);
  return [...found].flatMap(([recordId, list]) => list.map((c) => ({ ...c, recordId })));
}

/** The candidate pairs of `recordIds`, for measuring blocking recall. */
export async function accountCandidatePairs(db: Db, recordIds: readonly string[]): Promise<{ recordId: string; candidateId: string }[]> {
  return (await accountCandidates(db, recordIds)).map((c) => ({ recordId: c.recordId, candidateId: c.id }));
}

export interface ContactCandidate extends ContactFeatures {
  recordId: string;
  id: string;
  accountId: string | null;
  stakeholderId: string | null;
}

const CONTACT_FEATURES = `c.id, c.account_id AS "accountId", c.stakeholder_id AS "stakeholderId", c.name_key AS "nameKey",
  c.first_key AS "firstKey", c.last_key AS "lastKey", c.emails, c.phones, to_char(c.birthday, 'YYYY-MM-DD') AS birthday, c.city, c.other_names AS "otherNames"`;

/** Stored contact records by id, with their features, account and person (as candidates are read). */
export async function contactRecords(db: Db, recordIds: readonly string[]): Promise<Omit<ContactCandidate, 'recordId'>[]> {
  if (recordIds.length === 0) return [];
  return db.query(`SELECT ${CONTACT_FEATURES} FROM source_contact_record c WHERE c.id = ANY($1::uuid[])`, [recordIds]);
}

/**
 * Candidate contact records: the same email or phone anywhere (people move
 * between customers); within the same account a shared name or its Soundex
 * (either name, in either field), birthday, birth month, first name and birth
 * year, or email mailbox name (contactBlockingKeys); and the people of the
 * account most alike in all of these at once (NEAREST_PEOPLE).
 */
export async function contactCandidates(db: Db, recordIds: readonly string[]): Promise<ContactCandidate[]> {
  if (recordIds.length === 0) return [];
  return db.query(candidateSql('source_contact_record', CONTACT_FEATURES, NEAREST_PEOPLE), [recordIds]);
}

/**
 * How many nearest people of its account each contact record is compared
 * with. Measured on splink's fake_1000 (one account): the 5 nearest hold 95%
 * of the true pairs, the 10 nearest 99%, the 20 nearest 99.6%.
 */
export const NEAREST_PEOPLE_COUNT = 10;

/**
 * And only those at least this alike (pg_trgm similarity): in a small
 * account, its 10 nearest are everyone, strangers included. On fake_1000
 * every true pair among the 10 nearest is at least 0.15 alike.
 */
export const NEAREST_PEOPLE_SIMILARITY = 0.15;

/**
 * Accounts with more contact records than this are left to the keys alone.
 * The nearest-first scan costs in proportion to the account's people (many
 * share trigrams: years, cities): measured per new record about 1.4 ms at
 * 1,000 people, 5 ms at 5,000, 30 ms at 22,000; a batch of 1,000 new contacts
 * of one such customer would spend half a minute here. Counted up to one past
 * the limit, once per account of the batch.
 */
export const NEAREST_PEOPLE_MAX_ACCOUNT = 2000;

/**
 * Each record's nearest people of its account by trigram distance of their
 * likeness text (contactLikeness): a nearest-first scan of
 * source_contact_record_likeness_idx that stays in the account.
 */
const NEAREST_PEOPLE = `SELECT r.id, n.id FROM source_contact_record r
  CROSS JOIN LATERAL (SELECT c.id FROM source_contact_record c
                       WHERE c.account_id = r.account_id AND c.id <> r.id AND c.likeness IS NOT NULL
                         AND c.likeness <-> r.likeness < ${1 - NEAREST_PEOPLE_SIMILARITY}
                       ORDER BY c.likeness <-> r.likeness LIMIT ${NEAREST_PEOPLE_COUNT}) n
  WHERE r.id = ANY($1::uuid[]) AND r.likeness IS NOT NULL
    AND r.account_id IN (SELECT s.account_id FROM (SELECT DISTINCT account_id FROM source_contact_record WHERE id = ANY($1::uuid[])) s
                          WHERE (SELECT count(*) FROM (SELECT 1 FROM source_contact_record x WHERE x.account_id = s.account_id
                                                        LIMIT ${NEAREST_PEOPLE_MAX_ACCOUNT + 1}) y) <= ${NEAREST_PEOPLE_MAX_ACCOUNT})`;

/**
 * Replaces the blocking keys of these records (`fresh` ones have none yet:
 * nothing to delete, and their keys, distinct per record, cannot collide with
 * a stored row, so they go in with a plain INSERT, cheaper than ON CONFLICT's
 * speculative insertion).
 */
export async function writeBlockingKeys(db: Db, records: { id: string; keys: readonly string[]; fresh: boolean }[]): Promise<void> {
  if (records.length === 0) return;
  const fresh = records.filter((r) => r.fresh);
  const known = records.filter((r) => !r.fresh);
  if (known.length > 0) await db.query(`DELETE FROM match_key WHERE record_id = ANY($1::uuid[])`, [known.map((r) => r.id)]);
  for (const [list, onConflict] of [[fresh, ''], [known, ' ON CONFLICT DO NOTHING']] as const) {
    if (!list.some((r) => r.keys.length > 0)) continue;
    await db.query(`INSERT INTO match_key (key, record_id) SELECT * FROM unnest($1::text[], $2::uuid[])${onConflict}`, keyArrays(list));
  }
}

/**
 * The keys and their record ids as two array literals written here (the
 * driver's own conversion of ten thousand strings cost more than the insert's
 * parsing of them): every key quoted, `\\` and `"` escaped.
 */
function keyArrays(records: readonly { id: string; keys: readonly string[] }[]): [string, string] {
  const keys: string[] = [];
  const ids: string[] = [];
  for (const r of records) {
    for (const k of r.keys) {
      keys.push(quoted(k));
      ids.push(r.id);
    }
  }
  return [`{${keys.join(',')}}`, `{${ids.join(',')}}`];
}

/** Contact keys are scoped by account: when contacts move to another account, their keys move too. */
export async function rescopeContactKeys(db: Db, contactIds: readonly string[], from: string, to: string): Promise<void> {
  if (contactIds.length === 0) return;
  await db.query(
    `UPDATE match_key SET key = 'C|' || $3 || substr(key, length('C|' || $2) + 1)
      WHERE record_id = ANY($1::uuid[]) AND key LIKE 'C|' || $2 || '|%'`,
    [contactIds, from, to],
  );
}

export async function contactCandidatePairs(db: Db, recordIds: readonly string[]): Promise<{ recordId: string; candidateId: string }[]> {
  return (await contactCandidates(db, recordIds)).map((c) => ({ recordId: c.recordId, candidateId: c.id }));
}
