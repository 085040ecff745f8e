/**
 * The read scenarios and the requests of each, made from the data set's
 * manifest and a few SQL look-ups (deep-page cursors, a division or person
 * shown on the account's latest touchpoints): deterministic for a data set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { encodeCursor } from '../../server/src/common/relay/cursor';
import { typo } from '../../server/src/demo/spelling';
import { Random } from '../../server/src/demo/random';
import { REPO_ROOT } from '../common/environment';
import { TimelineFilterParams } from './floor';
import { Manifest, ManifestAccount } from './generator';
import { ScenarioRequest } from './measure';
import { Profile } from './profiles';
import { CRITICAL_INFO_QUERY, ENGAGEMENT_QUERY, SEARCH_QUERY, STAKEHOLDERS_QUERY, TIMELINE_QUERY } from './queries';

export type Group = 'search' | 'timeline' | 'engagement' | 'critical-info' | 'stakeholders';

export interface Scenario {
  id: string;
  title: string;
  group: Group;
  /** The p95 target at the large profile (reported, not asserted). */
  targetP95Ms: number;
  /** Where the target comes from when the issue names none for this read. */
  targetNote?: string;
  requests: ScenarioRequest[];
  /** Why the scenario has no requests (then it is reported as not measured). */
  skipped?: string;
}

/** Touchpoint types of the filtered scenarios: the everyday ones (about two thirds of a timeline). */
export const FILTER_TYPES = ['MEETING', 'CALL', 'EMAIL'];
/** The word of the free-text scenario (subjects and summaries mention budgets now and then). */
export const FILTER_TEXT = 'budget';

/** criticalInfo: issue 7 names no target for it (the engagement target, for orientation); influenceMap: the influence map's (not built yet). */
export const TARGET_P95: Record<string, number> = { search: 15, timelineFirst: 10, timelineDeep: 15, engagement: 30, criticalInfo: 30, influenceMap: 100 };

/** The stakeholders panel's page size (the web's STAKEHOLDERS_PAGE_SIZE, web/src/stakeholders/StakeholdersPanel.tsx). */
export const STAKEHOLDERS_PAGE = 20;

/** Where the engagement scenario stands: the field must be in the committed schema. */
export function engagementInSchema(): boolean {
  const file = join(REPO_ROOT, 'schema.graphql');
  return existsSync(file) && /^\s*engagement: AccountEngagement!/m.test(readFileSync(file, 'utf8'));
}

/** What a person types: the name's first 2 to 10 characters (not ending in a space). */
export function typedPrefixes(name: string): string[] {
  const out: string[] = [];
  for (let n = 2; n <= Math.min(10, name.length); n++) {
    const prefix = name.slice(0, n);
    if (!prefix.endsWith(' ')) out.push(prefix);
  }
  return out;
}

/** A misspelt search: the name's first two words with a slip in the longer one. */
export function misspelt(random: Random, name: string): string {
  const words = name.split(' ').slice(0, 2);
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  return words.map((w) => (w === longest ? typo(random, w) : w)).join(' ');
}

function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]);
    if (i < b.length) out.push(b[i]);
  }
  return out;
}

export interface Viewer {
  id: string;
  email: string;
  divisionId: string;
}

