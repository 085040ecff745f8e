import { useState } from 'react';
import { apiErrorMessage } from '../critical-info/errors';

/**
 * The state of a form that changes identity (decide a review, split, merge):
 * the optional reason for the audit trail, and the server's refusal of the
 * last try. `run` clears the refusal, runs the action with the reason (null
 * when blank), clears the reason when it went through, and keeps the refusal
 * in the server's own words when it did not.
 */
export function useAuditedAction() {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (action: (reason: string | null) => Promise<void>) => {
    setError(null);
    try {
      await action(reason.trim() || null);
      setReason('');
    } catch (caught) {
      setError(apiErrorMessage(caught));
    }
  };
  return { reason, setReason, error, run };
}
