import { AccountFeatures } from './features';
import { jaroWinkler, tokenSetRatio, withinOneEdit } from './normalize';
import { Comparison, MatchRules, PairScore, rarityAdjusted, total } from './rules';

/** How many accounts hold a value, as seen by blocking: the rarer, the stronger its agreement. */
export interface ValueCounts {
  name(nameNorm: string): number;
  domain(domain: string): number;
  phone(phone: string): number;
}

type Weights = MatchRules['account']['weights'];

function compareName(a: string, b: string, w: Weights, counts: ValueCounts): Comparison {
  if (a === b) {
    const n = counts.name(a);
    return { field: 'name', level: 'EXACT', weight: rarityAdjusted(w.nameExact, n, w.nameSimilar), note: n > 1 ? `name held by ${n} accounts` : undefined };
  }
  const jw = jaroWinkler(a, b);
  const longer = Math.max(a.length, b.length);
  if (jw >= 0.96 || (longer >= 8 && withinOneEdit(a, b))) return { field: 'name', level: 'CLOSE', weight: w.nameClose };
  const tokens = tokenSetRatio(a.split(' '), b.split(' '));
  // One name contained in the other, word for word ("philips" in "philips electronics").
  const contained = a.length >= 4 && b.length >= 4 && (` ${b} `.includes(` ${a} `) || ` ${a} `.includes(` ${b} `));
  if (jw >= 0.9 || tokens >= 0.6 || contained) return { field: 'name', level: 'SIMILAR', weight: w.nameSimilar };
  if (jw >= 0.8 || tokens >= 0.3) return { field: 'name', level: 'WEAK', weight: w.nameWeak };
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
  // A number many accounts share is a switchboard: it says little (1.5 bits less per doubling).
  return { field: 'phone', level: 'SAME', weight: Math.max(0, w.phoneSame - 1.5 * Math.log2(Math.max(1, n))), note: n > 1 ? `phone held by ${n} accounts` : undefined };
}

function compareAddress(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'address', level: 'SAME', weight: w.addressSame };
  if (jaroWinkler(a, b) >= 0.93) return { field: 'address', level: 'CLOSE', weight: w.addressClose };
  return { field: 'address', level: 'DIFFERENT', weight: w.addressDifferent };
}

function comparePostal(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  return a === b ? { field: 'postalCode', level: 'SAME', weight: w.postalSame } : { field: 'postalCode', level: 'DIFFERENT', weight: w.postalDifferent };
}

/** Scores two account records. Differing registry ids veto: they are two legal entities, whatever else agrees. */
export function scoreAccountPair(a: AccountFeatures, b: AccountFeatures, rules: MatchRules['account'], counts: ValueCounts): PairScore {
  const w = rules.weights;
  const evidence: Comparison[] = [compareName(a.nameNorm, b.nameNorm, w, counts)];
  let veto: string | null = null;
  if (a.registryId && b.registryId) {
    if (a.registryId === b.registryId) evidence.push({ field: 'registryId', level: 'SAME', weight: w.registrySame });
    else {
      veto = `registry ids differ (${a.registryId} ≠ ${b.registryId})`;
      evidence.push({ field: 'registryId', level: 'CONFLICT', weight: 0, note: veto });
    }
  }
  for (const c of [compareDomains(a.domains, b.domains, w, counts), comparePhone(a.phone, b.phone, w, counts), compareAddress(a.addressNorm, b.addressNorm, w), comparePostal(a.postalCode, b.postalCode, w)]) {
    if (c) evidence.push(c);
  }
  return total(rules.prior, evidence, veto);
}
