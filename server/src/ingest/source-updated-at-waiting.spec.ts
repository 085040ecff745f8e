import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { Clock } from '../critical-info/clock';
import { useTestDatabase } from '../testing/database';
import { useDivisionIngest } from '../testing/ingest';
import { RejectedItemsService } from './rejected-items.service';

/**
 * sourceUpdatedAt beyond the stored version (found by review): a newer version waiting for its account, an older copy
 * that landed nothing settling a newer rejected copy, a record stored with a former hash keeping a later time, and
 * re-processing a rejected copy newer (by its system's time) than a version received after it.
 */
describe('sourceUpdatedAt: waiting copies, settled copies, former hashes and re-processing (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const sourceSystem = 'order-crm';
  const T0 = '2025-12-31T10:00:00Z';
  const T1 = '2026-01-01T10:00:00Z';
  const T2 = '2026-01-02T10:00:00Z';
  const T3 = '2026-01-03T10:00:00Z';

  const { ingest } = useDivisionIngest(db, sourceSystem, { externalId: 'ACC', name: 'Order Corp' });

  const contact = (id: string, account: string, title: string, at?: string) =>
    ({ externalId: id, accountExternalId: account, name: `Ada ${id}`, title, ...(at ? { sourceUpdatedAt: at } : {}) });
  const opp = (id: string, currency: string, at: string, account = 'ACC') => ({ externalId: id, accountExternalId: account, name: 'Deal', stage: 'Open', currency, sourceUpdatedAt: at });
  const account = (id: string) => ({ externalId: id, name: `Company ${id}` });
  const title = async (id: string) => (await db.query(`SELECT raw->>'title' AS title, source_updated_at AS at FROM source_contact_record WHERE source_system = $1 AND external_id = $2`, [sourceSystem, id]))[0];
  const waiting = async (id: string) => (await db.query(`SELECT raw->>'title' AS title FROM waiting_item WHERE source_system = $1 AND external_id = $2`, [sourceSystem, id]))
    .map((w: { title: string }) => w.title);
  const rejected = async (id: string) => db.query(
    `SELECT raw->>'title' AS title, raw->>'currency' AS currency, settled_as AS settled FROM rejected_item WHERE source_system = $1 AND external_id = $2 ORDER BY received_at, id`, [sourceSystem, id]);
  const settled = async (rejectedItemId: string) => (await db.query(`SELECT resolved_at AS resolved, settled_as AS settled FROM rejected_item WHERE id = $1`, [rejectedItemId]))[0];

  describe('a version waiting for its account', () => {
    it('is not replaced by an older copy sent after it: that one is UNCHANGED, kept settled SUPERSEDED, and the newer one lands', async () => {
      expect((await ingest({ contacts: [contact('CA', 'NEW-A', 'v3', T3)] })).items[0].status).toBe('WAITING');
      const older = await ingest({ contacts: [contact('CA', 'NEW-A', 'v1', T1)] });
      expect(older.items[0]).toMatchObject({
        status: 'UNCHANGED', path: null, rejectedItemId: expect.any(String),
        reason: `older than the version of this record waiting for its account (its system changed that one at ${new Date(T3).toISOString()}): not applied`,
      });
      expect(older).toMatchObject({ unchanged: 1, waiting: 0 });
      expect(await waiting('CA')).toEqual(['v3']);
      expect(await rejected('CA')).toEqual([{ title: 'v1', currency: null, settled: 'SUPERSEDED' }]);
      const arrived = await ingest({ accounts: [account('NEW-A')] });
      expect(arrived.resumed.map((r) => r.status)).toEqual(['CREATED']);
      expect(await title('CA')).toEqual({ title: 'v3', at: new Date(T3) });
    });

    it('is replaced by a newer copy, an equal time, or a copy where either says no time (arrival order), as before', async () => {
      await ingest({ contacts: [contact('CA-N', 'NEW-AN', 'v1', T1), contact('CA-E', 'NEW-AN', 'v1', T2), contact('CA-U', 'NEW-AN', 'v1')] });
      const later = await ingest({ contacts: [contact('CA-N', 'NEW-AN', 'v3', T3), contact('CA-E', 'NEW-AN', 'v2', T2), contact('CA-U', 'NEW-AN', 'v2', T1)] });
      expect(later.items.map((i) => i.status)).toEqual(['WAITING', 'WAITING', 'WAITING']);
      expect([await waiting('CA-N'), await waiting('CA-E'), await waiting('CA-U')]).toEqual([['v3'], ['v2'], ['v2']]);
      expect(await rejected('CA-N')).toEqual([]);
    });

    it('is not forgotten for an older copy that was not applied, nor for one landing that is older than it', async () => {
      await ingest({ contacts: [contact('CB', 'ACC', 'v1', T1), contact('CB2', 'ACC', 'v1', T1)] });
      expect((await ingest({ contacts: [contact('CB', 'NEW-B', 'v3', T3), contact('CB2', 'NEW-B', 'v3', T3)] })).items.map((i) => i.status)).toEqual(['WAITING', 'WAITING']);
      // CB: older than stored (not applied); CB2: newer than stored, older than the waiting copy (applied, and the waiting one still holds).
      const sent = await ingest({ contacts: [contact('CB', 'ACC', 'v0', T0), contact('CB2', 'ACC', 'v2', T2)] });
      expect(sent.items.map((i) => i.status)).toEqual(['UNCHANGED', 'UPDATED']);
      expect([await waiting('CB'), await waiting('CB2')]).toEqual([['v3'], ['v3']]);
      await ingest({ accounts: [account('NEW-B')] });
      expect([await title('CB'), await title('CB2')]).toEqual([{ title: 'v3', at: new Date(T3) }, { title: 'v3', at: new Date(T3) }]);
    });

    it('a copy landing as it applies still forgets an older or undated waiting copy', async () => {
      await ingest({ contacts: [contact('CB-F', 'NEW-BF', 'v1', T1), contact('CB-G', 'NEW-BF', 'v1')] });
      expect((await ingest({ contacts: [contact('CB-F', 'ACC', 'v2', T2), contact('CB-G', 'ACC', 'v2', T2)] })).items.map((i) => i.status)).toEqual(['CREATED', 'CREATED']);
      expect([await waiting('CB-F'), await waiting('CB-G')]).toEqual([[], []]);
    });

    it('taken with its account in a batch holding an older copy: the waiting copy lands, the batch copy is UNCHANGED and kept settled', async () => {
      await ingest({ contacts: [contact('CC', 'NEW-C', 'v3', T3)] });
      const both = await ingest({ accounts: [account('NEW-C')], contacts: [contact('CC', 'NEW-C', 'v2', T2)] });
      expect(both.items[1]).toMatchObject({
        status: 'UNCHANGED', rejectedItemId: expect.any(String),
        reason: `older than the version of this record waiting for its account (its system changed that one at ${new Date(T3).toISOString()}): not applied`,
      });
      expect(both.resumed.map((r) => [r.externalId, r.status])).toEqual([['CC', 'CREATED']]);
      expect(both.items[1].recordId).toBe(both.resumed[0].recordId);
      expect(await title('CC')).toEqual({ title: 'v3', at: new Date(T3) });
      expect(await rejected('CC')).toEqual([{ title: 'v2', currency: null, settled: 'SUPERSEDED' }]);
      // The batch's copy newer (or equal): it lands, and the waiting copy is dropped, as before.
      await ingest({ contacts: [contact('CC2', 'NEW-C2', 'v2', T2)] });
      const newer = await ingest({ accounts: [account('NEW-C2')], contacts: [contact('CC2', 'NEW-C2', 'v3', T3)] });
      expect([newer.items[1].status, newer.resumed]).toEqual(['CREATED', []]);
      expect(await title('CC2')).toEqual({ title: 'v3', at: new Date(T3) });
    });
  });

  it('re-processing a rejected copy older than the one waiting for its account: set aside, and the waiting one stays', async () => {
    const service = new RejectedItemsService(db, { record: async () => undefined } as unknown as AuditService, new Clock());
    const refused = await ingest({ opportunities: [opp('O-RW', 'euro', T1, 'NEW-RW')] });
    await ingest({ opportunities: [opp('O-RW', 'GBP', T3, 'NEW-RW')] });
    await db.query(`UPDATE rejected_item SET raw = jsonb_set(raw, '{currency}', '"USD"') WHERE id = $1`, [refused.items[0].rejectedItemId]);
    const again = await service.reprocess({} as Principal, [refused.items[0].rejectedItemId!]);
    expect(again.items[0]).toMatchObject({ status: 'UNCHANGED', reason: expect.stringMatching(/^older than the version of this record waiting for its account/) });
    expect(await settled(refused.items[0].rejectedItemId!)).toMatchObject({ settled: 'SUPERSEDED' });
    expect((await db.query(`SELECT raw->>'currency' AS currency FROM waiting_item WHERE external_id = 'O-RW'`))).toEqual([{ currency: 'GBP' }]);
  });

  describe('copies older than the stored version settle no newer rejected copy', () => {
    async function refusedAfter(id: string) {
      await ingest({ opportunities: [opp(id, 'EUR', T2)] });
      const refused = await ingest({ opportunities: [opp(id, 'euro', T3)] });
      expect(refused.items[0].status).toBe('REJECTED');
      return refused.items[0].rejectedItemId!;
    }

    it('the same older item twice', async () => {
      const open = await refusedAfter('O-DUP');
      const older = await ingest({ opportunities: [opp('O-DUP', 'USD', T1), opp('O-DUP', 'USD', T1)] });
      expect(older.items.map((i) => i.status)).toEqual(['UNCHANGED', 'UNCHANGED']);
      expect(await settled(open)).toEqual({ resolved: null, settled: null });
    });

    it('two differing older copies: the one replaced says nothing landed', async () => {
      const open = await refusedAfter('O-TWO');
      const older = await ingest({ opportunities: [opp('O-TWO', 'GBP', T1), opp('O-TWO', 'USD', T1)] });
      expect(older.items.map((i) => i.status)).toEqual(['UNCHANGED', 'UNCHANGED']);
      expect(older.items[0].reason).toBe('a later copy of this record, opportunities[1] of this batch, was taken in its place and was not applied either '
        + `(older than the version the hub holds): this one is not applied`);
      expect(await settled(open)).toEqual({ resolved: null, settled: null });
    });

    it('a rejected copy in the same batch before an older copy', async () => {
      await ingest({ opportunities: [opp('O-SAME', 'EUR', T2)] });
      const both = await ingest({ opportunities: [opp('O-SAME', 'euro', T3), opp('O-SAME', 'USD', T1)] });
      expect(both.items.map((i) => i.status)).toEqual(['REJECTED', 'UNCHANGED']);
      expect(await settled(both.items[0].rejectedItemId!)).toEqual({ resolved: null, settled: null });
    });
  });

  it('a record stored with a former hash, sent again the same with a later time, keeps the later time', async () => {
    const sent = { externalId: 'E-2', accountExternalId: 'ACC', name: 'Erika Empty', title: 'v1', emails: ['erika@empty.example'], interests: [] as string[] };
    await ingest({ contacts: [sent] });
    // As versions before empty lists were dropped from hashes stored it.
    const kept = Object.fromEntries(Object.keys(sent).sort().map((k) => [k, (sent as Record<string, unknown>)[k]]));
    await db.query(`UPDATE source_contact_record SET content_hash = $1, raw = $2::jsonb WHERE external_id = 'E-2'`,
      [createHash('sha256').update(JSON.stringify(kept)).digest('base64url'), JSON.stringify(kept)]);
    expect((await ingest({ contacts: [{ ...sent, sourceUpdatedAt: T3 }] })).items[0].status).toBe('UNCHANGED');
    expect(await title('E-2')).toEqual({ title: 'v1', at: new Date(T3) });
    expect((await ingest({ contacts: [{ ...sent, title: 'v0', sourceUpdatedAt: T2 }] })).items[0].status).toBe('UNCHANGED');
    expect((await title('E-2')).title).toBe('v1');
  });

  it('re-processing: a rejected copy newer (sourceUpdatedAt) than a version received after it is not set aside for it', async () => {
    const service = new RejectedItemsService(db, { record: async () => undefined } as unknown as AuditService, new Clock());
    await ingest({ opportunities: [opp('O-RE', 'EUR', T1)] });
    const refused = await ingest({ opportunities: [opp('O-RE', 'euro', T3)] });
    // A version changed before the refused one, received after it (it waited for its account).
    expect((await ingest({ opportunities: [opp('O-RE', 'USD', T2, 'NEW-RE')] })).items[0].status).toBe('WAITING');
    await ingest({ accounts: [account('NEW-RE')] });
    expect((await db.query(`SELECT currency FROM opportunity WHERE external_id = 'O-RE'`))[0].currency).toBe('USD');
    // The cause fixed (the copy as its system would send it now).
    await db.query(`UPDATE rejected_item SET raw = jsonb_set(raw, '{currency}', '"GBP"') WHERE id = $1`, [refused.items[0].rejectedItemId]);
    const again = await service.reprocess({} as Principal, [refused.items[0].rejectedItemId!]);
    expect(again.items.map((i) => i.status)).toEqual(['UPDATED']);
    expect(await db.query(`SELECT currency, source_updated_at AS at FROM opportunity WHERE external_id = 'O-RE'`)).toEqual([{ currency: 'GBP', at: new Date(T3) }]);
    // Older by its system's time than the version held: set aside, as before.
    const old = await ingest({ opportunities: [opp('O-RE', 'euro', T0)] });
    await db.query(`UPDATE rejected_item SET raw = jsonb_set(raw, '{currency}', '"CHF"') WHERE id = $1`, [old.items[0].rejectedItemId]);
    const set = await service.reprocess({} as Principal, [old.items[0].rejectedItemId!]);
    expect(set.items.map((i) => i.status)).toEqual(['UNCHANGED']);
    expect(set.items[0].reason).toBe(`a newer version of this record (version 3, changed by its system at ${new Date(T3).toISOString()}, after this copy's sourceUpdatedAt) is held: `
      + 'the record keeps it, and this copy is not applied');
    expect(await settled(old.items[0].rejectedItemId!)).toMatchObject({ settled: 'SUPERSEDED' });
  });
});
