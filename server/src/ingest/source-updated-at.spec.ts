import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/config';
import { fixedClock } from '../critical-info/clock';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { foldEngagement, useTestDatabase } from '../testing/database';
import { useDivisionIngest } from '../testing/ingest';
import { IngestService } from './ingest.service';
import { heldOpen, waitingForALock } from '../testing/races';
import { heldItems, rejectedItems } from './held-items.repository';
import { IngestItemKind, IngestItemResult, IngestResult } from './ingest.types';
import { RejectedItemsService } from './rejected-items.service';

/**
 * Versions that say when their system changed them (sourceUpdatedAt): divisions push what they know repeatedly and
 * out of order, so arrival alone does not say which version is current (found by exploratory testing: a delayed old
 * version regressed the record, and a change log imported again wrote every old version over the newest one).
 */
describe('sourceUpdatedAt: an older version than the stored one is not applied (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const sourceSystem = 'order-crm';
  const T1 = '2026-01-01T10:00:00Z';
  const T2 = '2026-01-02T10:00:00Z';
  const T3 = '2026-01-03T10:00:00Z';

  const { ingest } = useDivisionIngest(db, sourceSystem, { externalId: 'ACC', name: 'Order Corp' });

  const TABLES = { accounts: 'source_account_record', contacts: 'source_contact_record', touchpoints: 'touchpoint', opportunities: 'opportunity' } as const;
  type List = keyof typeof TABLES;

  /** An item of `list` whose content is `text` (in a field each kind has), changed by its system at `at` (absent: not said). */
  function item(list: List, externalId: string, text: string, at?: string): object {
    const when = at ? { sourceUpdatedAt: at } : {};
    if (list === 'accounts') return { externalId, name: 'Order Corp', industry: text, ...when };
    if (list === 'contacts') return { externalId, accountExternalId: 'ACC', name: 'Ada Order', title: text, ...when };
    if (list === 'touchpoints') return { externalId, accountExternalId: 'ACC', type: 'CALL', occurredAt: '2026-01-01T09:00:00Z', subject: text, ...when };
    return { externalId, accountExternalId: 'ACC', name: 'Deal', stage: 'Open', currency: text, ...when };
  }

  /** What the hub holds of a record: its content field, version, time, and how many versions it keeps in its history. */
  async function stored(list: List, externalId: string) {
    const text = { accounts: `raw->>'industry'`, contacts: `raw->>'title'`, touchpoints: 'subject', opportunities: 'currency' }[list];
    const [row] = await db.query(
      `SELECT ${text} AS text, version, source_updated_at AS at, (SELECT count(*)::int FROM source_record_version v WHERE v.record_id = t.id) AS history
         FROM ${TABLES[list]} t WHERE source_system = $1 AND external_id = $2`, [sourceSystem, externalId]);
    return row as { text: string; version: number; at: Date | null; history: number };
  }

  const status = (r: IngestResult) => r.items.map((i) => i.status);

  describe.each(Object.keys(TABLES) as List[])('%s', (list) => {
    const contentOf = (v: string) => (list === 'opportunities' ? { v1: 'EUR', v2: 'USD', v3: 'GBP' }[v]! : v);

    it('a newer version, then an older one: the older one is UNCHANGED, saying why, and the record keeps the newer one', async () => {
      const id = `${list}-older`;
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v1'), T1)] }))).toEqual(['CREATED']);
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v3'), T3)] }))).toEqual(['UPDATED']);
      const older = await ingest({ [list]: [item(list, id, contentOf('v2'), T2)] });
      expect(older.items[0]).toMatchObject({
        status: 'UNCHANGED', recordId: expect.any(String), path: null,
        reason: `older than the version the hub holds (its system changed that one at ${new Date(T3).toISOString()}): not applied`,
      });
      expect(older).toMatchObject({ updated: 0, unchanged: 1 });
      expect(await stored(list, id)).toEqual({ text: contentOf('v3'), version: 2, at: new Date(T3), history: 1 });
    });

    it('items without sourceUpdatedAt go by arrival, as before; an equal time with other content too', async () => {
      const id = `${list}-arrival`;
      await ingest({ [list]: [item(list, id, contentOf('v3'), T3)] });
      // The version that does not say when it changed replaces one that does: its time is unknown (null), not the old one's.
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v1'))] }))).toEqual(['UPDATED']);
      expect(await stored(list, id)).toEqual({ text: contentOf('v1'), version: 2, at: null, history: 1 });
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v2'), T2)] }))).toEqual(['UPDATED']);
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v3'), T2)] }))).toEqual(['UPDATED']);
      expect(await stored(list, id)).toEqual({ text: contentOf('v3'), version: 4, at: new Date(T2), history: 3 });
    });

    it('the same content with a later time is UNCHANGED (no new version) and keeps the later time, which later versions are compared with', async () => {
      const id = `${list}-retimed`;
      await ingest({ [list]: [item(list, id, contentOf('v1'), T1)] });
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v1'), T3)] }))).toEqual(['UNCHANGED']);
      expect(await stored(list, id)).toEqual({ text: contentOf('v1'), version: 1, at: new Date(T3), history: 0 });
      // An earlier time with the same content moves nothing back.
      expect(status(await ingest({ [list]: [item(list, id, contentOf('v1'), T1)] }))).toEqual(['UNCHANGED']);
      expect((await stored(list, id)).at).toEqual(new Date(T3));
      const older = await ingest({ [list]: [item(list, id, contentOf('v2'), T2)] });
      expect(older.items[0]).toMatchObject({ status: 'UNCHANGED', reason: expect.stringContaining(new Date(T3).toISOString()) });
      expect(await stored(list, id)).toEqual({ text: contentOf('v1'), version: 1, at: new Date(T3), history: 0 });
    });

    it('copies of one record in one batch: the latest sourceUpdatedAt lands wherever it was sent, then the last one sent', async () => {
      const id = `${list}-copies`;
      const result = await ingest({ [list]: [item(list, id, contentOf('v3'), T3), item(list, id, contentOf('v1'), T1), item(list, id, contentOf('v2'), T2)] });
      expect(status(result)).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED']);
      expect(result.items[1].reason).toBe(`a newer version of this record (sourceUpdatedAt), ${list}[0] of this batch, landed in its place: this one is older and is not applied`);
      expect(result.items[2].recordId).toBe(result.items[0].recordId);
      expect(await stored(list, id)).toEqual({ text: contentOf('v3'), version: 1, at: new Date(T3), history: 0 });
      // Kept as sent, settled at once, as copies a later one replaced are.
      expect(await db.query(`SELECT settled_as AS settled FROM rejected_item WHERE source_system = $1 AND external_id = $2`, [sourceSystem, id]))
        .toEqual([{ settled: 'SUPERSEDED' }, { settled: 'SUPERSEDED' }]);
      // Found by exploratory testing (issue 4): sent v1, v3, v2, the first copy's reason said the last copy sent held, but v3
      // (not sent last) landed for its time: each says which copy landed and why.
      const mixed = await ingest({ [list]: [item(list, `${id}-m`, contentOf('v1'), T1), item(list, `${id}-m`, contentOf('v3'), T3), item(list, `${id}-m`, contentOf('v2'), T2)] });
      expect(status(mixed)).toEqual(['UNCHANGED', 'CREATED', 'UNCHANGED']);
      const byTime = `a newer version of this record (sourceUpdatedAt), ${list}[1] of this batch, landed in its place: this one is older and is not applied`;
      expect([mixed.items[0].reason, mixed.items[2].reason]).toEqual([byTime, byTime]);
      // Equal times, or a copy without one: the last one sent.
      const again = await ingest({ [list]: [item(list, `${id}-b`, contentOf('v1'), T2), item(list, `${id}-b`, contentOf('v2'), T2), item(list, `${id}-b`, contentOf('v3'))] });
      expect(status(again)).toEqual(['UNCHANGED', 'UNCHANGED', 'CREATED']);
      const lastSent = `a later copy of this record, ${list}[2] of this batch, landed in its place: the last copy sent holds, and this one is not applied`;
      expect([again.items[0].reason, again.items[1].reason]).toEqual([lastSent, lastSent]);
      expect(await stored(list, `${id}-b`)).toMatchObject({ text: contentOf('v3'), at: null });
      // The same content twice: taken once, with the later of its times.
      const same = await ingest({ [list]: [item(list, `${id}-c`, contentOf('v1'), T1), item(list, `${id}-c`, contentOf('v1'), T3)] });
      expect(status(same)).toEqual(['CREATED', 'UNCHANGED']);
      expect(await stored(list, `${id}-c`)).toMatchObject({ text: contentOf('v1'), at: new Date(T3) });
    });
  });

  it('an older touchpoint version left alone counts nothing again in the rollups and rewrites no words', async () => {
    const moved = (at: string, subject: string) => ({ ...item('touchpoints', 'TP-COUNTED', subject, at), occurredAt: at });
    await ingest({ touchpoints: [moved(T1, 'first')] });
    await ingest({ touchpoints: [moved(T3, 'newest')] });
    await foldEngagement(db);
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`)).toEqual([{ n: 0 }]);
    const older = await ingest({ touchpoints: [moved(T2, 'in between')] });
    expect(older.items[0].status).toBe('UNCHANGED');
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`)).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT subject, occurred_at AS at FROM touchpoint WHERE external_id = 'TP-COUNTED'`)).toEqual([{ subject: 'newest', at: new Date(T3) }]);
    // Applied (as the same change without a time would be), it would have been pending again.
    await ingest({ touchpoints: [{ ...moved(T2, 'in between'), sourceUpdatedAt: undefined }] });
    expect((await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`))[0].n).toBeGreaterThan(0);
  });

  it('an older version left alone does not settle a rejected copy of its record sent before it (that one may be newer)', async () => {
    await ingest({ opportunities: [item('opportunities', 'OPP-OPEN', 'EUR', T2)] });
    const refused = await ingest({ opportunities: [{ ...item('opportunities', 'OPP-OPEN', 'euro', T3) }] });
    expect(refused.items[0].status).toBe('REJECTED');
    const older = await ingest({ opportunities: [item('opportunities', 'OPP-OPEN', 'USD', T1)] });
    expect(older.items[0].status).toBe('UNCHANGED');
    expect(await db.query(`SELECT resolved_at AS resolved FROM rejected_item WHERE id = $1`, [refused.items[0].rejectedItemId])).toEqual([{ resolved: null }]);
  });

  /** The rejected items kept of a record: when their system changed them (as sent), whether open, how they were settled, how often received. */
  async function rejectedOf(externalId: string) {
    return db.query(`SELECT raw->>'sourceUpdatedAt' AS at, raw->>'currency' AS currency, resolved_at IS NULL AS open, settled_as AS settled, attempts
                       FROM rejected_item WHERE source_system = $1 AND external_id = $2 ORDER BY received_at, id`, [sourceSystem, externalId]);
  }

  // A landed copy settled every open rejected copy of its record received before it, even one its system changed later
  // (issue 4): that one is newer than what landed, and stays open to be fixed and re-processed.
  it('a copy that lands settles an open rejected copy of its record only when it is at least as new (sourceUpdatedAt), else by arrival', async () => {
    const refused = await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE', 'euro', T2)] });
    expect(refused.items[0].status).toBe('REJECTED');
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE', 'EUR', T1)] }))).toEqual(['CREATED']);
    expect(await rejectedOf('OPP-SETTLE')).toEqual([{ at: T2, currency: 'euro', open: true, settled: null, attempts: 1 }]);
    // As new: settled.
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE', 'USD', T2)] }))).toEqual(['UPDATED']);
    expect(await rejectedOf('OPP-SETTLE')).toEqual([{ at: T2, currency: 'euro', open: false, settled: 'SUPERSEDED', attempts: 1 }]);
    // Either side without a time: by arrival, as before.
    await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE-2', 'euro', T3)] });
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE-2', 'EUR')] }))).toEqual(['CREATED']);
    expect(await rejectedOf('OPP-SETTLE-2')).toEqual([{ at: T3, currency: 'euro', open: false, settled: 'SUPERSEDED', attempts: 1 }]);
    // A copy refused for its own time says none to go by: by arrival.
    await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE-3', 'EUR', '2999-01-01T00:00:00Z')] });
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE-3', 'EUR', T1)] }))).toEqual(['CREATED']);
    expect(await rejectedOf('OPP-SETTLE-3')).toMatchObject([{ open: false, settled: 'SUPERSEDED' }]);
    // In one batch too: a refused copy followed by an older valid one stays open; followed by one as new, it is settled.
    const inBatch = await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE-4', 'euro', T3), item('opportunities', 'OPP-SETTLE-4', 'EUR', T1)] });
    expect(status(inBatch)).toEqual(['REJECTED', 'CREATED']);
    expect(await rejectedOf('OPP-SETTLE-4')).toMatchObject([{ at: T3, open: true, settled: null }]);
    await ingest({ opportunities: [item('opportunities', 'OPP-SETTLE-5', 'euro', T2), item('opportunities', 'OPP-SETTLE-5', 'EUR', T2)] });
    expect(await rejectedOf('OPP-SETTLE-5')).toMatchObject([{ at: T2, open: false, settled: 'SUPERSEDED' }]);
  });

  // Found by review: the batch's own refused copy (T1) decided, while the rejected item kept its newer copy (T3) from before:
  // the copy landing at T2 settled it, and the newer refused version left the queue.
  it('a refused copy and a valid one in one batch: the copy the rejected item keeps decides whether the valid one settles it', async () => {
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-KEPT', 'euro', T3)] }))).toEqual(['REJECTED']);
    const both = await ingest({ opportunities: [item('opportunities', 'OPP-KEPT', 'euro', T1), item('opportunities', 'OPP-KEPT', 'EUR', T2)] });
    expect(status(both)).toEqual(['REJECTED', 'CREATED']);
    expect(await rejectedOf('OPP-KEPT')).toEqual([{ at: T3, currency: 'euro', open: true, settled: null, attempts: 2 }]);
  });

  // Found by review: a resend without a usable time (none, or one refused for being in the future) replaced the kept copy
  // that said one, so the time was lost, and an older copy landing later settled the newer refused version.
  it('a refused copy sent again without a usable time is the same rejected item, which keeps the copy that says one', async () => {
    const FUTURE = '2999-01-01T00:00:00Z';
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-UNTIMED', 'euro', T2)] }))).toEqual(['REJECTED']);
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-UNTIMED', 'euro')] }))).toEqual(['REJECTED']);
    const future = await ingest({ opportunities: [item('opportunities', 'OPP-UNTIMED', 'euro', FUTURE)] });
    expect(future.items[0]).toMatchObject({ status: 'REJECTED', path: 'opportunities[0].sourceUpdatedAt' });
    expect(await rejectedOf('OPP-UNTIMED')).toEqual([{ at: T2, currency: 'euro', open: true, settled: null, attempts: 3 }]);
    // An older copy landing leaves it open: it is newer.
    expect(status(await ingest({ opportunities: [item('opportunities', 'OPP-UNTIMED', 'EUR', T1)] }))).toEqual(['CREATED']);
    expect(await rejectedOf('OPP-UNTIMED')).toMatchObject([{ at: T2, open: true }]);
    // In one batch too: the copy that says a time is the one kept.
    const both = await ingest({ opportunities: [item('opportunities', 'OPP-UNTIMED-2', 'euro', T2), item('opportunities', 'OPP-UNTIMED-2', 'euro', FUTURE)] });
    expect(both.items[1].rejectedItemId).toBe(both.items[0].rejectedItemId);
    expect(await rejectedOf('OPP-UNTIMED-2')).toEqual([{ at: T2, currency: 'euro', open: true, settled: null, attempts: 1 }]);
  });

  // Found by review: settleLanded read the open copies without a lock and closed them re-checking only that they were open;
  // a request rejecting a newer copy of the same item in between (heldItems.reject) swapped it in, and it was still closed.
  it('a landed copy does not settle a rejected item whose kept copy another request swapped for a newer one meanwhile (separate connections)', async () => {
    const [first] = (await ingest({ opportunities: [item('opportunities', 'OPP-RACE', 'euro', T1)] })).items;
    const [{ divisionId }] = await db.query(`SELECT division_id AS "divisionId" FROM rejected_item WHERE id = $1`, [first.rejectedItemId]);
    const newer = { kind: IngestItemKind.OPPORTUNITY, externalId: 'OPP-RACE', path: 'opportunities[0].currency', reason: 'currency refused', raw: item('opportunities', 'OPP-RACE', 'euro', T3) as Record<string, unknown> };
    // The newer copy is swapped in, uncommitted, while a copy changed at T2 lands beside it and settles what it read (T1).
    const swapping = await heldOpen(db, async (tx) => { await heldItems.reject(tx, divisionId, sourceSystem, [newer]); });
    const settling = db.transaction((tx) => rejectedItems.settleLanded(tx, divisionId, sourceSystem, [{ kind: IngestItemKind.OPPORTUNITY, externalId: 'OPP-RACE', landedAt: new Date(T2).getTime() }]));
    await waitingForALock(db);
    swapping.release();
    await swapping.committed;
    await settling;
    expect(await rejectedOf('OPP-RACE')).toEqual([{ at: T3, currency: 'euro', open: true, settled: null, attempts: 2 }]);
  });

  // Found by review: reject found the open item, a dismiss committed, and reject's UPDATE then folded the newer refused copy
  // into the dismissed item (attempts 2, the newer raw): no open item was left, and the audit named another copy.
  it('a refused copy sent while its open item is being dismissed is an open item of its own (separate connections)', async () => {
    const [first] = (await ingest({ opportunities: [item('opportunities', 'OPP-DISMISS', 'euro', T1)] })).items;
    const dismissing = await heldOpen(db, async (tx) => { await rejectedItems.dismiss(tx, [first.rejectedItemId!]); });
    const sending = ingest({ opportunities: [item('opportunities', 'OPP-DISMISS', 'euro', T3)] });
    await waitingForALock(db);
    dismissing.release();
    await dismissing.committed;
    const [again] = (await sending).items;
    expect(again.status).toBe('REJECTED');
    expect(again.rejectedItemId).not.toBe(first.rejectedItemId);
    expect(await rejectedOf('OPP-DISMISS')).toEqual(expect.arrayContaining([
      { at: T1, currency: 'euro', open: false, settled: 'DISMISSED', attempts: 1 },
      { at: T3, currency: 'euro', open: true, settled: null, attempts: 1 },
    ]));
  });

  // Found by review: a refused critical-info item (no externalId: told by its account, field key and content) was never the
  // rejected item kept before: each batch sending it again added another open one.
  it('a refused critical-info item sent again in a later batch is the one open rejected item; another value is another', async () => {
    const info = (value: string) => ({ criticalInfo: [{ accountExternalId: 'ACC', fieldKey: 'no_such_field', value, assertedAt: T1 }] });
    const [first] = (await ingest(info('x'))).items;
    expect(first.status).toBe('REJECTED');
    expect((await ingest(info('x'))).items[0]).toMatchObject({ status: 'REJECTED', rejectedItemId: first.rejectedItemId });
    expect((await ingest(info('y'))).items[0].rejectedItemId).not.toBe(first.rejectedItemId);
    expect(await db.query(`SELECT raw->>'value' AS value, attempts FROM rejected_item WHERE source_system = $1 AND kind = 'CRITICAL_INFO' AND raw->>'fieldKey' = 'no_such_field'
                             AND resolved_at IS NULL ORDER BY received_at`, [sourceSystem])).toEqual([{ value: 'x', attempts: 2 }, { value: 'y', attempts: 1 }]);
  });

  // The refused item kept sourceUpdatedAt in what told it from others: the same refused content sent again with another time
  // (a system sending on, a change log imported again) became a second open rejected item (issue 4).
  it('the same refused content sent again with another time is the one open rejected item, keeping the newest copy, which re-processing sends', async () => {
    const sent = (at?: string) => ingest({ opportunities: [item('opportunities', 'OPP-REFUSED', 'euro', at)] });
    const first = await sent(T1);
    expect(first.items[0].status).toBe('REJECTED');
    const id = first.items[0].rejectedItemId;
    expect((await sent(T3)).items[0].rejectedItemId).toBe(id);
    expect(await rejectedOf('OPP-REFUSED')).toEqual([{ at: T3, currency: 'euro', open: true, settled: null, attempts: 2 }]);
    // An older time sent after it: the same item, which keeps the newer copy; the same copy again: the same item (idempotent).
    expect((await sent(T2)).items[0].rejectedItemId).toBe(id);
    expect((await sent(T3)).items[0].rejectedItemId).toBe(id);
    expect(await rejectedOf('OPP-REFUSED')).toEqual([{ at: T3, currency: 'euro', open: true, settled: null, attempts: 4 }]);
    // Without a time: the same item, which keeps the copy that says one.
    expect((await sent()).items[0].rejectedItemId).toBe(id);
    expect(await rejectedOf('OPP-REFUSED')).toEqual([{ at: T3, currency: 'euro', open: true, settled: null, attempts: 5 }]);
    await sent(T3);
    // In one batch: one rejected item too, keeping the newer copy.
    const both = await ingest({ opportunities: [item('opportunities', 'OPP-REFUSED-2', 'euro', T3), item('opportunities', 'OPP-REFUSED-2', 'euro', T1)] });
    expect(both.items.map((i) => i.status)).toEqual(['REJECTED', 'REJECTED']);
    expect(both.items[1].rejectedItemId).toBe(both.items[0].rejectedItemId);
    expect(await rejectedOf('OPP-REFUSED-2')).toEqual([{ at: T3, currency: 'euro', open: true, settled: null, attempts: 1 }]);
    // Fixed and re-processed: the newest copy is what lands.
    await db.query(`UPDATE rejected_item SET raw = jsonb_set(raw, '{currency}', '"EUR"') WHERE id = $1`, [id]);
    const service = new RejectedItemsService(db, { record: async () => undefined } as unknown as AuditService, fixedClock(new Date()));
    expect((await service.reprocess({ kind: 'admin-token' }, [id!])).items.map((i) => i.status)).toEqual(['CREATED']);
    expect(await stored('opportunities', 'OPP-REFUSED')).toEqual({ text: 'EUR', version: 1, at: new Date(T3), history: 0 });
  });

  it('refuses a malformed or future sourceUpdatedAt, for that item only', async () => {
    const result = await ingest({ touchpoints: [item('touchpoints', 'TP-BAD', 'x', 'yesterday'), item('touchpoints', 'TP-FUTURE', 'x', '2999-01-01T00:00:00Z'), item('touchpoints', 'TP-OK', 'x', T1)] });
    expect(result.items.map((i: IngestItemResult) => [i.status, i.path])).toEqual([
      ['REJECTED', 'touchpoints[0].sourceUpdatedAt'], ['REJECTED', 'touchpoints[1].sourceUpdatedAt'], ['CREATED', null],
    ]);
    expect(result.items[1].reason).toBe(`sourceUpdatedAt 2999-01-01T00:00:00.000Z is in the future; send when the division's system last changed the record`);
  });

  /**
   * "In the future" is said by the hub's Clock (critical-info/clock.ts), as everything else that asks what time it is:
   * validation asked the machine (Date.now), so a hub run with another Clock (a test's, a deployment's) disagreed with
   * itself (issue 4).
   */
  describe("in the future of the hub's Clock", () => {
    const admin: Principal = { kind: 'admin-token' };
    const audit = { record: async () => undefined } as unknown as AuditService;

    it("refuses a time ahead of the Clock (beyond 5 minutes) though behind the machine's, and lands it once the Clock has passed it", async () => {
      const clock = fixedClock(new Date('2020-01-01T00:00:00Z'));
      const service = new IngestService(db, new DivisionsRepository(db), audit, { notices: { collisionWindowDays: 7 } } as AppConfig, clock);
      const contact = (externalId: string, at: string) => ({ externalId, accountExternalId: 'ACC', name: 'Cleo Clock', sourceUpdatedAt: at });
      const sent = await service.ingest(admin, { division: 'exhibits', sourceSystem, contacts: [contact('C-AHEAD', '2021-06-01T00:00:00Z'), contact('C-SKEW', '2020-01-01T00:04:00Z')] });
      expect(sent.items.map((i) => [i.status, i.path, i.reason])).toEqual([
        ['REJECTED', 'contacts[0].sourceUpdatedAt', `sourceUpdatedAt 2021-06-01T00:00:00.000Z is in the future; send when the division's system last changed the record`],
        ['CREATED', null, null],
      ]);
      // So is a critical-info value's assertedAt (ingest-critical-info.ts): the same Clock.
      const asserted = await service.ingest(admin, { division: 'exhibits', sourceSystem, criticalInfo: [{ accountExternalId: 'ACC', fieldKey: 'decision_process', value: 'The board', assertedAt: '2021-06-01T00:00:00Z' }] } as never);
      expect(asserted.items.map((i) => [i.status, i.path])).toEqual([['REJECTED', 'criticalInfo[0].assertedAt']]);
      // Re-processed by a hub whose Clock has passed that time: it lands.
      clock.set(new Date('2022-01-01T00:00:00Z'));
      const again = await new RejectedItemsService(db, audit, clock).reprocess(admin, [sent.items[0].rejectedItemId!]);
      expect(again.items.map((i) => i.status)).toEqual(['CREATED']);
    });
  });
});
