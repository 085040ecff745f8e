import { DataSource } from 'typeorm';
import { GraphQLError } from 'graphql';
import { DemoAccount, generateDemoCompany } from '../demo/generator';
import { DemoHubAccount, demoHubAccounts, hubAccountOf } from '../demo/hub-lookup';
import { loadDemoCompany } from '../demo/loader';
import { createTestDatabase, TestDatabase } from '../testing/database';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

describe('AccountsService (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DataSource;
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
    database = await createTestDatabase();
    db = await database.dataSource();
    await loadDemoCompany(db, company);
    landed = await demoHubAccounts(db, company);
    const rows: { id: string; nameKey: string }[] = await db.query(`SELECT id, name_key AS "nameKey" FROM account`);
    nameKeys = new Map(rows.map((r) => [r.id, r.nameKey]));
    service = new AccountsService(new AccountsRepository(db));
  });
  afterAll(() => database.drop());

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

  it('treats LIKE wildcards as text, and a search of only punctuation as no search', async () => {
    const repository = new AccountsRepository(db);
    expect(await repository.search('a%', 10)).toHaveLength(0);
    expect(await repository.search('_', 10)).toHaveLength(0);
    const punctuation = await service.list({ search: '%', first: 3 });
    const unfiltered = await service.list({ first: 3 });
    expect(punctuation.edges.map((e) => e.node.id)).toEqual(unfiltered.edges.map((e) => e.node.id));
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
