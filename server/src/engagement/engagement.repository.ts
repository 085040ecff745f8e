import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TouchpointType } from '../ingest/ingest.types';
import { TOUCHPOINT_COLUMNS, TouchpointRow } from '../touchpoints/timeline.repository';

/** A timestamptz's calendar month in UTC, as the rollups key it (a date), and the first instants of a month and the next. */
const MONTH = (at: string) => `(date_trunc('month', (${at}) AT TIME ZONE 'UTC'))::date`;
const MONTH_START = (month: string) => `(${month}::timestamp AT TIME ZONE 'UTC')`;
const NEXT_MONTH_START = (month: string) => `((${month} + interval '1 month')::timestamp AT TIME ZONE 'UTC')`;

/** The caller whose "since my last touch" is asked: their email on touchpoints and their division. */
export interface Caller {
  email: string;
  divisionId: string;
}

export interface DivisionFigures {
  divisionId: string;
  touchCount: number;
  firstTouch: Date | null;
  lastTouch: Date | null;
  nextPlannedTouch: Date | null;
  byType: { type: TouchpointType; count: number }[];
  colleagueIds: string[];
  stakeholderIds: string[];
  ownerIds: string[];
  ownerEmails: string[];
  openOpportunityIds: string[];
  openTotals: { currency: string | null; amount: number; amountText: string; count: number }[];
}

export interface ColleagueFigures {
  colleagueId: string;
  divisionId: string;
  touchCount: number;
  last90: number;
  last365: number;
  lastTouch: Date;
  stakeholderIds: string[];
}

export interface EngagementFigures {
  asOf: Date;
  divisions: DivisionFigures[];
  colleagues: ColleagueFigures[];
  myLastTouch: Date | null;
  news: { divisionId: string; count: number; lastTouch: Date }[];
}

/**
 * The parts of engagement that come from the divisions' account records and
 * opportunities, not from touchpoints (CTEs owners, open_deals, open_totals;
 * $1 account). The rollup spec's exact statement shares them.
 */
export const ACCOUNT_RECORD_PARTS = `-- The division's account owner: the colleague its account records name (index source_account_record_owner_idx),
-- when of that division (one who moved on is its email only: named as another division's owner, found by exploratory testing).
owners AS (
  SELECT r.division_id,
         array_agg(c.id ORDER BY r.updated_at DESC) FILTER (WHERE c.id IS NOT NULL) AS ids,
         array_agg(DISTINCT lower(r.raw->>'ownerEmail')) AS emails
    FROM source_account_record r LEFT JOIN colleague c ON c.email = lower(r.raw->>'ownerEmail') AND c.division_id = r.division_id
   WHERE r.account_id = $1 AND lower(r.raw->>'ownerEmail') IS NOT NULL
   GROUP BY r.division_id
),
open_deals AS (
  SELECT division_id, array_agg(id ORDER BY close_date NULLS LAST, id) AS ids FROM opportunity WHERE account_id = $1 AND is_open GROUP BY division_id
),
-- Summed exactly (numeric), then as text (exact) and once as the nearest double: a float sum lost cents beyond 2^53.
open_totals AS (
  SELECT division_id, json_agg(json_build_object('currency', currency, 'amount', total::float8, 'amountText', total::text, 'count', n) ORDER BY currency NULLS LAST) AS totals
    FROM (SELECT division_id, currency, sum(amount) AS total, count(*)::int AS n
            FROM opportunity WHERE account_id = $1 AND is_open AND amount IS NOT NULL GROUP BY 1, 2) per_currency
   GROUP BY division_id
),`;

/**
 * The engagement statement, from the rollups (engagement/rollups.ts) and the
 * touchpoints they do not count yet (pending in the outbox; few, as the fold
 * runs every second or so): whole past months from the month rollups,
 * this month so far (`recent`), the partial months where the 90- and 365-day
 * windows and "since my last touch" begin (`edge`, `news_edge`) and the planned
 * touchpoints read exactly from the timeline index; who met whom from the pair
 * rollups (a pair counts once its first touch has happened). A key account's
 * 60,000 touchpoints are a few thousand rollup rows and one month of
 * touchpoints. Our people are found by the emails touchpoints name
 * (colleague_ids is only what ingest could resolve then); people at the
 * customer by their survivor.
 * $1 account, $2 caller email, $3 caller division (both null: no caller), $4 as of (null: now),
 * $5 whether to name the people each division and colleague met (on a key account thousands of pairs that
 * the web's panel does not show: false leaves the pair rollups unread).
 */
