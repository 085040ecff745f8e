import { parseInstant } from './date-time.scalar';

describe('parseInstant: RFC 3339 date-times with their offset, nothing else', () => {
  it.each([
    ['2026-11-23T09:30:00Z', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23t09:30:00z', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23 09:30:00Z', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T10:30:00+01:00', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T04:00:00-05:30', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T09:30Z', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T09:30:00.25Z', '2026-11-23T09:30:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    // A leap second (RFC 3339 allows second 60, at a minute's end): the next minute's start, as PostgreSQL reads it.
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'],
    ['2017-01-01T00:59:60+01:00', '2017-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['1', 'a number (new Date: 2001)'],
    ['99', 'a number (new Date: 1999)'],
    ['foo 2025', 'free text (new Date: 2025-01-01)'],
    ['4/3/2025', 'a local date (new Date: April 3rd)'],
    ['2025-02-30T10:00:00Z', 'a day February has not (new Date: March 2nd)'],
    ['2025-02-29T10:00:00Z', 'February 29th of a common year'],
    ['2025-13-01T10:00:00Z', 'month 13'],
    ['2025-01-01T24:00:00Z', 'hour 24'],
    ['2025-01-01T10:60:00Z', 'minute 60'],
    ['2025-01-01T10:00:60Z', 'second 60 but not at a minute\'s end'],
    ['2016-12-31T23:59:61Z', 'second 61'],
    ['2025-01-01T10:00:00', 'no offset (whose local time?)'],
    ['2025-01-01', 'a date alone'],
    ['20250101T100000Z', 'the basic format'],
    ['2025-01-01T10:00:00+25:00', 'an offset of 25 hours'],
    ['2025-01-01T10:00:00+0100', 'an offset without its colon'],
    [' 2025-01-01T10:00:00Z', 'a leading space'],
    ['', 'nothing'],
    ['0000-01-01T00:00:00Z', 'the year 0 (PostgreSQL has none)'],
    ['-271821-04-20T00:00:00Z', 'a year before 1'],
  ])('refuses %s (%s)', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('reads every form it takes as the instant `new Date` reads in the same text (it counts the parts itself)', () => {
    // 5,000 texts of every form taken: T, t or space; seconds or not; a fraction of 1 to 9 digits; Z, z or an offset either way.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pad = (v: number, width: number) => String(v).padStart(width, '0');
    for (let i = 0; i < 5000; i++) {
      const seconds = next(3) === 0 ? '' : `:${pad(next(60), 2)}${next(2) === 0 ? '' : `.${pad(next(10 ** 9), 9).slice(0, 1 + next(9))}`}`;
      const zone = ['Z', 'z', `+${pad(next(24), 2)}:${pad(next(60), 2)}`, `-${pad(next(24), 2)}:${pad(next(60), 2)}`][next(4)];
      const text = `${pad(1 + next(9999), 4)}-${pad(1 + next(12), 2)}-${pad(1 + next(28), 2)}${'Tt '[next(3)]}${pad(next(24), 2)}:${pad(next(60), 2)}${seconds}${zone}`;
      expect([text, parseInstant(text)?.getTime()]).toEqual([text, new Date(text.replace(' ', 'T')).getTime()]);
    }
  });
});
