import { AccountsRepository } from '../accounts/accounts.repository';
import { parentDecisionOf } from '../accounts/accounts.service';
import { ParentDecider } from '../accounts/account.types';
import { useTestDatabase } from '../testing/database';
import { accountHierarchy } from '../testing/hierarchy';

/**
 * How an account came under its parent (Account.parentDecision) through merges and the splits undoing them. Found in
 * the team's notes: a child placed under B by a person kept saying "placed under B by …" once a merge of B into A had
 * moved it under A. A merge that moves an account in its group says so (who merged, when, why); the split undoing it
 * gives back the note before, exactly.
 */
describe('the placement note of accounts a merge moves in their group (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const { admin, identity, setParent, parentOf, accounts } = accountHierarchy(db);
  const BY = 'OURCUSTOMER_ADMIN_TOKEN';

  /** The note as stored (the instant as PostgreSQL's text, to the microsecond) and who decided the parent. */
  const note = async (id: string) => (await db.query(
    `SELECT parent_id AS "parentId", parent_set_by AS "setBy", parent_decided_at::text AS "decidedAt", parent_placed_at::text AS "placedAt",
            parent_reason AS reason, parent_moved_by AS "movedBy" FROM account WHERE id = $1`, [id]))[0];
  const decision = async (id: string) => parentDecisionOf((await new AccountsRepository(db).findById(id))!);
  const recordsOf = async (id: string): Promise<string[]> => (await db.query(`SELECT id FROM source_account_record WHERE account_id = $1`, [id])).map((r: { id: string }) => r.id);
  const mergedAt = async (mergeId: string): Promise<Date> => (await db.query(`SELECT created_at FROM account_merge WHERE id = $1`, [mergeId]))[0].created_at;
  const audited = async (action: string, target: string) => (await db.query(
    `SELECT after FROM audit_event WHERE action = $1 AND target_id = $2 ORDER BY id DESC LIMIT 1`, [action, target]))[0].after;

  it('says the merge moved the children under the survivor (who, when, why) and the split undoing it gives their notes back exactly', async () => {
    const [survivor, merged, placed, hung] = await accounts('Wrenfield Dairy', 'Wrenfield Creamery', 'Wrenfield Cheese Ltd', 'Wrenfield Butter Ltd');
    await setParent(placed, merged, 'the creamery owns the cheese company (registry)');
    // Where matching hung an account: a time to the microsecond, matching's words, no person.
    await db.query(`UPDATE account SET parent_id = $2, parent_placed_at = '2026-03-04 05:06:07.123456+00', parent_reason = 'shares the group''s domain' WHERE id = $1`, [hung, merged]);
    const before = { placed: await note(placed), hung: await note(hung) };
    const decisionsBefore = { placed: await decision(placed), hung: await decision(hung) };
    expect(decisionsBefore.placed).toMatchObject({ decider: ParentDecider.PERSON, by: BY, reason: 'the creamery owns the cheese company (registry)' });

    const records = await recordsOf(merged);
    const { mergeId } = await identity().merge(admin, survivor, merged, 'one dairy');
    const at = await mergedAt(mergeId);
    const reason = 'moved with the merge of "Wrenfield Creamery" into "Wrenfield Dairy"';
    for (const child of [placed, hung]) {
      expect(await parentOf(child)).toBe(survivor);
      expect(await decision(child)).toEqual({ decider: ParentDecider.MERGE, by: BY, at, reason, cleared: false });
    }
    // The person's decision still stands (matching keeps away from the account); only the note says what moved it.
    expect(await note(placed)).toMatchObject({ setBy: BY, decidedAt: before.placed.decidedAt, movedBy: BY, reason });
    const merge = await audited('MERGE_ACCOUNTS', survivor);
    expect(merge.parentsMoved).toEqual([placed, hung].sort().map((accountId) => ({ accountId, parentBefore: merged, parentAfter: survivor })));

    const split = await identity().split(admin, survivor, records, 'two companies after all');
    expect(split.restoredMerge).toBe(true);
    expect({ placed: await note(placed), hung: await note(hung) }).toEqual(before);
    expect({ placed: await decision(placed), hung: await decision(hung) }).toEqual(decisionsBefore);
    expect((await audited('SPLIT_ACCOUNT', survivor)).parentsGivenBack.sort()).toEqual([placed, hung].sort());
  });

  it('says so of a survivor that took the merged account\'s place in its group, and gives its note back', async () => {
    const [head, member, below] = await accounts('Yarrow Holdings', 'Yarrow Freight', 'Yarrow Freight Depots');
    await setParent(member, head, 'a company of the group');
    await setParent(below, member, 'the depots of the freight company');
    const before = await note(below);
    const records = await recordsOf(member);
    await identity().merge(admin, below, member, 'one company');
    expect(await parentOf(below)).toBe(head);
    expect(await decision(below)).toMatchObject({
      decider: ParentDecider.MERGE, by: BY, cleared: false,
      reason: 'took the place of "Yarrow Freight" in its group with the merge of "Yarrow Freight" into "Yarrow Freight Depots"',
    });
    expect((await audited('MERGE_ACCOUNTS', below)).parentsMoved).toEqual([{ accountId: below, parentBefore: member, parentAfter: head }]);
    await identity().split(admin, below, records, 'two companies');
    expect(await note(below)).toEqual(before);
  });

  it('tells the latest of two merges, and each split gives back the note before its merge', async () => {
    const [first, second, merged, child] = await accounts('Zennor Mills', 'Zennor Textiles', 'Zennor Weaving', 'Zennor Yarns Ltd');
    await setParent(child, merged, 'the weaving company owns the yarns');
    const original = await note(child);
    const weaving = await recordsOf(merged);
    await identity().merge(admin, first, merged, 'one company');
    const afterFirst = await note(child);
    const mills = await recordsOf(first);
    await identity().merge(admin, second, first, 'one company still');
    expect(await decision(child)).toMatchObject({ decider: ParentDecider.MERGE, reason: 'moved with the merge of "Zennor Mills" into "Zennor Textiles"' });
    // Undone in the order made: the second merge's split gives back the first merge's note, the first's the person's.
    await identity().split(admin, second, mills, 'apart again');
    expect(await note(child)).toEqual(afterFirst);
    await identity().split(admin, first, weaving, 'apart again');
    expect(await note(child)).toEqual(original);
  });

  /**
   * Found in review: A, B, C with C placed under B by a person; B merged into A (C moves under A), then A into C (C takes
   * A's place). Undoing the merge of B first re-pointed the later merge at B (its survivor_parent) but left it the note
   * the first merge had written, so undoing the later one put C under B saying "moved with the merge of B into A".
   */
  describe('undone out of the order made', () => {
    const chainOfTwo = async (tag: string) => {
      const [a, b, c] = await accounts(`${tag} Group`, `${tag} Holdings`, `${tag} Works`);
      await setParent(c, b, `${tag} Holdings owns the works`);
      const original = await note(c);
      const [aRecords, bRecords] = [await recordsOf(a), await recordsOf(b)];
      await identity().merge(admin, a, b, 'one holding');
      const afterFirst = await note(c);
      await identity().merge(admin, c, a, 'the works are the group');
      expect(await parentOf(c)).toBeNull();
      return { a, b, c, original, afterFirst, bRecords, aRecords };
    };

    it('gives back the person\'s note when the first merge is undone first', async () => {
      const { b, c, original, bRecords, aRecords } = await chainOfTwo('Quillon');
      expect((await identity().split(admin, c, bRecords, 'the holdings are apart')).restoredMerge).toBe(true);
      expect((await identity().split(admin, c, aRecords, 'the group is apart')).restoredMerge).toBe(true);
      expect(await note(c)).toEqual(original);
      expect(await decision(c)).toMatchObject({ decider: ParentDecider.PERSON, by: BY, reason: 'Quillon Holdings owns the works' });
      expect(await parentOf(c)).toBe(b);
    });

    it('gives back each merge\'s note before it when undone in the order made (latest first)', async () => {
      const { a, c, original, afterFirst, bRecords, aRecords } = await chainOfTwo('Rushmere');
      // The later merge brought B's records too (they were on A).
      expect((await identity().split(admin, c, [...aRecords, ...bRecords], 'the group is apart')).restoredMerge).toBe(true);
      expect(await parentOf(c)).toBe(a);
      expect(await note(c)).toEqual(afterFirst);
      await identity().split(admin, a, bRecords, 'the holdings are apart');
      expect(await note(c)).toEqual(original);
    });

    /** C placed under B by a person, then B merged into A, A into X, and X into C: the accounts, C's note before, each one's records. */
    async function chainOfThreeMerges(name: string) {
      const [x, a, b, c] = await accounts(`${name} Trust`, `${name} Group`, `${name} Holdings`, `${name} Works`);
      await setParent(c, b, 'the holdings own the works');
      const original = await note(c);
      const [xRecords, aRecords, bRecords] = [await recordsOf(x), await recordsOf(a), await recordsOf(b)];
      await identity().merge(admin, a, b, 'one holding');
      await identity().merge(admin, x, a, 'one group');
      await identity().merge(admin, c, x, 'the works are the trust');
      return { c, a, b, original, xRecords, aRecords, bRecords };
    }

    it('gives back the person\'s note through a merge between (B into A, A into X, X into C), undone first to last', async () => {
      const { c, b, original, xRecords, aRecords, bRecords } = await chainOfThreeMerges('Sedgemoor');
      expect(await parentOf(c)).toBeNull();
      for (const records of [bRecords, aRecords, xRecords]) {
        expect((await identity().split(admin, c, records, 'apart again')).restoredMerge).toBe(true);
      }
      expect(await parentOf(c)).toBe(b);
      expect(await note(c)).toEqual(original);
    });

    it('gives back the person\'s note through a merge between, the middle one undone first', async () => {
      const { c, a, b, original, xRecords, aRecords, bRecords } = await chainOfThreeMerges('Tolland');
      // The merge of A into X first (B's records go back to A with A's), then B's (from A), then X's.
      expect((await identity().split(admin, c, [...aRecords, ...bRecords], 'apart again')).restoredMerge).toBe(true);
      expect((await identity().split(admin, a, bRecords, 'apart again')).restoredMerge).toBe(true);
      expect((await identity().split(admin, c, xRecords, 'apart again')).restoredMerge).toBe(true);
      expect(await parentOf(c)).toBe(b);
      expect(await note(c)).toEqual(original);
    });
  });

  it('is a person\'s decision again once a person places the account the merge moved', async () => {
    const [survivor, merged, child] = await accounts('Ashby Forge', 'Ashby Smithy', 'Ashby Nails Ltd');
    await setParent(child, merged, 'the smithy owns the nails');
    await identity().merge(admin, survivor, merged, 'one forge');
    await setParent(child, survivor, 'checked: the forge owns it now');
    expect(await decision(child)).toMatchObject({ decider: ParentDecider.PERSON, by: BY, reason: 'checked: the forge owns it now' });
    expect(await note(child)).toMatchObject({ movedBy: null });
  });
});
