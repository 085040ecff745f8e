import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { Stack, Text } from '@mantine/core';
import { BusyButton } from '../app/BusyButton';
import { BellIcon } from '../touchpoints/icons';
import { unwatchAccountMutation, watchAccountMutation } from './operations';
import { apiErrorMessage } from '../app/apiErrors';
import { mergedIntoIdOf } from '../identity/mergedAwayLink';
import { SurvivorLink } from '../identity/components/SurvivorLink';

interface WatchAccountButtonProps {
  account: { id: string; watchedByMe: boolean; ownedByMe: boolean };
}

/** Start or stop watching the account: watchers hear when other divisions touch it, when it goes silent, when meetings collide. */
export function WatchAccountButton({ account }: WatchAccountButtonProps) {
  const [watch, watching] = useMutation(watchAccountMutation);
  const [unwatch, unwatching] = useMutation(unwatchAccountMutation);
  const [error, setError] = useState<string | null>(null);
  // Refused because the account was merged away meanwhile: the account it was merged into, to watch that one instead.
  const [survivor, setSurvivor] = useState<string | null>(null);
  const busy = watching.loading || unwatching.loading;

  const toggle = () => {
    setError(null);
    setSurvivor(null);
    const input = { accountId: account.id };
    // The server's words, or that it could not be reached: not the browser's "Failed to fetch" (found by exploratory testing).
    (account.watchedByMe ? unwatch({ variables: { input } }) : watch({ variables: { input } })).catch((reason: unknown) => {
      setError(apiErrorMessage(reason));
      setSurvivor(mergedIntoIdOf(reason));
    });
  };

  let note: string;
  if (account.ownedByMe) note = 'You own this account in your division: you hear about it either way.';
  else if (account.watchedByMe) note = 'You hear when other divisions touch it, and when it goes silent.';
  else note = 'Watch it to hear when other divisions touch it.';

  return (
    <Stack gap={2} align="flex-end" maw={280}>
      <BusyButton variant={account.watchedByMe ? 'light' : 'filled'} leftSection={<BellIcon size={16} />} busy={busy} onClick={toggle}>
        {account.watchedByMe ? 'Stop watching' : 'Watch this account'}
      </BusyButton>
      <Text size="xs" c="dimmed" ta="right">
        {note}
      </Text>
      {error && (
        <Text size="xs" c="red.9" role="alert">
          Could not change watching: {error}
          {survivor && (
            <>
              {' '}
              <SurvivorLink id={survivor} />
            </>
          )}
        </Text>
      )}
    </Stack>
  );
}
