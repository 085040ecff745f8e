import { Comparison, PairScore } from './rules';

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
  /** The record already had a cluster of its own and stays in it (matched again, nothing to link it to). */
  stayed: boolean;
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
  /**
   * Ask about a pair of clusters once per batch (accounts): answering one review merges or parts
   * the two clusters, so a second record asking the same adds only work. Off by default.
   */
  oneReviewPerClusterPair?: boolean;
  /**
   * Whether a record's best link (`top`, at or above auto-link) is no surer than its link to another cluster
   * (`other`): then it joins neither, and both are put to a person (people: a short first name that fits two of
   * them, contact-linker.ts). Off by default.
   */
  ambiguous?(top: PairScore, other: PairScore): boolean;
  /**
   * An upper bound of `score(recordId, a, b).score`, or null when the pair may be vetoed (accounts: scoreBound in
   * account-scoring.ts). Given it, a pair whose bound is below both the review threshold (and strongMerge) and the best
   * score the record has with a cluster is not scored: its score could not make the record's best link, a review or a
   * merge, so the decision is the one scoring every pair gives (bestPerClusterBounded). Not used with `ambiguous`.
   */
  bound?(recordId: string, a: F, b: F): number | null;
  /** At most this many reviews per record (default 3). */
  maxReviews?: number;
  /**
   * A record that scores at least this high with two clusters joins them into
   * one (the second is folded into the first): only very strong edges merge
   * clusters, so weak ones still never chain customers together.
   */
  strongMerge?: number;
  /**
   * Two clusters a person said are different customers: no strong edge joins
   * them, and a record alone in one never moves into the other.
   */
  keptApart?(a: string, b: string): boolean;
  /**
   * Why matching alone may not join these two clusters, or null when it may (accounts: registry ids that differ, none
   * shared, as a person's merge is refused for; account-linker.ts). Asked only when a decision would join them: a
   * record's strong edges to both (a strong merge, also of a cluster this batch started), or a record alone in one that
   * links to the other (its cluster goes with it). They stay two, the record stays where it is (or joins its best
   * cluster), and its edge to the other is put to a person with this comparison added to the evidence.
   */
  joinRefused?(a: ClusterHolding, b: ClusterHolding): Comparison | null;
}

/** What a cluster holds at a moment of a batch's decisions (joinRefused). */
export interface ClusterHolding {
  /** The cluster, as decisions name it. */
  id: string;
  /** Whether this batch started it (none of it is stored yet but its records). */
  isNew: boolean;
  /** The clusters stored before the batch that it holds: itself unless new, and those folded into it in this batch. */
  stored: readonly string[];
  /** The batch's records decided into it so far (a record alone in it that is being decided, too). */
  records: readonly string[];
}

interface ClusterBest {
  clusterId: string;
  candidateId: string;
  score: PairScore;
  blocked: boolean;
}

/** Two existing clusters found to be one by a record's strong edges to both. */
export interface ClusterMerge {
  from: string;
  into: string;
  recordId: string;
  /** The record of `from` the record matched so strongly. */
  candidateId: string;
  score: PairScore;
}

type Resolved<F> = { id: string; features: F; ownClusterId?: string | null };

function bestPerCluster<F>(
  input: ClusterInput<F>, record: Resolved<F>, assigned: Map<string, string>, resolve: (id: string) => string,
  apart: (a: string, b: string) => boolean,
): { ranked: ClusterBest[]; parent: string | null } {
  if (input.bound && !input.ambiguous) return bestPerClusterBounded(input, input.bound, record, assigned, resolve, apart);
  const best = new Map<string, ClusterBest>();
  let parent: string | null = null;
  for (const candidate of input.candidatesOf(record.id)) {
    const found = assigned.get(candidate.id) ?? candidate.clusterId;
    const clusterId = found ? resolve(found) : null;
    if (!clusterId || clusterId === record.ownClusterId) continue;
    const score = input.score(record.id, record.features, candidate.features);
    const blocked = score.veto !== null || input.rejected(record.id, candidate.id) || (!!record.ownClusterId && apart(record.ownClusterId, clusterId));
    if (score.veto && input.parentOf?.(score)) parent = clusterId;
    const current = best.get(clusterId);
    // A veto or a rejection by anyone in the cluster blocks the whole cluster.
    if (!current) best.set(clusterId, { clusterId, candidateId: candidate.id, score, blocked });
    else if (blocked) current.blocked = true;
    else if (score.score > current.score.score) Object.assign(current, { candidateId: candidate.id, score });
  }
  return { ranked: [...best.values()].filter((b) => !b.blocked).sort((a, b) => b.score.score - a.score.score), parent };
}

