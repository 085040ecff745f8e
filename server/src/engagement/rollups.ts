import { EntityManager } from 'typeorm';
import { countIn, Rollup, ROLLUPS } from '../database/migrations/1763901100000-EngagementRollups';
import { timelineWords } from '../touchpoints/timeline-words';

/**
 * The engagement rollups (tables of migration EngagementRollups) and their
 * outbox (migration EngagementOutbox). DESIGN asks for no triggers on
 * account-scoped tables: writers of `touchpoint` keep one rule instead.
 *
 *   Every touchpoint is either counted in the four rollups, or pending: it
 *   has a row in `touchpoint_outbox` and is counted in none of them.
 *
 * - A new touchpoint is pending (its insert writes the outbox row: `pendFrom`).
 * - The fold (`foldPending`, run by EngagementFolder every second or so)
 *   counts pending touchpoints in and deletes their outbox rows, in one
 *   statement, which also writes the words of those without (the timeline's
 *   word index keeps its rule through the same outbox: touchpoints/timeline-words.ts).
 * - A writer about to change what an existing touchpoint counts (account,
 *   division, type, time, colleagues, people) takes it out first (`uncount`:
 *   its buckets are counted again without it), changes it, and makes it
 *   pending (`pend`); the fold counts it again as it is then.
 * - Moving all of an account's touchpoints to another (a merge) folds the
 *   account's rollup rows into the other's (`moveAll`).
 *
 * Readers add the pending touchpoints of the account they read to the
 * rollups (EngagementRepository), so figures are exact at every commit, folded
 * or not. Folds and recounts of an account's buckets hold the account's
 * rollup lock (an advisory lock), so a recount never overwrites a fold it did
 * not see; inserting pending touchpoints takes no lock.
 *
 * Hand-written SQL that inserts or changes touchpoints must keep the rule
 * too, or run `recountAll` (as the bench's bulk loader does).
 */

// The rollups as migration EngagementRollups made their tables (their keys, figures, how added rows fold in and how a bucket
// is counted again): one definition for the tables and the code that keeps them.
const figureNames = (r: Rollup) => r.figures.map(([name]) => name);

/**
 * Counts again the buckets the touchpoints `$2` (ids; `$1` their accounts, pair by pair) are in now, from
 * the counted touchpoints of each bucket other than them (not pending, not in `$2`): emptied buckets are
 * deleted. One statement whatever the number of accounts. (Pending ones are found by the outbox's key.)
 */
function recountWithout(r: Rollup): string {
  const source = `(SELECT t.* FROM unnest($1::uuid[], $2::uuid[]) AS x(account_id, id) JOIN touchpoint t ON t.account_id = x.account_id AND t.id = x.id)`;
  const keyOf = r.select.slice(0, r.key.length).map((expr, i) => `${expr} AS ${r.key[i]}`);
  const same = r.key.map((k) => `r.${k} = f.${k}`).join(' AND ');
  return `WITH k AS (SELECT DISTINCT ${keyOf.join(', ')} FROM ${r.from.replace(/^S /, `${source} `)}),
          f AS (SELECT k.*, x.* FROM k CROSS JOIN LATERAL (
                  SELECT count(*) AS touchpoints, ${r.recount.map((e, i) => `${e} AS ${figureNames(r)[i]}`).join(', ')}
                    FROM touchpoint t
                   WHERE ${r.bucket} AND t.id <> ALL($2::uuid[])
                     AND NOT EXISTS (SELECT 1 FROM touchpoint_outbox o WHERE o.account_id = t.account_id AND o.touchpoint_id = t.id)) x),
          emptied AS (DELETE FROM ${r.table} r USING f WHERE f.touchpoints = 0 AND ${same})
          INSERT INTO ${r.table} AS r (${[...r.key, ...figureNames(r)].join(', ')})
          SELECT ${[...r.key, ...figureNames(r)].map((c) => `f.${c}`).join(', ')} FROM f WHERE f.touchpoints > 0 ORDER BY ${r.key.map((k) => `f.${k}`).join(', ')}
          ON CONFLICT (${r.key.join(', ')}) DO UPDATE SET ${figureNames(r).map((n) => `${n} = excluded.${n}`).join(', ')}`;
}

// The rollup lock of an account: an advisory lock in a space of its own (the two-key form) for one of 64 groups of
// accounts (a hash of the id). Groups, not accounts: a fold of a thousand accounts takes at most 64 locks (the
// shared lock table is small). A fold pass holds about all of them, for one statement of at most 5,000 touchpoints;
// a writer's recount holds those of its accounts' groups to its commit, and folds skip those groups meanwhile.
const ROLLUP_LOCK_SPACE = 0x0c_e0;
const lockGroup = (accountId: string) => `(hashtext(${accountId}::text) & 63)`;

