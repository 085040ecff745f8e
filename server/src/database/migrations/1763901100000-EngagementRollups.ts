import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engagement rollups: what "who else is talking" needs from an account's
 * touchpoints, kept per calendar month (UTC) and per pair of who met whom.
 * Without them a key account's engagement read its 60,000 touchpoints from the
 * heap on every call (p95 843 ms at the large bench profile); with them it
 * reads a few thousand rollup rows plus this month's touchpoints.
 *
 * Statement-level triggers on `touchpoint` keep them, so every writer — ingest,
 * account merges and splits, stakeholder merges, COPY, hand-written SQL — keeps
 * them exact without knowing of them. Added rows are counted in (one upsert
 * per rollup, set-based over the statement's rows); for removed rows (deletes,
 * and updates that change what is counted) the touched buckets are counted
 * again from `touchpoint`, because a minimum or maximum cannot be taken back.
 * Upserts go in key order, so two statements lock the same buckets in the
 * same order.
 *
 * The rollups count planned (future) touchpoints too, in their month: readers
 * take whole past months from here and read the current month, the partial
 * months at the edges of the 90/365-day windows and the future exactly.
 */

/** A timestamptz's calendar month in UTC, as the rollups key it. */
const MONTH = (at: string) => `(date_trunc('month', ${at} AT TIME ZONE 'UTC'))::date`;
/** The first instant of a rollup month. */
const MONTH_START = (month: string) => `(${month}::timestamp AT TIME ZONE 'UTC')`;
const NEXT_MONTH_START = (month: string) => `((${month} + interval '1 month')::timestamp AT TIME ZONE 'UTC')`;

export interface Rollup {
  table: string;
  key: string[];
  /** Columns beyond the key, with their types. */
  figures: [string, string][];
  /** The key and figures from rows `s` (columns of touchpoint): the FROM clause and the select list, grouped by the key. */
  from: string;
  select: string[];
  /** How an upsert folds the added figures into the stored ones (r: stored, excluded: added), and when (default: always). */
  fold: string[];
  foldWhen?: string;
  /** The touchpoints of one bucket `k`, counted again when rows leave it. */
  bucket: string;
  /** The figures of a bucket recounted from its touchpoints `t` (a bucket no touchpoint is in any more is deleted). */
  recount: string[];
}

export const ROLLUPS: readonly Rollup[] = [
  {
    // Per division and type and month: touch counts, first and last touch, the activity chart.
    table: 'engagement_month',
    key: ['account_id', 'month', 'division_id', 'type'],
    figures: [['touch_count', 'integer'], ['first_at', 'timestamptz'], ['last_at', 'timestamptz']],
    from: 'S s',
    select: ['s.account_id', MONTH('s.occurred_at'), 's.division_id', 's.type', 'count(*)::int', 'min(s.occurred_at)', 'max(s.occurred_at)'],
    fold: ['touch_count = r.touch_count + excluded.touch_count', 'first_at = least(r.first_at, excluded.first_at)', 'last_at = greatest(r.last_at, excluded.last_at)'],
    bucket: `t.account_id = k.account_id AND t.occurred_at >= ${MONTH_START('k.month')} AND t.occurred_at < ${NEXT_MONTH_START('k.month')}
             AND t.division_id = k.division_id AND t.type = k.type`,
    recount: ['count(*)::int', 'min(t.occurred_at)', 'max(t.occurred_at)'],
  },
  {
    // Per colleague email (as touchpoints name them) and the touchpoint's division and month.
    table: 'engagement_colleague_month',
    key: ['account_id', 'email', 'month', 'division_id'],
    figures: [['touch_count', 'integer'], ['last_at', 'timestamptz']],
    from: 'S s CROSS JOIN LATERAL unnest(s.colleague_emails) AS e(email)',
    select: ['s.account_id', 'e.email', MONTH('s.occurred_at'), 's.division_id', 'count(*)::int', 'max(s.occurred_at)'],
    fold: ['touch_count = r.touch_count + excluded.touch_count', 'last_at = greatest(r.last_at, excluded.last_at)'],
    bucket: `t.account_id = k.account_id AND t.occurred_at >= ${MONTH_START('k.month')} AND t.occurred_at < ${NEXT_MONTH_START('k.month')}
             AND t.division_id = k.division_id AND t.colleague_emails @> ARRAY[k.email]`,
    recount: ['count(*)::int', 'max(t.occurred_at)'],
  },
  {
    // Which division met which of the customer's people (by the id the touchpoint names), and first when. No
    // count: most new touchpoints meet people already met, and an upsert that changes nothing writes nothing.
    table: 'engagement_person',
    key: ['account_id', 'division_id', 'stakeholder_id'],
    figures: [['first_at', 'timestamptz']],
    from: 'S s CROSS JOIN LATERAL unnest(s.stakeholder_ids) AS n(id)',
    select: ['s.account_id', 's.division_id', 'n.id', 'min(s.occurred_at)'],
    fold: ['first_at = excluded.first_at'],
    foldWhen: 'excluded.first_at < r.first_at',
    bucket: 't.account_id = k.account_id AND t.division_id = k.division_id AND t.stakeholder_ids @> ARRAY[k.stakeholder_id]',
    recount: ['min(t.occurred_at)'],
  },
  {
    // Which colleague met which of the customer's people, and first when.
    table: 'engagement_colleague_person',
    key: ['account_id', 'email', 'stakeholder_id'],
    figures: [['first_at', 'timestamptz']],
    from: 'S s CROSS JOIN LATERAL unnest(s.colleague_emails) AS e(email) CROSS JOIN LATERAL unnest(s.stakeholder_ids) AS n(id)',
    select: ['s.account_id', 'e.email', 'n.id', 'min(s.occurred_at)'],
    fold: ['first_at = excluded.first_at'],
    foldWhen: 'excluded.first_at < r.first_at',
    bucket: 't.account_id = k.account_id AND t.colleague_emails @> ARRAY[k.email] AND t.stakeholder_ids @> ARRAY[k.stakeholder_id]',
    recount: ['min(t.occurred_at)'],
  },
];

