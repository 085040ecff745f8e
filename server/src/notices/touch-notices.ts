import { EntityManager } from 'typeorm';

/*
 * The SQL of OTHER_DIVISION_TOUCH notices beyond raising them: how two of them
 * combine, and how they follow their touchpoints when accounts merge or split.
 *
 * Such a notice is one per colleague, account and (UTC) day: its group key is
 * `OTHER_DIVISION_TOUCH|<account>|<day>`, the account being the one it is at.
 * Its data keep, beside the divisions, the latest touch and a sample of ten
 * touchpoint ids, the touches it counts per source account record
 * (`records`: record id → { n, lastAt, divisionId }). Touchpoints follow their
 * source record through merges and splits, so the counts can follow them too
 * even when the notice counts more touches than it names. Notices raised
 * before `records` existed have none: what they count stays where it is.
 */

/** The group key of an account's touch notice of the day another key (of the same kind) names. */
export const touchKey = (account: string, key: string) => `'OTHER_DIVISION_TOUCH|' || ${account} || '|' || split_part(${key}, '|', 3)`;

/** The per-record counts of two notices' data, added up. */
const recordsOf = (a: string, b: string) => `coalesce((
  SELECT jsonb_object_agg(k, jsonb_build_object('n', touches, 'lastAt', last_at, 'divisionId', division_id)) FROM (
    SELECT e.key AS k, sum((e.value->>'n')::int) AS touches, max(e.value->>'lastAt') AS last_at, max(e.value->>'divisionId') AS division_id
      FROM (SELECT * FROM jsonb_each(coalesce(${a}->'records', '{}')) UNION ALL SELECT * FROM jsonb_each(coalesce(${b}->'records', '{}'))) e
     GROUP BY e.key) r), '{}')`;

/**
 * The data of two touch notices of one colleague, account and day made one
 * (SQL over two jsonb expressions): divisions and counts together, the latest
 * touch, and the ten touchpoint ids, `newer`'s first, each once.
 */
export const combinedTouchData = (older: string, newer: string) => `jsonb_build_object(
  'divisionIds', (SELECT jsonb_agg(DISTINCT d) FROM jsonb_array_elements(coalesce(${older}->'divisionIds', '[]') || coalesce(${newer}->'divisionIds', '[]')) d),
  'touchpointIds', (SELECT coalesce(jsonb_agg(x ORDER BY o), '[]') FROM (
     SELECT x, min(o) AS o FROM jsonb_array_elements(coalesce(${newer}->'touchpointIds', '[]') || coalesce(${older}->'touchpointIds', '[]')) WITH ORDINALITY e(x, o)
      GROUP BY x ORDER BY min(o) LIMIT 10) l),
  'lastAt', greatest(${older}->>'lastAt', ${newer}->>'lastAt'),
  'records', ${recordsOf(older, newer)})`;

/** SET list folding notice `i` (a row expression with the columns of a notice) into notice `n`: one notice, read only if both were. */
const foldInto = (i: string) => `occurrences = n.occurrences + ${i}.occurrences, data = ${combinedTouchData('n.data', `${i}.data`)},
  created_at = least(n.created_at, ${i}.created_at), updated_at = greatest(n.updated_at, ${i}.updated_at),
  read_at = CASE WHEN n.read_at IS NULL OR ${i}.read_at IS NULL THEN NULL ELSE greatest(n.read_at, ${i}.read_at) END`;

/** A notice row as `to_jsonb(notice)` gives it. */
export type NoticeRowJson = Record<string, unknown>;

/** Two touch notices a merge made one: both as they were, kept with the merge for the split that undoes it. */
export interface FoldedNotice {
  survivor: NoticeRowJson;
  merged: NoticeRowJson;
}

/**
 * Touch notices made one, set-based, in one statement: of the notices `candidates` selects (SQL giving `id`, `grp` —
 * notices of one `grp` are made one — and `keep`, true for the one to keep when it is there), the one kept of each
 * `grp` of two or more takes the others in (counts, divisions, touchpoints and records together, read only if all
 * were) and they go. Their keys stay as they were. Notices without `records` (raised before records were kept) add
 * none: a notice counting only such touches keeps none, so what it counts stays where it is as before.
 */
