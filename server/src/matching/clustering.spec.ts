import { Candidate, ClusterHolding, ClusterInput, decideClusters } from './clustering';
import { Comparison, PairScore } from './rules';

/** Features are just the score each candidate gets, so the tests read as the situation they set up. */
type F = { scores: Record<string, number> };
const score = (value: number): PairScore => ({ score: value, veto: null, evidence: [] });

function input(records: { id: string; scores: Record<string, number> }[], candidates: Record<string, Candidate<F>[]>, more: Partial<ClusterInput<F>> = {}): ClusterInput<F> {
  let n = 0;
  return {
    records: records.map((r) => ({ id: r.id, features: { scores: r.scores } })),
    candidatesOf: (id) => candidates[id] ?? [],
    score: (_id, a, b) => score(a.scores[(b as F & { id?: string }).id ?? ''] ?? 0),
    rejected: () => false,
    autoLink: 6,
    review: 1,
    newClusterId: () => `new-${++n}`,
    ...more,
  };
}

const existing = (id: string, clusterId: string): Candidate<F> => ({ id, clusterId, features: { id, scores: {} } as F });

describe('decideClusters', () => {
  it('links above the threshold, reviews the grey band, starts a new cluster below', () => {
    const { decisions } = decideClusters(input(
      [{ id: 'r1', scores: { c1: 9 } }, { id: 'r2', scores: { c1: 3 } }, { id: 'r3', scores: { c1: -2 } }],
      { r1: [existing('c1', 'A')], r2: [existing('c1', 'A')], r3: [existing('c1', 'A')] },
    ));
    expect(decisions.map((d) => [d.recordId, d.clusterId, d.status, d.reviews.length])).toEqual([
      ['r1', 'A', 'AUTO', 0], ['r2', 'new-1', 'REVIEW', 1], ['r3', 'new-2', 'AUTO', 0],
    ]);
  });

  it('joins one cluster over one edge: a record strong for two clusters joins the best, the other becomes a review', () => {
    const { decisions, merges } = decideClusters(input([{ id: 'r', scores: { a: 12, b: 8 } }], { r: [existing('a', 'A'), existing('b', 'B')] }));
    expect(decisions[0]).toMatchObject({ clusterId: 'A', status: 'AUTO', reviews: [{ candidateId: 'b' }] });
    expect(merges).toEqual([]);
  });

  it('merges two clusters only over very strong edges to both', () => {
    const { decisions, merges } = decideClusters(input([{ id: 'r', scores: { a: 18, b: 15 } }], { r: [existing('a', 'A'), existing('b', 'B')] }, { strongMerge: 14 }));
    expect(decisions[0]).toMatchObject({ clusterId: 'A', reviews: [] });
    expect(merges).toEqual([expect.objectContaining({ from: 'B', into: 'A', recordId: 'r' })]);
  });

  it('folds a cluster created earlier in the same batch without creating it', () => {
    const { decisions, merges } = decideClusters(input(
      [{ id: 'r1', scores: {} }, { id: 'r2', scores: { a: 18, r1: 16 } }],
      { r2: [existing('a', 'A'), { id: 'r1', clusterId: null, features: { id: 'r1', scores: {} } as F }] },
      { strongMerge: 14 },
    ));
    expect(decisions.map((d) => [d.recordId, d.clusterId, d.isNewCluster])).toEqual([['r1', 'A', false], ['r2', 'A', false]]);
    expect(merges).toEqual([]);
  });

  it('never links across a veto or a pair a person rejected', () => {
    const vetoed = decideClusters({
      ...input([{ id: 'r', scores: { a: 20 } }], { r: [existing('a', 'A')] }),
      score: () => ({ score: 20, veto: 'registry ids differ', evidence: [] }),
    });
    expect(vetoed.decisions[0]).toMatchObject({ isNewCluster: true, reviews: [] });
    const rejected = decideClusters(input([{ id: 'r', scores: { a: 20 } }], { r: [existing('a', 'A')] }, { rejected: () => true }));
    expect(rejected.decisions[0]).toMatchObject({ isNewCluster: true, reviews: [] });
  });

  it('never moves a record alone in its cluster into one a person kept apart from it, nor merges the two', () => {
    const apart = (a: string, b: string) => [a, b].sort().join() === 'A,B';
    const changed = { ...input([], { r: [existing('a', 'A'), existing('c', 'C')] }, { keptApart: apart }),
      records: [{ id: 'r', features: { scores: { a: 20, c: 7 } }, ownClusterId: 'B' }] };
    expect(decideClusters(changed).decisions[0]).toMatchObject({ clusterId: 'C', moved: true, best: { candidateId: 'c' } });
    const both = decideClusters(input([{ id: 'r', scores: { a: 18, b: 15 } }], { r: [existing('a', 'A'), existing('b', 'B')] }, { strongMerge: 14, keptApart: apart }));
    expect(both.decisions[0]).toMatchObject({ clusterId: 'A', moved: false });
    expect(both.merges).toEqual([]);
  });

  it('never merges into a cluster what a person kept apart from a cluster folded into it earlier in the batch', () => {
    // r folds B into A; then s, strong for A (now A and B) and for C, would fold C in: but a person kept B and C apart.
    const apart = (a: string, b: string) => [a, b].sort().join() === 'B,C';
    const { merges } = decideClusters(input(
      [{ id: 'r', scores: { a: 20, b: 18 } }, { id: 's', scores: { a: 20, c: 18 } }],
      { r: [existing('a', 'A'), existing('b', 'B')], s: [existing('a', 'A'), existing('c', 'C')] },
      { strongMerge: 14, keptApart: apart },
    ));
    expect(merges.map((m) => [m.from, m.into])).toEqual([['B', 'A']]);
  });

  it('never moves a record alone in its cluster into one a person kept apart from a cluster that moved into its own earlier in the batch', () => {
    // r, alone in A, kept apart from C, moves into B (s's own); then s, alone in B, would move into C and take A along.
    const apart = (a: string, b: string) => [a, b].sort().join() === 'A,C';
    const changed: ClusterInput<F> = {
      ...input([], { r: [{ id: 's', clusterId: 'B', features: { id: 's', scores: {} } as F }], s: [existing('r', 'A'), existing('c', 'C')] }, { keptApart: apart }),
      records: [{ id: 'r', features: { scores: { s: 9 } }, ownClusterId: 'A' }, { id: 's', features: { scores: { r: 9, c: 20 } }, ownClusterId: 'B' }],
    };
    const { decisions } = decideClusters(changed);
    expect(decisions.map((d) => [d.recordId, d.clusterId, d.moved])).toEqual([['r', 'B', true], ['s', 'B', false]]);
  });

  describe('joinRefused (accounts: registry ids that differ)', () => {
    const why: Comparison = { field: 'registryId', level: 'ACCOUNTS_DIFFER', weight: 0, note: 'two legal entities' };
    /** Refuses to join A with B (or with a cluster holding B or record b2), recording what it was asked. */
    const refusing = (asked: [ClusterHolding, ClusterHolding][] = []) => (x: ClusterHolding, y: ClusterHolding) => {
      asked.push([x, y]);
      const holdsB = (h: ClusterHolding) => h.stored.includes('B') || h.records.includes('b2');
      return (x.stored.includes('A') && holdsB(y)) || (y.stored.includes('A') && holdsB(x)) ? why : null;
    };

    it('does not merge two clusters a record matches strongly: it joins the best, and the other is a review saying why', () => {
      const { decisions, merges } = decideClusters(input([{ id: 'r', scores: { a: 18, b: 15 } }], { r: [existing('a', 'A'), existing('b', 'B')] }, { strongMerge: 14, joinRefused: refusing() }));
      expect(merges).toEqual([]);
      expect(decisions[0]).toMatchObject({ clusterId: 'A', status: 'AUTO', moved: false, reviews: [{ candidateId: 'b', score: { score: 15, evidence: [why] } }] });
      // The record's own link (to A) is not what was refused: its evidence is as scored.
      expect(decisions[0].best!.score.evidence).toEqual([]);
    });

    it('merges the others: one refused pair among three clusters leaves the rest to merge', () => {
      const asked: [ClusterHolding, ClusterHolding][] = [];
      const { decisions, merges } = decideClusters(input(
        [{ id: 'r', scores: { a: 20, c: 17, b: 15 } }], { r: [existing('a', 'A'), existing('c', 'C'), existing('b', 'B')] }, { strongMerge: 14, joinRefused: refusing(asked) }));
      expect(merges.map((m) => [m.from, m.into])).toEqual([['C', 'A']]);
      expect(decisions[0].reviews).toEqual([{ candidateId: 'b', score: expect.objectContaining({ evidence: [why] }) }]);
      // Asked one at a time, with what the previous merges folded in (C, then B beside A and C).
      expect(asked.map(([x, y]) => [x.stored, y.stored])).toEqual([[['A'], ['C']], [['A', 'C'], ['B']]]);
      expect(asked[0][0]).toMatchObject({ id: 'A', isNew: false, records: ['r'] });
    });

    it('does not fold a cluster this batch started into an existing one whose join is refused', () => {
      // b2 (refused beside A) starts a cluster of its own; r matches A and b2 strongly: before, b2 went into A unasked.
      const { decisions, merges } = decideClusters(input(
        [{ id: 'b2', scores: {} }, { id: 'r', scores: { a: 18, b2: 16 } }],
        { r: [existing('a', 'A'), { id: 'b2', clusterId: null, features: { id: 'b2', scores: {} } as F }] },
        { strongMerge: 14, joinRefused: refusing() },
      ));
      expect(merges).toEqual([]);
      expect(decisions.map((d) => [d.recordId, d.clusterId, d.isNewCluster])).toEqual([['b2', 'new-1', true], ['r', 'A', false]]);
      expect(decisions[1].reviews).toEqual([{ candidateId: 'b2', score: expect.objectContaining({ evidence: [why] }) }]);
    });

    it('keeps a record alone in its cluster where it is when its move is refused, and reviews the pair', () => {
      const asked: [ClusterHolding, ClusterHolding][] = [];
      const changed = { ...input([], { r: [existing('a', 'A')] }, { joinRefused: refusing(asked) }),
        records: [{ id: 'r', features: { scores: { a: 20 } }, ownClusterId: 'B' }] };
      const { decisions } = decideClusters(changed);
      expect(decisions[0]).toMatchObject({ clusterId: 'B', moved: false, stayed: true, status: 'REVIEW', reviews: [{ candidateId: 'a', score: { evidence: [why] } }] });
      expect(asked.map(([x, y]) => [x.id, x.records, y.id])).toEqual([['B', ['r'], 'A']]);
    });

    it('asks nothing when no decision would join two clusters', () => {
      const asked: [ClusterHolding, ClusterHolding][] = [];
      decideClusters(input([{ id: 'r', scores: { a: 12, b: 8 } }, { id: 's', scores: {} }], { r: [existing('a', 'A'), existing('b', 'B')] }, { strongMerge: 14, joinRefused: refusing(asked) }));
      expect(asked).toEqual([]);
    });
  });
});

