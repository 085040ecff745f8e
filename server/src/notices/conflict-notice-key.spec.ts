import { criticalInfoConflictKey, noticeCriticalInfoConflict } from './notice-producers';
import { addAccounts, addDivision, useTestDatabase } from '../testing/database';

/**
 * The group key of a critical-info conflict notice names the conflict's sides by a digest: the values themselves (a
 * TEXT value may be 2,000 characters) made keys past the btree's 2,704-byte limit, and the statement telling of the
 * conflict failed, taking the assertion or the whole ingest batch with it (found in review).
 */
describe('conflict notice keys (real PostgreSQL)', () => {
  const db = useTestDatabase();

  it('tells of a conflict between long values, once, with a key of bounded length', async () => {
    const [sales, logistics, print] = [await addDivision(db, 'sales'), await addDivision(db, 'logistics'), await addDivision(db, 'print')];
    const [account] = await addAccounts(db, 1);
    const [{ id: watcher }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('w@ourco.example', 'W', $1) RETURNING id`, [sales]);
    await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2)`, [account, watcher]);
    // Values that do not compress: 2,000 characters each, as a TEXT field takes them.
    const long = (seed: number) => JSON.stringify(Array.from({ length: 2000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919 + seed * 104729) % 20000))).join(''));
    const sides = [{ divisionId: logistics, value: long(1) }, { divisionId: print, value: long(2) }];
    const conflict = { accountId: account, fieldId: 'f-rules', fieldLabel: 'Procurement rules', sinceResolutionId: null, sides, assertionIds: ['a-1', 'a-2'] };
    await db.transaction((tx) => noticeCriticalInfoConflict(tx, conflict));
    // The same sides in another order, restated: the same key, no second notice.
    await db.transaction((tx) => noticeCriticalInfoConflict(tx, { ...conflict, sides: [...sides].reverse(), assertionIds: ['a-3', 'a-2'] }));
    const notices = await db.query(`SELECT group_key AS "groupKey" FROM notice WHERE colleague_id = $1`, [watcher]);
    expect(notices).toHaveLength(1);
    expect(notices[0].groupKey).toBe(criticalInfoConflictKey(conflict));
    expect(notices[0].groupKey.length).toBeLessThan(200);
    expect(notices[0].groupKey.startsWith(`CRITICAL_INFO_CONFLICT|${account}|f-rules|-|`)).toBe(true);
    // Another value on a side is another conflict.
    expect(criticalInfoConflictKey({ ...conflict, sides: [sides[0], { divisionId: print, value: long(3) }] })).not.toBe(notices[0].groupKey);
  });
});
