import { Link, useParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { AccountFacts } from './components/AccountFacts';
import { KnownTo } from './components/KnownTo';
import { Loading } from './components/Loading';

export const accountQuery = graphql(`
  query Account($id: ID!) {
    account(id: $id) {
      id
      name
      lifecycleStage
      industry
      domains
      divisions {
        id
        name
      }
      knownAs {
        name
        division {
          id
          name
        }
      }
    }
  }
`);

function BackToAccounts() {
  return (
    <Anchor component={Link} to="/accounts" size="sm">
      ← All accounts
    </Anchor>
  );
}

/** `/accounts/:id`: one account at a glance, and how each division knows it. */
export function AccountPage() {
  const { id = '' } = useParams();
  const { data, error } = useQuery(accountQuery, { variables: { id } });

  let body;
  if (error && !data) {
    body = (
      <>
        <title>Account · OurCustomer</title>
        <Title order={1}>Account</Title>
        <Alert color="red" variant="light" title="Could not load the account">
          {error.message}
        </Alert>
      </>
    );
  } else if (!data) {
    body = <Loading label="Loading the account…" />;
  } else if (!data.account) {
    body = (
      <>
        <title>Account not found · OurCustomer</title>
        <Title order={1}>Account not found</Title>
        <Text>There is no account with this id. It may have been merged into another account.</Text>
      </>
    );
  } else {
    const { account } = data;
    body = (
      <>
        <title>{`${account.name} · OurCustomer`}</title>
        <Title order={1}>{account.name}</Title>
        <AccountFacts account={account} />
        <KnownTo divisions={account.divisions} knownAs={account.knownAs} />
      </>
    );
  }

  return (
    <Stack gap="md" align="flex-start">
      <BackToAccounts />
      {body}
    </Stack>
  );
}