export async function buildScenarios(databaseUrl: string, manifest: Manifest, profile: Profile, viewer: Viewer): Promise<Scenario[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const page = profile.timelinePage;
    const deep = profile.deepOffset;
    const key = manifest.keyAccounts.slice(0, 10);
    const ordinary = manifest.sampleAccounts.slice(0, 20);
    const mixed = interleave(key, ordinary);

    // ---- search
    const names = manifest.searchNames.slice(0, 40);
    const search = (term: string): ScenarioRequest => ({
      hub: { query: SEARCH_QUERY, variables: { search: term, first: profile.searchPage } },
      floor: { kind: 'search', params: { search: term, first: profile.searchPage } },
    });
    const random = new Random(profile.data.seed ^ 0x5ea7c4);
    const scenarios: Scenario[] = [
      {
        id: 'search-prefix', title: 'Search as you type: 2–10 first letters of real names', group: 'search', targetP95Ms: TARGET_P95.search,
        requests: names.flatMap(typedPrefixes).map(search),
      },
      {
        id: 'search-fuzzy', title: 'Search with a typo (first two words, one slip)', group: 'search', targetP95Ms: TARGET_P95.search,
        requests: names.map((n) => search(misspelt(random, n))),
      },
    ];

    // ---- timeline
    const timeline = (account: ManifestAccount, after: string | null, filter: TimelineFilterParams | null): ScenarioRequest => ({
      hub: { query: TIMELINE_QUERY, variables: { accountId: account.id, first: page, after, filter } },
      floor: { kind: 'timeline', params: { accountId: account.id, first: page, after, filter, viewerDivisionId: viewer.divisionId } },
    });
    /** The cursor of the item `offset` deep (its sort value as the hub writes it: occurred_at::text). */
    const cursorAt = async (accountId: string, offset: number, types: string[] | null): Promise<string | null> => {
      const { rows } = await db.query<{ sortKey: string; id: string }>(
        `SELECT occurred_at::text AS "sortKey", id FROM touchpoint
          WHERE account_id = $1 AND ($3::text[] IS NULL OR type = ANY($3::text[]))
          ORDER BY occurred_at DESC, id DESC OFFSET $2 - 1 LIMIT 1`,
        [accountId, offset, types],
      );
      return rows[0] ? encodeCursor('timeline', [rows[0].sortKey, rows[0].id]) : null;
    };
    /** Of the account's latest touchpoint: its division; of the latest naming someone: that person (the survivor). */
    const latest = async (accountId: string) => {
      const { rows: [row] } = await db.query<{ divisionId: string; stakeholderId: string | null }>(
        `SELECT (SELECT division_id FROM touchpoint WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1) AS "divisionId",
                (SELECT coalesce(s.merged_into_id, s.id) FROM touchpoint t JOIN stakeholder s ON s.id = t.stakeholder_ids[1]
                  WHERE t.account_id = $1 AND cardinality(t.stakeholder_ids) > 0 ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) AS "stakeholderId"`,
        [accountId],
      );
      return row;
    };
    const deepPages: ScenarioRequest[] = [];
    const deepFiltered: ScenarioRequest[] = [];
    for (const account of key) {
      const cursor = await cursorAt(account.id, deep, null);
      if (cursor) deepPages.push(timeline(account, cursor, null));
      const filtered = await cursorAt(account.id, deep, FILTER_TYPES);
      // Only where the filter leaves a full page after it.
      if (filtered && (await cursorAt(account.id, deep + page, FILTER_TYPES))) deepFiltered.push(timeline(account, filtered, { types: FILTER_TYPES }));
    }
    const byDivision: ScenarioRequest[] = [];
    const byPerson: ScenarioRequest[] = [];
    for (const account of mixed) {
      const { divisionId, stakeholderId } = await latest(account.id);
      if (divisionId) byDivision.push(timeline(account, null, { divisionIds: [divisionId], types: FILTER_TYPES }));
      if (stakeholderId) byPerson.push(timeline(account, null, { stakeholderIds: [stakeholderId] }));
    }
    const none = (what: string) => `no account of this data set has ${what}`;
    scenarios.push(
      {
        id: 'timeline-first', title: `Timeline, first page of ${page}`, group: 'timeline', targetP95Ms: TARGET_P95.timelineFirst,
        requests: mixed.map((a) => timeline(a, null, null)),
      },
      {
        id: 'timeline-deep', title: `Timeline, a page ${deep.toLocaleString('en-US')} items deep`, group: 'timeline', targetP95Ms: TARGET_P95.timelineDeep,
        requests: deepPages, ...(deepPages.length ? {} : { skipped: none(`${deep + page} touchpoints`) }),
      },
      {
        id: 'timeline-first-division-types', title: `Timeline, first page, filtered: one division, ${FILTER_TYPES.join('/')}`, group: 'timeline',
        targetP95Ms: TARGET_P95.timelineFirst, requests: byDivision,
      },
      {
        id: 'timeline-deep-types', title: `Timeline, a page ${deep.toLocaleString('en-US')} items deep, filtered: ${FILTER_TYPES.join('/')}`, group: 'timeline',
        targetP95Ms: TARGET_P95.timelineDeep, requests: deepFiltered, ...(deepFiltered.length ? {} : { skipped: none(`${deep + page} such touchpoints`) }),
      },
      {
        id: 'timeline-first-person', title: 'Timeline, first page, filtered: one of the customer\'s people', group: 'timeline',
        targetP95Ms: TARGET_P95.timelineFirst, requests: byPerson,
      },
      {
        id: 'timeline-first-text', title: `Timeline, first page, filtered: the word "${FILTER_TEXT}"`, group: 'timeline', targetP95Ms: TARGET_P95.timelineFirst,
        requests: mixed.map((a) => timeline(a, null, { text: FILTER_TEXT })),
      },
    );

    // ---- engagement
    const engagement = (account: ManifestAccount): ScenarioRequest => ({
      hub: { query: ENGAGEMENT_QUERY, variables: { accountId: account.id } },
      floor: { kind: 'engagement', params: { accountId: account.id, viewer } },
    });
    const missing = engagementInSchema() ? undefined : '`Account.engagement` is not in schema.graphql yet';
    scenarios.push(
      {
        id: 'engagement-typical', title: '"Who else is talking", ordinary accounts', group: 'engagement', targetP95Ms: TARGET_P95.engagement,
        requests: missing ? [] : ordinary.map(engagement), ...(missing ? { skipped: missing } : {}),
      },
      {
        id: 'engagement-key', title: `"Who else is talking", the largest accounts (${key.at(-1)?.touchpoints.toLocaleString('en-US') ?? '?'}–${key[0]?.touchpoints.toLocaleString('en-US') ?? '?'} touchpoints)`,
        group: 'engagement', targetP95Ms: TARGET_P95.engagement,
        requests: missing ? [] : key.map(engagement), ...(missing ? { skipped: missing } : {}),
      },
    );
    // ---- critical info: accounts with values in conflict, stale values, none at all (missing where the stage requires them), current values, key accounts
    const criticalInfo = (accountId: string): ScenarioRequest => ({
      hub: { query: CRITICAL_INFO_QUERY, variables: { id: accountId } },
      floor: { kind: 'critical-info', params: { accountId, viewerDivisionId: viewer.divisionId, viewerEmail: viewer.email } },
    });
    // Roughly (resolutions and text spelling aside): per field, each division's newest value; a conflict when fresh ones differ,
    // stale when the newest of all is older than the field's window.
    const { rows: known } = await db.query<{ id: string; conflict: boolean; stale: boolean }>(
      `WITH side AS (
         SELECT DISTINCT ON (a.account_id, a.field_id, a.division_id) a.account_id, a.field_id, a.value, a.asserted_at, f.staleness_days AS days
           FROM critical_info_assertion a JOIN critical_info_field f ON f.id = a.field_id AND f.retired_at IS NULL
          WHERE a.asserted_at <= now()
          ORDER BY a.account_id, a.field_id, a.division_id, a.asserted_at DESC, a.recorded_at DESC, a.id DESC),
       per_field AS (
         SELECT account_id, field_id, max(asserted_at) < now() - make_interval(days => min(days)) AS stale,
                count(DISTINCT value) FILTER (WHERE asserted_at >= now() - make_interval(days => days)) > 1 AS conflict
           FROM side GROUP BY 1, 2)
       SELECT account_id AS id, bool_or(conflict) AS conflict, bool_or(stale) AS stale FROM per_field GROUP BY 1 ORDER BY 1`,
    );
    const { rows: unasserted } = await db.query<{ id: string }>(
      `SELECT a.id FROM account a
        WHERE a.merged_into_id IS NULL AND a.lifecycle_stage <> 'CHURNED' AND NOT EXISTS (SELECT 1 FROM critical_info_assertion c WHERE c.account_id = a.id)
        ORDER BY a.id LIMIT 6`,
    );
    const keyIds = new Set(key.map((a) => a.id));
    const ordinaryKnown = known.filter((r) => !keyIds.has(r.id));
    const spread = [
      ordinaryKnown.filter((r) => r.conflict).slice(0, 6).map((r) => r.id),
      ordinaryKnown.filter((r) => !r.conflict && r.stale).slice(0, 6).map((r) => r.id),
      unasserted.map((r) => r.id),
      ordinaryKnown.filter((r) => !r.conflict && !r.stale).slice(0, 4).map((r) => r.id),
      key.slice(0, 2).map((a) => a.id),
    ];
    const criticalInfoAccounts = Array.from({ length: Math.max(...spread.map((l) => l.length)) }, (_, i) => spread.flatMap((l) => (i < l.length ? [l[i]] : [])))
      .flat();

    // ---- stakeholders: the panel's first page on the largest accounts
    const stakeholders = (account: ManifestAccount): ScenarioRequest => ({
      hub: { query: STAKEHOLDERS_QUERY, variables: { accountId: account.id, first: STAKEHOLDERS_PAGE } },
      floor: { kind: 'stakeholders', params: { accountId: account.id, first: STAKEHOLDERS_PAGE, after: null } },
    });
    const { rows: [people] } = await db.query<{ min: number | null; max: number | null }>(
      `SELECT min(n)::int AS min, max(n)::int AS max
         FROM (SELECT count(*) AS n FROM stakeholder WHERE account_id = ANY($1::uuid[]) AND merged_into_id IS NULL GROUP BY account_id) x`,
      [key.map((a) => a.id)],
    );
    const range = (low: number | null | undefined, high: number | null | undefined) => `${low?.toLocaleString('en-US') ?? '?'}–${high?.toLocaleString('en-US') ?? '?'}`;
    scenarios.push(
      {
        id: 'critical-info', title: 'Critical info panel (every field, its history and the questions to ask): accounts with conflicts, stale, missing and current values',
        group: 'critical-info', targetP95Ms: TARGET_P95.criticalInfo,
        targetNote: 'no target named in issue 7; reported for orientation against the engagement target',
        requests: criticalInfoAccounts.map(criticalInfo),
      },
      {
        id: 'stakeholders-key', title: `Stakeholders panel, first page of ${STAKEHOLDERS_PAGE}, the largest accounts (${range(people?.min, people?.max)} people, ` +
          `${range(key.at(-1)?.touchpoints, key[0]?.touchpoints)} touchpoints)`,
        group: 'stakeholders', targetP95Ms: TARGET_P95.influenceMap,
        targetNote: 'the influence map\'s target (the map is not built yet); issue 7 names none for this page',
        requests: key.map(stakeholders),
      },
    );
    for (const s of scenarios) if (!s.requests.length) s.skipped ??= 'no requests could be made for it from this data set';
    return scenarios;
  } finally {
    await db.end();
  }
}
