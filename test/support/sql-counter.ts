import { Client } from 'pg';
import { BACKGROUND } from '../../server/src/database/background';

/**
 * Counts the SQL statements sent through `pg` (the in-process test server's
 * pool included) while `work` runs, but those of the server's background work
 * on connections it marked (the engagement fold, every second). Used to show
 * that batch loading keeps the statement count of a page independent of its size.
 */
export async function countStatements(work: () => Promise<unknown>): Promise<number> {
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let count = 0;
  prototype.query = function counted(this: Client, ...args: unknown[]) {
    if (!(this as unknown as Record<symbol, boolean>)[BACKGROUND]) count += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return count;
}
