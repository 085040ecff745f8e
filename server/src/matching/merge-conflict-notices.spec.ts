import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput, IngestResult } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * Matching's own merges put two accounts' critical info together as a person's merge does: where the divisions'
 * values of a field differ, the merge makes a conflict, and the survivor's owners and watchers are told (found in
 * review: a person's mergeAccounts told them, ingest's merges told nobody).
 */
describe("ingest's own merges tell the critical-info conflicts they make (real PostgreSQL)", () => {
  const db = useTestDatabase();
  const divisions = new Map<string, string>();
  let owner: string;

  beforeAll(async () => {
    for (const key of ['logistics', 'print', 'exhibits']) divisions.set(key, await addDivision(db, key));
    [{ id: owner }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('owner@ourco.example', 'Owner', $1) RETURNING id`, [divisions.get('logistics')]);
  });

  const ingest = (division: string, sourceSystem: string, batch: Partial<IngestBatchInput>, now?: Date): Promise<IngestResult> =>
    db.transaction((tx) => ingestBatch(tx, divisions.get(division)!, sourceSystem, { division, sourceSystem, ...batch } as IngestBatchInput, { now }));
  /** The conflict notices of payment terms at an account: whom they tell and the merge that keeps them (for its split to drop). */
  const conflictNotices = async (accountId: string): Promise<{ colleagueId: string; keptBy: string[] }[]> => db.query(
    `SELECT n.colleague_id AS "colleagueId", array(SELECT m.id FROM account_merge m WHERE m.moved->'raised_notice' ? n.id::text) AS "keptBy"
       FROM notice n JOIN critical_info_field f ON f.key = 'payment_terms' AND n.data->>'fieldLabel' = f.label
      WHERE n.kind = 'CRITICAL_INFO_CONFLICT' AND n.account_id = $1`, [accountId]);
  const mergesInto = async (accountId: string): Promise<string[]> =>
    (await db.query(`SELECT id FROM account_merge WHERE survivor_id = $1 AND undone_at IS NULL`, [accountId])).map((m: { id: string }) => m.id);

  it('tells the owner of the survivor when a record matching two accounts strongly merges them and their payment terms differ', async () => {
    // P and Q: one name, other domains and house numbers (kept apart); R has both domains and matches both strongly.
    const p = await ingest('logistics', 'sap', {
      accounts: [{ externalId: 'kw-p', name: 'Kestrow Works', domains: ['kestrowworks.com'], address: '1 Kestrow Road, Springfield', ownerEmail: 'owner@ourco.example' }],
      criticalInfo: [{ accountExternalId: 'kw-p', fieldKey: 'payment_terms', value: 'Net 30' }],
    });
    const q = await ingest('print', 'crm', {
      accounts: [{ externalId: 'kw-q', name: 'Kestrow Works', domains: ['kestrowgroup.com'], address: '99 Kestrow Road, Springfield' }],
      criticalInfo: [{ accountExternalId: 'kw-q', fieldKey: 'payment_terms', value: 'Net 60' }],
    });
    const [P, Q] = [p.items[0].accountId!, q.items[0].accountId!];
    expect(P).not.toBe(Q);
    expect([...await conflictNotices(P), ...await conflictNotices(Q)]).toEqual([]);

    const r = await ingest('exhibits', 'erp', { accounts: [{ externalId: 'kw-r', name: 'Kestrow Works', domains: ['kestrowworks.com', 'kestrowgroup.com'] }] });
    const survivor = r.items[0].accountId!;
    expect([P, Q]).toContain(survivor);
    const merges = await mergesInto(survivor);
    expect(merges).toHaveLength(1);
    // Told once, to the owner, and kept with the merge: the split undoing it takes the notice back.
    expect(await conflictNotices(survivor)).toEqual([{ colleagueId: owner, keptBy: merges }]);
  });

  it("tells it when a changed record alone in its account now links elsewhere and folds its account in, read at the hub's Clock", async () => {
    // Two years ago by the hub's Clock: by the machine's, values said then are past payment terms' 365-day window, no conflict.
    const then = new Date(Date.now() - 2 * 365 * 86_400_000);
    const a = await ingest('logistics', 'sap', {
      accounts: [{ externalId: 'oc', name: 'Oceanic Airlines', website: 'oceanic-corp.com', ownerEmail: 'owner@ourco.example' }],
      criticalInfo: [{ accountExternalId: 'oc', fieldKey: 'payment_terms', value: 'Net 15' }],
    }, then);
    const b = await ingest('print', 'crm', {
      accounts: [{ externalId: '815', name: 'OA Freight Dept' }],
      criticalInfo: [{ accountExternalId: '815', fieldKey: 'payment_terms', value: 'Net 90' }],
    }, then);
    const [A, B] = [a.items[0].accountId!, b.items[0].accountId!];
    expect(A).not.toBe(B);

    const changed = await ingest('print', 'crm', { accounts: [{ externalId: '815', name: 'Oceanic Airlines', website: 'https://www.oceanic-corp.com' }] }, then);
    expect(changed.items[0]).toMatchObject({ status: 'UPDATED', accountId: A });
    const merges = await mergesInto(A);
    expect(merges).toHaveLength(1);
    expect(await conflictNotices(A)).toEqual([{ colleagueId: owner, keptBy: merges }]);
  });
});
