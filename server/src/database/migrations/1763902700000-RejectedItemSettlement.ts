import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a re-processing settled a rejected item: it LANDED, or it was set aside
 * (SUPERSEDED) because a newer version or copy of its record was there. The
 * list said "Landed" for both. Items settled before were all read as landed
 * (the two could not be told apart then).
 */
export class RejectedItemSettlement1763902700000 implements MigrationInterface {
  name = 'RejectedItemSettlement1763902700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_item ADD COLUMN settled_as text CHECK (settled_as IN ('LANDED', 'SUPERSEDED'))`);
    await q.query(`UPDATE rejected_item SET settled_as = 'LANDED' WHERE resolved_at IS NOT NULL`);
    await q.query(`ALTER TABLE rejected_item ADD CONSTRAINT rejected_item_settled CHECK ((resolved_at IS NULL) = (settled_as IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_item DROP CONSTRAINT rejected_item_settled`);
    await q.query(`ALTER TABLE rejected_item DROP COLUMN settled_as`);
  }
}