/** Scores are rounded to hundredths (rules.ts, total): a bound this far below a threshold stays below it. */
const ROUNDING = 0.01;

/**
 * bestPerCluster scoring only the pairs that can change the decision (`bound`). A cluster is blocked as before (every
 * pair that may be vetoed is scored). Of the others, pairs are scored from the highest bound down until the bound is
 * below both the best score found and the lowest threshold a score is compared with (review, strongMerge): every pair
 * not scored scores below both. Then the clusters are gone through in the candidates' order, as bestPerCluster does, so
 * each cluster takes its place at its first candidate (ties between clusters are broken by that order) and its best
 * pair is the first of its highest score. A cluster whose best pair was not scored, or was scored while a higher one of
 * it was not, scores below the best and every threshold in both: it is no record's best link, review or merge, and
 * clusters all of whose pairs went unscored are left out of the ranking.
 */
function bestPerClusterBounded<F>(
  input: ClusterInput<F>, bound: (recordId: string, a: F, b: F) => number | null, record: Resolved<F>, assigned: Map<string, string>,
  resolve: (id: string) => string, apart: (a: string, b: string) => boolean,
): { ranked: ClusterBest[]; parent: string | null } {
  const candidates = input.candidatesOf(record.id);
  const n = candidates.length;
  const clusters: (string | null)[] = new Array<string | null>(n).fill(null);
  const scores: (PairScore | null)[] = new Array<PairScore | null>(n).fill(null);
  const bounds = new Float64Array(n);
  const blockedClusters = new Set<string>();
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i];
    const found = assigned.get(candidate.id) ?? candidate.clusterId;
    const clusterId = found ? resolve(found) : null;
    if (!clusterId || clusterId === record.ownClusterId) continue;
    clusters[i] = clusterId;
    let blocked = input.rejected(record.id, candidate.id) || (!!record.ownClusterId && apart(record.ownClusterId, clusterId));
    const upper = bound(record.id, record.features, candidate.features);
    if (upper === null) {
      const score = input.score(record.id, record.features, candidate.features);
      scores[i] = score;
      if (score.veto !== null) blocked = true;
      bounds[i] = Infinity;
    } else bounds[i] = upper;
    if (blocked) blockedClusters.add(clusterId);
  }
  let top = -Infinity;
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    const clusterId = clusters[i];
    if (clusterId === null || blockedClusters.has(clusterId)) continue;
    const score = scores[i];
    if (score === null) open.push(i);
    else if (score.score > top) top = score.score;
  }
  const lowest = Math.min(input.review, input.strongMerge ?? Infinity);
  open.sort((x, y) => bounds[y] - bounds[x]);
  for (const i of open) {
    if (bounds[i] + ROUNDING < Math.min(top, lowest)) break;
    const score = input.score(record.id, record.features, candidates[i].features);
    scores[i] = score;
    if (score.score > top) top = score.score;
  }
  const best = new Map<string, { clusterId: string; candidateId: string; score: PairScore | null }>();
  let parent: string | null = null;
  for (let i = 0; i < n; i++) {
    const clusterId = clusters[i];
    if (clusterId === null) continue;
    const score = scores[i];
    if (score !== null && score.veto && input.parentOf?.(score)) parent = clusterId;
    if (blockedClusters.has(clusterId)) continue;
    const current = best.get(clusterId);
    if (!current) best.set(clusterId, { clusterId, candidateId: candidates[i].id, score });
    else if (score !== null && (current.score === null || score.score > current.score.score)) Object.assign(current, { candidateId: candidates[i].id, score });
  }
  const ranked: ClusterBest[] = [];
  for (const b of best.values()) if (b.score !== null) ranked.push({ clusterId: b.clusterId, candidateId: b.candidateId, score: b.score, blocked: false });
  return { ranked: ranked.sort((a, b) => b.score.score - a.score.score), parent };
}

/** Whether the pair of clusters is asked about for the first time (and marks it asked). */
function firstAsked(reviewed: Set<string>, a: string, b: string): boolean {
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  if (reviewed.has(key)) return false;
  reviewed.add(key);
  return true;
}

/** A pair's score with the reason a join was refused added to its evidence (the score itself unchanged). */
function withReason(score: PairScore, why: Comparison | undefined): PairScore {
  return why ? { ...score, evidence: [...score.evidence, why] } : score;
}

