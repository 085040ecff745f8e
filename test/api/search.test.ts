import { ColleagueRole } from '../../server/src/colleagues/colleague.entity';
import { nameKey } from '../../server/src/accounts/name-key';
import { encodeCursor } from '../../server/src/common/relay/cursor';
import { Client, GraphQLResult, startTestServer, TestServer } from '../support/server';
import { countStatements } from '../support/sql-counter';

/** `accounts(search:)` over HTTP: the tiers, paging across them, merged accounts, what a typo finds. */
describe('Account search over GraphQL', () => {
  let hub: TestServer;
  let rep: Client;
  const ids = new Map<string, string>();
  const QUERY = `query($search: String, $first: Int, $after: String) {
    accounts(search: $search, first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;
  type Page = { accounts: { edges: { cursor: string; node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

  beforeAll(async () => {
    hub = await startTestServer({ demo: { accounts: 20, seed: 11 } });
    rep = await hub.as(ColleagueRole.REP);
    const ds = await hub.database.dataSource();
    const names = ['Quillfeather Logistics GmbH', 'Quill Works', 'Blue Quillfeather Inc', 'Acme & Quill Partners', 'Squill Media', 'Quill Merged Ltd', 'Old Quill Co'];
    for (const name of names) {
      const [row]: { id: string }[] = await ds.query(`INSERT INTO account (name, name_key) VALUES ($1, $2) RETURNING id`, [name, nameKey(name)]);
      ids.set(name, row.id);
    }
    await ds.query(`UPDATE account SET merged_into_id = $1 WHERE id = ANY($2::uuid[])`, [ids.get('Quill Works'), [ids.get('Quill Merged Ltd'), ids.get('Old Quill Co')]]);
    await ds.destroy();
  });
  afterAll(() => hub.close());

  async function walk(search: string, first: number): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: GraphQLResult<Page> = await rep<Page>(QUERY, { search, first, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data!.accounts;
      names.push(...edges.map((e) => e.node.name));
      if (!pageInfo.hasNextPage) return names;
      after = pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('answers prefix matches, then word-prefix matches (each alphabetically), then fuzzy ones; the same across pages of any size; never a merged account', async () => {
    const whole = await walk('quill', 100);
    const mine = whole.filter((name) => ids.has(name));
    expect(mine).toEqual(['Quill Works', 'Quillfeather Logistics GmbH', 'Acme & Quill Partners', 'Blue Quillfeather Inc', 'Squill Media']);
    expect(new Set(whole).size).toBe(whole.length);
    for (const first of [1, 2, 4]) expect(await walk('Quill', first)).toEqual(whole);
  });

  it('forgives a typo from 3 characters on, and reads one statement per search whichever tiers answer', async () => {
    expect((await walk('Blue Quilfeather', 5))[0]).toBe('Blue Quillfeather Inc');
    expect(await walk('Quilfeather', 20)).toEqual(expect.arrayContaining(['Quillfeather Logistics GmbH', 'Blue Quillfeather Inc']));
    // Two letters: prefix and word-prefix matches only.
    for (const name of await walk('qu', 20)) expect(nameKey(name).startsWith('qu') || nameKey(name).includes(' qu')).toBe(true);
    const prefixOnly = await countStatements(() => rep(QUERY, { search: 'q', first: 1 }));
    const allTiers = await countStatements(() => rep(QUERY, { search: 'quilfeather', first: 20 }));
    expect(allTiers).toBe(prefixOnly);
  });

  it('rejects a cursor that points into no tier with a clear error', async () => {
    const forged = encodeCursor('accounts:search:quill', [5, 0, 'quill', ids.get('Quill Works')]);
    const { errors } = await rep(QUERY, { search: 'quill', after: forged });
    expect(errors?.[0]).toMatchObject({ message: 'Invalid after: expected a cursor returned by this same list (pageInfo.endCursor).', extensions: { code: 'BAD_USER_INPUT' } });
  });

  // Found by exploratory testing: "%" showed every account as matching, and the merge form offered six arbitrary ones.
  it('finds nothing for words without a letter or digit, and lists by name for an empty search', async () => {
    for (const search of ['%', '_', '\\', '😀', ' - ']) expect(await walk(search, 20)).toEqual([]);
    expect((await walk('', 100)).length).toBeGreaterThan(20);
  });
});
