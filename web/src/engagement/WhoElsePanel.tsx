import { useId, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, EmptyState, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountEngagementQuery } from '../gql/graphql';
import { Loading } from '../accounts/components/Loading';
import { NotSet } from '../accounts/components/NotSet';
import { DivisionBadge } from '../touchpoints/DivisionBadge';
import { formatDate, formatMoney, plural, touchpointTypeLabel } from '../touchpoints/format';
import { engagementQuery } from './operations';
import { LoadFailed } from '../app/LoadFailed';
import { ScrollTable } from '../app/ScrollTable';

type Engagement = NonNullable<AccountEngagementQuery['account']>['engagement'];
type DivisionRow = Engagement['divisions'][number];

/** Colleagues listed before "Show all". */
const COLLEAGUES_SHOWN = 6;

function SinceMyLastTouch({ since }: { since: NonNullable<Engagement['sinceMyLastTouch']> }) {
  if (!since.myLastTouch) {
    return (
      <Text size="sm">
        You have had no touchpoint with this account yet: everything the other divisions did is new to you
        {since.touchCount > 0 ? ` (${plural(since.touchCount, 'touchpoint')}).` : '.'}
      </Text>
    );
  }
  const when = formatDate(since.myLastTouch);
  if (since.touchCount === 0) {
    return <Text size="sm">Nothing new from other divisions since your last touch on {when}.</Text>;
  }
  return (
    <Alert color="blue" variant="light" title={`Since your last touch on ${when}`}>
      <Text size="sm">
        {plural(since.touchCount, 'touchpoint')} by other divisions:{' '}
        {since.divisions.map((d) => `${d.division.name} ${d.touchCount} (latest ${formatDate(d.lastTouch)})`).join('; ')}.
      </Text>
    </Alert>
  );
}

function ownerNames(row: DivisionRow): string | null {
  if (row.owners.length) return row.owners.map((o) => o.name).join(', ');
  if (row.owner) return row.owner.name;
  if (row.ownerEmails.length) return row.ownerEmails.join(', ');
  return null;
}

function colleagueNames(row: DivisionRow): string | null {
  const names = row.colleagues.map((c) => c.name);
  if (names.length === 0) return null;
  return names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
}

function DivisionsTable({ divisions }: { divisions: Engagement['divisions'] }) {
  return (
    <ScrollTable label="Table of divisions talking to this account" minWidth={760}>
      <Table verticalSpacing="xs" captionSide="top">
        <Table.Caption ta="left">Each division’s relationship with the account, most recently active first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Division</Table.Th>
            <Table.Th scope="col">Account owner</Table.Th>
            <Table.Th scope="col">Colleagues involved</Table.Th>
            <Table.Th scope="col">Touchpoints</Table.Th>
            <Table.Th scope="col">Last touch</Table.Th>
            <Table.Th scope="col">Open opportunities</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {divisions.map((row) => {
            const owner = ownerNames(row);
            const colleagues = colleagueNames(row);
            const types = row.touchCountsByType.slice(0, 3).map((t) => `${t.count} ${touchpointTypeLabel(t.type).toLowerCase()}`);
            return (
              <Table.Tr key={row.id}>
                <Table.Th scope="row">
                  <DivisionBadge division={row.division} />
                </Table.Th>
                <Table.Td>{owner ?? <NotSet />}</Table.Td>
                <Table.Td>{colleagues ?? <NotSet />}</Table.Td>
                <Table.Td>
                  {row.touchCount}
                  {types.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {types.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {row.lastTouch ? formatDate(row.lastTouch) : <Text span c="dimmed">Never</Text>}
                  {row.nextPlannedTouch && (
                    <Text size="xs" c="dimmed">
                      Next planned {formatDate(row.nextPlannedTouch)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {row.openOpportunityCount === 0 ? (
                    <Text span c="dimmed">None</Text>
                  ) : (
                    <>
                      {row.openOpportunityCount}
                      {row.openOpportunityTotals.length > 0 && (
                        <Text size="xs" c="dimmed">
                          {row.openOpportunityTotals.map((t) => formatMoney(t.amount, t.currency)).join(' + ')}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function ColleaguesTable({ colleagues }: { colleagues: Engagement['colleagues'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? colleagues : colleagues.slice(0, COLLEAGUES_SHOWN);
  return (
    <Stack gap={4}>
      <ScrollTable label="Table of colleagues talking to this account" minWidth={560}>
        <Table verticalSpacing={4} captionSide="top">
          <Table.Caption ta="left">Our colleagues who talked to the account, most recent first</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Colleague</Table.Th>
              <Table.Th scope="col">Division</Table.Th>
              <Table.Th scope="col">Touchpoints</Table.Th>
              <Table.Th scope="col">Last 90 days</Table.Th>
              <Table.Th scope="col">Last touch</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Th scope="row" fw={500}>
                  {row.colleague.name}
                </Table.Th>
                <Table.Td>
                  <DivisionBadge division={row.division} size="xs" />
                </Table.Td>
                <Table.Td>{row.touchCount}</Table.Td>
                <Table.Td>{row.touchesLast90Days}</Table.Td>
                <Table.Td>{formatDate(row.lastTouch)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {colleagues.length > COLLEAGUES_SHOWN && (
        <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)} aria-expanded={all} style={{ alignSelf: 'flex-start' }}>
          {all ? 'Show fewer colleagues' : `Show all ${colleagues.length} colleagues`}
        </Button>
      )}
    </Stack>
  );
}

/** "Who else from our company talks to this account, when, and who owns the relationship there?" */
export function WhoElsePanel({ accountId }: { accountId: string }) {
  const headingId = useId();
  const { data, error, refetch } = useQuery(engagementQuery, { variables: { accountId } });
  const engagement = data?.account?.engagement;

  let body;
  if (error && !data) {
    body = <LoadFailed what="who else is talking" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading who else is talking…" />;
  } else if (!engagement || engagement.divisions.length === 0) {
    body = <EmptyState title="Nobody yet" description="No division has sent records, touchpoints or opportunities of this account." />;
  } else {
    body = (
      <>
        {engagement.sinceMyLastTouch && <SinceMyLastTouch since={engagement.sinceMyLastTouch} />}
        <DivisionsTable divisions={engagement.divisions} />
        {engagement.colleagues.length > 0 ? (
          <ColleaguesTable colleagues={engagement.colleagues} />
        ) : (
          <Text size="sm" c="dimmed">
            No colleague has had a touchpoint with this account yet.
          </Text>
        )}
      </>
    );
  }

  return (
    <Stack gap="sm" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Who else is talking
      </Title>
      {body}
    </Stack>
  );
}
