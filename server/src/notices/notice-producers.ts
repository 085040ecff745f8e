import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { announceNotices } from '../live/announce';
import { combinedTouchData } from './touch-notices';

/*
 * Notices are written by the transaction that causes them (ingest, the
 * silence sweep), so a crash can lose none: if the transaction commits, the
 * notice is there for myNotices; live delivery (NOTIFY) comes on top.
 * Every producer is one set-based statement, whatever the batch size.
 */

/** Touchpoints this old or newer tell owners and watchers; a bulk import of years of history does not ring every bell. */
export const RECENT_TOUCH_DAYS = 14;

/**
 * The colleagues who hear about an account: its watchers and each division's owner (named by the division's account
 * record, a colleague of that division, as ownedByMe reads it: one named by another division's record could not stop
 * hearing of it, found by exploratory testing).
 */
const AUDIENCE = `
  SELECT w.account_id, w.colleague_id FROM account_watch w WHERE w.account_id = ANY($1::uuid[])
  UNION
  SELECT r.account_id, c.id FROM source_account_record r JOIN colleague c ON c.email = lower(r.raw->>'ownerEmail') AND c.division_id = r.division_id
   WHERE r.account_id = ANY($1::uuid[]) AND r.raw ? 'ownerEmail'`;

const UTC_DAY = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

type Written = { colleagueId: string; id: string }[];

/** Key of a touchpoint: the account leads its primary key. */
export interface TouchpointKey {
  accountId: string;
  id: string;
}

/**
 * OTHER_DIVISION_TOUCH: for each owner or watcher of a touched account, one
 * notice per account per (UTC) day counting the touches by divisions other
 * than theirs; a notice that grows becomes unread again. Touches that happened
 * (planned ones are news of another kind: UPCOMING_COLLISION), each told once
 * per account it is at (`touchpoint.told_account_ids`, the accounts whose owners
 * and watchers were told of it): of the touchpoints landed (`landed`: new and
 * changed), those that happened in the last RECENT_TOUCH_DAYS and were not told
 * where they are now — a new one; a later version redated into those days (from
 * history, or from plans once they happened) or filed under an account it was
 * never told to — are marked told there and counted. Marking and telling are one
 * statement on the database's clock: found in review, the writer marked new ones
 * by the app's clock, so one that happened after the transaction began was
 * marked and never told. A merge or split carries the marks with its touchpoints
 * (account-moves.repository.ts): moved, they are not news. Each counts per
 * source record too (touch-notices.ts).
 *
 * Notices are written in the order of their key (colleague, group key), as a
 * merge folding the account's notices locks them (foldTouchNoticesOnMerge), so
 * two writers of several notices wait for each other rather than deadlock.
 */
export async function noticeOtherDivisionTouches(tx: EntityManager, landed: readonly TouchpointKey[]): Promise<Written> {
  if (landed.length === 0) return [];
  const accounts = [...new Set(landed.map((t) => t.accountId))];
  return tx.query(
    `WITH touched AS (
       UPDATE touchpoint t SET told_account_ids = t.told_account_ids || t.account_id
         FROM unnest($2::uuid[], $3::uuid[]) AS k(account_id, id)
        WHERE (t.account_id, t.id) = (k.account_id, k.id) AND t.account_id <> ALL(t.told_account_ids)
          AND t.occurred_at >= now() - make_interval(days => ${RECENT_TOUCH_DAYS}) AND t.occurred_at <= now()
       RETURNING t.account_id, t.division_id, t.id, t.occurred_at, t.source_account_record_id AS record_id),
     audience AS (${AUDIENCE}),
     told AS (
       SELECT a.colleague_id, t.* FROM audience a JOIN colleague c ON c.id = a.colleague_id
         JOIN touched t ON t.account_id = a.account_id AND t.division_id <> c.division_id),
     -- Per source record (touchpoints follow theirs through merges and splits): what a split moves of the count (touch-notices.ts).
     per_record AS (
       SELECT colleague_id, account_id, record_id,
              jsonb_build_object('n', count(*), 'lastAt', max(occurred_at), 'divisionId', min(division_id::text)) AS counted
         FROM told GROUP BY colleague_id, account_id, record_id),
     grouped AS (
       SELECT g.colleague_id, g.account_id, count(*)::int AS n, jsonb_agg(DISTINCT g.division_id) AS divisions,
              to_jsonb((array_agg(g.id ORDER BY g.occurred_at DESC))[1:10]) AS ids, max(g.occurred_at) AS last_at,
              (SELECT jsonb_object_agg(r.record_id, r.counted) FROM per_record r WHERE (r.colleague_id, r.account_id) = (g.colleague_id, g.account_id)) AS records,
              'OTHER_DIVISION_TOUCH|' || g.account_id || '|' || ${UTC_DAY} AS group_key
         FROM told g GROUP BY g.colleague_id, g.account_id)
     INSERT INTO notice AS n (colleague_id, account_id, kind, group_key, data, occurrences)
     SELECT colleague_id, account_id, 'OTHER_DIVISION_TOUCH', group_key,
            jsonb_build_object('divisionIds', divisions, 'touchpointIds', ids, 'lastAt', last_at, 'records', records), n
       FROM grouped ORDER BY colleague_id, group_key
     ON CONFLICT (colleague_id, group_key) DO UPDATE SET
       occurrences = n.occurrences + EXCLUDED.occurrences, data = ${combinedTouchData('n.data', 'EXCLUDED.data')},
       updated_at = now(), read_at = NULL
     RETURNING colleague_id AS "colleagueId", id`,
    [accounts, landed.map((t) => t.accountId), landed.map((t) => t.id)],
  );
}

