/**
 * What a bench result was measured on and with: the repository's commit and
 * the machine (cores, memory, Node, PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface GitState {
  /** Full hash of HEAD (`git rev-parse HEAD`). */
  commit: string;
  short: string;
  /** Tracked files differ from HEAD. */
  dirty: boolean;
}

export function gitState(cwd = REPO_ROOT): GitState | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', 'HEAD');
    return { commit, short: commit.slice(0, 7), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return undefined;
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  postgres: string;
  /** 1, 5 and 15 minute load averages when measured: other work on the machine skews the figures. */
  loadAverage: number[];
}

export async function machineInfo(databaseUrl: string): Promise<Machine> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let postgres: string;
  try {
    postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    postgres,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/**
 * Writes a result file (pretty JSON) and says where. Its folder is made if missing: a bench's `--out`
 * naming a folder not made yet failed only after the whole run, and its figures were lost.
 */
export function writeResult(file: string, json: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

/** Runs a bench's main and exits with its code; an error prints its stack and exits 1. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
