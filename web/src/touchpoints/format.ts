import type { TouchpointType } from '../gql/graphql';

/** The kinds of touchpoint, in the order the filter offers them, with their words. */
export const TOUCHPOINT_TYPES: { value: TouchpointType; label: string }[] = [
  { value: 'MEETING', label: 'Meeting' },
  { value: 'CALL', label: 'Call' },
  { value: 'EMAIL', label: 'Email' },
  { value: 'PROPOSAL', label: 'Proposal' },
  { value: 'ORDER', label: 'Order' },
  { value: 'CASE', label: 'Support case' },
  { value: 'EVENT', label: 'Event' },
  { value: 'NOTE', label: 'Note' },
];

const TYPE_LABELS = new Map(TOUCHPOINT_TYPES.map((t) => [t.value, t.label]));

export function touchpointTypeLabel(type: TouchpointType | string): string {
  return TYPE_LABELS.get(type as TouchpointType) ?? type;
}

// Dates in the user's locale (undefined = the browser's language settings).
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const monthUtc = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLongUtc = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "12 Mar 2025, 14:30" in the user's locale and time zone. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const dayUtc = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dateIn = new Map<string, Intl.DateTimeFormat>();

/**
 * "12 Mar 2025" in the user's locale and time zone (or `timeZone`). A calendar day (YYYY-MM-DD: a close date, the day
 * a stint began) is that day wherever the reader is: read as an instant it was UTC midnight, the day before west of
 * UTC (reported in the team's notes).
 */
export function formatDate(iso: string, timeZone?: string): string {
  if (CALENDAR_DAY.test(iso)) return dayUtc.format(new Date(`${iso}T00:00:00Z`));
  if (!timeZone) return dateOnly.format(new Date(iso));
  let format = dateIn.get(timeZone);
  if (!format) dateIn.set(timeZone, (format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone })));
  return format.format(new Date(iso));
}

/** A calendar month (UTC) of the activity chart: "Mar 2025", or "March 2025" in full. */
export function formatMonth(startsAt: string, long = false): string {
  return (long ? monthLongUtc : monthUtc).format(new Date(startsAt));
}

/** An amount in its currency, in the user's locale; without a currency, just the number. */
export function formatMoney(amount: number, currency?: string | null): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
    } catch {
      // Not an ISO 4217 code: show it as the division sent it.
      return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(amount)} ${currency}`;
    }
  }
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(amount);
}

/** True when the touchpoint lies in the future: planned, not happened. */
export function isPlanned(occurredAt: string, now = Date.now()): boolean {
  return Date.parse(occurredAt) > now;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
