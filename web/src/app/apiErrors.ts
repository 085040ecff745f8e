import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The server's own words (it says which field, what was expected and what came), or a network problem. */
export function apiErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error) && error.errors.length) return [...new Set(error.errors.map((e) => e.message))].join(' ');
  return 'Could not reach OurCustomer. Check your connection and try again.';
}

/** The code of the server's refusal (extensions.code of its first error), or null for a network problem. */
export function apiErrorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

/** The extensions of the server's refusal (of its first error), or null for a network problem. */
export function apiErrorExtensions(error: unknown): Record<string, unknown> | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  return error.errors[0]?.extensions ?? null;
}

/** The server's refusal of one argument (extensions.argument, such as "filter.text"), or null for any other error. */
export function refusalOf(error: unknown, argument: string): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const refusal = error.errors.find((e) => e.extensions?.argument === argument);
  return refusal ? refusal.message : null;
}
