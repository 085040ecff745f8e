import { useState } from 'react';
import { apiErrorCode, apiErrorMessage } from '../app/apiErrors';
import { useKeptDraft } from '../auth/useKeptDraft';

/**
 * The state of a form that changes identity (decide a review, split, merge):
 * the optional reason for the audit trail, and the server's refusal of the
 * last try. `run` clears the refusal, runs the action with the reason (null
 * when blank), clears the reason when it went through, and keeps the refusal
 * in the server's own words when it did not, with its code (a form may
 * offer a way past a refusal of one kind: a merge a person's decision stood
 * against). `clear` forgets the refusal (the question changed). The reason
 * outlives the end of the session under `draftName` (the form and what it is
 * about): the form shows it again after signing in, `restored`.
 */
export function useAuditedAction(draftName: string) {
  const { value: reason, setValue: setReason, restored, discard } = useKeptDraft(draftName, () => '');
  const [refusal, setRefusal] = useState<{ message: string; code: string | null } | null>(null);
  const run = async (action: (reason: string | null) => Promise<void>) => {
    setRefusal(null);
    try {
      await action(reason.trim() || null);
      setReason('');
      discard();
    } catch (caught) {
      const code = apiErrorCode(caught);
      setRefusal({ message: code === 'KEPT_APART' ? withoutApiHint(apiErrorMessage(caught)) : apiErrorMessage(caught), code });
    }
  };
  return { reason, setReason, restored, error: refusal?.message ?? null, errorCode: refusal?.code ?? null, run, clear: () => setRefusal(null) };
}

/** A KEPT_APART refusal tells API callers how to override ("… with override: true …"); the form offers a button for it instead. */
function withoutApiHint(message: string): string {
  return message.replace(/\s*[^.]*\bwith override: true\b[^.]*\.$/, '');
}
