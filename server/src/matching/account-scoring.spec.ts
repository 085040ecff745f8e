import { accountScorer, scoreAccountPair, ValueCounts } from './account-scoring';
import { AccountFeatures } from './features';
import { jaroWinkler, jaroWinklerBound } from './normalize';
import { Comparison, MATCH_RULES, MatchRules, PairScore, rarityAdjusted, total } from './rules';

/**
 * The oracle: account scoring as it was before profiles were reworked for speed
 * (string-sorted characters, Jaro-Winkler computed up front, regular
 * expressions per word, slicing withinOneEdit). The scoring in use must give
 * the very same PairScore, evidence and notes included, for every pair.
 */
const oracle = (() => {
  type Weights = MatchRules['account']['weights'];
  const HOUSE_NUMBER = /\b(\d+)\b/;
  const NUMBER_TOKEN = /^(\d+|i|ii|iii|iv|v|vi|vii|viii|ix|x)$/;
  const numbersOf = (tokens: string[]) => tokens.filter((t) => NUMBER_TOKEN.test(t)).sort().join(' ');
  interface Profile { tokens: string[]; distinct: string[]; numbers: string; house: string | undefined; registryKind: string | null; sortedChars: string }
  function sharedChars(pa: Profile, pb: Profile): number {
    const a = pa.sortedChars;
    const b = pb.sortedChars;
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.length && j < b.length) {
      const ca = a.charCodeAt(i);
      const cb = b.charCodeAt(j);
      if (ca === cb) {
        n++;
        i++;
        j++;
      } else if (ca < cb) i++;
      else j++;
    }
    return n;
  }
  function profileOf(f: AccountFeatures): Profile {
    const tokens = f.nameNorm.split(' ');
    return {
      tokens, distinct: [...new Set(tokens)], numbers: numbersOf(tokens),
      house: f.addressNorm ? HOUSE_NUMBER.exec(f.addressNorm)?.[1] : undefined,
      registryKind: f.registryId ? registryKind(f.registryId) : null,
      sortedChars: f.nameNorm.split('').sort().join(''),
    };
  }
  function withinOneEdit(a: string, b: string): boolean {
    if (a === b) return true;
    const la = a.length;
    const lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    let i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function distinctRatio(a: readonly string[], b: readonly string[]): number {
    let shared = 0;
    for (const t of a) if (b.includes(t)) shared++;
    return shared / (a.length + b.length - shared);
  }
  function sameWord(t: string, u: string): boolean {
    if (t === u) return true;
    if ((t.length >= 4 && u.startsWith(t)) || (u.length >= 4 && t.startsWith(u))) return true;
    return t.length >= 5 && u.length >= 5 && withinOneEdit(t, u);
  }
  function contained(short: string[], long: string[]): boolean {
    if (short.length === 0) return false;
    return short.every((t) => long.some((u) => sameWord(t, u)));
  }
  const JW_DECIDES = 0.8 - 1e-9;
  function compareName(a: string, b: string, pa: Profile, pb: Profile, w: Weights, counts: ValueCounts): Comparison {
    if (a === b) {
      const n = counts.name(a);
      return { field: 'name', level: 'EXACT', weight: rarityAdjusted(w.nameExact, n, w.nameSimilar), note: n > 1 ? `name held by ${n} accounts` : undefined };
    }
    const ta = pa.tokens;
    const tb = pb.tokens;
    const na = pa.numbers;
    const nb = pb.numbers;
    if (na && nb && na !== nb) return { field: 'name', level: 'NUMBER_DIFFERS', weight: w.nameNumberDiffers, note: `${na} ≠ ${nb}` };
    const jw = jaroWinklerBound(a, b, sharedChars(pa, pb)) < JW_DECIDES ? 0 : jaroWinkler(a, b);
    const longer = Math.max(a.length, b.length);
    if (jw >= 0.96 || (longer >= 8 && withinOneEdit(a, b))) return { field: 'name', level: 'CLOSE', weight: w.nameClose };
    const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
    if (short.length >= 2 && contained(short, long)) return { field: 'name', level: 'CONTAINED', weight: w.nameContained };
    const tokens = distinctRatio(pa.distinct, pb.distinct);
    if (jw >= 0.9 || tokens >= 0.6) return { field: 'name', level: 'SIMILAR', weight: w.nameSimilar };
    const sharesWord = ta.some((t) => t.length >= 4 && !NUMBER_TOKEN.test(t) && tb.includes(t));
    if (jw >= 0.8 || tokens >= 0.3 || sharesWord) return { field: 'name', level: 'WEAK', weight: w.nameWeak };
    return { field: 'name', level: 'DIFFERENT', weight: w.nameDifferent };
  }
  function compareDomains(a: string[], b: string[], w: Weights, counts: ValueCounts): Comparison | null {
    if (a.length === 0 || b.length === 0) return null;
    const shared = a.filter((d) => b.includes(d));
    if (shared.length === 0) return { field: 'domain', level: 'DIFFERENT', weight: w.domainDifferent };
    const n = Math.min(...shared.map((d) => counts.domain(d)));
    return { field: 'domain', level: 'SHARED', weight: rarityAdjusted(w.domainShared, n, 1), note: `${shared.join(', ')}${n > 1 ? ` (held by ${n} accounts)` : ''}` };
  }
  function comparePhone(a: string | null, b: string | null, w: Weights, counts: ValueCounts): Comparison | null {
    if (!a || !b) return null;
    if (a !== b) return { field: 'phone', level: 'DIFFERENT', weight: w.phoneDifferent };
    const n = counts.phone(a);
    return { field: 'phone', level: 'SAME', weight: Math.max(0, w.phoneSame - 1.5 * Math.log2(Math.max(1, n))), note: n > 1 ? `phone held by ${n} accounts` : undefined };
  }
  function compareAddress(a: string | null, b: string | null, pa: Profile, pb: Profile, w: Weights): Comparison | null {
    if (!a || !b) return null;
    if (a === b) return { field: 'address', level: 'SAME', weight: w.addressSame };
    const ha = pa.house;
    const hb = pb.house;
    if (ha && hb && ha !== hb) return { field: 'address', level: 'NUMBER_DIFFERS', weight: w.addressNumberDiffers, note: `${ha} ≠ ${hb}` };
    if (jaroWinkler(a, b) >= 0.93) return { field: 'address', level: 'CLOSE', weight: w.addressClose };
    return { field: 'address', level: 'DIFFERENT', weight: w.addressDifferent };
  }
  function comparePostal(a: string | null, b: string | null, w: Weights): Comparison | null {
    if (!a || !b) return null;
    return a === b ? { field: 'postalCode', level: 'SAME', weight: w.postalSame } : { field: 'postalCode', level: 'DIFFERENT', weight: w.postalDifferent };
  }
  function registryKind(id: string): string {
    const prefix = /^[A-Z]*/.exec(id)![0];
    return `${prefix}/${id.replace(/\D/g, '').length}`;
  }
  function scoreAccountPair(a: AccountFeatures, b: AccountFeatures, rules: MatchRules['account'], counts: ValueCounts): PairScore {
    const w = rules.weights;
    const pa = profileOf(a);
    const pb = profileOf(b);
    const evidence: Comparison[] = [compareName(a.nameNorm, b.nameNorm, pa, pb, w, counts)];
    let veto: string | null = null;
    if (a.registryId && b.registryId) {
      if (a.registryId === b.registryId) evidence.push({ field: 'registryId', level: 'SAME', weight: w.registrySame });
      else if (pa.registryKind !== pb.registryKind) {
        evidence.push({ field: 'registryId', level: 'OTHER_KIND', weight: 0, note: `${a.registryId} and ${b.registryId} are different kinds of id` });
      } else {
        veto = `registry ids differ (${a.registryId} ≠ ${b.registryId})`;
        evidence.push({ field: 'registryId', level: 'CONFLICT', weight: 0, note: veto });
      }
    }
    const domain = compareDomains(a.domains, b.domains, w, counts);
    const phone = comparePhone(a.phone, b.phone, w, counts);
    if (domain?.level === 'SHARED' && phone?.level === 'SAME') Object.assign(phone, { weight: phone.weight / 2, note: [phone.note, 'halved: same organisation as the domain'].filter(Boolean).join('; ') });
    for (const c of [domain, phone, compareAddress(a.addressNorm, b.addressNorm, pa, pb, w), comparePostal(a.postalCode, b.postalCode, w)]) {
      if (c) evidence.push(c);
    }
    return total(rules.prior, evidence, veto);
  }
  return { scoreAccountPair };
})();

