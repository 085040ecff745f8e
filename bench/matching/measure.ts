/**
 * One measurement: load a labelled data set into a running hub through the
 * GraphQL `ingest` mutation, then read the outcome from its database, ask the
 * blocking step for candidates, and score. Used by the bench and the floor test.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { LabeledDataset, truthOf } from './datasets';
import { candidatePairs, evaluate, readOutcome } from './evaluate';
import { createDivisions, GraphQLCall, ingestDataset } from './hub';
import { DatasetResult } from './report';

export interface MeasureOptions {
  batchSize?: number;
  log?: (line: string) => void;
  /** Ask the blocking step for candidates and measure blocking recall (default true; costs about as much as the ingest). */
  blocking?: boolean;
}

async function blockingCandidates(db: DataSource, dataset: LabeledDataset, ids: string[], log?: (line: string) => void) {
  const started = performance.now();
  try {
    const pairs = await candidatePairs(db, dataset.kind, ids);
    log?.(`  blocking: ${pairs.length} candidate pairs for ${ids.length} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return pairs;
  } catch (error) {
    return { error: `blocking failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function measure(call: GraphQLCall, databaseUrl: string, dataset: LabeledDataset, options: MeasureOptions = {}): Promise<DatasetResult> {
  const started = performance.now();
  await createDivisions(call, dataset.divisions);
  const ingest = await ingestDataset(call, dataset, options);
  const db = new DataSource(dataSourceOptions(databaseUrl, 4));
  await db.initialize();
  try {
    const outcome = await readOutcome(db, dataset.kind);
    const truth = truthOf(dataset);
    const ids = outcome.records.filter((r) => truth.has(r.key)).map((r) => r.id);
    const candidates = options.blocking === false ? { error: 'not measured' } : await blockingCandidates(db, dataset, ids, options.log);
    const evaluation = evaluate(dataset, outcome, { candidates });
    return { evaluation, ingest, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.destroy();
  }
}
