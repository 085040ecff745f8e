/** Text and Markdown rendering of the bench results (pure). */
import { DatasetEvaluation, TARGETS, verdicts } from './evaluate';
import { IngestReport } from './hub';

export interface DatasetResult {
  evaluation: DatasetEvaluation;
  ingest: IngestReport;
  /** Seconds for the whole data set: server start, divisions, ingest, reading, blocking. */
  seconds: number;
}

export const NOTES = [
  'Records are keyed by (division, externalId); predicted clusters are source records grouped by account_id (contacts: stakeholder_id), merge tombstones followed to the survivor; records without one, or not stored, are singletons.',
  'auto = the pairs within one predicted cluster. auto+review = those pairs plus, for every OPEN match_review (record_id, candidate_record_id), every record of record_id\'s cluster × every record of candidate_record_id\'s cluster (what answering "same" to every open review would merge); the same two clusters count once.',
  'Pair counts are computed from the contingency table (Σ C(n,2)), never by enumerating pairs. Precision is 1 when nothing was predicted, recall is 1 when there is nothing to find.',
  'B³ (B-cubed): per record, |cluster ∩ entity| / |cluster| (P) and / |entity| (R), averaged over records; on the auto clustering, and on the clustering left after answering "same" to every open review (clusters joined transitively).',
  'Blocking recall = share of true pairs {a, b} for which (a, b) or (b, a) was a candidate of accountCandidatePairs/contactCandidatePairs (server/src/matching/blocking.ts) called over all records after loading. "transitive" = true pairs joined by a chain of true candidate pairs.',
  'reviews = OPEN match reviews between the data set\'s records; "same entity" = how many of them are true matches.',
];

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(3));
const int = (x: number) => x.toLocaleString('en-US');

function blockingRecallOf(e: DatasetEvaluation): number | undefined {
  return 'error' in e.blocking ? undefined : e.blocking.recall;
}

export function markdownTable(results: DatasetResult[]): string {
  const header = ['data set', 'records', 'true pairs', 'blocking recall', 'auto P', 'auto R', 'auto F1', 'auto+review P', 'R', 'F1', 'B³ F1', 'B³ F1 +reviews', 'reviews'];
  const rows = results.map(({ evaluation: e }) => [
    e.subset ? `${e.id} (${e.subset})` : e.id,
    int(e.records),
    int(e.truePairs),
    pct(blockingRecallOf(e)),
    pct(e.auto.precision),
    pct(e.auto.recall),
    pct(e.auto.f1),
    pct(e.autoPlusReview.precision),
    pct(e.autoPlusReview.recall),
    pct(e.autoPlusReview.f1),
    pct(e.bcubed.f1),
    pct(e.bcubedWithReviews.f1),
    int(e.reviews.open),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export function datasetText(result: DatasetResult): string {
  const { evaluation: e, ingest } = result;
  const out: string[] = [];
  out.push(`## ${e.id}: ${e.title}${e.subset ? ` — subset ${e.subset}` : ''}`);
  out.push(`records ${int(e.records)} (stored ${int(e.stored)}), entities ${int(e.entities)} (largest ${e.largestEntity}), true pairs ${int(e.truePairs)}`);
  out.push(`ingest: ${ingest.batches} batches, ${int(ingest.sent)} items in ${ingest.seconds.toFixed(1)} s (${(ingest.sent / Math.max(ingest.seconds, 1e-9)).toFixed(0)} items/s); data set total ${result.seconds.toFixed(1)} s`);
  out.push(`item results: ${Object.entries(ingest.statuses).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  if (ingest.rejected.length) {
    out.push(`REJECTED: ${ingest.rejected.length} items (a defect to fix). First ones:`);
    for (const r of ingest.rejected.slice(0, 8)) out.push(`  - ${r.division}/${r.externalId ?? '?'} ${r.kind} at ${r.path ?? '?'}: ${r.reason ?? '(no reason)'}`);
  }
  if (Object.keys(ingest.errors).length) {
    out.push(`BATCH ERRORS (${int(ingest.failedItems)} items not confirmed):`);
    for (const [message, count] of Object.entries(ingest.errors)) out.push(`  - ${count}× ${message.slice(0, 400)}`);
  }
  if (ingest.statuses.WAITING) out.push(`WARNING: ${ingest.statuses.WAITING} items are WAITING for their account (not stored as records)`);
  if (ingest.shortResults) out.push(`WARNING: ${ingest.shortResults} batches returned fewer item results than items sent`);
  out.push(`link status: ${Object.entries(e.linkStatus).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}; unlinked ${e.unlinked}; predicted clusters ${int(e.predictedClusters)} (largest ${e.largestCluster})`);
  if (e.onTombstones) out.push(`WARNING: ${e.onTombstones} records still point at a merged (tombstone) account/stakeholder`);
  if (e.reviews.withinCluster) out.push(`WARNING: ${e.reviews.withinCluster} open reviews name two records already in one cluster (nothing left to decide)`);
  const byName = new Map(verdicts(e).map((v) => [v.name, v]));
  const mark = (name: string) => {
    const v = byName.get(name)!;
    return `${v.pass ? 'PASS' : 'FAIL'} (target ≥ ${v.target})`;
  };
  if ('error' in e.blocking) out.push(`blocking recall: n/a — ${e.blocking.error}  ${mark('blocking recall')}`);
  else {
    const b = e.blocking;
    out.push(`blocking recall: ${pct(b.recall)} (${int(b.coveredTruePairs)}/${int(b.truePairs)})  ${mark('blocking recall')}; transitive ${pct(b.transitiveRecall)}; ${int(b.candidatePairs)} candidate pairs, reduction ratio ${b.reductionRatio.toFixed(4)}`);
  }
  const prf = (m: { precision: number; recall: number; f1: number }) => `P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}`;
  out.push(`auto:         ${prf(e.auto)}  (${int(e.auto.truePositives)} of ${int(e.auto.predictedPairs)} predicted pairs true)  precision ${mark('auto-link precision')}`);
  out.push(`auto+review:  ${prf(e.autoPlusReview)}  (${int(e.autoPlusReview.truePositives)} of ${int(e.autoPlusReview.predictedPairs)})  F1 ${mark('auto+review F1')}`);
  out.push(`B³ (auto):    ${prf(e.bcubed)}`);
  out.push(`B³ (+reviews): ${prf(e.bcubedWithReviews)}  (every open review answered "same", clusters joined transitively)`);
  out.push(`review queue: ${int(e.reviews.open)} open (${int(e.reviews.sameEntity)} same entity, ${int(e.reviews.withinCluster)} already within one cluster)`);
  if (e.falseMerges.length) {
    out.push('false merges (largest mixed clusters; name [true entity] (division/externalId)):');
    for (const cluster of e.falseMerges) out.push(...cluster.map((line, i) => `  ${i === 0 ? '*' : ' '} ${line}`));
  }
  if (e.splits.length) {
    out.push('missed (entities split over clusters; name → cluster id prefix):');
    for (const entity of e.splits) out.push(...entity.map((line, i) => `  ${i === 0 ? '*' : ' '} ${line}`));
  }
  return out.join('\n');
}

export function targetsLine(): string {
  return `targets: blocking recall ≥ ${TARGETS.blockingRecall}, auto-link precision ≥ ${TARGETS.autoPrecision}, auto+review F1 ≥ ${TARGETS.autoPlusReviewF1}`;
}
