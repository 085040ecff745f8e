import { v7 } from 'uuid';

/**
 * Time-ordered UUIDs (version 7, RFC 9562, from the `uuid` package: 48 bits of
 * Unix milliseconds, then a counter, so ids one process makes are strictly
 * increasing even within a millisecond) for the rows ingest creates in bulk
 * (account records, accounts). A random UUID puts every new row at a random
 * place of each index that starts with it, so each insert touches a leaf page
 * of its own; these go to the right edge, a few pages per batch. They also
 * make the order in which blocking reads the holders of a key (by record id)
 * the order in which records arrived, instead of a random one.
 */
export function orderedId(): string {
  return v7();
}
