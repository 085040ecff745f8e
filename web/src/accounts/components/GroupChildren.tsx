import { Alert, List, Text } from '@mantine/core';
import { useNextPage, type PageEnd } from '../../app/useNextPage';
import { LoadMoreButton } from '../../touchpoints/LoadMoreButton';
import { AccountLink } from './AccountGroup';

interface GroupChildrenProps {
  /** The id its introduction takes, which names the list. */
  labelId: string;
  total: number;
  children: { edges: { node: { id: string; name: string } }[]; pageInfo: PageEnd };
  loadingMore: boolean;
  fetchMore: (options: { variables: { after: string | null } }) => Promise<unknown>;
}

/** The companies directly below an account, by name, each a link; "Load more" for the next page, so every one is reachable. */
export function GroupChildren({ labelId, total, children, loadingMore, fetchMore }: GroupChildrenProps) {
  const { edges, pageInfo } = children;
  const { loadMore, moreError } = useNextPage(fetchMore, pageInfo);
  return (
    <div>
      <Text id={labelId}>{total === 1 ? '1 company belongs to it:' : `${total} companies belong to it:`}</Text>
      <List aria-labelledby={labelId}>
        {edges.map(({ node }) => (
          <List.Item key={node.id}>
            <AccountLink account={node} />
          </List.Item>
        ))}
      </List>
      {edges.length < total && <Text size="sm" c="dimmed">{edges.length} of {total} shown.</Text>}
      {moreError && <Alert color="red" variant="light" title="Could not load more companies">{moreError}</Alert>}
      {pageInfo.hasNextPage && <LoadMoreButton label="Load more companies" onLoadMore={loadMore} loading={loadingMore} />}
    </div>
  );
}
