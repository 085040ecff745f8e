/** The ingest bench's figures as a Markdown table and breakdowns, ratios against the COPY floor of the same run. */
import { DEFAULT_CONCURRENCY } from '../../server/src/import/importer';
import { CopyFloor } from './copy';
import { SendOutcome } from './http';
import { ImportOutcome } from './import';
import { CpuBreakdown, InProcessOutcome, StatementStats } from './profile';

export const TARGETS = { newAccountsPerSecond: 5000, knownTouchpointsPerSecond: 40000, copyFloorHint: 180000 } as const;

export interface MatchingSanity {
  /** Distinct customers generated: what perfect matching would give. */
  expectedAccounts: number;
  /** Distinct accounts the records landed in. */
  accounts: number;
  /** Customers whose records landed in more than one account. */
  splitCustomers: number;
  /** Accounts holding records of more than one customer. */
  mixedAccounts: number;
  openReviews: number;
  /** Records by link status. */
  linkStatuses: Record<string, number>;
  blocking?: BlockingFanOut;
}

/** Where scenario P's contact records landed. */
export interface ContactSanity {
  contacts: number;
  /** Distinct people generated (one known to two divisions counts once): what perfect people matching would give, customers' accounts all matched. */
  expectedStakeholders: number;
  stakeholders: number;
  /** People (emails) whose contact records landed in more than one stakeholder. */
  splitPeople: number;
  /** Stakeholders holding contact records of more than one person. */
  mixedStakeholders: number;
  /** Contact records by link status. */
  linkStatuses: Record<string, number>;
}

/** What scenario B's stored touchpoints name of the customer's people. */
export interface ParticipantSanity {
  touchpoints: number;
  /** Touchpoints naming at least one person (by email or contact id). */
  naming: number;
  /** Of those, the ones naming them by the division's contact ids. */
  byContactId: number;
  /** Touchpoints with at least one stakeholder. */
  resolved: number;
  /** People named, over all touchpoints. */
  named: number;
  /** Stakeholder ids stored, over all touchpoints. */
  stakeholders: number;
}

export interface PeopleSanity {
  contacts: ContactSanity;
  touchpoints: ParticipantSanity;
}

export interface BlockingFanOut {
  /** Stored account records sampled. */
  records: number;
  /** Candidate records the blocking step returns per record (all scored). */
  candidatesPerRecord: number;
  /** Per key kind (A|n name, A|w word, A|s Soundex, A|f prefixes, A|d domain, A|p phone, A|a building, A|r registry): the sampled records' keys, and how many are crowded (held by more than 40 records). */
  keys: Record<string, { keys: number; crowded: number }>;
}

export interface HttpProfile {
  outcome: SendOutcome;
  breakdown: CpuBreakdown;
  statements: StatementStats[];
  sqlMs: number;
}

export interface Figures {
  accounts: SendOutcome;
  /** SQL statements of scenario A (round trips as the server waited for them). */
  accountsSql: { sqlMs: number; statements: StatementStats[] };
  /** More new account records through ingestBatch in-process, under the CPU profiler. */
  accountsProfile: InProcessOutcome;
  /** As many further new account records, `concurrency` clients at a time. */
  accountsParallel: SendOutcome;
  matching: MatchingSanity;
  /** The customers' people, as contacts of known accounts (people matching on). */
  contacts: SendOutcome;
  people: PeopleSanity;
  touchpoints: SendOutcome;
  /** Seconds after B's last answer until the hub's fold had counted every touchpoint into the engagement rollups (outbox empty). */
  touchpointsFolded: number;
  unchanged: SendOutcome;
  /** Fresh touchpoints, `concurrency` clients at a time. */
  parallel: SendOutcome;
  concurrency: number;
  imported: ImportOutcome | { notMeasured: string };
  inProcess: InProcessOutcome;
  copy: CopyFloor;
  httpProfile: HttpProfile;
}

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const ratio = (rate: number, floor: number) => `${(rate / floor).toFixed(rate / floor < 0.1 ? 3 : 2)}×`;

