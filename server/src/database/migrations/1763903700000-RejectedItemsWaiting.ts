import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rejected item re-processed into waiting for its account is settled as WAITING (it is kept, among the
 * waiting items), not LANDED: found by exploratory testing, the list said it had landed while it waited.
 */
export class RejectedItemsWaiting1763903700000 implements MigrationInterface {
  name = 'RejectedItemsWaiting1763903700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_item DROP CONSTRAINT rejected_item_settled_as_check`);
    await q.query(`ALTER TABLE rejected_item ADD CONSTRAINT rejected_item_settled_as_check CHECK (settled_as IN ('LANDED', 'SUPERSEDED', 'WAITING'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE rejected_item SET settled_as = 'LANDED' WHERE settled_as = 'WAITING'`);
    await q.query(`ALTER TABLE rejected_item DROP CONSTRAINT rejected_item_settled_as_check`);
    await q.query(`ALTER TABLE rejected_item ADD CONSTRAINT rejected_item_settled_as_check CHECK (settled_as IN ('LANDED', 'SUPERSEDED'))`);
  }
}
