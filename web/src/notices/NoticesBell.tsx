import { NavLink } from 'react-router';
import { ActionIcon, Badge, Box, VisuallyHidden } from '@mantine/core';
import { BellIcon } from '../touchpoints/icons';
import { useLiveNotices } from './useLiveNotices';

export const NOTICES_PATH = '/notices';

export function bellLabel(unread: number | undefined): string {
  if (unread == null) return 'Notices';
  if (unread === 0) return 'Notices, none unread';
  return `Notices, ${unread} unread`;
}

/** The header's bell: a link to the notices, with the unread count, kept live. */
export function NoticesBell() {
  const { unread, latest } = useLiveNotices();
  return (
    <Box pos="relative">
      <ActionIcon component={NavLink} to={NOTICES_PATH} variant="subtle" color="gray" size="lg" aria-label={bellLabel(unread)}>
        <BellIcon />
      </ActionIcon>
      {/* The count to see; the link's name says it to assistive technology. */}
      {!!unread && (
        <Badge aria-hidden="true" color="red.9" size="sm" circle={unread < 10} pos="absolute" top={-6} right={-8} style={{ pointerEvents: 'none' }}>
          {unread > 99 ? '99+' : unread}
        </Badge>
      )}
      {/* Announces notices that arrive while the page is open. */}
      <VisuallyHidden role="status" aria-live="polite">
        {latest ? `New notice: ${latest.title}` : ''}
      </VisuallyHidden>
    </Box>
  );
}
