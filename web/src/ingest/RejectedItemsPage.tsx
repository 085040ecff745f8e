import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Checkbox, EmptyState, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useSignedInColleague } from '../auth/AuthGate';
import { Loading } from '../accounts/components/Loading';
import { divisionNamer } from '../app/divisionNames';
import { LoadFailed } from '../app/LoadFailed';
import { PagedList } from '../app/PagedList';
import { useNextPage } from '../app/useNextPage';
import { useSelection } from '../app/useSelection';
import { apiErrorMessage } from '../app/apiErrors';
import { plural } from '../touchpoints/format';
import { isSetAside, RejectedItemCard, type Retried } from './components/RejectedItemCard';
import { dismissRejectedItemsMutation, rejectedItemsQuery, reprocessRejectedItemsMutation } from './operations';
import { WAITING_ITEMS_PATH } from './paths';
import { BusyButton } from '../app/BusyButton';
import { useMediaQuery } from '@mantine/hooks';

/** Items per page. */
export const REJECTED_ITEMS_PAGE_SIZE = 20;

/** "3 items sent again: 1 landed, 1 set aside for a newer version, 1 still rejected." */
function retrySummary(results: readonly Retried[]): string {
  const rejected = results.filter((r) => r.status === 'REJECTED').length;
  const setAside = results.filter(isSetAside).length;
  const aside = setAside > 0 ? ` ${setAside} set aside for a newer version,` : '';
  return `${plural(results.length, 'item')} sent again: ${results.length - rejected - setAside} landed,${aside} ${rejected} still rejected.`;
}

