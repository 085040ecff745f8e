import { Alert, Button, Stack, Text } from '@mantine/core';

/** A panel's or page's query failed: say what could not load, why, and offer to try again. */
export function LoadFailed({ what, error, retry }: { what: string; error: { message: string }; retry: () => Promise<unknown> }) {
  return (
    <Alert color="red" variant="light" title={`Could not load ${what}`}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.message}</Text>
        <Button size="xs" variant="light" color="red" onClick={() => void retry().catch(() => undefined)}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
