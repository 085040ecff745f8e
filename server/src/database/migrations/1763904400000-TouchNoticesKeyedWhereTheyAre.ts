import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Touch notices made one, set-based, in one statement: a frozen copy of notices/touch-notices.ts's
 * combiningTouchNotices, so that later edits of it do not change what this migration does on a fresh install. Of the
 * notices `candidates` selects (SQL giving `id`, `grp` — notices of one `grp` are made one — and `keep`, true for the
 * one to keep when it is there), the one kept of each `grp` of two or more takes the others in (counts, divisions,
 * touchpoints and records together, read only if all were) and they go. Their keys stay as they were.
 */
const combiningTouchNotices = (candidates: string) => `
  WITH c AS (${candidates}),
  ranked AS (
    SELECT n.id, n.data, n.occurrences, n.read_at, n.created_at, n.updated_at,
           first_value(n.id) OVER w AS keeper, count(*) OVER w AS together
      FROM c JOIN notice n ON n.id = c.id
    WINDOW w AS (PARTITION BY c.grp ORDER BY c.keep DESC, n.created_at, n.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),
  made_one AS (
    SELECT keeper, sum(occurrences)::int AS occurrences, min(created_at) AS created_at, max(updated_at) AS updated_at,
           CASE WHEN bool_and(read_at IS NOT NULL) THEN max(read_at) END AS read_at,
           jsonb_agg(data ORDER BY data->>'lastAt' DESC NULLS LAST, updated_at DESC, id) AS datas,
           bool_or(jsonb_typeof(data->'records') = 'object') AS counted
      FROM ranked WHERE together > 1 GROUP BY keeper),
  gone AS (DELETE FROM notice d USING ranked r WHERE d.id = r.id AND r.together > 1 AND r.id <> r.keeper RETURNING d.id),
  kept AS (
    UPDATE notice n SET occurrences = o.occurrences, created_at = o.created_at, updated_at = o.updated_at, read_at = o.read_at,
           data = jsonb_build_object(
             'divisionIds', (SELECT coalesce(jsonb_agg(DISTINCT d), '[]') FROM jsonb_array_elements(o.datas) e(v), jsonb_array_elements(coalesce(e.v->'divisionIds', '[]')) d),
             'touchpointIds', (SELECT coalesce(jsonb_agg(x ORDER BY p), '[]') FROM (
                SELECT x, min(e.n * 1000 + t.i) AS p FROM jsonb_array_elements(o.datas) WITH ORDINALITY e(v, n), jsonb_array_elements(coalesce(e.v->'touchpointIds', '[]')) WITH ORDINALITY t(x, i)
                 GROUP BY x ORDER BY 2 LIMIT 10) l),
             'lastAt', (SELECT max(e.v->>'lastAt') FROM jsonb_array_elements(o.datas) e(v)))
           || CASE WHEN o.counted THEN jsonb_build_object('records', (
                SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('n', touches, 'lastAt', last_at, 'divisionId', division_id)), '{}') FROM (
                  SELECT r.key AS k, sum((r.value->>'n')::int) AS touches, max(r.value->>'lastAt') AS last_at, max(r.value->>'divisionId') AS division_id
                    FROM jsonb_array_elements(o.datas) e(v), jsonb_each(CASE WHEN jsonb_typeof(e.v->'records') = 'object' THEN e.v->'records' ELSE '{}' END) r
                   GROUP BY r.key) x)) ELSE '{}' END
      FROM made_one o WHERE n.id = o.keeper RETURNING n.id)
  SELECT (SELECT count(*) FROM gone)::int AS gone, (SELECT count(*) FROM kept)::int AS kept`;

/** Touch notices whose group key names another account than the one they are at (moved by a merge before merges re-keyed). */
const STALE = (n: string) => `${n}.kind = 'OTHER_DIVISION_TOUCH' AND ${n}.account_id IS NOT NULL
  AND ${n}.group_key <> 'OTHER_DIVISION_TOUCH|' || ${n}.account_id || '|' || split_part(${n}.group_key, '|', 3)`;

/**
 * The statements of the migration, in order (exported for its test). First a colleague's touch notices of one day at one
 * account are made one, the one keyed by that account kept when there is one (combiningTouchNotices); then the rest are
 * keyed by the account they are at, through a key of their own (the notice's id added): a notice keyed by account A
 * elsewhere still holds A's key until the same statement moves it on, and the unique key is checked row by row.
 */
export const KEYED_WHERE_THEY_ARE = {
  combine: combiningTouchNotices(`
    WITH stale AS (SELECT s.id, s.colleague_id, s.account_id, split_part(s.group_key, '|', 3) AS day FROM notice s WHERE ${STALE('s')})
    SELECT id, colleague_id || '|' || account_id || '|' || day AS grp, false AS keep FROM stale
    UNION
    SELECT o.id, s.colleague_id || '|' || s.account_id || '|' || s.day, true FROM stale s
      JOIN notice o ON o.colleague_id = s.colleague_id AND o.group_key = 'OTHER_DIVISION_TOUCH|' || s.account_id || '|' || s.day AND o.account_id = s.account_id`),
  aside: `WITH aside AS (UPDATE notice n SET group_key = n.group_key || '|' || n.id WHERE ${STALE('n')} RETURNING n.id) SELECT coalesce(array_agg(id), '{}') AS ids FROM aside`,
  rekey: `UPDATE notice n SET group_key = 'OTHER_DIVISION_TOUCH|' || n.account_id || '|' || split_part(n.group_key, '|', 3) WHERE n.id = ANY($1::uuid[])`,
};

/**
 * One OTHER_DIVISION_TOUCH notice per colleague, account and day, keyed by the
 * account it is at, for notices merges moved before they re-keyed them: an
 * account could hold a colleague's notice of a day keyed by its own id and one
 * keyed by an account it took in, and merging it then failed on the notice's
 * unique key (found in review). Set-based: two reads of the notice table and
 * writes of the notices concerned only, row locks only.
 */
export class TouchNoticesKeyedWhereTheyAre1763904400000 implements MigrationInterface {
  name = 'TouchNoticesKeyedWhereTheyAre1763904400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(KEYED_WHERE_THEY_ARE.combine);
    const [{ ids }]: { ids: string[] }[] = await q.query(KEYED_WHERE_THEY_ARE.aside);
    await q.query(KEYED_WHERE_THEY_ARE.rekey, [ids]);
  }

  async down(): Promise<void> {
    // Notices made one stay one, keyed where they are: what they count is the same.
  }
}
