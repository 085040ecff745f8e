/**
 * Transactions that PostgreSQL may abort through no fault of their own — a
 * deadlock with a concurrent writer (two ingests taking the same engagement
 * rollup locks in another order, a merge) or a serialization failure — are run again:
 * the aborted attempt left nothing behind.
 */

/** The SQLSTATE of a failed query, as pg or TypeORM report it. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return e?.driverError?.code ?? e?.code;
}

/** Deadlock detected (40P01) or serialization failure (40001), as pg or TypeORM report it. */
export function isTransientFailure(error: unknown): boolean {
  const code = sqlState(error);
  return code === '40P01' || code === '40001';
}

/** A unique key violated (23505): a concurrent writer stored the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** Runs `work` (one whole transaction) up to `attempts` times while it fails transiently, waiting a little longer each time. */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientFailure(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}
