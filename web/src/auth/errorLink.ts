import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
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
 * is not a lost session: the sign-in page shows it.
 */
export function createAuthErrorLink(): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'SignIn' || !isUnauthenticated(error)) return;
    operation.client.cache.writeQuery({ query: meQuery, data: { me: null } });
  });
}
