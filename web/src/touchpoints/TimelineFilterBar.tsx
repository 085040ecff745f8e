import { Box, Button, Chip, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import type { TouchpointType } from '../gql/graphql';
import type { DivisionRef } from './DivisionBadge';
import { divisionColor, divisionMarkColor } from './divisionColor';
import { TOUCHPOINT_TYPES } from './format';
import { EMPTY_FILTER, isFilterActive, MAX_WORDS_LENGTH, periodReversed, type TimelineFilterState } from './timelineFilter';

interface TimelineFilterBarProps {
  value: TimelineFilterState;
  onChange: (value: TimelineFilterState) => void;
  /** After "Clear filters" (the button goes with the filters): where the focus should go. */
  onClear?: () => void;
  /** The divisions to choose from (those that know the account). */
  divisions: readonly DivisionRef[];
  /** Why the API refused the words, shown under the Words field. */
  wordsError?: string;
}

/**
 * Narrows the timeline: divisions (checkable chips in their colours), kinds,
 * a date range and words. Every control is a labelled form field, usable with
 * the keyboard; the words are sent once typing pauses (the caller debounces).
 */
export function TimelineFilterBar({ value, onChange, onClear, divisions, wordsError }: TimelineFilterBarProps) {
  const set = (patch: Partial<TimelineFilterState>) => onChange({ ...value, ...patch });
  return (
    <Box component="form" role="search" aria-label="Filter the timeline" onSubmit={(event) => event.preventDefault()} w="100%">
      <Stack gap="xs">
        {divisions.length > 1 && (
          <Box component="fieldset" m={0} p={0} style={{ border: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              Divisions
            </Text>
            <Chip.Group multiple value={value.divisionIds} onChange={(divisionIds) => set({ divisionIds })}>
              <Group gap="xs" wrap="wrap">
                {divisions.map((division) => (
                  <Chip key={division.id} value={division.id} color={divisionColor(division)} variant="light" size="sm">
                    <Group component="span" gap={6} wrap="nowrap">
                      <Box component="span" aria-hidden="true" w={10} h={10} style={{ borderRadius: '50%', background: divisionMarkColor(division), display: 'inline-block' }} />
                      {division.name}
                    </Group>
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Box>
        )}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <MultiSelect
            label="Kinds"
            placeholder={value.types.length ? undefined : 'All kinds'}
            data={TOUCHPOINT_TYPES}
            value={value.types}
            onChange={(types) => set({ types: types as TouchpointType[] })}
            clearable
            w={240}
            // Tall enough for every kind: a list that scrolls (by a few pixels at the default 250) is a scrollable region
            // the keyboard cannot reach (axe scrollable-region-focusable).
            maxDropdownHeight={400}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput type="date" label="From" value={value.fromDay} max={value.toDay || undefined} onChange={(e) => set({ fromDay: e.currentTarget.value })} w={160} />
          <TextInput
            type="date" label="To" value={value.toDay} min={value.fromDay || undefined} onChange={(e) => set({ toDay: e.currentTarget.value })} w={160}
            error={periodReversed(value) ? 'To is before From: no dates filter until it is on or after it' : undefined}
          />
          <TextInput
            type="search"
            label="Words"
            placeholder="In subject, summary, outcome"
            // The API takes at most 200 characters (longer showed its raw error; found by exploratory testing).
            maxLength={MAX_WORDS_LENGTH}
            value={value.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
            error={wordsError}
            style={{ flex: '1 1 200px' }}
          />
          {isFilterActive(value) && (
            <Button variant="subtle" onClick={() => { onChange(EMPTY_FILTER); onClear?.(); }}>
              Clear filters
            </Button>
          )}
        </Group>
      </Stack>
    </Box>
  );
}
