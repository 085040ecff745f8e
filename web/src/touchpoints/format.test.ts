import { formatDate } from './format';

describe('formatDate for a reader west of UTC', () => {
  const day = (y: number, m: number, d: number) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));

  it('shows a calendar day as that day (it showed the day before), and an instant on the reader\'s day', () => {
    expect(formatDate('2026-03-12', 'America/Los_Angeles')).toBe(day(2026, 3, 12));
    // 02:00 UTC on 12 March is still 11 March in Los Angeles.
    expect(formatDate('2026-03-12T02:00:00Z', 'America/Los_Angeles')).toBe(day(2026, 3, 11));
    expect(formatDate('2026-03-12T02:00:00Z', 'Europe/Berlin')).toBe(day(2026, 3, 12));
  });
});
