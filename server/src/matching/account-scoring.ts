import { AccountFeatures, samePhoneNumber } from './features';
// From the modules themselves, not the normalize/index barrel: a call through a re-export is a getter call on
// every use (2.5 % of the CPU profile of scoring recorded batches), and scoring calls these for most pairs.
import { sameAddressButStreetType } from './normalize/address';
import { legalFormsConflict } from './normalize/legal-forms';
import { phoneCallingCode } from './normalize/phone';
import { compareRegistryIds, registryNumber } from './normalize/registry-id';
import { jaroWinkler, jaroWinklerBound, withinOneEdit } from './normalize/similarity';
import { Comparison, MatchRules, PairScore, rarityAdjusted, total } from './rules';

/** How many accounts hold a value, as seen by blocking: the rarer, the stronger its agreement. */
export interface ValueCounts {
  name(nameNorm: string): number;
  /** Accounts whose name has this word (a one-word name found inside another: "Delta" in "Delta Motors" and "Delta Foods"). */
  nameWord(word: string): number;
  domain(domain: string): number;
  phone(phone: string): number;
}

type Weights = MatchRules['account']['weights'];

const HOUSE_NUMBER = /\b(\d+)\b/;

// Numbers in a name tell sites and branches apart ("Center 2020" / "Center 2929", "Tykes I" / "Tykes II").
const ROMAN_NUMERALS = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x']);
/** `/^(\d+|i|ii|iii|iv|v|vi|vii|viii|ix|x)$/.test(t)` without the regular expression: ASCII digits only, or a roman numeral to ten. */
function isNumberToken(t: string): boolean {
  const n = t.length;
  if (n === 0) return false;
  const first = t.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    for (let i = 1; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }
  return n <= 4 && ROMAN_NUMERALS.has(t);
}

const DIGITS = /\d+/g;

/** Whether a word has an ASCII digit (most have none: no regular expression for them). */
function hasDigit(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * What scoring derives from a record's features, computed once per record
 * (a candidate is scored against many records of a batch): its name's words,
 * their distinct set, the numbers among them, its distinctive words, the
 * house number, the kind of its registry id.
 */
interface Profile {
  tokens: string[];
  distinct: string[];
  /** The numbers of the name: number words, and digits inside words ("channel4", "area51"), sorted, space-separated. */
  numbers: string;
  /** Its codes, words of letters and digits ("a2", "b2"), sorted: "Plant A2" and "Plant B2" are two sites. */
  codes: string;
  /** Words of four letters or more that are not numbers: sharing one makes a weak name match. */
  distinctive: string[];
  house: string | undefined;
  /** The kind of its registry id, made the first time two differing ids are compared (undefined until then). */
  registryKind: string | undefined;
  /** The name's UTF-16 code units sorted: two sorted strings give their shared characters in one merge. */
  sortedChars: string;
  /** The same of the address, made the first time an address comparison needs it. */
  addressChars: string | null;
  /** The name without its spaces: "gist brocades" and "gistbrocades" are one name written twice. */
  compact: string;
  /** The country calling code of its phone, made the first time two differing phones are compared (undefined until then). */
  phoneCountry: string | null | undefined;
  // What it was made of: every input it reads (the phone for phoneCountry: records alike but for their phones shared the
  // first one's country when the phone was not among them, found in review: a false merge in ingest the pair scorer kept apart).
  nameNorm: string;
  addressNorm: string | null;
  registryId: string | null;
  phone: string | null;
}

/** Whether a profile was made of these features' inputs. */
const madeOf = (p: Profile, f: AccountFeatures) => p.nameNorm === f.nameNorm && p.addressNorm === f.addressNorm && p.registryId === f.registryId && p.phone === f.phone;

const scratch = new Uint16Array(64);

/** A string's UTF-16 code units in ascending order, as a string (what `s.split('').sort().join('')` gives). */
function sortedCodes(s: string): string {
  const n = s.length;
  if (n > 64) return s.split('').sort().join('');
  // Insertion sort into a scratch buffer: names are short, and an array of one-character strings costs more than the sorting.
  const codes = scratch;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let j = i;
    while (j > 0 && codes[j - 1] > c) {
      codes[j] = codes[j - 1];
      j--;
    }
    codes[j] = c;
  }
  return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
}