export function ratios(f: Figures) {
  const indexed = f.copy.withIndexes.perSecond;
  const bare = f.copy.withoutIndexes.perSecond;
  const of = (rate: number) => ({ vsCopyWithIndexes: Math.round((rate / indexed) * 1000) / 1000, vsCopyWithoutIndexes: Math.round((rate / bare) * 1000) / 1000 });
  return {
    touchpointsHttp: of(f.touchpoints.perSecond),
    unchangedHttp: of(f.unchanged.perSecond),
    parallelHttp: of(f.parallel.perSecond),
    import: 'notMeasured' in f.imported ? null : of(f.imported.perSecond),
    inProcess: of(f.inProcess.perSecond),
    copyWithoutIndexesVsWithIndexes: Math.round((bare / indexed) * 1000) / 1000,
    /** B until folded (its words written too) against the COPY that also writes the words: like for like. */
    touchpointsFoldedVsCopyWithWords: Math.round((f.touchpoints.items / (f.touchpoints.seconds + f.touchpointsFolded) / f.copy.withWords.perSecond) * 1000) / 1000,
    accountsVsTarget: Math.round((f.accounts.perSecond / TARGETS.newAccountsPerSecond) * 1000) / 1000,
    accountsParallelVsTarget: Math.round((f.accountsParallel.perSecond / TARGETS.newAccountsPerSecond) * 1000) / 1000,
    touchpointsVsTarget: Math.round((f.touchpoints.perSecond / TARGETS.knownTouchpointsPerSecond) * 1000) / 1000,
    parallelVsTarget: Math.round((f.parallel.perSecond / TARGETS.knownTouchpointsPerSecond) * 1000) / 1000,
    importVsTarget: 'notMeasured' in f.imported ? null : Math.round((f.imported.perSecond / TARGETS.knownTouchpointsPerSecond) * 1000) / 1000,
  };
}

function target(rate: number, goal: number): string {
  return `≥ ${n(goal)}/s: ${rate >= goal ? 'met' : 'missed'} (${(rate / goal).toFixed(2)}×)`;
}

