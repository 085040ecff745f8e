/**
 * The read benches of one profile on one PostgreSQL server: the data set
 * (made or reused), the hub and the HTTP floor in processes of their own, a
 * session as a colleague, every scenario on the three targets (answers
 * compared first), then the load test.
 */
import { buildHub } from './compiled-hub';
import { BENCH_PASSWORD, Dataset, prepareDataset } from './dataset';
import { LoadFigures, runLoad } from './load';
import { explainScenarios, Plan } from './explain';
import { AnswerCheck, checkAnswers, measureScenario, openTargets, TargetFigures, TargetName } from './measure';
import { ServerProcess, startServerProcess } from './processes';
import { Profile } from './profiles';
import { SIGN_IN } from './queries';
import { buildScenarios, Group, Viewer } from './scenarios';

export interface Ratios {
  /** Hub latency ÷ HTTP floor latency. */
  p50VsHttpFloor: number;
  p95VsHttpFloor: number;
  p99VsHttpFloor: number;
  /** Hub p95 ÷ SQL floor p95. */
  p95VsSqlFloor: number;
  /** HTTP floor p95 ÷ SQL floor p95: what a bare HTTP server and JSON add. */
  httpFloorP95VsSqlFloor: number;
  /** Hub requests per second ÷ the HTTP floor's. */
  throughputVsHttpFloor: number;
  throughputVsSqlFloor: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  group: Group;
  targetP95Ms: number;
  /** Where the target comes from when the issue names none for this read. */
  targetNote?: string;
  /** Distinct requests the scenario cycles through. */
  distinctRequests: number;
  skipped?: string;
  answers?: AnswerCheck;
  /** A first request took more than 2 s: that cold request is the only sample, no throughput loop, left out of the load mix. */
  slow?: boolean;
  figures?: Record<TargetName, TargetFigures>;
  ratios?: Ratios;
}

export interface ReadsResult {
  dataset: Omit<Dataset, 'manifest' | 'url'> & { counts: Record<string, number>; keyAccounts: { touchpoints: number }[] };
  signedInAs: { email: string; role: string; division: string };
  hubStartSeconds: number;
  scenarios: ScenarioResult[];
  load: LoadFigures[];
  hubRssMiB: { afterScenarios: number | null; peak: number | null };
  /** EXPLAIN (ANALYZE, BUFFERS) of the hub's main statement of each scenario. */
  plans: Plan[];
}

/** A hub p50 above this many times the scenario's p95 target leaves it out of the load mix (it would be all the load test measures). */
export const LOAD_MIX_MAX_P50_VS_TARGET = 10;

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

export function ratiosOf(f: Record<TargetName, TargetFigures>): Ratios {
  const hub = f.hub.latencyMs, sql = f.sqlFloor.latencyMs, http = f.httpFloor.latencyMs;
  return {
    p50VsHttpFloor: ratio(hub.p50, http.p50), p95VsHttpFloor: ratio(hub.p95, http.p95), p99VsHttpFloor: ratio(hub.p99, http.p99),
    p95VsSqlFloor: ratio(hub.p95, sql.p95), httpFloorP95VsSqlFloor: ratio(http.p95, sql.p95),
    throughputVsHttpFloor: ratio(f.hub.throughput.perSecond, f.httpFloor.throughput.perSecond),
    throughputVsSqlFloor: ratio(f.hub.throughput.perSecond, f.sqlFloor.throughput.perSecond),
  };
}

/** Signs in with email and password; returns the session cookie. */
async function signIn(hubUrl: string, email: string): Promise<string> {
  const response = await fetch(`${hubUrl}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SIGN_IN, variables: { email, password: BENCH_PASSWORD } }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
  return cookie;
}

async function whoAmI(hubUrl: string, cookie: string): Promise<{ email: string; role: string; division: { id: string; name: string } }> {
  const response = await fetch(`${hubUrl}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: '{ me { email role division { id name } } }' }),
  });
  const result = (await response.json()) as { data?: { me: { email: string; role: string; division: { id: string; name: string } } | null } };
  if (!result.data?.me) throw new Error(`the session does not sign in: ${JSON.stringify(result)}`);
  return result.data.me;
}

