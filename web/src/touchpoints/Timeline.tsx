import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigationType, useSearchParams } from 'react-router';
import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Box, Button, EmptyState, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TimelineTouchpointFragment } from '../gql/graphql';
import { Loading } from '../accounts/components/Loading';
import type { DivisionRef } from './DivisionBadge';
import { plural, touchpointTypeLabel } from './format';
import { LoadMoreButton } from './LoadMoreButton';
import { EMPTY_FILTER, filterFromParams, isFilterActive, toApiFilter, withFilterParams, type TimelineFilterState } from './timelineFilter';
import { TimelineFilterBar } from './TimelineFilterBar';
import { TimelineItem } from './TimelineItem';
import { useTimeline } from './useTimeline';
import { LoadFailed } from '../app/LoadFailed';
import { refusalOf } from '../app/apiErrors';

/** How long typing pauses before the words are searched. */
export const SEARCH_DEBOUNCE_MS = 350;

interface TimelineProps {
  accountId: string;
  /** The divisions that know the account, for the filter. */
  divisions: readonly DivisionRef[];
  /** Hears of every touchpoint that arrives live. */
  onActivity?: (touchpoint: TimelineTouchpointFragment) => void;
}

/** "Our customer" as one story: every division's touchpoints, newest first, filtered, scrolled and live. */
export function Timeline({ accountId, divisions, onActivity }: TimelineProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The filter is mirrored in the URL (shared links, bookmarks, Back), each change replacing the entry rather than
  // adding one per keystroke. The filter bar reads this component's state, not the URL: read back from the URL, which
  // follows a step behind, typed letters were lost and the caret jumped to the end (found by exploratory testing).
  // A navigation that is not ours (Back, Forward, a link) brings its URL's filter.
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigation = useNavigationType();
  const known = useCallback((state: TimelineFilterState) => ({ ...state, divisionIds: state.divisionIds.filter((id) => divisions.some((d) => d.id === id)) }), [divisions]);
  const [filterState, setLocalFilter] = useState<TimelineFilterState>(() => known(filterFromParams(params)));
  useEffect(() => {
    if (navigation !== 'REPLACE') setLocalFilter(known(filterFromParams(new URLSearchParams(location.search))));
    // Only on another navigation: the account's divisions arriving do not undo what the user has picked since.
  }, [location.key]);
  const setFilterState = useCallback((state: TimelineFilterState) => {
    setLocalFilter(state);
    setParams((current) => withFilterParams(current, state), { replace: true });
  }, [setParams]);
  // Clearing takes the buttons that cleared away: the focus goes to the timeline's heading, not to the page's end.
  const clearFilters = () => {
    setFilterState(EMPTY_FILTER);
    heading.current?.focus();
  };
  const [text] = useDebouncedValue(filterState.text, SEARCH_DEBOUNCE_MS);
  const { divisionIds, types, fromDay, toDay } = filterState;
  const filter = useMemo(() => toApiFilter({ divisionIds, types, fromDay, toDay, text }), [divisionIds, types, fromDay, toDay, text]);
  const filtered = isFilterActive(filterState);
  const timeline = useTimeline(accountId, filter, onActivity);
  const { touchpoints } = timeline;

  // Only common words ("the", "or") or no letters: the API says so, and the Words field shows it.
  const wordsRefused = refusalOf(timeline.error, 'filter.text') !== null;
  let body;
  if (wordsRefused) {
    body = (
      <EmptyState
        title="These words cannot be searched"
        description="Words such as “the”, “and” or “or” are too common to search, and so is text without letters or digits. Add a more specific word."
      />
    );
  } else if (timeline.error) {
    body = <LoadFailed what="the timeline" error={timeline.error} retry={async () => timeline.refresh()} />;
  } else if (timeline.account === undefined) {
    body = <Loading label="Loading the timeline…" />;
  } else if (touchpoints.length === 0) {
    body = filtered ? (
      <EmptyState title="No touchpoint matches these filters" description="Widen the date range, pick other divisions or kinds, or clear the filters.">
        <Button variant="light" onClick={clearFilters}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState
        title="No touchpoints yet"
        description="Meetings, calls, emails, proposals, orders, cases and events appear here, from every division, as soon as their systems send them."
      />
    );
  } else {
    body = (
      <Stack gap="xs">
        <Box
          component="ol"
          aria-label="Touchpoints"
          aria-busy={timeline.stale || undefined}
          m={0}
          p={0}
          style={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-xs)', opacity: timeline.stale ? 0.6 : 1 }}
        >
          {touchpoints.map((touchpoint) => (
            <TimelineItem key={touchpoint.id} touchpoint={touchpoint} fresh={timeline.freshIds.has(touchpoint.id)} />
          ))}
        </Box>
        {timeline.moreError && (
          <Alert color="red" variant="light" title="Could not load more touchpoints">
            {timeline.moreError}
          </Alert>
        )}
        {timeline.hasMore ? (
          <LoadMoreButton label="Load more touchpoints" onLoadMore={timeline.loadMore} loading={timeline.loadingMore} auto={!timeline.moreError && !timeline.stale} />
        ) : (
          <Text size="sm" c="dimmed" ta="center" py="xs">
            {filtered ? `That is all: ${plural(touchpoints.length, 'touchpoint')} match.` : `That is the whole story: ${plural(touchpoints.length, 'touchpoint')}.`}
          </Text>
        )}
      </Stack>
    );
  }

  const { excluded, unknown } = timeline.outside;
  const last = timeline.lastLive;
  return (
    <Stack gap="sm" w="100%" component="section" aria-labelledby={headingId}>
      <div>
        <Title order={2} size="h3" id={headingId} ref={heading} tabIndex={-1}>
          Timeline
        </Title>
        <Text size="sm" c="dimmed">
          Every division’s touchpoints with this account, newest first. New ones appear as they are recorded.
        </Text>
      </div>
      <TimelineFilterBar value={filterState} onChange={setFilterState} onClear={() => heading.current?.focus()} divisions={divisions} wordsError={wordsRefused ? 'Too common to search: add a more specific word' : undefined} />
      {(excluded > 0 || unknown > 0) && (
        <Alert color="blue" variant="light" title="New activity">
          <Group gap="sm" justify="space-between" wrap="wrap">
            <Text size="sm">
              {unknown > 0
                ? `${plural(unknown + excluded, 'new touchpoint')} arrived; refresh to see which match your words.`
                : `${plural(excluded, 'new touchpoint')} arrived outside the current filters.`}
            </Text>
            {unknown > 0 ? (
              <Button size="xs" variant="light" onClick={() => { timeline.refresh(); heading.current?.focus(); }}>
                Refresh
              </Button>
            ) : (
              <Button size="xs" variant="light" onClick={clearFilters}>
                Clear filters
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {timeline.loading && timeline.account !== undefined && <Loading label="Updating the timeline…" />}
      {/* Announces live arrivals to screen reader users. */}
      <VisuallyHidden role="status" aria-live="polite">
        {last ? `New touchpoint: ${touchpointTypeLabel(last.type)} of ${last.division.name}${last.contentHidden ? '' : `: ${last.subject ?? ''}`}` : ''}
      </VisuallyHidden>
      {body}
    </Stack>
  );
}
