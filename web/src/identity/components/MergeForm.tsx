import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Radio, Stack } from '@mantine/core';
import { accountsQuery } from '../../accounts/components/AccountsResults';
import { AccountFinder } from './AccountFinder';
import { BusyButton } from '../../app/BusyButton';
import { useKeptDraft } from '../../auth/useKeptDraft';
import { movedSummary } from '../evidence';
import { forgetAccounts } from '../forgetAccounts';
import { mergeAccountsMutation } from '../operations';
import { useAuditedAction } from '../useAuditedAction';
import { ReasonAndActions } from './ReasonAndActions';

/** The button names both accounts, which may have 200 characters each: its label wraps rather than being cut. */
const WRAPPING_LABEL = {
  root: { height: 'auto', minHeight: 'var(--button-height)' },
  inner: { paddingBlock: 6 },
  label: { whiteSpace: 'normal', overflowWrap: 'anywhere', textAlign: 'left', height: 'auto', lineHeight: 1.4 },
} as const;

/** Accounts offered per search. */
export const MERGE_CANDIDATES = 6;


interface MergeFormProps {
  accountId: string;
  accountName: string;
  onMerged: () => void;
}

/** Finds another account by name and merges it into this one (a duplicate matching did not catch). */
export function MergeForm({ accountId, accountName, onMerged }: MergeFormProps) {
  // The search and the pick outlive the end of the session with the reason: the same candidates show again after signing in.
  const kept = useKeptDraft(`merge-search:${accountId}`, () => ({ typed: '', search: '', pickedId: null as string | null }));
  const { typed, search, pickedId } = kept.value;
  const setTyped = (next: string) => kept.setValue((v) => ({ ...v, typed: next }));
  const setSearch = (next: string) => kept.setValue((v) => ({ ...v, search: next }));
  const setPickedId = (next: string | null) => kept.setValue((v) => ({ ...v, pickedId: next }));
  const { reason, setReason, restored, error, errorCode, keptApartTitle, run, clear } = useAuditedAction(`merge:${accountId}`);
  const [outcome, setOutcome] = useState<{ text: string } | null>(null);
  // The form with the candidates goes once merged, and the focus with it: the outcome takes the focus.
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) said.current?.focus();
  }, [outcome]);
  const { data, error: searchError, loading: searching } = useQuery(accountsQuery, { variables: { search, first: MERGE_CANDIDATES + 1 }, skip: !search });
  const [merge, { loading }] = useMutation(mergeAccountsMutation, { refetchQueries: 'active' });
  const candidates = (data?.accounts.edges ?? []).map((e) => e.node).filter((a) => a.id !== accountId).slice(0, MERGE_CANDIDATES);
  const picked = candidates.find((a) => a.id === pickedId) ?? null;

  // A person kept the two apart (a DIFFERENT decision, a split), or their registry ids differ: the refusal says who, when and why, or
  // which account gives which ids, and only then may the admin override it.
  const keptApart = errorCode === 'KEPT_APART' && picked !== null;
  // The "… anyway" button takes the place of the one pressed: the focus goes to it, not to the page's body (found by exploratory
  // testing). Both stay focusable while the merge is asked for (a disabled button drops the focus).
  const anyway = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (keptApart) anyway.current?.focus();
  }, [keptApart]);
  const pick = (id: string | null) => {
    setPickedId(id);
    clear();
  };
  const submit = (merged: { id: string; name: string }, override = false) => run(async (why) => {
    const result = await merge({ variables: { survivorId: accountId, mergedId: merged.id, reason: why, override }, update: (cache) => forgetAccounts(cache, [merged.id]) });
    setOutcome({ text: `${merged.name} is now part of ${accountName}: ${movedSummary(result.data!.mergeAccounts.moved)} moved here.` });
    kept.setValue({ typed: '', search: '', pickedId: null });
    kept.discard();
    onMerged();
  });

  return (
    <Stack gap="xs" style={{ overflowWrap: 'anywhere' }}>
      {outcome && (
        <Alert ref={said} tabIndex={-1} color="green" variant="light" role="status" title="Merged">
          {outcome.text}
        </Alert>
      )}
      <AccountFinder
        formLabel="Find an account to merge in" label="Find the duplicate by name" typed={typed} onTyped={setTyped}
        onSearch={(term) => { pick(null); setSearch(term); }} searching={searching} error={searchError}
        nothingFoundFor={search && data && candidates.length === 0 ? search : null}
      />
      {candidates.length > 0 && (
        <form aria-label="Merge an account into this one" onSubmit={(event) => { event.preventDefault(); if (picked) void submit(picked); }}>
          <Stack gap="xs">
            <Radio.Group label="The account to merge in" value={pickedId} onChange={pick}>
              <Stack gap={4} mt={4}>
                {candidates.map((a) => (
                  <Radio key={a.id} value={a.id} label={`${a.name}${a.divisions.length ? ` (${a.divisions.map((d) => d.name).join(', ')})` : ''}`} />
                ))}
              </Stack>
            </Radio.Group>
            <ReasonAndActions reason={reason} onReason={setReason} restored={restored} error={error} refusedTitle={keptApart ? keptApartTitle ?? 'Not merged' : 'Not merged'}>
              {keptApart ? (
                <BusyButton ref={anyway} type="button" color="red" variant="light" busy={loading} styles={WRAPPING_LABEL} onClick={() => void submit(picked, true)}>
                  {`Merge ${picked.name} into ${accountName} anyway`}
                </BusyButton>
              ) : (
                <BusyButton type="submit" disabled={!picked} busy={loading} styles={WRAPPING_LABEL}>
                  {picked ? `Merge ${picked.name} into ${accountName}` : 'Pick the account to merge in'}
                </BusyButton>
              )}
            </ReasonAndActions>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