const KEY_TYPES: Record<string, string> = { account_id: 'uuid', month: 'date', division_id: 'uuid', type: 'text', email: 'text', stakeholder_id: 'uuid' };

function createTable(r: Rollup): string {
  const columns = [...r.key.map((k) => `${k} ${KEY_TYPES[k]} NOT NULL`), ...r.figures.map(([name, type]) => `${name} ${type}`)];
  // Room on every page for the next version of a row: the upserts change no indexed column, so their
  // updates stay on the page (HOT) and leave the primary key alone.
  return `CREATE TABLE ${r.table} (${columns.join(', ')}, PRIMARY KEY (${r.key.join(', ')})) WITH (fillfactor = 70)`;
}

/** Counts the rows of `source` (a relation with touchpoint's columns) into the rollup. */
export function countIn(r: Rollup, source: string): string {
  const positions = r.key.map((_, i) => i + 1).join(', ');
  return `INSERT INTO ${r.table} AS r (${[...r.key, ...r.figures.map(([n]) => n)].join(', ')})
          SELECT ${r.select.join(', ')} FROM ${r.from.replace(/^S /, `${source} `)}
           GROUP BY ${positions} ORDER BY ${positions}
          ON CONFLICT (${r.key.join(', ')}) DO UPDATE SET ${r.fold.join(', ')}${r.foldWhen ? ` WHERE ${r.foldWhen}` : ''}`;
}

/** Counts again, from `touchpoint`, the buckets the rows of `source` were in: deletes the emptied ones. */
function recountFrom(r: Rollup, source: string): string {
  const keyOf = r.select.slice(0, r.key.length).map((expr, i) => `${expr} AS ${r.key[i]}`);
  const figures = r.figures.map(([n]) => n);
  const same = r.key.map((k) => `r.${k} = f.${k}`).join(' AND ');
  return `WITH k AS (SELECT DISTINCT ${keyOf.join(', ')} FROM ${r.from.replace(/^S /, `${source} `)}),
          f AS (SELECT k.*, x.* FROM k CROSS JOIN LATERAL (
                  SELECT count(*) AS touchpoints, ${r.recount.map((e, i) => `${e} AS ${figures[i]}`).join(', ')} FROM touchpoint t WHERE ${r.bucket}) x),
          emptied AS (DELETE FROM ${r.table} r USING f WHERE f.touchpoints = 0 AND ${same})
          INSERT INTO ${r.table} AS r (${[...r.key, ...figures].join(', ')})
          SELECT ${[...r.key, ...figures].map((c) => `f.${c}`).join(', ')} FROM f WHERE f.touchpoints > 0 ORDER BY ${r.key.map((k) => `f.${k}`).join(', ')}
          ON CONFLICT (${r.key.join(', ')}) DO UPDATE SET ${figures.map((n) => `${n} = excluded.${n}`).join(', ')}`;
}

