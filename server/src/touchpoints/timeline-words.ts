import { EntityManager } from 'typeorm';

/**
 * The timeline's word index: `touchpoint_words` (migration TimelineWords),
 * kept off the insert path. Every writer of touchpoints keeps one rule:
 *
 *   A touchpoint's row in `touchpoint_words` holds the words of its text and
 *   its time as they are now; a touchpoint without one is pending (it has a
 *   row in `touchpoint_outbox`, engagement/rollups.ts).
 *
 * - A new touchpoint is pending and has no words.
 * - The fold that counts pending touchpoints into the engagement rollups
 *   writes the words of those that have none (`foldFrom`), in its statement.
 * - A writer that changes a touchpoint's text writes its words again
 *   (`rewrite`), or drops them (`forget`) when it makes the touchpoint
 *   pending anyway (a change the rollups count, its time among them). Either under the rollup
 *   locks of its account, as the fold takes them: so a fold writing words of
 *   the text before never lands after the change.
 * - Merges and splits move the words with their touchpoints (`move`).
 *
 * The word filter (TimelineRepository) reads the words of an account through
 * the index, and computes those of its pending touchpoints without words on
 * the fly: exact at every commit, folded or not.
 */

/**
 * The words configuration: PostgreSQL's 'english' with accents dropped before stemming, so "cafe" finds
 * "Café" (migration TimelineWordsUnaccented). Queries must be read with it too.
 */
export const WORDS_CONFIG = 'ourcustomer_words';

/** The text vector of touchpoint `t` (an alias): what the word filter searches. */
export const textOf = (t: string) => `to_tsvector('${WORDS_CONFIG}', coalesce(${t}.subject, '') || ' ' || coalesce(${t}.summary, '') || ' ' || coalesce(${t}.outcome, ''))`;

/** The columns of a `touchpoint_words` row, and their values from touchpoint `t` as it is now. */
export const WORDS_COLUMNS = 'account_id, touchpoint_id, occurred_at, words';
export const wordsOf = (t: string) => `${t}.account_id, ${t}.id, ${t}.occurred_at, ${textOf(t)}`;

/** SQL: whether `t`'s text becomes another with the values `x` (columns of the same names). */
export function changesText(t: string, x: string): string {
  return `(${t}.subject, ${t}.summary, ${t}.outcome) IS DISTINCT FROM (${x}.subject, ${x}.summary, ${x}.outcome)`;
}

export const timelineWords = {
  /**
   * SQL of a data-modifying statement that writes the words of the touchpoints in `source` (a CTE or table with
   * `account_id` and `touchpoint_id`) that have none; touchpoints that have words keep them (they are current).
   */
  foldFrom(source: string): string {
    // One probe of each table per touchpoint, kept apart by OFFSET 0: joined, the planner (which cannot see how few rows
    // `source` holds) read the whole of `touchpoint` and probed `touchpoint_words` for every touchpoint the hub holds, on
    // every fold pass (timeline-words.spec.ts checks the plan).
    return `INSERT INTO touchpoint_words (${WORDS_COLUMNS})
            SELECT ${wordsOf('t')}
              FROM (SELECT s.account_id, s.touchpoint_id FROM ${source} s ORDER BY s.account_id, s.touchpoint_id) s
              CROSS JOIN LATERAL (
                SELECT t.account_id, t.id, t.occurred_at, t.subject, t.summary, t.outcome FROM touchpoint t
                 WHERE t.account_id = s.account_id AND t.id = s.touchpoint_id
                   AND NOT EXISTS (SELECT 1 FROM touchpoint_words w WHERE w.account_id = t.account_id AND w.touchpoint_id = t.id)
                OFFSET 0) t
             ORDER BY s.account_id, s.touchpoint_id
            ON CONFLICT (account_id, touchpoint_id) DO NOTHING`;
  },

  /**
   * Writes the words of touchpoints (those that have words) again from their text as it is now, after a change of
   * it; those without are pending and get theirs from the fold. The caller holds the accounts' rollup locks.
   */
  async rewrite(tx: EntityManager, touchpoints: readonly { accountId: string; id: string }[]): Promise<void> {
    if (touchpoints.length === 0) return;
    await tx.query(
      `UPDATE touchpoint_words w SET words = ${textOf('t')}
         FROM unnest($1::uuid[], $2::uuid[]) AS x(account_id, id) JOIN touchpoint t ON t.account_id = x.account_id AND t.id = x.id
        WHERE w.account_id = t.account_id AND w.touchpoint_id = t.id`,
      [touchpoints.map((t) => t.accountId), touchpoints.map((t) => t.id)],
    );
  },

  /** Drops the words of touchpoints whose text may change as they become pending (the caller holds their rollup locks). */
  async forget(tx: EntityManager, touchpoints: readonly { accountId: string; id: string }[]): Promise<void> {
    if (touchpoints.length === 0) return;
    await tx.query(
      `DELETE FROM touchpoint_words w USING unnest($1::uuid[], $2::uuid[]) AS x(account_id, id) WHERE w.account_id = x.account_id AND w.touchpoint_id = x.id`,
      [touchpoints.map((t) => t.accountId), touchpoints.map((t) => t.id)],
    );
  },

  /** Moves the words of touchpoints `ids` (all of the account's when null: a merge) from account `from` to `to`, as they moved. */
  async move(tx: EntityManager, from: string, to: string, ids: readonly string[] | null): Promise<void> {
    await tx.query(
      `UPDATE touchpoint_words SET account_id = $2 WHERE account_id = $1 AND ($3::uuid[] IS NULL OR touchpoint_id = ANY($3::uuid[]))`,
      [from, to, ids],
    );
  },

  /** Writes every touchpoint's words again from scratch (with engagementRollups.recountAll, after bulk loads). */
  async rebuildAll(db: { query(sql: string): Promise<unknown> }): Promise<void> {
    await db.query(`TRUNCATE touchpoint_words`);
    await db.query(`INSERT INTO touchpoint_words (${WORDS_COLUMNS}) SELECT ${wordsOf('t')} FROM touchpoint t ORDER BY t.account_id, t.id`);
  },
};
