import { useId } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { NoticeFieldsFragment } from '../gql/graphql';
import { accountPath } from '../accounts/components/AccountRow';
import { MATCH_REVIEWS_PATH } from '../identity/paths';
import { DivisionBadgeList } from '../touchpoints/DivisionBadge';
import { formatDateTime } from '../touchpoints/format';
import { noticeKind } from './noticeKinds';
import { BusyButton } from '../app/BusyButton';

interface NoticeItemProps {
  notice: NoticeFieldsFragment;
  onMarkRead: (id: string) => void;
  marking: boolean;
}

/** One notice: what kind, what happened, about which account and divisions, read or not. */
export function NoticeItem({ notice, onMarkRead, marking }: NoticeItemProps) {
  const titleId = useId();
  const kind = noticeKind(notice.kind);
  const unread = !notice.read;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      aria-labelledby={titleId}
      style={{ borderLeft: unread ? '4px solid var(--mantine-color-blue-8)' : undefined }}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <Badge variant="light" color={kind.color} tt="none">
              {kind.label}
            </Badge>
            {unread && (
              <Badge variant="filled" color="blue.8" tt="none">
                Unread
              </Badge>
            )}
            {notice.occurrences > 1 && (
              <Text size="xs" c="dimmed">
                {notice.occurrences} times
              </Text>
            )}
          </Group>
          <Text size="sm" c="dimmed" component="time" dateTime={notice.updatedAt}>
            {formatDateTime(notice.updatedAt)}
          </Text>
        </Group>
        <Title order={2} size="h5" id={titleId} fw={unread ? 700 : 500}>
          {notice.title}
        </Title>
        <Text size="sm">{notice.message}</Text>
        <Group gap="sm" wrap="wrap">
          {notice.account && (
            <Anchor component={Link} to={accountPath(notice.account.id)} size="sm" onClick={() => unread && onMarkRead(notice.id)}>
              Open {notice.account.name}
            </Anchor>
          )}
          {notice.kind === 'MATCH_REVIEW_WAITING' && (
            <Anchor component={Link} to={MATCH_REVIEWS_PATH} size="sm" onClick={() => unread && onMarkRead(notice.id)}>
              Review the matches
            </Anchor>
          )}
          {notice.divisions.length > 0 && <DivisionBadgeList divisions={notice.divisions} label="Divisions concerned" />}
          {unread && (
            <BusyButton size="compact-sm" variant="subtle" busy={marking} onClick={() => onMarkRead(notice.id)}>
              Mark as read
              <VisuallyHidden component="span">: {notice.title}</VisuallyHidden>
            </BusyButton>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
