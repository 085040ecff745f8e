import { DataSource, EntityManager } from 'typeorm';
import { AccountFeatures, ContactFeatures } from './features';

/**
 * Blocking: the candidate pairs worth scoring, found by index probes in
 * PostgreSQL (exact keys, array overlap, pg_trgm similarity), never by a scan
 * of all records. Each branch is capped: a value thousands of records share is
 * weak evidence anyway, and an uncapped branch would make one record cost a
 * table scan.
 */
type Db = DataSource | EntityManager;

export interface AccountCandidate extends AccountFeatures {
  recordId: string;
  id: string;
  accountId: string | null;
}

const ACCOUNT_FEATURES = `c.id, c.account_id AS "accountId", c.name_norm AS "nameNorm", c.domains,
  c.registry_id AS "registryId", c.phone, c.address_norm AS "addressNorm", c.postal_code AS "postalCode"`;

/** Candidate account records for each of `recordIds` (stored records), with their features. */
export async function accountCandidates(db: Db, recordIds: readonly string[]): Promise<AccountCandidate[]> {
  if (recordIds.length === 0) return [];
  return db.query(
    `SELECT r.id AS "recordId", ${ACCOUNT_FEATURES}
       FROM source_account_record r
       CROSS JOIN LATERAL (
         (SELECT c.id FROM source_account_record c WHERE c.name_norm = r.name_norm AND c.id <> r.id LIMIT 50)
         UNION (SELECT c.id FROM source_account_record c WHERE r.domains <> '{}' AND c.domains && r.domains AND c.id <> r.id LIMIT 50)
         UNION (SELECT c.id FROM source_account_record c WHERE c.registry_id = r.registry_id AND c.id <> r.id LIMIT 20)
         UNION (SELECT c.id FROM source_account_record c WHERE c.phone = r.phone AND c.id <> r.id LIMIT 50)
         UNION (SELECT c.id FROM source_account_record c WHERE c.name_norm % r.name_norm AND c.id <> r.id
                 ORDER BY similarity(c.name_norm, r.name_norm) DESC LIMIT 30)
         UNION (SELECT c.id FROM source_account_record c WHERE r.name_norm <% c.name_norm AND c.id <> r.id
                 ORDER BY word_similarity(r.name_norm, c.name_norm) DESC LIMIT 30)
       ) k
       JOIN source_account_record c ON c.id = k.id
      WHERE r.id = ANY($1::uuid[])`,
    [recordIds],
  );
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
 * between customers), and within the same account the same surname, the same
 * birthday, or a similar full name.
 */
export async function contactCandidates(db: Db, recordIds: readonly string[]): Promise<ContactCandidate[]> {
  if (recordIds.length === 0) return [];
  return db.query(
    `SELECT r.id AS "recordId", ${CONTACT_FEATURES}
       FROM source_contact_record r
       CROSS JOIN LATERAL (
         (SELECT c.id FROM source_contact_record c WHERE r.emails <> '{}' AND c.emails && r.emails AND c.id <> r.id LIMIT 30)
         UNION (SELECT c.id FROM source_contact_record c WHERE r.phones <> '{}' AND c.phones && r.phones AND c.id <> r.id LIMIT 30)
         UNION (SELECT c.id FROM source_contact_record c WHERE c.account_id = r.account_id AND c.last_key = r.last_key AND r.last_key <> '' AND c.id <> r.id LIMIT 50)
         UNION (SELECT c.id FROM source_contact_record c WHERE c.account_id = r.account_id AND c.birthday = r.birthday AND c.id <> r.id LIMIT 30)
         UNION (SELECT c.id FROM source_contact_record c WHERE c.account_id = r.account_id AND c.name_key % r.name_key AND c.id <> r.id
                 ORDER BY similarity(c.name_key, r.name_key) DESC LIMIT 30)
       ) k
       JOIN source_contact_record c ON c.id = k.id
      WHERE r.id = ANY($1::uuid[])`,
    [recordIds],
  );
}

export async function contactCandidatePairs(db: Db, recordIds: readonly string[]): Promise<{ recordId: string; candidateId: string }[]> {
  return (await contactCandidates(db, recordIds)).map((c) => ({ recordId: c.recordId, candidateId: c.id }));
}
