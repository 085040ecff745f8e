import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Box, EmptyState, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Loading } from '../accounts/components/Loading';
import { plural } from '../touchpoints/format';
import { LoadMoreButton } from '../touchpoints/LoadMoreButton';
import { myNoticesQuery, unreadNoticeCountQuery } from './operations';
import { NoticeItem } from './NoticeItem';
import { useMarkNoticesRead } from './useMarkNoticesRead';
import { LoadFailed } from '../app/LoadFailed';
import { useNextPage } from '../app/useNextPage';
import { BusyButton } from '../app/BusyButton';

/** Notices per page. */
export const NOTICES_PAGE_SIZE = 20;

/** `/notices`: what a first-class noticer would see, newest first; `?show=unread` for the unread ones only. */
export function NoticesPage() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(myNoticesQuery, {
    variables: { first: NOTICES_PAGE_SIZE, unreadOnly },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const { data: countData } = useQuery(unreadNoticeCountQuery);
  const unread = countData?.unreadNoticeCount;
  const { markRead, markAllRead } = useMarkNoticesRead();
  // Only the button pressed is busy: one flag for all put every "Mark as read" in a spinner (found by exploratory testing).
  const [markingIds, setMarkingIds] = useState<readonly string[]>([]);
  const [markingAll, setMarkingAll] = useState(false);
  const [markError, setMarkError] = useState<string | null>(null);
  const { loadMore, moreError } = useNextPage(fetchMore, data?.myNotices.pageInfo);
  // From the team's notes: notices read on another device (the bell's poll brings the lower count, another tab tells it)
  // left this list showing them unread until a reload. When the count drops by more than the notices shown went read
  // here (a mark made here updates both at once), the notices shown are asked for again: as many as are shown, so a
  // list paged further keeps its length.
  const edges = data?.myNotices.edges;
  const unreadShown = edges?.filter((edge) => !edge.node.read).length ?? 0;
  const before = useRef({ unread, unreadShown });
  useEffect(() => {
    const was = before.current;
    before.current = { unread, unreadShown };
    if (was.unread == null || unread == null || unread >= was.unread) return;
    if (was.unread - unread <= was.unreadShown - unreadShown) return;
    void refetch({ first: Math.min(100, Math.max(NOTICES_PAGE_SIZE, edges?.length ?? 0)) }).catch(() => undefined);
  }, [unread, unreadShown, edges, refetch]);

  const heading = useRef<HTMLHeadingElement>(null);
  // Found by exploratory testing: marked notices stayed in the unread view (which still counted them), and the focus fell
  // to the page's body with the button that went. The unread view is asked for again; the focus goes to the page heading.
  const mark = (run: () => Promise<unknown>, setBusy: (busy: boolean) => void) => {
    setMarkError(null);
    setBusy(true);
    run()
      .finally(() => setBusy(false))
      .then(() => {
        heading.current?.focus();
        return unreadOnly ? refetch() : undefined;
      })
      .catch((reason: unknown) => setMarkError(reason instanceof Error ? reason.message : String(reason)));
  };
  const markOne = (id: string) =>
    mark(
      () => markRead([id]),
      (busy) => setMarkingIds((ids) => (busy ? [...ids, id] : ids.filter((other) => other !== id))),
    );

  let body;
  if (error && !data) {
    body = <LoadFailed what="your notices" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading your notices…" />;
  } else if (data.myNotices.edges.length === 0) {
    body = unreadOnly ? (
      <EmptyState title="All caught up" description="You have read every notice." />
    ) : (
      <EmptyState
        title="No notices yet"
        description="You hear here when another division touches an account you own or watch, when an account goes silent, when divisions disagree about critical facts, or when meetings are about to collide. Watch an account from its page."
      />
    );
  } else {
    const { edges, pageInfo, totalCount } = data.myNotices;
    body = (
      <Stack gap="xs">
        {totalCount != null && (
          <Text size="sm" c="dimmed">
            {unreadOnly ? `${plural(totalCount, 'unread notice')}` : `${plural(totalCount, 'notice')} in all`}
          </Text>
        )}
        <Box component="ol" aria-label="Notices" m={0} p={0} style={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-xs)' }}>
          {edges.map(({ node }) => (
            <NoticeItem key={node.id} notice={node} marking={markingIds.includes(node.id)} onMarkRead={markOne} />
          ))}
        </Box>
        {moreError && (
          <Alert color="red" variant="light" title="Could not load more notices">
            {moreError}
          </Alert>
        )}
        {pageInfo.hasNextPage && (
          <LoadMoreButton label="Load more notices" onLoadMore={loadMore} loading={networkStatus === NetworkStatus.fetchMore} auto={!moreError} />
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <title>{unread ? `Notices (${unread} unread) · OurCustomer` : 'Notices · OurCustomer'}</title>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} ref={heading} tabIndex={-1}>Notices</Title>
          <Text c="dimmed">{unread == null ? 'What you should know about your accounts.' : unread === 0 ? 'Nothing unread.' : `${unread} unread.`}</Text>
        </div>
        <BusyButton variant="light" disabled={!unread} busy={markingAll} onClick={() => mark(markAllRead, setMarkingAll)}>
          Mark all as read
        </BusyButton>
      </Group>
      <SegmentedControl
        aria-label="Which notices"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => setParams(value === 'unread' ? { show: 'unread' } : {}, { replace: true })}
        data={[
          { value: 'all', label: 'All' },
          { value: 'unread', label: 'Unread' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {markError && (
        <Alert color="red" variant="light" title="Could not mark the notices read">
          {markError}
        </Alert>
      )}
      {body}
    </Stack>
  );
}
