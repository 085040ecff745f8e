import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { UserInputError } from './errors';
import { storable } from './text';

/**
 * Arguments whose handler checks their values itself: ingest rejects an item
 * with an unstorable text alone, with its path, and lands the rest of the
 * batch (ingest/validation.ts), so the batch must reach it as it was sent.
 */
const CHECKED_BY_HANDLER = new Set(['batch']);

const TEXT = 'text without NUL characters (U+0000) or lone UTF-16 surrogates';
const INSTANT = 'a date and time (ISO 8601, e.g. "2026-11-23T09:30:00Z") in the years 0001 to 9999';

/**
 * Whether an instant is one to compute with and to store. The DateTime scalar
 * makes a Date of anything (an Invalid Date of "2026-13-45"), and JavaScript
 * reaches years PostgreSQL's timestamptz does not (before 4713 BC).
 */
function sensible(at: Date): boolean {
  const year = at.getUTCFullYear();
  return !Number.isNaN(at.getTime()) && year >= 1 && year <= 9999;
}

/** The first value of an argument the database cannot take: where it sits ("input.name", "ids[2]") and what was expected. */
export function unfitValue(value: unknown, path: string): { path: string; expected: string } | null {
  if (typeof value === 'string') return storable(value) ? null : { path, expected: TEXT };
  if (value instanceof Date) return sensible(value) ? null : { path, expected: INSTANT };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unfitValue(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!storable(key)) return { path: `${path}.${key}`, expected: TEXT };
      const found = unfitValue(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses, as the caller's error, a GraphQL argument holding a NUL character
 * (U+0000) or a lone UTF-16 surrogate, or a date and time that is no instant
 * or out of range. PostgreSQL takes neither such text in text or jsonb, nor
 * such an instant: a name, email, filter or note failed in the database
 * ("invalid byte sequence for encoding UTF8", "invalid input syntax for type
 * json"), an asOf of "2026-13-45" in JavaScript ("Invalid time value"), and
 * answered INTERNAL_SERVER_ERROR. Registered before the ValidationPipe, whose
 * @IsDate said only "must be a Date instance" of a malformed date.
 */
@Injectable()
export class StorableArgumentsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Every @Args here is named; @Parent(), @Context() and @Info() carry no name and are not the caller's input.
    if (typeof metadata.data !== 'string' || CHECKED_BY_HANDLER.has(metadata.data)) return value;
    const unfit = unfitValue(value, metadata.data);
    if (unfit) throw new UserInputError(unfit.path, unfit.expected);
    return value;
  }
}
