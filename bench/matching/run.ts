/**
 * `npm run bench:matching` — identity-resolution quality of the real hub on
 * the labelled data sets of ../shared/data (or $OURCUSTOMER_SHARED_DATA).
 *
 * For each data set: a fresh database (on an embedded PostgreSQL in a
 * temporary folder, or on $DATABASE_URL's server), the real server on it, the
 * divisions created and the records sent through the GraphQL `ingest` mutation
 * as the admin, in batches of 500; then the outcome is read with SQL and
 * scored (bench/matching/evaluate.ts, metrics.ts). Prints per data set and a
 * Markdown table, writes bench/results/matching-<date>.json.
 *
 * Options: --strict (exit 1 when a target fails or an item is rejected),
 * --only chicago-ece,patstat,fake-1000, --sample (the floor test's small
 * subsets), --batch-size N, --quiet.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitState, runMain, writeResult } from '../common/environment';
import { BenchServer, startBenchServer, stopOnSignal } from '../common/hub-server';
import { benchDatabaseName, createDatabase, dropDatabase, startPostgres } from '../common/postgres';
import { DATASETS, REPO_ROOT, SAMPLES, sharedDataDir, subset } from './datasets';
import { TARGETS, verdicts } from './evaluate';
import { bearerClient } from './hub';
import { measure } from './measure';
import { DatasetResult, datasetText, markdownTable, NOTES, targetsLine } from './report';

interface Args {
  strict: boolean;
  only: string[];
  sample: boolean;
  batchSize: number;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { strict: false, only: Object.keys(DATASETS), sample: false, batchSize: 500, quiet: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--strict') args.strict = true;
    else if (arg === '--sample') args.sample = true;
    else if (arg === '--quiet') args.quiet = true;
    else if (arg.startsWith('--only')) args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg.startsWith('--batch-size')) args.batchSize = Number(value());
    else throw new Error(`unknown option ${arg} (options: --strict, --only <ids>, --sample, --batch-size <n>, --quiet)`);
  }
  for (const id of args.only) if (!DATASETS[id]) throw new Error(`unknown data set ${id}; known: ${Object.keys(DATASETS).join(', ')}`);
  if (!Number.isInteger(args.batchSize) || args.batchSize < 1) throw new Error('--batch-size must be a positive integer');
  return args;
}

function gitCommit(): string | undefined {
  const git = gitState(REPO_ROOT);
  return git && (git.dirty ? `${git.short} (with uncommitted changes)` : git.short);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const log = args.quiet ? () => undefined : (line: string) => console.log(line);
  const dataDir = sharedDataDir();
  const started = new Date();
  log(`Matching bench — data from ${dataDir}; ${targetsLine()}`);

  const postgres = await startPostgres(log);
  const results: DatasetResult[] = [];
  let hub: BenchServer | undefined;
  // One stop, however many callers (the signal handler and the finally below): main waits for it before exiting.
  const lifecycle = stopOnSignal(async () => {
    await hub?.server.close().catch(() => undefined);
    await postgres.stop();
  });
  try {
    for (const id of args.only) {
      if (lifecycle.interrupted()) break;
      const full = DATASETS[id](dataDir);
      const dataset = args.sample ? subset(full, SAMPLES[id]) : full;
      log(`\n${dataset.id}: ${dataset.records.length} records, ${dataset.divisions.length} divisions`);
      const database = benchDatabaseName(id);
      const databaseUrl = await createDatabase(postgres, database);
      try {
        const t0 = performance.now();
        hub = await startBenchServer(databaseUrl);
        log(`  server on :${hub.port}, database ${database} migrated, started in ${hub.startSeconds.toFixed(1)} s`);
        const result = await measure(bearerClient(hub.url, hub.token), databaseUrl, dataset, { batchSize: args.batchSize, log });
        // Server start and migrations included.
        result.seconds = (performance.now() - t0) / 1000;
        results.push(result);
        log('');
        log(datasetText(result));
      } finally {
        if (!lifecycle.interrupted()) {
          await hub?.server.close();
          hub = undefined;
          await dropDatabase(postgres, database);
        }
      }
    }
  } finally {
    await lifecycle.stop();
    lifecycle.dispose();
  }
  if (lifecycle.interrupted()) return 130;

  const table = markdownTable(results);
  console.log(`\n${table}\n`);
  console.log('Notes:');
  for (const note of NOTES) console.log(`- ${note}`);
  console.log('');
  let failed = false;
  for (const r of results) {
    const v = verdicts(r.evaluation);
    const rejected = r.ingest.rejected.length + r.ingest.failedItems;
    if (v.some((x) => !x.pass) || rejected) failed = true;
    console.log(`${r.evaluation.id}: ${v.map((x) => `${x.name} ${x.value === undefined ? 'n/a' : x.value.toFixed(3)} ${x.pass ? 'PASS' : 'FAIL'}`).join('; ')}${rejected ? `; ${rejected} items rejected or not confirmed` : ''}`);
  }

  const date = started.toISOString().slice(0, 10);
  const dir = join(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `matching-${date}${args.sample ? '-sample' : ''}.json`);
  const json = {
    startedAt: started.toISOString(),
    commit: gitCommit(),
    dataDir,
    postgres: postgres.embedded ? 'embedded' : 'DATABASE_URL',
    batchSize: args.batchSize,
    sample: args.sample,
    targets: TARGETS,
    notes: NOTES,
    datasets: results.map((r) => ({
      ...r.evaluation,
      seconds: r.seconds,
      ingest: r.ingest,
      verdicts: verdicts(r.evaluation),
    })),
    markdown: table,
  };
  writeResult(file, json);
  if (failed && args.strict) {
    console.log('--strict: a target failed or items were rejected');
    return 1;
  }
  return 0;
}

runMain(main);