const ENGAGEMENT_SQL = `
WITH clock AS MATERIALIZED (
  SELECT c.now, ${MONTH('c.now')} AS month, ${MONTH_START(MONTH('c.now'))} AS month_start,
         ${MONTH("c.now - interval '90 days'")} AS m90, ${MONTH("c.now - interval '365 days'")} AS m365
    FROM (SELECT coalesce($4::timestamptz, now()) AS now) c
),
recent AS MATERIALIZED (
  SELECT t.division_id, t.type, t.occurred_at, t.colleague_emails
    FROM touchpoint t, clock
   WHERE t.account_id = $1 AND t.occurred_at >= clock.month_start AND t.occurred_at <= clock.now
),
-- Touchpoints not counted in the rollups yet (the outbox, engagement/rollups.ts) that happened: added to what the rollups say.
pending AS MATERIALIZED (
  SELECT o.division_id, o.type, o.occurred_at, o.colleague_emails, o.stakeholder_ids, ${MONTH('o.occurred_at')} AS month
    FROM touchpoint_outbox o, clock
   WHERE o.account_id = $1 AND o.occurred_at <= clock.now
),
-- Per division, type and month: whole past months and this month so far.
months AS MATERIALIZED (
  SELECT m.division_id, m.type, m.month, m.touch_count AS n, m.first_at, m.last_at
    FROM engagement_month m, clock WHERE m.account_id = $1 AND m.month < clock.month
  UNION ALL
  SELECT p.division_id, p.type, p.month, count(*)::int, min(p.occurred_at), max(p.occurred_at) FROM pending p, clock WHERE p.month < clock.month GROUP BY 1, 2, 3
  UNION ALL
  SELECT r.division_id, r.type, clock.month, count(*)::int, min(r.occurred_at), max(r.occurred_at) FROM recent r, clock GROUP BY 1, 2, 3
),
colleague_months AS MATERIALIZED (
  SELECT c.email, c.division_id, c.month, c.touch_count AS n, c.last_at
    FROM engagement_colleague_month c, clock WHERE c.account_id = $1 AND c.month < clock.month
  UNION ALL
  SELECT e.email, p.division_id, p.month, count(*)::int, max(p.occurred_at)
    FROM pending p CROSS JOIN LATERAL unnest(p.colleague_emails) AS e(email), clock WHERE p.month < clock.month GROUP BY 1, 2, 3
  UNION ALL
  SELECT e.email, r.division_id, clock.month, count(*)::int, max(r.occurred_at)
    FROM recent r CROSS JOIN LATERAL unnest(r.colleague_emails) AS e(email), clock GROUP BY 1, 2, 3
),
-- The touchpoints of the months where the 90- and 365-day windows begin that are inside the windows.
edge AS (
  SELECT e.email, t.division_id, count(*) FILTER (WHERE w.days = 90)::int AS n90, count(*) FILTER (WHERE w.days = 365)::int AS n365
    FROM clock CROSS JOIN (VALUES (90), (365)) AS w(days)
    JOIN touchpoint t ON t.account_id = $1 AND t.occurred_at > clock.now - make_interval(days => w.days)
     AND t.occurred_at < ${NEXT_MONTH_START('CASE w.days WHEN 90 THEN clock.m90 ELSE clock.m365 END')}
    CROSS JOIN LATERAL unnest(t.colleague_emails) AS e(email)
   GROUP BY 1, 2
),
by_email AS (
  SELECT b.email, b.division_id, b.n, b.last_touch, b.after90 + coalesce(g.n90, 0) AS last90, b.after365 + coalesce(g.n365, 0) AS last365
    FROM (SELECT cm.email, cm.division_id, sum(cm.n)::int AS n, max(cm.last_at) AS last_touch,
                 coalesce(sum(cm.n) FILTER (WHERE cm.month > clock.m90), 0)::int AS after90,
                 coalesce(sum(cm.n) FILTER (WHERE cm.month > clock.m365), 0)::int AS after365
                  FROM colleague_months cm, clock GROUP BY 1, 2, clock.m90, clock.m365) b
    LEFT JOIN edge g USING (email, division_id)
),
-- Our colleagues the touchpoints name: probes of colleague_email_idx for the distinct emails.
us AS MATERIALIZED (
  SELECT c.id, c.email, c.division_id FROM colleague c WHERE c.email IN (SELECT email FROM by_email)
),
pairs AS MATERIALIZED (
  SELECT p.division_id, p.stakeholder_id AS named_id FROM engagement_person p, clock WHERE $5::boolean AND p.account_id = $1 AND p.first_at <= clock.now
  UNION
  SELECT p.division_id, n.id FROM pending p CROSS JOIN LATERAL unnest(p.stakeholder_ids) AS n(id) WHERE $5::boolean
),
colleague_pairs AS MATERIALIZED (
  SELECT p.email, p.stakeholder_id AS named_id FROM engagement_colleague_person p, clock WHERE $5::boolean AND p.account_id = $1 AND p.first_at <= clock.now
  UNION
  SELECT e.email, n.id FROM pending p CROSS JOIN LATERAL unnest(p.colleague_emails) AS e(email) CROSS JOIN LATERAL unnest(p.stakeholder_ids) AS n(id) WHERE $5::boolean
),
-- People merged into another since a touchpoint named them: probes of a small partial index (1 % of people).
-- A colleague's pairs are among their divisions' (the same touchpoints, first touches no earlier).
merged AS MATERIALIZED (
  SELECT s.id, s.merged_into_id FROM stakeholder s
   WHERE s.merged_into_id IS NOT NULL AND s.id IN (SELECT named_id FROM pairs)
),
touches AS (
  SELECT division_id, sum(n)::int AS n, min(first_at) AS first_touch, max(last_at) AS last_touch FROM months GROUP BY division_id
),
by_type AS (
  SELECT division_id, json_agg(json_build_object('type', type, 'count', n) ORDER BY n DESC, type) AS counts
    FROM (SELECT division_id, type, sum(n)::int AS n FROM months GROUP BY 1, 2) per_type
   GROUP BY division_id
),
planned AS (
  SELECT t.division_id, min(t.occurred_at) AS next_touch FROM touchpoint t, clock WHERE t.account_id = $1 AND t.occurred_at > clock.now GROUP BY t.division_id
),
involved AS (
  SELECT division_id, array_agg(colleague_id ORDER BY last_touch DESC, colleague_id) AS ids
    FROM (SELECT b.division_id, u.id AS colleague_id, max(b.last_touch) AS last_touch FROM by_email b JOIN us u USING (email) GROUP BY 1, 2) per_colleague
   GROUP BY division_id
),
division_people AS (
  SELECT p.division_id, array_agg(DISTINCT coalesce(m.merged_into_id, p.named_id)) AS ids FROM pairs p LEFT JOIN merged m ON m.id = p.named_id GROUP BY p.division_id
),
${ACCOUNT_RECORD_PARTS}
known AS (
  SELECT division_id FROM source_account_record WHERE account_id = $1
  UNION SELECT division_id FROM touches
  UNION SELECT division_id FROM planned
  UNION SELECT division_id FROM open_deals
),
colleague_touches AS (
  SELECT u.id AS colleague_id, u.division_id AS colleague_division_id, sum(b.n)::int AS n, max(b.last_touch) AS last_touch,
         sum(b.last90)::int AS last90, sum(b.last365)::int AS last365
    FROM by_email b JOIN us u USING (email) GROUP BY 1, 2
),
colleague_people AS (
  SELECT u.id AS colleague_id, array_agg(DISTINCT coalesce(m.merged_into_id, cp.named_id)) AS ids
    FROM colleague_pairs cp JOIN us u USING (email) LEFT JOIN merged m ON m.id = cp.named_id
   GROUP BY u.id
),
mine AS (
  SELECT max(last_at) AS last_touch FROM colleague_months WHERE email = $2::text
),
-- What other divisions did after my last touch: whole months after its month, and the rest of its month read exactly.
news_months AS (
  SELECT m.division_id, sum(m.n)::int AS n, max(m.last_at) AS last_touch
    FROM months m, mine
   WHERE m.division_id <> $3::uuid AND (mine.last_touch IS NULL OR m.month > ${MONTH('mine.last_touch')})
   GROUP BY m.division_id
),
news_edge AS (
  SELECT t.division_id, count(*)::int AS n, max(t.occurred_at) AS last_touch
    FROM mine, clock, touchpoint t
   WHERE mine.last_touch IS NOT NULL AND t.account_id = $1 AND t.division_id <> $3::uuid
     AND t.occurred_at > mine.last_touch AND t.occurred_at <= clock.now AND t.occurred_at < ${NEXT_MONTH_START(MONTH('mine.last_touch'))}
   GROUP BY t.division_id
),
news AS (
  SELECT division_id, sum(n)::int AS n, max(last_touch) AS last_touch
    FROM (SELECT * FROM news_months UNION ALL SELECT * FROM news_edge) both_parts
   GROUP BY division_id
)
-- Each part per division as its own small array, put together in TypeScript (divisionsOf): one join of
-- nine parts cost the planner 3-24 ms per call.
SELECT (SELECT now FROM clock) AS "asOf",
  (SELECT json_agg(division_id) FROM known) AS known,
  (SELECT json_agg(json_build_object('divisionId', division_id, 'touchCount', n, 'firstTouch', first_touch, 'lastTouch', last_touch)) FROM touches) AS touches,
  (SELECT json_agg(json_build_object('divisionId', division_id, 'value', counts)) FROM by_type) AS "byType",
  (SELECT json_agg(json_build_object('divisionId', division_id, 'value', next_touch)) FROM planned) AS planned,
  (SELECT json_agg(json_build_object('divisionId', division_id, 'value', ids)) FROM involved) AS involved,
  (SELECT json_agg(json_build_object('divisionId', division_id, 'value', ids)) FROM division_people) AS people,
  (SELECT json_agg(json_build_object('divisionId', division_id, 'ids', ids, 'emails', emails)) FROM owners) AS owners,
  (SELECT json_agg(json_build_object('divisionId', division_id, 'value', ids)) FROM open_deals) AS "openDeals",
  (SELECT json_agg(json_build_object('divisionId', division_id, 'value', totals)) FROM open_totals) AS "openTotals",
  (SELECT coalesce(json_agg(json_build_object(
            'colleagueId', ct.colleague_id, 'divisionId', ct.colleague_division_id, 'touchCount', ct.n, 'last90', ct.last90,
            'last365', ct.last365, 'lastTouch', ct.last_touch, 'stakeholderIds', coalesce(cp.ids, '{}'))
          ORDER BY ct.last_touch DESC, ct.colleague_id), '[]'::json)
     FROM colleague_touches ct LEFT JOIN colleague_people cp USING (colleague_id)) AS colleagues,
  (SELECT last_touch FROM mine) AS "myLastTouch",
  (SELECT coalesce(json_agg(json_build_object('divisionId', division_id, 'count', n, 'lastTouch', last_touch)
          ORDER BY last_touch DESC, division_id), '[]'::json) FROM news WHERE n > 0) AS news`;

