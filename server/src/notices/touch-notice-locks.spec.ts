import { EntityManager } from 'typeorm';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { heldOpen, waitFor } from '../testing/races';
import { foldTouchNoticesOnMerge } from './touch-notices';

/**
 * A matching merge holds its survivor only FOR KEY SHARE, so an ingest beside
 * it can write touch notices of the survivor while the merge folds the merged
 * account's notices into them. Both lock several of those notices: in one
 * order (colleague, group key), or they deadlock.
 */
describe('touch notices written beside a merge folding them (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const send = (tx: EntityManager, lists: Record<string, object[]>) =>
    ingestBatch(tx, divisions.logistics, 'logistics', { division: 'logistics', sourceSystem: 'logistics', ...lists } as unknown as IngestBatchInput);
  const waiting = async (n: number) => waitFor(async () => (await db.query(
    `SELECT count(DISTINCT l.pid)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()`))[0].n >= n);

  beforeAll(async () => {
    for (const key of ['sales', 'logistics']) divisions[key] = await addDivision(db, key);
  });

  it.each(['one', 'two'])('lets an ingest and a merge into the same account wait for each other, never deadlock (round %s)', async (round) => {
    const landed = await db.transaction((tx) => send(tx, { accounts: [
      { externalId: `${round}-T`, name: `Tolliver Sluice ${round === 'one' ? 'Gates' : 'Valves'}`, website: `${round}-t.example` },
      { externalId: `${round}-F`, name: `Fenwright ${round === 'one' ? 'Coopers' : 'Smithy'}`, website: `${round}-f.example` },
    ] }));
    const [to, from] = landed.items.map((i) => i.accountId!);
    for (let i = 0; i < 8; i++) {
      const [{ id }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ($1, 'W', $2) RETURNING id`, [`${round}-${i}@ourco.example`, divisions.sales]);
      await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $3), ($2, $3)`, [to, from, id]);
    }
    await db.transaction((tx) => send(tx, { touchpoints: [
      { externalId: `${round}-1`, accountExternalId: `${round}-T`, type: 'CALL', occurredAt: hourAgo },
      { externalId: `${round}-2`, accountExternalId: `${round}-F`, type: 'CALL', occurredAt: hourAgo },
    ] }));
    // Someone holds the survivor's notices a moment (a colleague marking them read), so both writers queue up behind it.
    const reader = await heldOpen(db, async (tx) => {
      await tx.query(`SELECT id FROM notice WHERE account_id = $1 FOR UPDATE`, [to]);
    });
    const merge = db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM account WHERE id = $1 FOR UPDATE`, [from]);
      await tx.query(`SELECT id FROM account WHERE id = $1 FOR KEY SHARE`, [to]);
      await foldTouchNoticesOnMerge(tx, from, to);
    });
    await waiting(1);
    const ingest = db.transaction((tx) => send(tx, { touchpoints: [{ externalId: `${round}-3`, accountExternalId: `${round}-T`, type: 'CALL', occurredAt: hourAgo }] }));
    await waiting(2);
    reader.release();
    await reader.committed;
    const outcomes = await Promise.allSettled([merge, ingest]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'done'))).toEqual(['done', 'done']);
    expect(await db.query(`SELECT DISTINCT occurrences FROM notice WHERE account_id = $1`, [to])).toEqual([{ occurrences: 3 }]);
  });
});