export async function runReads(
  adminUrl: string, profile: Profile, log: (line: string) => void,
  options: { fresh?: boolean; ownCluster?: boolean; only?: string[]; postgresCpu?: () => number | null } = {},
): Promise<ReadsResult> {
  // The hub's build (tsc, a child process) while the data set is made: its result is awaited when the hub starts.
  const hubBuild = buildHub(log, profile.hubCompiler);
  hubBuild.catch(() => undefined);
  const dataset = await prepareDataset(adminUrl, profile, log, options);
  const { manifest } = dataset;
  let hub: ServerProcess | undefined;
  let floor: ServerProcess | undefined;
  try {
    const started = await Promise.all([startServerProcess('hub', dataset.url, log, profile.hubCompiler), startServerProcess('floor', dataset.url)]);
    [hub, floor] = started;
    const hubStartSeconds = Number(started[0].ready.startSeconds);
    log(`Hub on ${hub.url} (the server compiled by ${profile.hubCompiler === 'tsc' ? 'tsc' : 'SWC'} in its own process, NODE_ENV=production, answering ${hubStartSeconds.toFixed(1)} s after start); HTTP floor on ${floor.url}`);
    const cookie = await signIn(hub.url, manifest.me.email);
    const me = await whoAmI(hub.url, cookie);
    if (me.division.id !== manifest.me.divisionId) throw new Error(`signed in as ${me.email} of ${me.division.id}, expected division ${manifest.me.divisionId}`);
    log(`Signed in as ${me.email} (${me.role}, ${me.division.name}): the owner of the largest account's record there`);
    const viewer: Viewer = { id: manifest.me.id, email: manifest.me.email, divisionId: manifest.me.divisionId };
    const scenarios = (await buildScenarios(dataset.url, manifest, profile, viewer)).filter((s) => !options.only || options.only.includes(s.id));
    const t = profile.timing;
    const targets = await openTargets(hub.url, cookie, floor.url, dataset.url, t.concurrency);
    const results: ScenarioResult[] = [];
    try {
      for (const s of scenarios) {
        const base = { id: s.id, title: s.title, group: s.group, targetP95Ms: s.targetP95Ms, ...(s.targetNote ? { targetNote: s.targetNote } : {}), distinctRequests: s.requests.length };
        if (s.skipped) {
          log(`  ${s.id}: not measured (${s.skipped})`);
          results.push({ ...base, skipped: s.skipped });
          continue;
        }
        const { check: answers, firstMs } = await checkAnswers(targets, s.requests, 5);
        const { targets: figures, slow } = await measureScenario(targets, s.requests, t, firstMs);
        const ratios = ratiosOf(figures);
        const f = (x: TargetFigures) => `${x.latencyMs.p50}/${x.latencyMs.p95}/${x.latencyMs.p99} ms`;
        log(`  ${s.id}: hub ${f(figures.hub)} (${figures.hub.throughput.perSecond}/s), SQL floor ${f(figures.sqlFloor)}, HTTP floor ${f(figures.httpFloor)} ` +
          `(${figures.httpFloor.throughput.perSecond}/s); p95 ${ratios.p95VsHttpFloor}× HTTP floor, ${ratios.p95VsSqlFloor}× SQL floor; ` +
          `answers ${answers.same}/${answers.checked} the same${answers.firstDifference ? ` — ${answers.firstDifference}` : ''}` +
          `${figures.hub.errors + figures.httpFloor.errors + figures.sqlFloor.errors ? `; ERRORS: ${figures.hub.firstError ?? figures.httpFloor.firstError ?? figures.sqlFloor.firstError}` : ''}` +
          `${slow ? `; SLOW (first request ${(Math.max(...Object.values(firstMs)) / 1000).toFixed(1)} s): that one cold request is the sample, no throughput loop` : ''}`);
        results.push({ ...base, answers, ...(slow ? { slow } : {}), figures, ratios });
      }
    } finally {
      await targets.close();
    }
    const afterScenarios = await hub.rssMiB();
    const leftOut: Record<string, string> = {};
    for (const r of results) {
      if (r.skipped) leftOut[r.id] = 'not measured';
      else if (r.slow || r.figures!.hub.latencyMs.p50 > LOAD_MIX_MAX_P50_VS_TARGET * r.targetP95Ms) {
        leftOut[r.id] = `too slow to mix: hub p50 ${r.figures!.hub.latencyMs.p50} ms, over ${LOAD_MIX_MAX_P50_VS_TARGET}× its p95 target`;
      }
      else if (r.figures!.hub.errors) leftOut[r.id] = 'errors';
    }
    const mixed = scenarios.filter((s) => !leftOut[s.id]);
    const load: LoadFigures[] = [];
    for (const connections of t.loadConnections) {
      log(`  load: ${connections} connections, ${t.loadSeconds} s (after ${t.loadWarmupSeconds} s of warm-up), a mix of the reads` +
        `${Object.keys(leftOut).length ? ` (left out: ${Object.entries(leftOut).map(([id, why]) => `${id}, ${why}`).join('; ')})` : ''}`);
      const figures = { ...(await runLoad(hub.url, cookie, mixed, connections, t.loadSeconds, t.loadWarmupSeconds, hub, options.postgresCpu)), leftOut };
      log(`    ${figures.perSecond}/s, p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, ${figures.errors} errors` +
        `${figures.errors ? ` (${Object.entries(figures.errorKinds).map(([k, n]) => `${n}× ${k}`).join('; ').slice(0, 300)})` : ''}; ` +
        `hub RSS ${figures.rssMiB.before} → peak ${figures.rssMiB.peak} MiB; CPU cores: hub ${figures.cpuCores.hub}, PostgreSQL ${figures.cpuCores.postgres}, ` +
        `load generator ${figures.cpuCores.loadGenerator}`);
      load.push(figures);
    }
    log('Plans: EXPLAIN (ANALYZE, BUFFERS) of the hub\'s main statement of each scenario');
    const plans = await explainScenarios(dataset.url, scenarios, log);
    return {
      dataset: {
        database: dataset.database, hash: dataset.hash, reused: dataset.reused, generatedAt: dataset.generatedAt, seconds: dataset.seconds, sizesMiB: dataset.sizesMiB,
        counts: manifest.counts, keyAccounts: manifest.keyAccounts.map((a) => ({ touchpoints: a.touchpoints })),
      },
      signedInAs: { email: me.email, role: me.role, division: me.division.name },
      hubStartSeconds,
      scenarios: results,
      load,
      hubRssMiB: { afterScenarios, peak: hub.peakRssMiB() },
      plans,
    };
  } finally {
    await Promise.all([hub?.stop(), floor?.stop()]);
  }
}
