import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline searched by words. Without an index the filter computes every
 * touchpoint's text vector from newest to oldest until a page is full: fine for
 * a common word, but a word that is not there walks the whole account (1.5 s on
 * an account of 30,000 touchpoints, default bench profile). A GIN index on the
 * same text vector as TOUCHPOINT_TEXT finds a rare word's touchpoints directly
 * (and the planner ANDs them with the account's range of the timeline index);
 * for words on many of the account's touchpoints it still walks the timeline
 * index. The expression must stay identical to TOUCHPOINT_TEXT.
 *
 * Not (account_id, text) with btree_gin: the planner then also used that index
 * for account_id alone, ANDing a bitmap of a 60,000-touchpoint account into the
 * person filter (33 ms instead of 1, large bench profile).
 */
export class TimelineText1763900900000 implements MigrationInterface {
  name = 'TimelineText1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX touchpoint_text_idx ON touchpoint USING gin
         ((to_tsvector('english', coalesce(subject, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(outcome, ''))))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_text_idx`);
  }
}
