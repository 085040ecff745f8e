import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open rejected items of a record, by its key: a batch that lands a record
 * settles the copies of it rejected before (SUPERSEDED), which stayed open
 * until an admin re-processed them. Each batch asks for its records' keys.
 */
export class RejectedItemsByRecord1763903300000 implements MigrationInterface {
  name = 'RejectedItemsByRecord1763903300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX rejected_item_open_record_idx ON rejected_item (division_id, source_system, kind, external_id) WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rejected_item_open_record_idx`);
  }
}
