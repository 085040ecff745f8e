import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the division's system last changed a record (`sourceUpdatedAt` of ingest), kept with its current version: an
 * older version arriving after a newer one is then not applied (versioned-upsert.ts). Nullable columns without a
 * default: added without rewriting the tables; the versions kept in source_record_version carry it through their
 * `raw` (the row as it was).
 */
export class SourceUpdatedAt1763905100000 implements MigrationInterface {
  name = 'SourceUpdatedAt1763905100000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['source_account_record', 'source_contact_record', 'touchpoint', 'opportunity']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN source_updated_at timestamptz`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['source_account_record', 'source_contact_record', 'touchpoint', 'opportunity']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN source_updated_at`);
    }
  }
}
