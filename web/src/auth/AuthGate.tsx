import { createContext, use, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Container, Stack } from '@mantine/core';
import type { SignedInColleagueFragment } from '../gql/graphql';
import { Loading } from '../accounts/components/Loading';
import { isUnauthenticated } from './errorLink';
import { clearSessionEnded, dropDraftsExcept } from './keptDrafts';
import { meQuery } from './operations';
import { signInUrl } from './paths';

const SignedInContext = createContext<SignedInColleagueFragment | null>(null);

/** The signed-in colleague, inside the auth gate. */
export function useSignedInColleague(): SignedInColleagueFragment {
  const colleague = use(SignedInContext);
  if (!colleague) throw new Error('useSignedInColleague is only for pages inside <AuthGate>');
  return colleague;
}

/** The signed-in colleague's id; null outside the auth gate (a panel rendered on its own). */
export function useSignedInColleagueId(): string | null {
  return use(SignedInContext)?.id ?? null;
}

/**
 * Asks the API who is signed in (`me`) and shows the pages inside only to a
 * signed-in colleague; anyone else goes to `/sign-in?next=<this page>`. It
 * keeps watching `me`, so a session that ends later (see the auth error link)
 * also lands on the sign-in page. Signed in (again), the session has not ended any
 * more, and the drafts another colleague left in this tab go (see keptDrafts.ts).
 */
export function AuthGate() {
  const location = useLocation();
  const { data, error, refetch } = useQuery(meQuery);
  const colleagueId = data?.me?.id;
  useEffect(() => {
    if (!colleagueId) return;
    clearSessionEnded();
    dropDraftsExcept(colleagueId);
  }, [colleagueId]);

  if (data?.me) {
    return (
      <SignedInContext value={data.me}>
        <Outlet />
      </SignedInContext>
    );
  }
  if (data?.me === null || isUnauthenticated(error)) {
    return <Navigate to={signInUrl(location.pathname + location.search)} replace />;
  }
  return (
    <Container size="xs" py="xl" component="main">
      {error ? (
        <Stack gap="md" align="flex-start">
          <title>OurCustomer</title>
          <Alert color="red" variant="light" title="Could not reach OurCustomer">
            {error.message}
          </Alert>
          <Button variant="light" onClick={() => void refetch().catch(() => {})}>
            Try again
          </Button>
        </Stack>
      ) : (
        <Loading label="Checking your sign-in…" />
      )}
    </Container>
  );
}
