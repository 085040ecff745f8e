/**
 * `npm run bench:timeline` — where one batch of new account records spends
 * its time, statement by statement: scenario A of the ingest bench
 * (generated account records of 3 divisions, batches of 1,000) through
 * `ingestBatch` in this process, on a fresh database (embedded PostgreSQL,
 * or $DATABASE_URL's server). For the batches asked (`--show 10,18`, default
 * the 11th and 19th) it prints each SQL statement's start and end in ms from
 * the batch's start: the gaps are JavaScript, and a statement sent while
 * another runs (the blocking keys' insert during scoring) shows as overlap.
 * Then every batch's total. The bench's statement table sums times; this
 * shows which of them are on the batch's critical path.
 */
import { DataSource, EntityManager } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { ingestBatch } from '../../server/src/ingest/ingest.service';
import { IngestBatchInput } from '../../server/src/ingest/ingest.types';
import { runMain } from '../common/environment';
import { benchDatabaseName, createDatabase, dropDatabase, startPostgres } from '../common/postgres';
import { benchDivisions, generateAccounts, toBatches } from './generator';

const SEED = 20261123;

function parseArgs(argv: string[]): { accounts: number; show: Set<number> } {
  const at = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const accounts = Number(at('--accounts') ?? 20000);
  const show = (at('--show') ?? '10,18').split(',').map(Number);
  if (!Number.isInteger(accounts) || accounts < 1 || show.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new Error('options: --accounts N (default 20000), --show I,J,… (batch numbers from 0; default 10,18)');
  }
  return { accounts, show: new Set(show) };
}

type Query = (this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

/** Records every statement's start and end (ms since `since()`) until `stop()`. */
function recordStatements(since: () => number) {
  const proto = PostgresQueryRunner.prototype as unknown as { query: Query };
  const original = proto.query;
  let lines: string[] = [];
  proto.query = async function recorded(this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) {
    const start = since();
    try {
      return await original.call(this, query, parameters, structured);
    } finally {
      const end = since();
      const label = query.replace(/\s+/g, ' ').trim().slice(0, 90);
      lines.push(`${start.toFixed(1).padStart(7)} ${end.toFixed(1).padStart(7)} ${(end - start).toFixed(1).padStart(6)}  ${label}`);
    }
  };
  return { take: () => { const taken = lines; lines = []; return taken; }, stop: () => { proto.query = original; } };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const postgres = await startPostgres(console.log, 'a fresh database for the timeline');
  const name = benchDatabaseName('timeline');
  const ds = new DataSource({ ...dataSourceOptions(await createDatabase(postgres, name), 2), logging: false });
  try {
    await ds.initialize();
    await ds.runMigrations();
    const divisions = benchDivisions(SEED);
    const ids = new Map<string, string>();
    for (const d of divisions) ids.set(d.key, (await ds.query(`INSERT INTO division (key, name) VALUES ($1, $2) RETURNING id`, [d.key, d.name]))[0].id);
    const batches = toBatches(generateAccounts(divisions, args.accounts, SEED).records, 'accounts', 1000);
    let t0 = 0;
    const statements = recordStatements(() => performance.now() - t0);
    const totals: number[] = [];
    try {
      for (const [i, b] of batches.entries()) {
        statements.take();
        t0 = performance.now();
        const input = { division: b.division, sourceSystem: b.sourceSystem, accounts: b.accounts } as unknown as IngestBatchInput;
        await ds.transaction((tx: EntityManager) => ingestBatch(tx, ids.get(b.division)!, b.sourceSystem, input));
        totals.push(performance.now() - t0);
        if (args.show.has(i)) console.log(`\nbatch ${i} (${b.accounts?.length} records): ${totals[i].toFixed(1)} ms\n  start     end     ms  statement\n${statements.take().join('\n')}`);
      }
    } finally {
      statements.stop();
    }
    const sum = totals.reduce((a, b) => a + b, 0);
    console.log(`\nbatches (ms): ${totals.map((t) => t.toFixed(0)).join(' ')}\n${args.accounts} records in ${(sum / 1000).toFixed(1)} s = ${Math.round(args.accounts / (sum / 1000))}/s`);
    return 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(postgres, name);
    await postgres.stop();
  }
}

runMain(main);
