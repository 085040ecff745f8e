/**
 * The floors: the same answers as the hub's GraphQL responses (the `data`
 * object, field for field), each from one hand-written SQL statement over a
 * raw `pg` connection, assembled into JSON with as little JavaScript as it
 * takes. The SQL floor times these functions on a plain client; the HTTP
 * floor serves them from a bare Node http handler (serve.ts).
 *
 * Search and timeline are written by hand with the hub's semantics (ranking
 * tiers and similarity, keyset, confidentiality, merged-away people,
 * participants known by contact id), predicates only for the filters given.
 * Engagement runs the hub's own statement (server/src/engagement/
 * engagement.repository.ts, captured from the repository) and adds the names
 * of the divisions and colleagues it refers to in the same statement. The
 * critical-info and stakeholders floors are in floor-critical-info.ts and
 * floor-stakeholders.ts.
 */
import { DataSource } from 'typeorm';
import { FUZZY_MIN_LENGTH } from '../../server/src/accounts/accounts.repository';
import { likeEscape, nameKey } from '../../server/src/accounts/name-key';
import { decodeCursor, encodeCursor } from '../../server/src/common/relay/cursor';
import { divisionsOf, EngagementRepository, FiguresRow } from '../../server/src/engagement/engagement.repository';
import { criticalInfoFloor, CriticalInfoParams } from './floor-critical-info';
import { stakeholdersFloor, StakeholdersParams } from './floor-stakeholders';

/** A pg Client or Pool. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface SearchParams {
  search: string;
  first: number;
}

export interface TimelineFilterParams {
  divisionIds?: string[];
  types?: string[];
  stakeholderIds?: string[];
  text?: string;
}

export interface TimelineParams {
  accountId: string;
  first: number;
  after?: string | null;
  filter?: TimelineFilterParams | null;
  /** The caller's division: confidential content of other divisions is withheld. */
  viewerDivisionId: string;
}

export interface EngagementParams {
  accountId: string;
  /** The signed-in colleague (what is new since their last touch). */
  viewer: { id: string; email: string; divisionId: string };
}

export type FloorRequest =
  | { kind: 'search'; params: SearchParams }
  | { kind: 'timeline'; params: TimelineParams }
  | { kind: 'engagement'; params: EngagementParams }
  | { kind: 'critical-info'; params: CriticalInfoParams }
  | { kind: 'stakeholders'; params: StakeholdersParams };

// ---------------------------------------------------------------- search

/**
 * The hub's tiers, each behind a one-time filter on what the tiers before it
 * found: names starting with the term (btree range), then names with a later
 * word starting with it, each alphabetically, then (terms of 3 characters or
 * more) pg_trgm word similarity, nearest first. $1 prefix, $2 word prefix,
 * $3 page size + 1, $4 the term.
 */
const SEARCH_TIERS = `
t0 AS (
  SELECT a.id, a.name, a.name_key, a.lifecycle_stage, a.industry, 0 AS tier, 0::real AS dist FROM account a
   WHERE a.name_key LIKE $1 AND a.merged_into_id IS NULL
   ORDER BY a.name_key, a.id LIMIT $3),
t1 AS (
  SELECT a.id, a.name, a.name_key, a.lifecycle_stage, a.industry, 1 AS tier, 0::real AS dist FROM account a
   WHERE a.name_key LIKE $2 AND a.name_key NOT LIKE $1 AND a.merged_into_id IS NULL AND (SELECT count(*) FROM t0) < $3
   ORDER BY a.name_key, a.id LIMIT $3 - (SELECT count(*) FROM t0))`;
const FUZZY_TIER = `,
t2 AS (
  SELECT a.id, a.name, a.name_key, a.lifecycle_stage, a.industry, 2 AS tier, $4 <<-> a.name_key AS dist FROM account a
   WHERE $4 <% a.name_key AND a.name_key NOT LIKE $1 AND a.name_key NOT LIKE $2 AND a.merged_into_id IS NULL
     AND (SELECT count(*) FROM t0) + (SELECT count(*) FROM t1) < $3
   ORDER BY dist, a.name_key, a.id LIMIT $3 - (SELECT count(*) FROM t0) - (SELECT count(*) FROM t1))`;
const searchSql = (fuzzy: boolean) => `
WITH ${SEARCH_TIERS}${fuzzy ? FUZZY_TIER : ''}
SELECT p.id, p.name, p.name_key AS "nameKey", p.lifecycle_stage AS "lifecycleStage", p.industry, p.tier, p.dist,
       (SELECT coalesce(json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY d.name), '[]')
          FROM division d WHERE d.id IN (SELECT s.division_id FROM source_account_record s WHERE s.account_id = p.id)) AS divisions
  FROM (SELECT * FROM t0 UNION ALL SELECT * FROM t1${fuzzy ? ' UNION ALL SELECT * FROM t2' : ''}) p
 ORDER BY p.tier, p.dist, p.name_key, p.id`;
