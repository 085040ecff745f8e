/**
 * Reads what the hub made of a loaded data set (direct SQL on its database)
 * and scores it against the data set's truth. Shared by the bench and the
 * floor test.
 *
 * Predicted clusters: account records grouped by `account_id` (contact records
 * by `stakeholder_id`), following merge tombstones (`merged_into_id`) to the
 * survivor; a record with no account/stakeholder is a singleton.
 *
 * "auto+review": every pair within one cluster, plus for each OPEN match
 * review (record_id, candidate_record_id) every record of record_id's cluster
 * with every record of candidate_record_id's cluster — what a reviewer
 * answering "same" to every open review would end up with.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { accountCandidatePairs, contactCandidatePairs } from '../../server/src/matching/blocking';
import { LabeledDataset, RecordKind, recordKey, truthOf } from './datasets';
import { bcubed, BlockingMetrics, blockingRecall, ClusterMetrics, mergedByReviews, PairMetrics, pairwise, pairwiseWithReviews } from '../../server/src/matching/quality-metrics';

export type Db = DataSource | EntityManager;

export interface StoredRecord {
  id: string;
  key: string;
  name: string;
  /** The account / stakeholder (survivor of merges), null when none. */
  cluster: string | null;
  linkStatus: string;
  /** link_evidence as stored (the deciding pair's score and comparisons). */
  linkEvidence: unknown;
}

export interface HubOutcome {
  records: StoredRecord[];
  /** OPEN match reviews of this kind. */
  reviews: { recordId: string; candidateId: string }[];
  /** Records whose account_id / stakeholder_id is a merged tombstone (should have been moved to the survivor). */
  onTombstones: number;
}

const TABLES = {
  ACCOUNT: { records: 'source_account_record', cluster: 'account_id', clusters: 'account', review: 'ACCOUNT' },
  CONTACT: { records: 'source_contact_record', cluster: 'stakeholder_id', clusters: 'stakeholder', review: 'STAKEHOLDER' },
} as const;

export async function readOutcome(db: Db, kind: RecordKind): Promise<HubOutcome> {
  const t = TABLES[kind];
  const rows: { id: string; division: string; external_id: string; name: string; cluster: string | null; link_status: string; link_evidence: unknown }[] = await db.query(
    `SELECT r.id, d.key AS division, r.external_id, r.name, r.${t.cluster} AS cluster, r.link_status, r.link_evidence
       FROM ${t.records} r JOIN division d ON d.id = r.division_id`,
  );
  const merged: { id: string; merged_into_id: string }[] = await db.query(`SELECT id, merged_into_id FROM ${t.clusters} WHERE merged_into_id IS NOT NULL`);
  const survivorOf = new Map(merged.map((m) => [m.id, m.merged_into_id]));
  const resolveSurvivor = (id: string) => {
    let current = id;
    for (let hops = 0; survivorOf.has(current) && hops < 1000; hops += 1) current = survivorOf.get(current)!;
    return current;
  };
  let onTombstones = 0;
  const records = rows.map((row) => {
    if (row.cluster && survivorOf.has(row.cluster)) onTombstones += 1;
    return {
      id: row.id,
      key: recordKey(row.division, row.external_id),
      name: row.name,
      cluster: row.cluster ? resolveSurvivor(row.cluster) : null,
      linkStatus: row.link_status,
      linkEvidence: row.link_evidence,
    };
  });
  const reviews: { record_id: string; candidate_record_id: string }[] = await db.query(
    `SELECT record_id, candidate_record_id FROM match_review WHERE kind = $1 AND status = 'OPEN'`,
    [t.review],
  );
  return { records, reviews: reviews.map((r) => ({ recordId: r.record_id, candidateId: r.candidate_record_id })), onTombstones };
}

// ---------------------------------------------------------------------------------------------
// Blocking: the hub's own blocking step (server/src/matching/blocking.ts), called in-process.

