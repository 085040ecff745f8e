import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type FieldPolicy, type FieldReadFunction } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { OperationTypeNode } from 'graphql';
import { createExpectedColleagueLink } from '../auth/colleagueLink';
import { createAuthErrorLink } from '../auth/errorLink';
import { createMergedAwayLink } from '../identity/mergedAwayLink';

/**
 * relayStylePagination whose pages, read together, hold each node once: a node that moved while the list was paged (a
 * touchpoint rescheduled, read at its old place on an earlier page and at its new place on a later one) is kept where
 * it was read last, which is where it is now. Found by exploratory testing: the timeline listed it twice.
 */
export function distinctRelayPagination(keyArgs?: string[]): FieldPolicy {
  const policy = relayStylePagination(keyArgs);
  const read = policy.read as FieldReadFunction;
  return {
    ...policy,
    read(existing, options) {
      const page = read(existing, options) as { edges?: { node?: { __ref?: string } }[] } | undefined;
      if (!page?.edges) return page;
      const last = new Map<string, number>();
      page.edges.forEach((edge, i) => edge.node?.__ref && last.set(edge.node.__ref, i));
      const edges = page.edges.filter((edge, i) => !edge.node?.__ref || last.get(edge.node.__ref) === i);
      return edges.length === page.edges.length ? page : { ...page, edges };
    },
  };
}

/**
 * The normalised cache. Connections (Relay, keyset cursors) fetched with
 * `fetchMore({ variables: { after } })` are appended to the same list, one
 * list per set of key arguments: `Query.accounts` per search term, an
 * account's timeline per filter, my notices per "unread only".
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          accounts: relayStylePagination(['search']),
          myNotices: distinctRelayPagination(['unreadOnly']),
          matchReviews: relayStylePagination(['decided']),
          rejectedItems: relayStylePagination(['includeResolved']),
          waitingItems: relayStylePagination(),
        },
      },
      // A person's divisions, colleagues and touches are counted at the account that lists them (the people who moved
      // on are listed at their old account too): kept with each list, not merged into one object per person.
      Stakeholder: { keyFields: false },
      Account: {
        fields: {
          timeline: distinctRelayPagination(['filter']),
          stakeholders: relayStylePagination(['presence']),
          opportunities: distinctRelayPagination(['filter']),
          sourceRecords: relayStylePagination(),
          children: relayStylePagination(),
        },
      },
    },
  });
}

/** ws(s)://<this host>/graphql: the same origin as the page, so the session cookie goes along. */
export function subscriptionUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

/** Waits between reconnections: 1 s, 2 s, 4 s… up to 30 s, with jitter so that many tabs do not come back at once. */
export function retryWait(retries: number): Promise<void> {
  const ms = Math.min(30_000, 1000 * 2 ** retries) + Math.floor(Math.random() * 1000);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Subscriptions over graphql-ws on /graphql. Lazy: the socket opens with the
 * first subscription and closes when the last one ends (so signing out and in
 * as someone else opens a new socket with the new session). It keeps trying to
 * reconnect while subscriptions are wanted; until a subscription server
 * answers, subscriptions just deliver nothing. `onReconnected` runs when the
 * socket is back after a loss: what happened meanwhile was not delivered.
 */
function createWsLink(onReconnected: () => void): GraphQLWsLink {
  return new GraphQLWsLink(
    createClient({
      url: subscriptionUrl(),
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait,
      on: {
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) onReconnected();
        },
      },
    }),
  );
}

/**
 * The client of the hub's GraphQL API, served on the same origin. Queries and
 * mutations go over HTTP; subscriptions over a websocket (split link). The
 * session is an httpOnly cookie, sent with every request. The API's CSRF
 * prevention wants a preflighted request: HttpLink sends `content-type:
 * application/json`, and `apollo-require-preflight` makes sure of it.
 */
export function createApolloClient(): ApolloClient {
  const http = new HttpLink({ uri: '/graphql', credentials: 'include', headers: { 'apollo-require-preflight': 'true' } });
  // After a lost connection, the pages on screen ask again for what they show (live updates were missed meanwhile).
  const catchUp = () => void client.refetchQueries({ include: 'active' }).catch(() => undefined);
  const transport =
    typeof WebSocket === 'undefined' ? http : ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, createWsLink(catchUp), http);
  const client = new ApolloClient({
    link: ApolloLink.from([createAuthErrorLink(), createMergedAwayLink(), createExpectedColleagueLink(), transport]),
    cache: createCache(),
  });
  return client;
}
