import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The server's own words (it says which field, what was expected and what came), or a network problem. */
export function apiErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error) && error.errors.length) return [...new Set(error.errors.map((e) => e.message))].join(' ');
  return 'Could not reach OurCustomer. Check your connection and try again.';
}