export function markdownTable(f: Figures): string {
  const floor = f.copy.withIndexes.perSecond;
  const bare = f.copy.withoutIndexes.perSecond;
  const lat = (o: { latencyMs: { p50: number; p95: number } }) => `${n(o.latencyMs.p50)} / ${n(o.latencyMs.p95)}`;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows = [
    row(['Scenario', 'Items', 'Seconds', 'Rate', '× COPY (indexes)', '× COPY (no indexes)', 'Batch p50 / p95 ms', 'Target']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
    row(['A. New source accounts, matching on (HTTP `ingest`)', n(f.accounts.items), f.accounts.seconds.toFixed(1), `${n(f.accounts.perSecond)} accounts/s`, '—', '—', lat(f.accounts), target(f.accounts.perSecond, TARGETS.newAccountsPerSecond)]),
    row([`A″. New source accounts, ${f.concurrency} clients at a time (HTTP)`, n(f.accountsParallel.items), f.accountsParallel.seconds.toFixed(1), `${n(f.accountsParallel.perSecond)} accounts/s`, '—', '—', lat(f.accountsParallel), target(f.accountsParallel.perSecond, TARGETS.newAccountsPerSecond)]),
    row(['P. Contacts of known accounts, people matching on (HTTP `ingest`)', n(f.contacts.items), f.contacts.seconds.toFixed(1), `${n(f.contacts.perSecond)} contacts/s`, '—', '—', lat(f.contacts), '']),
    row(['B. Touchpoints of known accounts, new (HTTP `ingest`)', n(f.touchpoints.items), f.touchpoints.seconds.toFixed(1), `${n(f.touchpoints.perSecond)} /s`, ratio(f.touchpoints.perSecond, floor), ratio(f.touchpoints.perSecond, bare), lat(f.touchpoints), target(f.touchpoints.perSecond, TARGETS.knownTouchpointsPerSecond)]),
    row(['B, until counted into the engagement rollups (the fold after the last batch)', n(f.touchpoints.items), (f.touchpoints.seconds + f.touchpointsFolded).toFixed(1),
      `${n(f.touchpoints.items / (f.touchpoints.seconds + f.touchpointsFolded))} /s`, ratio(f.touchpoints.items / (f.touchpoints.seconds + f.touchpointsFolded), floor),
      ratio(f.touchpoints.items / (f.touchpoints.seconds + f.touchpointsFolded), bare), '—', '']),
    row(['B′. Same batches again, all UNCHANGED (HTTP)', n(f.unchanged.items), f.unchanged.seconds.toFixed(1), `${n(f.unchanged.perSecond)} /s`, ratio(f.unchanged.perSecond, floor), ratio(f.unchanged.perSecond, bare), lat(f.unchanged), '']),
    row([`B″. Touchpoints, new, ${f.concurrency} clients at a time (HTTP)`, n(f.parallel.items), f.parallel.seconds.toFixed(1), `${n(f.parallel.perSecond)} /s`, ratio(f.parallel.perSecond, floor), ratio(f.parallel.perSecond, bare), lat(f.parallel), target(f.parallel.perSecond, TARGETS.knownTouchpointsPerSecond)]),
    'notMeasured' in f.imported
      ? row(['C. Import command (CSV, generic mapping)', '—', '—', 'not measured', '—', '—', '—', f.imported.notMeasured])
      : row([`C. Import command (CSV, generic mapping, in-process \`runImport\`, ${DEFAULT_CONCURRENCY} batches at a time)`, n(f.imported.rows), f.imported.seconds.toFixed(1), `${n(f.imported.perSecond)} rows/s`, ratio(f.imported.perSecond, floor), ratio(f.imported.perSecond, bare), '—', target(f.imported.perSecond, TARGETS.knownTouchpointsPerSecond)]),
    row(['`ingestBatch` in-process, new touchpoints (no HTTP/GraphQL; under the CPU profiler)', n(f.inProcess.items), f.inProcess.seconds.toFixed(1), `${n(f.inProcess.perSecond)} /s`, ratio(f.inProcess.perSecond, floor), ratio(f.inProcess.perSecond, bare), lat(f.inProcess), '']),
    row(['Floor: COPY of B\'s rows, same indexes', n(f.copy.rows), f.copy.withIndexes.seconds.toFixed(2), `${n(floor)} rows/s`, '1.00×', ratio(floor, bare), '—', `about ${n(TARGETS.copyFloorHint)}/s expected`]),
    row(['Floor: the same, and their words written as the fold writes them (`touchpoint_words`)', n(f.copy.rows), f.copy.withWords.seconds.toFixed(2), `${n(f.copy.withWords.perSecond)} rows/s`,
      ratio(f.copy.withWords.perSecond, floor), ratio(f.copy.withWords.perSecond, bare), '—', '']),
    row(['Floor: COPY of B\'s rows, no indexes', n(f.copy.rows), f.copy.withoutIndexes.seconds.toFixed(2), `${n(bare)} rows/s`, ratio(bare, floor), '1.00×', '—', '']),
    ...f.copy.byIndex.map((step) =>
      row([`COPY with ${step.indexes.join(' + ')}`, n(f.copy.rows), step.run.seconds.toFixed(2), `${n(step.run.perSecond)} rows/s`, ratio(step.run.perSecond, floor), ratio(step.run.perSecond, bare), '—', ''])),
  ];
  return rows.join('\n');
}

export function matchingLine(m: MatchingSanity): string {
  const statuses = Object.entries(m.linkStatuses).map(([s, c]) => `${s} ${n(c)}`).join(', ');
  const b = m.blocking;
  const crowded = b && Object.entries(b.keys).filter(([, k]) => k.crowded).map(([kind, k]) => `${kind} ${n(k.crowded)} of ${n(k.keys)}`).join(', ');
  return `Matching sanity (not a quality metric): ${n(m.accounts)} accounts for ${n(m.expectedAccounts)} customers ` +
    `(${m.accounts >= m.expectedAccounts ? '+' : ''}${n(m.accounts - m.expectedAccounts)}); ${n(m.splitCustomers)} customers split over several accounts, ` +
    `${n(m.mixedAccounts)} accounts holding several customers; ${n(m.openReviews)} open match reviews; links: ${statuses}.` +
    (b ? ` Blocking: ${b.candidatesPerRecord} candidates per record (sample of ${n(b.records)}); keys held by more than 40 records: ${crowded || 'none'}.` : '');
}

export function peopleLine(p: PeopleSanity): string {
  const c = p.contacts;
  const t = p.touchpoints;
  const statuses = Object.entries(c.linkStatuses).map(([s, count]) => `${s} ${n(count)}`).join(', ');
  const share = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(0)} %`;
  return `People sanity (not a quality metric): ${n(c.contacts)} contacts in ${n(c.stakeholders)} stakeholders for ${n(c.expectedStakeholders)} people ` +
    `(${c.stakeholders >= c.expectedStakeholders ? '+' : ''}${n(c.stakeholders - c.expectedStakeholders)}); ${n(c.splitPeople)} people split over several stakeholders, ` +
    `${n(c.mixedStakeholders)} stakeholders holding several people; links: ${statuses}. ` +
    `B: ${n(t.naming)} of ${n(t.touchpoints)} touchpoints name people (${share(t.naming, t.touchpoints)}; ${n(t.byContactId)} by contact id), ` +
    `${n(t.resolved)} have stakeholders (${share(t.resolved, t.touchpoints)}); ${n(t.named)} people named, ${n(t.stakeholders)} stakeholder ids stored.`;
}

function statementRows(statements: StatementStats[], batches: number, wallMs: number, limit: number): string[] {
  return [
    '| Statement | Calls | Total s | ms per batch | Share of batch time |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...statements.slice(0, limit).map((s) =>
      `| \`${s.statement.replace(/\|/g, '\\|')}\` | ${n(s.calls)} | ${(s.totalMs / 1000).toFixed(2)} | ${(s.totalMs / batches).toFixed(1)} | ${((s.totalMs / wallMs) * 100).toFixed(1)} % |`),
  ];
}

