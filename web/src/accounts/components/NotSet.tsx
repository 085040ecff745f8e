import { Text, VisuallyHidden } from '@mantine/core';

/** A missing value: a dash to see, "not set" to hear. */
export function NotSet() {
  return (
    <Text span c="dimmed">
      <span aria-hidden="true">—</span>
      <VisuallyHidden>not set</VisuallyHidden>
    </Text>
  );
}