/**
 * Takes the rollup locks of these accounts for the rest of the transaction, in one order for every caller. A caller
 * that needs the locks of several calls takes them all in one first (taking a lock held again does not wait).
 */
async function lockRollups(tx: EntityManager, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_SPACE}, g) FROM (SELECT DISTINCT ${lockGroup('a')} AS g FROM unnest($1::uuid[]) AS a) x ORDER BY g`,
    [accountIds],
  );
}

/** What the outbox keeps of a pending touchpoint: what the rollups count of it, so the fold and readers need not read it. */
const PENDING_COLUMNS = ['division_id', 'type', 'occurred_at', 'colleague_emails', 'stakeholder_ids'] as const;

const OUTBOX_INSERT = `INSERT INTO touchpoint_outbox (account_id, touchpoint_id, ${PENDING_COLUMNS.join(', ')})`;
const OUTBOX_REPLACE = `ON CONFLICT (account_id, touchpoint_id) DO UPDATE SET ${PENDING_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`;

export const engagementRollups = {
  /** Takes the rollup locks of these accounts (see `uncount`): folds skip them, and a fold under way is waited for. */
  lock: lockRollups,

  /** The columns a statement that stores touchpoints returns for `pendFrom`. */
  RETURNING: `account_id, id, ${PENDING_COLUMNS.join(', ')}`,

  /**
   * SQL: whether a touchpoint `t` becomes, with the values `x` (touchpoint's columns but the division, which
   * is part of a record's natural key and never changes), one the rollups count differently.
   */
  changesCounted(t: string, x: string): string {
    const columns = ['account_id', ...PENDING_COLUMNS.filter((c) => c !== 'division_id')];
    return `(${columns.map((c) => `${t}.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `${x}.${c}`).join(', ')})`;
  },

  /**
   * SQL that marks the touchpoints a statement returns (CTE `source`, with the columns of RETURNING) as pending.
   * `inserted`: the statement has just inserted them, with ids it made, so none has an outbox row yet and a plain
   * insert does (ON CONFLICT's speculative insertion cost a new touchpoint's insert 4–7 µs more).
   */
  pendFrom(source: string, { inserted = false }: { inserted?: boolean } = {}): string {
    return `${OUTBOX_INSERT} SELECT account_id, id, ${PENDING_COLUMNS.join(', ')} FROM ${source}${inserted ? '' : ` ${OUTBOX_REPLACE}`}`;
  },

  /** Marks touchpoints pending, as they are now: the fold counts them in. */
  async pend(tx: EntityManager, touchpoints: readonly { accountId: string; id: string }[]): Promise<void> {
    if (touchpoints.length === 0) return;
    await tx.query(
      `${OUTBOX_INSERT} SELECT t.account_id, t.id, ${PENDING_COLUMNS.map((c) => `t.${c}`).join(', ')}
         FROM unnest($1::uuid[], $2::uuid[]) AS x(account_id, id) JOIN touchpoint t ON t.account_id = x.account_id AND t.id = x.id
       ${OUTBOX_REPLACE}`,
      [touchpoints.map((t) => t.accountId), touchpoints.map((t) => t.id)],
    );
  },

  /**
   * Takes touchpoints out of the rollups and the outbox before the caller
   * changes what they count: the buckets they are in are counted again without
   * them. The caller then changes them and calls `pend` with where they are
   * then (in this transaction: until then they are counted nowhere). Callers
   * lock the touchpoints' rows first (FOR UPDATE), then this takes the rollup
   * locks: one order for every writer.
   */
  async uncount(tx: EntityManager, touchpoints: readonly { accountId: string; id: string }[]): Promise<void> {
    if (touchpoints.length === 0) return;
    await lockRollups(tx, touchpoints.map((t) => t.accountId));
    const pairs = [touchpoints.map((t) => t.accountId), touchpoints.map((t) => t.id)];
    await tx.query(
      `DELETE FROM touchpoint_outbox o USING unnest($1::uuid[], $2::uuid[]) AS x(account_id, id) WHERE o.account_id = x.account_id AND o.touchpoint_id = x.id`,
      pairs,
    );
    for (const r of ROLLUPS) await tx.query(recountWithout(r), pairs);
  },

  /**
   * A merge: every touchpoint of `from` now in `to`. Their counted figures
   * fold into `to`'s (counts add up, first and last touches are the earlier
   * and later), their pending rows follow. Call it with the touchpoints
   * moved, in the merge's transaction.
   */
  async moveAll(tx: EntityManager, from: string, to: string): Promise<void> {
    await lockRollups(tx, [from, to]);
    await tx.query(`UPDATE touchpoint_outbox SET account_id = $2 WHERE account_id = $1`, [from, to]);
    for (const r of ROLLUPS) {
      const others = r.key.filter((k) => k !== 'account_id');
      const figures = figureNames(r).map((f) => (f === 'touch_count' ? 'sum(touch_count)::int' : f === 'last_at' ? 'max(last_at)' : 'min(first_at)'));
      await tx.query(
        `WITH gone AS (DELETE FROM ${r.table} WHERE account_id = $1 RETURNING *)
         INSERT INTO ${r.table} AS r (${[...r.key, ...figureNames(r)].join(', ')})
         SELECT $2::uuid, ${others.join(', ')}, ${figures.join(', ')} FROM gone GROUP BY ${others.join(', ')} ORDER BY ${others.join(', ')}
         ON CONFLICT (${r.key.join(', ')}) DO UPDATE SET ${r.fold.join(', ')}${r.foldWhen ? ` WHERE ${r.foldWhen}` : ''}`,
        [from, to],
      );
    }
  },

  /**
   * Counts pending touchpoints in, for at most `accounts` accounts after
   * `after` (in id order) whose rollup lock is free (an account a writer is
   * recounting waits for the next fold). The locks are taken by a statement of
   * their own, so the fold's statement sees every recount that finished
   * before; in it, the outbox rows deleted and the four upserts see one
   * snapshot. Returns how many touchpoints were counted, and the last account
   * looked at (null: none after `after`), where the next fold may go on.
   */
  async foldPending(
    tx: EntityManager, { accounts = 1000, rows = 5000, after = null }: { accounts?: number; rows?: number; after?: string | null } = {},
  ): Promise<{ counted: number; last: string | null }> {
    // The accounts with pending touchpoints, one probe of the key each (a loose index scan), then their groups' free locks.
    const waiting: { id: string; locked: boolean }[] = await tx.query(
      `WITH RECURSIVE a AS (
         (SELECT account_id FROM touchpoint_outbox WHERE $2::uuid IS NULL OR account_id > $2::uuid ORDER BY account_id LIMIT 1)
         UNION ALL
         SELECT (SELECT o.account_id FROM touchpoint_outbox o WHERE o.account_id > a.account_id ORDER BY o.account_id LIMIT 1)
           FROM a WHERE a.account_id IS NOT NULL
       ),
       waiting AS MATERIALIZED (SELECT account_id, ${lockGroup('account_id')} AS g FROM a WHERE account_id IS NOT NULL LIMIT $1),
       mine AS MATERIALIZED (SELECT g FROM (SELECT DISTINCT g FROM waiting) x WHERE pg_try_advisory_xact_lock(${ROLLUP_LOCK_SPACE}, g))
       SELECT w.account_id AS id, mine.g IS NOT NULL AS locked FROM waiting w LEFT JOIN mine USING (g) ORDER BY w.account_id`,
      [accounts, after],
    );
    const last = waiting.at(-1)?.id ?? null;
    const locked = waiting.filter((w) => w.locked).map((w) => w.id);
    if (locked.length === 0) return { counted: 0, last };
    // At most `rows` touchpoints per pass (a part of an account's is folded as well as all): writers waiting for these
    // locks wait for one short statement, also after a large import no hub was running for.
    const [{ n }]: { n: number }[] = await tx.query(
      `WITH gone AS MATERIALIZED (
         DELETE FROM touchpoint_outbox o
          WHERE (o.account_id, o.touchpoint_id) IN (SELECT p.account_id, p.touchpoint_id FROM touchpoint_outbox p WHERE p.account_id = ANY($1::uuid[]) LIMIT $2)
          RETURNING o.*),
       ${ROLLUPS.map((r, i) => `c${i} AS (${countIn(r, 'gone')})`).join(',\n       ')},
       words AS (${timelineWords.foldFrom('gone')})
       SELECT count(*)::int AS n FROM gone`,
      [locked, rows],
    );
    // Stopped by the limit: the next pass takes the same accounts again.
    return { counted: n, last: n >= rows ? after : last };
  },

  /**
   * Counts every touchpoint again from scratch, nothing left pending (their words written again too): after bulk loads and hand-written SQL
   * that bypass the writers. Inside a transaction (a TypeORM one, or a bare `pg` client between BEGIN and
   * COMMIT): it locks the outbox, and readers must not see the rollups emptied.
   */
  async recountAll(db: { query(sql: string): Promise<unknown> }): Promise<void> {
    await db.query(`LOCK TABLE touchpoint_outbox IN EXCLUSIVE MODE`);
    for (const r of ROLLUPS) await db.query(`TRUNCATE ${r.table}`);
    await db.query(`TRUNCATE touchpoint_outbox`);
    for (const r of ROLLUPS) await db.query(countIn(r, 'touchpoint'));
    await timelineWords.rebuildAll(db);
  },
};
