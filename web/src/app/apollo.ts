import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { createAuthErrorLink } from '../auth/errorLink';

/**
 * The normalised cache. `Query.accounts` is a Relay connection: pages fetched
 * with `fetchMore({ variables: { after } })` are appended to the same list,
 * and each search term keeps its own list.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          accounts: relayStylePagination(['search']),
        },
      },
    },
  });
}

/**
 * The client of the hub's GraphQL API, served on the same origin. The session
 * is an httpOnly cookie, sent with every request. The API's CSRF prevention
 * wants a preflighted request: HttpLink sends `content-type: application/json`,
 * and `apollo-require-preflight` makes sure of it.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      createAuthErrorLink(),
      new HttpLink({ uri: '/graphql', credentials: 'include', headers: { 'apollo-require-preflight': 'true' } }),
    ]),
    cache: createCache(),
  });
}
