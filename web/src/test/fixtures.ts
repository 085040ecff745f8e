import type { MockLink } from '@apollo/client/testing';
import { accountsQuery, ACCOUNTS_PAGE_SIZE } from '../accounts/components/AccountsResults';
import { meQuery, signInMethodsQuery } from '../auth/operations';
import type { AccountsQueryVariables, ColleagueRole, LifecycleStage } from '../gql/graphql';

/** GraphQL results as the server sends them, __typename included. */
export function division(id: string, name: string) {
  return { __typename: 'Division' as const, id, name };
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
