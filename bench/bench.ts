/**
 * `npm run bench`: the read benches (bench/reads) and the ingest bench
 * (bench/ingest, run as its own process) for one profile, folded into one
 * result: bench/results/bench-<profile>-<date>.json and .md (the tables),
 * and -plans.md (EXPLAIN ANALYZE of the hub's statements).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitState, machineInfo, REPO_ROOT } from './common/environment';
import { stopOnSignal } from './common/hub-server';
import { Postgres, startPostgres } from './common/postgres';
import { plansMarkdown } from './reads/explain';
import { clusterCpuSeconds } from './reads/processes';
import { LOAD_MIX } from './reads/load';
import { Profile } from './reads/profiles';
import { FLOOR_FACTOR, loadTable, readNotes, readsTable, verdicts } from './reads/report';
import { TARGET_P95 } from './reads/scenarios';
import { ReadsResult, runReads } from './reads/suite';

export interface BenchOptions {
  profile: Profile;
  /** Make the data set again even if a complete one exists. */
  fresh?: boolean;
  skipIngest?: boolean;
  /** Only these read scenarios. */
  only?: string[];
  /** Where the result files go (default bench/results). */
  outDir?: string;
  /** A PostgreSQL server to use (its maintenance database); default $DATABASE_URL, else the embedded one in bench/.data. */
  adminUrl?: string;
  log?: (line: string) => void;
}

export interface IngestSummary {
  options: Record<string, unknown>;
  seconds: number;
  /** Items per second. */
  rates: Record<string, number | null>;
  /** Batch round trip p50/p95, ms. */
  batchLatencyMs: Record<string, { p50: number; p95: number }>;
  ratios: Record<string, unknown>;
  targets: Record<string, number>;
  matching: Record<string, unknown>;
  markdown: string;
}

export interface BenchResult {
  profile: string;
  commit: string | null;
  uncommittedChanges: boolean | null;
  startedAt: string;
  seconds: number;
  machine: Record<string, unknown>;
  data: ReadsResult['dataset'] & { size: Profile['data'] };
  timing: Profile['timing'];
  signedInAs: ReadsResult['signedInAs'];
  reads: { hubStartSeconds: number; hubRssMiB: ReadsResult['hubRssMiB']; scenarios: ReadsResult['scenarios'] };
  load: ReadsResult['load'];
  loadMix: Record<string, number>;
  ingest: IngestSummary | { notMeasured: string };
  targets: { largeProfileP95Ms: Record<string, number>; floorFactor: number };
  verdicts: ReturnType<typeof verdicts>;
  plans: { scenario: string; statement: string; executionMs: number; planningMs: number }[];
  notes: string[];
  markdown: string;
}

