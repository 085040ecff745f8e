import { Box, Code, Text } from '@mantine/core';

const KIND_LABELS: Record<string, string> = { ACCOUNT: 'Account', CONTACT: 'Contact', TOUCHPOINT: 'Touchpoint', OPPORTUNITY: 'Opportunity', CRITICAL_INFO: 'Critical info' };

/** "Contact C-9"; a critical-info value (no external id) by its field: "Critical info payment_terms". */
export function heldItemTitle(kind: string, externalId: string | null | undefined, raw: unknown): string {
  const fieldKey = kind === 'CRITICAL_INFO' && raw && typeof raw === 'object' ? (raw as { fieldKey?: unknown }).fieldKey : undefined;
  const name = externalId ?? (typeof fieldKey === 'string' ? fieldKey : '(no external id)');
  return `${KIND_LABELS[kind] ?? kind} ${name}`;
}

/** The item as the division sent it, folded away until asked for. */
export function ItemAsSent({ raw }: { raw: unknown }) {
  return (
    <Box component="details">
      <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>
        The item as sent
      </Text>
      <Code block mt={4}>{JSON.stringify(raw, null, 2)}</Code>
    </Box>
  );
}