describe('decideClusters review queue', () => {
  it('asks about a pair of clusters once per batch: one answer merges or parts them for every record', () => {
    const { decisions } = decideClusters(input(
      [{ id: 'r1', scores: { a: 3 } }, { id: 'r2', scores: { a: 3, r1: 9 } }, { id: 'r3', scores: { b: 3 } }],
      {
        r1: [existing('a', 'A')],
        r2: [existing('a', 'A'), { id: 'r1', clusterId: null, features: { id: 'r1', scores: {} } as F }],
        r3: [existing('b', 'B')],
      },
      { oneReviewPerClusterPair: true },
    ));
    // r2 joins r1's new cluster; that cluster was already put against A by r1: no second review.
    expect(decisions.map((d) => [d.recordId, d.clusterId, d.reviews.map((r) => r.candidateId)])).toEqual([
      ['r1', 'new-1', ['a']], ['r2', 'new-1', []], ['r3', 'new-2', ['b']],
    ]);
  });

  it('asks for every record unless told to ask once per pair of clusters (contacts)', () => {
    const { decisions } = decideClusters(input(
      [{ id: 'r1', scores: { a: 3 } }, { id: 'r2', scores: { a: 3, r1: 9 } }],
      { r1: [existing('a', 'A')], r2: [existing('a', 'A'), { id: 'r1', clusterId: null, features: { id: 'r1', scores: {} } as F }] },
    ));
    expect(decisions.map((d) => d.reviews.length)).toEqual([1, 1]);
  });
});

