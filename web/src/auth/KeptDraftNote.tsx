import { Alert } from '@mantine/core';

/** Above a form that opened with what was typed in it before the session ended. */
export function KeptDraftNote() {
  return (
    <Alert color="blue" variant="light" role="status" title="Your session ended before this was saved">
      What you typed was kept: review it and save again.
    </Alert>
  );
}
