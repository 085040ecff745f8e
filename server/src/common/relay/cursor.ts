import { parseInstant } from '../date-time.scalar';
import { UserInputError } from '../errors';
import { isUuid } from '../ids';
import { storable } from '../text';

/**
 * Keyset cursors: the sort values of a row plus its id, base64url-encoded JSON
 * tagged with the ordering they belong to, so a cursor from one list can't be
 * replayed against another.
 */
export function encodeCursor(ordering: string, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([ordering, ...values])).toString('base64url');
}

/** What one value of a cursor must be before it reaches SQL: a text, a uuid, a PostgreSQL timestamptz as text, a serial id as text, a number. */
export type CursorValue = 'text' | 'uuid' | 'instant' | 'serial' | 'number' | 'int';

type Decoded<K extends readonly CursorValue[]> = { -readonly [I in keyof K]: K[I] extends 'number' | 'int' ? number : string };

/** A timestamptz as PostgreSQL writes it (`2026-11-24 16:00:41.123456+00`). */
const PG_INSTANT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(?::?(\d{2}))?$/;

/**
 * Whether a decoded value has the kind its list sorts by. The cursor is
 * opaque but sent back by the caller: a tampered one (right tag, junk values)
 * must not reach PostgreSQL, where a value of the wrong type was an internal
 * error instead of the caller's.
 */
function fits(kind: CursorValue, value: unknown): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  // A PostgreSQL integer: what SQL compares it with is cast to int, and 1.5 failed there as an internal error.
  if (kind === 'int') return Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;
  if (typeof value !== 'string' || !storable(value)) return false;
  if (kind === 'uuid') return isUuid(value);
  if (kind === 'serial') return /^\d{1,18}$/.test(value);
  if (kind === 'instant') {
    const parts = PG_INSTANT.exec(value);
    // parseInstant checks the calendar: Date.parse took "2026-02-30", which PostgreSQL then refused (an internal error).
    return !!parts && parseInstant(`${parts[1]}T${parts[2]}${parts[3]}:${parts[4] ?? '00'}`) !== null;
  }
  return true;
}

export function decodeCursor<K extends readonly CursorValue[]>(ordering: string, cursor: string, kinds: K): Decoded<K> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === ordering && parsed.length === kinds.length + 1 && kinds.every((kind, i) => fits(kind, parsed[i + 1]))) {
      return parsed.slice(1) as Decoded<K>;
    }
  } catch {
    // fall through to the error below
  }
  throw new UserInputError('after', 'a cursor returned by this same list (pageInfo.endCursor)');
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new UserInputError('first', `an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Turns `limit + 1` fetched rows into a page: the extra row only tells that more follow. */
export function toConnection<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => T,
): { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } } {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A row as read for a page: its exact sort value as PostgreSQL writes it (`created_at::text AS "sortKey"`). */
export type SortKeyed<T> = T & { sortKey: string; id: string };

export function withoutSortKey<T extends { sortKey?: string }>(row: T): Omit<T, 'sortKey'> {
  const { sortKey: _sortKey, ...rest } = row;
  return rest;
}

/**
 * A page ordered by a time and id, its cursors made of the time as text. A
 * JavaScript Date keeps milliseconds, PostgreSQL microseconds: the rows one
 * transaction writes share one `now()`, and a cursor rounded to the
 * millisecond repeated them on the next page (oldest first) or skipped them
 * (newest first).
 */
export function sortKeyConnection<T>(ordering: string, rows: SortKeyed<T>[], limit: number) {
  return toConnection(rows, limit, (row) => encodeCursor(ordering, [row.sortKey, row.id]), (row) => withoutSortKey(row) as T);
}
