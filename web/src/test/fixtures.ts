import type { MockLink } from '@apollo/client/testing';
import { accountGroupQuery, GROUP_CHILDREN_SHOWN } from '../accounts/components/AccountGroup';
import { accountsQuery, ACCOUNTS_PAGE_SIZE } from '../accounts/components/AccountsResults';
import { meQuery, signInMethodsQuery } from '../auth/operations';
import { activityByMonthQuery, engagementQuery } from '../engagement/operations';
import { ACTIVITY_MONTHS } from '../engagement/ActivityChart';
import type { AccountsQueryVariables, ColleagueRole, LifecycleStage, TimelineFilter, TouchpointType } from '../gql/graphql';
import { noticeAddedSubscription, unreadNoticeCountQuery } from '../notices/operations';
import { opportunitiesQuery } from '../opportunities/operations';
import { OPPORTUNITIES_PAGE_SIZE } from '../opportunities/OpportunitiesPanel';
import { sourceRecordsQuery } from '../identity/operations';
import { SOURCE_RECORDS_PAGE_SIZE } from '../identity/SourceRecordsPanel';
import { stakeholdersQuery } from '../stakeholders/operations';
import { STAKEHOLDERS_PAGE_SIZE } from '../stakeholders/StakeholdersPanel';
import { accountActivitySubscription, timelineQuery } from '../touchpoints/operations';
import { TIMELINE_PAGE_SIZE } from '../touchpoints/useTimeline';

/** GraphQL results as the server sends them, __typename included. */
export function division(id: string, name: string, key = name.toLowerCase()) {
  return { __typename: 'Division' as const, id, key, name };
}

export const EXHIBITS = division('d-exhibits', 'Exhibits');
export const LOGISTICS = division('d-logistics', 'Logistics');
export const PRINT = division('d-print', 'Print');

export function accountNode(
  id: string,
  name: string,
  fields: { lifecycleStage?: LifecycleStage; industry?: string | null; divisions?: ReturnType<typeof division>[] } = {},
) {
  return {
    __typename: 'Account' as const,
    id,
    name,
    lifecycleStage: fields.lifecycleStage ?? 'ACTIVE',
    industry: fields.industry === undefined ? 'Manufacturing' : fields.industry,
    divisions: fields.divisions ?? [],
  };
}

type Node = ReturnType<typeof accountNode>;

export function accountsResult(nodes: Node[], page: { hasNextPage?: boolean; totalCount?: number | null } = {}) {
  return {
    data: {
      accounts: {
        __typename: 'AccountConnection' as const,
        totalCount: page.totalCount ?? null,
        edges: nodes.map((node) => ({ __typename: 'AccountEdge' as const, cursor: `cursor-${node.id}`, node })),
        pageInfo: {
          __typename: 'PageInfo' as const,
          endCursor: nodes.length ? `cursor-${nodes[nodes.length - 1].id}` : null,
          hasNextPage: page.hasNextPage ?? false,
        },
      },
    },
  };
}

/** A mocked `accounts` request: `search` null lists every account; `after` asks for a next page. */
export function accountsMock(
  variables: { search?: string | null; after?: string },
  nodes: Node[],
  page: { hasNextPage?: boolean; totalCount?: number | null } = {},
): MockLink.MockedResponse {
  const vars: AccountsQueryVariables = { search: variables.search ?? null, first: ACCOUNTS_PAGE_SIZE };
  if (variables.after) vars.after = variables.after;
  return { request: { query: accountsQuery, variables: vars }, result: accountsResult(nodes, page) };
}

export function colleague(id: string, name: string, email: string, role: ColleagueRole, of: ReturnType<typeof division>) {
  return { __typename: 'Colleague' as const, id, name, email, role, division: of };
}

export type ColleagueFixture = ReturnType<typeof colleague>;

export const ADMIN = colleague('c-admin', 'Ada Admin', 'admin@ourcompany.example', 'ADMIN', EXHIBITS);

/** The auth gate's `me`: a signed-in colleague, or null for an anonymous visitor. */
export function meMock(me: ColleagueFixture | null): MockLink.MockedResponse {
  return { request: { query: meQuery }, result: { data: { me } } };
}

