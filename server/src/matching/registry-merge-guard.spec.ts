import { accountMoves } from '../identity/account-moves.repository';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput, IngestResult } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { heldOpen, waitingForALock } from '../testing/races';

/**
 * Ingest's guard of its own merges (registry-merge-guard.ts) reads the accounts' registry ids before matching locks the
 * accounts it merges (lockDecided). A person's merge committing in between can give one of them an id that differs
 * from the other's: the guard must see it, as lockDecided sees a candidate that moved, and decide again.
 */
describe("ingest's registry id guard racing a person's merge (real PostgreSQL, two connections)", () => {
  const db = useTestDatabase();
  const divisions = new Map<string, string>();

  beforeAll(async () => {
    for (const key of ['logistics', 'print', 'exhibits']) divisions.set(key, await addDivision(db, key));
  });

  const ingest = (division: string, sourceSystem: string, accounts: object[]): Promise<IngestResult> =>
    db.transaction((tx) => ingestBatch(tx, divisions.get(division)!, sourceSystem, { division, sourceSystem, accounts } as unknown as IngestBatchInput));
  const accountOf = async (externalId: string): Promise<string> =>
    (await db.query(`SELECT account_id FROM source_account_record WHERE external_id = $1`, [externalId]))[0].account_id;

  it('does not merge two accounts a new record matches strongly when a person merged an account of another id into one of them meanwhile', async () => {
    // P and Q: one name, other domains and house numbers (kept apart); R has both domains and matches both strongly.
    // P gives an HRB number, Q none: matching alone would merge them.
    const p = await ingest('logistics', 'sap', [{ externalId: 'kw-p', name: 'Kestrow Works', domains: ['kestrowworks.com'], address: '1 Kestrow Road, Springfield', registryId: 'HRB 246810' }]);
    const q = await ingest('print', 'crm', [{ externalId: 'kw-q', name: 'Kestrow Works', domains: ['kestrowgroup.com'], address: '99 Kestrow Road, Springfield' }]);
    // C: a company of another name that gives a Swiss UID, which a person is about to merge into Q.
    const c = await ingest('exhibits', 'erp', [{ externalId: 'zc-1', name: 'Zellmoor Trading AG', registryId: 'CHE-135.246.357' }]);
    const [P, Q, C] = [p.items[0].accountId!, q.items[0].accountId!, c.items[0].accountId!];
    expect(new Set([P, Q, C]).size).toBe(3);

    // The person's merge of C into Q, done but not committed: Q gives no id to anyone else yet, and is locked.
    const merge = await heldOpen(db, async (tx) => {
      await accountMoves.lockAccounts(tx, [Q, C]);
      await accountMoves.absorb(tx, C, Q, 'one company', 'OURCUSTOMER_ADMIN_TOKEN');
    });
    // R's ingest reads Q's ids (none, as committed), decides to merge P and Q, and waits for Q's lock.
    const r = ingest('logistics', 'erp', [{ externalId: 'kw-r', name: 'Kestrow Works', domains: ['kestrowworks.com', 'kestrowgroup.com'] }]);
    await waitingForALock(db);
    merge.release();
    await merge.committed;
    const landed = (await r).items[0].accountId;

    // Q now gives the Swiss UID, P the HRB number: matching does not merge them, R links to one, and a review asks.
    expect([P, Q]).toContain(landed);
    expect(await accountOf('kw-p')).toBe(P);
    expect(await accountOf('kw-q')).toBe(Q);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM account_merge WHERE merged_id = ANY($1::uuid[]) AND undone_at IS NULL`, [[P, Q]]);
    expect(n).toBe(0);
    const reviews: { evidence: { evidence: { level: string }[] } }[] = await db.query(
      `SELECT r.evidence FROM match_review r JOIN source_account_record s ON s.id = r.record_id WHERE s.external_id = 'kw-r' AND r.status = 'OPEN'`);
    expect(reviews.map((x) => x.evidence.evidence.some((e) => e.level === 'ACCOUNTS_DIFFER'))).toEqual([true]);
  });
});
