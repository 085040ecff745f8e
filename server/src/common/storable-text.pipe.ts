import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { UserInputError } from './errors';
import { storable } from './text';

/**
 * Arguments whose handler checks their text itself: ingest rejects an item
 * with an unstorable text alone, with its path, and lands the rest of the
 * batch (ingest/validation.ts), so the batch must reach it as it was sent.
 */
const CHECKED_BY_HANDLER = new Set(['batch']);

/** Where the first text PostgreSQL cannot store sits in an argument value ("input.name", "ids[2]"), or null. */
export function unstorableTextPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return storable(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, v] of Object.entries(value)) {
      if (!storable(key)) return `${path}.${key}`;
      const found = unstorableTextPath(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses a GraphQL argument holding a NUL character (U+0000) or a lone
 * UTF-16 surrogate as the caller's error. PostgreSQL takes neither in text
 * nor jsonb: such a name, email, filter or note failed in the database
 * ("invalid byte sequence for encoding UTF8", "invalid input syntax for type
 * json") and answered INTERNAL_SERVER_ERROR.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Every @Args here is named; @Parent(), @Context() and @Info() carry no name and are not the caller's input.
    if (typeof metadata.data !== 'string' || CHECKED_BY_HANDLER.has(metadata.data)) return value;
    const path = unstorableTextPath(value, metadata.data);
    if (path) throw new UserInputError(path, 'text without NUL characters (U+0000) or lone UTF-16 surrogates');
    return value;
  }
}
