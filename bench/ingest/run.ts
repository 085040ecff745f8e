/**
 * `npm run bench:ingest` — how fast ingest is (DESIGN.md: set-based ingest).
 *
 * On a fresh database (embedded PostgreSQL in a temporary folder, or on
 * $DATABASE_URL's server) with the real server in this process:
 *   A. new source accounts of 3 divisions, matching on, through the GraphQL
 *      `ingest` mutation (accounts/s, batch p50/p95, matching sanity); A″ as
 *      many more, `--concurrency` clients at a time;
 *   P. the customers' people as contacts of those accounts, people matching
 *      on, over HTTP (contacts/s, people sanity);
 *   B. touchpoints of those accounts naming some of those people over HTTP
 *      (touchpoints/s, how many resolved to stakeholders), and the same
 *      batches again (all UNCHANGED);
 *   C. fresh touchpoints as CSV through the import command's loop (rows/s);
 *   floor: B's rows COPYed into a copy of `touchpoint` with its indexes, and
 *      without (rows/s); B and C are reported as ratios of it;
 *   profile: where the time goes — scenario A's SQL statements, more new
 *      accounts in-process under the CPU profiler; scenario B over HTTP under
 *      the CPU profiler (by layer and function) and `ingestBatch` in-process
 *      (SQL statements by total time).
 * Prints a Markdown table and writes bench/results/ingest-<date>.json
 * (ingest-<date>-quick.json for --quick).
 *
 * Options: --accounts N (20000), --touchpoints N (200000), --batch-size N
 * (1000), --concurrency N (2, scenarios A″ and B″), --seed N, --quick (2,000
 * accounts, 20,000 touchpoints), --profile-accounts N and --profile-batches N
 * (the profiled runs' sizes), --out FILE (write the result there instead:
 * `npm run bench` folds it into its own).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { accountCandidatePairs } from '../../server/src/matching/blocking';
import { MAX_BATCH_ITEMS } from '../../server/src/ingest/validation';
import { gitState, machineInfo, REPO_ROOT, runMain, writeResult } from '../common/environment';
import { BenchServer, startBenchServer, stopOnSignal } from '../common/hub-server';
import { benchDatabaseName, createDatabase, dropDatabase, startPostgres } from '../common/postgres';
import { copyFloor } from './copy';
import { AccountSet, batchItems, benchDivisions, generateAccounts, generateContacts, generateTouchpoints, PeopleSet, toBatches } from './generator';
import { createDivisions, SendOutcome, sendBatches } from './http';
import { importScenario } from './import';
import { cpuProfile, ingestInProcess, timeStatements } from './profile';
import {
  BlockingFanOut, breakdownText, ContactSanity, Figures, markdownTable, matchingLine, MatchingSanity, NOTES, ParticipantSanity, peopleLine, ratios, TARGETS,
} from './report';

interface Args {
  accounts: number;
  touchpoints: number;
  batchSize: number;
  seed: number;
  quick: boolean;
  /** Batches of the profiled HTTP run. */
  profileBatches: number;
  /** Clients sending at the same time in scenario B″. */
  concurrency: number;
  /** New account records (in batches) of the profiled in-process run of scenario A. */
  profileAccounts: number;
  /** Where to write the result (default bench/results/ingest-<date>[-quick].json). */
  out?: string;
}

const USAGE = 'options: --accounts N (default 20000), --touchpoints N (default 200000), --batch-size N (default 1000), --concurrency N (default 2, scenario B″), --seed N, --quick, ' +
  '--profile-accounts N, --profile-batches N, --out FILE';