/** Timestamps inside jsonb arrive as ISO strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

function at(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** One division's part of a figure. */
type Part<T> = { divisionId: string; value: T }[] | null;

/** The engagement statement's per-division parts (null: no division has any). */
export interface FiguresRow {
  known: string[] | null;
  touches: { divisionId: string; touchCount: number; firstTouch: string; lastTouch: string }[] | null;
  byType: Part<DivisionFigures['byType']>;
  planned: Part<string>;
  involved: Part<string[]>;
  people: Part<string[]>;
  owners: { divisionId: string; ids: string[] | null; emails: string[] }[] | null;
  openDeals: Part<string[]>;
  openTotals: Part<DivisionFigures['openTotals']>;
}

function byDivision<T>(part: Part<T>): Map<string, T> {
  return new Map((part ?? []).map((p) => [p.divisionId, p.value]));
}

/** Every division that knows the account, with its figures; the latest touched first (then by id, as PostgreSQL orders uuids). */
export function divisionsOf(row: FiguresRow): DivisionFigures[] {
  const touches = new Map((row.touches ?? []).map((t) => [t.divisionId, t]));
  const owners = new Map((row.owners ?? []).map((o) => [o.divisionId, o]));
  const [byType, planned, involved, people, openDeals, openTotals] =
    [byDivision(row.byType), byDivision(row.planned), byDivision(row.involved), byDivision(row.people), byDivision(row.openDeals), byDivision(row.openTotals)];
  const divisions = (row.known ?? []).map((divisionId): DivisionFigures => {
    const t = touches.get(divisionId);
    return {
      divisionId, touchCount: t?.touchCount ?? 0, firstTouch: at(t?.firstTouch ?? null), lastTouch: at(t?.lastTouch ?? null),
      nextPlannedTouch: at(planned.get(divisionId) ?? null), byType: byType.get(divisionId) ?? [],
      colleagueIds: involved.get(divisionId) ?? [], stakeholderIds: people.get(divisionId) ?? [],
      ownerIds: owners.get(divisionId)?.ids ?? [], ownerEmails: owners.get(divisionId)?.emails ?? [],
      openOpportunityIds: openDeals.get(divisionId) ?? [], openTotals: openTotals.get(divisionId) ?? [],
    };
  });
  const time = (d: DivisionFigures) => d.lastTouch?.getTime() ?? -Infinity;
  return divisions.sort((a, b) => time(b) - time(a) || (a.divisionId < b.divisionId ? -1 : a.divisionId > b.divisionId ? 1 : 0));
}

