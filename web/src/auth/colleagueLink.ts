import { ApolloLink } from '@apollo/client';
import { meQuery } from './operations';

/** The header by which the page says who it believes is signed in (the server's EXPECTED_COLLEAGUE_HEADER). */
export const EXPECTED_COLLEAGUE_HEADER = 'x-ourcustomer-colleague';

/**
 * Sends, with every operation but signing in, the id of the colleague the page shows. A browser's tabs share one
 * session cookie: when someone else signs in in another tab, the API refuses this page's operations as
 * UNAUTHENTICATED instead of doing them as that person (found by exploratory testing: a value an admin typed was
 * recorded as a rep's), and the page goes to sign in, keeping what was typed (errorLink.ts, keptDrafts.ts).
 */
export function createExpectedColleagueLink(): ApolloLink {
  return new ApolloLink((operation, forward) => {
    if (operation.operationName !== 'SignIn') {
      const me = operation.client.cache.readQuery({ query: meQuery })?.me;
      if (me) operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({ headers: { ...headers, [EXPECTED_COLLEAGUE_HEADER]: me.id } }));
    }
    return forward(operation);
  });
}