export function breakdownText(f: Figures): string {
  const lines: string[] = [];
  const a = f.accounts;
  lines.push(`Scenario A (${n(a.items)} new account records, ${a.batches} batches, ${(a.seconds * 1000 / a.batches).toFixed(0)} ms per batch): SQL round trips ` +
    `${(f.accountsSql.sqlMs / a.batches).toFixed(1)} ms per batch (${((f.accountsSql.sqlMs / (a.seconds * 1000)) * 100).toFixed(0)} %), the rest JavaScript in the server. Statements by total time:`);
  lines.push('');
  lines.push(...statementRows(f.accountsSql.statements, a.batches, a.seconds * 1000, 12));
  lines.push('');
  const ap = f.accountsProfile;
  const apBatch = (ms: number) => (ms / ap.batches).toFixed(1);
  lines.push(`Scenario A profiled: ${n(ap.items)} more new account records through \`ingestBatch\` in-process (${ap.batches} batches, ${n(ap.perSecond)} /s under the profiler), CPU self time:`);
  lines.push('');
  lines.push('| Layer (self time) | ms per batch | Share |');
  lines.push('| --- | ---: | ---: |');
  for (const l of ap.breakdown.layers.slice(0, 10)) lines.push(`| ${l.layer} | ${apBatch(l.ms)} | ${(l.share * 100).toFixed(1)} % |`);
  lines.push('');
  lines.push('| Function | Layer | ms per batch | Share |');
  lines.push('| --- | --- | ---: | ---: |');
  for (const fn of ap.breakdown.functions.slice(0, 12)) lines.push(`| \`${fn.fn}\` | ${fn.layer} | ${apBatch(fn.ms)} | ${(fn.share * 100).toFixed(1)} % |`);
  lines.push('');
  const p = f.httpProfile;
  const perBatch = (ms: number) => (ms / p.outcome.batches).toFixed(1);
  lines.push(`Where the time goes — scenario B over HTTP, CPU profile of this process (client and server) for ${p.outcome.batches} batches × ${n(p.outcome.items / p.outcome.batches)} new touchpoints, ` +
    `${n(p.outcome.perSecond)} /s while profiled, ${n(p.outcome.latencyMs.mean)} ms per batch; SQL round trips ${perBatch(p.sqlMs)} ms per batch:`);
  lines.push('');
  lines.push('| Layer (self time) | ms per batch | Share |');
  lines.push('| --- | ---: | ---: |');
  for (const l of p.breakdown.layers) lines.push(`| ${l.layer} | ${perBatch(l.ms)} | ${(l.share * 100).toFixed(1)} % |`);
  lines.push('');
  lines.push('Top functions (self time, same profile):');
  lines.push('');
  lines.push('| Function | Layer | ms per batch | Share |');
  lines.push('| --- | --- | ---: | ---: |');
  for (const fn of p.breakdown.functions.slice(0, 15)) lines.push(`| \`${fn.fn}\` | ${fn.layer} | ${perBatch(fn.ms)} | ${(fn.share * 100).toFixed(1)} % |`);
  lines.push('');
  const ip = f.inProcess;
  const ipBatch = (ms: number) => (ms / ip.batches).toFixed(1);
  const batchMs = (ip.seconds * 1000) / ip.batches;
  lines.push(`\`ingestBatch\` in-process (${n(ip.items)} new touchpoints, ${ip.batches} batches, ${n(ip.perSecond)} /s): ${batchMs.toFixed(1)} ms per batch, ` +
    `of which SQL round trips ${ipBatch(ip.sqlMs)} ms (${((ip.sqlMs / (ip.seconds * 1000)) * 100).toFixed(0)} %), the rest JavaScript. Statements by total time:`);
  lines.push('');
  lines.push(...statementRows(ip.statements, ip.batches, ip.seconds * 1000, 12));
  lines.push('');
  lines.push(`CPU profile of the in-process run (${ip.batches} batches):`);
  lines.push('');
  lines.push('| Layer (self time) | ms per batch | Share |');
  lines.push('| --- | ---: | ---: |');
  for (const l of ip.breakdown.layers) lines.push(`| ${l.layer} | ${ipBatch(l.ms)} | ${(l.share * 100).toFixed(1)} % |`);
  lines.push('');
  lines.push('| Function | Layer | ms per batch | Share |');
  lines.push('| --- | --- | ---: | ---: |');
  for (const fn of ip.breakdown.functions.slice(0, 12)) lines.push(`| \`${fn.fn}\` | ${fn.layer} | ${ipBatch(fn.ms)} | ${(fn.share * 100).toFixed(1)} % |`);
  return lines.join('\n');
}

