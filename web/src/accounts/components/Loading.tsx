import { Group, Loader, Text } from '@mantine/core';

/** A spinner with words, announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <Group gap="sm" role="status" aria-live="polite" py="md">
      <Loader size="sm" />
      <Text>{label}</Text>
    </Group>
  );
}
