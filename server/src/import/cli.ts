import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { exitWhenFlushed } from '../common/exit';
import { loadConfig } from '../config/config';
import { openDatabase } from '../database/database';
import { dataSourceOptions, runMigrations } from '../database/data-source';
import { checkSourceSystem } from '../ingest/ingest.service';
import { MAX_BATCH_ITEMS } from '../ingest/validation';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, ImportBatchError, MAX_CONCURRENCY, resolveDivision, runImport, UnknownDivisionError } from './importer';
import { identityMapping, Kind, KINDS, Mapping, MappingError, parseMapping } from './mapping';
import { createProgress } from './progress';
import { EXIT_FAILED, EXIT_IMPORTED, EXIT_INTERRUPTED, EXIT_USAGE, exitCodeOf, formatSummary } from './summary';
import { Format, formatOf } from './sources';

const USAGE = `Usage: npm run import -- --division <key> --source <system> --mapping <file> <file.csv|file.jsonl>

Streams a CSV or JSONL file of any size into the hub through the same pipeline as
the ingest mutation, in batches (one transaction each), and prints a summary.
Rejected rows are written with their reasons to <file>.rejected.csv (.jsonl).

Options:
  --division <key>      division the records come from (its key, e.g. "exhibits")   required
  --source <system>     the division's system, e.g. "exhibits-crm"                    required
  --mapping <file>      mapping file (mappings/README.md); a bare name such as
                        "generic-accounts" means mappings/generic-accounts.csv.json
  --kind <kind>         accounts | contacts | touchpoints | opportunities | criticalInfo, instead of
                        --mapping when the columns (or JSON keys) are the ingest fields
  --batch-size <n>      rows per batch, 1 to ${MAX_BATCH_ITEMS} (default ${DEFAULT_BATCH_SIZE})
  --concurrency <n>     batches in the database at once, 1 to ${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY}); the rows
                        of one record (same external id) still land in the order of the file
  --format <csv|jsonl>  default: from the file name (.csv .tsv .txt / .jsonl .ndjson)
  --delimiter <char>    CSV delimiter (default ","; a tab for .tsv; "tab" or "\\t" for tab)
  --quiet               no progress output
  -h, --help            this text

Database: DATABASE_URL, or the embedded PostgreSQL in OURCUSTOMER_DATA_DIR (default
./.data; stop a server using the same folder first).
Exit codes: 0 imported, nothing rejected; 3 imported, but rows were rejected (they are in the
rejected-rows file); 1 failed; 2 wrong usage (options, mapping, division, required columns);
130 interrupted.`;

class UsageError extends Error {}

