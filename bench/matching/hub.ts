/**
 * Talking to the hub over its public GraphQL API, as a division system would:
 * createDivision (admin) and the `ingest` mutation, in batches.
 */
import { GraphQLCall, GraphQLResponse } from '../common/graphql';
import { IngestBatchInput, LabeledDataset, toBatches } from './datasets';

export { bearerClient } from '../common/graphql';
export type { GraphQLCall, GraphQLResponse } from '../common/graphql';

const CREATE_DIVISION = `mutation CreateDivision($input: CreateDivisionInput!) { createDivision(input: $input) { division { id key } } }`;

export async function createDivisions(call: GraphQLCall, divisions: readonly { key: string; name: string }[]): Promise<void> {
  for (const division of divisions) {
    const result = await call(CREATE_DIVISION, { input: division });
    if (result.errors?.length) throw new Error(`createDivision ${division.key}: ${result.errors.map((e) => e.message).join('; ')}`);
  }
}

const INGEST = `mutation Ingest($batch: IngestBatchInput!) {
  ingest(batch: $batch) { items { kind externalId status reason path } }
}`;

interface IngestItemResult {
  kind: string;
  externalId: string | null;
  status: string;
  reason: string | null;
  path: string | null;
}

export interface RejectedItem {
  division: string;
  kind: string;
  externalId: string | null;
  path: string | null;
  reason: string | null;
}

export interface IngestReport {
  batches: number;
  /** Items sent (setup items included). */
  sent: number;
  /** Item results by status: CREATED, UPDATED, UNCHANGED, REJECTED. */
  statuses: Record<string, number>;
  rejected: RejectedItem[];
  /** Batch-level failures (GraphQL or HTTP errors): message → number of batches. */
  errors: Record<string, number>;
  /** Items of failed batches (not stored, or at least not confirmed). */
  failedItems: number;
  /** Batches whose result listed fewer items than were sent. */
  shortResults: number;
  seconds: number;
}

export function emptyReport(): IngestReport {
  return { batches: 0, sent: 0, statuses: {}, rejected: [], errors: {}, failedItems: 0, shortResults: 0, seconds: 0 };
}

const itemCount = (batch: IngestBatchInput) => (batch.accounts?.length ?? 0) + (batch.contacts?.length ?? 0);

/** A schema mismatch fails every batch the same way: stop after the first. */
function isSchemaMismatch(errors: GraphQLResponse<unknown>['errors']): boolean {
  return !!errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || (e.extensions?.code === 'BAD_USER_INPUT' && /Variable "\$batch"/.test(e.message)));
}

/** Sends the data set's batches one after the other (matching is order-dependent: no concurrency). */
export async function ingestDataset(
  call: GraphQLCall,
  dataset: LabeledDataset,
  options: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<IngestReport> {
  const report = emptyReport();
  const started = performance.now();
  const batches = toBatches(dataset, options.batchSize ?? 500);
  for (const [index, batch] of batches.entries()) {
    const sent = itemCount(batch);
    report.batches += 1;
    report.sent += sent;
    const t0 = performance.now();
    let result: GraphQLResponse<{ ingest: { items: IngestItemResult[] } }>;
    try {
      result = await call<{ ingest: { items: IngestItemResult[] } }>(INGEST, { batch });
    } catch (error) {
      result = { errors: [{ message: `request failed: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const items = result.data?.ingest?.items;
    if (result.errors?.length || !items) {
      const message = result.errors?.map((e) => e.message).join('; ') || 'no data';
      report.errors[message] = (report.errors[message] ?? 0) + 1;
      report.failedItems += sent;
      options.log?.(`  batch ${index + 1}/${batches.length} (${batch.division}, ${sent} items) FAILED: ${message.slice(0, 300)}`);
      if (isSchemaMismatch(result.errors)) {
        for (const rest of batches.slice(index + 1)) {
          report.batches += 1;
          report.sent += itemCount(rest);
          report.failedItems += itemCount(rest);
        }
        options.log?.('  the ingest input does not match the schema: the remaining batches were not sent');
        break;
      }
      continue;
    }
    if (items.length < sent) report.shortResults += 1;
    for (const item of items) {
      report.statuses[item.status] = (report.statuses[item.status] ?? 0) + 1;
      if (item.status === 'REJECTED') {
        report.rejected.push({ division: batch.division, kind: item.kind, externalId: item.externalId, path: item.path, reason: item.reason });
      }
    }
    const rejected = items.filter((i) => i.status === 'REJECTED').length;
    options.log?.(`  batch ${index + 1}/${batches.length} (${batch.division}, ${sent} items) ${((performance.now() - t0) / 1000).toFixed(1)} s${rejected ? `, ${rejected} REJECTED` : ''}`);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