const SEARCH_SQL = searchSql(false);
const SEARCH_FUZZY_SQL = searchSql(true);

export async function searchFloor(db: Queryable, p: SearchParams): Promise<unknown> {
  const term = nameKey(p.search);
  const tiers = [`${likeEscape(term)}%`, `% ${likeEscape(term)}%`, p.first + 1];
  const { rows } = term.length >= FUZZY_MIN_LENGTH ? await db.query(SEARCH_FUZZY_SQL, [...tiers, term]) : await db.query(SEARCH_SQL, tiers);
  const ordering = `accounts:search:${term}`;
  const edges = rows.slice(0, p.first).map((r) => ({
    cursor: encodeCursor(ordering, [r.tier, r.dist, r.nameKey, r.id]),
    node: { id: r.id, name: r.name, lifecycleStage: r.lifecycleStage, industry: r.industry, divisions: r.divisions },
  }));
  return { accounts: { totalCount: null, edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > p.first } } };
}

// ---------------------------------------------------------------- timeline

/** The statement for one combination of filters: predicates only for what is given. */
export function timelineSql(p: Pick<TimelineParams, 'after' | 'filter'>): string {
  const f = p.filter ?? {};
  // $1 account, $2 viewer's division, $3 limit; then the filters' values in this order.
  const where = ['t.account_id = $1'];
  const numbers = { last: 3 };
  const param = () => `$${++numbers.last}`;
  if (p.after) where.push(`(t.occurred_at, t.id) < (${param()}::timestamptz, ${param()}::uuid)`);
  if (f.divisionIds?.length) where.push(`t.division_id = ANY(${param()}::uuid[])`);
  if (f.types?.length) where.push(`t.type = ANY(${param()}::text[])`);
  if (f.stakeholderIds?.length) {
    const people = param();
    // The people's ids with those merged into them, resolved first (timelinePeople): literal ids let the planner weigh
    // the GIN index on touchpoint.stakeholder_ids against the timeline index.
    where.push(`t.stakeholder_ids && ${people}::uuid[]`);
  }
  // Words: the account's matches in the word index (every touchpoint of the bench's data set has its words: nothing is
  // pending), sorted by the time they carry, then the touchpoints in that order until the page is full.
  let from = 'touchpoint t';
  let order = 't.occurred_at DESC, t.id DESC';
  if (f.text?.trim()) {
    const keyset = p.after ? ` AND (w.occurred_at, w.touchpoint_id) < ($4::timestamptz, $5::uuid)` : '';
    where.push('t.id = m.touchpoint_id', '(NOT t.confidential OR t.division_id = $2::uuid)');
    from = `(SELECT w.touchpoint_id, w.occurred_at FROM touchpoint_words w
             WHERE w.account_id = $1 AND w.words @@ websearch_to_tsquery('ourcustomer_words', ${param()}::text)${keyset}
             ORDER BY w.occurred_at DESC, w.touchpoint_id DESC OFFSET 0) m
    CROSS JOIN LATERAL (SELECT * FROM touchpoint t WHERE ${where.join(' AND ')} OFFSET 0) t`;
    where.length = 0;
    where.push('true');
    order = 'm.occurred_at DESC, m.touchpoint_id DESC';
  }
  return `
WITH acc AS (SELECT a.id FROM account a WHERE a.id = $1 AND a.merged_into_id IS NULL)
SELECT acc.id AS "accountId", p.* FROM acc LEFT JOIN LATERAL (
  SELECT t.id, t.type, t.occurred_at AS "occurredAt", t.occurred_at::text AS "sortKey",
         CASE WHEN h.hidden THEN NULL ELSE t.subject END AS subject,
         CASE WHEN h.hidden THEN NULL ELSE t.summary END AS summary,
         CASE WHEN h.hidden THEN NULL ELSE t.outcome END AS outcome,
         t.confidential, h.hidden AS "contentHidden", t.source_system AS "sourceSystem", t.created_at AS "recordedAt",
         json_build_object('id', d.id, 'key', d.key, 'name', d.name) AS division,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'email', c.email) ORDER BY e.n), '[]')
            FROM unnest(t.colleague_emails) WITH ORDINALITY AS e(email, n) JOIN colleague c ON c.email = e.email) AS colleagues,
         (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'title',
                   CASE WHEN s.account_id = t.account_id THEN s.title
                        ELSE coalesce((SELECT f.title FROM stakeholder_affiliation f WHERE f.stakeholder_id = s.id AND f.account_id = t.account_id),
                                      CASE WHEN EXISTS (SELECT FROM stakeholder_affiliation f WHERE f.stakeholder_id = s.id AND f.account_id = t.account_id) THEN NULL ELSE s.title END) END) ORDER BY q.n), '[]')
            FROM (SELECT DISTINCT ON (x.sid) x.sid, x.n
                    FROM (SELECT coalesce(a.merged_into_id, a.id) AS sid, named.n
                            FROM unnest(t.stakeholder_ids) WITH ORDINALITY AS named(id, n) JOIN stakeholder a ON a.id = named.id
                          UNION ALL
                          SELECT coalesce(a.merged_into_id, a.id), 1000000 + met.n
                            FROM unnest(t.participant_external_ids) WITH ORDINALITY AS met(external_id, n)
                            JOIN source_contact_record c ON c.division_id = t.division_id AND c.source_system = t.source_system AND c.external_id = met.external_id
                            JOIN stakeholder a ON a.id = c.stakeholder_id) x
                   ORDER BY x.sid, x.n) q
            JOIN stakeholder s ON s.id = q.sid) AS stakeholders,
         (SELECT json_build_object('id', o.id, 'name', o.name, 'stage', o.stage, 'amount', o.amount::float8, 'currency', o.currency)
            FROM opportunity o WHERE o.account_id = t.account_id AND o.id = t.opportunity_id AND NOT h.hidden) AS opportunity
    FROM ${from}
    JOIN division d ON d.id = t.division_id
    CROSS JOIN LATERAL (SELECT t.confidential AND t.division_id <> $2::uuid AS hidden) h
   WHERE ${where.join('\n     AND ')}
   ORDER BY ${order}
   LIMIT $3
) p ON true
ORDER BY p."occurredAt" DESC, p.id DESC`;
}

