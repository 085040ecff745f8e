import { useState } from 'react';
import { apiErrorCode, apiErrorExtensions, apiErrorMessage } from '../app/apiErrors';
import { useKeptDraft } from '../auth/useKeptDraft';

/**
 * The state of a form that changes identity (decide a review, split, merge):
 * the optional reason for the audit trail, and the server's refusal of the
 * last try. `run` clears the refusal, runs the action with the reason (null
 * when blank), clears the reason when it went through, and keeps the refusal
 * in the server's own words when it did not, with its code (a form may
 * offer a way past a refusal of one kind: a merge a person's decision stood
 * against, registry ids that differ: KEPT_APART, titled by keptApartTitle). `clear` forgets the refusal (the question changed). The reason
 * outlives the end of the session under `draftName` (the form and what it is
 * about): the form shows it again after signing in, `restored`.
 */
export function useAuditedAction(draftName: string) {
  const { value: reason, setValue: setReason, restored, discard } = useKeptDraft(draftName, () => '');
  const [refusal, setRefusal] = useState<{ message: string; code: string | null; title: string | null } | null>(null);
  const run = async (action: (reason: string | null) => Promise<void>) => {
    setRefusal(null);
    try {
      await action(reason.trim() || null);
      setReason('');
      discard();
    } catch (caught) {
      const code = apiErrorCode(caught);
      const keptApart = code === 'KEPT_APART';
      setRefusal({ message: keptApart ? withoutApiHint(apiErrorMessage(caught)) : apiErrorMessage(caught), code, title: keptApart ? keptApartTitle(apiErrorExtensions(caught)) : null });
    }
  };
  return {
    reason, setReason, restored, error: refusal?.message ?? null, errorCode: refusal?.code ?? null,
    /** The title of a KEPT_APART refusal (what keeps the two apart), null for any other. */
    keptApartTitle: refusal?.title ?? null,
    run, clear: () => setRefusal(null),
  };
}

/**
 * What a KEPT_APART refusal stands on, as its title: a person's decision (extensions.keptApart), registry ids that
 * differ (extensions.registryIds), or both. A refusal without them (an older server) was a person's decision.
 */
export function keptApartTitle(extensions: Record<string, unknown> | null): string {
  const decisions = extensions?.keptApart;
  const byPerson = !Array.isArray(decisions) || decisions.length > 0;
  const byIds = !!extensions?.registryIds;
  if (byPerson && byIds) return 'Kept apart by a person, and their registry ids differ';
  return byIds ? 'Their registry ids differ' : 'Kept apart by a person';
}

/** A KEPT_APART refusal tells API callers how to override ("… with override: true …"); the form offers a button for it instead. */
function withoutApiHint(message: string): string {
  return message.replace(/\s*[^.]*\bwith override: true\b[^.]*\.$/, '');
}