/** Runs bench/ingest/run.ts in its own process with the profile's options; resolves with its result file's contents. */
async function runIngest(profile: Profile, databaseUrl: string | undefined, log: (line: string) => void): Promise<IngestSummary | { notMeasured: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ourcustomer-bench-'));
  const out = join(dir, 'ingest.json');
  try {
    const args = ['-r', '@swc-node/register', join(REPO_ROOT, 'bench/ingest/run.ts'), ...profile.ingest.args, '--out', out];
    log(`\nIngest: bench/ingest/run.ts ${[...profile.ingest.args, '--out', out].join(' ')}`);
    const env = { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'server/tsconfig.json'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const relay = (stream: NodeJS.ReadableStream) => {
        let rest = '';
        stream.on('data', (chunk: Buffer) => {
          const lines = (rest + chunk.toString('utf8')).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) log(`  ingest | ${line}`);
        });
        stream.on('end', () => rest && log(`  ingest | ${rest}`));
      };
      relay(child.stdout);
      relay(child.stderr);
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) return { notMeasured: `bench/ingest/run.ts exited with code ${code}` };
    return ingestSummary(JSON.parse(readFileSync(out, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Json = Record<string, unknown>;

export function ingestSummary(json: Json): IngestSummary {
  const f = json.figures as Record<string, Json>;
  const rateOf = (o: Json | undefined) => (o && typeof o.perSecond === 'number' ? o.perSecond : null);
  const lat = (o: Json) => {
    const l = o.latencyMs as { p50: number; p95: number };
    return { p50: l.p50, p95: l.p95 };
  };
  const copy = f.copy as { withIndexes: Json; withoutIndexes: Json };
  const matching = { ...(f.matching as Json) };
  delete matching.blocking;
  return {
    options: json.options as Json,
    seconds: json.seconds as number,
    rates: {
      newAccounts: rateOf(f.accounts), touchpoints: rateOf(f.touchpoints), unchangedTouchpoints: rateOf(f.unchanged), touchpointsConcurrent: rateOf(f.parallel),
      importCommand: rateOf(f.imported), ingestBatchInProcess: rateOf(f.inProcess), copyFloorWithIndexes: rateOf(copy.withIndexes), copyFloorWithoutIndexes: rateOf(copy.withoutIndexes),
    },
    batchLatencyMs: { newAccounts: lat(f.accounts), touchpoints: lat(f.touchpoints), unchangedTouchpoints: lat(f.unchanged), touchpointsConcurrent: lat(f.parallel) },
    ratios: json.ratios as Json,
    targets: json.targets as Record<string, number>,
    matching,
    markdown: json.markdown as string,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function markdown(r: Omit<BenchResult, 'markdown'>, reads: ReadsResult, plansFile: string): string {
  const m = r.machine as { cores: number; cpu: string; memoryGiB: number; postgres: string; node: string; platform: string; loadAverage: number[]; loadAverageAtEnd: number[] };
  const counts = Object.entries(r.data.counts).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ');
  const key = r.data.keyAccounts.map((k) => k.touchpoints);
  const lines = [
    `# Bench: profile \`${r.profile}\`, ${r.startedAt.slice(0, 10)}`,
    '',
    `Commit \`${r.commit?.slice(0, 7) ?? 'unknown'}\`${r.uncommittedChanges ? ' with uncommitted changes' : ''}; ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.platform}; ` +
      `PostgreSQL ${m.postgres}, Node ${m.node}; load average ${m.loadAverage.join(' ')} at the start, ${m.loadAverageAtEnd.join(' ')} at the end; ${round1(r.seconds / 60)} minutes.`,
    '',
    `Data (${r.data.reused ? `reused, made ${r.data.generatedAt.slice(0, 16).replace('T', ' ')}` : `made in this run in ${r.data.seconds.total} s`}): ${counts}; ` +
      `${key.length} key accounts with ${key.length ? `${Math.min(...key).toLocaleString('en-US')}–${Math.max(...key).toLocaleString('en-US')}` : 'no'} touchpoints; ` +
      `${Object.values(r.data.sizesMiB).reduce((a, b) => a + b, 0).toFixed(0)} MiB on disk. Signed in as ${r.signedInAs.email} (${r.signedInAs.role}, ${r.signedInAs.division}).`,
    '',
    '## Reads',
    '',
    readsTable(reads),
    '',
    `## Load (a mix of the reads${r.timing.loadSeconds < 60 ? `; ${r.timing.loadSeconds} s per run at this profile, 60 s at large` : ''})`,
    '',
    loadTable(r.load),
    '',
    ...(Object.keys(r.load[0]?.leftOut ?? {}).length ? [`Left out of the mix: ${Object.entries(r.load[0].leftOut).map(([id, why]) => `${id} (${why})`).join('; ')}.`, ''] : []),
    `Hub RSS after the scenarios ${r.reads.hubRssMiB.afterScenarios ?? '?'} MiB, peak over the run ${r.reads.hubRssMiB.peak ?? '?'} MiB.`,
    '',
    '## Ingest',
    '',
    'notMeasured' in r.ingest ? `Not measured: ${r.ingest.notMeasured}` : (r.ingest as IngestSummary).markdown,
    '',
    `Plans (EXPLAIN ANALYZE of the hub's statement per scenario): ${plansFile}.`,
    '',
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

export async function runBench(o: BenchOptions): Promise<{ result: BenchResult; files: string[] }> {
  const log = o.log ?? ((line: string) => console.log(line));
  const started = new Date();
  const git = gitState();
  const { profile } = o;
  log(`Bench, profile ${profile.name}${git ? ` at ${git.short}${git.dirty ? ' (with uncommitted changes)' : ''}` : ''}`);
  const outside = o.adminUrl ?? process.env.DATABASE_URL;
  let postgres: Postgres | undefined;
  let adminUrl = outside;
  if (!adminUrl) {
    postgres = await startPostgres(log, 'read benches: one database per profile, kept for the next run', join(REPO_ROOT, 'bench/.data'));
    adminUrl = postgres.adminUrl;
  }
  const lifecycle = stopOnSignal(async () => {
    await postgres?.stop();
  });
  let reads: ReadsResult;
  let machine;
  try {
    machine = await machineInfo(adminUrl);
    const clusterDir = join(REPO_ROOT, 'bench/.data/pg');
    reads = await runReads(adminUrl, profile, log, {
      fresh: o.fresh, ownCluster: !!postgres, only: o.only, postgresCpu: postgres ? () => clusterCpuSeconds(clusterDir) : undefined,
    });
  } finally {
    await lifecycle.stop();
    lifecycle.dispose();
  }
  if (lifecycle.interrupted()) throw new Error('interrupted');
  const ingest = o.skipIngest ? { notMeasured: 'skipped (--skip-ingest)' } : await runIngest(profile, outside, log);

  const date = started.toISOString().slice(0, 10);
  const dir = o.outDir ?? join(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `bench-${profile.name}-${date}`);
  const plansFile = `${base}-plans.md`;
  const without: Omit<BenchResult, 'markdown'> = {
    profile: profile.name,
    commit: git?.commit ?? null,
    uncommittedChanges: git?.dirty ?? null,
    startedAt: started.toISOString(),
    seconds: round1((Date.now() - started.getTime()) / 1000),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100), postgresSource: postgres ? 'embedded (bench/.data)' : 'DATABASE_URL' },
    data: { ...reads.dataset, size: profile.data },
    timing: profile.timing,
    signedInAs: reads.signedInAs,
    reads: { hubStartSeconds: reads.hubStartSeconds, hubRssMiB: reads.hubRssMiB, scenarios: reads.scenarios },
    load: reads.load,
    loadMix: LOAD_MIX,
    ingest,
    targets: { largeProfileP95Ms: TARGET_P95, floorFactor: FLOOR_FACTOR },
    verdicts: verdicts(reads.scenarios),
    plans: reads.plans.map(({ scenario, statement, executionMs, planningMs }) => ({ scenario, statement, executionMs, planningMs })),
    notes: [
      ...readNotes(profile.hubCompiler),
      `Ingest: bench/ingest/run.ts ${profile.ingest.args.join(' ') || '(its default profile)'} in its own process on its own fresh database; its notes, CPU profiles and statement breakdowns are in its own output (npm run bench:ingest).`,
    ],
  };
  const result: BenchResult = { ...without, markdown: '' };
  result.markdown = markdown(without, reads, plansFile.slice(plansFile.lastIndexOf('/') + 1));
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, result.markdown);
  writeFileSync(plansFile, plansMarkdown(reads.plans, `Plans: profile \`${profile.name}\`, ${date}, commit ${git?.short ?? 'unknown'}`));
  log(`\n${result.markdown}`);
  log(`wrote ${base}.json, ${base}.md and ${plansFile}`);
  return { result, files: [`${base}.json`, `${base}.md`, plansFile] };
}
