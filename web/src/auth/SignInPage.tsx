import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Alert, Button, Container, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { BusyButton } from '../app/BusyButton';
import { sessionHasEnded } from './keptDrafts';
import { meQuery, signInMethodsQuery, signInMutation } from './operations';
import { safeNext } from './paths';
import { ssoErrorMessage } from './ssoErrors';

/** The server's own words ("Wrong email or password.", "Too many failed sign-ins: …"), or a network problem. */
function signInErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error) && error.errors.length) {
    return [...new Set(error.errors.map((e) => e.message))].join(' ');
  }
  return 'Could not reach OurCustomer. Check your connection and try again.';
}

/**
 * `/sign-in?next=…`: email and password. On success the client forgets
 * whatever it cached for the previous visitor and opens `next` (or the
 * accounts list). Sent here because the session ended, it says so: signing in
 * again leads back to the page, where what was being typed is kept.
 */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [signIn, { loading }] = useMutation(signInMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // A failed single sign-on comes back here with a code in `?error=`, said in the page's own words.
  const [error, setError] = useState<string | null>(() => ssoErrorMessage(params.get('error')));
  const methods = useQuery(signInMethodsQuery, { fetchPolicy: 'cache-first' });
  const next = safeNext(params.get('next'));
  const [sessionEnded] = useState(sessionHasEnded);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await signIn({ variables: { email: email.trim(), password } });
      if (!data) throw new Error('No sign-in result');
      await client.resetStore();
      // The gate asks `me` first: answer it from the sign-in result rather than another request.
      client.writeQuery({ query: meQuery, data: { me: data.signIn.colleague } });
      await navigate(next, { replace: true });
    } catch (caught) {
      setError(signInErrorMessage(caught));
    }
  };

  return (
    <Container component="main" size={420} py={64}>
      <title>Sign in · OurCustomer</title>
      <Stack gap="lg">
        <div>
          <Text fw={700} size="lg">
            OurCustomer
          </Text>
          <Title order={1}>Sign in</Title>
        </div>
        {sessionEnded && (
          <Alert color="blue" variant="light" role="status" title="Your session ended">
            Sign in again to go back to where you were. Anything you had typed and not saved yet is kept for you there.
          </Alert>
        )}
        <Paper withBorder p="lg" radius="md">
          {/* Both fields are required (the browser says so on submit); no asterisks on a two-field form. */}
          <form onSubmit={onSubmit}>
            <Stack gap="md">
              {error && (
                <Alert color="red" variant="light" title="Could not sign in">
                  {error}
                </Alert>
              )}
              <TextInput
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                required
                withAsterisk={false}
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                required
                withAsterisk={false}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <BusyButton type="submit" busy={loading} fullWidth>
                Sign in
              </BusyButton>
            </Stack>
          </form>
          {methods.data?.signInMethods.singleSignOn && (
            <>
              <Divider my="md" label="or" labelPosition="center" />
              <Button component="a" href={`/auth/oidc/start?next=${encodeURIComponent(next)}`} variant="default" fullWidth>
                Sign in with single sign-on
              </Button>
            </>
          )}
        </Paper>
        <Text size="sm" c="dimmed">
          Demo install? Sign in as admin@ourcompany.example with the password ourcustomer-demo.
        </Text>
      </Stack>
    </Container>
  );
}
