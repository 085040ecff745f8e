import type { ReactNode } from 'react';
import { Alert, Box, Stack, Text } from '@mantine/core';
import { LoadMoreButton } from '../touchpoints/LoadMoreButton';

interface PagedListProps {
  /** The list's accessible name. */
  label: string;
  /** A line above the list, such as "3 pairs waiting"; none when null. */
  summary: string | null;
  /** What the list holds, for the "Load more …" button and the failure title ("match reviews"). */
  things: string;
  gap: 'xs' | 'sm' | 'md';
  hasNextPage: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onLoadMore: () => void;
  /** The list items (each an `li`). */
  children: ReactNode;
}

/** An ordered list of cards read page by page: a count above it, and "Load more" (with its failure) below. */
export function PagedList({ label, summary, things, gap, hasNextPage, loadingMore, moreError, onLoadMore, children }: PagedListProps) {
  return (
    <Stack gap="sm">
      {summary != null && (
        <Text size="sm" c="dimmed">
          {summary}
        </Text>
      )}
      <Box component="ol" aria-label={label} m={0} p={0} style={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: `var(--mantine-spacing-${gap})` }}>
        {children}
      </Box>
      {moreError && (
        <Alert color="red" variant="light" title={`Could not load more ${things}`}>
          {moreError}
        </Alert>
      )}
      {hasNextPage && <LoadMoreButton label={`Load more ${things}`} onLoadMore={onLoadMore} loading={loadingMore} />}
    </Stack>
  );
}
