/**
 * Measuring a scenario on the three targets: the hub (GraphQL over HTTP with
 * graphql-http's client, signed in by session cookie), the SQL floor (floor.ts
 * on a raw pg connection) and the HTTP floor (the same answers from a bare
 * Node http handler, fetched the same way).
 *
 * Latency: after a warm-up, sequential requests, the targets taking turns in
 * rounds so that other work on the machine falls on all of them alike.
 * Throughput: `concurrency` requests in flight for a few seconds.
 */
import { SESSION_OPTIONS } from '../../server/src/database/data-source';
import { createClient } from 'graphql-http';
import { Client, Pool } from 'pg';
import { floorAnswer, FloorRequest } from './floor';

export type TargetName = 'hub' | 'sqlFloor' | 'httpFloor';
export const TARGETS: readonly TargetName[] = ['hub', 'sqlFloor', 'httpFloor'];

export interface ScenarioRequest {
  hub: { query: string; variables: Record<string, unknown> };
  floor: FloorRequest;
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface Throughput {
  concurrency: number;
  seconds: number;
  requests: number;
  perSecond: number;
  errors: number;
}

export interface TargetFigures {
  latencyMs: Latency;
  throughput: Throughput;
  errors: number;
  /** The first error, when there were any. */
  firstError?: string;
}

/** Nearest-rank percentiles, rounded to 0.01 ms. */
export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : 0);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)), max: round(at(100)),
  };
}

/** Sends one request to one target and resolves with the answer's `data`; rejects on any error. */
export type Send = (request: ScenarioRequest) => Promise<unknown>;

export interface Targets {
  hub: Send;
  sqlFloor: Send;
  httpFloor: Send;
  /** For the throughput loops: a SQL floor on a pool of `concurrency` connections. */
  sqlFloorPool: Send;
  close(): Promise<void>;
}

/** Throws with the GraphQL errors' messages. */
function dataOf(result: { data?: unknown; errors?: readonly { message: string }[] | null }, label: string): unknown {
  if (result.errors?.length) throw new Error(`${label}: ${result.errors.map((e) => e.message).join('; ')}`);
  if (result.data === undefined || result.data === null) throw new Error(`${label}: no data`);
  return result.data;
}

