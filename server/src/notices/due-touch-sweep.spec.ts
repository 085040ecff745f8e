import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { explaining, scansOf } from '../testing/plans';
import { heldOpen, waitingForALock } from '../testing/races';
import { dueTouches, noticeDueTouches } from './notice-producers';
import { NoticesRepository } from './notices.repository';
import { DueTouchSweep } from './notices.service';

/**
 * A planned touchpoint whose date comes without a new version is told (OTHER_DIVISION_TOUCH) as one that lands after
 * it happened is: once per account, by the same rule and mark, found through the index of plans by date.
 */
describe('the due-touch sweep (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};
  const accounts: Record<string, string> = {};
  let watcher: string;
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const sweep = () => new DueTouchSweep(new NoticesRepository(db), { notices: { dueTouchSweepSeconds: 0 } } as AppConfig).run();

  const send = (tx: EntityManager, lists: Record<string, object[]>) =>
    ingestBatch(tx, divisions.logistics, 'logistics', { division: 'logistics', sourceSystem: 'logistics', ...lists } as unknown as IngestBatchInput);
  const touch = (externalId: string, occurredAt: string, summary = 'planned', account = 'D') =>
    db.transaction((tx) => send(tx, { touchpoints: [{ externalId, accountExternalId: account, type: 'MEETING', occurredAt, summary }] }));
  /** Time passes for a touchpoint: it landed, and happens, `hours` earlier than it says. */
  const passed = (externalId: string, hours: number) => db.query(
    `UPDATE touchpoint SET created_at = created_at - make_interval(hours => $2), occurred_at = occurred_at - make_interval(hours => $2) WHERE external_id = $1`,
    [externalId, hours]);
  /** The watcher's touch notices: account, count, touchpoints named. */
  const told = async () => db.query(
    `SELECT n.account_id AS "accountId", n.occurrences, (SELECT array_agg(t.external_id ORDER BY t.external_id) FROM touchpoint t WHERE n.data->'touchpointIds' ? t.id::text) AS touchpoints
       FROM notice n WHERE n.colleague_id = $1 AND n.kind = 'OTHER_DIVISION_TOUCH' ORDER BY n.account_id`, [watcher]);

  beforeAll(async () => {
    for (const key of ['sales', 'logistics']) divisions[key] = await addDivision(db, key);
    const landed = await db.transaction((tx) => send(tx, { accounts: [
      { externalId: 'D', name: 'Dunmore Quarry Tiles', website: 'dunmore-quarry.example' },
      { externalId: 'E', name: 'Eskdale Rope Makers', website: 'eskdale-rope.example' },
    ] }));
    [accounts.D, accounts.E] = landed.items.map((i) => i.accountId!);
    [{ id: watcher }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('dora@ourco.example', 'Dora', $1) RETURNING id`, [divisions.sales]);
    for (const id of Object.values(accounts)) await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2)`, [id, watcher]);
  });
  beforeEach(() => db.query(`DELETE FROM notice`));

  it('tells of a plan once its date has come, once, and not of its later versions', async () => {
    await touch('P1', at(2));
    await sweep();
    expect(await told()).toEqual([]);
    await passed('P1', 3);
    await sweep();
    expect(await told()).toEqual([{ accountId: accounts.D, occurrences: 1, touchpoints: ['P1'] }]);
    await sweep();
    await touch('P1', at(-1), 'minutes added');
    expect(await told()).toEqual([{ accountId: accounts.D, occurrences: 1, touchpoints: ['P1'] }]);
  });

  it('tells only of plans whose date came within the recent days, never of one told already nor of history', async () => {
    await touch('OLD', at(2));
    await passed('OLD', 24 * 15);
    await touch('SOON', at(5));
    await touch('TOLD', at(2));
    await passed('TOLD', 3);
    await touch('TOLD', at(-1), 'held');
    await touch('HIST', at(-24 * 20));
    await touch('NOW', at(1), 'planned', 'E');
    await passed('NOW', 2);
    await db.query(`DELETE FROM notice`);
    await sweep();
    expect(await told()).toEqual([{ accountId: accounts.E, occurrences: 1, touchpoints: ['NOW'] }]);
  });

  it('finds the due touchpoints through the index of plans by date, not by reading every touchpoint', async () => {
    // Many touchpoints that landed after they happened, a few plans: the planner has numbers to choose by.
    await db.query(
      `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, created_at, content_hash)
       SELECT $1, $2, 'bulk', 'B-' || g, gen_random_uuid(), 'CALL', now() - make_interval(hours => g % 2000), now(), 'h' FROM generate_series(1, 20000) g`,
      [accounts.D, divisions.logistics]);
    await db.query('ANALYZE touchpoint');
    const plans: { type: string; relation: string; index?: string }[][] = [];
    await db.transaction(async (tx) => {
      const watched = explaining(tx, ({ plan }) => plans.push(scansOf(plan).filter((s) => s.relation === 'touchpoint' || s.index?.startsWith('touchpoint'))));
      await dueTouches(watched, 500);
    });
    expect(plans).toHaveLength(1);
    expect(plans[0].filter((s) => s.type === 'Seq Scan')).toEqual([]);
    expect([...new Set(plans[0].map((s) => s.index).filter(Boolean))]).toEqual(['touchpoint_planned_idx']);
  });

  it.each([
    ['the sweep first, an ingest telling the same touchpoint beside it', 'sweep'],
    ['an ingest first, the sweep beside it', 'ingest'],
  ])('tells once when they race: %s', async (_, first) => {
    const id = `RACE-${first}`;
    await touch(id, at(1));
    await passed(id, 2);
    const sweepIn = (tx: EntityManager) => noticeDueTouches(tx, 500).then(() => undefined);
    const ingestIn = (tx: EntityManager) => send(tx, { touchpoints: [{ externalId: id, accountExternalId: 'D', type: 'MEETING', occurredAt: at(-1), summary: 'held' }] }).then(() => undefined);
    const held = await heldOpen(db, first === 'sweep' ? sweepIn : ingestIn);
    const other = db.transaction(first === 'sweep' ? ingestIn : sweepIn);
    await waitingForALock(db);
    held.release();
    await Promise.all([held.committed, other]);
    expect(await told()).toEqual([{ accountId: accounts.D, occurrences: 1, touchpoints: [id] }]);
  });
});
