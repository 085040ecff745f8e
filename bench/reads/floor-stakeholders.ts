/**
 * The stakeholders panel's floor: the answer of the web's
 * `AccountStakeholders` (a page of the account's people by name, each with
 * the divisions and colleagues dealing with them, last touch, touch count and
 * every account they were recorded at)
 * from one hand-written statement.
 *
 * The hub's semantics: people merged into another are left out, keyset on
 * (name_key, id); a person's touchpoints are those of the account that
 * happened (occurred_at <= now()) naming any of their ids (their own, or one
 * merged into them); divisions are those of these touchpoints and of the
 * person's contact records, by name; colleagues are those named by email on
 * these touchpoints, most recent contact first. Unlike the hub (which passes
 * over every touchpoint of the account that names anyone), the floor asks the
 * touchpoints naming the page's people only (the GIN index on
 * stakeholder_ids), however long the account's history.
 */
import { decodeCursor, encodeCursor } from '../../server/src/common/relay/cursor';
import type { Queryable } from './floor';

export interface StakeholdersParams {
  accountId: string;
  first: number;
  after?: string | null;
}

/** The hub's ordering name (StakeholdersService): cursors are interchangeable. */
const ORDERING = 'stakeholders-by-name';

/** $1 account, $2/$3 the cursor's name key and id (or null), $4 page size + 1. */
const STAKEHOLDERS_SQL = `
WITH acc AS (SELECT a.id FROM account a WHERE a.id = $1 AND a.merged_into_id IS NULL),
-- The current people: those whose latest account it is, and those with an open affiliation there that is not their home.
page AS MATERIALIZED (
  SELECT s.id, s.name, s.title, s.name_key FROM stakeholder s
   WHERE s.account_id = $1 AND s.merged_into_id IS NULL
     AND ($2::text IS NULL OR (s.name_key, s.id) > ($2::text COLLATE "C", $3::uuid))
  UNION ALL
  SELECT s.id, s.name, f.title, s.name_key FROM stakeholder_affiliation f JOIN stakeholder s ON s.id = f.stakeholder_id
   WHERE f.account_id = $1 AND f.ended_on IS NULL AND NOT f.home AND s.account_id <> $1 AND s.merged_into_id IS NULL
     AND ($2::text IS NULL OR (s.name_key, s.id) > ($2::text COLLATE "C", $3::uuid))
   ORDER BY name_key, id
   LIMIT $4),
-- Every id touchpoints may name the page's people by, with the person it stands for.
known AS MATERIALIZED (
  SELECT p.id, p.id AS person FROM page p
  UNION ALL
  SELECT m.id, m.merged_into_id FROM stakeholder m WHERE m.merged_into_id IN (SELECT p.id FROM page p)),
met AS MATERIALIZED (
  SELECT DISTINCT k.person, t.id, t.division_id, t.occurred_at, t.colleague_emails
    FROM touchpoint t CROSS JOIN LATERAL unnest(t.stakeholder_ids) AS n(id) JOIN known k ON k.id = n.id
   WHERE t.account_id = $1 AND t.stakeholder_ids && (SELECT array_agg(k.id) FROM known k) AND t.occurred_at <= now()),
touches AS (SELECT m.person, count(*)::int AS n, max(m.occurred_at) AS last FROM met m GROUP BY m.person),
divisions AS (
  SELECT x.person, json_agg(json_build_object('id', d.id, 'key', d.key, 'name', d.name) ORDER BY d.name, d.id) AS list
    FROM (SELECT m.person, m.division_id FROM met m
          UNION
          SELECT c.stakeholder_id, c.division_id FROM source_contact_record c WHERE c.stakeholder_id IN (SELECT p.id FROM page p)) x
    JOIN division d ON d.id = x.division_id
   GROUP BY x.person),
colleagues AS (
  SELECT pe.person, json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY pe.last DESC, c.id) AS list
    FROM (SELECT m.person, e.email, max(m.occurred_at) AS last FROM met m CROSS JOIN LATERAL unnest(m.colleague_emails) AS e(email) GROUP BY 1, 2) pe
    JOIN colleague c ON c.email = pe.email
   GROUP BY pe.person),
-- Every live account each person was recorded at (rows a merge kept at the merged-away account are left out), current ones first.
affiliations AS (
  SELECT f.stakeholder_id AS person,
         json_agg(json_build_object('id', f.stakeholder_id || ':' || f.account_id, 'account', json_build_object('id', a.id, 'name', a.name),
                  'title', f.title, 'startedOn', to_char(f.started_on, 'YYYY-MM-DD'), 'endedOn', to_char(f.ended_on, 'YYYY-MM-DD'), 'current', f.ended_on IS NULL)
                  ORDER BY f.ended_on DESC NULLS FIRST, f.started_on DESC, f.account_id) AS list
    FROM stakeholder_affiliation f JOIN account a ON a.id = f.account_id AND a.merged_into_id IS NULL
   WHERE f.stakeholder_id IN (SELECT p.id FROM page p)
   GROUP BY f.stakeholder_id)
SELECT acc.id AS "accountId", r.* FROM acc LEFT JOIN LATERAL (
  SELECT p.id, p.name, p.title, p.name_key AS "nameKey", coalesce(t.n, 0) AS "touchCount", extract(epoch FROM t.last) * 1000 AS "lastTouch",
         coalesce(d.list, '[]') AS divisions, coalesce(c.list, '[]') AS colleagues, coalesce(f.list, '[]') AS affiliations
    FROM page p
    LEFT JOIN touches t ON t.person = p.id
    LEFT JOIN divisions d ON d.person = p.id
    LEFT JOIN colleagues c ON c.person = p.id
    LEFT JOIN affiliations f ON f.person = p.id
) r ON true
ORDER BY r."nameKey" COLLATE "C", r.id`;

export async function stakeholdersFloor(db: Queryable, p: StakeholdersParams): Promise<unknown> {
  const after = p.after ? decodeCursor(ORDERING, p.after, ['text', 'uuid'] as const) : [null, null];
  const { rows } = await db.query(STAKEHOLDERS_SQL, [p.accountId, after[0], after[1], p.first + 1]);
  if (!rows.length) return { account: null };
  const people = rows[0].id === null ? [] : rows;
  const edges = people.slice(0, p.first).map((r) => ({
    cursor: encodeCursor(ORDERING, [r.nameKey, r.id]),
    node: {
      id: r.id, name: r.name, title: r.title, divisions: r.divisions, colleagues: r.colleagues,
      lastTouch: r.lastTouch === null ? null : new Date(Number(r.lastTouch)).toISOString(), touchCount: r.touchCount, affiliations: r.affiliations,
    },
  }));
  return {
    account: {
      id: rows[0].accountId,
      stakeholders: { totalCount: null, edges, pageInfo: { hasNextPage: people.length > p.first, endCursor: edges.at(-1)?.cursor ?? null } },
    },
  };
}
