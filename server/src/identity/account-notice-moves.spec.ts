import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { moveConflictNotices } from '../notices/account-notices';
import { criticalInfoConflictKey, noticeCriticalInfoConflict, noticeSilentAccounts } from '../notices/notice-producers';
import { addDivision, useTestDatabase } from '../testing/database';
import { IdentityService } from './identity.service';
import { Clock } from '../critical-info/clock';

/**
 * ACCOUNT_SILENT and CRITICAL_INFO_CONFLICT notices through merges and splits: keyed by the account they are at, one
 * per colleague, kind, account and key (a merge folds the two of a silence told at both), given back by the split
 * undoing the merge. From the team's notes: merged, they kept the merged account's id in their key, and the survivor's
 * next notice of the same silence or conflict was a second one.
 */
describe('silence and conflict notices through merges and splits (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const principal: Principal = { kind: 'admin-token' };
  const identity = () => new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
  const divisions: Record<string, string> = {};
  const SILENT_DAYS = 30;
  const daysAgo = (days: number) => new Date(Date.UTC(2020, 0, 1) + Math.floor((Date.now() - Date.UTC(2020, 0, 1)) / 86_400_000 - days) * 86_400_000).toISOString();

  beforeAll(async () => {
    for (const key of ['sales', 'service', 'logistics']) divisions[key] = await addDivision(db, key);
  });

  const send = (division: string, lists: Record<string, object[]>) =>
    db.transaction((tx) => ingestBatch(tx, divisions[division], division, { division, sourceSystem: division, ...lists } as unknown as IngestBatchInput));
  const sweep = () => db.transaction((tx) => noticeSilentAccounts(tx, SILENT_DAYS));

  /** Two customers, one Service knows (`${key}-X`, last touched `lastX` days ago) and one Logistics knows (`${key}-M`); a Sales colleague watching both. */
  async function twoCustomers(key: string, names: [string, string], lastX: number, lastM: number) {
    const site = (name: string) => `${name.toLowerCase().replace(/\W+/g, '-')}.example`;
    const x = (await send('service', { accounts: [{ externalId: `${key}-X`, name: names[0], website: site(names[0]) }] })).items[0];
    const m = (await send('logistics', { accounts: [{ externalId: `${key}-M`, name: names[1], website: site(names[1]) }] })).items[0];
    await send('service', { touchpoints: [{ externalId: `${key}-S`, accountExternalId: `${key}-X`, type: 'CALL', occurredAt: daysAgo(lastX) }] });
    await send('logistics', { touchpoints: [{ externalId: `${key}-L`, accountExternalId: `${key}-M`, type: 'CALL', occurredAt: daysAgo(lastM) }] });
    const [{ id: colleague }] = await db.query(
      `INSERT INTO colleague (email, name, division_id) VALUES ($1, 'Watcher', $2) RETURNING id`, [`${key}@ourco.example`, divisions.sales]);
    for (const account of [x.accountId, m.accountId]) await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2)`, [account, colleague]);
    return { x: x.accountId!, m: m.accountId!, mRecord: m.recordId!, colleague: colleague as string };
  }

  interface Told { id: string; accountId: string; groupKey: string; read: boolean }
  const told = async (colleague: string, kind: string): Promise<Told[]> => db.query(
    `SELECT id, account_id AS "accountId", group_key AS "groupKey", read_at IS NOT NULL AS read FROM notice
      WHERE colleague_id = $1 AND kind = $2 ORDER BY group_key`, [colleague, kind]);
  const silence = (account: string, days: number) => `ACCOUNT_SILENT|${account}|${new Date(daysAgo(days)).toISOString().replace('T', ' ').replace('.000Z', '+00')}`;

  it('keeps one notice of a silence told at both accounts through merge, split and merge again', async () => {
    const { x, m, mRecord, colleague } = await twoCustomers('ss', ['Orbison Slate Roofing', 'Tamsworth Bell Foundry'], 40, 40);
    await sweep();
    const before = await told(colleague, 'ACCOUNT_SILENT');
    expect(before.map((n) => n.accountId).sort()).toEqual([x, m].sort());
    const atX = before.find((n) => n.accountId === x)!;
    const atM = before.find((n) => n.accountId === m)!;
    await db.query(`UPDATE notice SET read_at = now() WHERE id = $1`, [atX.id]);

    await identity().merge(principal, x, m, 'one customer');
    // One silence of one account now: one notice, the survivor's, unread as the one it took in was.
    expect(await told(colleague, 'ACCOUNT_SILENT')).toEqual([{ id: atX.id, accountId: x, groupKey: atX.groupKey, read: false }]);
    await sweep();
    expect(await told(colleague, 'ACCOUNT_SILENT')).toHaveLength(1);

    await identity().split(principal, x, [mRecord]);
    // Each account has its own again, as it was.
    expect(await told(colleague, 'ACCOUNT_SILENT')).toEqual([atX, atM].sort((a, b) => a.groupKey.localeCompare(b.groupKey)).map((n) => ({ ...n, read: n.id === atX.id })));
    await sweep();
    expect(await told(colleague, 'ACCOUNT_SILENT')).toHaveLength(2);

    await identity().merge(principal, x, m, 'one customer after all', true);
    await sweep();
    expect(await told(colleague, 'ACCOUNT_SILENT')).toEqual([{ id: atX.id, accountId: x, groupKey: atX.groupKey, read: false }]);
  });

  it('does not tell again of the silence the merged account brought, and gives it back with the split', async () => {
    const { x, m, mRecord, colleague } = await twoCustomers('sd', ['Harrowgate Loom Works', 'Pellingham Salt Co'], 50, 40);
    await sweep();
    const before = await told(colleague, 'ACCOUNT_SILENT');
    expect(before).toHaveLength(2);

    await identity().merge(principal, x, m, 'one customer');
    // The merged account's silence (the later last touch) is the survivor's silence now: told already, under its key.
    expect((await told(colleague, 'ACCOUNT_SILENT')).map((n) => n.groupKey)).toEqual([silence(x, 40), silence(x, 50)].sort());
    await sweep();
    expect(await told(colleague, 'ACCOUNT_SILENT')).toHaveLength(2);

    await identity().split(principal, x, [mRecord]);
    expect((await told(colleague, 'ACCOUNT_SILENT')).map((n) => [n.accountId, n.groupKey]))
      .toEqual([[m, silence(m, 40)], [x, silence(x, 50)]].sort((a, b) => a[1].localeCompare(b[1])));
    expect((await told(colleague, 'ACCOUNT_SILENT')).map((n) => n.id).sort()).toEqual(before.map((n) => n.id).sort());
    await sweep();
    expect(await told(colleague, 'ACCOUNT_SILENT')).toHaveLength(2);
  });

  it('keys a conflict notice by the account it is at through merge, split and merge again', async () => {
    const { x, m, mRecord, colleague } = await twoCustomers('cf', ['Wendover Glass Annealers', 'Cravenby Pewter'], 1, 1);
    const sides = [{ divisionId: divisions.service, value: '"net 30"' }, { divisionId: divisions.logistics, value: '"net 60"' }];
    const conflict = (accountId: string) => db.transaction((tx) => noticeCriticalInfoConflict(tx, {
      accountId, fieldId: 'f-payment-terms', fieldLabel: 'Payment terms', sinceResolutionId: null, sides, assertionIds: ['a-2', 'a-1'] }));
    const key = (account: string) => criticalInfoConflictKey({ accountId: account, fieldId: 'f-payment-terms', sinceResolutionId: null, sides });
    await conflict(m);
    const [atM] = await told(colleague, 'CRITICAL_INFO_CONFLICT');

    await identity().merge(principal, x, m, 'one customer');
    expect(await told(colleague, 'CRITICAL_INFO_CONFLICT')).toEqual([{ ...atM, accountId: x, groupKey: key(x) }]);
    // The same conflict, told again at the survivor: not a second notice.
    await conflict(x);
    expect(await told(colleague, 'CRITICAL_INFO_CONFLICT')).toHaveLength(1);

    await identity().split(principal, x, [mRecord]);
    expect(await told(colleague, 'CRITICAL_INFO_CONFLICT')).toEqual([{ ...atM, accountId: m, groupKey: key(m) }]);
    await conflict(m);
    expect(await told(colleague, 'CRITICAL_INFO_CONFLICT')).toHaveLength(1);

    await identity().merge(principal, x, m, 'one customer after all', true);
    await conflict(x);
    expect(await told(colleague, 'CRITICAL_INFO_CONFLICT')).toEqual([{ ...atM, accountId: x, groupKey: key(x) }]);
  });
  // Found merging the conflict key's new form: the split's attribution read the assertions from the key, which holds the sides now.
  it('moves a conflict notice with a split that takes every assertion it was told of, and only then; old keys too', async () => {
    const { x, m, colleague } = await twoCustomers('mv', ['Quillfeather Inks', 'Rookhaven Tanning'], 1, 1);
    const sides = [{ divisionId: divisions.service, value: '"a"' }, { divisionId: divisions.logistics, value: '"b"' }];
    await db.transaction((tx) => noticeCriticalInfoConflict(tx, {
      accountId: x, fieldId: 'f-terms', fieldLabel: 'Terms', sinceResolutionId: null, sides, assertionIds: ['c-1', 'c-2'] }));
    const atX = async () => (await told(colleague, 'CRITICAL_INFO_CONFLICT')).map((n) => n.accountId);
    expect(await db.transaction((tx) => moveConflictNotices(tx, ['c-1', 'c-9'], x, m))).toEqual([]);
    expect(await atX()).toEqual([x]);
    expect(await db.transaction((tx) => moveConflictNotices(tx, ['c-1', 'c-2', 'c-9'], x, m))).toHaveLength(1);
    expect(await atX()).toEqual([m]);
    // A notice told before the key named sides: its assertions are the key's last part.
    await db.query(`INSERT INTO notice (colleague_id, account_id, kind, group_key, data) VALUES ($1, $2, 'CRITICAL_INFO_CONFLICT', $3, '{}')`,
      [colleague, x, `CRITICAL_INFO_CONFLICT|${x}|Terms|c-3,c-4`]);
    expect(await db.transaction((tx) => moveConflictNotices(tx, ['c-3', 'c-4'], x, m))).toHaveLength(1);
    expect((await told(colleague, 'CRITICAL_INFO_CONFLICT')).map((n) => [n.accountId, n.groupKey.split('|')[1]])).toEqual([[m, m], [m, m]]);
  });
});
