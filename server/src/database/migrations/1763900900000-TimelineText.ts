import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline searched by words. Without an index the filter computes every
 * touchpoint's text vector from newest to oldest until a page is full: fine for
 * a common word, but a word that is not there walks the whole account (1.5 s on
 * an account of 30,000 touchpoints, default bench profile). A GIN index on
 * (account_id, the same text vector as TOUCHPOINT_TEXT) finds the account's
 * matches directly (0.1 ms); btree_gin lets the uuid share the GIN index. The
 * planner still walks the timeline index for words on many of the account's
 * touchpoints. The expression must stay identical to TOUCHPOINT_TEXT.
 */
export class TimelineText1763900900000 implements MigrationInterface {
  name = 'TimelineText1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(
      `CREATE INDEX touchpoint_text_idx ON touchpoint USING gin (account_id,
         (to_tsvector('english', coalesce(subject, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(outcome, ''))))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_text_idx`);
  }
}
