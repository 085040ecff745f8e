/**
 * `npm run bench:ingest -- --accounts-only` is too long a name for iterating on
 * matching: this script runs scenario A of the ingest bench alone (new source
 * accounts, matching on, over HTTP), then the same number of further accounts
 * in-process under the CPU profiler, and prints the rate, the SQL statements
 * by total time, the top functions, and optionally EXPLAIN (ANALYZE, BUFFERS)
 * of the blocking statement with the keys of a sample of stored records.
 *
 * node -r @swc-node/register bench/ingest/accounts.ts [--accounts N] [--profile-accounts N] [--concurrency N] [--explain] [--seed N]
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { ACCOUNT_CANDIDATES_STATEMENT, keyCap } from '../../server/src/matching/blocking';
import { runMain } from '../common/environment';
import { startBenchServer } from '../common/hub-server';
import { benchDatabaseName, createDatabase, dropDatabase, startPostgres } from '../common/postgres';
import { benchDivisions, generateAccounts, toBatches } from './generator';
import { createDivisions, sendBatches } from './http';
import { ingestInProcess, timeStatements } from './profile';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the blocking statement ingest runs, with the keys of `sample` stored account records. */
async function explain(databaseUrl: string, sample: number): Promise<string> {
  const ds = await new DataSource({ ...dataSourceOptions(databaseUrl, 1), logging: false }).initialize();
  try {
    const keys: string[] = (await ds.query(
      `SELECT DISTINCT key FROM match_key WHERE record_id IN (SELECT id FROM source_account_record ORDER BY md5(id::text) LIMIT $1)`, [sample],
    )).map((r: { key: string }) => r.key);
    const rows: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${ACCOUNT_CANDIDATES_STATEMENT}`, [keys, keys.map((k) => keyCap(k) + 1)]);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<number> {
  const accounts = option('--accounts', 20000);
  const profileAccounts = option('--profile-accounts', 5000);
  const seed = option('--seed', 20261123);
  const concurrency = option('--concurrency', 1);
  const log = (line: string) => console.log(line);
  const postgres = await startPostgres(log, 'a fresh database for the run');
  const database = benchDatabaseName('accounts');
  try {
    const databaseUrl = await createDatabase(postgres, database);
    const hub = await startBenchServer(databaseUrl);
    try {
      const divisions = benchDivisions(seed);
      await createDivisions(hub.url, hub.token, divisions);
      const set = generateAccounts(divisions, accounts, seed);
      const timer = timeStatements();
      const outcome = await sendBatches(hub.url, hub.token, toBatches(set.records, 'accounts', 1000), { concurrency }).finally(() => timer.stop());
      log(`A over HTTP (${concurrency} client${concurrency > 1 ? 's' : ''}): ${outcome.items} in ${outcome.seconds.toFixed(2)} s = ${outcome.perSecond}/s; p50 ${outcome.latencyMs.p50} ms; ${JSON.stringify(outcome.statuses)}`);
      const statements = timer.stop();
      for (const s of statements.slice(0, 8)) log(`  ${String(s.totalMs).padStart(6)} ms ${String(s.calls).padStart(4)}× ${s.statement}`);
      if (process.argv.includes('--explain')) {
        log(await explain(databaseUrl, 1000));
      }
      const ids = new Map<string, string>((await (await new DataSource({ ...dataSourceOptions(databaseUrl, 1), logging: false }).initialize()).query('SELECT id, key FROM division'))
        .map((r: { id: string; key: string }) => [r.key, r.id]));
      const more = generateAccounts(divisions, profileAccounts, seed + 6, { firstId: 900000, others: set });
      const profiled = await ingestInProcess(databaseUrl, ids, toBatches(more.records, 'accounts', 1000));
      log(`A in-process, profiled: ${profiled.items} in ${profiled.seconds.toFixed(2)} s = ${profiled.perSecond}/s; SQL ${profiled.sqlMs} ms`);
      for (const s of profiled.statements.slice(0, 8)) log(`  ${String(s.totalMs).padStart(6)} ms ${String(s.calls).padStart(4)}× ${s.statement}`);
      for (const l of profiled.breakdown.layers.slice(0, 8)) log(`  ${String(l.ms).padStart(6)} ms ${l.layer}`);
      for (const f of profiled.breakdown.functions.slice(0, 20)) log(`  ${String(f.ms).padStart(6)} ms ${f.fn}`);
    } finally {
      await hub.server.close().catch(() => undefined);
    }
  } finally {
    await dropDatabase(postgres, database);
    await postgres.stop();
  }
  return 0;
}

runMain(main);