/** The sign-in methods the hub offers: single sign-on only when asked for. */
export function signInMethodsMock(singleSignOn = false): MockLink.MockedResponse {
  return {
    request: { query: signInMethodsQuery },
    result: { data: { signInMethods: { __typename: 'SignInMethods', password: true, singleSignOn } } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** A GraphQL error as the API sends it, with its `extensions.code`. */
export function apiError(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }], data: null };
}

/** The header's bell: the unread count (asked for again and again) and a live feed that stays quiet. */
export function noticeBellMocks(unread = 0): MockLink.MockedResponse[] {
  return [
    { request: { query: unreadNoticeCountQuery }, result: { data: { unreadNoticeCount: unread } }, maxUsageCount: Number.POSITIVE_INFINITY },
    { request: { query: noticeAddedSubscription }, delay: Number.POSITIVE_INFINITY, maxUsageCount: Number.POSITIVE_INFINITY },
  ];
}

type DivisionFixture = ReturnType<typeof division>;

export function colleagueRef(id: string, name: string) {
  return { __typename: 'Colleague' as const, id, name, email: `${id}@ourcompany.example` };
}

/** A touchpoint as the timeline asks for it: a meeting of Exhibits unless told otherwise. */
export function touchpointNode(
  id: string,
  fields: Partial<{
    type: TouchpointType;
    occurredAt: string;
    subject: string | null;
    summary: string | null;
    outcome: string | null;
    confidential: boolean;
    contentHidden: boolean;
    division: DivisionFixture;
    colleagues: ReturnType<typeof colleagueRef>[];
    stakeholders: { __typename: 'Stakeholder'; id: string; name: string; title: string | null }[];
    opportunity: { __typename: 'Opportunity'; id: string; name: string; stage: string; amount: number | null; currency: string | null } | null;
  }> = {},
) {
  return {
    __typename: 'Touchpoint' as const,
    id,
    type: 'MEETING' as TouchpointType,
    occurredAt: '2025-03-12T10:00:00.000Z',
    subject: `Subject of ${id}`,
    summary: null as string | null,
    outcome: null as string | null,
    confidential: false,
    contentHidden: false,
    sourceSystem: 'exhibits-crm',
    recordedAt: '2025-03-12T11:00:00.000Z',
    division: EXHIBITS,
    colleagues: [] as ReturnType<typeof colleagueRef>[],
    stakeholders: [] as { __typename: 'Stakeholder'; id: string; name: string; title: string | null }[],
    opportunity: null as { __typename: 'Opportunity'; id: string; name: string; stage: string; amount: number | null; currency: string | null } | null,
    ...fields,
  };
}

export type TouchpointFixture = ReturnType<typeof touchpointNode>;

