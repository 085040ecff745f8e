import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the read benchmarks called for. A stakeholder's merged-away ids are
 * looked up by survivor (timeline and engagement filters by person); without
 * an index that was a scan of every stakeholder (24 ms at 100k). Partial: only
 * merged rows carry the column.
 */
export class ReadPaths1763900500000 implements MigrationInterface {
  name = 'ReadPaths1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX stakeholder_merged_into_idx ON stakeholder (merged_into_id) WHERE merged_into_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stakeholder_merged_into_idx`);
  }
}
