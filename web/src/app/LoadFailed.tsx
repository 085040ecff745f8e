import { Alert, Button, Stack, Text } from '@mantine/core';
import { apiErrorMessage } from './apiErrors';

/**
 * A panel's or page's query failed: say what could not load, why (the server's words, or that it could not be
 * reached: not the browser's "Failed to fetch"), and offer to try again.
 */
export function LoadFailed({ what, error, retry }: { what: string; error: unknown; retry: () => Promise<unknown> }) {
  return (
    <Alert color="red" variant="light" title={`Could not load ${what}`}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{apiErrorMessage(error)}</Text>
        <Button size="xs" variant="light" color="red" onClick={() => void retry().catch(() => undefined)}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
