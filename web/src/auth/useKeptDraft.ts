import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useSignedInColleagueId } from './AuthGate';
import { draftKey, dropDraft, readDraft, sessionHasEnded, writeDraft } from './keptDrafts';

export interface KeptDraft<T> {
  value: T;
  setValue: Dispatch<SetStateAction<T>>;
  /** The form opened with what was kept when the session ended: it says so (KeptDraftNote). */
  restored: boolean;
  /** Saved or cancelled: nothing to keep any more. */
  discard: () => void;
}

/**
 * A form's state (what the colleague types: JSON only, never a password) that outlives the end of the session.
 * While the form is open it is plain React state. When the form closes because the session ended (the auth
 * error link has marked it: the auth gate sends the page to sign in), what differs from how the form opened is
 * kept in sessionStorage under `name` (the form and what it is about: account, field, review); the same form
 * for the same colleague opens with it again after signing in, `restored`. Closed in any other way (saved,
 * cancelled, another page) nothing is kept, as before.
 */
export function useKeptDraft<T>(name: string, initial: () => T): KeptDraft<T> {
  const key = draftKey(useSignedInColleagueId(), name);
  const [opened] = useState(() => {
    const fresh = initial();
    return { fresh: JSON.stringify(fresh), kept: readDraft<T>(key), value: fresh };
  });
  const [value, setValue] = useState<T>(() => opened.kept ?? opened.value);
  const [restored, setRestored] = useState(opened.kept !== undefined);
  const latest = useRef(value);
  // Saved or cancelled, and not changed since: nothing to keep, even if the session has ended meanwhile.
  const discarded = useRef(false);
  useEffect(() => {
    latest.current = value;
    discarded.current = false;
  }, [value]);

  useEffect(
    () => () => {
      if (!discarded.current && sessionHasEnded() && JSON.stringify(latest.current) !== opened.fresh) writeDraft(key, latest.current);
      else dropDraft(key);
    },
    [key, opened],
  );

  const discard = useCallback(() => {
    discarded.current = true;
    dropDraft(key);
    setRestored(false);
  }, [key]);
  return { value, setValue, restored, discard };
}

/** Whether `name` has a draft kept for the signed-in colleague: a form that is opened by a button opens by itself. */
export function useHasKeptDraft(name: string): boolean {
  const key = draftKey(useSignedInColleagueId(), name);
  const [kept] = useState(() => readDraft(key) !== undefined);
  return kept;
}
