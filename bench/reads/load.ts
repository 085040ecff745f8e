/**
 * The load test: N keep-alive connections, each sending the next request of a
 * weighted mix of the read scenarios as soon as the last one is answered, for
 * a fixed time; throughput, latency, errors and the hub's memory (RSS sampled
 * every 250 ms). A plain node:http loop stands in for a load generator
 * (autocannon is not installed); it runs in the bench process, on the same
 * cores as the hub and PostgreSQL.
 */
import { Agent, request as httpRequest } from 'node:http';
import { latency, Latency } from './measure';
import { Scenario } from './scenarios';
import { ServerProcess } from './processes';

/** How often each scenario comes up in the mix (per 100 requests). */
export const LOAD_MIX: Record<string, number> = {
  'search-prefix': 27, 'search-fuzzy': 5, 'timeline-first': 22, 'timeline-deep': 4, 'timeline-first-division-types': 8, 'timeline-deep-types': 2,
  'timeline-first-person': 4, 'timeline-first-text': 2, 'engagement-typical': 12, 'engagement-key': 6, 'critical-info': 5, 'stakeholders-key': 3,
};

export interface LoadFigures {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: Latency;
  errors: number;
  /** Error messages (HTTP status, GraphQL error, socket error) and how often. */
  errorKinds: Record<string, number>;
  /** Per scenario: requests and p99. */
  byScenario: Record<string, { requests: number; p99: number }>;
  rssMiB: { before: number | null; mean: number | null; peak: number | null };
  /**
   * CPU used during the measured run, in cores (CPU seconds ÷ wall seconds): the hub's process, this one (the load
   * generator) and PostgreSQL (the bench's embedded cluster, its backends that lived through the run; null on DATABASE_URL).
   */
  cpuCores: { hub: number | null; loadGenerator: number; postgres: number | null };
  /** The mix actually sent (scenario → share of requests). */
  mix: Record<string, number>;
  /** Scenarios of LOAD_MIX left out, and why. */
  leftOut: Record<string, string>;
}

interface Prepared {
  scenario: string;
  bodies: Buffer[];
  next: number;
}

/** `scenarios`: those to mix (the caller leaves out what is not measured or far too slow to mix). */
export async function runLoad(
  hubUrl: string, cookie: string, scenarios: readonly Scenario[], connections: number, seconds: number, warmupSeconds: number, hub: ServerProcess,
  postgresCpu: () => number | null = () => null,
): Promise<LoadFigures> {
  const prepared: Prepared[] = scenarios
    .filter((s) => !s.skipped && (LOAD_MIX[s.id] ?? 0) > 0)
    .map((s) => ({ scenario: s.id, bodies: s.requests.map((r) => Buffer.from(JSON.stringify(r.hub))), next: 0 }));
  // A schedule of 100 slots, each scenario as often as its weight, spread out.
  const schedule: Prepared[] = [];
  const total = prepared.reduce((n, p) => n + LOAD_MIX[p.scenario], 0);
  const credit = new Map(prepared.map((p) => [p, 0]));
  for (let slot = 0; slot < 100; slot++) {
    for (const p of prepared) credit.set(p, credit.get(p)! + LOAD_MIX[p.scenario] / total);
    const best = [...credit].sort((a, b) => b[1] - a[1])[0][0];
    credit.set(best, credit.get(best)! - 1);
    schedule.push(best);
  }
  const url = new URL(`${hubUrl}/graphql`);
  // A fresh agent per phase: sockets left idle by the warm-up could be closed by the server (keep-alive timeout) as they are reused.
  let agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const send = (body: Buffer): Promise<void> => new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie, 'content-length': body.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
        // No field of these queries is named "errors": the marker can only be the response's own.
        if (text.includes('"errors":[')) {
          try {
            const parsed = JSON.parse(text) as { errors?: { message: string }[] };
            if (parsed.errors?.length) return reject(new Error(`GraphQL: ${parsed.errors[0].message.slice(0, 120)}`));
          } catch {
            return reject(new Error('unparsable response'));
          }
        }
        resolve();
      });
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout (30 s)')));
    req.on('error', reject);
    req.end(body);
  });

  const run = async (runSeconds: number, record: boolean) => {
    const samples: number[] = [];
    const byScenario = new Map<string, number[]>();
    const errorKinds: Record<string, number> = {};
    const sent: Record<string, number> = {};
    let slot = 0;
    let errors = 0;
    const started = performance.now();
    const until = started + runSeconds * 1000;
    const worker = async () => {
      while (performance.now() < until) {
        const p = schedule[slot++ % schedule.length];
        const body = p.bodies[p.next++ % p.bodies.length];
        const t0 = performance.now();
        try {
          await send(body);
          if (!record) continue;
          const ms = performance.now() - t0;
          samples.push(ms);
          (byScenario.get(p.scenario) ?? byScenario.set(p.scenario, []).get(p.scenario)!).push(ms);
          sent[p.scenario] = (sent[p.scenario] ?? 0) + 1;
        } catch (error) {
          if (!record) continue;
          errors++;
          const kind = error instanceof Error ? error.message : String(error);
          errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    return { samples, byScenario, errorKinds, errors, sent, elapsed: (performance.now() - started) / 1000 };
  };

  try {
    if (warmupSeconds > 0) {
      await run(warmupSeconds, false);
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    }
    const before = await hub.rssMiB();
    const rss: number[] = [];
    let peak = before ?? 0;
    const sampler = setInterval(() => {
      void hub.rssMiB().then((mib) => {
        if (mib === null) return;
        rss.push(mib);
        peak = Math.max(peak, mib);
      });
    }, 250);
    const hubCpu = hub.cpuSeconds();
    const pgCpu = postgresCpu();
    const ownCpu = process.cpuUsage();
    const outcome = await run(seconds, true).finally(() => clearInterval(sampler));
    const hubCpuAfter = hub.cpuSeconds();
    const pgCpuAfter = postgresCpu();
    const own = process.cpuUsage(ownCpu);
    const requests = outcome.samples.length;
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      connections,
      seconds: round(outcome.elapsed),
      requests,
      perSecond: round(requests / outcome.elapsed),
      latencyMs: latency(outcome.samples),
      errors: outcome.errors,
      errorKinds: outcome.errorKinds,
      byScenario: Object.fromEntries([...outcome.byScenario].map(([id, s]) => [id, { requests: s.length, p99: latency(s).p99 }])),
      rssMiB: { before, mean: rss.length ? round(rss.reduce((a, b) => a + b, 0) / rss.length) : null, peak: rss.length || before !== null ? round(peak) : null },
      mix: Object.fromEntries(Object.entries(outcome.sent).map(([id, n]) => [id, Math.round((n / Math.max(1, requests)) * 1000) / 1000])),
      leftOut: {},
      cpuCores: {
        hub: hubCpu === null || hubCpuAfter === null ? null : Math.round(((hubCpuAfter - hubCpu) / outcome.elapsed) * 100) / 100,
        loadGenerator: Math.round(((own.user + own.system) / 1e6 / outcome.elapsed) * 100) / 100,
        postgres: pgCpu === null || pgCpuAfter === null ? null : Math.round(((pgCpuAfter - pgCpu) / outcome.elapsed) * 100) / 100,
      },
    };
  } finally {
    agent.destroy();
  }
}
