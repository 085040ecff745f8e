import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runStatement, withDatabase } from '../database/database';
import { dataSourceOptions } from '../database/data-source';
import { engagementRollups } from '../engagement/rollups';

/**
 * A database of its own for one test file: cloned from the template that the
 * global setup migrated once (CREATE DATABASE … TEMPLATE is a file copy, fast).
 */
export interface TestDatabase {
  url: string;
  dataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through \`npm test\` (the Jest global setup sets it)`);
  return value;
}

/** A new test database's name and URL (not created yet). */
function nextTestDatabase(): { name: string; url: string; adminUrl: string; template: string } {
  const adminUrl = env('OC_TEST_ADMIN_URL');
  const template = env('OC_TEST_TEMPLATE');
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  return { name, url: withDatabase(adminUrl, name), adminUrl, template };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { name, url, adminUrl, template } = nextTestDatabase();
  await runStatement(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const opened: DataSource[] = [];
  return {
    url,
    async dataSource() {
      const ds = new DataSource(dataSourceOptions(url));
      opened.push(await ds.initialize());
      return ds;
    },
    async drop() {
      await Promise.all(opened.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
      await runStatement(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * The database of the test file (or describe block) that calls this, as most specs want it: cloned and
 * connected before its first test (the returned DataSource is usable from the beforeAll hooks registered
 * after this call), dropped after its last. Specs that need a second connection or the URL use
 * createTestDatabase.
 */
export function useTestDatabase(): DataSource {
  const { name, url, adminUrl, template } = nextTestDatabase();
  const db = new DataSource(dataSourceOptions(url));
  beforeAll(async () => {
    await runStatement(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    await db.initialize();
  });
  afterAll(async () => {
    if (db.isInitialized) await db.destroy();
    await runStatement(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return db;
}

/** Adds a division (name: the key capitalised, unless given) and returns its id: the setup most service specs start with. */
export async function addDivision(db: DataSource, key: string, name = key[0].toUpperCase() + key.slice(1)): Promise<string> {
  const [{ id }]: { id: string }[] = await db.query(`INSERT INTO division (key, name) VALUES ($1, $2) RETURNING id`, [key, name]);
  return id;
}

/** Adds `count` accounts ("Account 1", "Account 2" …) and returns their ids in that order. */
export async function addAccounts(db: DataSource, count: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO account (name, name_key) SELECT 'Account ' || g, 'account ' || g FROM generate_series(1, $1::int) g ORDER BY g RETURNING id`, [count]);
  return rows.map((r) => r.id);
}

/** Adds a division system's record (system 'crm') of an account, named after its external id, and returns its id: what touchpoints hang on. */
export async function addAccountRecord(db: DataSource, divisionId: string, externalId: string, accountId: string): Promise<string> {
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO source_account_record (division_id, source_system, external_id, content_hash, name, raw, account_id)
     VALUES ($1, 'crm', $2, 'h', $2, '{}', $3) RETURNING id`, [divisionId, externalId, accountId]);
  return id;
}

/**
 * Counts every pending touchpoint into the engagement rollups now, as the fold of a running hub does within a second.
 * A hub under test folds too: while its fold holds an account's rollup lock, this one skips the account, so it
 * returns only once nothing is pending (the hub's fold committed), not when a pass of its own counted nothing.
 */
export async function foldEngagement(db: DataSource, { timeoutMs = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await db.transaction((tx) => engagementRollups.foldPending(tx))).counted > 0) continue;
    const [{ pending }]: { pending: boolean }[] = await db.query(`SELECT EXISTS (SELECT 1 FROM touchpoint_outbox) AS pending`);
    if (!pending) return;
    if (Date.now() > deadline) throw new Error(`touchpoints still pending after ${timeoutMs} ms: a fold holding their rollup locks never committed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Undoes the migrations from the last one back to `name` (included): a migration test undoes its own, whatever came after it. */
export async function undoMigrationsThrough(db: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last]: { name: string }[] = await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
    if (!last) throw new Error(`migration ${name} is not applied`);
    await db.undoLastMigration({ transaction: 'all' });
    if (last.name === name) return;
  }
}
