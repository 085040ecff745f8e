import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

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

/** The client of the hub's GraphQL API, served on the same origin. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'include' }),
    cache: createCache(),
  });
}
