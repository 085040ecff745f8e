/**
 * Where the time of scenario B goes, measured in this process (the server
 * runs in it):
 * - every SQL statement TypeORM sends (PostgresQueryRunner.query wrapped:
 *   round trip as the caller waits for it, parameters and result included);
 * - a V8 CPU profile of the process, self time summed by layer (HTTP server,
 *   GraphQL, Nest pipes, class-transformer/-validator, ingest code, TypeORM,
 *   pg driver, the bench client) and by function; idle = waiting for
 *   PostgreSQL (or the network);
 * - `ingestBatch` called directly in a transaction, as the import command
 *   does: the rate without HTTP and GraphQL.
 */
import { Session } from 'node:inspector/promises';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { AuditRepository } from '../../server/src/audit/audit.repository';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { ingestBatch } from '../../server/src/ingest/ingest.service';
import { IngestBatchInput } from '../../server/src/ingest/ingest.types';
import { BenchBatch, batchItems } from './generator';
import { latency, SendOutcome } from './http';

// ---------------------------------------------------------------- SQL statements

export interface StatementStats {
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
}

/** The statement's first words, whitespace collapsed: the same SQL text gives the same label. */
export function statementLabel(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 107)}...` : flat;
}

type QueryFn = (this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

/** Times every statement any TypeORM Postgres query runner of this process sends until `stop()`. */
export function timeStatements() {
  const stats = new Map<string, { calls: number; totalMs: number }>();
  const proto = PostgresQueryRunner.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  let totalMs = 0;
  proto.query = async function timed(this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) {
    const t0 = performance.now();
    try {
      return await original.call(this, query, parameters, structured);
    } finally {
      const ms = performance.now() - t0;
      totalMs += ms;
      const label = statementLabel(query);
      const s = stats.get(label) ?? stats.set(label, { calls: 0, totalMs: 0 }).get(label)!;
      s.calls++;
      s.totalMs += ms;
    }
  };
  return {
    totalMs: () => totalMs,
    stop(): StatementStats[] {
      proto.query = original;
      return [...stats].map(([statement, s]) => ({ statement, calls: s.calls, totalMs: Math.round(s.totalMs), meanMs: Math.round((s.totalMs / s.calls) * 100) / 100 }))
        .sort((a, b) => b.totalMs - a.totalMs);
    },
  };
}

// ---------------------------------------------------------------- CPU profile

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Which layer a package belongs to. */
const PACKAGE_LAYER: Record<string, string> = {
  express: 'HTTP server (Node http, express, body-parser)', 'body-parser': 'HTTP server (Node http, express, body-parser)',
  'raw-body': 'HTTP server (Node http, express, body-parser)', 'iconv-lite': 'HTTP server (Node http, express, body-parser)',
  'cookie-parser': 'HTTP server (Node http, express, body-parser)', 'on-finished': 'HTTP server (Node http, express, body-parser)',
  router: 'HTTP server (Node http, express, body-parser)', 'finalhandler': 'HTTP server (Node http, express, body-parser)',
  'path-to-regexp': 'HTTP server (Node http, express, body-parser)', send: 'HTTP server (Node http, express, body-parser)',
  graphql: 'GraphQL (graphql-js: parse, validate, coerce variables, complete result)',
  '@apollo/server': 'GraphQL server (Apollo, @nestjs/graphql, complexity)', '@nestjs/apollo': 'GraphQL server (Apollo, @nestjs/graphql, complexity)',
  '@nestjs/graphql': 'GraphQL server (Apollo, @nestjs/graphql, complexity)', 'graphql-query-complexity': 'GraphQL server (Apollo, @nestjs/graphql, complexity)',
  '@as-integrations/express4': 'GraphQL server (Apollo, @nestjs/graphql, complexity)', '@as-integrations/express5': 'GraphQL server (Apollo, @nestjs/graphql, complexity)',
  '@graphql-tools/utils': 'GraphQL server (Apollo, @nestjs/graphql, complexity)', '@graphql-tools/schema': 'GraphQL server (Apollo, @nestjs/graphql, complexity)',
  'class-transformer': 'Nest ValidationPipe: class-transformer', 'class-validator': 'Nest ValidationPipe: class-validator',
  '@nestjs/core': 'Nest (core, guards, interceptors)', '@nestjs/common': 'Nest (core, guards, interceptors)',
  typeorm: 'TypeORM', pg: 'pg driver (parameters, protocol, rows)', 'pg-protocol': 'pg driver (parameters, protocol, rows)',
  'pg-types': 'pg driver (parameters, protocol, rows)', 'pg-pool': 'pg driver (parameters, protocol, rows)',
  'postgres-array': 'pg driver (parameters, protocol, rows)', 'postgres-date': 'pg driver (parameters, protocol, rows)',
  'pg-connection-string': 'pg driver (parameters, protocol, rows)',
};

function packageOf(url: string): string | null {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = url.slice(at + '/node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The layer and a readable place of one frame with a URL. */
function placeOf(frame: CallFrame): { layer: string; where: string } {
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = packageOf(url);
  if (pkg) return { layer: PACKAGE_LAYER[pkg] ?? `other packages (${pkg})`, where: pkg };
  const src = url.indexOf('/server/src/');
  if (src >= 0) {
    const file = url.slice(src + '/server/src/'.length);
    const dir = file.split('/')[0];
    const layer = dir === 'ingest' ? 'ingest code (validation, planning, canonical JSON, writers)'
      : dir === 'matching' ? 'matching code (features, blocking, scoring)'
        : `hub code (${dir})`;
    return { layer, where: `server/src/${file}` };
  }
  if (url.includes('/bench/')) return { layer: 'bench client (fetch, response JSON)', where: url.slice(url.indexOf('/bench/') + 1) };
  if (url.startsWith('node:internal/deps/undici')) return { layer: 'bench client (fetch, response JSON)', where: 'undici (fetch)' };
  if (url.startsWith('node:internal/crypto')) return { layer: 'hashing (node:crypto)', where: url };
  if (/^node:(_http|http|net|internal\/http|internal\/stream_base|internal\/streams|stream|internal\/js_stream)/.test(url)) {
    return { layer: 'HTTP server (Node http, express, body-parser)', where: url };
  }
  if (url.startsWith('node:')) return { layer: 'Node internals (timers, async hooks, buffers)', where: url };
  return { layer: 'other', where: url };
}

export interface LayerShare {
  layer: string;
  ms: number;
  share: number;
}

export interface FunctionShare {
  fn: string;
  layer: string;
  ms: number;
  share: number;
}

export interface CpuBreakdown {
  totalMs: number;
  layers: LayerShare[];
  functions: FunctionShare[];
}

/**
 * Self time by layer and by function. Frames without a URL (V8 builtins such
 * as JSON.parse, RegExp, Array.prototype.map) count for the layer of their
 * nearest caller with one; JSON.parse/stringify are shown as such.
 */
export function summariseProfile(profile: CpuProfile): CpuBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + ms);
  }
  const placeCache = new Map<number, { layer: string; where: string }>();
  const place = (id: number): { layer: string; where: string } => {
    const cached = placeCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    let result: { layer: string; where: string };
    if (url) result = placeOf(node.callFrame);
    else if (functionName === '(idle)') result = { layer: 'idle: waiting for PostgreSQL (or the network)', where: '' };
    else if (functionName === '(garbage collector)') result = { layer: 'garbage collection', where: '' };
    else if (functionName === '(program)') result = { layer: 'V8 (compiler, runtime: program)', where: '' };
    else if (functionName === '(root)' || !parent.has(id)) result = { layer: 'other', where: '' };
    else result = place(parent.get(id)!);
    placeCache.set(id, result);
    return result;
  };
  const layers = new Map<string, number>();
  const functions = new Map<string, { layer: string; ms: number }>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    if (ms <= 0) continue;
    totalMs += ms;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const p = place(id);
    const json = !url && /^(parse|stringify|JSONParse|JSONStringify|JsonParse|JsonStringify)$/.test(functionName);
    const layer = json ? `JSON.${/parse/i.test(functionName) ? 'parse' : 'stringify'} (builtin)` : p.layer;
    layers.set(layer, (layers.get(layer) ?? 0) + ms);
    const fn = url
      ? `${functionName || '(anonymous)'} ${p.where}:${lineNumber + 1}`
      : functionName.startsWith('(') ? functionName : `${functionName || '(anonymous)'} (builtin, called from ${p.where || p.layer})`;
    const f = functions.get(fn) ?? functions.set(fn, { layer, ms: 0 }).get(fn)!;
    f.ms += ms;
  }
  const share = (ms: number) => Math.round((ms / Math.max(1, totalMs)) * 1000) / 1000;
  return {
    totalMs: Math.round(totalMs),
    layers: [...layers].map(([layer, ms]) => ({ layer, ms: Math.round(ms), share: share(ms) })).sort((a, b) => b.ms - a.ms),
    functions: [...functions].map(([fn, f]) => ({ fn, layer: f.layer, ms: Math.round(f.ms), share: share(f.ms) })).sort((a, b) => b.ms - a.ms).slice(0, 25),
  };
}

/** Runs `work` under the V8 sampling profiler (this process: client and server). */
export async function cpuProfile<T>(work: () => Promise<T>, intervalMicros = 500): Promise<{ result: T; breakdown: CpuBreakdown }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
    await session.post('Profiler.start');
    let outcome: { ok: true; result: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await work() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    if (!outcome.ok) throw outcome.error;
    return { result: outcome.result, breakdown: summariseProfile(profile) };
  } finally {
    await session.post('Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}

// ---------------------------------------------------------------- ingestBatch in-process

export interface InProcessOutcome extends Pick<SendOutcome, 'items' | 'batches' | 'seconds' | 'perSecond' | 'latencyMs' | 'statuses'> {
  /** Of the batch time: waiting for SQL statements (round trips), the rest is JavaScript in this process. */
  sqlMs: number;
  statements: StatementStats[];
  breakdown: CpuBreakdown;
}

/** As GraphQL hands it to the resolver: occurredAt as a Date. */
function asInput(batch: BenchBatch): IngestBatchInput {
  return {
    division: batch.division, sourceSystem: batch.sourceSystem,
    touchpoints: batch.touchpoints?.map((t) => ({ ...t, occurredAt: new Date(t.occurredAt) })),
    accounts: batch.accounts,
    contacts: batch.contacts,
  } as unknown as IngestBatchInput;
}

/**
 * `ingestBatch` + the audit entry in one transaction per batch, as the
 * service does, without HTTP, GraphQL or Nest; statements timed, CPU profiled.
 */
export async function ingestInProcess(databaseUrl: string, divisionIds: Map<string, string>, batches: readonly BenchBatch[]): Promise<InProcessOutcome> {
  const ds = await new DataSource({ ...dataSourceOptions(databaseUrl, 2), logging: false }).initialize();
  try {
    const audit = new AuditRepository(ds);
    const inputs = batches.map(asInput);
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    const timer = timeStatements();
    let statements: StatementStats[] = [];
    const started = performance.now();
    const { breakdown } = await cpuProfile(async () => {
      try {
        for (const input of inputs) {
          const t0 = performance.now();
          const divisionId = divisionIds.get(input.division)!;
          const result = await ds.transaction(async (tx: EntityManager) => {
            const r = await ingestBatch(tx, divisionId, input.sourceSystem, input);
            await audit.insert({
              actorKind: 'SYSTEM', actorId: null, actorLabel: 'bench:ingest', action: 'INGEST', targetType: 'DIVISION', targetId: divisionId,
              after: { sourceSystem: input.sourceSystem, created: r.created, updated: r.updated, unchanged: r.unchanged, waiting: r.waiting, rejected: r.rejected },
            }, tx);
            return r;
          });
          latencies.push(performance.now() - t0);
          for (const item of result.items) statuses[item.status] = (statuses[item.status] ?? 0) + 1;
        }
      } finally {
        statements = timer.stop();
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const items = batches.reduce((n, b) => n + batchItems(b), 0);
    return {
      items, batches: batches.length, seconds, perSecond: Math.round(items / seconds), latencyMs: latency(latencies), statuses,
      sqlMs: Math.round(timer.totalMs()), statements, breakdown,
    };
  } finally {
    await ds.destroy();
  }
}
