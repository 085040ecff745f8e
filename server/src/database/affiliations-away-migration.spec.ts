import { DataSource } from 'typeorm';
import { addAccounts, createTestDatabase, TestDatabase, undoMigrationsThrough } from '../testing/database';

/** Migration AffiliationsAway marks the affiliations already stored: home where the person's own account is. */
describe('migration AffiliationsAway (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.dataSource();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('marks stored affiliations as it finds them, and undone, leaves them as they were', async () => {
    await undoMigrationsThrough(db, 'AffiliationsAway1763903100000');
    const [own, board] = await addAccounts(db, 2);
    const [person] = await db.query(`INSERT INTO stakeholder (account_id, name, name_key) VALUES ($1, 'Dana Board', 'dana board') RETURNING id`, [own]);
    await db.query(`INSERT INTO stakeholder_affiliation (stakeholder_id, account_id, started_on) VALUES ($1, $2, current_date), ($1, $3, current_date)`, [person.id, own, board]);
    await db.runMigrations({ transaction: 'all' });
    expect(await db.query(`SELECT account_id, home FROM stakeholder_affiliation ORDER BY home DESC`)).toEqual([{ account_id: own, home: true }, { account_id: board, home: false }]);
    await undoMigrationsThrough(db, 'AffiliationsAway1763903100000');
    expect(await db.query(`SELECT count(*)::int AS n FROM stakeholder_affiliation`)).toEqual([{ n: 2 }]);
    await db.runMigrations({ transaction: 'all' });
  });
});