/**
 * The touchpoints the due-touch sweep tells (at most `limit`, earliest first): those that landed before they happened
 * (plans, as their last version said) whose date has come in the last RECENT_TOUCH_DAYS and that are not told at the
 * account they are at. Found through touchpoint_planned_idx (plans by date), never by reading every touchpoint; the
 * marks are checked on the rows found. From the team's notes: a plan whose date passed without a new version being
 * sent was never told, though a touchpoint landing after it happened is.
 */
export async function dueTouches(tx: EntityManager, limit: number): Promise<TouchpointKey[]> {
  return tx.query(
    `SELECT t.account_id AS "accountId", t.id FROM touchpoint t
      WHERE t.created_at < t.occurred_at AND t.occurred_at >= now() - make_interval(days => ${RECENT_TOUCH_DAYS}) AND t.occurred_at <= now()
        AND t.account_id <> ALL(t.told_account_ids)
      ORDER BY t.occurred_at, t.id LIMIT $1`,
    [limit]);
}

/**
 * Tells of up to `limit` due touchpoints (dueTouches) as ingest tells of those that land: the same statement
 * (noticeOtherDivisionTouches), which marks and tells only the ones still not told where they are, under the row lock
 * it takes. An ingest telling the same touchpoint beside it waits for it, or it for the ingest, and the one that waited
 * reads the mark the other wrote: told once. Returns the notices written (announced) and how many touchpoints it found.
 */
export async function noticeDueTouches(tx: EntityManager, limit: number): Promise<{ written: Written; found: number }> {
  const due = await dueTouches(tx, limit);
  const written = await noticeOtherDivisionTouches(tx, due);
  await announceNotices(tx, written);
  return { written, found: due.length };
}

/**
 * UPCOMING_COLLISION: a planned touchpoint (in the future) of one division
 * within `windowDays` of a planned touchpoint of another division with the
 * same account — or with the same stakeholder at another account. Both sides
 * hear it before the meetings: the colleagues on either touchpoint, each
 * side's account owner and the accounts' watchers. One notice per pair; a rescheduled meeting updates it,
 * or withdraws it when the two no longer fall within the window.
 */
