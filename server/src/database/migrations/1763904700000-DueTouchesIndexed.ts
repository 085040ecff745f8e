import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The touchpoints that landed before they happened (plans, as their last version said), by date: the due-touch sweep
 * (notices/notices.service.ts) finds through it those whose date has come in the last two weeks, and tells the ones not
 * told where they are (OTHER_DIVISION_TOUCH), without reading every touchpoint each pass. A touchpoint that lands
 * after it happened (nearly all of them) is not in it; one redated by a later version leaves or enters it with that
 * version, which rewrites the timeline index anyway. It does not lead with account_id as the account-scoped indexes
 * do: the sweep asks across accounts, by date. Neither told_account_ids nor updated_at is in it, so marking a
 * touchpoint told (the ingest path) stays a HOT update. Building it reads the table once; no row is written.
 */
export class DueTouchesIndexed1763904700000 implements MigrationInterface {
  name = 'DueTouchesIndexed1763904700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX touchpoint_planned_idx ON touchpoint (occurred_at) WHERE created_at < occurred_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_planned_idx`);
  }
}