/** Candidate pairs of the given records against everything in the database, in chunks. */
export async function candidatePairs(db: Db, kind: RecordKind, recordIds: readonly string[], chunk = 500) {
  const fn = kind === 'ACCOUNT' ? accountCandidatePairs : contactCandidatePairs;
  const pairs: { recordId: string; candidateId: string }[] = [];
  for (let i = 0; i < recordIds.length; i += chunk) pairs.push(...(await fn(db, recordIds.slice(i, i + chunk))));
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Scoring.

export interface DatasetEvaluation {
  id: string;
  title: string;
  kind: RecordKind;
  subset?: string;
  /** Labelled records in the data set (sent). */
  records: number;
  /** Labelled records found in the hub afterwards. */
  stored: number;
  entities: number;
  truePairs: number;
  /** link_status of the stored labelled records. */
  linkStatus: Record<string, number>;
  /** Records without an account / stakeholder. */
  unlinked: number;
  onTombstones: number;
  predictedClusters: number;
  largestCluster: number;
  largestEntity: number;
  blocking: BlockingMetrics | { error: string };
  auto: PairMetrics;
  autoPlusReview: PairMetrics;
  /** B-cubed of the auto clustering. */
  bcubed: ClusterMetrics;
  /** B³ of the clustering left after answering "same" to every open review (clusters joined transitively). */
  bcubedWithReviews: ClusterMetrics;
  reviews: {
    /** OPEN reviews between labelled records. */
    open: number;
    /** Of those, reviews whose two records are the same true entity. */
    sameEntity: number;
    /** Reviews whose two records are already in one cluster (nothing left to decide). */
    withinCluster: number;
  };
  /** Clusters that mix true entities (the first few, names with [true entity]). */
  falseMerges: string[][];
  /** True entities split over clusters (the first few, names per cluster). */
  splits: string[][];
}

export interface EvaluateOptions {
  /** Candidate pairs from blocking (record ids), or why there are none. */
  candidates: { recordId: string; candidateId: string }[] | { error: string };
  examples?: number;
}

export function evaluate(dataset: LabeledDataset, outcome: HubOutcome, options: EvaluateOptions): DatasetEvaluation {
  const truth = truthOf(dataset);
  const byId = new Map<string, StoredRecord>();
  const predicted = new Map<string, string>();
  const linkStatus: Record<string, number> = {};
  let unlinked = 0;
  for (const record of outcome.records) {
    if (!truth.has(record.key)) continue;
    byId.set(record.id, record);
    linkStatus[record.linkStatus] = (linkStatus[record.linkStatus] ?? 0) + 1;
    if (record.cluster) predicted.set(record.key, record.cluster);
    else unlinked += 1;
  }
  const keyOf = (id: string) => byId.get(id)?.key;

  const reviewPairs: [string, string][] = [];
  let sameEntity = 0;
  let withinCluster = 0;
  for (const review of outcome.reviews) {
    const a = keyOf(review.recordId);
    const b = keyOf(review.candidateId);
    if (!a || !b) continue;
    reviewPairs.push([a, b]);
    if (truth.get(a) === truth.get(b)) sameEntity += 1;
    if (predicted.has(a) && predicted.get(a) === predicted.get(b)) withinCluster += 1;
  }

  const blocking = 'error' in options.candidates
    ? { error: options.candidates.error }
    : blockingRecall(truth, options.candidates.flatMap((p) => {
        const a = keyOf(p.recordId);
        const b = keyOf(p.candidateId);
        return a && b ? [[a, b] as [string, string]] : [];
      }));

  // Members in sending order (the truth's order), so "first of its entity in the cluster" means the record that linked it.
  const clusterMembers = new Map<string, string[]>();
  for (const key of truth.keys()) {
    const cluster = predicted.get(key);
    if (!cluster) continue;
    const list = clusterMembers.get(cluster);
    if (list) list.push(key);
    else clusterMembers.set(cluster, [key]);
  }
  const entityMembers = new Map<string, string[]>();
  for (const [key, entity] of truth) {
    const list = entityMembers.get(entity);
    if (list) list.push(key);
    else entityMembers.set(entity, [key]);
  }
  const nameOf = new Map([...byId.values()].map((r) => [r.key, r.name.replace(/\s+/g, ' ').trim()]));
  const examples = options.examples ?? 5;
  const recordOf = new Map([...byId.values()].map((r) => [r.key, r]));
  const falseMerges: string[][] = [];
  for (const members of [...clusterMembers.values()].sort((x, y) => y.length - x.length)) {
    if (falseMerges.length >= examples) break;
    if (new Set(members.map((k) => truth.get(k))).size < 2) continue;
    // A record whose entity is new to the cluster shows the evidence that linked it.
    const seen = new Set<string>();
    falseMerges.push(members.slice(0, 10).map((k) => {
      const entity = truth.get(k)!;
      const intruder = seen.size > 0 && !seen.has(entity);
      seen.add(entity);
      return `${nameOf.get(k)} [${entity}] (${k})${intruder ? ` ← linked by ${describeEvidence(recordOf.get(k)?.linkEvidence)}` : ''}`;
    }));
  }
  const splits: string[][] = [];
  for (const members of entityMembers.values()) {
    if (splits.length >= examples) break;
    const clusters = new Set(members.map((k) => predicted.get(k) ?? `none:${k}`));
    if (clusters.size < 2 || members.length > 12) continue;
    // A record that started a cluster of its own shows its best candidate's evidence (why it did not link).
    const started = new Set<string>();
    splits.push(members.map((k) => {
      const cluster = predicted.get(k);
      const first = cluster !== undefined && !started.has(cluster);
      if (cluster) started.add(cluster);
      const record = recordOf.get(k);
      const why = first && started.size > 1 && record ? ` ← ${record.linkStatus}, best ${describeEvidence(record.linkEvidence)}` : '';
      return `${nameOf.get(k) ?? '(not stored)'} → ${(cluster ?? 'none').slice(0, 8)} (${k})${why}`;
    }));
  }

  return {
    id: dataset.id,
    title: dataset.title,
    kind: dataset.kind,
    subset: dataset.subset,
    records: truth.size,
    stored: byId.size,
    entities: entityMembers.size,
    truePairs: pairwise(truth, predicted).truePairs,
    linkStatus,
    unlinked,
    onTombstones: outcome.onTombstones,
    predictedClusters: clusterMembers.size + unlinked + (truth.size - byId.size),
    largestCluster: Math.max(0, ...[...clusterMembers.values()].map((m) => m.length)),
    largestEntity: Math.max(0, ...[...entityMembers.values()].map((m) => m.length)),
    blocking,
    auto: pairwise(truth, predicted),
    autoPlusReview: pairwiseWithReviews(truth, predicted, reviewPairs),
    bcubed: bcubed(truth, predicted),
    bcubedWithReviews: bcubed(truth, mergedByReviews(predicted, reviewPairs)),
    reviews: { open: reviewPairs.length, sameEntity, withinCluster },
    falseMerges,
    splits,
  };
}

/** "score 7.5: name=CLOSE(+8) phone=SAME(+7) …" from a stored link_evidence, whatever its exact shape. */
export function describeEvidence(evidence: unknown): string {
  if (!evidence || typeof evidence !== 'object') return 'no evidence';
  const e = evidence as { score?: unknown; evidence?: unknown };
  if (!Array.isArray(e.evidence)) return JSON.stringify(evidence).slice(0, 200);
  const parts = (e.evidence as { field?: string; level?: string; weight?: number }[])
    .filter((c) => c.field !== 'prior')
    .map((c) => `${c.field}=${c.level}(${typeof c.weight === 'number' ? (c.weight >= 0 ? '+' : '') + c.weight.toFixed(1) : '?'})`);
  return `score ${typeof e.score === 'number' ? e.score.toFixed(1) : '?'}: ${parts.join(' ')}`;
}

// ---------------------------------------------------------------------------------------------
// Targets.

export const TARGETS = { blockingRecall: 0.98, autoPrecision: 0.99, autoPlusReviewF1: 0.95 } as const;

export interface Verdict {
  name: string;
  value: number | undefined;
  target: number;
  pass: boolean;
}

export function verdicts(evaluation: DatasetEvaluation): Verdict[] {
  const blocking = 'error' in evaluation.blocking ? undefined : evaluation.blocking.recall;
  const check = (name: string, value: number | undefined, target: number): Verdict => ({ name, value, target, pass: value !== undefined && value >= target });
  return [
    check('blocking recall', blocking, TARGETS.blockingRecall),
    check('auto-link precision', evaluation.auto.precision, TARGETS.autoPrecision),
    check('auto+review F1', evaluation.autoPlusReview.f1, TARGETS.autoPlusReviewF1),
  ];
}