export async function openTargets(hubUrl: string, cookie: string, floorUrl: string, databaseUrl: string, concurrency: number): Promise<Targets> {
  const graphql = createClient({ url: `${hubUrl}/graphql`, headers: { cookie } });
  const sql = new Client({ connectionString: databaseUrl, application_name: 'bench-sql-floor', options: SESSION_OPTIONS });
  await sql.connect();
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency, application_name: 'bench-sql-floor', options: SESSION_OPTIONS });
  return {
    hub: (request) => new Promise((resolve, reject) => {
      let result: { data?: unknown; errors?: readonly { message: string }[] | null } = {};
      graphql.subscribe(request.hub, {
        next: (value) => (result = value),
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => {
          try {
            resolve(dataOf(result, 'hub'));
          } catch (error) {
            reject(error);
          }
        },
      });
    }),
    sqlFloor: (request) => floorAnswer(sql, request.floor),
    sqlFloorPool: (request) => floorAnswer(pool, request.floor),
    httpFloor: async (request) => {
      const response = await fetch(`${floorUrl}/${request.floor.kind}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.floor.params),
      });
      return dataOf((await response.json()) as { data?: unknown; errors?: { message: string }[] }, `HTTP floor (${response.status})`);
    },
    async close() {
      graphql.dispose();
      await sql.end();
      await pool.end();
    },
  };
}

export interface MeasureOptions {
  warmup: number;
  samples: number;
  minSamples: number;
  maxSeconds: number;
  rounds: number;
  concurrency: number;
  throughputSeconds: number;
}

/** `concurrency` workers sending the requests round-robin for `seconds`. */
export async function throughput(send: Send, requests: readonly ScenarioRequest[], concurrency: number, seconds: number): Promise<Throughput> {
  let next = 0;
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const request = requests[next++ % requests.length];
      try {
        await send(request);
        done++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { concurrency, seconds: Math.round(elapsed * 100) / 100, requests: done, perSecond: Math.round((done / elapsed) * 10) / 10, errors };
}

/** A request slower than this (on any target, at the first try) makes the scenario "slow": that first request is its only sample, no throughput loop. */
export const SLOW_MS = 2000;

export interface ScenarioFigures {
  targets: Record<TargetName, TargetFigures>;
  /** True when a first request took longer than SLOW_MS: one (cold) sample per target, no throughput loop. */
  slow: boolean;
}

/**
 * Latency on every target: a warm-up (at most `warmup` requests and a fifth
 * of `maxSeconds`), then up to `samples` sequential requests in `rounds`,
 * the targets taking turns, each round of a target ending when its share of
 * `maxSeconds` is spent (later if fewer than its share of `minSamples` are in,
 * but never past three times the share); then each target's throughput loop.
 * `firstMs`: how long each target's first request took (see checkAnswers).
 */
export async function measureScenario(
  targets: Targets, requests: readonly ScenarioRequest[], o: MeasureOptions, firstMs: Record<TargetName, number>,
): Promise<ScenarioFigures> {
  const slow = TARGETS.some((t) => firstMs[t] > SLOW_MS);
  const samples: Record<TargetName, number[]> = { hub: [], sqlFloor: [], httpFloor: [] };
  const errors: Record<TargetName, { count: number; first?: string }> = { hub: { count: 0 }, sqlFloor: { count: 0 }, httpFloor: { count: 0 } };
  const position: Record<TargetName, number> = { hub: 0, sqlFloor: 0, httpFloor: 0 };
  const one = async (target: TargetName): Promise<number | null> => {
    const request = requests[position[target]++ % requests.length];
    const t0 = performance.now();
    try {
      await targets[target](request);
      return performance.now() - t0;
    } catch (error) {
      errors[target].count++;
      errors[target].first ??= error instanceof Error ? error.message : String(error);
      return null;
    }
  };
  const failing = (target: TargetName) => errors[target].count > 5 && samples[target].length === 0;
  if (!slow) {
    for (const target of TARGETS) {
      const until = performance.now() + (o.maxSeconds * 1000) / 5;
      for (let i = 0; i < o.warmup && performance.now() < until && !failing(target); i++) await one(target);
    }
  }
  const perRound = Math.ceil(o.samples / o.rounds);
  const budget = (o.maxSeconds * 1000) / o.rounds;
  const minPerRound = Math.ceil(o.minSamples / o.rounds);
  // A slow scenario keeps the first (cold) request of each target as its only sample: more would take minutes.
  if (slow) for (const target of TARGETS) samples[target].push(firstMs[target]);
  for (let round = 0; round < (slow ? 0 : o.rounds); round++) {
    // Each round starts with another target.
    for (const target of TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length])) {
      const roundStart = performance.now();
      for (let i = 0; i < perRound && !failing(target); i++) {
        const ms = await one(target);
        if (ms !== null) samples[target].push(ms);
        const spent = performance.now() - roundStart;
        if (spent > budget && (i + 1 >= minPerRound || spent > 3 * budget)) break;
      }
    }
  }
  const result = {} as Record<TargetName, TargetFigures>;
  for (const target of TARGETS) {
    const send = target === 'sqlFloor' ? targets.sqlFloorPool : targets[target];
    const loop = slow || failing(target)
      ? { concurrency: o.concurrency, seconds: 0, requests: 0, perSecond: 0, errors: 0 }
      : await throughput(send, requests, o.concurrency, o.throughputSeconds);
    result[target] = {
      latencyMs: latency(samples[target]),
      throughput: loop,
      errors: errors[target].count + loop.errors,
      ...(errors[target].first ? { firstError: errors[target].first.slice(0, 500) } : {}),
    };
  }
  return { targets: result, slow };
}

// ---------------------------------------------------------------- same answer

/** JSON with object keys sorted and `asOf` (the moment of the answer) left out. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'asOf') return undefined;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

/** Where two answers first differ: a path and both values (shortened). */
export function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      if (k === 'asOf') continue;
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: hub ${canonical(a)?.slice(0, 150)} vs floor ${canonical(b)?.slice(0, 150)}`;
}

export interface AnswerCheck {
  /** Requests whose answers were compared (hub against the HTTP floor, and the HTTP floor against the SQL floor). */
  checked: number;
  same: number;
  firstDifference?: string;
}

/**
 * Compares the hub's answers with the floors' for the first `count` distinct
 * requests (only the first when it is slow), and says how long each target's
 * first request took (cold: also a probe for slow scenarios).
 */
export async function checkAnswers(targets: Targets, requests: readonly ScenarioRequest[], count: number): Promise<{ check: AnswerCheck; firstMs: Record<TargetName, number> }> {
  const check: AnswerCheck = { checked: 0, same: 0 };
  const firstMs: Record<TargetName, number> = { hub: 0, sqlFloor: 0, httpFloor: 0 };
  for (const [i, request] of requests.slice(0, count).entries()) {
    check.checked++;
    try {
      const answers: Partial<Record<TargetName, unknown>> = {};
      for (const target of TARGETS) {
        const t0 = performance.now();
        answers[target] = await targets[target](request);
        if (i === 0) firstMs[target] = performance.now() - t0;
      }
      const sql = JSON.parse(JSON.stringify(answers.sqlFloor));
      const difference = firstDifference(answers.hub, answers.httpFloor) ?? (canonical(answers.httpFloor) === canonical(sql) ? null : 'the HTTP floor differs from the SQL floor');
      if (difference) check.firstDifference ??= difference;
      else check.same++;
    } catch (error) {
      check.firstDifference ??= `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    }
    if (i === 0 && TARGETS.some((t) => firstMs[t] > SLOW_MS)) break;
  }
  return { check, firstMs };
}
