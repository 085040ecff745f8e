import { ACCOUNT_NOTICES_KEYED } from '../database/migrations/1763904750000-AccountNoticesKeyedWhereTheyAre';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * What migration AccountNoticesKeyedWhereTheyAre does to silence and conflict notices merges moved before they
 * re-keyed them: one per colleague, account and key, keyed by the account they are at.
 */
describe('silence and conflict notices keyed where they are, for notices written before (real PostgreSQL)', () => {
  const db = useTestDatabase();

  it('re-keys stale notices at accounts that took others in, making those of the same key one', async () => {
    const division = await addDivision(db, 'logistics');
    const account: Record<string, string> = {};
    for (const name of ['A', 'B', 'C', 'L']) {
      [{ id: account[name] }] = await db.query(`INSERT INTO account (name, name_key) VALUES ($1, lower($1)) RETURNING id`, [`Account ${name}`]);
    }
    await db.query(`INSERT INTO account_merge (survivor_id, merged_id, merged_state, moved, merged_by) VALUES ($1, $2, '{}', '{}', 'test'), ($1, $3, '{}', '{}', 'test')`,
      [account.A, account.B, account.C]);
    const [{ id: colleague }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('m@ourco.example', 'M', $1) RETURNING id`, [division]);
    const notice = async (at: string, kind: string, key: string, read: boolean): Promise<string> => (await db.query(
      `INSERT INTO notice (colleague_id, account_id, kind, group_key, read_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [colleague, account[at], kind, key, read ? new Date() : null]))[0].id;
    const own = await notice('A', 'ACCOUNT_SILENT', `ACCOUNT_SILENT|${account.A}|t1`, true);
    await notice('A', 'ACCOUNT_SILENT', `ACCOUNT_SILENT|${account.B}|t1`, false);
    const brought = await notice('A', 'ACCOUNT_SILENT', `ACCOUNT_SILENT|${account.B}|t2`, true);
    const first = await notice('A', 'CRITICAL_INFO_CONFLICT', `CRITICAL_INFO_CONFLICT|${account.B}|Terms|x,y`, true);
    await notice('A', 'CRITICAL_INFO_CONFLICT', `CRITICAL_INFO_CONFLICT|${account.C}|Terms|x,y`, true);
    // An account that took nobody in is not read, and keeps its notices as they are.
    const elsewhere = await notice('L', 'ACCOUNT_SILENT', `ACCOUNT_SILENT|${account.B}|t3`, false);

    await db.query(ACCOUNT_NOTICES_KEYED.fold);
    await db.query(ACCOUNT_NOTICES_KEYED.rekey);

    expect(await db.query(`SELECT id, group_key AS key, read_at IS NOT NULL AS read FROM notice WHERE colleague_id = $1 ORDER BY group_key`, [colleague]))
      .toEqual([
        { id: own, key: `ACCOUNT_SILENT|${account.A}|t1`, read: false },
        { id: brought, key: `ACCOUNT_SILENT|${account.A}|t2`, read: true },
        { id: elsewhere, key: `ACCOUNT_SILENT|${account.B}|t3`, read: false },
        { id: first, key: `CRITICAL_INFO_CONFLICT|${account.A}|Terms|x,y`, read: true },
      ].sort((a, b) => a.key.localeCompare(b.key)));
  });
});
