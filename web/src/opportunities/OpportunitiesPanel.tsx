import { useId } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Badge, EmptyState, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountOpportunitiesQuery, OpportunityStatus } from '../gql/graphql';
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

type Opportunity = NonNullable<AccountOpportunitiesQuery['account']>['opportunities']['edges'][number]['node'];

const STATUS: Record<OpportunityStatus, { label: string; color: string }> = {
  OPEN: { label: 'Open', color: 'blue' },
  WON: { label: 'Won', color: 'green' },
  LOST: { label: 'Lost', color: 'red' },
  CLOSED: { label: 'Closed', color: 'gray' },
};

// A close date is a day, not an instant: shown as that day wherever the reader is.
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** The amount exactly as recorded (amountText: nothing rounded), digits grouped, with its currency. */
function amountOf(o: Opportunity): string | null {
  if (o.amountText == null) return null;
  const [whole, fraction] = o.amountText.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fraction ? `${grouped}.${fraction}` : grouped}${o.currency ? ` ${o.currency}` : ''}`;
}

function OpportunitiesTable({ opportunities, more }: { opportunities: readonly Opportunity[]; more: boolean }) {
  return (
    <ScrollTable label="Table of opportunities" minWidth={760}>
      <Table verticalSpacing="xs" captionSide="top">
        <Table.Caption ta="left">{`${more ? 'The first ' : ''}${plural(opportunities.length, 'opportunity', 'opportunities')}: open ones first, soonest to close first; then closed ones, latest first`}</Table.Caption>
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
                <Table.Td>{o.closeDate ? <time dateTime={o.closeDate}>{day.format(new Date(`${o.closeDate}T00:00:00Z`))}</time> : <NotSet />}</Table.Td>
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
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(opportunitiesQuery, {
    variables: { accountId, first: OPPORTUNITIES_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.account?.opportunities;
  const { loadMore, moreError } = useNextPage(fetchMore, connection?.pageInfo);

  let body;
  if (error && !data) {
    body = <LoadFailed what="the opportunities" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading the opportunities…" />;
  } else if (!connection || connection.edges.length === 0) {
    body = <EmptyState title="No opportunities yet" description="Opportunities appear here when a division’s system sends them." />;
  } else {
    body = (
      <>
        <OpportunitiesTable opportunities={connection.edges.map((e) => e.node)} more={connection.pageInfo.hasNextPage} />
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
      {body}
    </Stack>
  );
}
