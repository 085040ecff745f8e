import { DataSource, EntityManager } from 'typeorm';

/**
 * A mark on the `pg` client of background work (the engagement fold, the
 * live feed's LISTEN connection with its heartbeat): tests
 * that count the statements a request costs (test/support/sql-counter.ts)
 * leave out what runs beside it on its own connection.
 */
export const BACKGROUND = Symbol.for('ourcustomer.background');

/** Runs `work` on a connection of its own, marked as background work while it holds it; each `inTransaction` call is one transaction. */
export async function inBackground<T>(db: DataSource, work: (inTransaction: <R>(step: (tx: EntityManager) => Promise<R>) => Promise<R>) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  const client = (runner as unknown as { databaseConnection: Record<symbol, boolean> }).databaseConnection;
  client[BACKGROUND] = true;
  try {
    return await work((step) => runner.manager.transaction(step));
  } finally {
    client[BACKGROUND] = false;
    await runner.release();
  }
}
