import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { CriticalInfoPanel } from '../critical-info/CriticalInfoPanel';
import { ActivityChart } from '../engagement/ActivityChart';
import { useRefreshAccountFigures } from '../engagement/useRefreshAccountFigures';
import { WhoElsePanel } from '../engagement/WhoElsePanel';
import { graphql } from '../gql';
import { SourceRecordsPanel } from '../identity/SourceRecordsPanel';
import { WatchAccountButton } from '../notices/WatchAccountButton';
import { OpportunitiesPanel } from '../opportunities/OpportunitiesPanel';
import { StakeholdersPanel } from '../stakeholders/StakeholdersPanel';
import { Timeline } from '../touchpoints/Timeline';
import { AccountFacts } from './components/AccountFacts';
import { AccountGroup } from './components/AccountGroup';
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
      watchedByMe
      ownedByMe
      divisions {
        id
        key
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

/**
 * A page left open (in another tab) asks again for its account when it is looked at again: the account may have been
 * merged into another meanwhile, which the answer then tells (another id). Found by exploratory testing: a stale page
 * went on showing, and acting on, an account merged away.
 */
function useRefetchWhenShownAgain(refetch: () => Promise<unknown>) {
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') void refetch().catch(() => undefined);
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [refetch]);
}

/** The name this page showed for its own id, before an answer named another account (a merge): null if it never did. */
function useNameShownBefore(id: string, account: { id: string; name: string } | null | undefined): string | null {
  const [shown, setShown] = useState<{ id: string; name: string } | null>(null);
  const own = !!account && account.id.toLowerCase() === id.toLowerCase();
  // Kept while rendering (React's way to remember what an earlier render showed).
  if (own && (shown?.id !== id || shown.name !== account.name)) setShown({ id, name: account.name });
  return shown?.id === id && !own ? shown.name : null;
}

/** `/accounts/:id`: one account at a glance, how each division knows it, who else is talking, its activity, people and timeline. */
export function AccountPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(accountQuery, { variables: { id } });
  useRefetchWhenShownAgain(refetch);
  const shownBefore = useNameShownBefore(id, data?.account);
  const refreshFigures = useRefreshAccountFigures();

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
        <Group justify="space-between" align="flex-start" gap="md" w="100%" wrap="wrap">
          {/* A name of 200 characters with long words breaks inside them rather than widen the page. */}
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>{account.name}</Title>
          <WatchAccountButton account={account} />
        </Group>
        {account.id.toLowerCase() !== id.toLowerCase() && (
          // An old link (a bookmark, a notice) to an account merged since answers with the one it is part of now. Ids are
          // UUIDs, which the API reads in either case: the same id in upper case is no merge (found by exploratory testing).
          <Alert color="blue" variant="light" title="Merged" role={shownBefore ? 'alert' : undefined}>
            {shownBefore
              ? `This account (${shownBefore}) was merged into ${account.name}: the page now shows ${account.name}.`
              : `The account this link named was merged into ${account.name}: this is it now.`}{' '}
            {/* The alert's own text colour, underlined: the blue link colour on the light blue alert was too pale (axe color-contrast). */}
            <Anchor component={Link} to={`/accounts/${account.id}`} replace c="inherit" underline="always">
              Open its own page
            </Anchor>
          </Alert>
        )}
        <AccountFacts account={account} />
        <KnownTo divisions={account.divisions} knownAs={account.knownAs} />
        <AccountGroup accountId={account.id} accountName={account.name} />
        <CriticalInfoPanel accountId={account.id} />
        <WhoElsePanel accountId={account.id} />
        <ActivityChart accountId={account.id} />
        <OpportunitiesPanel accountId={account.id} />
        <StakeholdersPanel accountId={account.id} />
        <SourceRecordsPanel accountId={account.id} accountName={account.name} />
        {/* Last: it scrolls on and on. */}
        <Timeline accountId={account.id} divisions={account.divisions} onActivity={refreshFigures} />
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
