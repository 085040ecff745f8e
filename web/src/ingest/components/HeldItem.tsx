import { Box, Code, Text, VisuallyHidden } from '@mantine/core';

const KIND_LABELS: Record<string, string> = { ACCOUNT: 'Account', CONTACT: 'Contact', TOUCHPOINT: 'Touchpoint', OPPORTUNITY: 'Opportunity', CRITICAL_INFO: 'Critical info' };

/** "Contact C-9"; a critical-info value (no external id) by its field: "Critical info payment_terms". */
export function heldItemTitle(kind: string, externalId: string | null | undefined, raw: unknown): string {
  const fieldKey = kind === 'CRITICAL_INFO' && raw && typeof raw === 'object' ? (raw as { fieldKey?: unknown }).fieldKey : undefined;
  const name = externalId ?? (typeof fieldKey === 'string' ? fieldKey : '(no external id)');
  return `${KIND_LABELS[kind] ?? kind} ${name}`;
}

/** A held item's card wraps what divisions send (ids of 150 characters, long reasons) inside itself. */
export const WRAP_ANYWHERE = { overflowWrap: 'anywhere' } as const;

/**
 * The item as the division sent it, folded away until asked for. Every card has one: the summary
 * names its item for a screen reader going from one to the next with Tab ("The item as sent: Contact C-9").
 */
export function ItemAsSent({ raw, title }: { raw: unknown; title: string }) {
  return (
    <Box component="details">
      <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>
        The item as sent
        <VisuallyHidden component="span">: {title}</VisuallyHidden>
      </Text>
      {/* Long lines wrap (at any character if they must) rather than scroll: nothing to scroll sideways on a phone or by keyboard. */}
      <Code block mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {JSON.stringify(raw, null, 2)}
      </Code>
    </Box>
  );
}