export async function noticeUpcomingCollisions(tx: EntityManager, landed: readonly TouchpointKey[], windowDays: number): Promise<Written> {
  if (landed.length === 0) return [];
  return tx.query(
    `WITH planned AS (
       SELECT t.* FROM touchpoint t JOIN unnest($1::uuid[], $2::uuid[]) AS k(account_id, id) ON (t.account_id, t.id) = (k.account_id, k.id)
        WHERE t.occurred_at > now()),
     pairs AS (
       SELECT DISTINCT ON (least(p.id, o.id), greatest(p.id, o.id))
              least(p.id, o.id) || '|' || greatest(p.id, o.id) AS pair, p.account_id, o.account_id AS other_account_id,
              p.id AS a_id, o.id AS b_id, p.division_id AS a_division, o.division_id AS b_division,
              p.occurred_at AS a_at, o.occurred_at AS b_at, p.colleague_emails || o.colleague_emails AS emails,
              p.stakeholder_ids && o.stakeholder_ids AS same_stakeholder
         FROM planned p
         CROSS JOIN LATERAL (SELECT p.account_id AS account_id
                             UNION SELECT sa.account_id FROM stakeholder_affiliation sa WHERE sa.stakeholder_id = ANY(p.stakeholder_ids)) acc
         JOIN touchpoint o ON o.account_id = acc.account_id
          AND o.occurred_at > now() AND o.occurred_at BETWEEN p.occurred_at - make_interval(days => $3) AND p.occurred_at + make_interval(days => $3)
          AND o.division_id <> p.division_id
          AND (o.account_id = p.account_id OR o.stakeholder_ids && p.stakeholder_ids)),
     -- A meeting rescheduled out of the window (or to a day the other division no longer plans near) ends the
     -- pair's collision: its notice would warn of meetings that no longer collide. One that has happened keeps it.
     withdrawn AS (
       DELETE FROM notice w WHERE w.kind = 'UPCOMING_COLLISION' AND w.data->'touchpointIds' ?| array(SELECT id::text FROM planned)
          AND NOT EXISTS (SELECT 1 FROM pairs pr WHERE w.group_key = 'UPCOMING_COLLISION|' || pr.pair)),
     told AS (
       SELECT pr.pair, c.id AS colleague_id FROM pairs pr JOIN colleague c ON c.email = ANY(pr.emails)
       UNION
       SELECT pr.pair, c.id FROM pairs pr
         JOIN source_account_record r ON r.account_id IN (pr.account_id, pr.other_account_id) AND r.division_id IN (pr.a_division, pr.b_division)
         JOIN colleague c ON c.email = lower(r.raw->>'ownerEmail') AND c.division_id = r.division_id
       UNION
       -- Watching an account promises to hear when meetings collide (found by exploratory testing: watchers never did).
       SELECT pr.pair, w.colleague_id FROM pairs pr JOIN account_watch w ON w.account_id IN (pr.account_id, pr.other_account_id))
     INSERT INTO notice AS n (colleague_id, account_id, kind, group_key, data)
     SELECT t.colleague_id, pr.account_id, 'UPCOMING_COLLISION', 'UPCOMING_COLLISION|' || pr.pair,
            jsonb_build_object('touchpointIds', jsonb_build_array(pr.a_id, pr.b_id), 'divisionIds', jsonb_build_array(pr.a_division, pr.b_division),
                               'plannedAt', jsonb_build_array(pr.a_at, pr.b_at), 'sameStakeholder', pr.same_stakeholder)
       FROM told t JOIN pairs pr USING (pair)
     ON CONFLICT (colleague_id, group_key) DO UPDATE SET data = EXCLUDED.data, updated_at = now(), read_at = NULL
       WHERE n.data->'plannedAt' IS DISTINCT FROM EXCLUDED.data->'plannedAt'
     RETURNING colleague_id AS "colleagueId", id`,
    [landed.map((t) => t.accountId), landed.map((t) => t.id), windowDays],
  );
}

/** MATCH_REVIEW_WAITING: when this transaction queued match reviews, every admin hears it once a day, with the open count. */
export async function noticeMatchReviewsWaiting(tx: EntityManager): Promise<Written> {
  return tx.query(
    `WITH fresh AS (SELECT count(*)::int AS n FROM match_review WHERE status = 'OPEN' AND created_at = now()),
          open AS (SELECT count(*)::int AS n FROM match_review WHERE status = 'OPEN')
     INSERT INTO notice AS n (colleague_id, kind, group_key, data, occurrences)
     SELECT c.id, 'MATCH_REVIEW_WAITING', 'MATCH_REVIEW_WAITING|' || ${UTC_DAY}, jsonb_build_object('open', (SELECT n FROM open)), (SELECT n FROM fresh)
       FROM colleague c WHERE c.role = 'ADMIN' AND (SELECT n FROM fresh) > 0
     ON CONFLICT (colleague_id, group_key) DO UPDATE SET
       occurrences = n.occurrences + EXCLUDED.occurrences, data = EXCLUDED.data, updated_at = now(), read_at = NULL
     RETURNING colleague_id AS "colleagueId", id`,
  );
}

/**
 * ACCOUNT_SILENT: every owned or watched account whose last past touchpoint
 * (from anyone) is older than `silentAfterDays`. One notice per silence: the
 * key holds the last touch, so a new silence after a new touch is news again.
 */