/** A small deterministic generator of account features, with the near misses matching meets: typos, added words, other numbers. */
function generator(seed: number) {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const words = [
    'acme', 'acmes', 'northwind', 'nortwind', 'northwinds', 'global', 'globel', 'systems', 'system', 'electr', 'electronics', 'iris', 'firman',
    'house', 'west', 'east', 'pre', 'school', 'center', 'centre', 'tykes', 'trading', 'group', 'holdings', 'labs', 'lab', 'médical', 'medical',
    'a', 'b', 'ab', 'abc', 'de', 'van', 'der', 'ost', 'mueller', 'muller', 'smith', 'smyth', 'philips', 'phillips', 'zeta', 'omega',
  ];
  const numbers = ['1', '2', '10', '2020', '2929', '007', 'i', 'ii', 'iii', 'iv', 'v', 'x', 'xi', 'ix', 'vii', '1a'];
  const typo = (w: string) => {
    if (w.length < 2) return w + pick(['e', 's', 'x']);
    const at = Math.floor(next() * (w.length - 1));
    switch (Math.floor(next() * 4)) {
      case 0: return w.slice(0, at) + w.slice(at + 1);
      case 1: return w.slice(0, at) + pick(['e', 'a', 'o', 'l']) + w.slice(at + 1);
      case 2: return w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
      default: return w.slice(0, at) + pick(['e', 's', 'n']) + w.slice(at);
    }
  };
  const nameOf = () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => (next() < 0.15 ? pick(numbers) : pick(words))).join(' ');
  const variantOf = (name: string): string => {
    const tokens = name.split(' ');
    switch (Math.floor(next() * 8)) {
      case 0: return name;
      case 1: return tokens.map((t) => (next() < 0.4 ? typo(t) : t)).join(' ');
      case 2: return [...tokens, pick(words)].join(' ');
      case 3: return tokens.slice(0, Math.max(1, tokens.length - 1)).join(' ');
      case 4: return [...tokens.filter((t) => !numbers.includes(t)), pick(numbers)].join(' ');
      case 5: return [...tokens].reverse().join(' ');
      case 6: return typo(name);
      default: return nameOf();
    }
  };
  const streets = ['high street', 'high st', 'main road', 'mainroad', 'rue de la paix', 'hauptstrasse', 'unit 4 park lane', 'park lane'];
  const addressOf = () => (next() < 0.2 ? null : next() < 0.3 ? pick(streets) : `${pick(['1', '12', '12a', '221', '7', '1200'])} ${pick(streets)}`);
  const addressVariant = (a: string | null) => (a === null || next() < 0.3 ? addressOf() : next() < 0.5 ? a : typo(a));
  const domains = ['acme.com', 'acme.co.uk', 'northwind.de', 'group.com', 'iris.io', 'labs.org'];
  const domainsOf = () => (next() < 0.4 ? [] : Array.from({ length: 1 + Math.floor(next() * 2) }, () => pick(domains)).filter((d, i, all) => all.indexOf(d) === i));
  const registries = ['GB243793813', 'GB243793814', 'GB12345678', 'HRB1234', 'HRB12345', 'DE811569869', '12345678', '87654321', 'FR40303265045'];
  const registryOf = () => (next() < 0.6 ? null : pick(registries));
  const phoneOf = () => (next() < 0.4 ? null : pick(['207150755', '207150756', '301234567', '555010000']));
  const postalOf = () => (next() < 0.3 ? null : pick(['sw1a1aa', 'sw1a2aa', '10115', '75001']));
  const features = (): AccountFeatures => ({
    nameNorm: nameOf(), domains: domainsOf(), registryId: registryOf(), phone: phoneOf(), addressNorm: addressOf(), postalCode: postalOf(),
  });
  const near = (f: AccountFeatures): AccountFeatures => ({
    nameNorm: variantOf(f.nameNorm),
    domains: next() < 0.5 ? f.domains : domainsOf(),
    registryId: next() < 0.5 ? f.registryId : registryOf(),
    phone: next() < 0.5 ? f.phone : phoneOf(),
    addressNorm: addressVariant(f.addressNorm),
    postalCode: next() < 0.6 ? f.postalCode : postalOf(),
  });
  return { next, features, near };
}

