import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, EmptyState, Stack } from '@mantine/core';
import { LoadFailed } from '../../app/LoadFailed';
import { useNextPage } from '../../app/useNextPage';
import { graphql } from '../../gql';
import { AccountsTable } from './AccountsTable';
import { LoadMoreButton } from '../../touchpoints/LoadMoreButton';
import { Loading } from './Loading';

/** Accounts per page of the list. */
export const ACCOUNTS_PAGE_SIZE = 20;

export const accountsQuery = graphql(`
  query Accounts($search: String, $first: Int, $after: String) {
    accounts(search: $search, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...AccountRowFields
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The accounts list over the `accounts` connection, a page at a time. */
export function AccountsResults({ search }: { search: string }) {
  const { data, loading, error, networkStatus, fetchMore, refetch } = useQuery(accountsQuery, {
    variables: { search: search || null, first: ACCOUNTS_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const { loadMore, moreError } = useNextPage(fetchMore, data?.accounts.pageInfo);

  if (error && !data) return <LoadFailed what="accounts" error={error} retry={refetch} />;
  if (!data) return <Loading label="Loading accounts…" />;

  const { edges, pageInfo, totalCount } = data.accounts;
  if (edges.length === 0) {
    return (
      <EmptyState
        title={search ? `No account matches “${search}”` : 'No accounts yet'}
        description={search ? 'Check the spelling, or search for part of the name.' : 'Accounts appear here when a division sends them.'}
      />
    );
  }

  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  return (
    <Stack gap="sm">
      <AccountsTable accounts={edges.map((edge) => edge.node)} totalCount={totalCount} hasMore={pageInfo.hasNextPage} />
      {moreError && (
        <Alert color="red" variant="light" title="Could not load more accounts">
          {moreError}
        </Alert>
      )}
      {pageInfo.hasNextPage && <LoadMoreButton label="Load more accounts" onLoadMore={loadMore} loading={loadingMore} auto={!moreError} />}
      {loading && !loadingMore && <Loading label="Updating…" />}
    </Stack>
  );
}
