import { Table } from '@mantine/core';
import type { AccountRowFieldsFragment } from '../../gql/graphql';
import { AccountRow } from './AccountRow';
import { ScrollTable } from '../../app/ScrollTable';

interface AccountsTableProps {
  accounts: readonly AccountRowFieldsFragment[];
  totalCount?: number | null;
  /** More accounts follow the ones loaded. */
  hasMore?: boolean;
}

/** The accounts loaded so far, one row each. */
export function AccountsTable({ accounts, totalCount, hasMore = false }: AccountsTableProps) {
  const shown = accounts.length;
  const noun = (n: number) => `${n} ${n === 1 ? 'account' : 'accounts'}`;
  const caption =
    totalCount != null && totalCount > shown
      ? `Showing ${shown} of ${noun(totalCount)}`
      : hasMore
        ? `Showing the first ${noun(shown)}`
        : noun(shown);
  return (
    <ScrollTable label="Table of accounts" minWidth={640}>
      <Table captionSide="top" verticalSpacing="sm" highlightOnHover>
        <Table.Caption ta="left">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Account</Table.Th>
            <Table.Th scope="col">Stage</Table.Th>
            <Table.Th scope="col">Industry</Table.Th>
            <Table.Th scope="col">Known to</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} />
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