/** Value counts that vary with the value, so rarity adjustments and their notes are exercised. */
const counts: ValueCounts = {
  name: (v) => 1 + (v.length % 4),
  domain: (v) => 1 + (v.length % 3),
  phone: (v) => 1 + (Number(v.slice(-1)) % 3),
};

describe('account scoring matches the former implementation exactly', () => {
  it('gives the same PairScore (score, veto, evidence, notes) on generated pairs, through scoreAccountPair and a batch scorer', () => {
    const gen = generator(20261124);
    const rules = MATCH_RULES.account;
    const levels = new Map<string, number>();
    // Records and candidates as in a batch: each record scored against a list of candidates that recur across records.
    const pool = Array.from({ length: 400 }, () => gen.features());
    let pairs = 0;
    for (let batch = 0; batch < 10; batch++) {
      const scorer = accountScorer();
      const candidates = Array.from({ length: 300 }, () => (gen.next() < 0.5 ? gen.near(pool[Math.floor(gen.next() * pool.length)]) : pool[Math.floor(gen.next() * pool.length)]));
      for (let r = 0; r < 200; r++) {
        const record = gen.next() < 0.7 ? gen.near(candidates[Math.floor(gen.next() * candidates.length)]) : gen.features();
        for (let c = 0; c < 25; c++) {
          const candidate = gen.next() < 0.4 ? gen.near(record) : candidates[Math.floor(gen.next() * candidates.length)];
          const expected = oracle.scoreAccountPair(record, candidate, rules, counts);
          for (const actual of [scorer(record, candidate, rules, counts), scoreAccountPair(record, candidate, rules, counts)]) {
            // toStrictEqual: the same keys, undefined notes included. A mismatch names the pair.
            if (!equalScores(actual, expected)) expect({ record, candidate, actual }).toStrictEqual({ record, candidate, actual: expected });
          }
          for (const e of expected.evidence) levels.set(`${e.field}:${e.level}`, (levels.get(`${e.field}:${e.level}`) ?? 0) + 1);
          pairs++;
        }
      }
    }
    expect(pairs).toBe(50000);
    // The pairs reach every outcome the scoring has (so the comparison above means something).
    for (const level of ['EXACT', 'NUMBER_DIFFERS', 'CLOSE', 'CONTAINED', 'SIMILAR', 'WEAK', 'DIFFERENT']) expect(levels.get(`name:${level}`)).toBeGreaterThan(100);
    for (const level of ['SAME', 'NUMBER_DIFFERS', 'CLOSE', 'DIFFERENT']) expect(levels.get(`address:${level}`)).toBeGreaterThan(100);
    for (const level of ['SAME', 'OTHER_KIND', 'CONFLICT']) expect(levels.get(`registryId:${level}`)).toBeGreaterThan(100);
    for (const level of ['domain:SHARED', 'domain:DIFFERENT', 'phone:SAME', 'phone:DIFFERENT']) expect(levels.get(level)).toBeGreaterThan(100);
  });

  it('is the same from either side of a pair, and through a fresh scorer', () => {
    const gen = generator(7);
    const rules = MATCH_RULES.account;
    for (let i = 0; i < 5000; i++) {
      const a = gen.features();
      const b = gen.near(a);
      expect(scoreAccountPair(b, a, rules, counts)).toStrictEqual(oracle.scoreAccountPair(b, a, rules, counts));
      expect(accountScorer()(a, b, rules, counts)).toStrictEqual(oracle.scoreAccountPair(a, b, rules, counts));
    }
  });
});

function equalScores(a: PairScore, b: PairScore): boolean {
  if (a.score !== b.score || a.veto !== b.veto || a.evidence.length !== b.evidence.length) return false;
  return a.evidence.every((e, i) => {
    const f = b.evidence[i];
    const keys = Object.keys(e);
    return keys.length === Object.keys(f).length && keys.every((k) => k in f && Object.is(e[k as keyof Comparison], f[k as keyof Comparison]));
  });
}
