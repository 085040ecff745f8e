/**
 * The data set of a profile in PostgreSQL, generated once and reused: a
 * database named after the profile and a hash of the generator version, the
 * profile's size and the migrations' source (`oc_bench_<profile>_<hash>`),
 * with a `bench_dataset` row (the manifest) written last — a database without
 * it was cut short and is made again. Making one: a migrated database, its
 * indexes and constraints set aside, every table COPYed at once from the
 * generator (touchpoints through a staging table, then stored in the order
 * the hub would have recorded them, accounts interleaved), indexes and
 * constraints back (which also checks the data against them), VACUUM ANALYZE.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../../server/src/auth/secrets';
import { withDatabase } from '../../server/src/database/database';
import { runMigrations } from '../../server/src/database/data-source';
import { REPO_ROOT } from '../common/environment';
import { sql } from '../common/postgres';
import { generateCompany, GENERATOR_VERSION, Manifest, RowSink, Table, TABLES } from './generator';
import { Profile } from './profiles';
import { engagementRollups } from '../../server/src/engagement/rollups';

/** Every generated colleague signs in with this password. */
export const BENCH_PASSWORD = 'ourcustomer-bench';

export interface Dataset {
  database: string;
  url: string;
  hash: string;
  manifest: Manifest;
  /** True when an earlier run's data was reused. */
  reused: boolean;
  generatedAt: string;
  /** Seconds the data took to make (in the run that made it). */
  seconds: { generateAndCopy: number; order: number; indexes: number; vacuumAnalyze: number; total: number };
  /** Table sizes on disk (with indexes), MiB. */
  sizesMiB: Record<string, number>;
}

