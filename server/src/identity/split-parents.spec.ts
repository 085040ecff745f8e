import { useTestDatabase } from '../testing/database';
import { accountHierarchy } from '../testing/hierarchy';
import { heldOpen, waitFor } from '../testing/races';

/**
 * A split undoing a merge gives the survivor its parent from before the merge back, and the children the merge gave
 * the survivor back to the restored account. Found in review: since admins also set parents (setAccountParent), that
 * restore closed a loop through a parent a person set while the merge stood, and undid a person's placement.
 */
describe('parents a split restores when it undoes a merge (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const { admin, identity, setParent, parentOf, accounts, failure } = accountHierarchy(db);
  const recordsOf = async (id: string): Promise<string[]> =>
    (await db.query(`SELECT id FROM source_account_record WHERE account_id = $1`, [id])).map((r: { id: string }) => r.id);
  /** The accounts among `ids` whose chain of parents comes back to them. */
  const loopsAmong = (ids: string[]): Promise<unknown[]> => db.query(
    `WITH RECURSIVE up AS (SELECT id AS start, parent_id AS id, 1 AS depth FROM account WHERE id = ANY($1::uuid[])
                           UNION ALL SELECT up.start, a.parent_id, up.depth + 1 FROM up JOIN account a ON a.id = up.id WHERE up.depth < 10)
     SELECT DISTINCT start FROM up WHERE id = start`, [ids]);
  const splitEntry = async (accountId: string) =>
    (await db.query(`SELECT after FROM audit_event WHERE action = 'SPLIT_ACCOUNT' AND target_id = $1 ORDER BY id DESC LIMIT 1`, [accountId]))[0].after;

  it('gives the survivor and the children their parents back when nobody changed them while the merge stood', async () => {
    const [a, p, b, q] = await accounts('Restful Holding', 'Restful Middle', 'Restful Bottom', 'Restful Sibling');
    await setParent(p, a);
    await setParent(b, p);
    await setParent(q, a);
    const records = await recordsOf(a);
    await identity().merge(admin, b, a, 'one company');
    expect({ b: await parentOf(b), p: await parentOf(p), q: await parentOf(q) }).toEqual({ b: null, p: b, q: b });
    await identity().split(admin, b, records, 'two companies after all');
    expect({ b: await parentOf(b), p: await parentOf(p), q: await parentOf(q) }).toEqual({ b: p, p: a, q: a });
    expect(await splitEntry(b)).not.toHaveProperty('parentKept');
  });

  // The reviewer's reproduction: P under A, B under P; A merged into B (B takes A's place, P under B); C under B, P under C
  // (C's chain, C → B, does not hold P: allowed). The split put B back under P: B → P → C → B.
  it('does not close a loop through a parent a person set since: the survivor keeps its parent, and the audit entry says why', async () => {
    const [a, p, b, c] = await accounts('Loop Holding', 'Loop Middle', 'Loop Bottom', 'Loop Child');
    await setParent(p, a);
    await setParent(b, p);
    const records = await recordsOf(a);
    await identity().merge(admin, b, a, 'one company');
    expect(await parentOf(b)).toBeNull();
    expect(await parentOf(p)).toBe(b);
    await setParent(c, b);
    await setParent(p, c);
    await identity().split(admin, b, records, 'two companies after all');
    // B stays where the merge put it (A's place: no parent); P stays where the person put it (under C), not back under A.
    expect({ b: await parentOf(b), p: await parentOf(p), c: await parentOf(c), loops: await loopsAmong([a, p, b, c]) })
      .toEqual({ b: null, p: c, c: b, loops: [] });
    expect((await splitEntry(b)).parentKept).toEqual([
      { accountId: p, parentId: c, notRestoredTo: a, reason: expect.stringContaining('a person placed it since the merge') },
      { accountId: b, parentId: null, notRestoredTo: p, reason: expect.stringContaining('"Loop Middle" → "Loop Child" → "Loop Bottom"') },
    ]);
  });

  it('of the split and a person\'s change that would close the loop at once, one waits for the other and neither closes it', async () => {
    const [a, p, b, c] = await accounts('Race Holding', 'Race Middle', 'Race Bottom', 'Race Child');
    await setParent(p, a);
    await setParent(b, p);
    const records = await recordsOf(a);
    await identity().merge(admin, b, a, 'one company');
    await setParent(c, b);
    // Both wait behind a transaction holding the four accounts, then run at once on their own connections.
    const holder = await heldOpen(db, async (tx) => { await tx.query(`SELECT id FROM account WHERE id = ANY($1::uuid[]) FOR UPDATE`, [[a, p, b, c]]); });
      const running = [failure(identity().split(admin, b, records, 'two companies after all')), failure(setParent(p, c))];
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))[0].n >= 2);
    holder.release();
    await holder.committed;
    const [split, placed] = await Promise.all(running);
    expect(split).toBeNull();
    expect(await loopsAmong([a, p, b, c])).toEqual([]);
    // Split first: B back under P, P back under A, and P under C refused (C → B → P). Else P under C, and B kept.
    if (placed === null) expect({ b: await parentOf(b), p: await parentOf(p) }).toEqual({ b: null, p: c });
    else expect({ placed, b: await parentOf(b), p: await parentOf(p) }).toEqual({ placed: expect.objectContaining({ code: 'BAD_USER_INPUT' }), b: p, p: a });
  });

  it('keeps a parent a person set on the survivor after the merge', async () => {
    const [a, p, b, other] = await accounts('Placed Holding', 'Placed Middle', 'Placed Bottom', 'Placed Elsewhere');
    await setParent(p, a);
    await setParent(b, p);
    const records = await recordsOf(a);
    await identity().merge(admin, b, a, 'one company');
    await setParent(b, other, 'bought by Placed Elsewhere');
    await identity().split(admin, b, records, 'two companies after all');
    expect({ b: await parentOf(b), p: await parentOf(p) }).toEqual({ b: other, p: a });
    expect((await splitEntry(b)).parentKept).toEqual([
      { accountId: b, parentId: other, notRestoredTo: p, reason: expect.stringContaining('a person placed it since the merge') },
    ]);
  });

  it('keeps a person\'s decision on the survivor after the merge even where it is the parent the merge left (none)', async () => {
    const [a, p, b] = await accounts('Cleared Holding', 'Cleared Middle', 'Cleared Bottom');
    await setParent(p, a);
    await setParent(b, p);
    const records = await recordsOf(a);
    await identity().merge(admin, b, a, 'one company');
    await setParent(b, null, 'heads its own group now');
    await identity().split(admin, b, records, 'two companies after all');
    expect(await parentOf(b)).toBeNull();
    expect((await splitEntry(b)).parentKept).toEqual([{ accountId: b, parentId: null, notRestoredTo: p, reason: expect.stringContaining('a person placed it') }]);
  });

  it('keeps the survivor where something other than a person moved it since (matching, as group heads do)', async () => {
    const [a, p, b, head] = await accounts('Moved Holding', 'Moved Middle', 'Moved Bottom', 'Moved Group');
    await setParent(p, a);
    await setParent(b, p);
    const records = await recordsOf(a);
    await identity().merge(admin, b, a, 'one company');
    // As putGroupHeadsOnTop hangs a former head under a new one: no person's decision, no merge.
    await db.query(`UPDATE account SET parent_id = $1 WHERE id = $2`, [head, b]);
    await identity().split(admin, b, records, 'two companies after all');
    expect({ b: await parentOf(b), p: await parentOf(p) }).toEqual({ b: head, p: a });
    expect((await splitEntry(b)).parentKept).toEqual([{ accountId: b, parentId: head, notRestoredTo: p, reason: expect.stringContaining('it moved since the merge') }]);
  });

  it('keeps a child the merge gave the survivor where a person placed it since, even under the survivor', async () => {
    const [a, k, s] = await accounts('Kept Holding', 'Kept Child', 'Kept Survivor');
    await setParent(k, a);
    const records = await recordsOf(a);
    await identity().merge(admin, s, a, 'one company');
    expect(await parentOf(k)).toBe(s);
    await setParent(k, s, 'the survivor owns it, whatever happens to the merge');
    await identity().split(admin, s, records, 'two companies after all');
    expect(await parentOf(k)).toBe(s);
    expect((await splitEntry(s)).parentKept).toEqual([{ accountId: k, parentId: s, notRestoredTo: a, reason: expect.stringContaining('a person placed it') }]);
  });

  it('does not put a child back under the restored account when that account\'s chain now runs through the child (a loop)', async () => {
    const [x, a, k, s] = await accounts('Chain Top', 'Chain Holding', 'Chain Child', 'Chain Survivor');
    await setParent(a, x);
    await setParent(k, a);
    const records = await recordsOf(a);
    await identity().merge(admin, s, a, 'one company');
    expect(await parentOf(k)).toBe(s);
    // A's parent (X, kept while A is merged away) goes below K: X → K → S. Back under A, K would close A → X → K → A.
    await setParent(x, k);
    await identity().split(admin, s, records, 'two companies after all');
    expect({ a: await parentOf(a), k: await parentOf(k), x: await parentOf(x), loops: await loopsAmong([x, a, k, s]) })
      .toEqual({ a: x, k: s, x: k, loops: [] });
    expect((await splitEntry(s)).parentKept).toEqual([
      { accountId: k, parentId: s, notRestoredTo: a, reason: expect.stringContaining('"Chain Holding" → "Chain Top" → "Chain Child"') },
    ]);
  });
});
