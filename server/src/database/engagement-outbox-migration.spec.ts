import { DataSource } from 'typeorm';
import { engagementRollups } from '../engagement/rollups';
import { createTestDatabase, TestDatabase, undoMigrationsThrough } from '../testing/database';

/** Migration EngagementOutbox undone and done again: nothing counted or pending is lost either way. */
describe('migration EngagementOutbox (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DataSource;
  const triggers = async () => (await db.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'touchpoint'::regclass AND NOT tgisinternal ORDER BY 1`))
    .map((t: { tgname: string }) => t.tgname);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.dataSource();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('undone, counts the pending touchpoints in and brings the triggers back; done again, drops them', async () => {
    expect(await triggers()).toEqual([]);
    const [account] = await db.query(`INSERT INTO account (name, name_key) VALUES ('A', 'a') RETURNING id`);
    const [division] = await db.query(`INSERT INTO division (key, name) VALUES ('d', 'D') RETURNING id`);
    await db.query(
      `WITH added AS (INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, content_hash)
                      SELECT $1, $2, 's', 'T-' || g, gen_random_uuid(), 'CALL', now() - g * interval '20 days', 'h' FROM generate_series(1, 3) g
                      RETURNING ${engagementRollups.RETURNING})
       ${engagementRollups.pendFrom('added')}`,
      [account.id, division.id]);
    await undoMigrationsThrough(db, 'EngagementOutbox1763903000000');
    expect(await db.query(`SELECT sum(touch_count)::int AS n FROM engagement_month`)).toEqual([{ n: 3 }]);
    expect(await triggers()).toEqual(['touchpoint_rollup_delete', 'touchpoint_rollup_insert', 'touchpoint_rollup_update']);
    await db.runMigrations({ transaction: 'all' });
    expect(await triggers()).toEqual([]);
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`)).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT sum(touch_count)::int AS n FROM engagement_month`)).toEqual([{ n: 3 }]);
  });
});
