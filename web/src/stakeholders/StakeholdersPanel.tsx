import { useId, useState } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, EmptyState, List, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountStakeholdersQuery } from '../gql/graphql';
import { Loading } from '../accounts/components/Loading';
import { NotSet } from '../accounts/components/NotSet';
import { DivisionBadgeList } from '../touchpoints/DivisionBadge';
import { formatDate, plural } from '../touchpoints/format';
import { LoadMoreButton } from '../touchpoints/LoadMoreButton';
import { stakeholdersQuery } from './operations';
import { disagreeingTitles, StakeholderMoves } from './StakeholderMoves';
import { LoadFailed } from '../app/LoadFailed';
import { useNextPage } from '../app/useNextPage';
import { ScrollTable } from '../app/ScrollTable';

/** Stakeholders per page. */
export const STAKEHOLDERS_PAGE_SIZE = 20;

type Stakeholder = NonNullable<AccountStakeholdersQuery['account']>['stakeholders']['edges'][number]['node'];

function colleagueNames(stakeholder: Stakeholder): string | null {
  const names = stakeholder.colleagues.map((c) => c.name);
  if (names.length === 0) return null;
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/** The title a person had at this account: for people who moved on, the one recorded there, not their new one. */
function titleHere(s: Stakeholder, accountId: string, former: boolean): string | null {
  return (former ? s.affiliations.find((a) => a.account?.id === accountId)?.title : null) ?? s.title ?? null;
}

/** The title cell: each division's title when divisions disagree about the person here (their latest stint here), else the title. */
function TitleHere({ s, accountId, former }: { s: Stakeholder; accountId: string; former: boolean }) {
  const disagreeing = disagreeingTitles(s.affiliations.find((a) => a.account?.id === accountId));
  if (disagreeing) {
    return (
      <List size="sm" listStyleType="none" aria-label={`Titles the divisions give ${s.name}`}>
        {disagreeing.map((t) => (
          <List.Item key={`${t.division}|${t.title}`}>
            {t.title}{' '}
            <Text span size="xs" c="dimmed">
              ({t.division})
            </Text>
          </List.Item>
        ))}
      </List>
    );
  }
  return titleHere(s, accountId, former) || <NotSet />;
}

function StakeholdersTable({ stakeholders, caption, accountId, former = false }: { stakeholders: readonly Stakeholder[]; caption: string; accountId: string; former?: boolean }) {
  return (
    <ScrollTable label="Table of stakeholders" minWidth={720}>
      <Table verticalSpacing="xs" captionSide="top">
        <Table.Caption ta="left">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Divisions dealing with them</Table.Th>
            <Table.Th scope="col">Our colleagues in touch</Table.Th>
            <Table.Th scope="col">Last touch</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stakeholders.map((s) => {
            const colleagues = colleagueNames(s);
            return (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={600}>
                  {s.name}
                  <StakeholderMoves affiliations={s.affiliations} accountId={accountId} />
                </Table.Th>
                <Table.Td><TitleHere s={s} accountId={accountId} former={former} /></Table.Td>
                <Table.Td>{s.divisions.length ? <DivisionBadgeList divisions={s.divisions} label={`Divisions dealing with ${s.name}`} /> : <NotSet />}</Table.Td>
                <Table.Td>{colleagues ?? <Text span c="dimmed">Nobody yet</Text>}</Table.Td>
                <Table.Td>
                  {s.lastTouch ? (
                    <>
                      {formatDate(s.lastTouch)}
                      <Text size="xs" c="dimmed">
                        {plural(s.touchCount, 'touchpoint')}
                      </Text>
                    </>
                  ) : (
                    <Text span c="dimmed">
                      Never
                    </Text>
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

/** The customer's people: who they are, which of our divisions and colleagues deal with them, and when we last did. */
export function StakeholdersPanel({ accountId }: { accountId: string }) {
  const headingId = useId();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(stakeholdersQuery, {
    variables: { accountId, first: STAKEHOLDERS_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.account?.stakeholders;
  const { loadMore, moreError } = useNextPage(fetchMore, connection?.pageInfo);

  let body;
  if (error && !data) {
    body = <LoadFailed what="the stakeholders" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading the stakeholders…" />;
  } else if (!connection || connection.edges.length === 0) {
    body = <EmptyState title="No stakeholders yet" description="The customer’s people appear here when a division sends its contacts, or a touchpoint names them." />;
  } else {
    const { edges, pageInfo, totalCount } = connection;
    const shown = edges.length;
    const caption = totalCount != null && totalCount > shown ? `Showing ${shown} of ${plural(totalCount, 'person', 'people')}, by name` : `${plural(shown, 'person', 'people')}, by name`;
    body = (
      <>
        <StakeholdersTable stakeholders={edges.map((e) => e.node)} caption={caption} accountId={accountId} />
        {moreError && (
          <Alert color="red" variant="light" title="Could not load more stakeholders">
            {moreError}
          </Alert>
        )}
        {pageInfo.hasNextPage && <LoadMoreButton label="Load more stakeholders" onLoadMore={loadMore} loading={networkStatus === NetworkStatus.fetchMore} />}
      </>
    );
  }

  return (
    <Stack gap="sm" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Stakeholders
      </Title>
      {body}
      <FormerPeople accountId={accountId} />
    </Stack>
  );
}

/** The people who moved on from this account (their records went to another customer), on request. */
function FormerPeople({ accountId }: { accountId: string }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(stakeholdersQuery, {
    variables: { accountId, first: STAKEHOLDERS_PAGE_SIZE, presence: 'FORMER' },
    skip: !open,
    notifyOnNetworkStatusChange: true,
  });
  const pageInfo = data?.account?.stakeholders.pageInfo;
  const { loadMore, moreError } = useNextPage(fetchMore, pageInfo);
  const people = data?.account?.stakeholders.edges.map((e) => e.node) ?? [];
  return (
    <Stack gap="xs">
      <Button variant="default" size="compact-sm" style={{ alignSelf: 'flex-start' }} aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide people who moved on' : 'Show people who moved on'}
      </Button>
      {open && (
        <div id={listId}>
          {error && !data ? (
            <LoadFailed what="the people who moved on" error={error} retry={refetch} />
          ) : !data ? (
            <Loading label="Loading the people who moved on…" />
          ) : people.length === 0 ? (
            <Text size="sm" c="dimmed">Nobody has moved on from this customer.</Text>
          ) : (
            <>
              <StakeholdersTable stakeholders={people} caption={`${plural(people.length, 'person', 'people')} who moved on, by name (what we did with them here)`} accountId={accountId} former />
              {moreError && (
                <Alert color="red" variant="light" title="Could not load more people who moved on">
                  {moreError}
                </Alert>
              )}
              {pageInfo?.hasNextPage && <LoadMoreButton label="Load more people who moved on" onLoadMore={loadMore} loading={networkStatus === NetworkStatus.fetchMore} />}
            </>
          )}
        </div>
      )}
    </Stack>
  );
}
