import { addAccounts, useTestDatabase } from '../testing/database';
import { AccountsRepository } from './accounts.repository';

/** Account.children and Account.groupHead: several accounts' children and heads, each read in one statement. */
describe('the children and group head of accounts (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const repo = () => new AccountsRepository(db);
  let ids: string[];
  const names = async (rows: { id: string }[]) => rows.map((r) => ids.indexOf(r.id) + 1);

  beforeAll(async () => {
    // Account 1 heads Accounts 2, 3, 4 and 5 (5 merged away into 4, which keeps its parent); Account 3 heads Account 6.
    ids = await addAccounts(db, 6);
    await db.query(`UPDATE account SET parent_id = $1 WHERE id = ANY($2::uuid[])`, [ids[0], [ids[1], ids[2], ids[3], ids[4]]]);
    await db.query(`UPDATE account SET merged_into_id = $1 WHERE id = $2`, [ids[3], ids[4]]);
    await db.query(`UPDATE account SET parent_id = $1 WHERE id = $2`, [ids[2], ids[5]]);
  });

  it('pages through the live children of several accounts at once, by name, with how many each has', async () => {
    const first = await repo().childrenOf([ids[0], ids[2], ids[5]], 2);
    expect(await names(first.get(ids[0])!.rows)).toEqual([2, 3, 4]); // 2 of the page and 1 telling that more follow
    expect(first.get(ids[0])!.totalCount).toBe(3);
    expect(await names(first.get(ids[2])!.rows)).toEqual([6]);
    expect(first.get(ids[5])).toEqual({ rows: [], totalCount: 0 });
    const next = await repo().childrenOf([ids[0]], 2, ['account 3', ids[2]]);
    expect(await names(next.get(ids[0])!.rows)).toEqual([4]);
  });

  it("finds the head of each account's group, the top of its chain; none for an account without a parent", async () => {
    const heads = await repo().groupHeads([ids[0], ids[1], ids[5]]);
    expect(heads).toEqual(new Map([[ids[1], ids[0]], [ids[5], ids[0]]]));
  });
});