export async function noticeSilentAccounts(tx: EntityManager, silentAfterDays: number): Promise<Written> {
  return tx.query(
    `WITH audience AS (
       SELECT w.account_id, w.colleague_id FROM account_watch w
       UNION
       SELECT r.account_id, c.id FROM source_account_record r JOIN colleague c ON c.email = lower(r.raw->>'ownerEmail') AND c.division_id = r.division_id
        WHERE r.raw ? 'ownerEmail' AND r.account_id IS NOT NULL),
     accounts AS (
       SELECT a.id AS account_id, coalesce(last.at, a.created_at) AS since, last.at AS last_at
         FROM account a
         LEFT JOIN LATERAL (SELECT t.occurred_at AS at FROM touchpoint t WHERE t.account_id = a.id AND t.occurred_at <= now()
                             ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) last ON true
        WHERE a.id IN (SELECT account_id FROM audience) AND a.merged_into_id IS NULL)
     INSERT INTO notice (colleague_id, account_id, kind, group_key, data)
     SELECT au.colleague_id, ac.account_id, 'ACCOUNT_SILENT', 'ACCOUNT_SILENT|' || ac.account_id || '|' || ac.since,
            jsonb_build_object('lastTouchAt', ac.last_at, 'silentDays', extract(day FROM now() - ac.since)::int)
       FROM accounts ac JOIN audience au USING (account_id)
      WHERE ac.since < now() - make_interval(days => $1)
     ON CONFLICT (colleague_id, group_key) DO NOTHING
     RETURNING colleague_id AS "colleagueId", id`,
    [silentAfterDays],
  );
}

/** Runs the producers that follow landed touchpoints and announces what they wrote, inside the ingest transaction. */
export async function noticeIngested(tx: EntityManager, touchpoints: { created: TouchpointKey[]; changed: TouchpointKey[] }, windowDays: number): Promise<Written> {
  const landed = [...touchpoints.created, ...touchpoints.changed];
  const written = [
    ...(await noticeOtherDivisionTouches(tx, landed)),
    ...(await noticeUpcomingCollisions(tx, landed, windowDays)),
    ...(await noticeMatchReviewsWaiting(tx)),
  ];
  await announceNotices(tx, written);
  return written;
}

/** One side of a critical-info conflict: a division and its value, normalised by the caller (restatements alike). */
export interface ConflictSide {
  divisionId: string;
  value: string;
}

/**
 * The group key of a conflict: the account, the field (by id: a renamed field keeps its conflict), the resolution it
 * follows (null: none yet; a conflict after a resolution is a new one) and the set of distinct sides. Restating a
 * value a side already holds ("Net 30", "net 30") keeps the key; a new side or a new value makes a new one.
 */
export function criticalInfoConflictKey(conflict: { accountId: string; fieldId: string; sinceResolutionId: string | null; sides: readonly ConflictSide[] }): string {
  const sides = [...new Set(conflict.sides.map((s) => JSON.stringify([s.divisionId, s.value])))].sort();
  // The sides by their digest: values of 2,000 characters made keys past what the btree on group keys takes, and
  // the statement telling of the conflict failed, with the batch that made it (found in review).
  const digest = createHash('sha256').update(sides.join(',')).digest('base64url');
  return `CRITICAL_INFO_CONFLICT|${conflict.accountId}|${conflict.fieldId}|${conflict.sinceResolutionId ?? '-'}|${digest}`;
}

/**
 * CRITICAL_INFO_CONFLICT: divisions now hold different current values of a
 * field. Owners and watchers of the account hear it once per conflict (see
 * criticalInfoConflictKey: a new side or value is news again, a restatement is not).
 */
export async function noticeCriticalInfoConflict(
  tx: EntityManager,
  conflict: { accountId: string; fieldId: string; fieldLabel: string; sinceResolutionId: string | null; sides: readonly ConflictSide[]; assertionIds: readonly string[] },
): Promise<Written> {
  const key = criticalInfoConflictKey(conflict);
  const divisionIds = conflict.sides.map((s) => s.divisionId);
  const written: Written = await tx.query(
    `WITH audience AS (${AUDIENCE})
     INSERT INTO notice (colleague_id, account_id, kind, group_key, data)
     SELECT DISTINCT colleague_id, account_id, 'CRITICAL_INFO_CONFLICT', $2, jsonb_build_object('fieldLabel', $3::text, 'divisionIds', $4::jsonb, 'assertionIds', $5::jsonb)
       FROM audience
     ON CONFLICT (colleague_id, group_key) DO NOTHING
     RETURNING colleague_id AS "colleagueId", id`,
    // The assertions the conflict was told of: a split that moves all of them elsewhere takes the notice along (account-notices.ts).
    [[conflict.accountId], key, conflict.fieldLabel, JSON.stringify([...new Set(divisionIds)]), JSON.stringify(conflict.assertionIds)],
  );
  await announceNotices(tx, written);
  return written;
}
