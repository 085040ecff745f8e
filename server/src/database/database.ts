import { Client } from 'pg';
import { AppConfig } from '../config/config';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded';

export class DatabaseUnavailableError extends Error {}

export interface OpenDatabase {
  url: string;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

const APP_DATABASE = 'ourcustomer';

/** Runs one statement on a connection of its own (creating or dropping a database: the tests' and the benches' set-up). */
export async function runStatement(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Connects once to prove the server is reachable and new enough, with a short timeout. */
export async function checkServer(url: string, label: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    const version = Number(rows[0].v);
    if (version < 150000) {
      throw new DatabaseUnavailableError(`${label}: PostgreSQL 15 or newer is required, the server runs ${Math.floor(version / 10000)}`);
    }
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`${label}: cannot reach the database (${reason || 'connection refused'})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL in the data folder. */
export async function openDatabase(config: AppConfig, log: (line: string) => void): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    await checkServer(config.databaseUrl, 'DATABASE_URL');
    return { url: config.databaseUrl, close: async () => undefined };
  }
  const embedded = await startEmbeddedDatabase(config.dataDir, log);
  try {
    await ensureDatabase(embedded.url, APP_DATABASE);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  log(`Embedded PostgreSQL running on ${new URL(embedded.url).host} with data in ${config.dataDir}`);
  return { url: withDatabase(embedded.url, APP_DATABASE), embedded, close: () => embedded.stop() };
}
