import { useId } from 'react';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { WaitingItemsQuery } from '../../gql/graphql';
import { formatDateTime } from '../../touchpoints/format';
import { heldItemTitle, ItemAsSent, WRAP_ANYWHERE } from './HeldItem';

export type WaitingItemNode = WaitingItemsQuery['waitingItems']['edges'][number]['node'];

/** One item kept until its account record arrives: what, from whom, since when, and which account record it names. */
export function WaitingItemCard({ item, divisionName }: { item: WaitingItemNode; divisionName: string }) {
  const titleId = useId();
  const title = heldItemTitle(item.kind, item.externalId, item.raw);
  return (
    <Paper component="li" withBorder p="sm" radius="md" aria-labelledby={titleId} style={WRAP_ANYWHERE}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h5" id={titleId}>
            {title}
          </Title>
          <Badge color="yellow" variant="light" c="dark" tt="none">Waiting</Badge>
        </Group>
        <Text size="sm">
          {divisionName} · {item.sourceSystem} · received <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time>
        </Text>
        <Text size="sm">
          Waits for account record <strong>{item.accountExternalId}</strong> of {item.sourceSystem}, which has not arrived.
        </Text>
        <ItemAsSent raw={item.raw} title={title} />
      </Stack>
    </Paper>
  );
}
