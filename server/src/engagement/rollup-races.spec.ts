import { accountMoves } from '../identity/account-moves.repository';
import { writeTouchpoints } from '../ingest/activity-writer';
import { attachParticipants } from '../ingest/contact-writer';
import { TouchpointType } from '../ingest/ingest.types';
import { addAccountRecord, addAccounts, addDivision, foldEngagement, useTestDatabase } from '../testing/database';
import { heldOpen, waitingForALock } from '../testing/races';
import { rollupState } from '../testing/rollups';
import { TimelineRepository } from '../touchpoints/timeline.repository';
import { engagementRollups } from './rollups';

/**
 * The rule of rollups.ts (every touchpoint counted or pending, never both,
 * never neither) when the hub's writers run at once under READ COMMITTED:
 * one writer changes a touchpoint's account while another is about to change
 * the same touchpoint.
 */

describe('engagement rollups under concurrent writers (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;

  beforeAll(async () => {
    divisionId = await addDivision(db, 'sales');
  });

  /** Outbox rows are touchpoints as they are; the rollups their definition over the counted touchpoints. */
  async function expectRule(): Promise<void> {
    const { strayOutboxRows, rollups, strayWords } = await rollupState(db);
    expect(strayOutboxRows).toEqual([]);
    expect(strayWords).toEqual([]);
    for (const { table, stored, defined } of rollups) expect({ table, rows: stored }).toEqual({ table, rows: defined });
  }

  const accountRecord = (accountId: string, externalId: string) => addAccountRecord(db, divisionId, externalId, accountId);

  it('a touchpoint its system files under another account while a merge moves it is counted once, where it is', async () => {
    const [x, y, z] = await addAccounts(db, 3);
    const records = { x: await accountRecord(x, 'AX'), z: await accountRecord(z, 'AZ') };
    const input = (accountExternalId: string) => ({ externalId: 'T-1', accountExternalId, type: TouchpointType.MEETING, occurredAt: new Date('2024-03-10T10:00:00Z') });
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('AX')], new Map([['AX', { recordId: records.x, accountId: x }]])));
    await foldEngagement(db);
    await expectRule();

    // A merge of X into Y has moved the touchpoint (and X's rollup rows) and holds the rollup locks of X and Y ...
    const merge = await heldOpen(db, async (tx) => {
      await accountMoves.lockAccounts(tx, [x, y]);
      await accountMoves.moveAll(tx, x, y);
    });
    // ... when an ingest (locking Z, the account the touchpoint is filed under now) changes the touchpoint.
    const ingest = db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('AZ')], new Map([['AZ', { recordId: records.z, accountId: z }]])));
    await waitingForALock(db);
    merge.release();
    await Promise.all([merge.committed, ingest]);

    expect(await db.query(`SELECT account_id FROM touchpoint WHERE external_id = 'T-1'`)).toEqual([{ account_id: z }]);
    await expectRule();
    await foldEngagement(db);
    await expectRule();
    expect(await db.query(`SELECT account_id, touch_count FROM engagement_month ORDER BY account_id`)).toEqual([{ account_id: z, touch_count: 1 }]);
  });

  it('a touchpoint its system files under another account while a split moves it is pending once, where it is', async () => {
    await db.query(`DELETE FROM touchpoint`);
    await db.query(`TRUNCATE engagement_month, engagement_colleague_month, engagement_person, engagement_colleague_person, touchpoint_outbox, touchpoint_words`);
    const [x, w, z] = await addAccounts(db, 3);
    const records = { x: await accountRecord(x, 'SX'), z: await accountRecord(z, 'SZ') };
    const input = (accountExternalId: string) => ({ externalId: 'T-2', accountExternalId, type: TouchpointType.CALL, occurredAt: new Date('2024-05-10T10:00:00Z') });
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('SX')], new Map([['SX', { recordId: records.x, accountId: x }]])));
    await foldEngagement(db);

    // A split moves X's record, with its touchpoint, to W and holds X's rollup lock ...
    const splitting = await heldOpen(db, async (tx) => {
      await accountMoves.lockAccounts(tx, [x, w]);
      await accountMoves.moveRecords(tx, [records.x], x, w);
    });
    // ... when an ingest (locking Z) re-files the touchpoint under Z's record.
    const ingest = db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('SZ')], new Map([['SZ', { recordId: records.z, accountId: z }]])));
    await waitingForALock(db);
    splitting.release();
    await Promise.all([splitting.committed, ingest]);

    expect(await db.query(`SELECT account_id FROM touchpoint WHERE external_id = 'T-2'`)).toEqual([{ account_id: z }]);
    await expectRule();
    await foldEngagement(db);
    await expectRule();
    expect(await db.query(`SELECT account_id, touch_count FROM engagement_month ORDER BY account_id`)).toEqual([{ account_id: z, touch_count: 1 }]);
  });

  it('a touchpoint waiting for a person gets them when their contact arrives while a merge moves the touchpoint', async () => {
    const [x, y, z] = await addAccounts(db, 3);
    const record = await accountRecord(x, 'PX');
    const input = { externalId: 'T-P', accountExternalId: 'PX', type: TouchpointType.MEETING, occurredAt: new Date('2024-06-10T10:00:00Z'), participantExternalIds: ['C-P'] };
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input], new Map([['PX', { recordId: record, accountId: x }]])));
    await foldEngagement(db);
    // The contact it names arrives filed under Z.
    const [person]: { id: string }[] = await db.query(`INSERT INTO stakeholder (account_id, name, name_key) VALUES ($1, 'Pia Plover', 'pia plover') RETURNING id`, [z]);
    await db.query(
      `INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, stakeholder_id, content_hash, raw, name, name_key, first_key, last_key)
       VALUES ($1, 'crm', 'C-P', 'PZ', $2, $3, '', '{}', 'Pia Plover', 'pia plover', 'pia', 'plover')`, [divisionId, z, person.id]);

    // A merge of X into Y has moved the touchpoint and not committed yet ...
    const merge = await heldOpen(db, async (tx) => {
      await accountMoves.lockAccounts(tx, [x, y]);
      await accountMoves.moveAll(tx, x, y);
    });
    // ... when the contact's batch attaches the people waiting for it (it reads the touchpoint at X, then locks it).
    const attach = db.transaction((tx) => attachParticipants(tx, divisionId, 'crm', [z], ['C-P']));
    await waitingForALock(db);
    merge.release();
    await Promise.all([merge.committed, attach]);

    expect(await db.query(`SELECT account_id, stakeholder_ids FROM touchpoint WHERE external_id = 'T-P'`)).toEqual([{ account_id: y, stakeholder_ids: [person.id] }]);
    await expectRule();
    await foldEngagement(db);
    await expectRule();
    expect(await db.query(`SELECT account_id, stakeholder_id FROM engagement_person WHERE stakeholder_id = $1`, [person.id])).toEqual([{ account_id: y, stakeholder_id: person.id }]);
  });

  it('a new version that changes only what a touchpoint says leaves the rollups and the outbox alone; one that moves it in time is recounted', async () => {
    const [x] = await addAccounts(db, 1);
    const record = await accountRecord(x, 'AC');
    const accounts = new Map([['AC', { recordId: record, accountId: x }]]);
    const input = (subject: string, occurredAt: string) => ({ externalId: 'T-C', accountExternalId: 'AC', type: TouchpointType.CALL, occurredAt: new Date(occurredAt), subject });
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('Intro', '2024-05-10T10:00:00Z')], accounts));
    await foldEngagement(db);
    const pending = async () => (await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`))[0].n;
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('Intro, with notes', '2024-05-10T10:00:00Z')], accounts));
    expect(await db.query(`SELECT subject, version FROM touchpoint WHERE external_id = 'T-C'`)).toEqual([{ subject: 'Intro, with notes', version: 2 }]);
    expect(await pending()).toBe(0);
    await expectRule();
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('Intro, with notes', '2024-07-01T10:00:00Z')], accounts));
    expect(await pending()).toBe(1);
    await expectRule();
    await foldEngagement(db);
    expect(await db.query(`SELECT to_char(month, 'YYYY-MM') AS month, touch_count FROM engagement_month WHERE account_id = $1`, [x])).toEqual([{ month: '2024-07', touch_count: 1 }]);
  });

  it('a new version that changes only a touchpoint\'s text while a fold writes its words ends with the words of the new text', async () => {
    const [x] = await addAccounts(db, 1);
    const record = await accountRecord(x, 'AW');
    const accounts = new Map([['AW', { recordId: record, accountId: x }]]);
    const input = (subject: string) => ({ externalId: 'T-W', accountExternalId: 'AW', type: TouchpointType.CALL, occurredAt: new Date('2024-04-10T10:00:00Z'), subject });
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('Budget review')], accounts));
    // A fold has written the words of the pending touchpoint as it was and not committed yet ...
    const fold = await heldOpen(db, async (tx) => {
      expect((await engagementRollups.foldPending(tx)).counted).toBeGreaterThan(0);
    });
    // ... when its system sends a version that says something else.
    const ingest = db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input('Tender closes')], accounts));
    await waitingForALock(db);
    fold.release();
    await Promise.all([fold.committed, ingest]);

    await expectRule();
    const timeline = new TimelineRepository(db);
    const found = async (text: string) => (await timeline.page({ accountId: x, limit: 10, text, readsConfidentialOf: 'ALL' })).map((t) => t.subject);
    expect([await found('tender'), await found('budget')]).toEqual([['Tender closes'], []]);
  });

  it('a merge while a fold writes the words of the merged account\'s touchpoints moves those words with them', async () => {
    const [x, y] = await addAccounts(db, 2);
    const record = await accountRecord(x, 'MW');
    const input = { externalId: 'T-MW', accountExternalId: 'MW', type: TouchpointType.MEETING, occurredAt: new Date('2024-08-10T10:00:00Z'), subject: 'Tender review' };
    await db.transaction((tx) => writeTouchpoints(tx, divisionId, 'crm', [input], new Map([['MW', { recordId: record, accountId: x }]])));
    // A fold has written the pending touchpoint's words at X and holds X's rollup lock ...
    const fold = await heldOpen(db, async (tx) => {
      expect((await engagementRollups.foldPending(tx)).counted).toBeGreaterThan(0);
    });
    // ... when a merge of X into Y moves the touchpoint (and waits for the lock to move the rollups).
    const merge = db.transaction(async (tx) => {
      await accountMoves.lockAccounts(tx, [x, y]);
      await accountMoves.moveAll(tx, x, y);
    });
    await waitingForALock(db);
    fold.release();
    await Promise.all([fold.committed, merge]);

    await expectRule();
    expect(await db.query(`SELECT w.account_id FROM touchpoint_words w JOIN touchpoint t ON t.id = w.touchpoint_id WHERE t.external_id = 'T-MW'`)).toEqual([{ account_id: y }]);
    const found = await new TimelineRepository(db).page({ accountId: y, limit: 10, text: 'tender', readsConfidentialOf: 'ALL' });
    expect(found.map((t) => t.externalId)).toEqual(['T-MW']);
  });
});
