import { AccountFeatures } from './features';
import { jaroWinkler, jaroWinklerBound, withinOneEdit } from './normalize';
import { Comparison, MatchRules, PairScore, rarityAdjusted, total } from './rules';

/** How many accounts hold a value, as seen by blocking: the rarer, the stronger its agreement. */
export interface ValueCounts {
  name(nameNorm: string): number;
  domain(domain: string): number;
  phone(phone: string): number;
}

type Weights = MatchRules['account']['weights'];

const HOUSE_NUMBER = /\b(\d+)\b/;

// Numbers in a name tell sites and branches apart ("Center 2020" / "Center 2929", "Tykes I" / "Tykes II").
const NUMBER_TOKEN = /^(\d+|i|ii|iii|iv|v|vi|vii|viii|ix|x)$/;
function numbersOf(tokens: string[]): string {
  return tokens.filter((t) => NUMBER_TOKEN.test(t)).sort().join(' ');
}

/**
 * What scoring derives from a record's features, computed once per record
 * (a candidate is scored against many records of a batch): its name's words,
 * their distinct set, the numbers among them, the house number, the kind of
 * its registry id.
 */
interface Profile {
  tokens: string[];
  distinct: string[];
  numbers: string;
  house: string | undefined;
  registryKind: string | null;
  /** The name's characters sorted: two sorted strings give their shared characters in one merge. */
  sortedChars: string;
}

/** How many characters two names share as multisets (a merge of their sorted characters). */
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

const profiles = new WeakMap<AccountFeatures, Profile>();
function profileOf(f: AccountFeatures): Profile {
  let p = profiles.get(f);
  if (!p) {
    const tokens = f.nameNorm.split(' ');
    p = {
      tokens, distinct: [...new Set(tokens)], numbers: numbersOf(tokens),
      house: f.addressNorm ? HOUSE_NUMBER.exec(f.addressNorm)?.[1] : undefined,
      registryKind: f.registryId ? registryKind(f.registryId) : null,
      sortedChars: f.nameNorm.split('').sort().join(''),
    };
    profiles.set(f, p);
  }
  return p;
}

/** tokenSetRatio over distinct words already known: shared / union, without building sets per pair. */
function distinctRatio(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  for (const t of a) if (b.includes(t)) shared++;
  return shared / (a.length + b.length - shared);
}

/** Two words that are one: equal, one starting the other ("electr" / "electronics"), or one typo apart. */
function sameWord(t: string, u: string): boolean {
  if (t === u) return true;
  if ((t.length >= 4 && u.startsWith(t)) || (u.length >= 4 && t.startsWith(u))) return true;
  return t.length >= 5 && u.length >= 5 && withinOneEdit(t, u);
}

/** Every word of the shorter name is in the longer one, allowing prefixes and typos. */
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
  // Below 0.8 Jaro-Winkler decides nothing (every test below asks for 0.8 or more): skip it when it cannot get there.
  const jw = jaroWinklerBound(a, b, sharedChars(pa, pb)) < JW_DECIDES ? 0 : jaroWinkler(a, b);
  const longer = Math.max(a.length, b.length);
  if (jw >= 0.96 || (longer >= 8 && withinOneEdit(a, b))) return { field: 'name', level: 'CLOSE', weight: w.nameClose };
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  // A one-word name inside a longer one ("Iris" / "Iris Systems") is common among different customers.
  if (short.length >= 2 && contained(short, long)) return { field: 'name', level: 'CONTAINED', weight: w.nameContained };
  // tokenSetRatio(ta, tb), on the words' distinct sets computed once.
  const tokens = distinctRatio(pa.distinct, pb.distinct);
  if (jw >= 0.9 || tokens >= 0.6) return { field: 'name', level: 'SIMILAR', weight: w.nameSimilar };
  // Sharing a distinctive word ("Firman Pre-School West" / "Firman House West") is weak, not nothing.
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
  // A number many accounts share is a switchboard: it says little (1.5 bits less per doubling).
  return { field: 'phone', level: 'SAME', weight: Math.max(0, w.phoneSame - 1.5 * Math.log2(Math.max(1, n))), note: n > 1 ? `phone held by ${n} accounts` : undefined };
}

function compareAddress(a: string | null, b: string | null, pa: Profile, pb: Profile, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'address', level: 'SAME', weight: w.addressSame };
  // Another house number is another building: for customers with sites, another customer.
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

/** The kind of a registry id: its letter prefix and digit count ("GB243793813" → "GB/9"). */
function registryKind(id: string): string {
  const prefix = /^[A-Z]*/.exec(id)![0];
  return `${prefix}/${id.replace(/\D/g, '').length}`;
}

/** Scores two account records. Differing registry ids veto: they are two legal entities, whatever else agrees. */
export function scoreAccountPair(a: AccountFeatures, b: AccountFeatures, rules: MatchRules['account'], counts: ValueCounts): PairScore {
  const w = rules.weights;
  const pa = profileOf(a);
  const pb = profileOf(b);
  const evidence: Comparison[] = [compareName(a.nameNorm, b.nameNorm, pa, pb, w, counts)];
  let veto: string | null = null;
  if (a.registryId && b.registryId) {
    if (a.registryId === b.registryId) evidence.push({ field: 'registryId', level: 'SAME', weight: w.registrySame });
    else if (pa.registryKind !== pb.registryKind) {
      // A VAT number and a company-register number are both "registry ids" but never equal: no evidence either way.
      evidence.push({ field: 'registryId', level: 'OTHER_KIND', weight: 0, note: `${a.registryId} and ${b.registryId} are different kinds of id` });
    } else {
      veto = `registry ids differ (${a.registryId} ≠ ${b.registryId})`;
      evidence.push({ field: 'registryId', level: 'CONFLICT', weight: 0, note: veto });
    }
  }
  const domain = compareDomains(a.domains, b.domains, w, counts);
  const phone = comparePhone(a.phone, b.phone, w, counts);
  // A shared domain and a shared phone both say "same organisation" (an agency's web site and
  // switchboard): not independent evidence, so the phone counts half beside the domain.
  if (domain?.level === 'SHARED' && phone?.level === 'SAME') Object.assign(phone, { weight: phone.weight / 2, note: [phone.note, 'halved: same organisation as the domain'].filter(Boolean).join('; ') });
  for (const c of [domain, phone, compareAddress(a.addressNorm, b.addressNorm, pa, pb, w), comparePostal(a.postalCode, b.postalCode, w)]) {
    if (c) evidence.push(c);
  }
  return total(rules.prior, evidence, veto);
}
