import type { ReactNode } from 'react';
import { Alert, Group, Stack, TextInput } from '@mantine/core';
import { KeptDraftNote } from '../../auth/KeptDraftNote';

/** The API's limit for a reason (MAX_REASON_LENGTH in server/src/identity/identity.service.ts). */
export const MAX_REASON_LENGTH = 1000;

interface ReasonAndActionsProps {
  reason: string;
  onReason: (reason: string) => void;
  /** The server's refusal, if the last try was refused. */
  error: string | null;
  /** The refusal's title, e.g. "Not merged". */
  refusedTitle: string;
  /** Where the reason goes, under its label. */
  description?: string;
  /** The reason was typed before the session ended, and kept: the form says so. */
  restored?: boolean;
  /** The action needs a reason (the API refuses a blank one): the field says so. */
  required?: boolean;
  /** The buttons. */
  children: ReactNode;
}

/**
 * The end of every identity repair form: a reason (optional unless `required`) for the audit trail, the refusal if any, the buttons.
 * The box takes as much as the API keeps: a longer limit here would cut a pasted reason without a word.
 */
export function ReasonAndActions({ reason, onReason, error, refusedTitle, description = 'Kept in the audit trail.', restored = false, required = false, children }: ReasonAndActionsProps) {
  return (
    <Stack gap="xs">
      {restored && <KeptDraftNote />}
      <TextInput
        label={required ? 'Reason' : 'Reason (optional)'}
        required={required}
        description={`${description} Up to ${MAX_REASON_LENGTH.toLocaleString('en')} characters.`}
        value={reason}
        onChange={(event) => onReason(event.currentTarget.value)}
        maxLength={MAX_REASON_LENGTH}
      />
      {error && (
        <Alert color="red" variant="light" role="alert" title={refusedTitle}>
          {error}
        </Alert>
      )}
      <Group gap="sm">{children}</Group>
    </Stack>
  );
}
