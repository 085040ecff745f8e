import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { accountPath } from '../../accounts/components/AccountRow';
import { plural } from '../../touchpoints/format';
import { movedSummary } from '../evidence';
import { forgetAccounts } from '../forgetAccounts';
import { splitAccountMutation } from '../operations';
import { useAuditedAction } from '../useAuditedAction';
import { ReasonAndActions } from './ReasonAndActions';
import { BusyButton } from '../../app/BusyButton';

interface SplitFormProps {
  accountId: string;
  selected: readonly string[];
  /** How many source records the account has (null: not known). */
  recordCount: number | null;
  onDone: () => void;
}

type Outcome = { splitOff: { id: string; name: string }; restoredMerge: boolean; moved: string };

/** Moves the picked records (and what follows them) to an account of their own: the undo of a wrong link. */
export function SplitForm({ accountId, selected, recordCount, onDone }: SplitFormProps) {
  const { reason, setReason, restored, error, run } = useAuditedAction(`split:${accountId}`);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The form goes with the records it split off, and the focus with it: the outcome takes the focus.
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) said.current?.focus();
  }, [outcome]);
  // Everything on the page may have moved: the account's figures, people and timeline are asked for again.
  const [split, { loading }] = useMutation(splitAccountMutation, { refetchQueries: 'active' });

  // A split moves a part of the account's records: with every one ticked the API refuses it.
  const everyRecord = recordCount != null && selected.length >= recordCount;

  const submit = () => run(async (why) => {
    const result = await split({ variables: { accountId, sourceRecordIds: [...selected], reason: why }, update: (cache) => forgetAccounts(cache) });
    const payload = result.data!.splitAccount;
    setOutcome({ splitOff: payload.splitOff, restoredMerge: payload.restoredMerge, moved: movedSummary(payload.moved) });
    onDone();
  });

  return (
    <Stack gap="xs" style={{ overflowWrap: 'anywhere' }}>
      {outcome && (
        <Alert ref={said} tabIndex={-1} color="green" variant="light" role="status" title="Split done">
          Moved to <Anchor component={Link} to={accountPath(outcome.splitOff.id)} c="inherit" fw={700} underline="always">{outcome.splitOff.name}</Anchor>
          {outcome.restoredMerge ? ', the account merged in earlier, restored as it was' : ', a new account'}: {outcome.moved}.
        </Alert>
      )}
      {selected.length > 0 && (
        <form aria-label="Split off the selected records" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
          <Stack gap="xs">
            {everyRecord ? (
              <Text size="sm">
                Every record of this account is ticked, and at least one must stay: untick the records that belong to this customer.
              </Text>
            ) : (
              <Text size="sm">
                {plural(selected.length, 'record')} selected. They leave this account with their contacts, touchpoints and opportunities;
                splitting exactly the records a merge brought restores the merged account. Matching keeps the two sides apart from
                then on: only a merge puts them together again.
              </Text>
            )}
            <ReasonAndActions reason={reason} onReason={setReason} restored={restored} error={error} refusedTitle="Not split">
              <BusyButton type="submit" color="red" variant="light" busy={loading} disabled={everyRecord}>
                Split off {plural(selected.length, 'record')}
              </BusyButton>
            </ReasonAndActions>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
