import { PairScore } from './rules';

/**
 * The decision for each new record, taken in arrival order: join the cluster
 * (account or stakeholder) of its best-scoring candidate when that score is at
 * or above the auto-link threshold; otherwise start a cluster of its own, and
 * if the best score is in the grey band, open a review of the pair. Clusters
 * grow only over auto-link edges, one edge per record: a record that would
 * join two clusters joins the best and the other becomes a review, so weak
 * edges never chain two customers together.
 */
export interface Candidate<F> {
  id: string;
  clusterId: string | null;
  features: F;
}

export interface Decision {
  recordId: string;
  clusterId: string;
  isNewCluster: boolean;
  /** The record already had a cluster of its own and now joins another one. */
  moved: boolean;
  status: 'AUTO' | 'REVIEW';
  /** The pair that decided (best candidate), when there was one. */
  best: { candidateId: string; score: PairScore } | null;
  reviews: { candidateId: string; score: PairScore }[];
  /** For accounts: a cluster to hang the new one under (same group, different legal entity). */
  parentClusterId: string | null;
}

export interface ClusterInput<F> {
  /** New records, or changed records that sit alone in their cluster (`ownClusterId`) and may now find their match. */
  records: { id: string; features: F; ownClusterId?: string | null }[];
  candidatesOf(recordId: string): Candidate<F>[];
  /** Scores the record (by id, for value counts seen from it) against a candidate. */
  score(recordId: string, a: F, b: F): PairScore;
  /** Pairs a person said are different: never linked again. */
  rejected(a: string, b: string): boolean;
  autoLink: number;
  review: number;
  newClusterId(): string;
  /** Whether a vetoed pair still makes the new cluster a child of the candidate's (accounts: shared domain). */
  parentOf?(score: PairScore): boolean;
  /** At most this many reviews per record (default 3). */
  maxReviews?: number;
}

interface ClusterBest {
  clusterId: string;
  candidateId: string;
  score: PairScore;
  blocked: boolean;
}

function bestPerCluster<F>(input: ClusterInput<F>, record: { id: string; features: F; ownClusterId?: string | null }, assigned: Map<string, string>) {
  const best = new Map<string, ClusterBest>();
  let parent: string | null = null;
  for (const candidate of input.candidatesOf(record.id)) {
    const clusterId = assigned.get(candidate.id) ?? candidate.clusterId;
    if (!clusterId || clusterId === record.ownClusterId) continue;
    const score = input.score(record.id, record.features, candidate.features);
    const blocked = score.veto !== null || input.rejected(record.id, candidate.id);
    if (score.veto && input.parentOf?.(score)) parent = clusterId;
    const current = best.get(clusterId);
    // A veto or a rejection by anyone in the cluster blocks the whole cluster.
    if (!current) best.set(clusterId, { clusterId, candidateId: candidate.id, score, blocked });
    else if (blocked) current.blocked = true;
    else if (score.score > current.score.score) Object.assign(current, { candidateId: candidate.id, score });
  }
  return { ranked: [...best.values()].filter((b) => !b.blocked).sort((a, b) => b.score.score - a.score.score), parent };
}

export function decideClusters<F>(input: ClusterInput<F>): Decision[] {
  const assigned = new Map<string, string>();
  const decisions: Decision[] = [];
  for (const record of input.records) {
    const { ranked, parent } = bestPerCluster(input, record, assigned);
    const top = ranked[0];
    const linked = top && top.score.score >= input.autoLink;
    const own = record.ownClusterId ?? null;
    const clusterId = linked ? top.clusterId : own ?? input.newClusterId();
    assigned.set(record.id, clusterId);
    const reviews = ranked
      .filter((r) => r.clusterId !== clusterId && r.score.score >= input.review)
      .slice(0, input.maxReviews ?? 3)
      .map((r) => ({ candidateId: r.candidateId, score: r.score }));
    decisions.push({
      recordId: record.id,
      clusterId,
      isNewCluster: !linked && !own,
      moved: linked && own !== null && own !== top.clusterId,
      status: !linked && reviews.length > 0 ? 'REVIEW' : 'AUTO',
      best: top ? { candidateId: top.candidateId, score: top.score } : null,
      reviews,
      parentClusterId: linked ? null : parent,
    });
  }
  return decisions;
}
