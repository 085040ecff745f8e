/**
 * `npm run bench:ingest-cpu` — the CPU one new touchpoint of a known account
 * costs, end to end: this process (the hub and the bench client, as in
 * `bench:ingest`'s scenario B) and every PostgreSQL backend of the run's
 * database (the ingest requests' connections and the engagement fold's),
 * until the fold has counted the touchpoints and written their words.
 *
 * Wall rates on the shared 2-core machine drift by ±20 % with other work;
 * CPU time drifts far less, so this is what compares two commits. It sets up
 * scenario A's accounts and P's contacts over HTTP (the quick profile's sizes
 * by default), then sends `--rounds` rounds of fresh touchpoints over HTTP,
 * waits for the outbox to be empty after each, and reports per touchpoint:
 * Node's CPU (`process.cpuUsage`), the backends' (`/proc/<pid>/schedstat`,
 * so PostgreSQL must run on this machine), by backend, with the wall rates.
 *
 * Options: --accounts N (2000), --touchpoints N (10000 per round), --rounds N
 * (3), --seed N, --keep (leave the database for a look afterwards).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { runMain } from '../common/environment';
import { startBenchServer } from '../common/hub-server';
import { benchDatabaseName, createDatabase, dropDatabase, startPostgres } from '../common/postgres';
import { benchDivisions, generateAccounts, generateContacts, generateTouchpoints, toBatches } from './generator';
import { createDivisions, sendBatches } from './http';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** CPU time (ns) each backend of `database` has used so far, with what it last ran. */
async function backendCpu(admin: Client, database: string): Promise<Map<number, { ns: number; query: string }>> {
  const { rows } = await admin.query<{ pid: number; query: string }>(`SELECT pid, query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
  const out = new Map<number, { ns: number; query: string }>();
  for (const r of rows) {
    try {
      out.set(r.pid, { ns: Number(readFileSync(`/proc/${r.pid}/schedstat`, 'utf8').split(' ')[0]), query: r.query });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function outboxEmpty(admin: Client): Promise<void> {
  while ((await admin.query<{ pending: boolean }>(`SELECT EXISTS (SELECT 1 FROM touchpoint_outbox) AS pending`)).rows[0].pending) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<number> {
  const accountsCount = option('accounts', 2000);
  const perRound = option('touchpoints', 10000);
  const rounds = option('rounds', 3);
  const seed = option('seed', 20261123);
  const log = (line: string) => console.log(line);
  const postgres = await startPostgres(log, 'a fresh database for the run');
  if (postgres.embedded) log('  (embedded PostgreSQL: its backends are on this machine too)');
  const database = benchDatabaseName('ingest_cpu');
  const databaseUrl = await createDatabase(postgres, database);
  const hub = await startBenchServer(databaseUrl);
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const divisions = benchDivisions(seed);
    await createDivisions(hub.url, hub.token, divisions);
    const accountSet = generateAccounts(divisions, accountsCount, seed);
    const accounts = await sendBatches(hub.url, hub.token, toBatches(accountSet.records, 'accounts', 1000));
    const people = generateContacts(accountSet, seed + 7);
    const contacts = await sendBatches(hub.url, hub.token, toBatches(people.contacts, 'contacts', 1000));
    log(`set up: ${accounts.items} account records, ${contacts.items} contacts`);
    await outboxEmpty(admin);
    for (let round = 0; round < rounds; round++) {
      const batches = toBatches(generateTouchpoints(accountSet.records, people.byAccount, perRound, seed + 1 + round, `R${round}-`), 'touchpoints', 1000);
      const load = loadavg()[0];
      const before = await backendCpu(admin, database);
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      const sent = await sendBatches(hub.url, hub.token, batches);
      const t1 = performance.now();
      await outboxEmpty(admin);
      const t2 = performance.now();
      const node = process.cpuUsage(node0);
      const after = await backendCpu(admin, database);
      const created = sent.statuses.CREATED ?? 0;
      if (created !== sent.items) throw new Error(`expected ${sent.items} CREATED, got ${JSON.stringify(sent.statuses)} ${JSON.stringify(sent.errors)}`);
      const perTp = (ns: number) => Math.round(ns / 1000 / created);
      const backends = [...after].map(([pid, a]) => ({ pid, ns: a.ns - (before.get(pid)?.ns ?? 0), query: a.query.replace(/\s+/g, ' ').slice(0, 50) }))
        .filter((b) => b.ns > 0).sort((a, b) => b.ns - a.ns);
      const pgNs = backends.reduce((n, b) => n + b.ns, 0);
      const nodeNs = (node.user + node.system) * 1000;
      log(`round ${round + 1}: ${created} touchpoints, load ${load.toFixed(1)}; ${Math.round(created / ((t1 - t0) / 1000))} /s sent, ${Math.round(created / ((t2 - t0) / 1000))} /s until counted; ` +
        `CPU µs per touchpoint: Node ${perTp(nodeNs)}, PostgreSQL ${perTp(pgNs)} (${backends.slice(0, 4).map((b) => `${perTp(b.ns)} ${b.query}`).join(' | ')}), total ${perTp(nodeNs + pgNs)}`);
    }
  } finally {
    await admin.end();
    await hub.server.close().catch(() => undefined);
    if (process.argv.includes('--keep')) log(`database kept: ${databaseUrl}`);
    else await dropDatabase(postgres, database);
    await postgres.stop();
  }
  return 0;
}

runMain(main);
