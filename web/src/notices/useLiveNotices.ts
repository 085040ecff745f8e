import { useEffect, useRef, useState } from 'react';
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import type { ApolloCache, Reference } from '@apollo/client';
import type { NoticeFieldsFragment } from '../gql/graphql';
import { openNoticesChannel, type NoticesChannel } from './noticesChannel';
import { noticeAddedSubscription, noticeFields, unreadNoticeCountQuery } from './operations';

/** How often the unread count is asked for anyway, in case the live feed is down. */
export const NOTICE_POLL_MS = 60_000;

/** How long a failed live feed waits before listening again. */
const RESUBSCRIBE_MS = 30_000;

/**
 * What another tab's news makes this one ask for again: the count. A lower count makes the notices page ask for the
 * list it shows (NoticesPage), as one the poll brings does: asking for both here asked for the list twice.
 */
const NOTICE_QUERIES = ['UnreadNoticeCount'];

type StoredEdge = { __typename?: string; cursor: string; node: Reference };
type StoredConnection = { edges?: StoredEdge[]; totalCount?: number | null };

/**
 * Puts a notice that arrived live at the top of every notices list in the
 * cache (newest first by updatedAt): a new one is added, one raised again moves up.
 */
export function addLiveNotice(cache: ApolloCache, notice: NoticeFieldsFragment): void {
  const id = cache.identify({ __typename: 'Notice', id: notice.id });
  if (!id) return;
  cache.writeFragment({ id, fragment: noticeFields, fragmentName: 'NoticeFields', data: { ...notice, __typename: 'Notice' } as NoticeFieldsFragment });
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      myNotices(value, { readField, toReference }) {
        const existing = value as StoredConnection | undefined;
        if (!existing?.edges) return value;
        const others = existing.edges.filter((edge) => readField<string>('id', edge.node) !== notice.id);
        const isNew = others.length === existing.edges.length;
        const ref = toReference(id);
        if (!ref) return value;
        const updated: StoredConnection = {
          ...existing,
          totalCount: isNew && existing.totalCount != null ? existing.totalCount + 1 : existing.totalCount,
          edges: [{ __typename: 'NoticeEdge', cursor: `live:${notice.id}`, node: ref }, ...others],
        };
        return updated as typeof value;
      },
    },
  });
}

/**
 * Keeps the tabs of this browser in step (they disagreed for up to a poll's 60 s): when this tab's unread count
 * changes (read here, read all, new ones fetched), it tells the others; a tab told a count it does not have asks
 * for its count again (the notices page follows a lower count). A count heard from another tab is not told back, so nothing echoes.
 */
function useNoticesAcrossTabs(unread: number | undefined) {
  const client = useApolloClient();
  const channel = useRef<NoticesChannel | null>(null);
  // The count last told or heard, and the count this tab has: what the next change is compared with.
  const known = useRef<number | undefined>(undefined);
  const mine = useRef(unread);

  useEffect(() => {
    const opened = openNoticesChannel((theirs) => {
      known.current = theirs;
      if (theirs === mine.current) return;
      void client.refetchQueries({ include: 'active', onQueryUpdated: (query) => NOTICE_QUERIES.includes(query.queryName ?? '') }).catch(() => undefined);
    });
    channel.current = opened;
    return () => {
      opened.close();
      channel.current = null;
    };
  }, [client]);

  useEffect(() => {
    mine.current = unread;
    if (unread == null || unread === known.current) return;
    known.current = unread;
    channel.current?.announce(unread);
  }, [unread]);
}

/**
 * The bell's unread count, kept live: the `noticeAdded` subscription adds
 * notices to the lists shown and asks for the count again (a notice raised
 * again may or may not have been unread); a modest poll covers a feed that is down;
 * the other tabs of the browser hear of changes at once.
 */
export function useLiveNotices() {
  const client = useApolloClient();
  const [latest, setLatest] = useState<NoticeFieldsFragment | null>(null);
  const [feedFailures, setFeedFailures] = useState(0);
  const { data } = useQuery(unreadNoticeCountQuery, { pollInterval: NOTICE_POLL_MS });
  useNoticesAcrossTabs(data?.unreadNoticeCount);

  const { restart } = useSubscription(noticeAddedSubscription, {
    ignoreResults: true,
    onData: ({ data: result }) => {
      const notice = result.data?.noticeAdded;
      if (!notice) return;
      addLiveNotice(client.cache, notice);
      setLatest(notice);
      void client.refetchQueries({ include: ['UnreadNoticeCount'] }).catch(() => undefined);
    },
    // The feed failed: the poll keeps the count roughly right, and the bell listens again a little later.
    // (Without a subscription server the socket keeps retrying quietly instead.)
    onError: () => setFeedFailures((n) => n + 1),
  });

  useEffect(() => {
    if (feedFailures === 0) return;
    const timer = setTimeout(restart, RESUBSCRIBE_MS);
    return () => clearTimeout(timer);
  }, [feedFailures, restart]);

  return { unread: data?.unreadNoticeCount, latest };
}
