import { DataSource } from 'typeorm';
import { engagementRollups } from '../engagement/rollups';
import { addAccounts, createTestDatabase, TestDatabase, undoMigrationsThrough } from '../testing/database';

/**
 * Migrations that move or derive data, undone and done again on one database
 * (each undoes what came after it too): nothing stored is lost either way.
 */
describe('migrations undone and done again (real PostgreSQL)', () => {
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

  // EngagementOutbox: pending touchpoints counted in when undone, nothing pending left when done again.
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

  // AffiliationsAway: the affiliations already stored are marked as found.
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

  // TimelineWords: every touchpoint stored gets its words; undone, the word index on touchpoint is back.
  it('writes the words of every stored touchpoint, and undone, indexes their text on touchpoint again', async () => {
    const index = async () => (await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'touchpoint' AND indexname = 'touchpoint_text_idx'`)).length;
    await undoMigrationsThrough(db, 'TimelineWords1763903200000');
    expect(await index()).toBe(1);
    await db.query(`UPDATE touchpoint SET subject = 'Budget review for ' || external_id`);
    await db.runMigrations({ transaction: 'all' });
    expect(await index()).toBe(0);
    expect(await db.query(`SELECT reloptions FROM pg_class WHERE relname = 'touchpoint_words_idx'`)).toEqual([{ reloptions: ['gin_pending_list_limit=256'] }]);
    expect(await db.query(
      `SELECT count(*)::int AS n FROM touchpoint t JOIN touchpoint_words w ON w.account_id = t.account_id AND w.touchpoint_id = t.id AND w.occurred_at = t.occurred_at
        WHERE w.words @@ to_tsquery('english', 'budgets')`)).toEqual([{ n: 3 }]);
    await undoMigrationsThrough(db, 'TimelineWords1763903200000');
    expect(await index()).toBe(1);
    expect(await db.query(`SELECT to_regclass('touchpoint_words') AS words`)).toEqual([{ words: null }]);
    await db.runMigrations({ transaction: 'all' });
  });

  // TimelineWordsUnaccented: stored words of accented text found without accents; undone, as 'english' wrote them.
  it('writes the stored words of accented text again without accents, and undone, as they were', async () => {
    await undoMigrationsThrough(db, 'TimelineWordsUnaccented1763905200000');
    await db.query(`UPDATE touchpoint SET subject = 'Visit at Café Müller ' || external_id`);
    await db.query(`UPDATE touchpoint_words w SET words = to_tsvector('english', t.subject) FROM touchpoint t WHERE t.id = w.touchpoint_id`);
    const found = async (word: string, config: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM touchpoint_words WHERE words @@ to_tsquery($2::regconfig, $1)`, [word, config]))[0].n as number;
    expect([await found('muller', 'english'), await found('müller', 'english')]).toEqual([0, 3]);
    await db.runMigrations({ transaction: 'all' });
    expect([await found('muller', 'ourcustomer_words'), await found('müller', 'ourcustomer_words'), await found('visits', 'ourcustomer_words')]).toEqual([3, 3, 3]);
    await undoMigrationsThrough(db, 'TimelineWordsUnaccented1763905200000');
    expect([await found('muller', 'english'), await found('müller', 'english')]).toEqual([0, 3]);
    await db.runMigrations({ transaction: 'all' });
  });

  // SignInAttempts: a colleague's count and lock move to the email's row, and back when undone.
  it('keeps a colleague\'s failed sign-ins and lock across the move to counts per email', async () => {
    await undoMigrationsThrough(db, 'SignInAttempts1763903400000');
    const [division] = await db.query(`INSERT INTO division (key, name) VALUES ('locks', 'Locks') RETURNING id`);
    await db.query(`INSERT INTO colleague (email, name, division_id, failed_sign_ins, locked_until) VALUES ('locked@x.example', 'L', $1, 5, now() + interval '10 minutes'), ('fine@x.example', 'F', $1, 0, NULL)`, [division.id]);
    await db.runMigrations({ transaction: 'all' });
    expect(await db.query(`SELECT email, failures, locked_until > now() AS locked FROM sign_in_attempt`)).toEqual([{ email: 'locked@x.example', failures: 5, locked: true }]);
    await undoMigrationsThrough(db, 'SignInAttempts1763903400000');
    expect(await db.query(`SELECT email, failed_sign_ins, locked_until > now() AS locked FROM colleague WHERE email LIKE '%@x.example' ORDER BY email`)).toEqual([
      { email: 'fine@x.example', failed_sign_ins: 0, locked: null },
      { email: 'locked@x.example', failed_sign_ins: 5, locked: true },
    ]);
    await db.runMigrations({ transaction: 'all' });
  });

  // AccountNameKeysFolded: stored accounts' keys spell ß, ø, ł as people type them; undone, as before.
  it('makes the search keys of stored accounts with letters such as ß again, and undone, as they were', async () => {
    await undoMigrationsThrough(db, 'AccountNameKeysFolded1763903500000');
    await db.query(`INSERT INTO account (name, name_key) VALUES ('Großmann Straßenbau GmbH', 'großmann straßenbau gmbh'), ('Müller AG', 'muller ag')`);
    await db.runMigrations({ transaction: 'all' });
    const keys = async () => (await db.query(`SELECT name_key FROM account WHERE name IN ('Großmann Straßenbau GmbH', 'Müller AG') ORDER BY name`)).map((r: { name_key: string }) => r.name_key);
    expect(await keys()).toEqual(['grossmann strassenbau gmbh', 'muller ag']);
    await undoMigrationsThrough(db, 'AccountNameKeysFolded1763903500000');
    expect(await keys()).toEqual(['großmann straßenbau gmbh', 'muller ag']);
    await db.runMigrations({ transaction: 'all' });
  });

  // AffiliationStints: each stored affiliation is one stint with its dates; titles from each division's latest record where
  // the person is now, the stored title (no division known) where they left; undone, the affiliations are as they were.
  it('makes each stored affiliation a stint with its titles, and undone, leaves the affiliations as they were', async () => {
    await undoMigrationsThrough(db, 'AffiliationStints1763904500000');
    const [now, left] = await addAccounts(db, 2);
    const [crm] = await db.query(`INSERT INTO division (key, name) VALUES ('stint-crm', 'Stint CRM') RETURNING id`);
    const [erp] = await db.query(`INSERT INTO division (key, name) VALUES ('stint-erp', 'Stint ERP') RETURNING id`);
    const [person] = await db.query(`INSERT INTO stakeholder (account_id, name, name_key) VALUES ($1, 'Sam Stint', 'sam stint') RETURNING id`, [now]);
    const record = (division: string, externalId: string, raw: object) => db.query(
      `INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, stakeholder_id, content_hash, raw,
                                          name, name_key, first_key, last_key)
       VALUES ($1, 's', $2, 'A', $3, $4, 'h', $5, 'Sam Stint', 'sam stint', 'sam', 'stint')`, [division, externalId, now, person.id, JSON.stringify(raw)]);
    await record(crm.id, 'C-1', { title: 'CTO' });
    await record(erp.id, 'E-1', {});
    await db.query(
      `INSERT INTO stakeholder_affiliation (stakeholder_id, account_id, title, started_on, ended_on, home)
       VALUES ($1, $2, 'CTO', '2024-02-01', NULL, true), ($1, $3, 'Buyer', '2021-03-01', '2024-01-31', false)`, [person.id, now, left]);
    await db.runMigrations({ transaction: 'all' });
    expect(await db.query(
      `SELECT f.account_id AS "accountId", to_char(t.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(t.ended_on, 'YYYY-MM-DD') AS "endedOn",
              (SELECT json_agg(json_build_object('division', h.division_id, 'title', h.title)) FROM stakeholder_affiliation_title h WHERE h.stint_id = t.id) AS titles
         FROM stakeholder_affiliation_stint t JOIN stakeholder_affiliation f ON f.id = t.affiliation_id WHERE f.stakeholder_id = $1 ORDER BY t.started_on DESC`, [person.id]))
      .toEqual([
        { accountId: now, startedOn: '2024-02-01', endedOn: null, titles: [{ division: crm.id, title: 'CTO' }] },
        { accountId: left, startedOn: '2021-03-01', endedOn: '2024-01-31', titles: [{ division: null, title: 'Buyer' }] },
      ]);
    await undoMigrationsThrough(db, 'AffiliationStints1763904500000');
    expect(await db.query(`SELECT title, ended_on IS NULL AS open FROM stakeholder_affiliation WHERE stakeholder_id = $1 ORDER BY 2 DESC`, [person.id]))
      .toEqual([{ title: 'CTO', open: true }, { title: 'Buyer', open: false }]);
    await db.runMigrations({ transaction: 'all' });
  });
});
