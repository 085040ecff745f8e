import { NetworkStatus } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, Stack, Tabs, Text, Title } from '@mantine/core';
import { useSignedInColleague } from '../auth/AuthGate';
import { Loading } from '../accounts/components/Loading';
import { divisionNamer } from '../app/divisionNames';
import { LoadFailed } from '../app/LoadFailed';
import { PagedList } from '../app/PagedList';
import { useNextPage } from '../app/useNextPage';
import { plural } from '../touchpoints/format';
import { DecidedReviewHistory } from './components/DecidedReviewHistory';
import { DecidedReviews } from './components/DecidedReviews';
import { MatchReviewCard, type DecidedReview } from './components/MatchReviewCard';
import { forgetAccounts } from './forgetAccounts';
import { matchReviewsQuery } from './operations';

/** Reviews per page. */
export const MATCH_REVIEWS_PAGE_SIZE = 10;

const PAGE_TITLE = 'Match reviews';

/** The page's two lists; `?view=decided` opens the decided ones (a link to them stays a link to them). */
type View = 'waiting' | 'decided';

/**
 * `/match-reviews`: the pairs identity resolution could not decide alone,
 * oldest first, for managers and admins to decide; and, under Decided, what
 * was decided, by whom, when and why.
 */
export function MatchReviewsPage() {
  const me = useSignedInColleague();
  const allowed = me.role === 'ADMIN' || me.role === 'MANAGER';
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'decided' ? 'decided' : 'waiting';
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(matchReviewsQuery, {
    variables: { first: MATCH_REVIEWS_PAGE_SIZE },
    skip: !allowed,
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const { loadMore, moreError } = useNextPage(fetchMore, data?.matchReviews.pageInfo);
  const client = useApolloClient();
  const [decided, setDecided] = useState<DecidedReview[]>([]);
  // The decided card's form goes at once, and the card when the queue comes again: the focus would fall to the
  // top of the page. Once the queue is back, the card now at the decided one's place takes it (its title; the
  // last card's if it was the last), or, with none left, the list of what was decided.
  const waiting = useRef<HTMLDivElement>(null);
  const [focusAt, setFocusAt] = useState<{ index: number } | null>(null);
  useEffect(() => {
    const panel = waiting.current;
    if (!focusAt || !panel) return;
    // Only focus that was lost: not the reason someone started typing in the meantime.
    if (document.activeElement && document.activeElement !== document.body) return;
    const titles = panel.querySelectorAll<HTMLElement>('[data-review-title]');
    const target = titles[Math.min(focusAt.index, titles.length - 1)] ?? panel.querySelector<HTMLElement>('[data-decided-title]');
    target?.focus();
  }, [focusAt]);
  // A decision merges or settles more than its own card: other reviews of the same sides close, and
  // what the account pages cached of the two sides is out of date. Forget those accounts, ask for the queue again.
  const onDecided = (review: DecidedReview) => {
    setDecided((list) => [review, ...list]);
    forgetAccounts(client.cache, review.accountIds);
    const index = Math.max(0, data?.matchReviews.edges.findIndex((e) => e.node.id === review.id) ?? 0);
    // As many as are shown (up to the API's 100), not just the first page: the pages loaded stay, and the card that
    // takes the decided one's place is there to take the focus (found by exploratory testing). A failure shows as the query's error.
    const shown = data?.matchReviews.edges.length ?? 0;
    void refetch({ first: Math.min(100, Math.max(MATCH_REVIEWS_PAGE_SIZE, shown)) }).catch(() => undefined).then(() => setFocusAt({ index }));
  };
  const divisionName = divisionNamer(data?.divisions);

  let body;
  if (!allowed) {
    body = <Text>Only managers and admins decide match reviews.</Text>;
  } else if (error && !data) {
    body = <LoadFailed what="the match reviews" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading the match reviews…" />;
  } else if (data.matchReviews.edges.length === 0) {
    body = <EmptyState title="Nothing to review" description="Every record the divisions sent was either linked with confidence or kept apart. New pairs in the grey band appear here." />;
  } else {
    const { edges, pageInfo, totalCount } = data.matchReviews;
    body = (
      <PagedList label="Match reviews" summary={totalCount != null ? `${plural(totalCount, 'pair')} waiting` : null} things="match reviews" gap="md"
        hasNextPage={pageInfo.hasNextPage} loadingMore={networkStatus === NetworkStatus.fetchMore} moreError={moreError} onLoadMore={loadMore}>
        {edges.map(({ node }) => (
          <MatchReviewCard key={node.id} review={node} divisionName={divisionName} onDecided={onDecided} onStale={() => void refetch().catch(() => undefined)} />
        ))}
      </PagedList>
    );
  }

  return (
    <Stack gap="md">
      <title>{`${PAGE_TITLE} · OurCustomer`}</title>
      <Title order={1}>{PAGE_TITLE}</Title>
      <Text c="dimmed">
        Divisions spell the same customer, and the same person, differently. Matching links records it is sure of and keeps apart
        the ones it is sure differ; the pairs in between wait here for a person. <strong>Same</strong> merges the two sides with
        everything they hold (two customers merged can be split again; two people made one cannot);{' '}
        <strong>Different</strong> keeps them apart for good. Each decision is
        kept, with your reason, in the audit trail and as a label for tuning the matching rules.
      </Text>
      {allowed ? (
        <Tabs value={view} onChange={(next) => setParams(next === 'decided' ? { view: 'decided' } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List aria-label="Which match reviews">
            <Tabs.Tab value="waiting">Waiting{data?.matchReviews.totalCount != null ? ` (${data.matchReviews.totalCount})` : ''}</Tabs.Tab>
            <Tabs.Tab value="decided">Decided</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="waiting" pt="md">
            <Stack gap="md" ref={waiting}>
              <DecidedReviews decided={decided} />
              {body}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="decided" pt="md">
            <DecidedReviewHistory />
          </Tabs.Panel>
        </Tabs>
      ) : (
        body
      )}
    </Stack>
  );
}
