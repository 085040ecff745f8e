import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { freePort } from '../database/embedded';
import { RunningServer, startServer } from '../server';
import { createTestDatabase, TestDatabase } from '../testing/database';
import { AuthRepository } from './auth.repository';
import { hashPassword } from './secrets';
import { SessionCache, SESSIONS_LISTENER_NAME } from './session-cache';
import { SESSION_TRIGGERS } from './session-channel';

const PASSWORD = 'session-cache-test-password';
const ME = '{ me { email role division { key } } }';

interface Me {
  email: string;
  role: string;
  division: { key: string };
}

async function startInstance(database: TestDatabase): Promise<RunningServer> {
  const port = await freePort();
  return startServer(loadConfig({ NODE_ENV: 'test', PORT: String(port), DATABASE_URL: database.url, OURCUSTOMER_NOTICE_SWEEP_MINUTES: '0' }), () => undefined);
}

async function graphql<T>(server: RunningServer, query: string, cookie?: string): Promise<{ data?: T; headers: Headers }> {
  const response = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query }),
  });
  return { ...((await response.json()) as { data?: T }), headers: response.headers };
}

async function signIn(server: RunningServer, email: string): Promise<string> {
  const { headers } = await graphql(server, `mutation { signIn(email: "${email}", password: "${PASSWORD}") { colleague { id } } }`);
  return headers.get('set-cookie')!.split(';')[0];
}

async function me(server: RunningServer, cookie: string): Promise<Me | null> {
  return (await graphql<{ me: Me | null }>(server, ME, cookie)).data!.me;
}

/** Polls until `check` holds; announcements travel over a second connection, so "at once" is within a few milliseconds. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - start;
}

describe('SessionCache: sessions answered from memory, ended on every instance at once', () => {
  let database: TestDatabase;
  let sql: Client;
  let first: RunningServer;
  let second: RunningServer;
  let email = '';
  /** The instances' reads of a session from the database. */
  let reads: jest.SpyInstance[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const [division] = (await sql.query(`INSERT INTO division (key, name) VALUES ('freight', 'Freight') RETURNING id`)).rows;
    await sql.query(`INSERT INTO division (key, name) VALUES ('print', 'Print')`);
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < 10; i++) {
      await sql.query(`INSERT INTO colleague (email, name, division_id, role, password_hash) VALUES ($1, $2, $3, 'REP', $4)`, [`rep${i}@ourcompany.example`, `Rep ${i}`, division.id, hash]);
    }
    [first, second] = await Promise.all([startInstance(database), startInstance(database)]);
    reads = [first, second].map((server) => jest.spyOn(server.app.get(AuthRepository), 'session'));
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await sql?.end();
    await database?.drop();
  });

  let n = 0;
  beforeEach(() => {
    email = `rep${n++}@ourcompany.example`;
  });

  /** Signs in on the first instance and makes both instances keep the session (asserted: the database is asked once per instance). */
  async function keptOnBoth(): Promise<string> {
    const cookie = await signIn(first, email);
    const statements = await countSessionReads(async () => {
      for (let i = 0; i < 3; i++) for (const server of [first, second]) expect((await me(server, cookie))?.email).toBe(email);
    });
    expect(statements).toBe(2);
    return cookie;
  }

  /** How many times the instances read a session from the database while `work` ran. */
  async function countSessionReads(work: () => Promise<void>): Promise<number> {
    const before = reads.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    await work();
    return reads.reduce((sum, spy) => sum + spy.mock.calls.length, 0) - before;
  }

  it('listens for session changes on a connection of its own', async () => {
    expect(first.app.get(SessionCache).listening).toBe(true);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [SESSIONS_LISTENER_NAME]);
    expect(rows[0].n).toBe(2);
  });

  it('refuses a signed-out session at once, on the instance signed out through and on the other', async () => {
    const cookie = await keptOnBoth();
    expect((await graphql<{ signOut: { signedOut: boolean } }>(first, 'mutation { signOut { signedOut } }', cookie)).data!.signOut.signedOut).toBe(true);
    expect(await me(first, cookie)).toBeNull();
    await within(1_000, async () => (await me(second, cookie)) === null);
  });

  it('ends a session revoked or expired behind the hub’s back (SQL) at once on every instance', async () => {
    const revoked = await keptOnBoth();
    await sql.query(`UPDATE session SET revoked_at = now() WHERE colleague_id = (SELECT id FROM colleague WHERE email = $1)`, [email]);
    for (const server of [first, second]) await within(1_000, async () => (await me(server, revoked)) === null);

    email = `rep${n++}@ourcompany.example`;
    const expired = await keptOnBoth();
    await sql.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE colleague_id = (SELECT id FROM colleague WHERE email = $1)`, [email]);
    for (const server of [first, second]) await within(1_000, async () => (await me(server, expired)) === null);
  });

  it('decides with the colleague’s new role at once when it changes (what a session says of its colleague is cached too)', async () => {
    const cookie = await keptOnBoth();
    const tokens = async (server: RunningServer) => (await graphql<{ integrationTokens: unknown[] } | null>(server, '{ integrationTokens { id } }', cookie)).data?.integrationTokens;
    expect(await tokens(first)).toBeUndefined();
    const setRole = (role: string) => sql.query(`UPDATE colleague SET role = $2 WHERE email = $1`, [email, role]);
    await setRole('ADMIN');
    for (const server of [first, second]) await within(1_000, async () => Array.isArray(await tokens(server)));
    await setRole('REP');
    for (const server of [first, second]) await within(1_000, async () => (await tokens(server)) === undefined);
  });

  it('keeps no session across a lost LISTEN connection: a revocation announced while it was down is seen once it is back', async () => {
    const cookie = await keptOnBoth();
    const cache = second.app.get(SessionCache);
    const listeners = `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`;
    const cut: number[] = (await sql.query(listeners, [SESSIONS_LISTENER_NAME])).rows.map((r: { pid: number }) => r.pid);
    await sql.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [cut]);
    // While it reconnects (100 ms at least), nobody hears the announcement of this revocation.
    await within(2_000, async () => !cache.listening);
    await sql.query(`UPDATE session SET revoked_at = now() WHERE colleague_id = (SELECT id FROM colleague WHERE email = $1)`, [email]);
    await within(5_000, async () => cache.listening);
    expect(await me(second, cookie)).toBeNull();

    // Both instances listening again (the first one's connection was cut too): sessions are kept again.
    await within(5_000, async () => first.app.get(SessionCache).listening);
    email = `rep${n++}@ourcompany.example`;
    await keptOnBoth();
  });

  it('keeps nothing on a database that does not announce session changes (no triggers)', async () => {
    const bare = await createTestDatabase();
    const ds = await bare.dataSource();
    await ds.query(`DROP TRIGGER ${SESSION_TRIGGERS[0]} ON session`);
    await ds.query(`DROP TRIGGER ${SESSION_TRIGGERS[1]} ON colleague`);
    const instance = await startInstance(bare);
    try {
      expect(instance.app.get(SessionCache).listening).toBe(false);
    } finally {
      await instance.close();
      await bare.drop();
    }
  });
});