/** One page of an account's timeline: `after` asks for a next page, `filter` a filtered list. */
export function timelineMock(
  accountId: string,
  nodes: TouchpointFixture[],
  options: { after?: string; filter?: TimelineFilter | null; hasNextPage?: boolean; delay?: number; error?: string; maxUsageCount?: number } = {},
): MockLink.MockedResponse {
  const variables: Record<string, unknown> = { accountId, first: TIMELINE_PAGE_SIZE, filter: options.filter ?? null };
  if (options.after) variables.after = options.after;
  if (options.error) {
    return { request: { query: timelineQuery, variables }, result: apiError('INTERNAL_SERVER_ERROR', options.error), delay: options.delay };
  }
  return {
    request: { query: timelineQuery, variables },
    delay: options.delay,
    maxUsageCount: options.maxUsageCount,
    result: {
      data: {
        account: {
          __typename: 'Account',
          id: accountId,
          timeline: {
            __typename: 'TouchpointConnection',
            edges: nodes.map((node) => ({ __typename: 'TouchpointEdge', cursor: `tp-${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: options.hasNextPage ?? false, endCursor: nodes.length ? `tp-${nodes[nodes.length - 1].id}` : null },
          },
        },
      },
    },
  };
}

/** The live feed of an account: quiet, unless `touchpoint` is given (sent once, after `delay` ms). */
export function accountActivityMock(accountId: string, touchpoint?: TouchpointFixture, delay = 50): MockLink.MockedResponse {
  const request = { query: accountActivitySubscription, variables: { accountId } };
  if (!touchpoint) return { request, delay: Number.POSITIVE_INFINITY, maxUsageCount: Number.POSITIVE_INFINITY };
  return { request, delay, result: { data: { accountActivity: touchpoint } } };
}

type EngagementFixture = Record<string, unknown>;

/** "Who else is talking": nobody, unless divisions and colleagues are given. */
export function engagementMock(accountId: string, engagement: Partial<EngagementFixture> = {}): MockLink.MockedResponse {
  return {
    request: { query: engagementQuery, variables: { accountId } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        account: {
          __typename: 'Account',
          id: accountId,
          engagement: { __typename: 'AccountEngagement', id: accountId, asOf: '2025-03-20T00:00:00.000Z', divisions: [], colleagues: [], sinceMyLastTouch: null, ...engagement },
        },
      },
    },
  };
}

/** The activity chart's months: none with activity, unless given. */
export function activityMock(accountId: string, months: Record<string, unknown>[] = []): MockLink.MockedResponse {
  return {
    request: { query: activityByMonthQuery, variables: { accountId, months: ACTIVITY_MONTHS } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: { data: { account: { __typename: 'Account', id: accountId, activityByMonth: months } } },
  };
}

/** The account's stakeholders: none, unless given. */
export function stakeholdersMock(
  accountId: string,
  nodes: Record<string, unknown>[] = [],
  options: { after?: string; hasNextPage?: boolean; totalCount?: number | null } = {},
): MockLink.MockedResponse {
  const variables: Record<string, unknown> = { accountId, first: STAKEHOLDERS_PAGE_SIZE };
  if (options.after) variables.after = options.after;
  return {
    request: { query: stakeholdersQuery, variables },
    maxUsageCount: options.after ? 1 : Number.POSITIVE_INFINITY,
    result: {
      data: {
        account: {
          __typename: 'Account',
          id: accountId,
          stakeholders: {
            __typename: 'StakeholderConnection',
            totalCount: options.totalCount ?? null,
            edges: nodes.map((node) => ({ __typename: 'StakeholderEdge', cursor: `st-${String(node.id)}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: options.hasNextPage ?? false, endCursor: nodes.length ? `st-${String(nodes[nodes.length - 1].id)}` : null },
          },
        },
      },
    },
  };
}

/**
 * Everything the account page asks for besides the account: an empty timeline,
 * nobody talking, no activity, no stakeholders and a quiet live feed — unless
 * the caller overrides a part (its mocks come first and win).
 */
export function accountPanelsMocks(accountId: string, timeline: TouchpointFixture[] = []): MockLink.MockedResponse[] {
  return [
    timelineMock(accountId, timeline, { maxUsageCount: Number.POSITIVE_INFINITY }), accountActivityMock(accountId), engagementMock(accountId), activityMock(accountId),
    // The group's mock last: AccountGroup's tests put their own group in its place.
    stakeholdersMock(accountId), sourceRecordsMock(accountId), opportunitiesMock(accountId), accountGroupMock(accountId),
  ];
}

/** An opportunity as the account page's panel asks for it: Exhibits', open, without amount, date or owner unless told. */
export function opportunityNode(id: string, name: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'Opportunity', id, name, stage: 'Proposal', status: 'OPEN', amountText: null as string | null, currency: null as string | null,
    closeDate: null as string | null, overdue: false, ownerEmail: null as string | null, owner: null as unknown, division: EXHIBITS, ...fields,
  };
}

/** A sum of the listed opportunities' amounts in one currency, as the hub answers it (exact text). */
export function opportunityTotal(currency: string | null, amountText: string, opportunityCount: number) {
  return { __typename: 'OpportunityTotal', id: `total-${currency ?? 'none'}-${amountText}`, currency, amountText, opportunityCount };
}

/** The account's opportunities, a page of them (the first unless `after`), of some statuses only when `statuses`. */
export function opportunitiesMock(
  accountId: string, nodes: ReturnType<typeof opportunityNode>[] = [],
  options: { after?: string; hasNextPage?: boolean; statuses?: string[]; totals?: ReturnType<typeof opportunityTotal>[] } = {},
): MockLink.MockedResponse {
  const variables: Record<string, unknown> = { accountId, first: OPPORTUNITIES_PAGE_SIZE };
  if (options.after) variables.after = options.after;
  if (options.statuses) variables.filter = { statuses: options.statuses };
  return {
    request: { query: opportunitiesQuery, variables },
    maxUsageCount: options.after ? 1 : Number.POSITIVE_INFINITY,
    result: {
      data: {
        account: {
          __typename: 'Account', id: accountId,
          opportunities: {
            __typename: 'OpportunityConnection',
            edges: nodes.map((node) => ({ __typename: 'OpportunityEdge', cursor: `op-${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: options.hasNextPage ?? false, endCursor: nodes.length ? `op-${nodes[nodes.length - 1].id}` : null },
            totals: options.totals ?? [],
          },
        },
      },
    },
  };
}

type AccountRef = { id: string; name: string };

/** Who placed an account under its parent, as the group section asks for it. */
export type ParentDecisionFixture = { decider: 'PERSON' | 'MATCHING' | 'MERGE'; by?: string | null; at?: string | null; reason?: string | null; cleared?: boolean };

/**
 * Where the account sits in its group of companies (by default: in none), and a page of the companies below it
 * (the first unless `after`; `hasNextPage` when more follow).
 */
export function accountGroupMock(
  accountId: string,
  group: {
    parent?: AccountRef | null; groupHead?: AccountRef | null; children?: AccountRef[]; totalCount?: number;
    decision?: ParentDecisionFixture | null; after?: string; hasNextPage?: boolean;
  } = {},
): MockLink.MockedResponse {
  const ref = (a: AccountRef | null | undefined) => (a ? { __typename: 'Account', id: a.id, name: a.name } : null);
  const children = group.children ?? [];
  const variables: Record<string, unknown> = { id: accountId, first: GROUP_CHILDREN_SHOWN };
  if (group.after) variables.after = group.after;
  const decision = group.decision ? { __typename: 'ParentDecision', by: null, at: null, reason: null, cleared: false, ...group.decision } : null;
  return {
    request: { query: accountGroupQuery, variables },
    maxUsageCount: group.after ? 1 : Number.POSITIVE_INFINITY,
    result: {
      data: {
        account: {
          __typename: 'Account', id: accountId, parent: ref(group.parent), groupHead: ref(group.groupHead ?? group.parent), parentDecision: decision,
          children: {
            __typename: 'AccountConnection', totalCount: group.totalCount ?? children.length,
            edges: children.map((c) => ({ __typename: 'AccountEdge', cursor: `child-${c.id}`, node: ref(c) })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: group.hasNextPage ?? false, endCursor: children.length ? `child-${children[children.length - 1].id}` : null },
          },
        },
      },
    },
  };
}

/** A division's record of an account as the source-records panel asks for it: Logistics', linked by matching, unless told otherwise. */
export function sourceRecordNode(id: string, name: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'SourceAccountRecord', id, divisionId: LOGISTICS.id, sourceSystem: 'sap', externalId: id.toUpperCase(), name, version: 1,
    createdAt: '2026-10-01T08:00:00.000Z',
    link: { __typename: 'SourceRecordLink', status: 'AUTO', score: null as number | null, ruleVersion: 'fs-9', autoLinkThreshold: 6 as number | null, linkedAt: '2026-10-01T08:00:00.000Z', evidence: null as unknown },
    ...fields,
  };
}

/** The account's source records (one page; asked for again after a split or merge). */
export function sourceRecordsMock(accountId: string, nodes: ReturnType<typeof sourceRecordNode>[] = []): MockLink.MockedResponse {
  return {
    request: { query: sourceRecordsQuery, variables: { id: accountId, first: SOURCE_RECORDS_PAGE_SIZE } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        divisions: [EXHIBITS, LOGISTICS, PRINT].map((d) => ({ __typename: 'Division', id: d.id, name: d.name })),
        account: {
          __typename: 'Account', id: accountId,
          sourceRecords: {
            __typename: 'SourceAccountRecordConnection', totalCount: nodes.length,
            edges: nodes.map((node) => ({ __typename: 'SourceAccountRecordEdge', cursor: `sr-${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.length ? `sr-${nodes[nodes.length - 1].id}` : null },
          },
        },
      },
    },
  };
}
