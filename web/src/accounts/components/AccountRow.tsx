import { Link } from 'react-router';
import { Anchor, Table } from '@mantine/core';
import { graphql } from '../../gql';
import type { AccountRowFieldsFragment } from '../../gql/graphql';
import { DivisionBadges } from './DivisionBadges';
import { LifecycleBadge } from './LifecycleBadge';
import { NotSet } from './NotSet';

/** What one row of the accounts list shows. */
export const accountRowFields = graphql(`
  fragment AccountRowFields on Account {
    id
    name
    lifecycleStage
    industry
    divisions {
      id
      name
    }
  }
`);

export function accountPath(id: string): string {
  return `/accounts/${encodeURIComponent(id)}`;
}

/** One account: its name (a link to the account), stage, industry and the divisions that know it. */
export function AccountRow({ account }: { account: AccountRowFieldsFragment }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600}>
        <Anchor component={Link} to={accountPath(account.id)} fw={600}>
          {account.name}
        </Anchor>
      </Table.Th>
      <Table.Td>
        <LifecycleBadge stage={account.lifecycleStage} />
      </Table.Td>
      <Table.Td>{account.industry || <NotSet />}</Table.Td>
      <Table.Td>
        <DivisionBadges divisions={account.divisions} />
      </Table.Td>
    </Table.Tr>
  );
}
