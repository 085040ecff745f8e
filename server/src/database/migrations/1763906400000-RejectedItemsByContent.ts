import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rejected item without an externalId (critical info: told by its account, field key and value) is found again by
 * its content, which was matched on the jsonb alone: refusing one read every open one of its division system (issue
 * 4, found in review). Its content hash (of raw without sourceUpdatedAt, as it is compared) is kept beside it, computed
 * by PostgreSQL whenever raw is written (existing rows too, as the column is added), and indexed: one probe. The
 * expression is held-items.repository's REFUSED_CONTENT_HASH; the comparison itself stays, the hash only finds.
 */
export class RejectedItemsByContent1763906400000 implements MigrationInterface {
  name = 'RejectedItemsByContent1763906400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_item ADD COLUMN content_hash text
      GENERATED ALWAYS AS (CASE WHEN external_id IS NULL THEN md5((raw - 'sourceUpdatedAt')::text) END) STORED`);
    await q.query(`CREATE INDEX rejected_item_content_idx ON rejected_item (division_id, source_system, kind, content_hash) WHERE external_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rejected_item_content_idx`);
    await q.query(`ALTER TABLE rejected_item DROP COLUMN content_hash`);
  }
}
