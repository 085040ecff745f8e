import { useId } from 'react';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TimelineTouchpointFragment } from '../gql/graphql';
import { DivisionBadge } from './DivisionBadge';
import { divisionMarkColor } from './divisionColor';
import { formatDateTime, formatMoney, isPlanned, touchpointTypeLabel } from './format';
import { LockIcon } from './icons';

interface TimelineItemProps {
  touchpoint: TimelineTouchpointFragment;
  /** Arrived live while the page was open. */
  fresh?: boolean;
}

function names(people: readonly { name: string; title?: string | null }[]): string {
  return people.map((p) => (p.title ? `${p.name} (${p.title})` : p.name)).join(', ');
}

/**
 * One touchpoint: its division (colour and name), kind, when, what was said and
 * with whom. Content confidential to another division is greyed out, with a lock
 * and words saying it is withheld; planned (future) touchpoints say so.
 */
export function TimelineItem({ touchpoint, fresh = false }: TimelineItemProps) {
  const titleId = useId();
  const { division, contentHidden: hidden } = touchpoint;
  const type = touchpointTypeLabel(touchpoint.type);
  const planned = isPlanned(touchpoint.occurredAt);
  const opportunity = touchpoint.opportunity;

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      aria-labelledby={titleId}
      data-division={division.key}
      data-content-hidden={hidden || undefined}
      style={{
        borderLeft: `4px solid ${divisionMarkColor(division)}`,
        background: hidden ? 'var(--mantine-color-gray-1)' : undefined,
      }}
    >
      <Stack gap={4}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <DivisionBadge division={division} />
            <Text size="sm" fw={600} c={hidden ? 'dimmed' : undefined}>
              {type}
            </Text>
            {planned && (
              <Badge variant="light" color="blue" tt="none" size="sm">
                Planned
              </Badge>
            )}
            {fresh && (
              <Badge variant="light" color="green" tt="none" size="sm">
                New
              </Badge>
            )}
            {touchpoint.confidential && (
              <Group gap={4} wrap="nowrap" c="dimmed">
                <LockIcon label={`Confidential to ${division.name}`} />
                {!hidden && <Text size="xs">Confidential</Text>}
              </Group>
            )}
          </Group>
          <Text size="sm" c="dimmed" component="time" dateTime={touchpoint.occurredAt}>
            {formatDateTime(touchpoint.occurredAt)}
          </Text>
        </Group>

        {hidden ? (
          <>
            <Title order={3} size="h5" id={titleId} c="dimmed" fw={500}>
              {type} of {division.name} (content withheld)
            </Title>
            <Text size="sm" c="dimmed">
              The subject, summary and outcome are confidential to {division.name}. Ask {division.name} if you need to know more.
            </Text>
          </>
        ) : (
          <>
            <Title order={3} size="h5" id={titleId}>
              {touchpoint.subject || `${type} without a subject`}
            </Title>
            {touchpoint.summary && <Text size="sm">{touchpoint.summary}</Text>}
            {touchpoint.outcome && (
              <Text size="sm">
                <Text span inherit fw={600}>
                  Outcome:{' '}
                </Text>
                {touchpoint.outcome}
              </Text>
            )}
          </>
        )}

        {touchpoint.stakeholders.length > 0 && (
          <Text size="sm" c="dimmed">
            With {names(touchpoint.stakeholders)}
          </Text>
        )}
        {touchpoint.colleagues.length > 0 && (
          <Text size="sm" c="dimmed">
            Our side: {names(touchpoint.colleagues)}
          </Text>
        )}
        {opportunity && (
          <Text size="sm" c={hidden ? 'dimmed' : undefined}>
            Opportunity: {opportunity.name} · {opportunity.stage}
            {opportunity.amount != null && ` · ${formatMoney(opportunity.amount, opportunity.currency)}`}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Recorded in {touchpoint.sourceSystem}
        </Text>
      </Stack>
    </Paper>
  );
}
