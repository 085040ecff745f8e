/**
 * Identity-resolution quality metrics, pure (no IO).
 *
 * Inputs are cluster assignments keyed by record: `truth` maps every labelled
 * record to its true entity, `predicted` maps records to the cluster (account
 * or stakeholder) the hub put them in. Only the records of `truth` are
 * evaluated; a truth record missing from `predicted` (never stored) counts as a
 * singleton, so it costs recall and nothing else.
 *
 * Pair counts come from the contingency table (n_ij = records of entity i in
 * cluster j): true positives = Σ C(n_ij, 2), predicted pairs = Σ_j C(b_j, 2),
 * true pairs = Σ_i C(a_i, 2). Nothing enumerates O(n²) pairs, so a 676-record
 * cluster costs one cell, not 228,150 pairs.
 *
 * Conventions for empty denominators: precision is 1 when nothing was
 * predicted (no false link was made), recall is 1 when there was nothing to
 * find; F1 is 0 when precision + recall is 0.
 */

export type Assignment = ReadonlyMap<string, string>;

export interface PairMetrics {
  /** Pairs of records that belong to the same true entity. */
  truePairs: number;
  /** Pairs the hub put together. */
  predictedPairs: number;
  /** Predicted pairs that are true pairs. */
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusterMetrics {
  precision: number;
  recall: number;
  f1: number;
}

export interface BlockingMetrics {
  truePairs: number;
  /** Distinct unordered candidate pairs among the evaluated records (self-pairs dropped). */
  candidatePairs: number;
  /** True pairs {a, b} for which (a, b) or (b, a) was a candidate. */
  coveredTruePairs: number;
  recall: number;
  /**
   * True pairs joined by a chain of true candidate pairs (a–c, c–b): what a
   * linker that links transitively over correct candidates could reach.
   * Informative for giant clusters, where blocking never lists every pair.
   */
  transitivelyCoveredTruePairs: number;
  transitiveRecall: number;
  /** 1 − candidate pairs / all n(n−1)/2 pairs. */
  reductionRatio: number;
}

export const choose2 = (n: number): number => (n * (n - 1)) / 2;

export function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

function pairMetrics(truePairs: number, predictedPairs: number, truePositives: number): PairMetrics {
  const precision = ratio(truePositives, predictedPairs);
  const recall = ratio(truePositives, truePairs);
  return { truePairs, predictedPairs, truePositives, precision, recall, f1: f1Of(precision, recall) };
}

/** The cluster label of a record, a unique singleton label when the hub has none. */
function clusterOf(predicted: Assignment, record: string): string {
  return predicted.get(record) ?? `\u0000singleton:${record}`;
}

/** Contingency table of the truth records: per predicted cluster, the count of each true entity in it. */
export interface Contingency {
  /** cluster → (entity → n_ij) */
  cells: Map<string, Map<string, number>>;
  entitySizes: Map<string, number>;
  clusterSizes: Map<string, number>;
  records: number;
}

export function contingency(truth: Assignment, predicted: Assignment): Contingency {
  const cells = new Map<string, Map<string, number>>();
  const entitySizes = new Map<string, number>();
  const clusterSizes = new Map<string, number>();
  for (const [record, entity] of truth) {
    const cluster = clusterOf(predicted, record);
    let row = cells.get(cluster);
    if (!row) cells.set(cluster, (row = new Map()));
    row.set(entity, (row.get(entity) ?? 0) + 1);
    entitySizes.set(entity, (entitySizes.get(entity) ?? 0) + 1);
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
  }
  return { cells, entitySizes, clusterSizes, records: truth.size };
}

function sumChoose2(sizes: Iterable<number>): number {
  let total = 0;
  for (const n of sizes) total += choose2(n);
  return total;
}

export function countTruePairs(truth: Assignment): number {
  const sizes = new Map<string, number>();
  for (const entity of truth.values()) sizes.set(entity, (sizes.get(entity) ?? 0) + 1);
  return sumChoose2(sizes.values());
}

/** Pairwise precision, recall and F1 of a clustering. */
export function pairwise(truth: Assignment, predicted: Assignment): PairMetrics {
  const table = contingency(truth, predicted);
  let truePositives = 0;
  for (const row of table.cells.values()) truePositives += sumChoose2(row.values());
  return pairMetrics(sumChoose2(table.entitySizes.values()), sumChoose2(table.clusterSizes.values()), truePositives);
}

/**
 * Pairwise metrics of a clustering plus review pairs. Each review (a, b)
 * predicts every record of a's cluster with every record of b's cluster:
 * what a reviewer answering "same" would merge. Reviews within one cluster
 * add nothing; the same two clusters named by several reviews count once.
 * Review pairs naming a record outside `truth` are ignored.
 */
export function pairwiseWithReviews(truth: Assignment, predicted: Assignment, reviews: Iterable<readonly [string, string]>): PairMetrics {
  const table = contingency(truth, predicted);
  let truePositives = 0;
  for (const row of table.cells.values()) truePositives += sumChoose2(row.values());
  let predictedPairs = sumChoose2(table.clusterSizes.values());
  const seen = new Set<string>();
  for (const [a, b] of reviews) {
    if (!truth.has(a) || !truth.has(b)) continue;
    const ca = clusterOf(predicted, a);
    const cb = clusterOf(predicted, b);
    if (ca === cb) continue;
    const key = ca < cb ? `${ca}\u0001${cb}` : `${cb}\u0001${ca}`;
    if (seen.has(key)) continue;
    seen.add(key);
    predictedPairs += table.clusterSizes.get(ca)! * table.clusterSizes.get(cb)!;
    const rowA = table.cells.get(ca)!;
    const rowB = table.cells.get(cb)!;
    const [small, large] = rowA.size <= rowB.size ? [rowA, rowB] : [rowB, rowA];
    for (const [entity, n] of small) truePositives += n * (large.get(entity) ?? 0);
  }
  return pairMetrics(sumChoose2(table.entitySizes.values()), predictedPairs, truePositives);
}

/**
 * The clustering a reviewer answering "same" to every review would leave:
 * clusters joined by review pairs, transitively (merges chain). Review pairs
 * naming a record outside `predicted` join its singleton.
 */
export function mergedByReviews(predicted: Assignment, reviews: Iterable<readonly [string, string]>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (c: string): string => {
    let root = c;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(c, root);
    return root;
  };
  for (const [a, b] of reviews) {
    const ra = find(predicted.get(a) ?? `none:${a}`);
    const rb = find(predicted.get(b) ?? `none:${b}`);
    if (ra !== rb) parent.set(rb, ra);
  }
  const merged = new Map<string, string>();
  for (const [record, cluster] of predicted) merged.set(record, find(cluster));
  return merged;
}

/**
 * B-cubed precision and recall: per record, the share of its cluster that is
 * its entity (precision) and the share of its entity that is in its cluster
 * (recall), averaged over records. Giant clusters weigh by their records, not
 * by their pairs.
 */
export function bcubed(truth: Assignment, predicted: Assignment): ClusterMetrics {
  const table = contingency(truth, predicted);
  if (table.records === 0) return { precision: 1, recall: 1, f1: 1 };
  let precisionSum = 0;
  let recallSum = 0;
  for (const [cluster, row] of table.cells) {
    const clusterSize = table.clusterSizes.get(cluster)!;
    for (const [entity, n] of row) {
      precisionSum += (n * n) / clusterSize;
      recallSum += (n * n) / table.entitySizes.get(entity)!;
    }
  }
  const precision = precisionSum / table.records;
  const recall = recallSum / table.records;
  return { precision, recall, f1: f1Of(precision, recall) };
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    if (!this.parent.has(x)) this.parent.set(x, x);
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
  members(): Iterable<string> {
    return this.parent.keys();
  }
}

/**
 * Blocking recall: the share of true pairs {a, b} that the blocking step
 * offered as a candidate, in either direction. Candidate pairs naming a record
 * outside `truth` are ignored.
 */
export function blockingRecall(truth: Assignment, candidates: Iterable<readonly [string, string]>): BlockingMetrics {
  const truePairs = countTruePairs(truth);
  const distinct = new Set<string>();
  let covered = 0;
  const components = new UnionFind();
  for (const [a, b] of candidates) {
    if (a === b || !truth.has(a) || !truth.has(b)) continue;
    const key = a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`;
    if (distinct.has(key)) continue;
    distinct.add(key);
    if (truth.get(a) === truth.get(b)) {
      covered += 1;
      components.union(a, b);
    }
  }
  const componentSizes = new Map<string, number>();
  for (const record of components.members()) {
    const root = components.find(record);
    componentSizes.set(root, (componentSizes.get(root) ?? 0) + 1);
  }
  const transitive = sumChoose2(componentSizes.values());
  const allPairs = choose2(truth.size);
  return {
    truePairs,
    candidatePairs: distinct.size,
    coveredTruePairs: covered,
    recall: ratio(covered, truePairs),
    transitivelyCoveredTruePairs: transitive,
    transitiveRecall: ratio(transitive, truePairs),
    reductionRatio: allPairs === 0 ? 1 : 1 - distinct.size / allPairs,
  };
}