function parseArgs(argv: string[]): Args {
  const given: Partial<Args> = {};
  let quick = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      const number = Number(next);
      if (!Number.isInteger(number) || number < 1) throw new Error(`${arg.split('=')[0]}: expected a positive integer, got "${next}"`);
      return number;
    };
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--out')) {
      const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!file) throw new Error('--out needs a file');
      given.out = file;
    } else if (arg.startsWith('--profile-accounts')) given.profileAccounts = value();
    else if (arg.startsWith('--profile-batches')) given.profileBatches = value();
    else if (arg.startsWith('--accounts')) given.accounts = value();
    else if (arg.startsWith('--touchpoints')) given.touchpoints = value();
    else if (arg.startsWith('--batch-size')) given.batchSize = value();
    else if (arg.startsWith('--seed')) given.seed = value();
    else if (arg.startsWith('--concurrency')) given.concurrency = value();
    else if (arg === '-h' || arg === '--help') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg} (${USAGE})`);
  }
  const args: Args = {
    accounts: quick ? 2000 : 20000, touchpoints: quick ? 20000 : 200000, batchSize: 1000, seed: 20261123, quick, profileBatches: quick ? 5 : 20, concurrency: 2, profileAccounts: quick ? 2000 : 5000,
    ...given,
  };
  if (args.batchSize > MAX_BATCH_ITEMS) throw new Error(`--batch-size: at most ${MAX_BATCH_ITEMS} (the ingest limit)`);
  return args;
}

/** Where the account records landed, against the generated customers. */
async function matchingSanity(databaseUrl: string, set: AccountSet): Promise<MatchingSanity> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; externalId: string; accountId: string | null; status: string }>(
      `SELECT d.key, s.external_id AS "externalId", s.account_id AS "accountId", s.link_status AS status
         FROM source_account_record s JOIN division d ON d.id = s.division_id`,
    );
    const customerOf = new Map(set.records.map((r) => [`${r.division.key}|${r.input.externalId}`, r.customer.id]));
    const accountsOfCustomer = new Map<number, Set<string>>();
    const customersOfAccount = new Map<string, Set<number>>();
    const linkStatuses: Record<string, number> = {};
    for (const r of rows) {
      linkStatuses[r.status] = (linkStatuses[r.status] ?? 0) + 1;
      const customer = customerOf.get(`${r.key}|${r.externalId}`);
      if (customer === undefined || !r.accountId) continue;
      (accountsOfCustomer.get(customer) ?? accountsOfCustomer.set(customer, new Set()).get(customer)!).add(r.accountId);
      (customersOfAccount.get(r.accountId) ?? customersOfAccount.set(r.accountId, new Set()).get(r.accountId)!).add(customer);
    }
    const { rows: [{ open }] } = await client.query<{ open: string }>(`SELECT count(*) AS open FROM match_review WHERE status = 'OPEN'`);
    return {
      expectedAccounts: set.customers.length,
      accounts: customersOfAccount.size,
      splitCustomers: [...accountsOfCustomer.values()].filter((s) => s.size > 1).length,
      mixedAccounts: [...customersOfAccount.values()].filter((s) => s.size > 1).length,
      openReviews: Number(open),
      linkStatuses,
    };
  } finally {
    await client.end();
  }
}

/** Where the contact records landed: stakeholders against the people generated. */
async function contactSanity(databaseUrl: string, people: PeopleSet): Promise<ContactSanity> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: statuses } = await client.query<{ status: string; n: string }>(
      `SELECT link_status AS status, count(*) AS n FROM source_contact_record GROUP BY 1 ORDER BY 1`,
    );
    // A person is one email; the generator gives every person one.
    const { rows: [counts] } = await client.query<{ stakeholders: string; split: string; mixed: string }>(
      `WITH person AS (SELECT e AS email, stakeholder_id FROM source_contact_record, unnest(emails) e)
       SELECT (SELECT count(DISTINCT stakeholder_id) FROM source_contact_record) AS stakeholders,
              (SELECT count(*) FROM (SELECT 1 FROM person GROUP BY email HAVING count(DISTINCT stakeholder_id) > 1) x) AS split,
              (SELECT count(*) FROM (SELECT 1 FROM person GROUP BY stakeholder_id HAVING count(DISTINCT email) > 1) x) AS mixed`,
    );
    return {
      contacts: people.contacts.length,
      expectedStakeholders: people.people,
      stakeholders: Number(counts.stakeholders),
      splitPeople: Number(counts.split),
      mixedStakeholders: Number(counts.mixed),
      linkStatuses: Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)])),
    };
  } finally {
    await client.end();
  }
}

/** Seconds until the hub's fold has counted every pending touchpoint into the engagement rollups (its outbox is empty). */
async function foldSettled(databaseUrl: string): Promise<number> {
  const started = performance.now();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    while ((await client.query<{ pending: boolean }>(`SELECT EXISTS (SELECT 1 FROM touchpoint_outbox) AS pending`)).rows[0].pending) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/** What the stored touchpoints `select`ed name of the customer's people, and how much of it resolved to stakeholders. */
async function participantSanity(databaseUrl: string, where: string): Promise<ParticipantSanity> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: [r] } = await client.query<Record<keyof ParticipantSanity, string>>(
      `SELECT count(*) AS touchpoints,
              count(*) FILTER (WHERE cardinality(participant_emails) + cardinality(participant_external_ids) > 0) AS naming,
              count(*) FILTER (WHERE cardinality(participant_external_ids) > 0) AS "byContactId",
              count(*) FILTER (WHERE cardinality(stakeholder_ids) > 0) AS resolved,
              coalesce(sum(cardinality(participant_emails) + cardinality(participant_external_ids)), 0) AS named,
              coalesce(sum(cardinality(stakeholder_ids)), 0) AS stakeholders
         FROM touchpoint WHERE ${where}`,
    );
    return {
      touchpoints: Number(r.touchpoints), naming: Number(r.naming), byContactId: Number(r.byContactId),
      resolved: Number(r.resolved), named: Number(r.named), stakeholders: Number(r.stakeholders),
    };
  } finally {
    await client.end();
  }
}

/** A blocking key held by more records than this is crowded: a probe takes only some of them (server/src/matching/blocking.ts). */
const CROWDED_KEY = 40;

/**
 * Blocking fan-out on a sample of stored account records: candidates per
 * record (the hub's own candidate query) and, per key kind, how many of the
 * records' keys are crowded (held by more than CROWDED_KEY records).
 */
async function blockingFanOut(databaseUrl: string, sample: number): Promise<BlockingFanOut> {
  const ds = await new DataSource({ ...dataSourceOptions(databaseUrl, 1), logging: false }).initialize();
  try {
    const ids: string[] = (await ds.query(`SELECT id FROM source_account_record ORDER BY md5(id::text) LIMIT $1`, [sample])).map((r: { id: string }) => r.id);
    const pairs = await accountCandidatePairs(ds, ids);
    const kinds: { kind: string; keys: string; crowded: string }[] = await ds.query(
      `SELECT split_part(m.key, ':', 1) AS kind, count(*) AS keys,
              count(*) FILTER (WHERE (SELECT count(*) FROM (SELECT 1 FROM match_key k WHERE k.key = m.key LIMIT ${CROWDED_KEY + 2}) x) > ${CROWDED_KEY + 1}) AS crowded
         FROM match_key m WHERE m.record_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 2 DESC`,
      [ids],
    );
    return {
      records: ids.length,
      candidatesPerRecord: Math.round((pairs.length / Math.max(1, ids.length)) * 10) / 10,
      keys: Object.fromEntries(kinds.map((k) => [k.kind, { keys: Number(k.keys), crowded: Number(k.crowded) }])),
    };
  } finally {
    await ds.destroy();
  }
}

async function divisionIds(databaseUrl: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; key: string }>('SELECT id, key FROM division');
    return new Map(rows.map((r) => [r.key, r.id]));
  } finally {
    await client.end();
  }
}

function summary(label: string, o: SendOutcome): string {
  const statuses = Object.entries(o.statuses).map(([s, c]) => `${c} ${s}`).join(', ');
  const errors = Object.entries(o.errors).map(([m, c]) => `${c}× ${m}`).join('; ');
  return `${label}: ${o.items} items in ${o.seconds.toFixed(1)} s = ${o.perSecond.toLocaleString('en-US')}/s; batch p50 ${o.latencyMs.p50} ms, p95 ${o.latencyMs.p95} ms; ` +
    `${statuses || 'no results'}${errors ? `; FAILED batches: ${errors}` : ''}${o.rejectedExamples.length ? `; rejected e.g. ${o.rejectedExamples[0]}` : ''}`;
}

/** The batches must have done what the scenario says, or its rate means nothing. */
function expect(label: string, o: SendOutcome, status: string): void {
  if (o.failedItems || (o.statuses[status] ?? 0) !== o.items) {
    throw new Error(`${label}: expected ${o.items} ${status}, got ${JSON.stringify(o.statuses)}${o.failedItems ? ` and ${o.failedItems} items in failed batches: ${Object.keys(o.errors)[0]}` : ''}`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  const started = new Date();
  // What is measured: the code as it is when the run starts.
  const git = gitState();
  log(`Ingest bench (${args.quick ? 'quick' : 'default'} profile): ${args.accounts} account records, ${args.touchpoints} touchpoints, batches of ${args.batchSize}, seed ${args.seed}`);

  const postgres = await startPostgres(log, 'a fresh database for the run');
  const database = benchDatabaseName('ingest');
  const workDir = mkdtempSync(join(tmpdir(), 'ourcustomer-bench-ingest-'));
  let hub: BenchServer | undefined;
  const lifecycle = stopOnSignal(async () => {
    await hub?.server.close().catch(() => undefined);
    await dropDatabase(postgres, database);
    await postgres.stop();
    rmSync(workDir, { recursive: true, force: true });
  });
  let figures: Figures;
  let machine;
  try {
    const databaseUrl = await createDatabase(postgres, database);
    hub = await startBenchServer(databaseUrl);
    machine = await machineInfo(databaseUrl);
    log(`  server on :${hub.port}, database ${database} migrated, started in ${hub.startSeconds.toFixed(1)} s; PostgreSQL ${machine.postgres}, Node ${machine.node}, ${machine.cores} cores, ${machine.memoryGiB} GiB`);
    if (machine.loadAverage[0] > 1) log(`  warning: load average ${machine.loadAverage.join(' ')} before the run (other work, or a run that just ended): figures may be skewed`);

    const divisions = benchDivisions(args.seed);
    await createDivisions(hub.url, hub.token, divisions);
    const ids = await divisionIds(databaseUrl);

    // A. New source accounts, matching on.
    const accountSet = generateAccounts(divisions, args.accounts, args.seed);
    log(`\nA. ${accountSet.records.length} account records of ${accountSet.customers.length} customers (${accountSet.shared} known to 2–3 divisions), matching on`);
    const accountsTimer = timeStatements();
    const accounts = await sendBatches(hub.url, hub.token, toBatches(accountSet.records, 'accounts', args.batchSize), { log, label: 'accounts' })
      .finally(() => accountsTimer.stop());
    const accountsSql = { sqlMs: Math.round(accountsTimer.totalMs()), statements: accountsTimer.stop() };
    log(summary('A', accounts));
    expect('A', accounts, 'CREATED');
    const matching = await matchingSanity(databaseUrl, accountSet);
    matching.blocking = await blockingFanOut(databaseUrl, 1000);
    log(matchingLine(matching));
    log(`A, profiled: ${args.profileAccounts} more new account records through ingestBatch in-process, under the CPU profiler`);
    const moreAccounts = generateAccounts(divisions, args.profileAccounts, args.seed + 6, { firstId: 900000, others: accountSet });
    const accountsProfile = await ingestInProcess(databaseUrl, ids, toBatches(moreAccounts.records, 'accounts', args.batchSize));
    log(`  ${accountsProfile.items} in ${accountsProfile.seconds.toFixed(1)} s = ${accountsProfile.perSecond.toLocaleString('en-US')}/s; SQL ${Math.round((accountsProfile.sqlMs / (accountsProfile.seconds * 1000)) * 100)} % of the time`);

    // A″. More new customers, `concurrency` clients at a time: linking holds one lock, so only part of a batch overlaps.
    const parallelSet = generateAccounts(divisions, args.accounts, args.seed + 8, { firstId: 500000, others: { ...accountSet, customers: [...accountSet.customers, ...moreAccounts.customers] } });
    log(`\nA″. ${parallelSet.records.length} further account records over HTTP, ${args.concurrency} clients at a time`);
    const accountsParallel = await sendBatches(hub.url, hub.token, toBatches(parallelSet.records, 'accounts', args.batchSize), { log, label: 'accounts, parallel', concurrency: args.concurrency });
    log(summary('A″', accountsParallel));
    expect('A″', accountsParallel, 'CREATED');

    // P. The customers' people, as contacts of those accounts (people matching on).
    const people = generateContacts(accountSet, args.seed + 7);
    log(`\nP. ${people.contacts.length} contacts of known accounts (${people.people} people) over HTTP, people matching on`);
    const contacts = await sendBatches(hub.url, hub.token, toBatches(people.contacts, 'contacts', args.batchSize), { log, label: 'contacts' });
    log(summary('P', contacts));
    expect('P', contacts, 'CREATED');
    const contactsLanded = await contactSanity(databaseUrl, people);

    // B. Touchpoints of those accounts, naming some of those people; then the same batches again.
    const touchpointsOf = (count: number, seed: number, idPrefix: string) => generateTouchpoints(accountSet.records, people.byAccount, count, seed, idPrefix);
    const fresh = touchpointsOf(args.touchpoints, args.seed + 1, 'T-');
    const batchesB = toBatches(fresh, 'touchpoints', args.batchSize);
    log(`\nB. ${fresh.length} touchpoints of known accounts over HTTP`);
    const touchpoints = await sendBatches(hub.url, hub.token, batchesB, { log, label: 'touchpoints' });
    const touchpointsFolded = await foldSettled(databaseUrl);
    log(`${summary('B', touchpoints)}; ${touchpoints.bytesPerItem} request bytes per touchpoint`);
    log(`  counted into the engagement rollups ${touchpointsFolded.toFixed(1)} s after the last batch: ${Math.round(touchpoints.items / (touchpoints.seconds + touchpointsFolded)).toLocaleString('en-US')} /s end to end`);
    expect('B', touchpoints, 'CREATED');
    const peopleLanded = { contacts: contactsLanded, touchpoints: await participantSanity(databaseUrl, `external_id LIKE 'T-%'`) };
    log(peopleLine(peopleLanded));
    // Every person a touchpoint names is a contact of its account: one left unresolved is a defect, and B would have skipped its cost.
    if (peopleLanded.touchpoints.resolved !== peopleLanded.touchpoints.naming) {
      throw new Error(`B: ${peopleLanded.touchpoints.naming} touchpoints name people, ${peopleLanded.touchpoints.resolved} resolved to stakeholders`);
    }
    const unchanged = await sendBatches(hub.url, hub.token, batchesB, { log, label: 'again' });
    log(summary('B′ (unchanged)', unchanged));
    expect('B′', unchanged, 'UNCHANGED');
    log(`\nB″. ${args.touchpoints} fresh touchpoints over HTTP, ${args.concurrency} clients at a time`);
    const batchesParallel = toBatches(touchpointsOf(args.touchpoints, args.seed + 5, 'K-'), 'touchpoints', args.batchSize);
    const parallel = await sendBatches(hub.url, hub.token, batchesParallel, { log, label: 'parallel', concurrency: args.concurrency });
    log(summary('B″', parallel));
    expect('B″', parallel, 'CREATED');

    // Floor: B's rows, COPYed.
    log('\nFloor: COPY of the rows B stored');
    const copy = await copyFloor(databaseUrl, `SELECT * FROM touchpoint WHERE external_id LIKE 'T-%'`);
    log(`  ${copy.rows} rows (${Math.round(copy.bytes / copy.rows)} bytes each as COPY text, ${copy.stakeholderIds} stakeholder ids): with indexes ${copy.withIndexes.perSecond.toLocaleString('en-US')} rows/s, ` +
      `with indexes and words ${copy.withWords.perSecond.toLocaleString('en-US')} rows/s, ` +
      `without ${copy.withoutIndexes.perSecond.toLocaleString('en-US')} rows/s`);
    for (const step of copy.byIndex) log(`  with ${step.indexes.join(' + ')}: ${step.run.perSecond.toLocaleString('en-US')} rows/s`);
    if (copy.rows !== args.touchpoints) throw new Error(`the floor read ${copy.rows} rows of B, expected ${args.touchpoints}`);

    // C. The import command.
    log('\nC. Fresh touchpoints as CSV through the import command (in-process runImport)');
    const imported = await importScenario(databaseUrl, workDir, touchpointsOf(args.touchpoints, args.seed + 2, 'I-'), args.batchSize, args.seed, log);
    if ('notMeasured' in imported) log(`  not measured: ${imported.notMeasured}`);
    else {
      log(`  ${imported.rows} rows in ${imported.seconds.toFixed(1)} s = ${imported.perSecond.toLocaleString('en-US')} rows/s; ${imported.created} created, ${imported.rejected} rejected, ${imported.bytesPerRow} CSV bytes per row`);
      if (imported.created !== imported.rows) throw new Error(`C: expected ${imported.rows} created, got ${JSON.stringify(imported)}`);
    }

    // Profile: B over HTTP under the CPU profiler with statements timed; then ingestBatch in-process.
    log(`\nProfile: ${args.profileBatches} batches of new touchpoints over HTTP under the CPU profiler`);
    const profiled = toBatches(touchpointsOf((args.profileBatches + 3) * args.batchSize, args.seed + 3, 'H-'), 'touchpoints', args.batchSize)
      .filter((b) => batchItems(b) === args.batchSize).slice(0, args.profileBatches);
    const timer = timeStatements();
    const { result: profiledOutcome, breakdown } = await cpuProfile(() => sendBatches(hub!.url, hub!.token, profiled)).finally(() => timer.stop());
    const sqlMs = timer.totalMs();
    const statements = timer.stop();
    expect('profile', profiledOutcome, 'CREATED');
    log(`Profile: ingestBatch in-process, ${args.touchpoints} new touchpoints`);
    const inProcess = await ingestInProcess(databaseUrl, ids, toBatches(touchpointsOf(args.touchpoints, args.seed + 4, 'P-'), 'touchpoints', args.batchSize));
    log(`  ${inProcess.items} in ${inProcess.seconds.toFixed(1)} s = ${inProcess.perSecond.toLocaleString('en-US')}/s; batch p50 ${inProcess.latencyMs.p50} ms, p95 ${inProcess.latencyMs.p95} ms`);
    if ((inProcess.statuses.CREATED ?? 0) !== inProcess.items) throw new Error(`in-process: expected ${inProcess.items} created, got ${JSON.stringify(inProcess.statuses)}`);

    figures = { accounts, accountsSql, accountsProfile, accountsParallel, matching, contacts, people: peopleLanded, touchpoints, touchpointsFolded, unchanged, parallel, concurrency: args.concurrency, imported, inProcess, copy, httpProfile: { outcome: profiledOutcome, breakdown, statements, sqlMs: Math.round(sqlMs) } };
  } finally {
    await lifecycle.stop();
    lifecycle.dispose();
  }
  if (lifecycle.interrupted()) return 130;

  const table = markdownTable(figures);
  const breakdown = breakdownText(figures);
  console.log(`\n${table}\n`);
  console.log(matchingLine(figures.matching));
  console.log(peopleLine(figures.people));
  console.log('');
  console.log(breakdown);
  console.log('\nNotes:');
  for (const note of NOTES) console.log(`- ${note}`);

  const date = started.toISOString().slice(0, 10);
  const dir = join(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = args.out ?? join(dir, `ingest-${date}${args.quick ? '-quick' : ''}.json`);
  const json = {
    profile: args.quick ? 'quick' : 'default',
    commit: git?.commit ?? null,
    uncommittedChanges: git?.dirty ?? null,
    startedAt: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100), postgresSource: postgres.embedded ? 'embedded' : 'DATABASE_URL' },
    options: {
      accounts: args.accounts, touchpoints: args.touchpoints, batchSize: args.batchSize, seed: args.seed, concurrency: args.concurrency,
      profileBatches: args.profileBatches, profileAccounts: args.profileAccounts,
    },
    targets: TARGETS,
    figures,
    ratios: ratios(figures),
    notes: NOTES,
    markdown: table,
    breakdown,
  };
  writeResult(file, json);
  return 0;
}

runMain(main);
