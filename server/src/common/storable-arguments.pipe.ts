import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { UserInputError } from './errors';
import { unfitValue } from './text';

/**
 * Arguments whose handler checks their values itself: ingest rejects an item
 * with an unstorable text alone, with its path, and lands the rest of the
 * batch (ingest/validation.ts), so the batch must reach it as it was sent.
 */
const CHECKED_BY_HANDLER = new Set(['batch']);

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
