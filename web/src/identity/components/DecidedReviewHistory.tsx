import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Badge, EmptyState, Group, Paper, Stack, Text } from '@mantine/core';
import { divisionNamer } from '../../app/divisionNames';
import { LoadFailed } from '../../app/LoadFailed';
import { PagedList } from '../../app/PagedList';
import { useNextPage } from '../../app/useNextPage';
import { Loading } from '../../accounts/components/Loading';
import type { DecidedMatchReviewsQuery } from '../../gql/graphql';
import { formatDateTime, plural } from '../../touchpoints/format';
import { decisionWords } from '../evidence';
import { decidedMatchReviewsQuery } from '../operations';

/** Decided reviews per page. */
export const DECIDED_REVIEWS_PAGE_SIZE = 20;

type DecidedNode = DecidedMatchReviewsQuery['matchReviews']['edges'][number]['node'];

/** The verdict in words, and who gave it: a person, an integration through the API, or a merge that settled it. */
export function verdictOf(review: Pick<DecidedNode, 'kind' | 'status' | 'decidedBy'>): { words: string; color: string; by: string } {
  const words = decisionWords(review.kind);
  if (review.status === 'OBSOLETE') return { words: 'Settled by a merge', color: 'gray', by: 'No decision needed: a merge put the two sides together' };
  const by = review.decidedBy ? `Decided by ${review.decidedBy.name}` : 'Decided through the API';
  return review.status === 'SAME' ? { words: words.same, color: 'green', by } : { words: words.different, color: 'orange', by };
}

/** Every decided or settled review, the latest decision first: what was decided, by whom, when and why. */
export function DecidedReviewHistory() {
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(decidedMatchReviewsQuery, {
    variables: { first: DECIDED_REVIEWS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const { loadMore, moreError } = useNextPage(fetchMore, data?.matchReviews.pageInfo);
  if (error && !data) return <LoadFailed what="the decided match reviews" error={error} retry={refetch} />;
  if (!data) return <Loading label="Loading the decided match reviews…" />;
  const { edges, pageInfo, totalCount } = data.matchReviews;
  if (edges.length === 0) return <EmptyState title="Nothing decided yet" description="Reviews appear here once someone decides them, or a merge settles them." />;
  const divisionName = divisionNamer(data.divisions);
  return (
    <PagedList label="Decided match reviews" summary={totalCount != null ? `${plural(totalCount, 'pair')} decided or settled, the latest first` : null}
      things="decided reviews" gap="xs" hasNextPage={pageInfo.hasNextPage} loadingMore={networkStatus === NetworkStatus.fetchMore} moreError={moreError} onLoadMore={loadMore}>
      {edges.map(({ node }) => (
        <DecidedReviewItem key={node.id} review={node} divisionName={divisionName} />
      ))}
    </PagedList>
  );
}

/** Who sent the two sides: "Logistics and Exhibits", or "Both from Exhibits" (not "Exhibits and Exhibits"). */
function fromWhere(review: Pick<DecidedNode, 'record' | 'candidate'>, divisionName: (id: string) => string): string {
  return review.record.divisionId === review.candidate.divisionId
    ? `Both from ${divisionName(review.record.divisionId)}`
    : `${divisionName(review.record.divisionId)} and ${divisionName(review.candidate.divisionId)}`;
}

function DecidedReviewItem({ review, divisionName }: { review: DecidedNode; divisionName: (id: string) => string }) {
  const verdict = verdictOf(review);
  return (
    <Paper component="li" withBorder p="sm" radius="md" style={{ overflowWrap: 'anywhere' }}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700}>
            {review.record.name} and {review.candidate.name}
          </Text>
          <Badge variant="light" color={verdict.color} tt="none">
            {verdict.words}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {fromWhere(review, divisionName)} · {verdict.by}
          {review.decidedAt && (
            <>
              {' '}on <time dateTime={review.decidedAt}>{formatDateTime(review.decidedAt)}</time>
            </>
          )}
        </Text>
        {review.reason && (
          <Text size="sm" component="blockquote" m={0} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
            {review.reason}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