/** The SQL of engagement. Every statement names one account and is served by an index that leads with account_id. */
@Injectable()
export class EngagementRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every engagement figure of one account in one statement; `caller` adds
   * what is new since their last touch. Without `people` the divisions' and
   * colleagues' stakeholder ids come back empty. `asOf` (tests only) stands for now.
   */
  async figures(accountId: string, caller: Caller | null, options: { people?: boolean; asOf?: Date | null } = {}): Promise<EngagementFigures> {
    const [row]: (FiguresRow & { asOf: Date; myLastTouch: Date | null; colleagues: Json<ColleagueFigures>[]; news: Json<EngagementFigures['news'][number]>[] })[] =
      await this.db.query(ENGAGEMENT_SQL, [accountId, caller?.email ?? null, caller?.divisionId ?? null, options.asOf ?? null, options.people ?? true]);
    return {
      asOf: row.asOf,
      myLastTouch: row.myLastTouch,
      divisions: divisionsOf(row),
      colleagues: row.colleagues.map((c) => ({ ...c, lastTouch: new Date(c.lastTouch) })),
      news: row.news.map((n) => ({ ...n, lastTouch: new Date(n.lastTouch) })),
    };
  }

  /**
   * The latest touchpoints of other divisions after `after` (all of them when
   * null) up to `asOf`, newest first: a range of the timeline index.
   */
  async latestOfOthers(q: { accountId: string; exceptDivisionId: string; after: Date | null; asOf: Date; limit: number }): Promise<TouchpointRow[]> {
    return this.db.query(
      `SELECT ${TOUCHPOINT_COLUMNS}
         FROM touchpoint t
        WHERE t.account_id = $1 AND t.occurred_at <= $2 AND ($3::timestamptz IS NULL OR t.occurred_at > $3::timestamptz) AND t.division_id <> $4
        ORDER BY t.occurred_at DESC, t.id DESC
        LIMIT $5`,
      [q.accountId, q.asOf, q.after, q.exceptDivisionId, q.limit],
    );
  }

  /**
   * Touchpoints that happened per calendar month (UTC) and division over the
   * last `months` months, the current one included; every month of the
   * window comes back, months without touchpoints as one row with no division.
   * Past months come from the month rollup, this month so far from the
   * timeline index. `asOf` (tests only) stands for now.
   */
  async monthly(accountId: string, months: number, asOf: Date | null = null): Promise<{ month: string; startsAt: Date; divisionId: string | null; count: number }[]> {
    return this.db.query(
      `WITH clock AS MATERIALIZED (
         SELECT c.now, ${MONTH('c.now')} AS month, ${MONTH_START(MONTH('c.now'))} AS month_start FROM (SELECT coalesce($3::timestamptz, now()) AS now) c
       ),
       months AS (
         SELECT (clock.month - make_interval(months => k))::date AS month FROM clock, generate_series(0, $2 - 1) AS k
       ),
       -- Past months from the month rollup and the touchpoints it does not count yet (engagement/rollups.ts).
       past AS (
         SELECT m.month, m.division_id, m.touch_count AS n FROM engagement_month m WHERE m.account_id = $1
         UNION ALL
         SELECT ${MONTH('o.occurred_at')}, o.division_id, 1 FROM touchpoint_outbox o WHERE o.account_id = $1
       ),
       counts AS (
         SELECT p.month, p.division_id, sum(p.n)::int AS n
           FROM past p, clock
          WHERE p.month < clock.month AND p.month >= (clock.month - make_interval(months => $2 - 1))::date
          GROUP BY 1, 2
         UNION ALL
         SELECT clock.month, t.division_id, count(*)::int
           FROM touchpoint t, clock
          WHERE t.account_id = $1 AND t.occurred_at >= clock.month_start AND t.occurred_at <= clock.now
          GROUP BY 1, 2
       )
       SELECT to_char(m.month, 'YYYY-MM') AS month, ${MONTH_START('m.month')} AS "startsAt", c.division_id AS "divisionId", coalesce(c.n, 0) AS count
         FROM months m
         LEFT JOIN counts c USING (month)
         LEFT JOIN division d ON d.id = c.division_id
        ORDER BY m.month, d.name, d.id`,
      [accountId, months, asOf],
    );
  }
}
