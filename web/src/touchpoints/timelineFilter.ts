import type { TimelineFilter, TimelineTouchpointFragment, TouchpointType } from '../gql/graphql';
import { TOUCHPOINT_TYPES } from './format';

/** What the filter bar holds: dates as the date inputs give them ("YYYY-MM-DD", local days). */
export interface TimelineFilterState {
  divisionIds: string[];
  types: TouchpointType[];
  /** First day shown, "YYYY-MM-DD" or "". */
  fromDay: string;
  /** Last day shown (included), "YYYY-MM-DD" or "". */
  toDay: string;
  text: string;
}

export const EMPTY_FILTER: TimelineFilterState = { divisionIds: [], types: [], fromDay: '', toDay: '', text: '' };

export function isFilterActive(state: TimelineFilterState): boolean {
  return state.divisionIds.length > 0 || state.types.length > 0 || !!state.fromDay || !!state.toDay || !!state.text.trim();
}

/**
 * The filter in the account page's URL (`?division=…&kind=MEETING&from=2026-01-01&to=…&words=…`), so a filtered
 * timeline can be shared, bookmarked and come back to with Back: the other lists keep theirs there too.
 */
const FILTER_PARAMS = { division: 'division', kind: 'kind', from: 'from', to: 'to', words: 'words' } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = new Set<string>(TOUCHPOINT_TYPES.map((t) => t.value));

/** The longest words the filter takes (the Words box's and the API's limit). */
export const MAX_WORDS_LENGTH = 200;

/** A day of the calendar between the years 1900 and 2200 ("2026-11-31" is none: the date input shows it blank). */
function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * What the URL's filter says; what cannot be part of one is left out: an unknown kind, a date that is no day of the
 * calendar, words past the 200 characters the box takes are cut (found by exploratory testing: such links showed the
 * API's refusal with a Try again that could never succeed, or filtered by a date the date box showed blank).
 * Divisions are checked against the account's by the caller.
 */
export function filterFromParams(params: URLSearchParams): TimelineFilterState {
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return isDay(value) ? value : '';
  };
  return {
    divisionIds: [...new Set(params.getAll(FILTER_PARAMS.division).filter((id) => id !== ''))],
    types: [...new Set(params.getAll(FILTER_PARAMS.kind))].filter((kind) => KINDS.has(kind)) as TouchpointType[],
    fromDay: day(FILTER_PARAMS.from),
    toDay: day(FILTER_PARAMS.to),
    text: (params.get(FILTER_PARAMS.words) ?? '').slice(0, MAX_WORDS_LENGTH),
  };
}

/** The URL's parameters with this filter in place of the one there (anything else in it kept). */
export function withFilterParams(params: URLSearchParams, state: TimelineFilterState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of Object.values(FILTER_PARAMS)) next.delete(name);
  for (const id of state.divisionIds) next.append(FILTER_PARAMS.division, id);
  for (const kind of state.types) next.append(FILTER_PARAMS.kind, kind);
  if (state.fromDay) next.set(FILTER_PARAMS.from, state.fromDay);
  if (state.toDay) next.set(FILTER_PARAMS.to, state.toDay);
  if (state.text) next.set(FILTER_PARAMS.words, state.text);
  return next;
}

/** Local midnight of a "YYYY-MM-DD" day, or null when the input is not a day. */
function localMidnight(day: string, plusDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The API's filter: only the parts set (so equal filters share one cached list),
 * days in the user's time zone, "to" the end of its day; null when nothing filters.
 */
export function toApiFilter(state: TimelineFilterState): TimelineFilter | null {
  const filter: TimelineFilter = {};
  if (state.divisionIds.length) filter.divisionIds = [...state.divisionIds].sort();
  if (state.types.length) filter.types = [...state.types].sort();
  const from = localMidnight(state.fromDay);
  const to = localMidnight(state.toDay, 1);
  // From after To (typed in that order) is no period yet: neither is sent until it is one (the API's refusal showed raw;
  // found by exploratory testing). The filter bar says so.
  const period = !from || !to || from < to;
  if (from && period) filter.from = from.toISOString();
  if (to && period) filter.to = to.toISOString();
  const text = state.text.trim();
  if (text) filter.text = text;
  return Object.keys(filter).length ? filter : null;
}

/**
 * Whether a touchpoint that arrived live belongs in the list shown under this
 * filter: true, false, or 'unknown' when a word search is on (the server's
 * web-search syntax is not repeated here).
 */
export function matchesFilter(touchpoint: TimelineTouchpointFragment, filter: TimelineFilter | null | undefined): boolean | 'unknown' {
  if (!filter) return true;
  if (filter.divisionIds?.length && !filter.divisionIds.includes(touchpoint.division.id)) return false;
  if (filter.types?.length && !filter.types.includes(touchpoint.type)) return false;
  const at = Date.parse(touchpoint.occurredAt);
  if (filter.from && at < Date.parse(filter.from)) return false;
  if (filter.to && at >= Date.parse(filter.to)) return false;
  const colleagueIds = filter.colleagueIds ?? [];
  if (colleagueIds.length && !touchpoint.colleagues.some((c) => colleagueIds.includes(c.id))) return false;
  const stakeholderIds = filter.stakeholderIds ?? [];
  if (stakeholderIds.length && !touchpoint.stakeholders.some((s) => stakeholderIds.includes(s.id))) return false;
  if (filter.text) return 'unknown';
  return true;
}

/** Newest first, as the server orders the timeline: occurredAt, then id, descending. */
export function compareNewestFirst(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): number {
  const byTime = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Whether From comes after To: no period, said under the dates. */
export function periodReversed(state: Pick<TimelineFilterState, 'fromDay' | 'toDay'>): boolean {
  return !!state.fromDay && !!state.toDay && state.fromDay > state.toDay;
}
