import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { forgetAccounts } from './forgetAccounts';

/** The survivor an account was merged into, when the API refused to change the merged account (extensions.mergedIntoId). */
export function mergedIntoIdOf(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const id = error.errors.find((e) => typeof e.extensions?.mergedIntoId === 'string')?.extensions?.mergedIntoId;
  return typeof id === 'string' ? id : null;
}

/**
 * A page open since before a merge (in another tab, say) still shows the merged account. When the API refuses to
 * change it, naming the survivor it was merged into, what the client cached of accounts is stale: the account
 * lookups are forgotten (forgetAccounts), so the pages on screen ask again, and `account(id)` now answers with the
 * survivor, which the account page announces.
 */
export function createMergedAwayLink(): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    if (mergedIntoIdOf(error)) forgetAccounts(operation.client.cache);
  });
}