export const combiningTouchNotices = (candidates: string) => `
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

/**
 * A merge of `from` into `to`: each touch notice of `from` takes `to`'s key;
 * one whose colleague has that day's notice at `to` already is folded into it
 * (counts, divisions, touchpoints and records together) and goes. Found in
 * our notes: a watcher of both accounts kept two notices of one day about the
 * one account, and a merge after a split made the same again. The notices
 * then move with the others (accountMoves.moveAll). Returns the pairs folded,
 * as they were.
 *
 * `from` may hold two notices of a colleague and day itself: merges before
 * they re-keyed moved notices keyed by the account merged away (migration
 * 1763904400000 makes those one, a version still running beside it may not
 * have). Those take the one key at `to`, so they are made one first (the one
 * keyed by `from` kept); found in review: the merge failed on the notice's
 * unique key, a matching merge failing its batch every time.
 *
 * Locks: `to`'s notices in the order of their key (colleague, group key), as
 * the notice producers write them (noticeOtherDivisionTouches): an ingest
 * writing notices of `to` beside a matching merge (which holds `to` only FOR
 * KEY SHARE) waits for it, or it for the ingest, never both.
 */
export async function foldTouchNoticesOnMerge(tx: EntityManager, from: string, to: string): Promise<FoldedNotice[]> {
  await tx.query(combiningTouchNotices(
    `SELECT t.id, t.colleague_id || '|' || split_part(t.group_key, '|', 3) AS grp, t.group_key = ${touchKey('$1::text', 't.group_key')} AS keep
       FROM notice t WHERE t.account_id = $1::uuid AND t.kind = 'OTHER_DIVISION_TOUCH'`), [from]);
  const folded: FoldedNotice[] = await tx.query(
    `SELECT to_jsonb(s) AS survivor, to_jsonb(m) AS merged
       FROM notice m JOIN notice s ON s.account_id = $1::uuid AND s.colleague_id = m.colleague_id AND s.group_key = ${touchKey('$1::text', 'm.group_key')}
      WHERE m.account_id = $2::uuid AND m.kind = 'OTHER_DIVISION_TOUCH'
      ORDER BY s.colleague_id, s.group_key FOR UPDATE OF s, m`, [to, from]);
  await tx.query(
    `WITH incoming AS (
       SELECT t.id, t.colleague_id, ${touchKey('$1::text', 't.group_key')} AS key, t.data, t.occurrences, t.read_at, t.created_at, t.updated_at
         FROM notice t WHERE t.account_id = $2::uuid AND t.kind = 'OTHER_DIVISION_TOUCH'),
     folded AS (
       UPDATE notice n SET ${foldInto('i')}
         FROM incoming i WHERE n.account_id = $1::uuid AND n.colleague_id = i.colleague_id AND n.group_key = i.key
       RETURNING i.id),
     gone AS (DELETE FROM notice d USING folded f WHERE d.id = f.id),
     rekeyed AS (UPDATE notice r SET group_key = i.key FROM incoming i WHERE r.id = i.id AND i.id NOT IN (SELECT id FROM folded))
     SELECT 1`,
    [to, from]);
  return folded;
}

/** The data of the part of a touch notice that counts `records` (jsonb), its sample of touchpoints those now at `account`. */
const partData = (records: string, data: string, account: string) => `jsonb_build_object(
  'divisionIds', (SELECT coalesce(jsonb_agg(DISTINCT v->'divisionId'), '[]') FROM jsonb_each(${records}) e(k, v)),
  'touchpointIds', (SELECT coalesce(jsonb_agg(x ORDER BY o), '[]') FROM jsonb_array_elements_text(coalesce(${data}->'touchpointIds', '[]')) WITH ORDINALITY e(x, o)
                     WHERE EXISTS (SELECT 1 FROM touchpoint tp WHERE tp.account_id = ${account} AND tp.id = x::uuid)),
  'lastAt', (SELECT max(v->>'lastAt') FROM jsonb_each(${records}) e(k, v)),
  'records', ${records})`;

/**
 * What stays at `$2` of a notice parted (`p`: a row of PARTS): its count less what went, and the data of what it
 * counts there; touches it counted without a record stay too, so it still names what it named of them.
 */
const stayingOccurrences = (p: string) => `greatest(${p}.occurrences - ${p}.going_n, ${p}.staying_n, 1)`;
const stayingData = (p: string) => `CASE WHEN ${p}.occurrences - ${p}.going_n > ${p}.staying_n
  THEN ${partData(`${p}.staying`, `${p}.data`, '$2::uuid')} || jsonb_build_object('divisionIds', ${p}.data->'divisionIds', 'lastAt', ${p}.data->'lastAt')
  ELSE ${partData(`${p}.staying`, `${p}.data`, '$2::uuid')} END`;

/** The touch notices at `$2` counting touches of records `$3`: `going` and `staying` their per-record counts split by those, and the sums. */
const PARTS = `
  SELECT p.*, (SELECT coalesce(sum((v->>'n')::int), 0) FROM jsonb_each(p.going) e(k, v))::int AS going_n,
         (SELECT coalesce(sum((v->>'n')::int), 0) FROM jsonb_each(p.staying) e(k, v))::int AS staying_n
    FROM (SELECT n.id, n.colleague_id, n.group_key, n.occurrences, n.data, n.read_at, n.created_at, n.updated_at,
                 coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(n.data->'records') e WHERE e.key::uuid = ANY($3::uuid[])), '{}') AS going,
                 coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(n.data->'records') e WHERE e.key::uuid <> ALL($3::uuid[])), '{}') AS staying
            FROM notice n WHERE n.account_id = $2::uuid AND n.kind = 'OTHER_DIVISION_TOUCH' AND jsonb_typeof(n.data->'records') = 'object' FOR UPDATE) p
   WHERE p.going <> '{}'`;
const WHOLE = (p: string) => `(${p}.staying = '{}' AND ${p}.going_n >= ${p}.occurrences)`;
const noneThere = (t: string) => `NOT EXISTS (SELECT 1 FROM notice o WHERE o.colleague_id = ${t}.colleague_id AND o.group_key = ${touchKey('$1::text', `${t}.group_key`)})`;

/**
 * A split moving source records `recordIds` (and their touchpoints, moved
 * already) from `from` to `to`: the touches a notice at `from` counts of those
 * records go to `to` with them. A notice counting only those moves whole (same
 * id, `to`'s key); one counting touches of both sides is parted: the colleague
 * keeps a notice at `to` counting that side's touches (read as the one it
 * came from) and the one at `from` counts the rest, each naming only its
 * side's divisions. A notice at `to` of the same colleague and day takes the
 * part in. The part going keeps the notice's id when the notice came from
 * `to` (`cameFrom`: a split undoing a merge, the notices that merge moved);
 * else the part staying does. Touches a notice counts without a record
 * (notices raised before records were kept) stay at `from`. Returns the ids of
 * the notices at `to`.
 */
export async function splitTouchNotices(tx: EntityManager, recordIds: string[], from: string, to: string, cameFrom: readonly string[] = []): Promise<string[]> {
  if (recordIds.length === 0) return [];
  // Whole ones move as they are (keeping their id), where `to` has no notice of the colleague that day; parted ones that
  // came from `to` go back keeping their id, what stays a new notice (inserted once the one it leaves has its new key).
  const [whole]: { ids: string[] | null }[] = await tx.query(
    `WITH parts AS (${PARTS}),
     moved AS (
       UPDATE notice t SET account_id = $1::uuid, group_key = ${touchKey('$1::text', 't.group_key')}
         FROM parts p WHERE t.id = p.id AND ${WHOLE('p')} AND ${noneThere('t')}
       RETURNING t.id)
     SELECT array_agg(id) AS ids FROM moved`,
    [to, from, recordIds]);
  const back: { id: string; stays: object }[] = await tx.query(
    `WITH parts AS (${PARTS}),
     went AS (
       UPDATE notice t SET account_id = $1::uuid, group_key = ${touchKey('$1::text', 't.group_key')}, occurrences = p.going_n,
              data = ${partData('p.going', 'p.data', '$1::uuid')}
         FROM parts p WHERE t.id = p.id AND t.id = ANY($4::uuid[]) AND NOT ${WHOLE('p')} AND ${noneThere('t')}
       RETURNING t.id, jsonb_build_object('colleague_id', p.colleague_id, 'group_key', p.group_key, 'occurrences', ${stayingOccurrences('p')},
                                          'data', ${stayingData('p')}, 'created_at', p.created_at, 'updated_at', p.updated_at, 'read_at', p.read_at) AS stays)
     SELECT id, stays FROM went`,
    [to, from, recordIds, cameFrom]);
  if (back.length > 0) {
    await tx.query(
      `INSERT INTO notice (colleague_id, account_id, kind, group_key, data, occurrences, created_at, updated_at, read_at)
       SELECT x.colleague_id, $1::uuid, 'OTHER_DIVISION_TOUCH', x.group_key, x.data, x.occurrences, x.created_at, x.updated_at, x.read_at
         FROM jsonb_to_recordset($2::jsonb) AS x(colleague_id uuid, group_key text, occurrences int, data jsonb, created_at timestamptz, updated_at timestamptz, read_at timestamptz)`,
      [from, JSON.stringify(back.map((b) => b.stays))]);
  }
  // The rest is parted: what `to` takes, what stays (all of it taken: the notice goes, counted in `to`'s).
  const [parted]: { ids: string[] | null }[] = await tx.query(
    `WITH parts AS (${PARTS}),
     taken AS (
       INSERT INTO notice AS n (colleague_id, account_id, kind, group_key, data, occurrences, created_at, updated_at, read_at)
       SELECT p.colleague_id, $1::uuid, 'OTHER_DIVISION_TOUCH', ${touchKey('$1::text', 'p.group_key')}, ${partData('p.going', 'p.data', '$1::uuid')},
              p.going_n, p.created_at, p.updated_at, p.read_at
         FROM parts p
       ON CONFLICT (colleague_id, group_key) DO UPDATE SET ${foldInto('EXCLUDED')}
       RETURNING n.id),
     kept AS (UPDATE notice t SET occurrences = ${stayingOccurrences('p')}, data = ${stayingData('p')} FROM parts p WHERE t.id = p.id AND NOT ${WHOLE('p')}),
     gone AS (DELETE FROM notice d USING parts p WHERE d.id = p.id AND ${WHOLE('p')})
     SELECT array_agg(id) AS ids FROM taken`,
    [to, from, recordIds]);
  return [...(whole.ids ?? []), ...back.map((b) => b.id), ...(parted.ids ?? [])];
}

/**
 * The split undoing a merge, before it parts notices by record: a notice the
 * merge folded (kept with it) that has not grown or been parted since is the
 * two again, as they were (read since, both are read). This also gives back
 * notices that count no records (raised before records were kept), which
 * parting cannot. `from` is where the folded notice is now, `to` the account
 * the split restores.
 */
export async function unfoldTouchNotices(tx: EntityManager, folded: readonly FoldedNotice[], from: string, to: string): Promise<void> {
  if (folded.length === 0) return;
  await tx.query(
    `WITH kept AS (
       SELECT s.id AS s_id, s.data AS s_data, s.occurrences AS s_occurrences, s.created_at AS s_created_at, s.updated_at AS s_updated_at, s.read_at AS s_read_at,
              m.id, m.colleague_id, m.group_key, m.data, m.occurrences, m.created_at, m.updated_at, m.read_at
         FROM jsonb_array_elements($3::jsonb) e
        CROSS JOIN LATERAL jsonb_populate_record(NULL::notice, e.value->'survivor') s
        CROSS JOIN LATERAL jsonb_populate_record(NULL::notice, e.value->'merged') m),
     unchanged AS (
       SELECT k.*, c.read_at AS read_since FROM kept k JOIN notice c ON c.id = k.s_id
        WHERE c.account_id = $2::uuid AND c.occurrences = k.s_occurrences + k.occurrences
          AND coalesce(c.data->'records', '{}') = ${recordsOf('k.s_data', 'k.data')}
        FOR UPDATE OF c),
     survivor AS (
       UPDATE notice c SET data = u.s_data, occurrences = u.s_occurrences, created_at = u.s_created_at, updated_at = u.s_updated_at,
              read_at = coalesce(u.s_read_at, u.read_since)
         FROM unchanged u WHERE c.id = u.s_id)
     INSERT INTO notice AS n (id, colleague_id, account_id, kind, group_key, data, occurrences, created_at, updated_at, read_at)
     SELECT u.id, u.colleague_id, $1::uuid, 'OTHER_DIVISION_TOUCH', ${touchKey('$1::text', 'u.group_key')}, u.data, u.occurrences,
            u.created_at, u.updated_at, coalesce(u.read_at, u.read_since)
       FROM unchanged u
     ON CONFLICT (colleague_id, group_key) DO UPDATE SET ${foldInto('EXCLUDED')}`,
    [to, from, JSON.stringify(folded)]);
}

/**
 * After the split undoing a merge has parted the notices (splitTouchNotices):
 * the two notices the merge made one (kept with it) are what they were, id
 * and all, where the parts on either side count just what each counted then
 * (nothing added since; read since, it stays read). `from` is the account the
 * split took records from, `to` the one it restores.
 */
export async function restoreFoldedNotices(tx: EntityManager, folded: readonly FoldedNotice[], from: string, to: string): Promise<void> {
  if (folded.length === 0) return;
  const restore = (side: 'survivor' | 'merged', account: string) => tx.query(
    `WITH kept AS (SELECT k.* FROM jsonb_array_elements($2::jsonb) e CROSS JOIN LATERAL jsonb_populate_record(NULL::notice, e.value->'${side}') k)
     UPDATE notice c SET id = k.id, data = k.data, occurrences = k.occurrences, created_at = k.created_at, updated_at = k.updated_at,
            read_at = coalesce(k.read_at, c.read_at)
       FROM kept k
      WHERE c.account_id = $1::uuid AND c.colleague_id = k.colleague_id AND c.group_key = ${touchKey('$1::text', 'k.group_key')}
        AND c.occurrences = k.occurrences AND c.data->'records' = k.data->'records'
        AND NOT EXISTS (SELECT 1 FROM notice o WHERE o.id = k.id AND o.id <> c.id)`,
    [account, JSON.stringify(folded)]);
  await restore('survivor', from);
  await restore('merged', to);
}

/** A notice's per-record counts in one canonical order (jsonb from the database and objects built here compare alike). */
type RecordCounts = Record<string, { n: number; lastAt: string; divisionId: string }>;
const canonical = (records: RecordCounts): string => JSON.stringify(Object.keys(records).sort().map((k) => [k, records[k].n, records[k].lastAt, records[k].divisionId]));
const countsOf = (notice: NoticeRowJson): RecordCounts => ((notice.data as { records?: RecordCounts } | null)?.records ?? {});

/** The per-record counts of two notices made one, as recordsOf adds them up in SQL (the latest touch and division kept per record). */
function foldedCounts(a: NoticeRowJson, b: NoticeRowJson): RecordCounts {
  const sum: RecordCounts = { ...countsOf(a) };
  for (const [k, v] of Object.entries(countsOf(b))) {
    const was = sum[k];
    sum[k] = was ? { n: was.n + v.n, lastAt: was.lastAt > v.lastAt ? was.lastAt : v.lastAt, divisionId: was.divisionId > v.divisionId ? was.divisionId : v.divisionId } : v;
  }
  return sum;
}

/** Whether `notice` (as a later merge kept it) is the two of `pair` made one, nothing added: what it counts is theirs. */
const isFoldOf = (notice: NoticeRowJson, pair: FoldedNotice) =>
  Number(notice.occurrences) === Number(pair.survivor.occurrences) + Number(pair.merged.occurrences) && canonical(countsOf(notice)) === canonical(foldedCounts(pair.survivor, pair.merged));

/**
 * The split undoing a merge (`mergeId`) whose folded touch notices (`folded`) a later merge, still standing, folded on:
 * the notice this merge kept was folded into another account's (or took another account's in), so it could not be
 * made two again here (unfoldTouchNotices finds it grown or gone). Once parting has taken back what the merged side
 * counted, that notice is again what it was before this merge: the later merge keeps it so (its kept copy, made
 * when it counted both, becomes the one before this merge), for the split undoing that merge to give it back, id,
 * times and all. Found by a seeded test: B <- A, then C <- B, undoing B <- A first: the watcher's notice of B came
 * back with a new id and A's times after both splits.
 */
export async function handOverFoldedNotices(tx: EntityManager, mergeId: string, folded: readonly FoldedNotice[]): Promise<void> {
  if (folded.length === 0) return;
  const later: { id: string; folded: FoldedNotice[] }[] = await tx.query(
    `SELECT id, moved->'folded_notice' AS folded FROM account_merge
      WHERE undone_at IS NULL AND id <> $1 AND jsonb_typeof(moved->'folded_notice') = 'array'
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(moved->'folded_notice') e
                     WHERE e.value->'survivor'->>'id' = ANY($2::text[]) OR e.value->'merged'->>'id' = ANY($2::text[]))
      FOR UPDATE`,
    [mergeId, folded.map((f) => String(f.survivor.id))]);
  for (const merge of later) {
    let changed = false;
    const kept = merge.folded.map((entry) => {
      for (const pair of folded) {
        for (const side of ['survivor', 'merged'] as const) {
          if (entry[side].id === pair.survivor.id && isFoldOf(entry[side], pair)) {
            changed = true;
            entry = { ...entry, [side]: pair.survivor };
          }
        }
      }
      return entry;
    });
    if (changed) await tx.query(`UPDATE account_merge SET moved = jsonb_set(moved, '{folded_notice}', $2::jsonb) WHERE id = $1`, [merge.id, JSON.stringify(kept)]);
  }
}
