import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { EmptyState, Stack, Text, Title } from '@mantine/core';
import { Loading } from '../accounts/components/Loading';
import { useSignedInColleague } from '../auth/AuthGate';
import { divisionNamer } from '../app/divisionNames';
import { LoadFailed } from '../app/LoadFailed';
import { PagedList } from '../app/PagedList';
import { useNextPage } from '../app/useNextPage';
import { WaitingItemCard } from './components/WaitingItemCard';
import { waitingItemsQuery } from './operations';

/** Items per page. */
export const WAITING_ITEMS_PAGE_SIZE = 20;

/** `/admin/waiting-items`: what the divisions sent for account records that have not arrived, longest waiting first. */
export function WaitingItemsPage() {
  const me = useSignedInColleague();
  const admin = me.role === 'ADMIN';
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(waitingItemsQuery, {
    variables: { first: WAITING_ITEMS_PAGE_SIZE },
    skip: !admin,
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const { loadMore, moreError } = useNextPage(fetchMore, data?.waitingItems.pageInfo);
  const divisionName = divisionNamer(data?.divisions);

  let body;
  if (!admin) body = <Text>Only admins see the items waiting for their account.</Text>;
  else if (error && !data) body = <LoadFailed what="the waiting items" error={error} retry={refetch} />;
  else if (!data) body = <Loading label="Loading the waiting items…" />;
  else if (data.waitingItems.edges.length === 0) {
    body = <EmptyState title="Nothing is waiting" description="Every contact, touchpoint, opportunity and critical-info value the divisions sent has found its account." />;
  } else {
    const { edges, pageInfo } = data.waitingItems;
    body = (
      <PagedList label="Waiting items" summary={null} things="waiting items" gap="xs" hasNextPage={pageInfo.hasNextPage}
        loadingMore={networkStatus === NetworkStatus.fetchMore} moreError={moreError} onLoadMore={loadMore}>
        {edges.map(({ node }) => <WaitingItemCard key={node.id} item={node} divisionName={divisionName(node.divisionId)} />)}
      </PagedList>
    );
  }

  return (
    <Stack gap="md">
      <title>Waiting items · OurCustomer</title>
      <Title order={1}>Waiting items</Title>
      <Text c="dimmed">
        Items a division sent before the account record they name, longest waiting first. Each lands by itself when its division system
        sends that account record (or sends the item again with accountName). An item that waits for days usually names the account by
        another id than the division system uses for it: fix the id at the source and send the item again.
      </Text>
      {body}
    </Stack>
  );
}
