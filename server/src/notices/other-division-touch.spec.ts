import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { EngagementRepository } from '../engagement/engagement.repository';
import { IdentityService } from '../identity/identity.service';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { Clock } from '../critical-info/clock';

/**
 * OTHER_DIVISION_TOUCH for touchpoints that a later version makes news to an
 * account's owners and watchers: redated into the recent past (from history,
 * or from plans once they happened), or filed under another account. Each
 * touchpoint tells an account's audience once, whatever versions follow.
 */
describe('another division’s touch told once per touchpoint and account (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  let watcher: string;
  const accounts: Record<string, string> = {};

  const send = (division: string, lists: Record<string, object[]>) =>
    db.transaction((tx) => ingestBatch(tx, divisions[division], division, { division, sourceSystem: division, ...lists } as unknown as IngestBatchInput));
  const touch = (externalId: string, account: string, occurredAt: string, summary = 'first') =>
    send('logistics', { touchpoints: [{ externalId, accountExternalId: account, type: 'MEETING', occurredAt, summary }] });
  /** The watcher's touch notices: account and count. */
  const told = async (): Promise<[string, number][]> => (await db.query(
    `SELECT account_id AS "accountId", occurrences FROM notice WHERE colleague_id = $1 AND kind = 'OTHER_DIVISION_TOUCH' ORDER BY account_id`, [watcher]))
    .map((n: { accountId: string; occurrences: number }) => [n.accountId, n.occurrences]);
  const reset = () => db.query(`DELETE FROM notice WHERE colleague_id = $1`, [watcher]);

  beforeAll(async () => {
    for (const key of ['sales', 'logistics']) divisions[key] = await addDivision(db, key);
    const landed = await send('logistics', { accounts: [
      { externalId: 'P', name: 'Pemberton Hollow Kilns', website: 'pemberton-hollow.example' },
      { externalId: 'Q', name: 'Quintara Marine Paints', website: 'quintara-marine.example' },
      { externalId: 'R', name: 'Rosslyn Anvil Works', website: 'rosslyn-anvil.example' },
    ] });
    [accounts.P, accounts.Q, accounts.R] = landed.items.map((i) => i.accountId!);
    [{ id: watcher }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('wes@ourco.example', 'Wes', $1) RETURNING id`, [divisions.sales]);
    for (const id of Object.values(accounts)) await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2)`, [id, watcher]);
  });
  beforeEach(reset);

  it('tells of a touchpoint redated from history into the recent past, once', async () => {
    await touch('H1', 'P', at(-24 * 40));
    expect(await told()).toEqual([]);
    // The division corrects the date: it happened yesterday. News to the watcher.
    await touch('H1', 'P', at(-24));
    expect(await told()).toEqual([[accounts.P, 1]]);
    // Later versions of the same touchpoint are not news again: edited, redated away and back.
    await touch('H1', 'P', at(-24), 'edited');
    await touch('H1', 'P', at(-24 * 40), 'edited');
    await touch('H1', 'P', at(-20), 'edited');
    expect(await told()).toEqual([[accounts.P, 1]]);
  });

  it('tells of a planned touchpoint once its next version says it happened, and of one told when it landed never again', async () => {
    await touch('PL1', 'P', at(48));
    expect(await told()).toEqual([]);
    await touch('PL1', 'P', at(-2), 'held');
    expect(await told()).toEqual([[accounts.P, 1]]);
    await touch('N1', 'P', at(-3));
    await touch('N1', 'P', at(-4), 'minutes added');
    expect(await told()).toEqual([[accounts.P, 2]]);
  });

  it('tells the audience of the account a touchpoint is filed under anew, once', async () => {
    await touch('F1', 'P', at(-5));
    expect(await told()).toEqual([[accounts.P, 1]]);
    await touch('F1', 'Q', at(-5));
    expect(await told()).toEqual([[accounts.P, 1], [accounts.Q, 1]].sort());
    await touch('F1', 'Q', at(-5), 'edited');
    expect(await told()).toEqual([[accounts.P, 1], [accounts.Q, 1]].sort());
  });

  // Found in review: the touchpoint remembered only the last account it was told to, so coming back told P again.
  it('tells an account once of a touchpoint filed under another account and back', async () => {
    await touch('FB1', 'P', at(-5));
    await touch('FB1', 'Q', at(-5));
    await touch('FB1', 'P', at(-5));
    expect(await told()).toEqual([[accounts.P, 1], [accounts.Q, 1]].sort());
  });

  // Found in review: the writer marked a new touchpoint told by the app's clock, the notice took it by the database's; one
  // that happened after the transaction began (a planned one to the database) was marked and never told.
  it('tells of a touchpoint that happened after its batch began once a later version says so', async () => {
    await db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await ingestBatch(tx, divisions.logistics, 'logistics', { division: 'logistics', sourceSystem: 'logistics',
        touchpoints: [{ externalId: 'CLK1', accountExternalId: 'P', type: 'CALL', occurredAt: new Date(Date.now() - 500).toISOString() }] } as unknown as IngestBatchInput);
    });
    // To the database the call was yet to happen when the batch wrote it: not news then ...
    expect(await told()).toEqual([]);
    // ... but once a version lands after it happened.
    await touch('CLK1', 'P', at(-0.01), 'minutes');
    expect(await told()).toEqual([[accounts.P, 1]]);
  });

  it('does not tell again of touchpoints a merge or split moves, nor of their next versions', async () => {
    const identity = new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
    await touch('M1', 'R', at(-6));
    await touch('M2', 'R', at(-24 * 40));
    await db.query(`DELETE FROM account_watch WHERE colleague_id = $1 AND account_id = $2`, [watcher, accounts.R]);
    await reset();
    // The touches were R's: merged into Q (watched), they are part of Q's timeline now, not news of the day.
    await identity.merge({ kind: 'admin-token' }, accounts.Q, accounts.R, 'one customer');
    await touch('M1', 'R', at(-6), 'edited');
    expect(await told()).toEqual([]);
    // One that was history and becomes recent is news, once, at the account it is at now.
    await touch('M2', 'R', at(-7));
    await touch('M2', 'R', at(-7), 'edited');
    expect(await told()).toEqual([[accounts.Q, 1]]);
  });

  // From the team's notes: a touchpoint told at both accounts kept only the survivor's mark through their merge; the split
  // undoing it gave the mark to the restored account, so the survivor lost its own and was told again by the next version.
  it('does not tell again at either account of a touchpoint told at both, after their merge and the split undoing it', async () => {
    const identity = new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
    const [{ id: recordP }] = await db.query(`SELECT id FROM source_account_record WHERE account_id = $1`, [accounts.P]);
    await touch('B1', 'Q', at(-5));
    await touch('B1', 'P', at(-5));
    await touch('B1', 'Q', at(-5));
    expect(await told()).toEqual([[accounts.P, 1], [accounts.Q, 1]].sort());
    await reset();
    // At Q, told at both: P takes Q in, and the split gives Q back (with the touchpoint, filed under Q's record).
    await identity.merge({ kind: 'admin-token' }, accounts.P, accounts.Q, 'one customer');
    const fromQ: { id: string }[] = await db.query(`SELECT id FROM source_account_record WHERE account_id = $1 AND id <> $2`, [accounts.P, recordP]);
    expect((await identity.split({ kind: 'admin-token' }, accounts.P, fromQ.map((r) => r.id))).restoredMerge).toBe(true);
    expect(await db.query(`SELECT account_id AS "accountId" FROM touchpoint WHERE external_id = 'B1'`)).toEqual([{ accountId: accounts.Q }]);
    // Filed under either account again, it is news at neither: both were told of it.
    await touch('B1', 'P', at(-5), 'edited');
    await touch('B1', 'Q', at(-5), 'edited again');
    expect(await told()).toEqual([]);
  });
  // Found by exploratory testing: an account record naming a colleague of another division as its owner made them hear of
  // the account, while the hub (ownedByMe, unwatchAccount) said they owned nothing there and they could not stop it.
  it('tells a division\'s owner only when the colleague the record names is of that division', async () => {
    const [{ id: moved }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('mo@ourco.example', 'Mo', $1) RETURNING id`, [divisions.sales]);
    const [{ id: own }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('lu@ourco.example', 'Lu', $1) RETURNING id`, [divisions.logistics]);
    await send('logistics', { accounts: [
      { externalId: 'O1', name: 'Oddington Sail Lofts', website: 'oddington-sail.example', ownerEmail: 'Mo@ourco.example' },
      { externalId: 'O2', name: 'Ormsby Clockworks', website: 'ormsby-clock.example', ownerEmail: 'lu@ourco.example' },
    ] });
    divisions.service = await addDivision(db, 'service');
    await send('service', { accounts: [
      { externalId: 'S1', name: 'Oddington Sail Lofts', website: 'oddington-sail.example' }, { externalId: 'S2', name: 'Ormsby Clockworks', website: 'ormsby-clock.example' },
    ] });
    await send('service', { touchpoints: [
      { externalId: 'OT1', accountExternalId: 'S1', type: 'CALL', occurredAt: at(-1) }, { externalId: 'OT2', accountExternalId: 'S2', type: 'CALL', occurredAt: at(-1) },
    ] });
    const noticesOf = async (colleague: string) => (await db.query(`SELECT count(*)::int AS n FROM notice WHERE colleague_id = $1`, [colleague]))[0].n;
    expect([await noticesOf(moved), await noticesOf(own)]).toEqual([0, 1]);
    // Nor does engagement name them as the division's owner: their email only.
    const [o1] = (await db.query(`SELECT account_id AS id FROM source_account_record WHERE external_id = 'O1'`));
    const logistics = (await new EngagementRepository(db).figures(o1.id, null)).divisions.find((d) => d.divisionId === divisions.logistics)!;
    expect({ ids: logistics.ownerIds, emails: logistics.ownerEmails }).toEqual({ ids: [], emails: ['mo@ourco.example'] });
  });
});