/** How many characters two strings share as multisets (a merge of their sorted code units). */
function sharedCodes(a: string, b: string): number {
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

/** The profile of a record, from `cache` or made and kept there. */
function profileOf(f: AccountFeatures, cache: ProfileCache): Profile {
  let p = cache.get(f);
  if (!p) {
    const tokens = f.nameNorm.split(' ');
    // The words' distinct set in first-seen order, the numbers among them (sorted, space-separated), the distinctive ones.
    const distinct: string[] = [];
    const distinctive: string[] = [];
    let numbers: string[] | null = null;
    let codes: string[] | null = null;
    for (const t of tokens) {
      if (!distinct.includes(t)) distinct.push(t);
      if (isNumberToken(t)) (numbers ??= []).push(t);
      else {
        if (t.length >= 4) distinctive.push(t);
        if (hasDigit(t)) {
          (numbers ??= []).push(...t.match(DIGITS)!);
          (codes ??= []).push(t);
        }
      }
    }
    p = {
      tokens, distinct,
      numbers: numbers === null ? '' : numbers.length === 1 ? numbers[0] : numbers.sort().join(' '),
      codes: codes === null ? '' : codes.sort().join(' '),
      distinctive,
      house: f.addressNorm ? HOUSE_NUMBER.exec(f.addressNorm)?.[1] : undefined,
      registryKind: undefined,
      sortedChars: sortedCodes(f.nameNorm),
      addressChars: null,
      compact: tokens.length > 1 ? tokens.join('') : f.nameNorm,
      phoneCountry: undefined,
      nameNorm: f.nameNorm,
      addressNorm: f.addressNorm,
      registryId: f.registryId,
      phone: f.phone,
    };
    cache.set(f, p);
  }
  return p;
}

/**
 * Profiles of records met in earlier batches, by what a profile is made of (name, address, registry id, phone): a batch's
 * candidates are mostly the oldest holders of its keys, the same records batch after batch (six in seven of some
 * 6,000 per batch of the ingest bench's new accounts), and making their profiles again was a tenth of scoring.
 * Found by the name, then by the other three compared (a key string joining the four cost a concatenation and its
 * hash per lookup: 29 ms per batch of the bench). Forgotten all at once when full. At most RECENT_PER_NAME are kept
 * under one name: a name many records share (a placeholder name is "", a chain has thousands of sites) would otherwise
 * make every lookup of it walk thousands of profiles (found in review: 8,000 lookups of one name took 40 times the CPU
 * of distinct names); the others are made again when met, as before the cache.
 */
const recentProfiles = new Map<string, Profile[]>();
let recentCount = 0;
const RECENT_PROFILES = 50_000;
export const RECENT_PER_NAME = 8;

/** How many profiles are kept under a name (for specs). */
export function recentProfilesNamed(nameNorm: string): number {
  return recentProfiles.get(nameNorm)?.length ?? 0;
}

function recentProfile(f: AccountFeatures): Profile | undefined {
  const list = recentProfiles.get(f.nameNorm);
  if (list === undefined) return undefined;
  for (const p of list) if (madeOf(p, f)) return p;
  return undefined;
}

function keepRecent(f: AccountFeatures, profile: Profile): void {
  if (recentCount >= RECENT_PROFILES) {
    recentProfiles.clear();
    recentCount = 0;
  }
  const list = recentProfiles.get(f.nameNorm);
  // Only a profile looked for and not found is kept (batchProfiles): never a second one of the same inputs.
  if (list === undefined) recentProfiles.set(f.nameNorm, [profile]);
  else if (list.length < RECENT_PER_NAME) list.push(profile);
  else return;
  recentCount++;
}

/**
 * One round's profiles (a map by features object), falling back on recentProfiles. (Tried: holding each profile on its
 * features object, a symbol property defined on it: the objects' shapes changed and scoring took 40 % more CPU.)
 */
function batchProfiles(): ProfileCache {
  const cache = new Map<AccountFeatures, Profile>();
  return {
    get(f) {
      let p = cache.get(f);
      if (p === undefined) {
        p = recentProfile(f);
        if (p !== undefined) cache.set(f, p);
      }
      return p;
    },
    set(f, p) {
      cache.set(f, p);
      keepRecent(f, p);
    },
  };
}

type ProfileCache = { get(f: AccountFeatures): Profile | undefined; set(f: AccountFeatures, p: Profile): unknown };
/** Profiles of records scored through `scoreAccountPair`, kept as long as the record is. */
const profiles: ProfileCache = new WeakMap<AccountFeatures, Profile>();

function registryKindOf(p: Profile, id: string): string {
  return p.registryKind ?? (p.registryKind = registryKind(id));
}

function addressCharsOf(p: Profile, address: string): string {
  return p.addressChars ?? (p.addressChars = sortedCodes(address));
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

/**
 * Two names of as many words that agree word by word, allowing abbreviations
 * and typos ("Koninkl Philips Electronics" / "Koninklijke Philips Electronics",
 * "Schlumberger Tech" / "Schlumberger Technology"): one name spelt twice.
 */
function sameWords(ta: readonly string[], tb: readonly string[]): boolean {
  if (ta.length !== tb.length || ta.length < 2) return false;
  for (let i = 0; i < ta.length; i++) if (!sameWord(ta[i], tb[i])) return false;
  return true;
}

/** Every word of the shorter name is in the longer one, allowing prefixes and typos. */
function contained(short: string[], long: string[]): boolean {
  if (short.length === 0) return false;
  for (const t of short) {
    let found = false;
    for (const u of long) {
      if (sameWord(t, u)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// Margins below each threshold under which the Jaro-Winkler bound rules it out (the bound is
// computed as the similarity itself when the bound is exact, so the margin only absorbs rounding).
const MARGIN = 1e-9;

/** Jaro-Winkler of the pair being compared, -1 until computed. */
let pairJw = -1;
function jwAtLeast(a: string, b: string, bound: number, threshold: number): boolean {
  if (bound < threshold - MARGIN) return false;
  if (pairJw < 0) pairJw = jaroWinkler(a, b);
  return pairJw >= threshold;
}

/** The names' comparison; null when either names no one (a placeholder: nameNorm ''), which is no evidence either way. */
function compareName(a: string, b: string, pa: Profile, pb: Profile, w: Weights, counts: ValueCounts): Comparison | null {
  if (a === '' || b === '') return null;
  if (a === b) {
    const n = counts.name(a);
    return { field: 'name', level: 'EXACT', weight: rarityAdjusted(w.nameExact, n, w.nameSimilar), note: n > 1 ? `name held by ${n} accounts` : undefined };
  }
  const ta = pa.tokens;
  const tb = pb.tokens;
  const na = pa.numbers;
  const nb = pb.numbers;
  if (na && nb && na !== nb) return { field: 'name', level: 'NUMBER_DIFFERS', weight: w.nameNumberDiffers, note: `${na} ≠ ${nb}` };
  // fs-11: other codes, the numbers alike ("Plant A2" / "Plant B2"), are other sites too. Found by exploratory testing, as
  // digits inside a word were ("Channel4 Media" / "Channel5 Media" auto-linked on the name alone).
  if (pa.codes && pb.codes && pa.codes !== pb.codes) return { field: 'name', level: 'NUMBER_DIFFERS', weight: w.nameNumberDiffers, note: `${pa.codes} ≠ ${pb.codes}` };
  // Jaro-Winkler is only compared with thresholds (0.96, 0.9, 0.8): it is computed, once, only
  // when its upper bound reaches the threshold asked about and nothing cheaper decided first.
  const bound = jaroWinklerBound(a, b, sharedCodes(pa.sortedChars, pb.sortedChars));
  pairJw = -1;
  const longer = a.length > b.length ? a.length : b.length;
  if ((longer >= 8 && withinOneEdit(a, b)) || pa.compact === pb.compact || sameWords(ta, tb) || jwAtLeast(a, b, bound, 0.96)) return { field: 'name', level: 'CLOSE', weight: w.nameClose };
  const aShorter = ta.length <= tb.length;
  // A one-word name inside a longer one ("Iris" / "Iris Systems") is common among different customers.
  const short = aShorter ? ta : tb;
  if (short.length >= 2 && contained(short, aShorter ? tb : ta)) return { field: 'name', level: 'CONTAINED', weight: w.nameContained };
  // A one-word name that is a whole word of the other ("Nutricia" / "Nutricia Zoetermeer"): more than a shared word, less than containment.
  // Weighed by the word's rarity: a word in the names of several accounts is a family of names
  // ("Delta" / "Delta Motors" / "Delta Foods"), not one customer, and on the name alone no review.
  if (short.length === 1 && short[0].length >= 3 && !isNumberToken(short[0]) && (aShorter ? tb : ta).includes(short[0])) {
    const n = counts.nameWord(short[0]);
    const weight = rarityAdjusted(w.nameWordContained, n, w.nameSimilar);
    return n > 1 ? { field: 'name', level: 'WORD_CONTAINED', weight, note: `word in the names of ${n} accounts` } : { field: 'name', level: 'WORD_CONTAINED', weight };
  }
  // tokenSetRatio(ta, tb), on the words' distinct sets computed once.
  const tokens = distinctRatio(pa.distinct, pb.distinct);
  if (tokens >= 0.6 || jwAtLeast(a, b, bound, 0.9)) return { field: 'name', level: 'SIMILAR', weight: w.nameSimilar };
  // Sharing a distinctive word ("Firman Pre-School West" / "Firman House West") is weak, not nothing.
  if (tokens >= 0.3 || sharesWord(pa.distinctive, tb) || jwAtLeast(a, b, bound, 0.8)) return { field: 'name', level: 'WEAK', weight: w.nameWeak };
  return { field: 'name', level: 'DIFFERENT', weight: w.nameDifferent };
}

function sharesWord(distinctive: readonly string[], words: readonly string[]): boolean {
  for (const t of distinctive) if (words.includes(t)) return true;
  return false;
}

function compareDomains(a: string[], b: string[], w: Weights, counts: ValueCounts): Comparison | null {
  if (a.length === 0 || b.length === 0) return null;
  if (!a.some((d) => b.includes(d))) return { field: 'domain', level: 'DIFFERENT', weight: w.domainDifferent };
  const shared = a.filter((d) => b.includes(d));
  if (shared.length === 0) return { field: 'domain', level: 'DIFFERENT', weight: w.domainDifferent };
  const n = Math.min(...shared.map((d) => counts.domain(d)));
  return { field: 'domain', level: 'SHARED', weight: rarityAdjusted(w.domainShared, n, 1), note: `${shared.join(', ')}${n > 1 ? ` (held by ${n} accounts)` : ''}` };
}

function comparePhone(a: string | null, b: string | null, pa: Profile, pb: Profile, w: Weights, counts: ValueCounts): Comparison | null {
  if (!a || !b) return null;
  if (!samePhoneNumber(a, b)) {
    // Numbers of two countries (both written with their country codes) are offices of two countries: more than another
    // number of one office (issue 4: "Arcadia Pty Ltd", +61 / "Arcadia LLC", +1).
    const ca = pa.phoneCountry === undefined ? (pa.phoneCountry = phoneCallingCode(a)) : pa.phoneCountry;
    const cb = pb.phoneCountry === undefined ? (pb.phoneCountry = phoneCallingCode(b)) : pb.phoneCountry;
    if (ca && cb && ca !== cb) return { field: 'phone', level: 'OTHER_COUNTRY', weight: w.phoneOtherCountry, note: `+${ca} ≠ +${cb}` };
    return { field: 'phone', level: 'DIFFERENT', weight: w.phoneDifferent };
  }
  const n = counts.phone(a);
  // A number many accounts share is a switchboard: it says little (1.5 bits less per doubling).
  return { field: 'phone', level: 'SAME', weight: Math.max(0, w.phoneSame - 1.5 * Math.log2(Math.max(1, n))), note: n > 1 ? `phone held by ${n} accounts` : undefined };
}

function compareAddress(a: string | null, b: string | null, pa: Profile, pb: Profile, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b || sameAddressButStreetType(a, b)) return { field: 'address', level: 'SAME', weight: w.addressSame };
  // Another house number is another building: for customers with sites, another customer.
  const ha = pa.house;
  const hb = pb.house;
  if (ha && hb && ha !== hb) return { field: 'address', level: 'NUMBER_DIFFERS', weight: w.addressNumberDiffers, note: `${ha} ≠ ${hb}` };
  // Only the 0.93 threshold matters: the bound from shared characters rules most pairs out without the O(n·window) work.
  if (jaroWinklerBound(a, b, sharedCodes(addressCharsOf(pa, a), addressCharsOf(pb, b))) >= 0.93 - MARGIN && jaroWinkler(a, b) >= 0.93) return { field: 'address', level: 'CLOSE', weight: w.addressClose };
  return { field: 'address', level: 'DIFFERENT', weight: w.addressDifferent };
}

/**
 * Legal forms, compared between names of one family (one name inside the other): there the
 * form tells its members apart ("Delta Motors Limited" / "Delta S.A." are two companies, "Philips
 * N.V." / "N.V. Philips' Gloeilampenfabrieken" one). Between equal or close names a different form
 * is mostly how a division wrote it (Inc / Corp), unless the two cannot be one company's (fs-13:
 * legalFormsConflict, another jurisdiction or another kind of company, "Arcadia Pty Ltd" / "Arcadia
 * LLC", "Kranich GmbH" / "Kranich AG"); between merely similar names an agreeing one is chance.
 * A name without a form is no evidence either way.
 */
function compareLegalForm(a: string | null, b: string | null, name: Comparison | null, w: Weights): Comparison | null {
  if (!a || !b || !name) return null;
  if (name.level === 'EXACT' || name.level === 'CLOSE') {
    return legalFormsConflict(a, b) ? { field: 'legalForm', level: 'CONFLICT', weight: w.legalFormConflict, note: `${a} and ${b} are not one company's forms` } : null;
  }
  if (name.level !== 'CONTAINED' && name.level !== 'WORD_CONTAINED') return null;
  return a === b ? { field: 'legalForm', level: 'SAME', weight: w.legalFormSame } : { field: 'legalForm', level: 'DIFFERENT', weight: w.legalFormDifferent, note: `${a} ≠ ${b}` };
}

function comparePostal(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  return a === b ? { field: 'postalCode', level: 'SAME', weight: w.postalSame } : { field: 'postalCode', level: 'DIFFERENT', weight: w.postalDifferent };
}

/** Name levels between names alike but not one name spelt twice: one may add a word the other lacks. */
const ALIKE_NAME_LEVELS: ReadonlySet<string> = new Set(['CONTAINED', 'WORD_CONTAINED', 'SIMILAR']);

/**
 * A word one name has and the other lacks, on a side whose name states a legal form: the name of a legal entity
 * ("healthineers" of "Siemens Healthineers AG" beside "Siemens AG", "energy" of "Siemens Energy AG"); null when there
 * is none. A word of four letters or more, no number or code (those are weighed as numbers), and not a spelling of a
 * word of the other name (a typo, a prefix or an abbreviation: sameWord, "Log." of "Logistics"; two typos of one word,
 * Jaro-Winkler 0.85 or more). A word of a kind of
 * business counts: "Siemens Energy AG" is another listed company.
 */
function companyWordAdded(a: AccountFeatures, b: AccountFeatures, pa: Profile, pb: Profile): string | null {
  return (a.legalForm ? wordNotIn(pa, pb) : null) ?? (b.legalForm ? wordNotIn(pb, pa) : null);
}

function wordNotIn(p: Profile, other: Profile): string | null {
  for (const t of p.distinctive) {
    if (hasDigit(t)) continue;
    // "log" of "Juniper Log." is "logistics" abbreviated (sameWord takes prefixes of four letters or more); "junipeer" of
    // "Junipeer GmbH" and "junper" of "Junper GmbH" are two typos of one word, two edits apart (the demo's default seed).
    if (!other.distinct.some((u) => sameWord(t, u) || (u.length >= 3 && t.startsWith(u)) || jaroWinkler(t, u) >= 0.85)) return t;
  }
  return null;
}

/** The kind of a registry id: its letter prefix and digit count ("GB243793813" → "GB/9"; a court left out: "HRB12345@MUNCHEN" → "HRB/5"). */
export function registryKind(id: string): string {
  const number = registryNumber(id);
  const prefix = /^[A-Z]*/.exec(number)![0];
  return `${prefix}/${number.replace(/\D/g, '').length}`;
}

/** Scores two account records. Differing registry ids veto: they are two legal entities, whatever else agrees. */
export function scoreAccountPair(a: AccountFeatures, b: AccountFeatures, rules: MatchRules['account'], counts: ValueCounts): PairScore {
  return scoreProfiled(a, b, profileOf(a, profiles), profileOf(b, profiles), rules, counts);
}

export type AccountPairScorer = typeof scoreAccountPair;

/**
 * `scoreAccountPair` for one round of scoring (a batch): the records' profiles
 * are kept in a plain map that goes with the scorer, which costs less than the
 * shared weak map when thousands of candidates are profiled per batch, and the
 * profile of the record side, the same for all its candidates in a row, is
 * looked up once.
 */
export function accountScorer(): AccountPairScorer {
  return accountScoring().score;
}

/** One round's scorer and the upper bound of its scores (scoreBound), sharing the round's profiles. */
export function accountScoring(): { score: AccountPairScorer; bound: (a: AccountFeatures, b: AccountFeatures, rules: MatchRules['account']) => number | null } {
  const cache = batchProfiles();
  let last: AccountFeatures | null = null;
  let lastProfile: Profile | null = null;
  const recordProfile = (a: AccountFeatures) => {
    if (a !== last) {
      lastProfile = profileOf(a, cache);
      last = a;
    }
    return lastProfile!;
  };
  return {
    score: (a, b, rules, counts) => scoreProfiled(a, b, recordProfile(a), profileOf(b, cache), rules, counts),
    bound: (a, b, rules) => scoreBound(a, b, recordProfile(a), profileOf(b, cache), rules),
  };
}

/**
 * An upper bound of the pair's score (scoreProfiled), or null when the pair may be vetoed: made without comparing the
 * names (the costliest part of scoring) beyond equality and their numbers, every other field compared as scoring
 * compares it, each level's weight taken at its highest (before value counts lower it). Clustering scores only the pairs
 * whose bound could change a record's decision (decideClusters, `bound`): two in three of the ingest bench's pairs are not.
 */
function scoreBound(a: AccountFeatures, b: AccountFeatures, pa: Profile, pb: Profile, rules: MatchRules['account']): number | null {
  const w = rules.weights;
  let bound = rules.prior;
  let kindsDiffer = false;
  if (a.registryId && b.registryId) {
    const agreement = compareRegistryIds(a.registryId, b.registryId);
    if (agreement === 'SAME') bound += w.registrySame;
    else if (agreement === 'SAME_NUMBER') bound += w.registrySameNumber;
    else if (agreement === 'OTHER_COURT') return null;
    // Ids of one kind that differ veto; of two kinds, they may beside a shared domain (scoreProfiled, otherKinds).
    else if (registryKindOf(pa, a.registryId) !== registryKindOf(pb, b.registryId)) kindsDiffer = true;
    else return null;
  }
  let domainShared = false;
  if (a.domains.length > 0 && b.domains.length > 0) {
    domainShared = a.domains.some((d) => b.domains.includes(d));
    if (domainShared && kindsDiffer) return null;
    bound += domainShared ? Math.max(w.domainShared, 1) : w.domainDifferent;
  }
  const an = a.nameNorm;
  const bn = b.nameNorm;
  const named = an !== '' && bn !== '';
  if (named) {
    if (an === bn) bound += Math.max(w.nameExact, w.nameSimilar);
    else if ((pa.numbers && pb.numbers && pa.numbers !== pb.numbers) || (pa.codes && pb.codes && pa.codes !== pb.codes)) bound += w.nameNumberDiffers;
    else bound += Math.max(w.nameClose, w.nameContained, w.nameWordContained, w.nameSimilar, w.nameWeak, w.nameDifferent);
  }
  if (a.phone && b.phone) {
    if (samePhoneNumber(a.phone, b.phone)) bound += domainShared ? Math.max(0, w.phoneSame) / 2 : Math.max(0, w.phoneSame);
    else bound += Math.max(w.phoneDifferent, w.phoneOtherCountry);
  }
  const aa = a.addressNorm;
  const ba = b.addressNorm;
  if (aa && ba) {
    if (aa === ba || sameAddressButStreetType(aa, ba)) bound += w.addressSame;
    else if (pa.house && pb.house && pa.house !== pb.house) bound += w.addressNumberDiffers;
    else bound += Math.max(w.addressClose, w.addressDifferent);
  }
  if (a.postalCode && b.postalCode) bound += a.postalCode === b.postalCode ? w.postalSame : w.postalDifferent;
  // The legal forms weigh by the names' level (compareLegalForm): at most the highest they could; the cap of a word
  // added (reviewCap) only takes off.
  if (named && a.legalForm && b.legalForm) bound += Math.max(0, w.legalFormConflict, a.legalForm === b.legalForm ? w.legalFormSame : w.legalFormDifferent);
  return bound;
}

function scoreProfiled(a: AccountFeatures, b: AccountFeatures, pa: Profile, pb: Profile, rules: MatchRules['account'], counts: ValueCounts): PairScore {
  const w = rules.weights;
  const name = compareName(a.nameNorm, b.nameNorm, pa, pb, w, counts);
  const evidence: Comparison[] = name ? [name] : [];
  let veto: string | null = null;
  if (a.registryId && b.registryId) {
    const agreement = compareRegistryIds(a.registryId, b.registryId);
    if (agreement === 'SAME') evidence.push({ field: 'registryId', level: 'SAME', weight: w.registrySame });
    else if (agreement === 'SAME_NUMBER') {
      // fs-14: a German register number without its court on one side or both may be another court's (most courts have
      // reached HRB 12345): it weighs less than one id, so two names that differ are reviewed, not linked on it alone.
      evidence.push({ field: 'registryId', level: 'SAME_NUMBER', weight: w.registrySameNumber, note: `${a.registryId} and ${b.registryId}: one register number, its court not given by both` });
    } else if (agreement === 'OTHER_COURT') {
      // One number at two courts: two companies (fs-14; before, the court was dropped and they were one id).
      veto = `registry ids differ (${a.registryId} ≠ ${b.registryId}: one number at two courts)`;
      evidence.push({ field: 'registryId', level: 'CONFLICT', weight: 0, note: veto });
    } else if (registryKindOf(pa, a.registryId) !== registryKindOf(pb, b.registryId)) {
      // A VAT number and a company-register number are both "registry ids" but never equal: no evidence either way.
      evidence.push({ field: 'registryId', level: 'OTHER_KIND', weight: 0, note: `${a.registryId} and ${b.registryId} are different kinds of id` });
    } else {
      veto = `registry ids differ (${a.registryId} ≠ ${b.registryId})`;
      evidence.push({ field: 'registryId', level: 'CONFLICT', weight: 0, note: veto });
    }
  }
  const domain = compareDomains(a.domains, b.domains, w, counts);
  // Ids of different kinds are no conflict by themselves, but two records that each name an id, and not the same one,
  // are not shown to be one company by a domain they share: a group's companies share one ("InitrodeB4 Holding AG",
  // CHE-… / "InitrodeB4 Logistics GmbH", DE…, auto-linked on the domain: found by exploratory testing). As for ids of one
  // kind, a veto, and the domain makes the newer a child; unless the names themselves say they are alike (weigh for it):
  // one company's records often carry ids of two kinds (a UK company number and its VAT number; "The Vertex Media" /
  // "Vertex Media (Manchester)"), and vetoing those split the demo's customers (recall 0.957 → 0.945).
  // Nor when the names state two legal forms ("Acme Holding AG" / "Acme Logistics GmbH": two companies), whatever their
  // likeness; and never for one number written with and without its letters ("DE123456789" / "123456789").
  const twoForms = !!a.legalForm && !!b.legalForm && a.legalForm !== b.legalForm;
  const sameDigits = !!a.registryId && a.registryId.replace(/\D/g, '') === b.registryId?.replace(/\D/g, '');
  const registry = evidence.length > 0 ? evidence[evidence.length - 1] : null;
  const otherKinds = domain?.level === 'SHARED' && registry?.level === 'OTHER_KIND' && !sameDigits;
  if (veto === null && otherKinds && (!name || name.weight <= 0 || twoForms)) {
    veto = `registry ids differ (${a.registryId} ≠ ${b.registryId}, different kinds) beside a shared domain`;
    registry!.note = veto;
  }
  // fs-13: two names alike beside a shared domain, one adding a word the other lacks and stating its legal form, are as
  // likely two companies of a group as one company written twice: "Siemens Healthineers AG" or "Siemens Energy AG" (each
  // a listed company of its own) beside "Siemens AG" at siemens.com auto-linked on the name and the domain (issue 4),
  // whether or not each gave a registry id. Unless an id both give says they are one (the same id, or one number with
  // and without its letters), a person decides: the score is capped below the auto-link threshold (a review, not a
  // veto: one German company often gives its HRB number in one system and its VAT id in another, and a veto would make
  // it a child of itself with no one asked). The site the demo's divisions write after a name ("Vertex Media
  // Manchester") comes without a legal form and still links; "Siemens Healthineers" without one still links too.
  const oneId = sameDigits || evidence.some((c) => c.field === 'registryId' && c.level === 'SAME');
  const added = veto === null && domain?.level === 'SHARED' && !oneId && name !== null && ALIKE_NAME_LEVELS.has(name.level) ? companyWordAdded(a, b, pa, pb) : null;
  const phone = comparePhone(a.phone, b.phone, pa, pb, w, counts);
  // A shared domain and a shared phone both say "same organisation" (an agency's web site and
  // switchboard): not independent evidence, so the phone counts half beside the domain.
  if (domain?.level === 'SHARED' && phone?.level === 'SAME') Object.assign(phone, { weight: phone.weight / 2, note: [phone.note, 'halved: same organisation as the domain'].filter(Boolean).join('; ') });
  if (domain) evidence.push(domain);
  if (phone) evidence.push(phone);
  const address = compareAddress(a.addressNorm, b.addressNorm, pa, pb, w);
  if (address) evidence.push(address);
  const postal = comparePostal(a.postalCode, b.postalCode, w);
  if (postal) evidence.push(postal);
  const form = compareLegalForm(a.legalForm, b.legalForm, name, w);
  if (form) evidence.push(form);
  if (added !== null) evidence.push(reviewCap(added, rules, evidence));
  return total(rules.prior, evidence, veto);
}

/**
 * What keeps two alike names of a shared domain from auto-linking when one adds a word (scoreProfiled, fs-13): it takes
 * off what the pair scores above one bit under the auto-link threshold (nothing when it scores less), so the pair is
 * reviewed, and says why.
 */
function reviewCap(word: string, rules: MatchRules['account'], evidence: readonly Comparison[]): Comparison {
  const score = evidence.reduce((sum, c) => sum + c.weight, rules.prior);
  const cap = rules.autoLink - 1;
  return {
    field: 'name', level: 'WORD_ADDED', weight: Math.min(0, cap - score),
    note: `"${word}" is a word only one name has, beside its legal form, and no registry id both give agrees: maybe another company of the group at the shared domain; capped below auto-link for a review`,
  };
}
