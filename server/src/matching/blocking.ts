import { DataSource, EntityManager } from 'typeorm';
import { AccountFeatures, ContactFeatures } from './features';

/**
 * Blocking: the candidate pairs worth scoring, found by index probes on exact
 * keys in PostgreSQL (`match_key`, see blocking-keys.ts), never by a scan of
 * all records. Measured: pg_trgm similarity blocking (GIN, `%`) cost about
 * 7 ms per record on 1,000 records with common words in their names, growing
 * with the table; key probes cost well under a millisecond at any size.
 */
type Db = DataSource | EntityManager;

export interface AccountCandidate extends AccountFeatures {
  recordId: string;
  id: string;
  accountId: string | null;
}

const ACCOUNT_FEATURES = `c.id, c.account_id AS "accountId", c.name_norm AS "nameNorm", c.domains,
  c.registry_id AS "registryId", c.phone, c.address_norm AS "addressNorm", c.postal_code AS "postalCode"`;

/**
 * Candidate pairs through shared blocking keys: one probe per (record, key),
 * at most 40 records per key (a key that many records share is weak evidence,
 * and any of them leads to its cluster anyway); words and Soundex codes, which
 * many unrelated names share, bring at most 20 and 8 (measured: they made up most of
 * the rows the probes returned).
 */
const BLOCK_CAP = `CASE WHEN m.key LIKE 'A|w:%' THEN 20 WHEN m.key LIKE 'A|s:%' THEN 8 WHEN m.key LIKE 'C|%|s:%' THEN 15 ELSE 40 END`;
function candidateSql(table: string, features: string): string {
  return `WITH mine AS (SELECT k.record_id, k.key FROM match_key k WHERE k.record_id = ANY($1::uuid[])),
     hits AS (
       SELECT DISTINCT m.record_id, h.record_id AS candidate FROM mine m
        CROSS JOIN LATERAL (SELECT k.record_id FROM match_key k WHERE k.key = m.key AND k.record_id <> m.record_id LIMIT ${BLOCK_CAP}) h)
     SELECT hits.record_id AS "recordId", ${features} FROM hits JOIN ${table} c ON c.id = hits.candidate`;
}

/** Candidate account records for each of `recordIds` (stored records, keys written), with their features. */
export async function accountCandidates(db: Db, recordIds: readonly string[]): Promise<AccountCandidate[]> {
  if (recordIds.length === 0) return [];
  return db.query(candidateSql('source_account_record', ACCOUNT_FEATURES), [recordIds]);
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
  c.first_key AS "firstKey", c.last_key AS "lastKey", c.emails, c.phones, to_char(c.birthday, 'YYYY-MM-DD') AS birthday, c.city`;

/**
 * Candidate contact records: the same email or phone anywhere (people move
 * between customers); within the same account the same surname (or its
 * Soundex), birthday, or first name and birth year.
 */
export async function contactCandidates(db: Db, recordIds: readonly string[]): Promise<ContactCandidate[]> {
  if (recordIds.length === 0) return [];
  return db.query(candidateSql('source_contact_record', CONTACT_FEATURES), [recordIds]);
}

/** Replaces the blocking keys of these records (`fresh` ones have none yet: nothing to delete). */
export async function writeBlockingKeys(db: Db, records: { id: string; keys: string[]; fresh: boolean }[]): Promise<void> {
  if (records.length === 0) return;
  const known = records.filter((r) => !r.fresh).map((r) => r.id);
  if (known.length > 0) await db.query(`DELETE FROM match_key WHERE record_id = ANY($1::uuid[])`, [known]);
  const ids = records.flatMap((r) => r.keys.map(() => r.id));
  const keys = records.flatMap((r) => r.keys);
  await db.query(`INSERT INTO match_key (key, record_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`, [keys, ids]);
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
