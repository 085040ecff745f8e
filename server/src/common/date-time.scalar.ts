import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * An instant as RFC 3339 writes it, with its offset: "2026-11-23T09:30:00Z",
 * "2026-11-23T10:30:00.250+01:00" ("T" or a space; the seconds and their
 * fraction may be left out). Only the form is read here; calendarInstant
 * checks the values.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an RFC 3339 date-time names, or null when the text is anything
 * else: no offset (whose local time?), a date alone, a day the month does not
 * have ("2026-02-30", which `new Date` rolls over into March), a number, or
 * the free text `new Date` guesses at ("1" is 2001, "4/3/2025" is April 3rd).
 * Counted from its parts (the instant `new Date` reads in the same text: a fraction's first three digits, the
 * offset taken off), not by handing the text to `new Date`: every touchpoint sends one, and that cost 4–5 µs a call.
 */
export function parseInstant(text: string): Date | null {
  const m = RFC_3339.exec(text);
  if (!m) return null;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  // Year 0 exists for JavaScript, not for PostgreSQL's timestamps.
  if (year < 1) return null;
  const hour = +m[4];
  const minute = +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const offsetHours = m[9] === undefined ? 0 : +m[9];
  const offsetMinutes = m[10] === undefined ? 0 : +m[10];
  // RFC 3339 allows second 60 at a minute's end (a leap second): read as the next minute's start (its fraction dropped), as PostgreSQL does.
  const leap = second === 60 && minute === 59;
  if (hour > 23 || minute > 59 || second > (leap ? 60 : 59) || offsetHours > 23 || offsetMinutes > 59) return null;
  // setUTCFullYear, not Date.UTC: that takes the years 0–99 for 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  const milliseconds = m[7] === undefined || leap ? 0 : +(m[7].length >= 3 ? m[7].slice(0, 3) : m[7].length === 2 ? `${m[7]}0` : `${m[7]}00`);
  const offset = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  at.setTime(at.getTime() + ((hour * 60 + minute - offset) * 60 + second) * 1000 + milliseconds);
  return at;
}

/** A value sent as a DateTime, quoted for an error message (at most 60 characters of it). */
export function quotedInstant(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}

const HOW = 'an RFC 3339 date-time with its offset, such as "2026-11-23T09:30:00Z" or "2026-11-23T10:30:00+01:00"';

function parsed(value: unknown): Date {
  const at = typeof value === 'string' ? parseInstant(value) : null;
  if (!at) throw new GraphQLError(`DateTime: ${quotedInstant(value)} is not ${HOW}`);
  return at;
}

/**
 * The DateTime scalar (the name and answers of @nestjs/graphql's
 * DateTime, which it replaces): instants are answered at UTC with
 * milliseconds, and taken only as RFC 3339 text with an offset. The one it
 * replaces took whatever `new Date` makes of a value, so "1" was 2001 and
 * `true` 1970, silently.
 */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: `An instant. Answered at UTC with milliseconds, such as 2026-11-23T09:30:00.000Z; taken as ${HOW.replace(/"/g, '')} (the seconds and their fraction may be left out). Anything else, such as a time without its offset, a date alone or 2026-02-30, is refused with the reason.`,
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
  parseValue: parsed,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime: a ${ast.kind} is not ${HOW}`);
    return parsed(ast.value);
  },
});

/** How the schema builder maps TypeScript's Date (fields typed Date without an explicit scalar): to this DateTime. */
export const SCALARS_MAP = [{ type: Date, scalar: DateTime }];
