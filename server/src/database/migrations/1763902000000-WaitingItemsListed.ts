import { MigrationInterface, QueryRunner } from 'typeorm';

/** Admins list the items waiting for their account, longest waiting first (`waitingItems`): one index walk per page. */
export class WaitingItemsListed1763902000000 implements MigrationInterface {
  name = 'WaitingItemsListed1763902000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX waiting_item_received_idx ON waiting_item (received_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX waiting_item_received_idx`);
  }
}