/** `/admin/rejected-items`: what ingest refused, with where and why, to re-process once the cause is fixed. */
export function RejectedItemsPage() {
  const me = useSignedInColleague();
  const [params, setParams] = useSearchParams();
  const includeResolved = params.get('show') === 'all';
  const admin = me.role === 'ADMIN';
  const narrow = useMediaQuery('(max-width: 30em)') ?? false;
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(rejectedItemsQuery, {
    variables: { first: REJECTED_ITEMS_PAGE_SIZE, includeResolved },
    skip: !admin,
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const { loadMore, moreError } = useNextPage(fetchMore, data?.rejectedItems.pageInfo);
  const { selected, toggle, pickAll, clear } = useSelection();
  const [retried, setRetried] = useState<Map<string, Retried>>(new Map());
  const [summary, setSummary] = useState<{ title: string; text: string } | null>(null);
  // Sent: the button is disabled (nothing picked any longer), which takes the focus from it; the summary gets it.
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summary) said.current?.focus();
  }, [summary]);
  const [failure, setFailure] = useState<{ title: string; text: string } | null>(null);
  // Another view is another list: what was picked in the one before (perhaps out of sight now) and what was said of it
  // go (found by exploratory testing: "Re-process 1 item" sent an item no longer shown).
  useEffect(() => {
    clear();
    setSummary(null);
    setRetried(new Map());
  }, [includeResolved, clear]);
  const [reprocess, { loading }] = useMutation(reprocessRejectedItemsMutation);
  const [dismissMutation, { loading: dismissing }] = useMutation(dismissRejectedItemsMutation);
  const [dismissReason, setDismissReason] = useState('');
  const divisionName = divisionNamer(data?.divisions);
  // Nothing shown is still rejected (none at all, or only landed ones): nothing to pick, no button that asks to.
  const pickable = (data?.rejectedItems.edges ?? []).filter(({ node }) => !node.resolvedAt).map(({ node }) => node.id);
  const anythingToPick = pickable.length > 0;
  const allPicked = anythingToPick && pickable.every((id) => selected.includes(id));

  const sendAgain = async () => {
    setFailure(null);
    try {
      const result = await reprocess({ variables: { ids: selected } });
      const outcomes = new Map(result.data!.reprocessRejectedItems.items.filter((i) => i.rejectedItemId).map((i) => [i.rejectedItemId!, { status: i.status, reason: i.reason ?? null }]));
      setRetried(outcomes);
      setSummary({ title: 'Re-processed', text: retrySummary([...outcomes.values()]) });
      clear();
      // Ask again for as many as are shown (up to the API's 100), not just the first page: items retried
      // further down stay in view with what sending them again did; the landed ones leave.
      const shown = data?.rejectedItems.edges.length ?? 0;
      await refetch({ first: Math.min(100, Math.max(REJECTED_ITEMS_PAGE_SIZE, shown)) });
    } catch (caught) {
      setFailure({ title: 'Not re-processed', text: apiErrorMessage(caught) });
    }
  };

  // Items that can never land (a value a later valid one replaced, an item too big to store): settled DISMISSED, kept as sent.
  const dismiss = async () => {
    setFailure(null);
    try {
      const result = await dismissMutation({ variables: { input: { ids: selected, reason: dismissReason.trim() } } });
      const outcomes = result.data!.dismissRejectedItems.items;
      const dismissed = outcomes.filter((i) => i.outcome === 'DISMISSED').length;
      const before = outcomes.length - dismissed;
      setRetried(new Map());
      setSummary({ title: 'Dismissed', text: `${plural(dismissed, 'item')} dismissed${before > 0 ? `; ${plural(before, 'item')} had been settled already` : ''}. They stay in “All, with those settled since”.` });
      setDismissReason('');
      clear();
      const shown = data?.rejectedItems.edges.length ?? 0;
      await refetch({ first: Math.min(100, Math.max(REJECTED_ITEMS_PAGE_SIZE, shown)) });
    } catch (caught) {
      setFailure({ title: 'Not dismissed', text: apiErrorMessage(caught) });
    }
  };

  let body;
  if (!admin) body = <Text>Only admins see and re-process rejected items.</Text>;
  else if (error && !data) body = <LoadFailed what="the rejected items" error={error} retry={refetch} />;
  else if (!data) body = <Loading label="Loading the rejected items…" />;
  else if (data.rejectedItems.edges.length === 0) {
    body = (
      <EmptyState
        title={includeResolved ? 'Nothing was ever rejected' : 'Nothing is rejected'}
        description={
          <>
            Every item the divisions sent was stored, or is <Anchor component={Link} to={WAITING_ITEMS_PATH} inherit underline="always">waiting for its account</Anchor>.
          </>
        }
      />
    );
  } else {
    const { edges, pageInfo } = data.rejectedItems;
    body = (
      <PagedList label="Rejected items" summary={null} things="rejected items" gap="sm" hasNextPage={pageInfo.hasNextPage}
        loadingMore={networkStatus === NetworkStatus.fetchMore} moreError={moreError} onLoadMore={loadMore}>
        {edges.map(({ node }) => (
          <RejectedItemCard key={node.id} item={node} divisionName={divisionName(node.divisionId)} selected={selected.includes(node.id)} onToggle={() => toggle(node.id)} retried={retried.get(node.id)} />
        ))}
      </PagedList>
    );
  }

  return (
    <Stack gap="md">
      <title>Rejected items · OurCustomer</title>
      <Title order={1}>Rejected items</Title>
      <Text c="dimmed">
        Items ingest could not store, kept exactly as the division sent them, with where and why. Fix the cause (at the source,
        or by adding the colleague or division an item names), then send them again: those that land leave this list.
      </Text>
      {admin && (
        <Group justify="space-between" wrap="wrap">
          <SegmentedControl
            // Stacked on a narrow screen: side by side, "All, with those settled since" was cut off at 320 px (WCAG 1.4.10).
            orientation={narrow ? 'vertical' : 'horizontal'}
            aria-label="Which items"
            value={includeResolved ? 'all' : 'open'}
            onChange={(value) => setParams(value === 'all' ? { show: 'all' } : {})}
            data={[{ value: 'open', label: 'Still rejected' }, { value: 'all', label: 'All, with those settled since' }]}
          />
          {anythingToPick && (
            // Shown, not all there are: what is picked is what the admin can see (another page loads more to pick).
            <Checkbox
              label={`Pick all ${plural(pickable.length, 'item')} shown`}
              checked={allPicked}
              indeterminate={!allPicked && selected.length > 0}
              onChange={() => (allPicked ? clear() : pickAll(pickable))}
            />
          )}
          {anythingToPick && (
            <BusyButton disabled={selected.length === 0} busy={loading} onClick={() => void sendAgain()}>
              {selected.length ? `Re-process ${plural(selected.length, 'item')}` : 'Pick items to re-process or dismiss'}
            </BusyButton>
          )}
        </Group>
      )}
      {anythingToPick && selected.length > 0 && (
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Why dismiss them"
            description="Dismissed items will never land; they are kept as sent, and the reason is recorded in the audit trail."
            value={dismissReason}
            onChange={(event) => setDismissReason(event.currentTarget.value)}
            maxLength={2000}
            style={{ flex: 1, minWidth: '12rem' }}
          />
          <BusyButton color="gray" disabled={dismissReason.trim() === ''} busy={dismissing} onClick={() => void dismiss()}>
            {`Dismiss ${plural(selected.length, 'item')}`}
          </BusyButton>
        </Group>
      )}
      {summary && <Alert ref={said} tabIndex={-1} color="blue" variant="light" role="status" title={summary.title}>{summary.text}</Alert>}
      {failure && <Alert color="red" variant="light" role="alert" title={failure.title}>{failure.text}</Alert>}
      {body}
    </Stack>
  );
}
