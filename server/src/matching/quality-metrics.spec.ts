import { bcubed, blockingRecall, choose2, contingency, countTruePairs, f1Of, mergedByReviews, pairwise, pairwiseWithReviews } from './quality-metrics';

const assign = (spec: Record<string, string>) => new Map(Object.entries(spec));

/**
 * Truth: A = {a1, a2, a3}, B = {b1, b2}, C = {c1}  → true pairs 3 + 1 + 0 = 4.
 * Predicted: X = {a1, a2, b1}, Y = {a3}, Z = {b2, c1} → predicted pairs 3 + 0 + 1 = 4.
 * True positives: (a1, a2) only → 1.
 */
const truth = assign({ a1: 'A', a2: 'A', a3: 'A', b1: 'B', b2: 'B', c1: 'C' });
const predicted = assign({ a1: 'X', a2: 'X', b1: 'X', a3: 'Y', b2: 'Z', c1: 'Z' });

describe('pairwise metrics', () => {
  it('counts pairs from the contingency table', () => {
    expect(choose2(676)).toBe(228150);
    expect(countTruePairs(truth)).toBe(4);
    const m = pairwise(truth, predicted);
    expect(m).toMatchObject({ truePairs: 4, predictedPairs: 4, truePositives: 1 });
    expect(m.precision).toBeCloseTo(1 / 4);
    expect(m.recall).toBeCloseTo(1 / 4);
    expect(m.f1).toBeCloseTo(1 / 4);
  });

  it('is perfect for the truth itself, and precise but blind for all singletons', () => {
    expect(pairwise(truth, truth)).toMatchObject({ precision: 1, recall: 1, f1: 1, truePositives: 4 });
    const singletons = pairwise(truth, new Map());
    expect(singletons).toMatchObject({ predictedPairs: 0, precision: 1, recall: 0, f1: 0 });
  });

  it('treats records missing from the prediction as singletons and ignores records outside the truth', () => {
    const partial = assign({ a1: 'X', a2: 'X', a3: 'X', zz: 'X', b1: 'Y' });
    const m = pairwise(truth, partial);
    // X = {a1, a2, a3} among truth records (zz ignored): 3 predicted, 3 true; b2 and c1 are singletons.
    expect(m).toMatchObject({ truePairs: 4, predictedPairs: 3, truePositives: 3, precision: 1 });
    expect(m.recall).toBeCloseTo(3 / 4);
  });

  it('lumping everything together has full recall and the base-rate precision', () => {
    const lump = assign({ a1: 'L', a2: 'L', a3: 'L', b1: 'L', b2: 'L', c1: 'L' });
    const m = pairwise(truth, lump);
    expect(m).toMatchObject({ predictedPairs: 15, truePositives: 4, recall: 1 });
    expect(m.precision).toBeCloseTo(4 / 15);
    expect(m.f1).toBeCloseTo(f1Of(4 / 15, 1));
  });

  it('builds the contingency table', () => {
    const t = contingency(truth, predicted);
    expect(t.records).toBe(6);
    expect(Object.fromEntries(t.cells.get('X')!)).toEqual({ A: 2, B: 1 });
    expect(Object.fromEntries(t.clusterSizes)).toEqual({ X: 3, Y: 1, Z: 2 });
    expect(Object.fromEntries(t.entitySizes)).toEqual({ A: 3, B: 2, C: 1 });
  });
});

describe('pairwise metrics with reviews', () => {
  it('expands each review to cluster × cluster, once per cluster pair', () => {
    // Review (a3, a1): Y × X = {a3} × {a1, a2, b1} → 3 pairs, 2 true (a3–a1, a3–a2).
    // Review (a2, a3) names the same two clusters again: no double count.
    // Review (a1, b1) lies within X: adds nothing. Review (b2, zz): zz outside the truth, ignored.
    const m = pairwiseWithReviews(truth, predicted, [['a3', 'a1'], ['a2', 'a3'], ['a1', 'b1'], ['b2', 'zz']]);
    expect(m).toMatchObject({ truePairs: 4, predictedPairs: 4 + 3, truePositives: 1 + 2 });
    expect(m.precision).toBeCloseTo(3 / 7);
    expect(m.recall).toBeCloseTo(3 / 4);
  });

  it('counts a review between two singletons as one pair', () => {
    const m = pairwiseWithReviews(truth, new Map(), [['b1', 'b2'], ['b2', 'b1'], ['a1', 'c1']]);
    // (b1, b2) true, (a1, c1) false; the reversed review is the same cluster pair.
    expect(m).toMatchObject({ predictedPairs: 2, truePositives: 1 });
  });

  it('equals pairwise without reviews', () => {
    expect(pairwiseWithReviews(truth, predicted, [])).toEqual(pairwise(truth, predicted));
  });
});

