import { useCallback, useRef, useState } from 'react';

/** Where a Relay connection's page ends. */
export interface PageEnd {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * Loads the next page of a Relay connection through the query's `fetchMore`:
 * one request at a time (scrolling fires "load more" repeatedly), and the
 * failure kept as a message to show beside the list, which stays.
 */
export function useNextPage(
  fetchMore: (options: { variables: { after: string | null } }) => Promise<unknown>,
  pageInfo: PageEnd | null | undefined,
): { loadMore: () => void; moreError: string | null; clearMoreError: () => void } {
  const fetching = useRef(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const hasNextPage = pageInfo?.hasNextPage ?? false;
  const endCursor = pageInfo?.endCursor ?? null;
  const loadMore = useCallback(() => {
    if (fetching.current || !hasNextPage) return;
    fetching.current = true;
    setMoreError(null);
    fetchMore({ variables: { after: endCursor } })
      .catch((reason: unknown) => setMoreError(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => {
        fetching.current = false;
      });
  }, [fetchMore, hasNextPage, endCursor]);
  const clearMoreError = useCallback(() => setMoreError(null), []);
  return { loadMore, moreError, clearMoreError };
}
