import { useCallback, useEffect, useRef, useState } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import type { AccountTimelineQuery, TimelineFilter, TimelineTouchpointFragment } from '../gql/graphql';
import { useNextPage } from '../app/useNextPage';
import { accountActivitySubscription, timelineQuery } from './operations';
import { compareNewestFirst, matchesFilter } from './timelineFilter';

/** Touchpoints per page of the timeline. */
export const TIMELINE_PAGE_SIZE = 20;

/**
 * The timeline with a live touchpoint added where it belongs (newest first).
 * Unchanged when it is there already (the cache updated it in place), or when
 * it sorts after the last loaded page while more pages follow (it comes with them).
 */
export function withLiveTouchpoint(previous: AccountTimelineQuery, touchpoint: TimelineTouchpointFragment): AccountTimelineQuery | undefined {
  const timeline = previous.account?.timeline;
  if (!previous.account || !timeline) return undefined;
  if (timeline.edges.some((edge) => edge.node.id === touchpoint.id)) return undefined;
  let index = timeline.edges.findIndex((edge) => compareNewestFirst(touchpoint, edge.node) < 0);
  if (index < 0) {
    if (timeline.pageInfo.hasNextPage) return undefined;
    index = timeline.edges.length;
  }
  const edge = { __typename: 'TouchpointEdge', cursor: `live:${touchpoint.id}`, node: touchpoint } as (typeof timeline.edges)[number];
  const edges = [...timeline.edges.slice(0, index), edge, ...timeline.edges.slice(index)];
  return { ...previous, account: { ...previous.account, timeline: { ...timeline, edges } } };
}

/** How long a failed live feed waits before following the account again. */
const RESUBSCRIBE_MS = 10_000;

/** What arrived live that the list shown could not take in. */
export interface LiveOutside {
  /** Touchpoints the filter excludes. */
  excluded: number;
  /** Touchpoints that may match the word search (only the server can tell). */
  unknown: number;
}

const NOTHING_OUTSIDE: LiveOutside = { excluded: 0, unknown: 0 };

/**
 * An account's timeline under a filter, a page at a time, kept live: the
 * `accountActivity` subscription adds new touchpoints to the list shown
 * without a reload. Without a subscription server the list simply stays as
 * loaded. `onActivity` hears of every live touchpoint (to refresh figures).
 */
export function useTimeline(accountId: string, filter: TimelineFilter | null, onActivity?: (touchpoint: TimelineTouchpointFragment) => void) {
  const { data, previousData, error, networkStatus, fetchMore, updateQuery, refetch } = useQuery(timelineQuery, {
    variables: { accountId, first: TIMELINE_PAGE_SIZE, filter },
    // A list seen before under this filter shows at once and is brought up to date (live additions reach only the list on screen).
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });

  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(() => new Set());
  const [outside, setOutside] = useState<LiveOutside>(NOTHING_OUTSIDE);
  const [lastLive, setLastLive] = useState<TimelineTouchpointFragment | null>(null);
  const [feedFailures, setFeedFailures] = useState(0);

  const filterKey = JSON.stringify(filter);
  const latest = useRef({ filter, onActivity });
  useEffect(() => {
    latest.current = { filter, onActivity };
  });
  useEffect(() => {
    setOutside(NOTHING_OUTSIDE);
  }, [filterKey, accountId]);

  const { restart } = useSubscription(accountActivitySubscription, {
    variables: { accountId },
    ignoreResults: true,
    onData: ({ data: result }) => {
      const touchpoint = result.data?.accountActivity;
      if (!touchpoint) return;
      const verdict = matchesFilter(touchpoint, latest.current.filter);
      if (verdict === true) {
        let added = false;
        updateQuery((_unsafe, { previousData: previous, complete }) => {
          if (!complete || !previous) return undefined;
          const next = withLiveTouchpoint(previous, touchpoint);
          added = next !== undefined;
          return next;
        });
        if (added) {
          setFreshIds((ids) => new Set(ids).add(touchpoint.id));
          setLastLive(touchpoint);
        }
      } else {
        setOutside((o) => (verdict === false ? { ...o, excluded: o.excluded + 1 } : { ...o, unknown: o.unknown + 1 }));
      }
      latest.current.onActivity?.(touchpoint);
    },
    // The feed failed (e.g. the server found this subscriber too slow): the page keeps working as loaded,
    // and follows again a little later, catching up on what it missed. Without a subscription server
    // the socket keeps retrying quietly instead.
    onError: () => setFeedFailures((n) => n + 1),
  });

  useEffect(() => {
    if (feedFailures === 0) return;
    const timer = setTimeout(() => {
      restart();
      void refetch().catch(() => undefined);
    }, RESUBSCRIBE_MS);
    return () => clearTimeout(timer);
  }, [feedFailures, restart, refetch]);

  // While another filter loads, the list of the previous one stays (marked stale) rather than a blank.
  const waiting = !data && !error;
  const current = data ?? (waiting ? previousData : undefined);
  const timeline = current?.account?.timeline;
  const pageInfo = timeline?.pageInfo;

  const { loadMore, moreError, clearMoreError } = useNextPage(fetchMore, pageInfo);
  // A failed "load more" belongs to the list it was for: another filter or account starts afresh.
  useEffect(clearMoreError, [filterKey, accountId, clearMoreError]);

  const refresh = useCallback(() => {
    setOutside(NOTHING_OUTSIDE);
    void refetch().catch(() => undefined);
  }, [refetch]);

  return {
    /** The account as loaded (null: no such account); undefined before the first answer. */
    account: current ? current.account : undefined,
    touchpoints: timeline?.edges.map((edge) => edge.node) ?? [],
    hasMore: pageInfo?.hasNextPage ?? false,
    /** The list shown is of an earlier filter while the new one loads. */
    stale: !data && !!current,
    loading: networkStatus === NetworkStatus.loading || networkStatus === NetworkStatus.setVariables || networkStatus === NetworkStatus.refetch,
    loadingMore: networkStatus === NetworkStatus.fetchMore,
    error: error && !data ? error : undefined,
    moreError,
    freshIds,
    lastLive,
    outside,
    loadMore,
    refresh,
  };
}
