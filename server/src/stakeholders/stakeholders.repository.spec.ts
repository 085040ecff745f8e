import { DataSource } from 'typeorm';
import { addAccounts, useTestDatabase } from '../testing/database';
import { PlanNode, scansOf } from '../testing/plans';
import { CURRENT_PAGE_SQL, StakeholdersRepository } from './stakeholders.repository';

/**
 * An account's current people: those whose own account it is, and those a
 * record puts there whose own account is another (an open affiliation that is
 * not home). The second kind are found through a partial index of such
 * affiliations, not by reading every person of the account.
 */
describe('StakeholdersRepository.pageOfAccount (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let big: string;
  let elsewhere: string;

  // 40 accounts of 1,000 people each (each with their home affiliation), and one person of another account on the board of the first.
  beforeAll(async () => {
    const accounts = await addAccounts(db, 40);
    [big, elsewhere] = accounts;
    await db.query(
      `WITH people AS (INSERT INTO stakeholder (account_id, name, name_key)
                         SELECT a, 'Person ' || g, 'person ' || lpad(g::text, 5, '0') FROM unnest($1::uuid[]) AS a, generate_series(1, 1000) g
                       RETURNING id, account_id)
       INSERT INTO stakeholder_affiliation (stakeholder_id, account_id, started_on, home) SELECT id, account_id, current_date, true FROM people`,
      [accounts]);
    const [board] = await db.query(`INSERT INTO stakeholder (account_id, name, name_key) VALUES ($1, 'Board Member', 'person 00500x') RETURNING id`, [elsewhere]);
    await db.query(
      `INSERT INTO stakeholder_affiliation (stakeholder_id, account_id, started_on, home) VALUES ($1, $2, current_date, true), ($1, $3, current_date, false)`,
      [board.id, elsewhere, big]);
    await db.query('ANALYZE');
  });

  it('lists a person on the board of the account among its own people, in name order, as a person of that account', async () => {
    const repository = new StakeholdersRepository(db);
    const page = await repository.pageOfAccount(big, 20, { nameKey: 'person 00490', id: '00000000-0000-0000-0000-000000000000' });
    expect(page.map((p) => p.name)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `Person ${490 + i}`), 'Person 500', 'Board Member', ...Array.from({ length: 9 }, (_, i) => `Person ${501 + i}`),
    ]);
    expect(page.find((p) => p.name === 'Board Member')!.accountId).toBe(big);
    expect((await repository.pageOfAccount(elsewhere, 1000)).some((p) => p.name === 'Board Member')).toBe(true);
  });

  it('reads a page of the account through its two indexes, never every person of it nor the whole table', async () => {
    const [row] = await db.query(`EXPLAIN (FORMAT JSON) ${CURRENT_PAGE_SQL}`, [big, null, null, 21]);
    const scans = scansOf(row['QUERY PLAN'][0].Plan as PlanNode);
    expect(scans.filter((s) => s.type === 'Seq Scan')).toEqual([]);
    expect(scans.map((s) => s.index)).toEqual(expect.arrayContaining(['stakeholder_account_idx', 'stakeholder_affiliation_away_idx']));
  });

  it('reads the people who moved on from the account through the index of ended affiliations', async () => {
    const statements: string[] = [];
    const watched = { query: async (sql: string, params?: unknown[]) => {
      statements.push(sql);
      const [row] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const scans = scansOf(row['QUERY PLAN'][0].Plan as PlanNode);
      expect(scans.filter((s) => s.type === 'Seq Scan')).toEqual([]);
      expect(scans.map((s) => s.index)).toContain('stakeholder_affiliation_ended_idx');
      return db.query(sql, params);
    } } as unknown as DataSource;
    expect(await new StakeholdersRepository(watched).formerPageOfAccount(big, 20)).toEqual([]);
    expect(statements).toHaveLength(1);
  });
});
