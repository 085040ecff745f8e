import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Splits made before this migration keep their records apart too, read from
 * the audit trail (successful splits only): the records their account holds
 * now stand for those that stayed (the trail did not list them).
 */
export const SPLITS_FROM_AUDIT = `
  INSERT INTO account_split (stayed_record_ids, split_record_ids, split_by, reason, created_at)
  SELECT ARRAY(SELECT s.id FROM source_account_record s WHERE s.account_id = (e.after->>'accountId')::uuid AND NOT (e.after->'sourceRecordIds' ? s.id::text) ORDER BY s.id),
         ARRAY(SELECT jsonb_array_elements_text(e.after->'sourceRecordIds')::uuid), e.actor_label, e.after->>'reason', e.at
    FROM audit_event e WHERE e.action = 'SPLIT_ACCOUNT' AND e.outcome = 'SUCCESS'`;

/**
 * A split is a person's word that two sets of source records are different
 * customers, as a DIFFERENT review decision is for two records: matching must
 * not put them together again. Kept by record (accounts merge and split
 * again; records stay what they are), one row per split with its two sides.
 */
export class SplitsKeepApart1763902100000 implements MigrationInterface {
  name = 'SplitsKeepApart1763902100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_split (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stayed_record_ids uuid[] NOT NULL,
        split_record_ids uuid[] NOT NULL,
        split_by text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Matching asks which splits have a record on each side of a pair of accounts: both sides are searched by record.
    await q.query(`CREATE INDEX account_split_stayed_idx ON account_split USING gin (stayed_record_ids)`);
    await q.query(`CREATE INDEX account_split_split_idx ON account_split USING gin (split_record_ids)`);
    await q.query(SPLITS_FROM_AUDIT);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_split`);
  }
}
