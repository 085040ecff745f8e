import { engagementRollups } from '../engagement/rollups';
import { addAccountRecord, addAccounts, addDivision, foldEngagement, useTestDatabase } from './database';

/**
 * `foldEngagement` is what API tests call before reading the rollups. A running hub folds too (EngagementFolder):
 * while its fold holds an account's rollup lock, a test's fold skips that account and counts nothing. It must then
 * wait for the hub's fold to commit, not return with the rollups still empty (CI saw identity.test.ts read empty
 * rollups this way).
 */
describe('foldEngagement', () => {
  const db = useTestDatabase();

  it('waits for a fold another connection holds the rollup locks for, and returns with nothing pending', async () => {
    const division = await addDivision(db, 'exhibits');
    const [account] = await addAccounts(db, 1);
    const record = await addAccountRecord(db, division, 'acme', account);
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, content_hash)
       VALUES ($1, $2, 'crm', 't-1', $3, 'CALL', '2026-09-22T10:00:00Z', 'h') RETURNING id`, [account, division, record]);
    await db.transaction((tx) => engagementRollups.pend(tx, [{ accountId: account, id }]));

    // The "hub": a fold that has taken the locks and counted, not yet committed.
    const hub = db.createQueryRunner();
    await hub.connect();
    await hub.startTransaction();
    expect((await engagementRollups.foldPending(hub.manager)).counted).toBe(1);
    let returned = false;
    const folding = foldEngagement(db).then(() => { returned = true; });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(returned).toBe(false);
    await hub.commitTransaction();
    await hub.release();
    await folding;
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`)).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT touch_count FROM engagement_month WHERE account_id = $1`, [account])).toEqual([{ touch_count: 1 }]);
  });
});
