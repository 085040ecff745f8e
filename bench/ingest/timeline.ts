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
 * shows which of them are on the batch's critical path. And the CPU time the
 * batches took in this process and in the database's server processes (read
 * from /proc, the server being on this machine): on a machine shared with other
 * work, wall time drifts with their load, CPU time much less.
 *
 * `--dump FILE` writes, after the last batch, every decision the batches made
 * (each record's account, link status, score and evidence; the accounts; the
 * reviews; the merges; the blocking keys), named by natural keys instead of
 * ids and in their order: two runs that decided alike write the same file, so
 * a change meant to be faster only can be checked with `cmp`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { ingestBatch } from '../../server/src/ingest/ingest.service';
import { IngestBatchInput } from '../../server/src/ingest/ingest.types';
import { runMain } from '../common/environment';
import { benchDatabaseName, createDatabase, dropDatabase, startPostgres } from '../common/postgres';
import { benchDivisions, generateAccounts, toBatches } from './generator';

const SEED = 20261123;

function parseArgs(argv: string[]): { accounts: number; show: Set<number>; dump?: string } {
  const at = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const accounts = Number(at('--accounts') ?? 20000);
  const show = (at('--show') ?? '10,18').split(',').map(Number);
  if (!Number.isInteger(accounts) || accounts < 1 || show.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new Error('options: --accounts N (default 20000), --show I,J,… (batch numbers from 0; default 10,18), --dump FILE');
  }
  return { accounts, show: new Set(show), dump: at('--dump') };
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
    const cpu0 = process.cpuUsage();
    const server0 = await serverCpuSeconds(ds);
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
    const cpu = process.cpuUsage(cpu0);
    const serverCpu = (await serverCpuSeconds(ds)) - server0;
    if (args.dump) await dumpDecisions(ds, args.dump);
    const sum = totals.reduce((a, b) => a + b, 0);
    console.log(`\nbatches (ms): ${totals.map((t) => t.toFixed(0)).join(' ')}\n${args.accounts} records in ${(sum / 1000).toFixed(1)} s = ${Math.round(args.accounts / (sum / 1000))}/s`);
    console.log(`CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, the database's server processes ${serverCpu.toFixed(2)} s (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    return 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(postgres, name);
    await postgres.stop();
  }
}

/** CPU seconds (user + system) the database's server processes of this database have used, from /proc (0 where unreadable). */
async function serverCpuSeconds(ds: DataSource): Promise<number> {
  const pids: { pid: number }[] = await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const ticks = pids.map(({ pid }) => {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  });
  return ticks.reduce((a, b) => a + b, 0) / 100;
}

/**
 * The decisions stored, one line each, ids replaced by natural keys: a record by its division, system and external
 * id, an account by its first record's (by id: ids are time-ordered, so the record it was made for).
 */
const DECISIONS = `WITH rec AS (
    SELECT s.*, d.key || '/' || s.source_system || '/' || s.external_id AS nk FROM source_account_record s JOIN division d ON d.id = s.division_id),
  acc AS (SELECT DISTINCT ON (r.account_id) r.account_id AS id, r.nk FROM rec r WHERE r.account_id IS NOT NULL ORDER BY r.account_id, r.id)
  SELECT line FROM (
    SELECT 'record ' || r.nk || ' account=' || coalesce(a.nk, '-') || ' ' || r.link_status || ' ' || coalesce(r.link_score::text, '-') || ' '
           || r.link_rule_version || ' ' || coalesce(r.link_evidence::text, '-') AS line FROM rec r LEFT JOIN acc a ON a.id = r.account_id
    UNION ALL
    SELECT 'account ' || coalesce(x.nk, 'empty:' || a.name) || ' ' || a.name || ' | ' || a.name_key || ' | ' || coalesce(a.domains::text, '-') || ' | '
           || coalesce(a.registry_id, '-') || ' | ' || coalesce(a.industry, '-') || ' | parent=' || coalesce(p.nk, '-') || ' | merged_into=' || coalesce(m.nk, '-')
      FROM account a LEFT JOIN acc x ON x.id = a.id LEFT JOIN acc p ON p.id = a.parent_id LEFT JOIN acc m ON m.id = a.merged_into_id
    UNION ALL
    SELECT 'review ' || v.kind || ' ' || r.nk || ' ~ ' || c.nk || ' ' || v.score || ' ' || v.status || ' ' || v.rule_version || ' ' || v.evidence::text
      FROM match_review v JOIN rec r ON r.id = v.record_id JOIN rec c ON c.id = v.candidate_record_id
    UNION ALL
    SELECT 'merge ' || (m.merged_state->>'name') || ' -> ' || coalesce(i.nk, '-') || ' '
           || regexp_replace(coalesce(m.reason, '-'), '[0-9a-f]{8}-[0-9a-f-]{27}', 'ID', 'g') || ' ' || m.moved::text
      FROM account_merge m LEFT JOIN acc i ON i.id = m.survivor_id
    UNION ALL
    SELECT 'key ' || r.nk || ' ' || k.key FROM match_key k JOIN rec r ON r.id = k.record_id
  ) lines ORDER BY line COLLATE "C"`;

async function dumpDecisions(ds: DataSource, file: string): Promise<void> {
  const rows: { line: string }[] = await ds.query(DECISIONS);
  writeFileSync(file, rows.map((r) => r.line).join('\n') + '\n');
  console.log(`${rows.length} decision lines written to ${file}`);
}

runMain(main);