/** npm runs scripts from the package root; relative paths are meant from where the user typed the command. */
function fromUser(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function mappingPath(value: string): string {
  const direct = fromUser(value);
  if (existsSync(direct) || /[\\/]/.test(value)) return direct;
  const shipped = join(__dirname, '../../../mappings');
  for (const candidate of [value, `${value}.json`, `${value}.csv.json`]) {
    if (existsSync(join(shipped, candidate))) return join(shipped, candidate);
  }
  return direct;
}

interface Invocation {
  file: string;
  format: Format;
  divisionKey: string;
  sourceSystem: string;
  mapping: Mapping;
  batchSize: number;
  concurrency: number;
  delimiter?: string;
  quiet: boolean;
}

async function readInvocation(argv: string[]): Promise<Invocation | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        division: { type: 'string' }, source: { type: 'string' }, mapping: { type: 'string' }, kind: { type: 'string' },
        'batch-size': { type: 'string' }, concurrency: { type: 'string' }, format: { type: 'string' }, delimiter: { type: 'string' },
        quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the file to import' : `one file at a time (got ${positionals.length}: ${positionals.join(' ')})`);
  if (!values.division) throw new UsageError('--division <key> is required');
  if (!values.source) throw new UsageError('--source <system> is required');
  let sourceSystem: string;
  try {
    sourceSystem = checkSourceSystem(values.source);
  } catch {
    throw new UsageError(`--source: expected a system name of 1 to 100 letters, digits, spaces or . _ : / - (e.g. "exhibits-crm"), got "${values.source}"`);
  }
  const file = fromUser(positionals[0]);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`${positionals[0]}: no such file`);
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'jsonl') throw new UsageError(`--format: expected csv or jsonl, got "${values.format}"`);
  const format = (values.format as Format | undefined) ?? formatOf(file);
  if (!format) throw new UsageError(`${positionals[0]}: cannot tell the format from the name; pass --format csv or --format jsonl`);
  if (values.kind !== undefined && !KINDS.includes(values.kind as Kind)) throw new UsageError(`--kind: expected one of ${KINDS.join(', ')}, got "${values.kind}"`);
  let mapping: Mapping;
  if (values.mapping) {
    const path = mappingPath(values.mapping);
    const text = await readFile(path, 'utf8').catch(() => {
      throw new UsageError(`--mapping: cannot read ${values.mapping} (${path})`);
    });
    mapping = parseMapping(text, basename(path));
    if (values.kind && values.kind !== mapping.kind) throw new UsageError(`--kind ${values.kind} contradicts the mapping, which maps ${mapping.kind}`);
  } else if (values.kind) {
    mapping = identityMapping(values.kind as Kind);
  } else {
    throw new UsageError('--mapping <file> is required (or --kind <kind> when the columns are named like the ingest fields)');
  }
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ITEMS) {
    throw new UsageError(`--batch-size: expected an integer from 1 to ${MAX_BATCH_ITEMS}, got "${values['batch-size']}"`);
  }
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency: expected an integer from 1 to ${MAX_CONCURRENCY}, got "${values.concurrency}"`);
  }
  let delimiter = values.delimiter;
  if (delimiter === 'tab' || delimiter === '\\t') delimiter = '\t';
  if (delimiter !== undefined && (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')) {
    throw new UsageError(`--delimiter: expected one character such as , ; | or "tab", got "${values.delimiter}"`);
  }
  return { file, format, divisionKey: values.division, sourceSystem, mapping, batchSize, concurrency, delimiter, quiet: !!values.quiet };
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown user';
  }
}

async function main(argv: string[]): Promise<number> {
  const invocation = await readInvocation(argv);
  if (invocation === 'help') {
    console.log(USAGE);
    return EXIT_IMPORTED;
  }
  const abort = new AbortController();
  const signals = ['SIGINT', 'SIGTERM'] as const;
  // The embedded database's own handlers (stop PostgreSQL, exit), held back until a second Ctrl-C.
  const heldBack: [NodeJS.Signals, (...args: unknown[]) => void][] = [];
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++interrupts > 1) {
      if (heldBack.length === 0) process.exit(EXIT_INTERRUPTED);
      for (const [s, listener] of heldBack) if (s === signal) listener(signal);
      return;
    }
    console.error('\nStopping after the current batch (press Ctrl-C again to stop at once)…');
    abort.abort();
  };
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  for (const s of signals) process.on(s, onSignal);
  const database = await openDatabase(loadConfig(), (line) => console.error(line));
  for (const s of signals) {
    for (const listener of process.listeners(s).filter((l) => l !== onSignal && !before.get(s)!.has(l))) {
      process.off(s, listener);
      heldBack.push([s, listener as (...args: unknown[]) => void]);
    }
  }
  try {
    await runMigrations(database.url);
    // No query logging: a failed batch would print its whole payload (customer data) to the terminal; the error is reported below.
    // A connection per batch in the database at once, and one to spare (the division lookup, the audit of an interruption).
    const ds = await new DataSource({ ...dataSourceOptions(database.url, invocation.concurrency + 1), logging: false }).initialize();
    try {
      const division = await resolveDivision(ds, invocation.divisionKey);
      const summary = await runImport(ds, {
        file: invocation.file, format: invocation.format, delimiter: invocation.delimiter, division, sourceSystem: invocation.sourceSystem,
        mapping: invocation.mapping, batchSize: invocation.batchSize, concurrency: invocation.concurrency, actorLabel: `import command (${operator()})`, signal: abort.signal,
        progress: (total) => createProgress({ total, quiet: invocation.quiet }),
        warn: (line) => console.error(`warning: ${line}`),
      }).catch((error) => {
        if (error instanceof ImportBatchError) console.log(formatSummary(error.summary, division.key, invocation.sourceSystem, true));
        throw error;
      });
      console.log(formatSummary(summary, division.key, invocation.sourceSystem));
      return exitCodeOf(summary);
    } finally {
      await ds.destroy();
    }
  } finally {
    await database.close();
    for (const s of signals) process.off(s, onSignal);
  }
}


main(process.argv.slice(2)).then(exitWhenFlushed, (error) => {
  const usage = error instanceof UsageError || error instanceof MappingError || error instanceof UnknownDivisionError;
  console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error('Run with --help for the options.');
  if (!usage && process.env.OURCUSTOMER_DEBUG) console.error(error);
  exitWhenFlushed(usage ? EXIT_USAGE : EXIT_FAILED);
});
