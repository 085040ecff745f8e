/**
 * Scenarios over HTTP: batches through the `ingest` mutation with the admin
 * token, as a division's system would send them. Request bodies are
 * serialised before the clock starts (the client shares the process with the
 * server), so the figures are the server's.
 */
import { randomBytes } from 'node:crypto';
import { bearerClient, GraphQLResponse, postGraphQL } from '../common/graphql';
import { batchItems, BenchBatch, BenchDivision } from './generator';

const CREATE_DIVISION = `mutation CreateDivision($input: CreateDivisionInput!) { createDivision(input: $input) { division { id key } } }`;
const CREATE_COLLEAGUE = `mutation CreateColleague($input: CreateColleagueInput!) { createColleague(input: $input) { colleague { id } } }`;

/** The divisions (admin `createDivision`) and their colleagues (`createColleague`, so touchpoints name known people). */
export async function createDivisions(url: string, token: string, divisions: BenchDivision[]): Promise<void> {
  const call = bearerClient(url, token);
  const check = (what: string, result: GraphQLResponse<unknown>) => {
    if (result.errors?.length) throw new Error(`${what}: ${result.errors.map((e) => e.message).join('; ')}`);
  };
  for (const d of divisions) {
    check(`createDivision ${d.key}`, await call(CREATE_DIVISION, { input: { key: d.key, name: d.name } }));
    for (const c of d.colleagues) {
      const input = { division: d.key, email: c.email, name: c.name, role: 'REP', password: randomBytes(12).toString('base64url') };
      check(`createColleague ${c.email}`, await call(CREATE_COLLEAGUE, { input }));
    }
  }
}

const INGEST = `mutation Ingest($batch: IngestBatchInput!) {
  ingest(batch: $batch) { created updated unchanged waiting rejected items { externalId status reason } }
}`;

interface IngestData {
  ingest: {
    created: number;
    updated: number;
    unchanged: number;
    waiting: number;
    rejected: number;
    items: { externalId: string | null; status: string; reason: string | null }[];
  };
}

export interface Latency {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(at(50)), p95: round(at(95)), max: round(at(100)), mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)) };
}

export interface SendOutcome {
  items: number;
  batches: number;
  seconds: number;
  perSecond: number;
  /** Per-batch round trip in ms. */
  latencyMs: Latency;
  /** Item results by status. */
  statuses: Record<string, number>;
  /** Batch failures: message → batches. */
  errors: Record<string, number>;
  failedItems: number;
  /** The first few rejection reasons. */
  rejectedExamples: string[];
  /** Average request body per item, bytes. */
  bytesPerItem: number;
}

/** Sends the batches, `concurrency` requests at a time (1: one after the other), and times them. */
export async function sendBatches(
  url: string,
  token: string,
  batches: readonly BenchBatch[],
  options: { concurrency?: number; log?: (line: string) => void; label?: string } = {},
): Promise<SendOutcome> {
  const bodies = batches.map((batch) => JSON.stringify({ query: INGEST, variables: { batch } }));
  const items = batches.reduce((n, b) => n + batchItems(b), 0);
  const outcome: SendOutcome = {
    items, batches: batches.length, seconds: 0, perSecond: 0, latencyMs: latency([]), statuses: {}, errors: {}, failedItems: 0, rejectedExamples: [],
    bytesPerItem: Math.round(bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / Math.max(1, items)),
  };
  const latencies: number[] = [];
  let next = 0;
  let done = 0;
  let reported = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      const t0 = performance.now();
      let result: GraphQLResponse<IngestData>;
      try {
        result = await postGraphQL<IngestData>(url, token, bodies[i]);
      } catch (error) {
        result = { errors: [{ message: `request failed: ${error instanceof Error ? error.message : String(error)}` }] };
      }
      latencies.push(performance.now() - t0);
      const data = result.data?.ingest;
      if (result.errors?.length || !data) {
        const message = (result.errors?.map((e) => e.message).join('; ') || 'no data').slice(0, 300);
        outcome.errors[message] = (outcome.errors[message] ?? 0) + 1;
        outcome.failedItems += batchItems(batches[i]);
      } else {
        for (const [status, n] of [['CREATED', data.created], ['UPDATED', data.updated], ['UNCHANGED', data.unchanged], ['WAITING', data.waiting], ['REJECTED', data.rejected]] as const) {
          if (n) outcome.statuses[status] = (outcome.statuses[status] ?? 0) + n;
        }
        if (data.rejected && outcome.rejectedExamples.length < 5) {
          for (const item of data.items) if (item.status === 'REJECTED' && outcome.rejectedExamples.length < 5) outcome.rejectedExamples.push(`${item.externalId}: ${item.reason}`);
        }
      }
      done++;
      if (options.log && done * 4 >= (reported + 1) * batches.length) {
        reported = Math.floor((done * 4) / batches.length);
        const seconds = (performance.now() - started) / 1000;
        options.log(`  ${options.label ?? 'batches'}: ${done}/${batches.length} batches, ${seconds.toFixed(1)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  outcome.seconds = (performance.now() - started) / 1000;
  outcome.perSecond = Math.round(items / outcome.seconds);
  outcome.latencyMs = latency(latencies);
  return outcome;
}
