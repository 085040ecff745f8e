import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { markSessionEnded } from './keptDrafts';
import { meQuery } from './operations';

/** The error code of the API for "no session, or it has ended". */
export const UNAUTHENTICATED = 'UNAUTHENTICATED';

/** True when the API refused an operation for want of a session. */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === UNAUTHENTICATED);
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * When the session has ended (expired, signed out in another tab), any
 * operation fails with UNAUTHENTICATED: the link then records that nobody is
 * signed in (`me: null` in the cache), and the auth gate, which watches `me`,
 * sends the page to `/sign-in?next=<where it was>`. A wrong password (SignIn)
 * is not a lost session: the sign-in page shows it. The session is marked ended
 * first, so that the forms that close keep what was typed in them (keptDrafts.ts)
 * and the sign-in page says why it is there.
 */
export function createAuthErrorLink(): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'SignIn' || !isUnauthenticated(error)) return;
    // Signing out of a session that had ended already is no reason to keep anything.
    if (operation.operationName !== 'SignOut') markSessionEnded();
    operation.client.cache.writeQuery({ query: meQuery, data: { me: null } });
  });
}
