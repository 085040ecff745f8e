import { useId } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { LoadFailed } from '../../app/LoadFailed';
import { graphql } from '../../gql';

/** Children listed on the account page; more are counted, not listed. */
export const GROUP_CHILDREN_SHOWN = 20;

export const accountGroupQuery = graphql(`
  query AccountGroup($id: ID!, $first: Int!) {
    account(id: $id) {
      id
      parent {
        id
        name
      }
      groupHead {
        id
        name
      }
      children(first: $first) {
        totalCount
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);

function AccountLink({ account }: { account: { id: string; name: string } }) {
  return (
    <Anchor component={Link} to={`/accounts/${account.id}`}>
      {account.name}
    </Anchor>
  );
}

/**
 * Where the account sits in its group of companies: the company it belongs to (and the group's head, when that is
 * another one further up) and the companies below it, by name. Nothing for an account outside any group.
 */
export function AccountGroup({ accountId }: { accountId: string }) {
  const { data, error, refetch } = useQuery(accountGroupQuery, { variables: { id: accountId, first: GROUP_CHILDREN_SHOWN } });
  const headingId = useId();
  if (error && !data) return <LoadFailed what="the group of companies" error={error} retry={refetch} />;
  const account = data?.account;
  if (!account) return null;
  const { parent, groupHead, children } = account;
  const total = children.totalCount ?? children.edges.length;
  if (!parent && total === 0) return null;
  const unlisted = total - children.edges.length;

  return (
    <Stack gap="xs" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Group of companies
      </Title>
      {parent && (
        <Text>
          Part of <AccountLink account={parent} />
          {groupHead && groupHead.id !== parent.id && (
            <>
              , in the group headed by <AccountLink account={groupHead} />
            </>
          )}
          .
        </Text>
      )}
      {total > 0 && (
        <>
          <Text id={`${headingId}-children`}>
            {total === 1 ? '1 company belongs to it:' : `${total} companies belong to it:`}
          </Text>
          <List aria-labelledby={`${headingId}-children`}>
            {children.edges.map(({ node }) => (
              <List.Item key={node.id}>
                <AccountLink account={node} />
              </List.Item>
            ))}
          </List>
          {unlisted > 0 && <Text size="sm" c="dimmed">and {unlisted} more.</Text>}
        </>
      )}
    </Stack>
  );
}