function migrationsFingerprint(): string {
  const dir = join(REPO_ROOT, 'server/src/database/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

export function datasetHash(profile: Profile): string {
  return createHash('sha256').update(JSON.stringify({ version: GENERATOR_VERSION, size: profile.data, migrations: migrationsFingerprint() })).digest('hex').slice(0, 12);
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function readDataset(url: string, hash: string): Promise<Omit<Dataset, 'database' | 'url' | 'reused'> | null> {
  const client = await connect(url);
  try {
    const { rows } = await client.query(`SELECT hash, manifest, generated_at AS "generatedAt", seconds, sizes FROM bench_dataset WHERE hash = $1`, [hash]);
    if (!rows.length) return null;
    return { hash, manifest: rows[0].manifest, generatedAt: new Date(rows[0].generatedAt).toISOString(), seconds: rows[0].seconds, sizesMiB: rows[0].sizes };
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** The definitions of the indexes and constraints the load sets aside: dropped before the COPY, made again after. */
interface SetAside {
  foreignKeys: { table: string; name: string; definition: string }[];
  keys: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

async function setAside(client: Client, tables: string[]): Promise<SetAside> {
  const { rows: constraints } = await client.query<{ table: string; name: string; definition: string; type: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition, c.contype AS type
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f', 'x')
        AND (c.conrelid = ANY($1::regclass[]) OR (c.contype = 'f' AND c.confrelid = ANY($1::regclass[])))`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  const aside: SetAside = {
    foreignKeys: constraints.filter((c) => c.type === 'f'),
    keys: constraints.filter((c) => c.type !== 'f'),
    indexes,
  };
  for (const fk of aside.foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${client.escapeIdentifier(fk.name)}`);
  for (const key of aside.keys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${client.escapeIdentifier(key.name)}`);
  for (const index of aside.indexes) await client.query(`DROP INDEX ${index.name}`);
  return aside;
}

async function restore(client: Client, aside: SetAside, log: (line: string) => void): Promise<void> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  const timed = async (label: string, statement: string) => {
    const t0 = performance.now();
    await client.query(statement);
    const seconds = (performance.now() - t0) / 1000;
    if (seconds > 5) log(`    ${label}: ${seconds.toFixed(1)} s`);
  };
  for (const key of aside.keys) await timed(`${key.table} ${key.name}`, `ALTER TABLE ${key.table} ADD CONSTRAINT ${client.escapeIdentifier(key.name)} ${key.definition}`);
  for (const index of aside.indexes) await timed(index.name, index.definition);
  for (const fk of aside.foreignKeys) await timed(`${fk.table} ${fk.name}`, `ALTER TABLE ${fk.table} ADD CONSTRAINT ${client.escapeIdentifier(fk.name)} ${fk.definition}`);
}

/** COPY streams, one connection per table; lines are batched into chunks and the streams' backpressure is honoured at `drain()`. */
class CopySink implements RowSink {
  private readonly buffers = new Map<Table, { lines: string[]; bytes: number }>();
  private readonly waiting = new Set<Table>();
  private failure: Error | null = null;
  private readonly failed: Promise<never>;

  constructor(private readonly streams: Map<Table, Writable>) {
    let reject: (error: Error) => void = () => undefined;
    this.failed = new Promise<never>((_, r) => (reject = r));
    this.failed.catch(() => undefined);
    for (const [table, stream] of streams) {
      this.buffers.set(table, { lines: [], bytes: 0 });
      stream.on('error', (error: Error) => {
        this.failure ??= new Error(`COPY ${table}: ${error.message}`);
        reject(this.failure);
      });
    }
  }

  write(table: Table, copyLine: string): void {
    const buffer = this.buffers.get(table)!;
    buffer.lines.push(copyLine);
    buffer.bytes += copyLine.length;
    if (buffer.bytes > 1 << 18) this.flush(table);
  }

  private flush(table: Table): void {
    const buffer = this.buffers.get(table)!;
    if (!buffer.lines.length) return;
    const chunk = buffer.lines.join('');
    buffer.lines = [];
    buffer.bytes = 0;
    if (!this.streams.get(table)!.write(chunk)) this.waiting.add(table);
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    for (const table of this.buffers.keys()) this.flush(table);
    const waits = [...this.waiting].map((table) => new Promise<void>((resolve) => this.streams.get(table)!.once('drain', resolve)));
    this.waiting.clear();
    await Promise.race([Promise.all(waits), this.failed]);
  }

  async end(): Promise<void> {
    await this.drain();
    await Promise.race([Promise.all([...this.streams.values()].map((stream) => {
      stream.end();
      return finished(stream);
    })), this.failed]);
  }
}

const STAGE = 'bench_touchpoint_stage';

async function load(url: string, profile: Profile, hash: string, log: (line: string) => void): Promise<Omit<Dataset, 'database' | 'url' | 'reused'>> {
  const t0 = performance.now();
  const control = await connect(url);
  const tables = Object.keys(TABLES) as Table[];
  const clients: Client[] = [];
  try {
    const aside = await setAside(control, tables);
    await control.query(`CREATE UNLOGGED TABLE ${STAGE} (LIKE touchpoint INCLUDING DEFAULTS)`);
    const streams = new Map<Table, Writable>();
    for (const table of tables) {
      const client = await connect(url);
      clients.push(client);
      const target = table === 'touchpoint' ? STAGE : table;
      streams.set(table, client.query(copyFrom(`COPY ${target} (${TABLES[table].join(', ')}) FROM STDIN`)));
    }
    const sink = new CopySink(streams);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const started = performance.now();
    // The critical-info catalogue as the migration seeded it: assertions name its fields by id.
    const { rows: fields } = await control.query<{ id: string; key: string }>(`SELECT id, key FROM critical_info_field ORDER BY position, key`);
    const manifest = await generateCompany(profile.data, sink, passwordHash, (done) => {
      const seconds = (performance.now() - started) / 1000;
      log(`    ${done.toLocaleString('en-US')} of ${profile.data.accounts.toLocaleString('en-US')} accounts, ${seconds.toFixed(0)} s`);
    }, fields);
    await sink.end();
    const generateAndCopy = (performance.now() - t0) / 1000;
    log(`  generated and COPYed in ${generateAndCopy.toFixed(1)} s: ${Object.entries(manifest.counts).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}`);

    // Touchpoints in the order the hub records them (accounts interleaved, as over years of ingest).
    const t1 = performance.now();
    await control.query(`SET work_mem = '256MB'`);
    await control.query(`INSERT INTO touchpoint SELECT * FROM ${STAGE} ORDER BY created_at`);
    await control.query(`DROP TABLE ${STAGE}`);
    // Bulk-loaded around the writers: the engagement rollups counted once, nothing left pending (engagement/rollups.ts).
    await control.query('BEGIN');
    await engagementRollups.recountAll(control);
    await control.query('COMMIT');
    const order = (performance.now() - t1) / 1000;
    log(`  touchpoints stored in recording order in ${order.toFixed(1)} s`);

    const t2 = performance.now();
    await restore(control, aside, log);
    const indexes = (performance.now() - t2) / 1000;
    log(`  indexes and constraints made again (and checked) in ${indexes.toFixed(1)} s`);

    const t3 = performance.now();
    await control.query(`VACUUM (ANALYZE)`);
    const vacuumAnalyze = (performance.now() - t3) / 1000;
    log(`  VACUUM (ANALYZE) in ${vacuumAnalyze.toFixed(1)} s`);

    const { rows } = await control.query<{ table: string; mib: string }>(
      `SELECT relname AS table, round(pg_total_relation_size(oid) / 1048576.0, 1) AS mib FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r'`,
      [tables],
    );
    const sizesMiB = Object.fromEntries(rows.map((r) => [r.table, Number(r.mib)]));
    const seconds = { generateAndCopy: round1(generateAndCopy), order: round1(order), indexes: round1(indexes), vacuumAnalyze: round1(vacuumAnalyze), total: round1((performance.now() - t0) / 1000) };
    const generatedAt = new Date().toISOString();
    await control.query(`CREATE TABLE bench_dataset (hash text PRIMARY KEY, profile text NOT NULL, generator_version int NOT NULL, manifest jsonb NOT NULL,
      generated_at timestamptz NOT NULL, seconds jsonb NOT NULL, sizes jsonb NOT NULL)`);
    await control.query(`INSERT INTO bench_dataset VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [hash, profile.name, GENERATOR_VERSION, JSON.stringify(manifest), generatedAt, JSON.stringify(seconds), JSON.stringify(sizesMiB)]);
    return { hash, manifest, generatedAt, seconds, sizesMiB };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await control.end();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The profile's data set on the server of `adminUrl`: reused when a complete
 * one with the same hash exists (unless `fresh`), otherwise made (other data
 * sets of the same profile are dropped first: they are stale and large).
 */
export async function prepareDataset(
  adminUrl: string, profile: Profile, log: (line: string) => void, options: { fresh?: boolean; ownCluster?: boolean } = {},
): Promise<Dataset> {
  const hash = datasetHash(profile);
  const database = `oc_bench_${profile.name}_${hash}`;
  const url = withDatabase(adminUrl, database);
  const admin = await connect(adminUrl);
  let exists: boolean;
  let stale: string[];
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`oc_bench_${profile.name}_%`]);
    exists = rows.some((r) => r.datname === database);
    stale = rows.map((r) => r.datname).filter((name) => name !== database);
  } finally {
    await admin.end();
  }
  if (exists && !options.fresh) {
    const found = await readDataset(url, hash);
    if (found) {
      log(`Data: reusing ${database} (generated ${found.generatedAt})`);
      return { ...found, database, url, reused: true };
    }
    log(`Data: ${database} is incomplete (an earlier run was cut short): making it again`);
  }
  for (const name of stale) {
    log(`Data: dropping ${name} (another version of the ${profile.name} data set)`);
    await sql(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await sql(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await sql(adminUrl, `CREATE DATABASE ${database}`);
  if (options.ownCluster) {
    // Only on the bench's own embedded cluster: fewer checkpoints while loading.
    await sql(adminUrl, `ALTER SYSTEM SET max_wal_size = '8GB'`);
    await sql(adminUrl, `SELECT pg_reload_conf()`);
  }
  const d = profile.data;
  log(`Data: making ${database}: ${d.divisions} divisions, ${d.colleagues.toLocaleString('en-US')} colleagues, ${d.accounts.toLocaleString('en-US')} accounts, ` +
    `about ${d.sourceAccounts.toLocaleString('en-US')} source account records, ${d.stakeholders.toLocaleString('en-US')} stakeholders, ` +
    `${d.touchpoints.toLocaleString('en-US')} touchpoints over ${d.years} years`);
  try {
    await runMigrations(url);
    const made = await load(url, profile, hash, log);
    return { ...made, database, url, reused: false };
  } catch (error) {
    await sql(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    throw error;
  }
}