describe('B-cubed', () => {
  it('averages per-record cluster precision and recall', () => {
    // Per record precision |cluster ∩ entity| / |cluster|:
    //   a1, a2: 2/3; b1: 1/3; a3: 1; b2: 1/2; c1: 1/2  → sum 2/3+2/3+1/3+1+1/2+1/2 = 11/3 → P = 11/18
    // Per record recall |cluster ∩ entity| / |entity|:
    //   a1, a2: 2/3; a3: 1/3; b1: 1/2; b2: 1/2; c1: 1 → sum 2/3+2/3+1/3+1/2+1/2+1 = 11/3 → R = 11/18
    const m = bcubed(truth, predicted);
    expect(m.precision).toBeCloseTo(11 / 18);
    expect(m.recall).toBeCloseTo(11 / 18);
    expect(m.f1).toBeCloseTo(11 / 18);
  });

  it('weighs a giant cluster by its records', () => {
    // One entity of 4 split 3 + 1, and a singleton entity merged into the 3.
    const t = assign({ p1: 'P', p2: 'P', p3: 'P', p4: 'P', q: 'Q' });
    const c = assign({ p1: 'K', p2: 'K', p3: 'K', q: 'K', p4: 'L' });
    // Precision: p1..p3: 3/4 each, q: 1/4, p4: 1 → (9/4 + 1/4 + 1) / 5 = 3.5/5 = 0.7
    // Recall: p1..p3: 3/4 each, p4: 1/4, q: 1 → (9/4 + 1/4 + 1) / 5 = 0.7
    const m = bcubed(t, c);
    expect(m.precision).toBeCloseTo(0.7);
    expect(m.recall).toBeCloseTo(0.7);
    expect(bcubed(t, t)).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('blocking recall', () => {
  it('counts true pairs covered in either direction, once', () => {
    // True pairs: a1–a2, a1–a3, a2–a3, b1–b2. Candidates cover a1–a2 (both directions), a2–a3,
    // plus false a1–b1, a self-pair and a record outside the truth.
    const m = blockingRecall(truth, [['a1', 'a2'], ['a2', 'a1'], ['a3', 'a2'], ['a1', 'b1'], ['c1', 'c1'], ['b2', 'zz']]);
    expect(m).toMatchObject({ truePairs: 4, coveredTruePairs: 2, candidatePairs: 3, recall: 0.5 });
    // a1–a2–a3 chain joins all three A pairs; b1–b2 is not reached.
    expect(m.transitivelyCoveredTruePairs).toBe(3);
    expect(m.transitiveRecall).toBeCloseTo(3 / 4);
    expect(m.reductionRatio).toBeCloseTo(1 - 3 / 15);
  });

  it('is 1 when there are no true pairs, 0 when nothing is offered', () => {
    expect(blockingRecall(assign({ x: '1', y: '2' }), []).recall).toBe(1);
    expect(blockingRecall(truth, []).recall).toBe(0);
  });
});

describe('clusters merged by reviews', () => {
  it('joins the clusters of every review pair, transitively, and leaves the others', () => {
    const predicted = new Map([['a', 'X'], ['b', 'Y'], ['c', 'Z'], ['d', 'W']]);
    const merged = mergedByReviews(predicted, [['a', 'b'], ['b', 'c']]);
    expect(new Set([merged.get('a'), merged.get('b'), merged.get('c')]).size).toBe(1);
    expect(merged.get('d')).toBe('W');
    const truth = new Map([['a', '1'], ['b', '1'], ['c', '1'], ['d', '2']]);
    expect(bcubed(truth, merged)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});
