import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { useTestDatabase } from '../testing/database';
import { TimelineQuery, TimelineRepository } from './timeline.repository';

/** The statement and parameters the repository sends for a query (captured, not run). */
async function statementOf(query: TimelineQuery): Promise<{ sql: string; parameters: unknown[] }> {
  const sent = { sql: '', parameters: [] as unknown[] };
  const standIn = { query: async (sql: string, parameters: unknown[]) => Object.assign(sent, { sql, parameters }) && [] };
  await new TimelineRepository(standIn as unknown as DataSource).page(query);
  return sent;
}

describe('TimelineRepository: the indexes its filters rely on', () => {
  const db = useTestDatabase();

  /**
   * The plan of the statement with `index` as the only way in other than reading
   * the whole table (forbidden): the other indexes of touchpoint are dropped in a
   * transaction that is rolled back. An empty table would otherwise always be
   * read through the timeline index.
   */
  async function planWithOnly(index: string, query: TimelineQuery): Promise<string> {
    const { sql, parameters } = await statementOf(query);
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      const others: { name: string; constraint: string | null }[] = await runner.query(
        `SELECT i.indexrelid::regclass::text AS name, c.conname AS constraint
           FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
          WHERE i.indrelid = 'touchpoint'::regclass AND i.indexrelid::regclass::text <> $1`,
        [index],
      );
      for (const other of others) {
        await runner.query(other.constraint ? `ALTER TABLE touchpoint DROP CONSTRAINT ${other.constraint} CASCADE` : `DROP INDEX ${other.name}`);
      }
      await runner.query(`SET LOCAL enable_seqscan = off`);
      const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql}`, parameters);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  const base = { accountId: randomUUID(), limit: 50, readsConfidentialOf: 'ALL' as const };

  // The word filter's plans: timeline-words.spec.ts.

  it('finds a person through touchpoint_stakeholders_idx', async () => {
    expect(await planWithOnly('touchpoint_stakeholders_idx', { ...base, stakeholderIds: [randomUUID()] })).toMatch(/Bitmap Index Scan on touchpoint_stakeholders_idx/);
  });
});
