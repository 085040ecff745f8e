import { useId } from 'react';
import { Link } from 'react-router';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useSignedInColleague } from '../../auth/AuthGate';
import { LoadFailed } from '../../app/LoadFailed';
import { graphql } from '../../gql';
import { SetParentForm } from '../../identity/components/SetParentForm';
import { GroupChildren } from './GroupChildren';
import { ParentDecisionNote } from './ParentDecisionNote';

/** Children per page of the list on the account page ("Load more" for the next). */
export const GROUP_CHILDREN_SHOWN = 20;

export const accountGroupQuery = graphql(`
  query AccountGroup($id: ID!, $first: Int!, $after: String) {
    account(id: $id) {
      id
      ...AccountPlacement
      children(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export function AccountLink({ account }: { account: { id: string; name: string } }) {
  return (
    <Anchor component={Link} to={`/accounts/${account.id}`}>
      {account.name}
    </Anchor>
  );
}

/**
 * Where the account sits in its group of companies: the company it belongs to (and the group's head, when that is
 * another one further up), who placed it there, when and why, and the companies below it, by name, a page at a time.
 * For admins, the way to set, change or clear its parent. Nothing for a colleague when the account is in no group.
 */
export function AccountGroup({ accountId, accountName }: { accountId: string; accountName: string }) {
  const admin = useSignedInColleague().role === 'ADMIN';
  const { data, error, refetch, fetchMore, networkStatus } = useQuery(accountGroupQuery, {
    variables: { id: accountId, first: GROUP_CHILDREN_SHOWN },
    notifyOnNetworkStatusChange: true,
  });
  const headingId = useId();
  if (error && !data) return <LoadFailed what="the group of companies" error={error} retry={refetch} />;
  const account = data?.account;
  if (!account) return null;
  const { parent, groupHead, parentDecision, children } = account;
  const total = children.totalCount ?? children.edges.length;
  if (!admin && !parent && total === 0 && !parentDecision) return null;

  return (
    <Stack gap="xs" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Group of companies
      </Title>
      {parent ? (
        <Text>
          Part of <AccountLink account={parent} />
          {groupHead && groupHead.id !== parent.id && (
            <>
              , in the group headed by <AccountLink account={groupHead} />
            </>
          )}
          .
        </Text>
      ) : (
        (admin || parentDecision) && <Text>Belongs to no other company{total > 0 ? ': it heads its group' : ''}.</Text>
      )}
      {parentDecision && <ParentDecisionNote decision={parentDecision} />}
      {total > 0 && (
        <GroupChildren
          labelId={`${headingId}-children`}
          total={total}
          children={children}
          loadingMore={networkStatus === NetworkStatus.fetchMore}
          fetchMore={fetchMore}
        />
      )}
      {admin && <SetParentForm accountId={accountId} accountName={accountName} parent={parent} />}
    </Stack>
  );
}