/** The statement's parameters, in the order timelineSql numbers them. */
export function timelineValues(p: TimelineParams): unknown[] {
  const f = p.filter ?? {};
  const values: unknown[] = [p.accountId, p.viewerDivisionId, p.first + 1];
  if (p.after) {
    const [occurredAt, id] = decodeCursor('timeline', p.after, ['instant', 'uuid'] as const);
    values.push(occurredAt, id);
  }
  if (f.divisionIds?.length) values.push(f.divisionIds);
  if (f.types?.length) values.push(f.types);
  if (f.stakeholderIds?.length) values.push(f.stakeholderIds);
  if (f.text?.trim()) values.push(f.text.trim());
  return values;
}

/** A person filter's ids with the ids merged into them (the hub asks the same before its page). */
export async function timelinePeople(db: Queryable, ids: string[]): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT s.id FROM stakeholder s WHERE s.id = ANY($1::uuid[]) UNION SELECT s.id FROM stakeholder s WHERE s.merged_into_id = ANY($1::uuid[])`, [ids]);
  return rows.length ? rows.map((r) => String(r.id)) : ids;
}

export async function timelineFloor(db: Queryable, p: TimelineParams): Promise<unknown> {
  const people = p.filter?.stakeholderIds?.length ? await timelinePeople(db, p.filter.stakeholderIds) : undefined;
  const params = people ? { ...p, filter: { ...p.filter, stakeholderIds: people } } : p;
  const { rows } = await db.query(timelineSql(params), timelineValues(params));
  if (!rows.length) return { account: null };
  const items = rows[0].id === null ? [] : rows;
  const edges = items.slice(0, p.first).map((r) => ({
    cursor: encodeCursor('timeline', [r.sortKey, r.id]),
    node: {
      id: r.id, type: r.type, occurredAt: r.occurredAt, subject: r.subject, summary: r.summary, outcome: r.outcome, confidential: r.confidential,
      contentHidden: r.contentHidden, sourceSystem: r.sourceSystem, recordedAt: r.recordedAt, division: r.division, colleagues: r.colleagues,
      stakeholders: r.stakeholders, opportunity: r.opportunity,
    },
  }));
  return {
    account: {
      id: rows[0].accountId,
      timeline: { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: items.length > p.first } },
    },
  };
}

// ---------------------------------------------------------------- engagement

let engagementStatement: Promise<string> | undefined;

/** The hub's engagement statement, as EngagementRepository sends it (captured with a stand-in DataSource). */
export function hubEngagementSql(): Promise<string> {
  engagementStatement ??= (async () => {
    let captured = '';
    const standIn = {
      query: async (statement: string) => {
        captured = statement;
        return [{ asOf: new Date(), myLastTouch: null, divisions: [], colleagues: [], news: [] }];
      },
    };
    await new EngagementRepository(standIn as unknown as DataSource).figures('00000000-0000-4000-8000-000000000000', null);
    if (!/\$1/.test(captured)) throw new Error('could not capture the engagement statement from EngagementRepository.figures');
    return captured;
  })();
  return engagementStatement;
}

/** The hub's statement ($1 account, $2 caller email, $3 caller division, $4 as of: null, now; $5 people: false, the web does not ask) and, in the same statement, the names it refers to. */
export async function engagementFloorSql(): Promise<string> {
  return `
