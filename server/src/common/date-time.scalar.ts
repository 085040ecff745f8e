import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * An instant as RFC 3339 writes it, with its offset: "2026-11-23T09:30:00Z",
 * "2026-11-23T10:30:00.250+01:00" ("T" or a space; the seconds and their
 * fraction may be left out). Only the form is read here; calendarInstant
 * checks the values.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant an RFC 3339 date-time names, or null when the text is anything
 * else: no offset (whose local time?), a date alone, a day the month does not
 * have ("2026-02-30", which `new Date` rolls over into March), a number, or
 * the free text `new Date` guesses at ("1" is 2001, "4/3/2025" is April 3rd).
 */
export function parseInstant(text: string): Date | null {
  const m = RFC_3339.exec(text);
  // Year 0 exists for JavaScript, not for PostgreSQL's timestamps.
  if (!m || Number(m[1]) < 1) return null;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = m.slice(1).map((part) => part ?? undefined);
  // setUTCFullYear, not Date.UTC: that takes the years 0–99 for 1900–1999.
  const civil = new Date(0);
  civil.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  if (civil.getUTCFullYear() !== Number(year) || civil.getUTCMonth() !== Number(month) - 1 || civil.getUTCDate() !== Number(day)) return null;
  // RFC 3339 allows second 60 at a minute's end (a leap second): read as the next minute's start, as PostgreSQL does.
  const leap = Number(second) === 60 && Number(minute) === 59;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > (leap ? 60 : 59) || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const at = new Date((leap ? text.replace(/:59:60(?:\.\d+)?/, ':59:59') : text).replace(' ', 'T'));
  if (leap) at.setTime(at.getTime() + 1000);
  return Number.isNaN(at.getTime()) ? null : at;
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
