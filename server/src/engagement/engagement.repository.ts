import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TouchpointType } from '../ingest/ingest.types';
import { TOUCHPOINT_COLUMNS, TouchpointRow } from '../touchpoints/timeline.repository';

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
  openTotals: { currency: string | null; amount: number; count: number }[];
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
 * The engagement statement. One pass over the account's touchpoints that
 * happened (`past`, a range of the timeline index), shared by every figure;
 * the rest are probes of account_id-leading indexes (planned touchpoints,
 * opportunities, the divisions' account records) and small reference tables.
 * Our people are found by the emails touchpoints name (colleague_ids is only
 * what ingest could resolve then); people at the customer by their survivor.
 * $1 account, $2 caller email, $3 caller division (both null: no caller).
 */
const ENGAGEMENT_SQL = `
WITH past AS MATERIALIZED (
  SELECT t.id, t.division_id, t.type, t.occurred_at, t.colleague_emails, t.stakeholder_ids
    FROM touchpoint t
   WHERE t.account_id = $1 AND t.occurred_at <= now()
),
-- Aggregate before joining: a key account has tens of thousands of touchpoints but hundreds of people
-- and dozens of colleagues, and joins of CTEs are planned on guessed row counts (1), which made
-- nested loops of people x touchpoints (seconds). Every join below is between small, grouped sets.
named AS (
  SELECT p.division_id, n.id AS named_id FROM past p CROSS JOIN LATERAL unnest(p.stakeholder_ids) AS n(id) GROUP BY 1, 2
),
person AS MATERIALIZED (
  SELECT s.id, coalesce(s.merged_into_id, s.id) AS stakeholder_id FROM stakeholder s WHERE s.id IN (SELECT named_id FROM named)
),
-- Per (colleague email, touchpoint division): ingest stores colleague_emails as a set of lower-case emails.
by_email AS (
  SELECT e.email, p.division_id, count(*)::int AS n, max(p.occurred_at) AS last_touch,
         count(*) FILTER (WHERE p.occurred_at > now() - interval '90 days')::int AS last90,
         count(*) FILTER (WHERE p.occurred_at > now() - interval '365 days')::int AS last365
    FROM past p CROSS JOIN LATERAL unnest(p.colleague_emails) AS e(email)
   GROUP BY 1, 2
),
-- Our colleagues the touchpoints name: probes of colleague_email_idx for the distinct emails.
us AS MATERIALIZED (
  SELECT c.id, c.email, c.division_id FROM colleague c WHERE c.email IN (SELECT email FROM by_email)
),
email_people AS (
  SELECT e.email, n.id AS named_id
    FROM past p CROSS JOIN LATERAL unnest(p.colleague_emails) AS e(email) CROSS JOIN LATERAL unnest(p.stakeholder_ids) AS n(id)
   GROUP BY 1, 2
),
touches AS (
  SELECT division_id, count(*)::int AS n, min(occurred_at) AS first_touch, max(occurred_at) AS last_touch FROM past GROUP BY division_id
),
by_type AS (
  SELECT division_id, jsonb_agg(jsonb_build_object('type', type, 'count', n) ORDER BY n DESC, type) AS counts
    FROM (SELECT division_id, type, count(*)::int AS n FROM past GROUP BY 1, 2) per_type
   GROUP BY division_id
),
planned AS (
  SELECT t.division_id, min(t.occurred_at) AS next_touch FROM touchpoint t WHERE t.account_id = $1 AND t.occurred_at > now() GROUP BY t.division_id
),
involved AS (
  SELECT division_id, array_agg(colleague_id ORDER BY last_touch DESC, colleague_id) AS ids
    FROM (SELECT b.division_id, u.id AS colleague_id, max(b.last_touch) AS last_touch FROM by_email b JOIN us u USING (email) GROUP BY 1, 2) per_colleague
   GROUP BY division_id
),
division_people AS (
  SELECT nd.division_id, array_agg(DISTINCT x.stakeholder_id) AS ids FROM named nd JOIN person x ON x.id = nd.named_id GROUP BY nd.division_id
),
-- The division's account owner: the colleague its account records name (index source_account_record_owner_idx).
owners AS (
  SELECT r.division_id,
         array_agg(c.id ORDER BY r.updated_at DESC) FILTER (WHERE c.id IS NOT NULL) AS ids,
         array_agg(DISTINCT lower(r.raw->>'ownerEmail')) AS emails
    FROM source_account_record r LEFT JOIN colleague c ON c.email = lower(r.raw->>'ownerEmail')
   WHERE r.account_id = $1 AND lower(r.raw->>'ownerEmail') IS NOT NULL
   GROUP BY r.division_id
),
open_deals AS (
  SELECT division_id, array_agg(id ORDER BY close_date NULLS LAST, id) AS ids FROM opportunity WHERE account_id = $1 AND is_open GROUP BY division_id
),
open_totals AS (
  SELECT division_id, jsonb_agg(jsonb_build_object('currency', currency, 'amount', amount, 'count', n) ORDER BY currency NULLS LAST) AS totals
    FROM (SELECT division_id, currency, sum(amount)::float8 AS amount, count(*)::int AS n
            FROM opportunity WHERE account_id = $1 AND is_open AND amount IS NOT NULL GROUP BY 1, 2) per_currency
   GROUP BY division_id
),
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
  SELECT u.id AS colleague_id, array_agg(DISTINCT x.stakeholder_id) AS ids
    FROM email_people ep JOIN us u USING (email) JOIN person x ON x.id = ep.named_id
   GROUP BY u.id
),
mine AS (
  SELECT max(occurred_at) AS last_touch FROM past WHERE $2::text = ANY(colleague_emails)
),
news AS (
  SELECT p.division_id, count(*)::int AS n, max(p.occurred_at) AS last_touch
    FROM past p, mine
   WHERE p.division_id <> $3::uuid AND (mine.last_touch IS NULL OR p.occurred_at > mine.last_touch)
   GROUP BY p.division_id
)
SELECT now() AS "asOf",
  (SELECT coalesce(jsonb_agg(jsonb_build_object(
            'divisionId', k.division_id, 'touchCount', coalesce(t.n, 0), 'firstTouch', t.first_touch, 'lastTouch', t.last_touch,
            'nextPlannedTouch', pl.next_touch, 'byType', coalesce(bt.counts, '[]'), 'colleagueIds', coalesce(iv.ids, '{}'),
            'stakeholderIds', coalesce(dp.ids, '{}'), 'ownerIds', coalesce(ow.ids, '{}'), 'ownerEmails', coalesce(ow.emails, '{}'),
            'openOpportunityIds', coalesce(od.ids, '{}'), 'openTotals', coalesce(ot.totals, '[]'))
          ORDER BY t.last_touch DESC NULLS LAST, k.division_id), '[]')
     FROM known k
     LEFT JOIN touches t USING (division_id) LEFT JOIN by_type bt USING (division_id) LEFT JOIN planned pl USING (division_id)
     LEFT JOIN involved iv USING (division_id) LEFT JOIN division_people dp USING (division_id) LEFT JOIN owners ow USING (division_id)
     LEFT JOIN open_deals od USING (division_id) LEFT JOIN open_totals ot USING (division_id)) AS divisions,
  (SELECT coalesce(jsonb_agg(jsonb_build_object(
            'colleagueId', ct.colleague_id, 'divisionId', ct.colleague_division_id, 'touchCount', ct.n, 'last90', ct.last90,
            'last365', ct.last365, 'lastTouch', ct.last_touch, 'stakeholderIds', coalesce(cp.ids, '{}'))
          ORDER BY ct.last_touch DESC, ct.colleague_id), '[]')
     FROM colleague_touches ct LEFT JOIN colleague_people cp USING (colleague_id)) AS colleagues,
  (SELECT last_touch FROM mine) AS "myLastTouch",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('divisionId', division_id, 'count', n, 'lastTouch', last_touch)
          ORDER BY last_touch DESC, division_id), '[]') FROM news) AS news`;

/** Timestamps inside jsonb arrive as ISO strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

function at(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The SQL of engagement. Every statement names one account and is served by an index that leads with account_id. */
@Injectable()
export class EngagementRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every engagement figure of one account in one statement; `caller` adds what is new since their last touch. */
  async figures(accountId: string, caller: Caller | null): Promise<EngagementFigures> {
    const [row]: {
      asOf: Date; myLastTouch: Date | null;
      divisions: Json<DivisionFigures>[]; colleagues: Json<ColleagueFigures>[]; news: Json<EngagementFigures['news'][number]>[];
    }[] = await this.db.query(ENGAGEMENT_SQL, [accountId, caller?.email ?? null, caller?.divisionId ?? null]);
    return {
      asOf: row.asOf,
      myLastTouch: row.myLastTouch,
      divisions: row.divisions.map((d) => ({ ...d, firstTouch: at(d.firstTouch), lastTouch: at(d.lastTouch), nextPlannedTouch: at(d.nextPlannedTouch) })),
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
   */
  async monthly(accountId: string, months: number): Promise<{ month: string; startsAt: Date; divisionId: string | null; count: number }[]> {
    return this.db.query(
      `WITH months AS (
         SELECT m AS start
           FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $2 - 1),
                                date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month') AS m
       ),
       counts AS (
         SELECT date_trunc('month', t.occurred_at AT TIME ZONE 'UTC') AS start, t.division_id, count(*)::int AS n
           FROM touchpoint t
          WHERE t.account_id = $1 AND t.occurred_at <= now()
            AND t.occurred_at >= (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $2 - 1)) AT TIME ZONE 'UTC'
          GROUP BY 1, 2
       )
       SELECT to_char(m.start, 'YYYY-MM') AS month, m.start AT TIME ZONE 'UTC' AS "startsAt", c.division_id AS "divisionId", coalesce(c.n, 0) AS count
         FROM months m
         LEFT JOIN counts c USING (start)
         LEFT JOIN division d ON d.id = c.division_id
        ORDER BY m.start, d.name, d.id`,
      [accountId, months],
    );
  }
}
