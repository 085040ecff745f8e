/** The read benches' figures as Markdown tables and verdicts against the issue's targets. */
import type { HubCompiler } from './compiled-hub';
import { LoadFigures } from './load';
import { TargetFigures } from './measure';
import { ReadsResult, ScenarioResult } from './suite';

/** Every read within this many times its HTTP floor (p95). */
export const FLOOR_FACTOR = 2;

export interface Verdict {
  scenario: string;
  p95Ms: number | null;
  targetP95Ms: number;
  /** Where the target comes from when the issue names none for this read. */
  targetNote?: string;
  /** The p95 target (set for the large profile; judged at any profile, for orientation). */
  p95Target: 'met' | 'missed' | 'not measured';
  p95VsHttpFloor: number | null;
  withinFloorFactor: boolean | null;
}

export function verdicts(scenarios: readonly ScenarioResult[]): Verdict[] {
  return scenarios.map((s) => {
    const p95 = s.figures?.hub.latencyMs.p95 ?? null;
    const ratio = s.ratios?.p95VsHttpFloor ?? null;
    return {
      scenario: s.id, p95Ms: p95, targetP95Ms: s.targetP95Ms, ...(s.targetNote ? { targetNote: s.targetNote } : {}),
      p95Target: p95 === null ? 'not measured' : p95 < s.targetP95Ms ? 'met' : 'missed',
      p95VsHttpFloor: ratio, withinFloorFactor: ratio === null ? null : ratio <= FLOOR_FACTOR,
    };
  });
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const triple = (f: TargetFigures) => (f.latencyMs.n ? `${ms(f.latencyMs.p50)} / ${ms(f.latencyMs.p95)} / ${ms(f.latencyMs.p99)}` : '—');
const rate = (f: TargetFigures) => (f.throughput.requests ? f.throughput.perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '—');
const x = (r: number | undefined) => (r === undefined || !Number.isFinite(r) || r === 0 ? '—' : `${r.toFixed(2)}×`);
const row = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

export function readsTable(r: ReadsResult): string {
  const lines = [
    row(['Scenario', 'n', 'Hub p50 / p95 / p99 ms', 'Hub req/s', 'SQL floor p50 / p95 / p99 ms', 'HTTP floor p50 / p95 / p99 ms', 'HTTP floor req/s',
      'Hub p95 ÷ HTTP floor', 'Hub p95 ÷ SQL floor', 'Hub req/s ÷ HTTP floor', 'Same answer', 'p95 target (large)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  for (const s of r.scenarios) {
    if (!s.figures) {
      lines.push(row([s.title, '—', 'not measured', '', '', '', '', '', '', '', '', `${s.skipped ?? ''}${s.targetNote ? ` (target < ${s.targetP95Ms} ms: ${s.targetNote})` : ''}`]));
      continue;
    }
    const f = s.figures;
    const p95 = f.hub.latencyMs.p95;
    const errors = f.hub.errors + f.sqlFloor.errors + f.httpFloor.errors;
    lines.push(row([
      `${s.title}${s.slow ? ' (slow: one cold request per target, no throughput loop)' : ''}${errors ? ` (${errors} errors)` : ''}`,
      String(f.hub.latencyMs.n), triple(f.hub), rate(f.hub), triple(f.sqlFloor), triple(f.httpFloor), rate(f.httpFloor),
      x(s.ratios?.p95VsHttpFloor), x(s.ratios?.p95VsSqlFloor), x(s.ratios?.throughputVsHttpFloor),
      s.answers ? `${s.answers.same}/${s.answers.checked}` : '—',
      `< ${s.targetP95Ms} ms: ${p95 < s.targetP95Ms ? 'met' : 'missed'}${s.targetNote ? ` (${s.targetNote})` : ''}`,
    ]));
  }
  return lines.join('\n');
}

export function loadTable(load: readonly LoadFigures[]): string {
  const lines = [
    row(['Connections', 'Seconds', 'Requests', 'req/s', 'p50 / p95 / p99 ms', 'Errors', 'Hub RSS before → mean / peak MiB', 'CPU cores: hub / PostgreSQL / load generator']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const l of load) {
    const errors = l.errors ? `${l.errors} (${Object.entries(l.errorKinds).map(([k, n]) => `${n}× ${k}`).join('; ').slice(0, 120)})` : '0';
    lines.push(row([
      String(l.connections), String(l.seconds), l.requests.toLocaleString('en-US'), l.perSecond.toLocaleString('en-US'),
      `${ms(l.latencyMs.p50)} / ${ms(l.latencyMs.p95)} / ${ms(l.latencyMs.p99)}`, errors,
      `${l.rssMiB.before ?? '?'} → ${l.rssMiB.mean ?? '?'} / ${l.rssMiB.peak ?? '?'}`,
      `${l.cpuCores.hub ?? '?'} / ${l.cpuCores.postgres ?? '?'} / ${l.cpuCores.loadGenerator}`,
    ]));
  }
  return lines.join('\n');
}

/** The notes of a result; the hub's compiler is the profile's (tsc as deployed; SWC at the tiny profile, which checks shape only). */
export const readNotes = (compiler: HubCompiler): string[] => [
  `Hub: the real server as deployed — compiled ${compiler === 'tsc' ? 'by tsc' : 'by SWC (the tiny profile: tsc at the others, as deployed)'} with its build settings and started as \`node main.js\` with NODE_ENV=production (bench/reads/compiled-hub.ts; ` +
    'rate limit out of the way, no silence sweep) — in a process of its own, on the data set\'s database, ' +
    'its default pool of 10 connections; requests are the web\'s own operations (search, timeline page of 50, "who else is talking", the critical-info panel, the stakeholders panel\'s page of 20; ' +
    'bench/reads/queries.ts) as GraphQL over HTTP ' +
    '(graphql-http\'s client over fetch, keep-alive), signed in by session cookie as a rep, so confidentiality applies.',
  'SQL floor: the same answer (field for field: compared before measuring, "Same answer") from one hand-written statement over one raw pg connection in the bench process, rows assembled into the answer. ' +
    'HTTP floor: the same functions served as the same JSON by a bare Node http handler in a process of its own (pool of 10), fetched like the hub. Engagement\'s floor runs the hub\'s own statement (captured from EngagementRepository) plus names in the same statement. ' +
    'Critical info\'s floor reads the live fields and the account\'s assertions (with divisions, colleagues, source touchpoints, people) in one statement and computes ' +
    'statuses, completeness and questions in JavaScript with the hub\'s clock semantics (one "now" per request, its own wall clock) and wording; the stakeholders floor ' +
    'reads the page and its people\'s touchpoints through the GIN index on stakeholder_ids in one statement.',
  'Latency: after a warm-up, sequential requests cycling through the scenario\'s distinct requests, in rounds with the three targets taking turns (noise from other work falls on all three); ' +
    'percentiles are nearest-rank over n samples; p99 needs about 100 samples to mean more than the maximum. Throughput: 8 requests in flight for a few seconds (the SQL floor on a pool of 8).',
  'Load: N keep-alive connections from a plain node:http loop in the bench process (autocannon is not installed), each sending the next request of a fixed mix of the scenarios ' +
    '(search 32 %, timeline 42 %, engagement 18 %, critical info 5 %, stakeholders 3 %) as soon as the last is answered; scenarios whose hub p50 is over 10× their p95 target are left out of the mix (noted: they would be all it measures). Hub RSS from /proc every 250 ms; CPU in cores = CPU seconds of the process ÷ wall seconds ' +
    '(the hub is one Node process: about 1.0 means its event loop is the bottleneck; PostgreSQL: the bench\'s embedded cluster only).',
  'Everything runs on one machine: the bench client, the hub, the HTTP floor and PostgreSQL share its cores, and other work on the machine (see the load averages) skews the figures.',
  'Targets (p95 at the large profile; "every read within 2× its HTTP floor") are reported for orientation at any profile, never asserted.',
];
