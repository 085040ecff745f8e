/**
 * Looking up a division system's records by a list of their external ids.
 *
 * One index probe per id, on the whole natural key (division, source system,
 * external id), written so the planner cannot do otherwise: each id is looked
 * up in a LATERAL subquery kept apart by `OFFSET 0`. Written as
 * `external_id = ANY(ids)` (or as a plain join to the ids), the lookup was
 * planned from statistics, and where they do not know the division system
 * (a table just loaded, autovacuum behind or off, or a new division importing
 * into a hub whose statistics predate it) the planner expected a row or two
 * for the division system, read all of its rows by the key's first two
 * columns and dropped those not asked for: 100 ms for 3 ids among 200,000
 * rows, 650 ms per batch at 1,000,000, so a large import slowed down as it
 * went (5,000 → 1,800 rows/s). natural-key.spec.ts checks every lookup's plan.
 */

interface Lookup {
  /** The array parameter of external ids, e.g. `$3`. */
  ids: string;
  division?: string;
  system?: string;
  /** The column the ids are in (`account_external_id`: what waits for an account). */
  column?: string;
}

/** A FROM item: the rows of `table`, as `alias` (all columns), whose natural key has one of the ids. */
export function rowsByExternalIds(table: string, alias: string, { ids, division = '$1', system = '$2', column = 'external_id' }: Lookup): string {
  return `unnest(${ids}::text[]) AS wanted(external_id)
    CROSS JOIN LATERAL (SELECT * FROM ${table} r
      WHERE r.division_id = ${division} AND r.source_system = ${system} AND r.${column} = wanted.external_id OFFSET 0) AS ${alias}`;
}

/**
 * A division or source system parameter the planner cannot see: `(SELECT $1::uuid)`.
 * For statements that cannot look ids up one by one (an UPDATE joined to its
 * new rows): with the value hidden, the planner estimates the division system
 * as an average one (from the number of distinct values) instead of from what
 * its statistics say of this value, which for a division newer than them is
 * a row or two. (Tables never analyzed at all still plan badly until
 * autovacuum analyzes them, within a minute of a load.)
 */
export const unseen = (param: string, type: 'uuid' | 'text'): string => `(SELECT ${param}::${type})`;