export const NOTES = [
  'Rates are items per second of wall time from the first request to the last response, batches sent one after the other by one client; server start, data generation and request serialisation are not included.',
  'The server runs in the bench process (as in bench:matching), with the client: the client\'s share is in the CPU profile as "bench client".',
  'Touchpoints name 0 to 2 of their account record\'s contacts (scenario P), by email or by the division\'s contact id, as B, B″, C and the profiled runs send them: the people lookup and the people GIN index are in every touchpoint figure. The engagement rollups and the timeline\'s words (migration TimelineWords) are written by the hub\'s fold (an outbox, every second) while the bench sends: their cost is in every figure as CPU taken from the same 2 cores, and the row after B adds the time the fold needed after B\'s last batch (compare that row with the floor that writes the words too).',
  'Floors: the touchpoint rows scenario B stored (every column, their stakeholder ids included, COPY text format) COPYed in one statement into `LIKE touchpoint INCLUDING ALL` (same primary key, natural key and indexes, no foreign keys), the same followed by their words into a copy of `touchpoint_words` (INSERT … SELECT of the text vectors, as the fold writes them), and into a bare copy; measured in the same run on the same database.',
  'Scenario C runs the import loop (`runImport`: CSV parsing, mapping, batches through `ingestBatch`, one transaction and audit entry per batch) in-process on its own DataSource; opening the database and migrations are not included.',
  'The touchpoint table grows during the run (B, B″, C, then the profiled runs): later scenarios write into a bigger table.',
  'Profiled runs (the breakdowns, the in-process row) run under the V8 sampling profiler, which slows them somewhat: read their shares, not their absolute speed.',
];
