import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { ApolloCache } from '@apollo/client';
import { Alert, Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { accountsQuery } from '../../accounts/components/AccountsResults';
import { BusyButton } from '../../app/BusyButton';
import { useFocusFirstField } from '../../app/useFocusFirstField';
import { setAccountParentMutation } from '../operations';
import { useAuditedAction } from '../useAuditedAction';
import { AccountFinder } from './AccountFinder';
import { ReasonAndActions } from './ReasonAndActions';

/** Accounts offered per search. */
export const PARENT_CANDIDATES = 6;

/** The radio that clears the parent. */
const NO_PARENT = 'none';

type AccountRef = { id: string; name: string };

interface SetParentFormProps {
  accountId: string;
  accountName: string;
  /** Its parent now, if any. */
  parent: AccountRef | null;
}

/**
 * What a new parent changes beyond the account itself, which the mutation's answer brings: the children listed at
 * its old and new parent, and the group head of every account cached (those below it have a new one).
 */
function forgetPlacements(cache: ApolloCache, accountId: string, parentIds: (string | null)[]): void {
  const self = cache.identify({ __typename: 'Account', id: accountId });
  for (const key of Object.keys(cache.extract() as Record<string, unknown>)) {
    if (key.startsWith('Account:') && key !== self) cache.evict({ id: key, fieldName: 'groupHead' });
  }
  for (const id of parentIds) if (id) cache.evict({ id: cache.identify({ __typename: 'Account', id }), fieldName: 'children' });
  cache.gc();
}

/** For admins: where the account belongs in its group of companies. A button opens the form; set, change or clear the parent. */
export function SetParentForm({ accountId, accountName, parent }: SetParentFormProps) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) said.current?.focus();
  }, [outcome]);
  const close = () => {
    setOpen(false);
    setTimeout(() => toggle.current?.focus());
  };
  return (
    <Stack gap="xs" w="100%">
      {outcome && (
        <Alert ref={said} tabIndex={-1} color="green" variant="light" role="status" title="Parent changed">
          {outcome}
        </Alert>
      )}
      {open ? (
        <ParentPicker accountId={accountId} accountName={accountName} parent={parent} onCancel={close} onDone={(text) => { setOpen(false); setOutcome(text); }} />
      ) : (
        <Group>
          <Button ref={toggle} variant="default" aria-expanded={false} onClick={() => { setOutcome(null); setOpen(true); }}>
            {parent ? 'Change the parent' : 'Set a parent'}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface ParentPickerProps extends SetParentFormProps {
  onCancel: () => void;
  onDone: (outcome: string) => void;
}

function ParentPicker({ accountId, accountName, parent, onCancel, onDone }: ParentPickerProps) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [blank, setBlank] = useState(false);
  const { reason, setReason, restored, error, run, clear } = useAuditedAction(`set-parent:${accountId}`);
  const box = useRef<HTMLDivElement>(null);
  useFocusFirstField(box);
  const { data, error: searchError, loading: searching } = useQuery(accountsQuery, { variables: { search, first: PARENT_CANDIDATES + 2 }, skip: !search });
  const [setParent, { loading }] = useMutation(setAccountParentMutation);
  const candidates = (data?.accounts.edges ?? []).map((e) => e.node).filter((a) => a.id !== accountId && a.id !== parent?.id).slice(0, PARENT_CANDIDATES);
  const picked: AccountRef | null = pickedId === NO_PARENT ? null : candidates.find((a) => a.id === pickedId) ?? null;
  const pick = (id: string | null) => {
    setPickedId(id);
    clear();
  };
  const submit = () => {
    if (!reason.trim()) {
      setBlank(true);
      return;
    }
    setBlank(false);
    void run(async (why) => {
      const parentId = pickedId === NO_PARENT ? null : picked!.id;
      await setParent({
        variables: { input: { accountId, parentId, reason: why ?? '' } },
        update: (cache) => forgetPlacements(cache, accountId, [parent?.id ?? null, parentId]),
      });
      onDone(picked ? `${accountName} is now part of ${picked.name}.` : `${accountName} now belongs to no other company.`);
    });
  };
  const action = pickedId === NO_PARENT ? `Clear the parent of ${accountName}` : picked ? `Put ${accountName} under ${picked.name}` : 'Pick the new parent';

  return (
    <Stack ref={box} gap="xs" p="sm" w="100%" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, overflowWrap: 'anywhere' }}>
      <Title order={3} size="h5">Where {accountName} belongs</Title>
      <Text size="sm">Find the company it is part of, or clear its parent. Matching will not move it after your decision.</Text>
      <AccountFinder
        formLabel="Find the parent company" label="Find the parent company by name" typed={typed} onTyped={setTyped}
        onSearch={(term) => { pick(null); setSearch(term); }} searching={searching} error={searchError}
        nothingFoundFor={search && data && candidates.length === 0 ? search : null}
      />
      <form aria-label="Set the parent" noValidate onSubmit={(event) => { event.preventDefault(); if (pickedId) submit(); }}>
        <Stack gap="xs">
          {(candidates.length > 0 || parent) && (
            <Radio.Group label="The new parent" value={pickedId} onChange={pick}>
              <Stack gap={4} mt={4}>
                {parent && <Radio value={NO_PARENT} label={`None: ${accountName} belongs to no other company`} />}
                {candidates.map((a) => (
                  <Radio key={a.id} value={a.id} label={`${a.name}${a.divisions.length ? ` (${a.divisions.map((d) => d.name).join(', ')})` : ''}`} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <ReasonAndActions
            required
            reason={reason}
            onReason={(next) => { setReason(next); setBlank(false); }}
            restored={restored}
            error={blank ? 'Say why it belongs there: the reason is kept in the audit trail.' : error}
            refusedTitle={blank ? 'A reason is needed' : 'Parent not changed'}
          >
            <BusyButton type="submit" disabled={!pickedId} busy={loading}>
              {action}
            </BusyButton>
            <Button type="button" variant="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </ReasonAndActions>
        </Stack>
      </form>
    </Stack>
  );
}
