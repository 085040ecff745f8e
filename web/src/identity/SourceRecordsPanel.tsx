import { useState } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useSignedInColleague } from '../auth/AuthGate';
import { Loading } from '../accounts/components/Loading';
import { divisionNamer } from '../app/divisionNames';
import { LoadFailed } from '../app/LoadFailed';
import { ScrollTable } from '../app/ScrollTable';
import { useNextPage } from '../app/useNextPage';
import { useKeptDraft } from '../auth/useKeptDraft';
import { LoadMoreButton } from '../touchpoints/LoadMoreButton';
import { MergeForm } from './components/MergeForm';
import { SourceRecordRow } from './components/SourceRecordRow';
import { SplitForm } from './components/SplitForm';
import { sourceRecordsQuery } from './operations';

/** Records per page. */
export const SOURCE_RECORDS_PAGE_SIZE = 20;

/**
 * How each division's system knows this customer, and how matching linked
 * each record; for admins, the repairs: split off records linked wrongly,
 * merge in a duplicate matching did not catch.
 */
export function SourceRecordsPanel({ accountId, accountName }: { accountId: string; accountName: string }) {
  const me = useSignedInColleague();
  const admin = me.role === 'ADMIN';
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(sourceRecordsQuery, {
    variables: { id: accountId, first: SOURCE_RECORDS_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const { loadMore, moreError } = useNextPage(fetchMore, data?.account?.sourceRecords.pageInfo);
  // The records ticked to split off outlive the end of the session, as the split's reason does: the form opens
  // again with both after signing in (saved: nothing kept).
  const { value: selected, setValue: setSelected, discard } = useKeptDraft<string[]>(`split-records:${accountId}`, () => []);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const divisionName = divisionNamer(data?.divisions);
  const columns = admin ? 6 : 5;
  // Only the last repair's outcome shows: a new form for the other repair each time (found by exploratory testing:
  // "Split done" stayed next to the "Merged" of the same records merged back).
  const [splits, setSplits] = useState(0);
  const [merges, setMerges] = useState(0);

  let body;
  if (error && !data) body = <LoadFailed what="the source records" error={error} retry={refetch} />;
  else if (!data?.account) body = <Loading label="Loading the source records…" />;
  else {
    const { edges, pageInfo, totalCount } = data.account.sourceRecords;
    body = (
      <Stack gap="xs">
        <ScrollTable label="Table of source records" minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                {admin && <Table.Th scope="col">Split</Table.Th>}
                <Table.Th scope="col">Record</Table.Th>
                <Table.Th scope="col">Link</Table.Th>
                <Table.Th scope="col">Score</Table.Th>
                <Table.Th scope="col">Received</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node }) => (
                <SourceRecordRow
                  key={node.id}
                  record={node}
                  columns={columns}
                  divisionName={divisionName(node.divisionId)}
                  selection={admin ? { selected: selected.includes(node.id), onToggle: () => toggle(node.id) } : undefined}
                />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {totalCount != null && totalCount > edges.length && <Text size="sm" c="dimmed">{edges.length} of {totalCount} shown</Text>}
        {moreError && <Alert color="red" variant="light" title="Could not load more records">{moreError}</Alert>}
        {pageInfo.hasNextPage && <LoadMoreButton label="Load more records" onLoadMore={loadMore} loading={networkStatus === NetworkStatus.fetchMore} />}
        {admin && (
          <SplitForm
            key={merges}
            accountId={accountId}
            selected={selected}
            recordCount={totalCount ?? (pageInfo.hasNextPage ? null : edges.length)}
            onDone={() => {
              setSelected([]);
              discard();
              setSplits((n) => n + 1);
            }}
          />
        )}
      </Stack>
    );
  }

  return (
    <Stack component="section" aria-labelledby="source-records-heading" gap="sm" w="100%">
      <Title order={2} id="source-records-heading">Source records</Title>
      <Text size="sm" c="dimmed">
        What each division's system sent about this customer, and how matching linked it here: the score and the evidence it weighed.
        {admin && ' Tick records linked here wrongly to split them off, or merge in a duplicate of this customer.'}
      </Text>
      {body}
      {admin && data?.account && (
        <Stack gap="xs" mt="sm">
          <Title order={3} size="h5">Merge a duplicate into this account</Title>
          <MergeForm key={splits} accountId={accountId} accountName={accountName} onMerged={() => setMerges((n) => n + 1)} />
        </Stack>
      )}
    </Stack>
  );
}
