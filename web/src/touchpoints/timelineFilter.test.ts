import { EXHIBITS, LOGISTICS, timelineMock, touchpointNode } from '../test/fixtures';
import type { AccountTimelineQuery } from '../gql/graphql';
import { divisionColor, DIVISION_PALETTE } from './divisionColor';
import { compareNewestFirst, EMPTY_FILTER, isFilterActive, matchesFilter, periodReversed, toApiFilter } from './timelineFilter';
import { withLiveTouchpoint } from './useTimeline';

describe('toApiFilter', () => {
  it('sends only what is set, lists sorted (one cached list per filter), null when nothing filters', () => {
    expect(toApiFilter(EMPTY_FILTER)).toBeNull();
    expect(toApiFilter({ ...EMPTY_FILTER, text: '   ' })).toBeNull();
    expect(toApiFilter({ ...EMPTY_FILTER, divisionIds: ['d2', 'd1'], types: ['EMAIL', 'CALL'], text: ' renewal ' })).toEqual({
      divisionIds: ['d1', 'd2'],
      types: ['CALL', 'EMAIL'],
      text: 'renewal',
    });
  });

  it('reads days in the user’s time zone; "to" includes its whole day', () => {
    const filter = toApiFilter({ ...EMPTY_FILTER, fromDay: '2025-03-01', toDay: '2025-03-31' })!;
    expect(filter.from).toBe(new Date(2025, 2, 1).toISOString());
    expect(filter.to).toBe(new Date(2025, 3, 1).toISOString());
    expect(toApiFilter({ ...EMPTY_FILTER, fromDay: 'not a day' })).toBeNull();
  });

  // Found by exploratory testing: From typed after To sent the API a reversed period, whose refusal showed raw.
  it('sends no dates while From comes after To, and says the period is reversed', () => {
    const reversed = { ...EMPTY_FILTER, fromDay: '2025-04-01', toDay: '2025-03-31', types: ['CALL'] as never[] };
    expect(toApiFilter(reversed)).toEqual({ types: ['CALL'] });
    expect(periodReversed(reversed)).toBe(true);
    expect(periodReversed({ fromDay: '2025-03-31', toDay: '2025-03-31' })).toBe(false);
    expect(toApiFilter({ ...EMPTY_FILTER, fromDay: '2025-03-31', toDay: '2025-03-31' })).toEqual({
      from: new Date(2025, 2, 31).toISOString(), to: new Date(2025, 3, 1).toISOString(),
    });
  });

  it('knows when a filter is on', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, toDay: '2025-01-01' })).toBe(true);
  });
});

describe('matchesFilter', () => {
  const call = touchpointNode('t1', { type: 'CALL', division: LOGISTICS, occurredAt: '2025-03-10T10:00:00.000Z' });
  it('checks divisions, kinds, dates, colleagues and stakeholders; cannot tell for words', () => {
    expect(matchesFilter(call, null)).toBe(true);
    expect(matchesFilter(call, { divisionIds: [LOGISTICS.id] })).toBe(true);
    expect(matchesFilter(call, { divisionIds: [EXHIBITS.id] })).toBe(false);
    expect(matchesFilter(call, { types: ['MEETING'] })).toBe(false);
    expect(matchesFilter(call, { from: '2025-03-11T00:00:00.000Z' })).toBe(false);
    expect(matchesFilter(call, { to: '2025-03-10T10:00:00.000Z' })).toBe(false);
    expect(matchesFilter(call, { to: '2025-03-11T00:00:00.000Z' })).toBe(true);
    expect(matchesFilter(call, { colleagueIds: ['c1'] })).toBe(false);
    expect(matchesFilter(call, { stakeholderIds: ['s1'] })).toBe(false);
    expect(matchesFilter(call, { text: 'renewal' })).toBe('unknown');
    expect(matchesFilter(call, { text: 'renewal', types: ['MEETING'] })).toBe(false);
  });
});

describe('withLiveTouchpoint', () => {
  const a = touchpointNode('a', { occurredAt: '2025-03-12T10:00:00.000Z' });
  const b = touchpointNode('b', { occurredAt: '2025-03-01T10:00:00.000Z' });
  const page = (hasNextPage: boolean) => (timelineMock('acc', [a, b], { hasNextPage }).result as { data: AccountTimelineQuery }).data;

  it('puts a new touchpoint where it belongs, newest first', () => {
    const between = touchpointNode('x', { occurredAt: '2025-03-05T10:00:00.000Z' });
    const next = withLiveTouchpoint(page(true), between)!;
    expect(next.account!.timeline.edges.map((e) => e.node.id)).toEqual(['a', 'x', 'b']);
    const newest = touchpointNode('y', { occurredAt: '2025-04-01T10:00:00.000Z' });
    expect(withLiveTouchpoint(page(true), newest)!.account!.timeline.edges.map((e) => e.node.id)).toEqual(['y', 'a', 'b']);
  });

  it('leaves an older one to the next page, and one already listed to the cache', () => {
    const older = touchpointNode('z', { occurredAt: '2024-01-01T10:00:00.000Z' });
    expect(withLiveTouchpoint(page(true), older)).toBeUndefined();
    expect(withLiveTouchpoint(page(false), older)!.account!.timeline.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'z']);
    expect(withLiveTouchpoint(page(false), { ...a, subject: 'changed' })).toBeUndefined();
  });

  it('orders ties by id, descending, as the server does', () => {
    expect(compareNewestFirst({ occurredAt: '2025-01-01T00:00:00Z', id: 'b' }, { occurredAt: '2025-01-01T00:00:00Z', id: 'a' })).toBeLessThan(0);
  });
});

describe('divisionColor', () => {
  it('gives a division the same colour every time, from the palette', () => {
    expect(divisionColor({ key: 'logistics' })).toBe(divisionColor({ key: 'logistics' }));
    expect(DIVISION_PALETTE).toContain(divisionColor({ key: 'exhibits' }));
  });
});
