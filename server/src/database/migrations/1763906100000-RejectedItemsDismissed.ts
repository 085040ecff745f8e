import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An admin may dismiss a rejected item that can never land (a critical-info value a later valid one replaced, an item
 * too big to store as sent): settled DISMISSED, kept with its raw (nothing is deleted), the who, when and why audited.
 */
export class RejectedItemsDismissed1763906100000 implements MigrationInterface {
  name = 'RejectedItemsDismissed1763906100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_item DROP CONSTRAINT rejected_item_settled_as_check`);
    await q.query(`ALTER TABLE rejected_item ADD CONSTRAINT rejected_item_settled_as_check CHECK (settled_as IN ('LANDED', 'SUPERSEDED', 'WAITING', 'DISMISSED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE rejected_item SET resolved_at = NULL, settled_as = NULL WHERE settled_as = 'DISMISSED'`);
    await q.query(`ALTER TABLE rejected_item DROP CONSTRAINT rejected_item_settled_as_check`);
    await q.query(`ALTER TABLE rejected_item ADD CONSTRAINT rejected_item_settled_as_check CHECK (settled_as IN ('LANDED', 'SUPERSEDED', 'WAITING'))`);
  }
}
