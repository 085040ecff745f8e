import type { ApolloCache } from '@apollo/client';

/**
 * After a merge or a split, what the client cached of accounts may be wrong:
 * a merged-away id was answered with its survivor (and that answer is kept
 * as the lookup `account(id)`), and a split can bring that id back as an
 * account of its own. Forgets every `account(id)` lookup and the given
 * accounts themselves; pages ask the server again when next shown.
 */
export function forgetAccounts(cache: ApolloCache, accountIds: readonly string[] = []): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'account' });
  for (const id of accountIds) cache.evict({ id: cache.identify({ __typename: 'Account', id }) });
  cache.gc();
}
