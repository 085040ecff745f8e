import { DataSource, EntityManager } from 'typeorm';

/**
 * What race tests use to put two writers in a chosen order on their own
 * connections: one holds its transaction open, uncommitted, while the other
 * runs into what it locked.
 */

/** Resolves once `condition` holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting for a lock wait');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a session of this database waits for a lock (a row's, a unique key's, an advisory lock). */
export async function someoneWaitsForALock(db: DataSource): Promise<boolean> {
  const [{ n }]: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()`);
  return n > 0;
}

/** Until a session of this database waits for a lock. */
export function waitingForALock(db: DataSource): Promise<void> {
  return waitFor(() => someoneWaitsForALock(db));
}

/**
 * Runs `work` in a transaction left open, uncommitted, until `release()`: returns once `work` is done
 * (what it changed is locked, and invisible to others, meanwhile). `committed` settles at its end.
 */
export async function heldOpen(db: DataSource, work: (tx: EntityManager) => Promise<void>): Promise<{ release: () => void; committed: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let done!: () => void;
  const worked = new Promise<void>((resolve) => (done = resolve));
  const committed = db.transaction(async (tx) => {
    await work(tx);
    done();
    await held;
  });
  await Promise.race([worked, committed]);
  return { release, committed };
}