export function decideClusters<F>(input: ClusterInput<F>): { decisions: Decision[]; merges: ClusterMerge[] } {
  const assigned = new Map<string, string>();
  const alias = new Map<string, string>();
  const fresh = new Set<string>();
  const merges: ClusterMerge[] = [];
  const resolve = (id: string): string => {
    let current = id;
    while (alias.has(current)) current = alias.get(current)!;
    return current;
  };
  // The clusters folded into each cluster in this batch (by a strong merge, or a record alone in its cluster moving
  // into it: its cluster goes with it): two are kept apart when any of theirs are.
  const members = new Map<string, string[]>();
  const membersOf = (id: string) => members.get(id) ?? [id];
  const apart = (a: string, b: string) => !!input.keptApart && membersOf(a).some((x) => membersOf(b).some((y) => input.keptApart!(x, y)));
  const decisions: Decision[] = [];
  // Cluster pairs already put to a person in this batch (oneReviewPerClusterPair).
  const reviewed = new Set<string>();
  const holding = (id: string, also: string[] = []): ClusterHolding => ({
    id,
    isNew: fresh.has(id),
    stored: membersOf(id).filter((c) => !fresh.has(c)),
    records: [...[...assigned].filter(([, c]) => resolve(c) === id).map(([r]) => r), ...also],
  });
  for (const record of input.records) {
    const { ranked, parent } = bestPerCluster(input, record, assigned, resolve, apart);
    const top = ranked[0];
    const rivals = top !== undefined && top.score.score >= input.autoLink && input.ambiguous
      ? ranked.slice(1).filter((r) => input.ambiguous!(top.score, r.score)) : [];
    const own = record.ownClusterId ?? null;
    // Why joins this record would make are refused, by the other cluster: its edge to it becomes a review saying so.
    const refused = new Map<string, Comparison>();
    const linkable = top !== undefined && top.score.score >= input.autoLink && rivals.length === 0;
    // A record alone in its cluster that moves takes its cluster along (a merge): refused, it stays and is reviewed.
    const moveRefused = linkable && own !== null && own !== top.clusterId && input.joinRefused
      ? input.joinRefused(holding(own, [record.id]), holding(top.clusterId)) : null;
    if (moveRefused) refused.set(top!.clusterId, moveRefused);
    const linked = linkable && moveRefused === null;
    const clusterId = linked ? top.clusterId : own ?? input.newClusterId();
    if (!linked && !own) fresh.add(clusterId);
    assigned.set(record.id, clusterId);
    // A record alone in its cluster that moves takes its cluster along (a person's merge): what was kept apart from it now is from this one.
    if (linked && own !== null && own !== clusterId) members.set(clusterId, [...membersOf(clusterId), ...membersOf(own)]);
    if (linked && input.strongMerge !== undefined) {
      const joinable = (r: ClusterBest) => r.score.score >= input.strongMerge! && r.clusterId !== clusterId && !apart(r.clusterId, clusterId);
      for (const other of ranked.slice(1).filter(joinable)) {
        // Asked one at a time: what the previous ones folded in counts.
        const why = input.joinRefused?.(holding(clusterId), holding(other.clusterId)) ?? null;
        if (why) {
          refused.set(other.clusterId, why);
          continue;
        }
        alias.set(other.clusterId, clusterId);
        members.set(clusterId, [...membersOf(clusterId), ...membersOf(other.clusterId)]);
        if (!fresh.has(other.clusterId)) merges.push({ from: other.clusterId, into: clusterId, recordId: record.id, candidateId: other.candidateId, score: other.score });
      }
    }
    const reviews = ranked
      .filter((r) => r.clusterId !== clusterId && (r.score.score >= input.review || rivals.includes(r)) && !alias.has(r.clusterId))
      .slice(0, input.maxReviews ?? 3)
      .filter((r) => !input.oneReviewPerClusterPair || firstAsked(reviewed, clusterId, r.clusterId))
      .map((r) => ({ candidateId: r.candidateId, score: withReason(r.score, refused.get(r.clusterId)) }));
    decisions.push({
      recordId: record.id,
      clusterId,
      isNewCluster: !linked && !own,
      moved: linked && own !== null && own !== top.clusterId,
      stayed: !linked && own !== null,
      status: !linked && reviews.length > 0 ? 'REVIEW' : 'AUTO',
      best: top ? { candidateId: top.candidateId, score: withReason(top.score, refused.get(top.clusterId)) } : null,
      reviews,
      parentClusterId: linked ? null : parent,
    });
  }
  // Fresh clusters folded into another within this batch are never created.
  for (const d of decisions) {
    const final = resolve(d.clusterId);
    if (final !== d.clusterId) Object.assign(d, { clusterId: final, isNewCluster: false });
  }
  return { decisions, merges: merges.map((m) => ({ ...m, into: resolve(m.into) })).filter((m) => m.from !== m.into) };
}