/** Columns whose change moves a touchpoint between buckets. */
const COUNTED = ['account_id', 'division_id', 'type', 'occurred_at', 'colleague_emails', 'stakeholder_ids'];
const changed = (keep: 'a' | 'o') =>
  `(SELECT ${keep}.* FROM added a JOIN removed o ON o.id = a.id
     WHERE (${COUNTED.map((c) => `a.${c}`).join(', ')}) IS DISTINCT FROM (${COUNTED.map((c) => `o.${c}`).join(', ')}))`;

function triggerFunction(op: 'insert' | 'update' | 'delete'): string {
  const statements =
    op === 'insert' ? ROLLUPS.map((r) => countIn(r, 'added'))
    : op === 'delete' ? ROLLUPS.map((r) => recountFrom(r, 'removed'))
    : [...ROLLUPS.map((r) => countIn(r, changed('a'))), ...ROLLUPS.map((r) => recountFrom(r, changed('o')))];
  return `CREATE FUNCTION touchpoint_rollup_${op}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
${statements.map((s) => `  ${s};`).join('\n')}
  RETURN NULL;
END
$fn$`;
}

// No column list on the update trigger: PostgreSQL refuses one with transition tables. Its statements
// keep only the rows whose counted columns changed, so other updates cost a join of the statement's rows.
const TRIGGERS = [
  `CREATE TRIGGER touchpoint_rollup_insert AFTER INSERT ON touchpoint REFERENCING NEW TABLE AS added
     FOR EACH STATEMENT EXECUTE FUNCTION touchpoint_rollup_insert()`,
  `CREATE TRIGGER touchpoint_rollup_update AFTER UPDATE ON touchpoint REFERENCING OLD TABLE AS removed NEW TABLE AS added
     FOR EACH STATEMENT EXECUTE FUNCTION touchpoint_rollup_update()`,
  `CREATE TRIGGER touchpoint_rollup_delete AFTER DELETE ON touchpoint REFERENCING OLD TABLE AS removed
     FOR EACH STATEMENT EXECUTE FUNCTION touchpoint_rollup_delete()`,
];

/** Counts the rows of `source` into every rollup, as this migration defined them (migration EngagementOutbox, undone, counts its pending rows so). */
export async function countIntoRollups(q: QueryRunner, source: string): Promise<void> {
  for (const r of ROLLUPS) await q.query(countIn(r, source));
}

/** The triggers as this migration made them (migration EngagementOutbox drops them, and makes them again when undone). */
export async function createRollupTriggers(q: QueryRunner): Promise<void> {
  for (const op of ['insert', 'update', 'delete'] as const) await q.query(triggerFunction(op));
  for (const trigger of TRIGGERS) await q.query(trigger);
}

export async function dropRollupTriggers(q: QueryRunner): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    await q.query(`DROP TRIGGER IF EXISTS touchpoint_rollup_${op} ON touchpoint`);
    await q.query(`DROP FUNCTION IF EXISTS touchpoint_rollup_${op}()`);
  }
}

export class EngagementRollups1763901100000 implements MigrationInterface {
  name = 'EngagementRollups1763901100000';

  async up(q: QueryRunner): Promise<void> {
    for (const r of ROLLUPS) await q.query(createTable(r));
    await createRollupTriggers(q);
    // Engagement names people by the ids touchpoints carry and shows their survivors: the few merged-away
    // people (about 1 %) in an index of their own, so 650 names cost 650 probes of a small index.
    await q.query(`CREATE INDEX stakeholder_merged_idx ON stakeholder (id) INCLUDE (merged_into_id) WHERE merged_into_id IS NOT NULL`);
    // The touchpoints already stored, once.
    for (const r of ROLLUPS) await q.query(countIn(r, 'touchpoint'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS stakeholder_merged_idx`);
    await dropRollupTriggers(q);
    for (const r of ROLLUPS) await q.query(`DROP TABLE IF EXISTS ${r.table}`);
  }
}
