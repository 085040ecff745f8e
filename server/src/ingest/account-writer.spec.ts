import { DataSource } from 'typeorm';
import { addDivision, createTestDatabase, TestDatabase } from '../testing/database';
import { writeAccounts } from './account-writer';
import { AccountRecordInput } from './ingest.types';

/**
 * New account records are stored only under the account linking lock, and
 * whether they are new is asked again once it is taken. Here a concurrent
 * ingest of the same records is held open on purpose until the second one
 * waits for the lock: the records must end stored once, with exactly their
 * own blocking keys (none left behind for a copy that was not stored).
 */
describe('writeAccounts racing a concurrent ingest of the same new records (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DataSource;
  let divisionId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.dataSource();
    divisionId = await addDivision(db, 'exhibits');
  });
  afterAll(() => database.drop());

  it('stores them once, with their own keys only', async () => {
    const inputs: AccountRecordInput[] = Array.from({ length: 20 }, (_, i) => ({ externalId: `R-${i}`, name: `Racing Widgets ${i}`, website: `racing-${i}.example` } as AccountRecordInput));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = db.transaction(async (tx) => {
      const landed = await writeAccounts(tx, divisionId, 'crm', inputs);
      firstWrote();
      await held; // not committed yet: the second ingest cannot see these records
      return landed;
    });
    await wrote;
    const second = db.transaction((tx) => writeAccounts(tx, divisionId, 'crm', inputs));
    // The second now waits for the linking lock the first holds.
    await waitFor(async () => (await db.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`))[0].n === 1);
    release();
    const [a, b] = await Promise.all([first, second]);

    expect([...a.values()].map((x) => x.status)).toEqual(Array(20).fill('CREATED'));
    expect([...b.values()].map((x) => x.status)).toEqual(Array(20).fill('UNCHANGED'));
    expect([...b.values()].map((x) => x.id)).toEqual([...a.values()].map((x) => x.id));
    const [{ records, orphans, keyed }] = await db.query(
      `SELECT (SELECT count(*)::int FROM source_account_record) AS records,
              (SELECT count(*)::int FROM match_key k WHERE NOT EXISTS (SELECT 1 FROM source_account_record s WHERE s.id = k.record_id)) AS orphans,
              (SELECT count(DISTINCT record_id)::int FROM match_key) AS keyed`);
    expect({ records, orphans, keyed }).toEqual({ records: 20, orphans: 0, keyed: 20 });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting for the second ingest to wait for the lock');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
