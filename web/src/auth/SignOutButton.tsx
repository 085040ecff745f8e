import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Group, Text } from '@mantine/core';
import { isUnauthenticated } from './errorLink';
import { signOutMutation } from './operations';
import { SIGN_IN_PATH } from './paths';
import { BusyButton } from '../app/BusyButton';

/**
 * Ends the session on the server, then leaves for the sign-in page and drops
 * everything cached. If the server cannot be reached the session may still be
 * open, so the colleague is told and stays where they are.
 */
export function SignOutButton() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [signOut, { loading }] = useMutation(signOutMutation);
  const [failed, setFailed] = useState(false);

  const onClick = async () => {
    setFailed(false);
    try {
      await signOut();
    } catch (error) {
      // Already signed out (expired session): nothing left to end.
      if (!isUnauthenticated(error)) {
        setFailed(true);
        return;
      }
    }
    await navigate(SIGN_IN_PATH, { replace: true });
    await client.clearStore();
  };

  return (
    <Group gap="xs" wrap="nowrap">
      {failed && (
        <Text size="sm" c="red.9" role="alert">
          Could not sign out. Try again.
        </Text>
      )}
      <BusyButton variant="default" size="xs" busy={loading} onClick={() => void onClick()}>
        Sign out
      </BusyButton>
    </Group>
  );
}
