import { useId } from 'react';
import { Badge, Checkbox, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { RejectedItemsQuery } from '../../gql/graphql';
import { formatDateTime, plural } from '../../touchpoints/format';
import { heldItemTitle, ItemAsSent, WRAP_ANYWHERE } from './HeldItem';

export type RejectedItemNode = RejectedItemsQuery['rejectedItems']['edges'][number]['node'];

/** The outcome of the last re-processing of an item, as ingest reported it. */
export interface Retried {
  status: string;
  reason: string | null;
}

/** Set aside, not applied: UNCHANGED with a reason (a newer version or copy of its record was there). */
export function isSetAside(r: Retried): boolean {
  return r.status === 'UNCHANGED' && r.reason !== null;
}

/** What sending an item again did, in a sentence. */
function retriedText(r: Retried): string {
  if (r.status === 'REJECTED') return `Sent again: still rejected (${r.reason ?? 'no reason given'})`;
  if (isSetAside(r)) return `Sent again: set aside (${r.reason})`;
  return `Sent again: ${r.status.toLowerCase()}`;
}

interface RejectedItemCardProps {
  item: RejectedItemNode;
  divisionName: string;
  selected: boolean;
  onToggle: () => void;
  retried?: Retried;
}

/** One refused item: what, from whom, where and why; the item as sent on demand; picked for re-processing. */
export function RejectedItemCard({ item, divisionName, selected, onToggle, retried }: RejectedItemCardProps) {
  const titleId = useId();
  const title = heldItemTitle(item.kind, item.externalId, item.raw);
  return (
    <Paper component="li" withBorder p="sm" radius="md" aria-labelledby={titleId} style={WRAP_ANYWHERE}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {!item.resolvedAt && <Checkbox mt={4} checked={selected} onChange={onToggle} aria-label={`Pick ${title} (to re-process or dismiss)`} />}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Title order={2} size="h5" id={titleId}>
              {title}
            </Title>
            {item.resolvedAt && item.settledAs === 'SUPERSEDED' ? (
              <Badge color="gray" variant="light" tt="none">Set aside {formatDateTime(item.resolvedAt)}</Badge>
            ) : item.resolvedAt && item.settledAs === 'DISMISSED' ? (
              <Badge color="gray" variant="light" tt="none">Dismissed {formatDateTime(item.resolvedAt)}</Badge>
            ) : item.resolvedAt && item.settledAs === 'WAITING' ? (
              <Badge color="blue" variant="light" tt="none">Waiting for its account since {formatDateTime(item.resolvedAt)}</Badge>
            ) : item.resolvedAt ? (
              <Badge color="green" variant="light" tt="none">Landed {formatDateTime(item.resolvedAt)}</Badge>
            ) : (
              <Badge color="red" variant="light" tt="none">Rejected</Badge>
            )}
          </Group>
          <Text size="sm">
            {divisionName} · {item.sourceSystem} · received <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time> · {plural(item.attempts, 'attempt')}
          </Text>
          <Text size="sm">
            <Code>{item.path}</Code> {item.reason}
          </Text>
          {!item.resolvedAt && item.refusedForItsContent && (
            // The server re-checks the item alone (as re-processing would first): refused whenever it is sent, it needs its system.
            <Text size="sm">
              <Text span fw={600} size="sm">Re-processing cannot help:</Text> the item itself is refused, however often it is sent. Its system must send it again,
              corrected; or dismiss it here.
            </Text>
          )}
          {item.settledAs === 'SUPERSEDED' && !retried && (
            <Text size="sm">A newer version of this record had landed, or a newer copy was sent with it: this copy was not applied.</Text>
          )}
          {retried && (
            <Text size="sm" fw={600} role="status">
              {retriedText(retried)}
            </Text>
          )}
          <ItemAsSent raw={item.raw} title={title} />
        </Stack>
      </Group>
    </Paper>
  );
}
