import { GraphQLError } from 'graphql';
import { DemoAccount, generateDemoCompany } from '../demo/generator';
import { DemoHubAccount, demoHubAccounts, hubAccountOf } from '../demo/hub-lookup';
import { loadDemoCompany } from '../demo/loader';
import { encodeCursor } from '../common/relay/cursor';
import { useTestDatabase } from '../testing/database';
import { AccountsRepository, FUZZY_MIN_LENGTH } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { nameKey } from './name-key';

describe('AccountsService (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let service: AccountsService;
  const company = generateDemoCompany({ accounts: 120, seed: 42 });
  /** The hub's accounts (id → name key), as identity resolution made them of the demo's source records. */
  let nameKeys: Map<string, string>;
  let landed: Map<string, DemoHubAccount>;
  /** The hub account of a demo customer, with its name key in the hub. */
  const hubOf = (account: DemoAccount) => {
    const { accountId } = hubAccountOf(landed, account);
    return { id: accountId, nameKey: nameKeys.get(accountId)! };
  };

  beforeAll(async () => {
    await loadDemoCompany(db, company);
    landed = await demoHubAccounts(db, company);
    const rows: { id: string; nameKey: string }[] = await db.query(`SELECT id, name_key AS "nameKey" FROM account`);
    nameKeys = new Map(rows.map((r) => [r.id, r.nameKey]));
    service = new AccountsService(new AccountsRepository(db));
  });

  async function walk(search?: string, first = 7) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result = await service.list({ search, first, after });
      ids.push(...result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasNextPage) return ids;
      after = result.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('pages through every account by name exactly once (keyset)', async () => {
    const ids = await walk();
    // Every demo customer landed in an account (identity resolution decides how many accounts that makes).
    expect(landed.size).toBe(120);
    expect(ids).toHaveLength(nameKeys.size);
    expect(new Set(ids).size).toBe(nameKeys.size);
    const byName = [...nameKeys].sort(([idA, a], [idB, b]) => (a < b ? -1 : a > b ? 1 : idA < idB ? -1 : idA > idB ? 1 : 0)).map(([id]) => id);
    expect(ids).toEqual(byName);
  });

  it('ranks name prefixes before word prefixes before fuzzy matches', async () => {
    const target = hubOf(company.accounts[0]);
    const firstWord = target.nameKey.split(' ')[0];
    const result = await service.list({ search: firstWord.toUpperCase(), first: 50 });
    const keys = result.edges.map((e) => nameKeys.get(e.node.id)!);
    expect(keys).toContain(target.nameKey);
    const firstNonPrefix = keys.findIndex((k) => !k.startsWith(firstWord));
    if (firstNonPrefix >= 0) expect(keys.slice(firstNonPrefix).every((k) => !k.startsWith(firstWord))).toBe(true);
  });

  it('finds an account by a word inside its name and despite a typo', async () => {
    const target = company.accounts.map(hubOf).find((a) => a.nameKey.split(' ').length >= 3)!;
    const second = target.nameKey.split(' ')[1];
    const byWord = await service.list({ search: second, first: 100 });
    expect(byWord.edges.map((e) => e.node.id)).toContain(target.id);
    const typo = target.nameKey.slice(0, -2) + 'xq';
    const fuzzy = await service.list({ search: typo, first: 100 });
    expect(fuzzy.edges.map((e) => e.node.id)).toContain(target.id);
  });

  it('pages a search without duplicates or gaps', async () => {
    const term = hubOf(company.accounts[3]).nameKey.split(' ')[0];
    const all = await service.list({ search: term, first: 100 });
    const paged = await walk(term, 2);
    expect(paged.length).toBeGreaterThan(0);
    expect(paged).toEqual(all.edges.map((e) => e.node.id));
  });

  // A search of only punctuation used to list every account as if it matched (the merge form offered six arbitrary ones
  // for "%"; found by exploratory testing): it names no account, so none match. An empty search lists them all.
  it('treats LIKE wildcards as text, and a search of only punctuation as matching nothing', async () => {
    const repository = new AccountsRepository(db);
    expect(await repository.search('a%', 10)).toHaveLength(0);
    expect(await repository.search('_', 10)).toHaveLength(0);
    expect((await service.list({ search: '%', first: 3 })).edges).toEqual([]);
    expect((await service.list({ search: '', first: 3 })).edges).toHaveLength(3);
  });

  describe('search tiers (accounts of its own, next to the demo\'s)', () => {
    /** Name → id of the accounts made here; `tier` is where the search "quill" should find them (null: merged away). */
    const made = new Map<string, string>();
    const accounts: { name: string; tier: 0 | 1 | 2 | null }[] = [
      { name: 'Quillfeather Logistics GmbH', tier: 0 },
      { name: 'Quill Works', tier: 0 },
      { name: 'Quillon AG', tier: 0 },
      { name: 'Blue Quillfeather Inc', tier: 1 },
      { name: 'Acme & Quill Partners', tier: 1 },
      { name: 'Squill Media', tier: 2 },
      { name: 'Quil Labs', tier: 2 },
      { name: 'Quill Merged Ltd', tier: null },
      { name: 'Old Quill Co', tier: null },
      { name: 'Quil Merged', tier: null },
      { name: 'Feather Quarry', tier: null },
    ];
    const idOf = (name: string) => made.get(name)!;
    let repository: AccountsRepository;

    beforeAll(async () => {
      repository = new AccountsRepository(db);
      for (const { name } of accounts) {
        const [row]: { id: string }[] = await db.query(`INSERT INTO account (name, name_key) VALUES ($1, $2) RETURNING id`, [name, nameKey(name)]);
        made.set(name, row.id);
      }
      await db.query(`UPDATE account SET merged_into_id = $1 WHERE id = ANY($2::uuid[])`, [
        idOf('Quill Works'), ['Quill Merged Ltd', 'Old Quill Co', 'Quil Merged'].map(idOf),
      ]);
    });

    /** The live accounts' name keys (id → key), as the search sees them now. */
    async function liveKeys(): Promise<Map<string, string>> {
      const rows: { id: string; nameKey: string }[] = await db.query(`SELECT id, name_key AS "nameKey" FROM account WHERE merged_into_id IS NULL`);
      return new Map(rows.map((r) => [r.id, r.nameKey]));
    }
    const byKeyThenId = ([idA, a]: [string, string], [idB, b]: [string, string]) => (a < b ? -1 : a > b ? 1 : idA < idB ? -1 : idA > idB ? 1 : 0);

    it('answers names starting with the term, then names with a word starting with it (each alphabetically), then fuzzy matches, most similar first', async () => {
      const rows = await repository.search('quill', 100);
      const mine = rows.filter((r) => [...made.values()].includes(r.id));
      expect(mine.map((r) => r.name)).toEqual(['Quill Works', 'Quillfeather Logistics GmbH', 'Quillon AG', 'Acme & Quill Partners', 'Blue Quillfeather Inc', 'Quil Labs', 'Squill Media']);
      for (const row of mine) expect(row.sortKey[0]).toBe(accounts.find((a) => a.name === row.name)!.tier);
      // The whole answer (demo accounts too): tiers in order, alphabetical in tiers 0 and 1, by distance then name in tier 2.
      const keys = rows.map((r) => r.sortKey as [number, number, string, string]);
      for (let i = 1; i < keys.length; i++) {
        const [a, b] = [keys[i - 1], keys[i]];
        expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && (a[2] < b[2] || (a[2] === b[2] && a[3] < b[3])))))).toBe(true);
      }
      for (const [tier, distance, key] of keys) {
        if (tier === 0) expect(key.startsWith('quill')).toBe(true);
        if (tier === 1) expect(!key.startsWith('quill') && key.includes(' quill')).toBe(true);
        if (tier === 2) expect(key.startsWith('quill') || key.includes(' quill')).toBe(false);
        // Distance: 1 − word similarity, at most 0.4 (pg_trgm's word_similarity_threshold, 0.6) in tier 2; 0 before.
        if (tier < 2) expect(distance).toBe(0);
        else expect(distance).toBeLessThanOrEqual(0.4);
      }
    });

    it('pages across tier boundaries returning every match exactly once, in the order of one big page', async () => {
      const all = (await service.list({ search: 'Quill', first: 100 })).edges.map((e) => e.node.id);
      expect(all.length).toBeGreaterThanOrEqual(7);
      for (const first of [1, 2, 3]) expect(await walk('Quill', first)).toEqual(all);
      // Every tier is met on the way (a page of 2 ends inside tier 0, tier 1 and tier 2).
      const tiers = new Set((await repository.search('quill', 100)).map((r) => r.sortKey[0]));
      expect([...tiers].sort()).toEqual([0, 1, 2]);
    });

    it('never answers merged-away accounts, in any tier', async () => {
      const found = new Set(await walk('quill', 3));
      for (const name of ['Quill Merged Ltd', 'Old Quill Co', 'Quil Merged']) expect(found.has(idOf(name))).toBe(false);
      expect(found.has(idOf('Feather Quarry'))).toBe(false);
      // Their survivor is found.
      expect(found.has(idOf('Quill Works'))).toBe(true);
    });

    it('answers short terms (1–2 letters) with prefix and word-prefix matches only, all of them, in order', async () => {
      expect(FUZZY_MIN_LENGTH).toBe(3);
      const keys = [...(await liveKeys())];
      for (const term of ['q', 'qu', 'a', 'ac']) {
        const tier0 = keys.filter(([, k]) => k.startsWith(term)).sort(byKeyThenId);
        const tier1 = keys.filter(([, k]) => !k.startsWith(term) && k.includes(` ${term}`)).sort(byKeyThenId);
        const expected = [...tier0, ...tier1].map(([id]) => id);
        expect(expected.length).toBeGreaterThan(0);
        expect(await walk(term.toUpperCase(), 25)).toEqual(expected);
        expect((await repository.search(term, 100)).every((r) => r.sortKey[0] !== 2)).toBe(true);
      }
    });

    it('forgives a typo: fuzzy matches come after the exact tiers, by word similarity', async () => {
      const rows = await repository.search(nameKey('Quilfeather'), 20);
      const ids = rows.map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining([idOf('Quillfeather Logistics GmbH'), idOf('Blue Quillfeather Inc')]));
      expect(rows.filter((r) => r.id === idOf('Quillfeather Logistics GmbH') || r.id === idOf('Blue Quillfeather Inc')).every((r) => r.sortKey[0] === 2)).toBe(true);
      // The fuzzy tier is pg_trgm's word similarity (term <% name), nearest first.
      const expected: { id: string }[] = await db.query(
        `SELECT id FROM account WHERE merged_into_id IS NULL AND word_similarity($1, name_key) >= 0.6 AND name_key NOT LIKE $1 || '%' AND name_key NOT LIKE '% ' || $1 || '%'
          ORDER BY 1 - word_similarity($1, name_key), name_key COLLATE "C", id LIMIT 20`,
        ['quilfeather'],
      );
      expect(ids).toEqual(expected.map((r) => r.id));
      // Two words, one misspelt.
      const twoWords = await service.list({ search: 'Blue Quilfeather', first: 5 });
      expect(twoWords.edges[0].node.id).toBe(idOf('Blue Quillfeather Inc'));
    });

    it('treats % and _ in the term as text in the prefix tiers', async () => {
      // Unescaped, LIKE 'q%%' would be every name starting with q, and 'quil_%' would be Quill Works.
      expect(await repository.search('q%', 100)).toEqual([]);
      expect(await repository.search('q_', 100)).toEqual([]);
      for (const term of ['quil_', 'quill%', 'qu_ll', '%quill']) {
        const rows = await repository.search(term, 100);
        expect(rows.every((r) => r.sortKey[0] === 2)).toBe(true);
      }
    });

    it('rejects a cursor that does not point into a tier', async () => {
      const forged = encodeCursor('accounts:search:quill', [7, 0, 'quill', idOf('Quill Works')]);
      await expect(service.list({ search: 'quill', after: forged })).rejects.toThrow('Invalid after');
      const notUuid = encodeCursor('accounts:search:quill', [0, 0, 'quill', 'x']);
      await expect(service.list({ search: 'quill', after: notUuid })).rejects.toThrow('Invalid after');
    });
  });

  it('rejects a cursor of another list and out-of-range page sizes with a clear error', async () => {
    const byName = await service.list({ first: 2 });
    await expect(service.list({ search: 'acme', after: byName.pageInfo.endCursor })).rejects.toThrow(
      'Invalid after: expected a cursor returned by this same list',
    );
    await expect(service.list({ after: 'garbage' })).rejects.toBeInstanceOf(GraphQLError);
    await expect(service.list({ first: 0 })).rejects.toThrow('Invalid first: expected an integer from 1 to 100');
    await expect(service.list({ first: 101 })).rejects.toThrow('Invalid first');
    await expect(service.list({ search: 'x'.repeat(201) })).rejects.toThrow('Invalid search: expected at most 200 characters');
  });

  it('gets one account by id and answers null for unknown or malformed ids', async () => {
    const target = company.accounts[5];
    const { accountId, name } = hubAccountOf(landed, target);
    const account = await service.get(accountId);
    expect(account).toMatchObject({ id: accountId, name, lifecycleStage: target.lifecycleStage });
    // The hub names the account as one of the divisions spelled it.
    expect(target.records.map((r) => r.name)).toContain(account!.name);
    expect(await service.get('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await service.get('not-a-uuid')).toBeNull();
  });
});