WITH e AS MATERIALIZED (
${await hubEngagementSql()}
)
SELECT (SELECT a.id FROM account a WHERE a.id = $1 AND a.merged_into_id IS NULL) AS "accountId", e.*,
       (SELECT json_object_agg(d.id, json_build_object('key', d.key, 'name', d.name)) FROM division d) AS "divisionNames",
       (SELECT coalesce(json_object_agg(c.id, c.name), '{}') FROM colleague c
         WHERE c.id IN (SELECT (x->>'colleagueId')::uuid FROM json_array_elements(e.colleagues) x
                        UNION SELECT y::uuid FROM json_array_elements(coalesce(e.involved, '[]')) d, json_array_elements_text(d->'value') y
                        UNION SELECT y::uuid FROM json_array_elements(coalesce(e.owners, '[]')) d, json_array_elements_text(coalesce(d->'ids', '[]')) y)) AS "colleagueNames"
  FROM e`;
}

type Json = Record<string, unknown>;

/** DateTime as GraphQL writes it: ISO 8601 with milliseconds, UTC. */
function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

export async function engagementFloor(db: Queryable, p: EngagementParams): Promise<unknown> {
  const { rows: [row] } = await db.query(await engagementFloorSql(), [p.accountId, p.viewer.email.toLowerCase(), p.viewer.divisionId, null, false]);
  if (!row.accountId) return { account: null };
  const accountId = row.accountId as string;
  const divisionNames = row.divisionNames as Record<string, { key: string; name: string }>;
  const colleagueNames = row.colleagueNames as Record<string, string>;
  const division = (id: unknown) => ({ id, key: divisionNames[String(id)].key, name: divisionNames[String(id)].name });
  const colleague = (id: unknown) => (colleagueNames[String(id)] === undefined ? null : { id, name: colleagueNames[String(id)] });
  const found = <T>(list: (T | null)[]) => list.filter((v): v is T => v !== null);
  const news = row.news as Json[];
  const sinceId = `${accountId}:${p.viewer.id}`;
  return {
    account: {
      id: accountId,
      engagement: {
        id: accountId,
        asOf: iso(row.asOf),
        // Put together from the statement's per-division parts as the repository does (the same function).
        divisions: divisionsOf(row as unknown as FiguresRow).map((d) => {
          const id = `${accountId}:${d.divisionId}`;
          const owners = [...new Set(d.ownerIds)];
          return {
            id,
            division: division(d.divisionId),
            owner: owners.length ? colleague(owners[0]) : null,
            owners: found(owners.map(colleague)),
            ownerEmails: d.ownerEmails,
            colleagues: found(d.colleagueIds.map(colleague)),
            touchCount: d.touchCount,
            touchCountsByType: d.byType.map((t) => ({ id: `${id}:${t.type}`, type: t.type, count: t.count })),
            firstTouch: iso(d.firstTouch),
            lastTouch: iso(d.lastTouch),
            nextPlannedTouch: iso(d.nextPlannedTouch),
            openOpportunityCount: d.openOpportunityIds.length,
            openOpportunityTotals: d.openTotals.map((t) => ({ id: `${id}:${t.currency ?? ''}`, amount: t.amount, currency: t.currency, opportunityCount: t.count })),
          };
        }),
        colleagues: (row.colleagues as Json[]).map((c) => ({
          id: `${accountId}:${c.colleagueId}`, colleague: colleague(c.colleagueId), division: division(c.divisionId), touchCount: c.touchCount,
          touchesLast90Days: c.last90, lastTouch: iso(c.lastTouch),
        })),
        sinceMyLastTouch: {
          id: sinceId,
          myLastTouch: iso(row.myLastTouch),
          touchCount: news.reduce((sum, n) => sum + (n.count as number), 0),
          divisions: news.map((n) => ({ id: `${sinceId}:${n.divisionId}`, division: division(n.divisionId), touchCount: n.count, lastTouch: iso(n.lastTouch) })),
        },
      },
    },
  };
}

export function floorAnswer(db: Queryable, request: FloorRequest): Promise<unknown> {
  switch (request.kind) {
    case 'search': return searchFloor(db, request.params);
    case 'timeline': return timelineFloor(db, request.params);
    case 'engagement': return engagementFloor(db, request.params);
    case 'critical-info': return criticalInfoFloor(db, request.params);
    case 'stakeholders': return stakeholdersFloor(db, request.params);
  }
}
