import { accountScoring, ValueCounts } from './account-scoring';
import { Candidate, decideClusters } from './clustering';
import { AccountFeatures } from './features';
import { MATCH_RULES, MatchRules } from './rules';

function rng(seed: number) {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, pick };
}

/** Adversarial features: few values per field so that equal / close / different all occur often. */
function gen(seed: number) {
  const { next, pick } = rng(seed);
  const names = ['acme', 'acme corp', 'acme co', 'acme 2', 'acme 3', 'acme healthineers', 'acme energy', 'acmee', 'acme plant a2', 'acme plant b2',
    'delta', 'delta motors', 'delta foods', 'siemens', 'siemens energy', 'siemens healthineers', 'arcadia', 'arcadia group', 'zeta omega', ''];
  const forms = [null, null, 'LTD', 'INC', 'GMBH', 'AG', 'PTY LTD', 'LLC'];
  const phones = [null, null, '+61299991234', '+12125550100', '+12125550101', '+74951234567', '+77172123456', '+442071507551', '0299991234', '2125550100', '+80012345678', '+3903123456789'];
  // A register number with its court, another court and none (fs-14: SAME, OTHER_COURT veto, SAME_NUMBER).
  const regs = [null, null, null, 'GB243793813', 'GB243793814', 'DE811569869', '243793813', 'HRB1234', 'HRB1234@MUNCHEN', 'HRB1234@HAMBURG', 'CHE123456789'];
  const domains = [[], [], ['acme.com'], ['acme.com', 'acme.de'], ['siemens.com'], ['delta.com']];
  const addresses = [null, '1 high street', '1 high st', '2 high street', 'high street', '12 main road'];
  const postals = [null, 'sw1a1aa', 'sw1a2aa'];
  const features = (): AccountFeatures => ({
    nameNorm: pick(names), legalForm: pick(forms), phone: pick(phones), registryId: pick(regs), domains: pick(domains),
    addressNorm: pick(addresses), postalCode: pick(postals),
  });
  return { next, pick, features };
}

function randomWeights(seed: number): MatchRules['account'] {
  const { next } = rng(seed);
  const w = { ...MATCH_RULES.account.weights } as Record<string, number>;
  for (const k of Object.keys(w)) if (next() < 0.5) w[k] = Math.round((next() * 40 - 20) * 10) / 10;
  return { ...MATCH_RULES.account, weights: w as MatchRules['account']['weights'] };
}

// From the review of 3efca76: clustering skips pairs by their upper bound, so a bound below a score could skip the best
// candidate and link a worse one. These hold the bound to the scores under any weights and counts, and the decisions
// with and without bounds alike, on adversarial batches (few values per field: equal, close and different all occur).
describe('scoreBound is an upper bound (arbitrary weights and counts)', () => {
  it('bound >= score for every non-vetoed pair, null for every vetoed one', () => {
    const g = gen(99);
    const bad: unknown[] = [];
    for (let round = 0; round < 200; round++) {
      const rules = round === 0 ? MATCH_RULES.account : randomWeights(round);
      const scoring = accountScoring();
      const c = Math.floor(g.next() * 5);
      const counts: ValueCounts = { name: () => c, nameWord: () => c, domain: () => c, phone: () => c };
      for (let i = 0; i < 500; i++) {
        const a = g.features();
        const b = g.features();
        const bound = scoring.bound(a, b, rules);
        const score = scoring.score(a, b, rules, counts);
        if (score.veto !== null ? bound !== null : bound !== null && bound + 0.005 < score.score) bad.push({ round, a, b, bound, score: score.score, veto: score.veto });
      }
    }
    expect(bad.slice(0, 3)).toEqual([]);
  });
});

describe('decideClusters with and without bounds on adversarial batches', () => {
  it('decides alike', () => {
    let diffs = 0;
    const first: unknown[] = [];
    const stats = { scoredWith: 0, scoredWithout: 0, auto: 0, reviews: 0, merges: 0, parents: 0, vetoes: 0 };
    for (let round = 0; round < 400; round++) {
      const g = gen(1000 + round);
      const rules = round % 2 === 0 ? MATCH_RULES.account : randomWeights(round);
      const stored = Array.from({ length: 20 }, (_, i) => ({ id: `s${String(i).padStart(3, '0')}`, accountId: `A${Math.floor(g.next() * 6)}`, ...g.features() }));
      const records = Array.from({ length: 15 }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, features: g.features(), own: g.next() < 0.15 ? `A${Math.floor(g.next() * 6)}` : null }));
      const found = new Map<string, (typeof stored)[number][]>();
      for (const r of records) {
        const list: (typeof stored)[number][] = [];
        for (const s of stored) if (g.next() < 0.5) list.push(s);
        found.set(r.id, list);
      }
      const run = (bounded: boolean) => {
        const scoring = accountScoring();
        const key = bounded ? 'scoredWith' : 'scoredWithout';
        let n = 0;
        const cands = new Map<string, Candidate<AccountFeatures>[]>([...found].map(([id, l]) => [id, l.map((s) => ({ id: s.id, clusterId: s.accountId, features: s }))]));
        return decideClusters<AccountFeatures>({
          records: records.map((r) => ({ id: r.id, features: r.features, ownClusterId: r.own })),
          candidatesOf: (id) => cands.get(id)!,
          score: (id, a, b) => {
            const l = found.get(id)!;
            const cnt = (p: (s: (typeof stored)[number]) => boolean) => new Set(l.filter(p).map((s) => s.accountId)).size;
            const counts: ValueCounts = { name: (v) => cnt((s) => s.nameNorm === v), nameWord: (v) => cnt((s) => s.nameNorm.split(' ').includes(v)), domain: (v) => cnt((s) => s.domains.includes(v)), phone: (v) => cnt((s) => s.phone === v) };
            stats[key]++;
            const sc = scoring.score(a, b, rules, counts);
            if (!bounded && sc.veto) stats.vetoes++;
            return sc;
          },
          ...(bounded ? { bound: (_id: string, a: AccountFeatures, b: AccountFeatures) => scoring.bound(a, b, rules) } : {}),
          rejected: (a, b) => (a + b).length % 13 === 0 && a < b,
          autoLink: rules.autoLink,
          review: rules.review,
          strongMerge: rules.strongMerge,
          parentOf: (score) => score.evidence.some((c) => c.field === 'domain' && c.level === 'SHARED'),
          keptApart: (a, b) => a === 'A1' && b === 'A2',
          oneReviewPerClusterPair: true,
          newClusterId: () => `new-${++n}`,
        });
      };
      const a = run(false);
      const b = run(true);
      stats.auto += a.decisions.filter((d) => !d.isNewCluster && !d.stayed).length;
      stats.reviews += a.decisions.reduce((n, d) => n + d.reviews.length, 0);
      stats.merges += a.merges.length;
      stats.parents += a.decisions.filter((d) => d.parentClusterId).length;
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        diffs++;
        if (first.length < 1) first.push({ round, without: a.decisions.map((d) => [d.recordId, d.clusterId, d.best?.candidateId, d.best?.score.score, d.reviews.map((r) => r.candidateId), d.parentClusterId]), with: b.decisions.map((d) => [d.recordId, d.clusterId, d.best?.candidateId, d.best?.score.score, d.reviews.map((r) => r.candidateId), d.parentClusterId]) });
      }
    }
    expect({ diffs, first }).toEqual({ diffs: 0, first: [] });
    console.log(stats);
    for (const v of Object.values(stats)) expect(v).toBeGreaterThan(50);
    expect(stats.scoredWith).toBeLessThan(stats.scoredWithout * 0.9);
  });
});