describe('decideClusters with an upper bound of the scores (`bound`)', () => {
  // Generated batches: records of the batch and stored records as candidates, clusters shared, scores from far below
  // to above strong merges, vetoes (some with the parent rule), rejected pairs and clusters kept apart. Given bounds at
  // or above the scores (null for every vetoed pair and some others), the decisions and merges are those of scoring
  // every pair, and fewer pairs are scored.
  it('decides as scoring every pair does', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    let scoredWith = 0;
    let scoredWithout = 0;
    for (let round = 0; round < 300; round++) {
      const stored = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, clusterId: `C${Math.floor(next() * 12)}` }));
      const records = Array.from({ length: 25 }, (_, i) => ({ id: `r${round}-${i}`, ownClusterId: next() < 0.1 ? pick(stored).clusterId : null }));
      const pairs = new Map<string, { score: PairScore; slack: number | null }>();
      const candidates = new Map<string, Candidate<F>[]>();
      for (const [i, r] of records.entries()) {
        const list: Candidate<F>[] = [];
        const count = Math.floor(next() * 12);
        for (let k = 0; k < count; k++) {
          const c = next() < 0.3 && i > 0 ? { id: records[Math.floor(next() * i)].id, clusterId: null } : pick(stored);
          if (list.some((x) => x.id === c.id)) continue;
          list.push({ id: c.id, clusterId: c.clusterId, features: { id: c.id, scores: {} } as F });
          // Half from a few values, so pairs of one cluster and clusters tie (the first keeps its place).
          const value = next() < 0.5 ? pick([-8, -3, 0.5, 1, 3, 6, 8, 14, 16]) : Math.round((next() * 30 - 15) * 100) / 100;
          const vetoed = next() < 0.05;
          const score: PairScore = { score: value, veto: vetoed ? 'differ' : null, evidence: next() < 0.5 ? [{ field: 'domain', level: 'SHARED', weight: 1 }] : [] };
          pairs.set(`${r.id}|${c.id}`, { score, slack: vetoed || next() < 0.05 ? null : pick([0, 0, 0.5, 3, 12]) });
        }
        candidates.set(r.id, list);
      }
      const run = (bounded: boolean) => {
        let scored = 0;
        let n = 0;
        const result = decideClusters<F>({
          records: records.map((r) => ({ id: r.id, features: { id: r.id, scores: {} } as F, ownClusterId: r.ownClusterId })),
          candidatesOf: (id) => candidates.get(id) ?? [],
          score: (id, _a, b) => {
            scored++;
            return pairs.get(`${id}|${(b as F & { id: string }).id}`)!.score;
          },
          ...(bounded ? {
            bound: (id: string, _a: F, b: F) => {
              const { score, slack } = pairs.get(`${id}|${(b as F & { id: string }).id}`)!;
              return slack === null ? null : score.score + slack;
            },
          } : {}),
          rejected: (a, b) => (a.length + b.length) % 17 === 0,
          keptApart: (a, b) => a === 'C3' && b === 'C4',
          parentOf: (score) => score.evidence.length > 0,
          autoLink: 6,
          review: 1,
          strongMerge: 14,
          oneReviewPerClusterPair: true,
          newClusterId: () => `new-${++n}`,
        });
        return { result, scored };
      };
      const without = run(false);
      const withBound = run(true);
      expect(withBound.result).toEqual(without.result);
      scoredWith += withBound.scored;
      scoredWithout += without.scored;
    }
    expect(scoredWithout).toBeGreaterThan(10000);
    expect(scoredWith).toBeLessThan(scoredWithout * 0.8);
  });
});
