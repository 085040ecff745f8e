import { MigrationInterface, QueryRunner } from 'typeorm';

// The text the word filter searches, as migration TimelineText indexed it (a migration depends on no code that may change after it).
const TEXT_OF = (t = '') => `to_tsvector('english', coalesce(${t}subject, '') || ' ' || coalesce(${t}summary, '') || ' ' || coalesce(${t}outcome, ''))`;

/**
 * The timeline's word index off the insert path. The GIN index on the text
 * vector of every touchpoint (migration TimelineText) was three quarters of
 * what a touchpoint's insert cost PostgreSQL (COPY into the table: 62,000
 * rows/s without it, 20,000 with it, `npm run bench:ingest`), and every
 * update of a touchpoint that changed an indexed column (people attached, a
 * merge or split moving it) computed its vector again.
 *
 * Now each touchpoint's words are kept in `touchpoint_words`, written by the
 * fold that counts new touchpoints into the engagement rollups (the same
 * outbox: server/src/touchpoints/timeline-words.ts has the rule). The word
 * filter reads it, plus the account's pending touchpoints' text on the fly,
 * so it is exact at every commit. Keyed and indexed by account first
 * (DESIGN, "Runtime and data"): the GIN index on (account_id, words)
 * (btree_gin) finds an account's touchpoints with a word without reading
 * other accounts', also for a word common elsewhere (a word on 25 % of all
 * touchpoints and on 2 of one account's: the old index's plan walked that
 * account's whole timeline). Each row carries its touchpoint's time, so a
 * page sorts the matches before it reads any touchpoint. Merges and splits
 * move the rows with their touchpoints.
 *
 * Every touchpoint stored now gets its words here, pending or not.
 */
export class TimelineWords1763903200000 implements MigrationInterface {
  name = 'TimelineWords1763903200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`CREATE TABLE touchpoint_words (
      account_id uuid NOT NULL,
      touchpoint_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      words tsvector NOT NULL,
      PRIMARY KEY (account_id, touchpoint_id))`);
    await q.query(`INSERT INTO touchpoint_words (account_id, touchpoint_id, occurred_at, words)
       SELECT t.account_id, t.id, t.occurred_at, ${TEXT_OF('t.')} FROM touchpoint t ORDER BY t.account_id, t.id`);
    // New entries wait in the index's pending list (fastupdate) until it holds 256 kB, not the default 4 MB: every
    // search reads the whole list (15,000 touchpoints' entries, 3 MB, added 6–8 ms to a 1.7 ms search), and the fold,
    // the only steady writer here, merges them into the index in smaller steps (13.6 µs per touchpoint for 1,000 at a
    // time against 9 µs for 15,000).
    await q.query(`CREATE INDEX touchpoint_words_idx ON touchpoint_words USING gin (account_id, words) WITH (gin_pending_list_limit = 256)`);
    await q.query(`DROP INDEX touchpoint_text_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX touchpoint_text_idx ON touchpoint USING gin ((${TEXT_OF()}))`);
    await q.query(`DROP TABLE touchpoint_words`);
  }
}
