import { useId, useState } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Badge, EmptyState, Group, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountOpportunitiesQuery, AccountOpportunitiesQueryVariables, OpportunityStatus } from '../gql/graphql';
import { Loading } from '../accounts/components/Loading';
import { NotSet } from '../accounts/components/NotSet';
import { LoadFailed } from '../app/LoadFailed';
import { ScrollTable } from '../app/ScrollTable';
import { useNextPage } from '../app/useNextPage';
import { plural } from '../touchpoints/format';
import { LoadMoreButton } from '../touchpoints/LoadMoreButton';
import { opportunitiesQuery } from './operations';

/** Opportunities per page. */
export const OPPORTUNITIES_PAGE_SIZE = 20;

type Connection = NonNullable<AccountOpportunitiesQuery['account']>['opportunities'];
type Opportunity = Connection['edges'][number]['node'];

/** Which opportunities the panel lists: by status, or all of them (closed without saying how only under "All"). */
export type Shown = 'OPEN' | 'WON' | 'LOST' | 'ALL';

const SHOWN: Record<Shown, { label: string; word: string; order: string }> = {
  ALL: { label: 'All', word: '', order: 'open ones first, soonest to close first; then closed ones, latest first' },
  OPEN: { label: 'Open', word: 'open ', order: 'soonest to close first' },
  WON: { label: 'Won', word: 'won ', order: 'latest closed first' },
  LOST: { label: 'Lost', word: 'lost ', order: 'latest closed first' },
};

const STATUS: Record<OpportunityStatus, { label: string; color: string }> = {
  OPEN: { label: 'Open', color: 'blue' },
  WON: { label: 'Won', color: 'green' },
  LOST: { label: 'Lost', color: 'red' },
  CLOSED: { label: 'Closed', color: 'gray' },
};

// A close date is a day, not an instant: shown as that day wherever the reader is.
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An amount exactly as the hub has it (amountText: nothing rounded), digits grouped, with its currency. */
function amountOf(o: { amountText?: string | null; currency?: string | null }): string | null {
  if (o.amountText == null) return null;
  const [whole, fraction] = o.amountText.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fraction ? `${grouped}.${fraction}` : grouped}${o.currency ? ` ${o.currency}` : ''}`;
}

/** The exact sums per currency of every opportunity listed, all pages (summed by the hub, not here). */
function OpportunityTotals({ totals, shown }: { totals: Connection['totals']; shown: Shown }) {
  const headingId = useId();
  if (totals.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id={headingId}>{`Total of every ${SHOWN[shown].word}opportunity with an amount, all pages`}</Text>
      <List size="sm" aria-labelledby={headingId} listStyleType="none" spacing={2} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {totals.map((t) => (
          <List.Item key={t.id}>
            {`${amountOf(t)}${t.currency ? '' : ' (no currency)'}`}
            <Text span size="sm" c="dimmed">{` from ${plural(t.opportunityCount, 'opportunity', 'opportunities')}`}</Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function CloseDate({ o }: { o: Opportunity }) {
  if (!o.closeDate) return <NotSet />;
  return (
    <Group gap={6} wrap="nowrap">
      <time dateTime={o.closeDate}>{day.format(new Date(`${o.closeDate}T00:00:00Z`))}</time>
      {/* Said in words, not only by colour: still open, and the day it was to close has passed. */}
      {o.overdue && <Badge variant="light" color="orange" tt="none">Overdue</Badge>}
    </Group>
  );
}

function OpportunitiesTable({ opportunities, more, shown }: { opportunities: readonly Opportunity[]; more: boolean; shown: Shown }) {
  const { word, order } = SHOWN[shown];
  return (
    <ScrollTable label="Table of opportunities" minWidth={760}>
      <Table verticalSpacing="xs" captionSide="top">
        <Table.Caption ta="left">{`${more ? 'The first ' : ''}${plural(opportunities.length, `${word}opportunity`, `${word}opportunities`)}: ${order}`}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Stage</Table.Th>
            <Table.Th scope="col">Division</Table.Th>
            <Table.Th scope="col">Amount</Table.Th>
            <Table.Th scope="col">Close date</Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {opportunities.map((o) => {
            const amount = amountOf(o);
            const owner = o.owner?.name ?? o.ownerEmail;
            return (
              <Table.Tr key={o.id}>
                <Table.Th scope="row" fw={600}>{o.name}</Table.Th>
                <Table.Td>
                  <Badge variant="light" color={STATUS[o.status].color} tt="none">{STATUS[o.status].label}</Badge>
                </Table.Td>
                <Table.Td>{o.stage}</Table.Td>
                <Table.Td>{o.division.name}</Table.Td>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{amount ?? <NotSet />}</Table.Td>
                <Table.Td><CloseDate o={o} /></Table.Td>
                <Table.Td>{owner ?? <NotSet />}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Every division's opportunities with the customer, open and closed, with who owns them. */
export function OpportunitiesPanel({ accountId }: { accountId: string }) {
  const headingId = useId();
  const [shown, setShown] = useState<Shown>('ALL');
  const variables: AccountOpportunitiesQueryVariables = { accountId, first: OPPORTUNITIES_PAGE_SIZE };
  if (shown !== 'ALL') variables.filter = { statuses: [shown] };
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(opportunitiesQuery, { variables, notifyOnNetworkStatusChange: true });
  const connection = data?.account?.opportunities;
  const { loadMore, moreError } = useNextPage(fetchMore, connection?.pageInfo);

  let body;
  if (error && !data) {
    body = <LoadFailed what="the opportunities" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading the opportunities…" />;
  } else if ((!connection || connection.edges.length === 0) && shown === 'ALL') {
    body = <EmptyState title="No opportunities yet" description="Opportunities appear here when a division’s system sends them." />;
  } else if (!connection || connection.edges.length === 0) {
    body = <EmptyState title={`No ${SHOWN[shown].word}opportunities`} description="Choose All to see every opportunity with this customer." />;
  } else {
    body = (
      <>
        <OpportunitiesTable opportunities={connection.edges.map((e) => e.node)} more={connection.pageInfo.hasNextPage} shown={shown} />
        <OpportunityTotals totals={connection.totals} shown={shown} />
        {moreError && (
          <Alert color="red" variant="light" title="Could not load more opportunities">
            {moreError}
          </Alert>
        )}
        {connection.pageInfo.hasNextPage && (
          <LoadMoreButton label="Load more opportunities" onLoadMore={loadMore} loading={networkStatus === NetworkStatus.fetchMore} />
        )}
      </>
    );
  }

  return (
    <Stack gap="sm" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Opportunities
      </Title>
      <Text size="sm" c="dimmed">
        Amounts as each division recorded them, in their own currency.
      </Text>
      <SegmentedControl
        aria-label="Which opportunities"
        value={shown}
        onChange={(value) => setShown(value as Shown)}
        data={(['ALL', 'OPEN', 'WON', 'LOST'] as const).map((value) => ({ value, label: SHOWN[value].label }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {body}
    </Stack>
  );
}
