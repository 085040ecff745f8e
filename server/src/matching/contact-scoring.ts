import { soundex } from './blocking-keys';
import { ContactFeatures, generationOf, samePhoneNumber } from './features';
import {
  areTwoGivenNames, canonicalFirstName, countryCallingCodeOf, damerauLevenshtein, isCommonGivenName, isCommonSurname, isFreeMailDomain, isRoleMailbox,
  jaroWinkler, mayStandFor, withinOneEdit,
} from './normalize';
import { Comparison, MatchRules, PairScore, rarityAdjusted, total } from './rules';

type Weights = MatchRules['contact']['weights'];

/** How many people hold a value, as seen by blocking. */
export interface PersonValueCounts {
  lastName(lastKey: string): number;
  email(email: string): number;
  /** The people holding a number as comparePhones reads it (samePhoneNumber; link-store.ts, phoneHolders). */
  phone(phone: string): number;
}

/** How alike two name words are, from identical to unrelated. */
export type NameLikeness = 'EXACT' | 'CLOSE' | 'SIMILAR' | 'DIFFERENT';

/** The same letters in another order ("Rwoe" / "Rowe", "hhS" / "Shah"): typed in a hurry. */
function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && a.length >= 3 && [...a].sort().join('') === [...b].sort().join('');
}

const HAS_DIGIT = /\d/;
const NOT_DIGITS = /\D/g;

/**
 * EXACT; CLOSE: one typo (an edit or two neighbours swapped, on names of four
 * letters or more, where one typo rarely makes another real name) or
 * Jaro-Winkler ≥ 0.9; SIMILAR: what a worse typo leaves (two edits on longer
 * names, the same letters shuffled, one letter dropped from a short name) and,
 * for surnames (`byEar`), a spelling by ear (the same Soundex, Jaro-Winkler ≥
 * 0.85); DIFFERENT otherwise. Given names are not compared by ear: Jane and
 * John, Mary and Mira share a Soundex and are different names.
 */
export function nameLikeness(a: string, b: string, byEar = true): NameLikeness {
  if (a === b) return 'EXACT';
  // Numbers in names ("Person0" / "Person1") tell them apart: found by exploratory testing, they were one typo.
  if ((HAS_DIGIT.test(a) || HAS_DIGIT.test(b)) && a.replace(NOT_DIGITS, '') !== b.replace(NOT_DIGITS, '')) return 'DIFFERENT';
  const shorter = Math.min(a.length, b.length);
  if ((shorter >= 4 && withinOneEdit(a, b)) || jaroWinkler(a, b) >= 0.9) return 'CLOSE';
  if (sameLetters(a, b) || (shorter >= 2 && Math.abs(a.length - b.length) === 1 && withinOneEdit(a, b))) return 'SIMILAR';
  if (shorter >= 5 && damerauLevenshtein(a, b) <= 2) return 'SIMILAR';
  if (byEar && shorter >= 3 && (soundex(a) === soundex(b) || jaroWinkler(a, b) >= 0.85)) return 'SIMILAR';
  return 'DIFFERENT';
}

function compareFirst(a: ContactFeatures, b: ContactFeatures, w: Weights): Comparison | null {
  const [x, y] = [a.firstKey, b.firstKey];
  if (!x || !y) return null;
  if (isInitialOf(x, y)) return { field: 'firstName', level: 'INITIAL', weight: w.firstInitial };
  const [writtenA, writtenB] = [writtenFirst(a), writtenFirst(b)];
  if (x === y) {
    // A common name ("John", "Maria") is shared by chance far more often than a rare one (normalize/common-names.ts).
    const weight = isCommonGivenName(x) ? w.firstExactCommon : w.firstExact;
    // One name, written as two of its forms ("Chris" / "Christopher"): a nickname the short form may not be alone in fitting (shortNameFitsBoth).
    if (writtenA !== writtenB) return { field: 'firstName', level: 'NICKNAME', weight, note: `"${writtenA}" and "${writtenB}" are one name` };
    return { field: 'firstName', level: 'EXACT', weight };
  }
  // A short form the nickname table gives another name may stand for this one too ("Chris" / "Christine"): neither the same name nor another.
  if (mayStandFor(writtenA, writtenB) || mayStandFor(writtenB, writtenA)) {
    return { field: 'firstName', level: 'SHORT_FORM', weight: w.firstShortForm, note: `"${writtenA}" may stand for "${writtenB}"` };
  }
  const level = nameLikeness(x, y, false);
  // Two names a letter apart are often two people's names, not one mistyped ("Daniel" / "Danielle", "Mark" / "Mary", "Jan" /
  // "Jana"): on the surname alone such colleagues or relatives were auto-linked. They weigh as a worse typo would: a review.
  // Two given names (Peter / Petra) are two first names, weighed as differing ones: at 0 bits, the surname and an office
  // phone they share (+6, +4) auto-linked them (found by exploratory testing); their own email or birthday still can.
  if (level === 'CLOSE' && areTwoGivenNames(x, y)) return { field: 'firstName', level: 'OTHER_NAME', weight: w.firstDifferent, note: `"${x}" and "${y}" are two given names` };
  const weight = { CLOSE: w.firstClose, SIMILAR: w.firstSimilar, DIFFERENT: w.firstDifferent }[level as Exclude<NameLikeness, 'EXACT'>];
  return { field: 'firstName', level, weight };
}

/**
 * The surnames. `namesakes`: the first names agree too (the same name, or a nickname of it). Only there does a common
 * surname ("Smith", "García", shared by chance far more often than a rare one at any account) weigh less: it is where
 * namesakes were linked. A surname alone, or beside an initial, weighs little already; weighing a common one less
 * there too lost true matches: reviews on the labelled people set (fake-1000, auto+review recall 0.952 → 0.945), links
 * in the demo ("I. Ferrari" / "Isabel Ferrari" in Madrid).
 */
function compareLast(a: string, b: string, w: Weights, counts: PersonValueCounts, namesakes: boolean): Comparison | null {
  if (!a || !b) return null;
  const level = nameLikeness(a, b);
  if (level === 'EXACT') {
    const n = counts.lastName(a);
    const common = namesakes && isCommonSurname(a);
    const notes = [common ? 'a common surname' : '', n > 1 ? `surname held by ${n} people` : ''].filter(Boolean);
    return { field: 'lastName', level, weight: rarityAdjusted(common ? w.lastExactCommon : w.lastExact, n, w.lastClose), note: notes.length > 0 ? notes.join('; ') : undefined };
  }
  return { field: 'lastName', level, weight: { CLOSE: w.lastClose, SIMILAR: w.lastSimilar, DIFFERENT: w.lastDifferent }[level] };
}

const DAY_MS = 86_400_000;

/** Days between two ISO dates (NaN when either is not a date). */
function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
}

function compareBirthday(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'birthday', level: 'SAME', weight: w.birthdaySame };
  // One typo in the date (a digit, or day and month swapped) is a likelier story than two people.
  const swapped = a.length === 10 && b.length === 10 && a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
  if (swapped || withinOneEdit(a, b)) return { field: 'birthday', level: 'CLOSE', weight: w.birthdayClose };
  if (damerauLevenshtein(a, b) <= 2) return { field: 'birthday', level: 'NEAR', weight: w.birthdayNear };
  // Within a year: a date misremembered or entered from an approximate age, not yet proof of two people;
  // years apart, it is.
  if (daysApart(a, b) <= 366) return { field: 'birthday', level: 'WITHIN_YEAR', weight: w.birthdayWithinYear };
  return { field: 'birthday', level: 'DIFFERENT', weight: w.birthdayDifferent };
}

/** An address's mailbox (the local part) and domain. */
function parts(email: string): [mailbox: string, domain: string] {
  const at = email.lastIndexOf('@');
  return [email.slice(0, at), email.slice(at + 1)];
}

const DIGITS = /\d+/g;

/**
 * Two mailboxes told apart by a number: one numbered and the other not, or the same letters with other numbers
 * ("maria.garcia" / "maria.garcia2", "mark.jones1" / "mark.jones2"): how a company names its second Maria Garcia
 * (found by exploratory testing: read as one typo, it linked three people). A typo in a numbered mailbox that keeps a
 * number ("robert255" / "roberta25") is still one.
 */
function numberedApart(mx: string, my: string): boolean {
  const [nx, ny] = [mx.match(DIGITS)?.join(' ') ?? '', my.match(DIGITS)?.join(' ') ?? ''];
  if (nx === ny) return false;
  return !nx || !ny || mx.replace(DIGITS, '') === my.replace(DIGITS, '');
}

/**
 * One address mistyped as the other. At one domain only the mailboxes are compared: a long shared domain made
 * different mailboxes look alike on the whole address ("jan@novak-stavby.cz" / "jan.jr@novak-stavby.cz", found by
 * exploratory testing). Two desks' mailboxes a letter apart (info@acme.com / info@acme.de) are no typo of one
 * person's address.
 */
function mistyped(x: string, y: string): boolean {
  if (isRoleMailbox(x) && isRoleMailbox(y)) return false;
  const [mx, dx] = parts(x);
  const [my, dy] = parts(y);
  if (dx === dy) return !numberedApart(mx, my) && (withinOneEdit(mx, my) || jaroWinkler(mx, my) >= 0.95);
  return withinOneEdit(x, y) || jaroWinkler(x, y) >= 0.95;
}

/** The first name as written (the name key's first word; firstKey is its canonical form, "robert" for "bob"). */
function writtenFirst(f: ContactFeatures): string {
  return f.nameKey.split(' ')[0];
}

/** Whether one name is the other's initial ("j" / "james"). */
function isInitialOf(a: string, b: string): boolean {
  return (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/** The first names a record may spell in its mailbox: canonical ("hannah") and as written ("hanna"). */
function firstNamesOf(f: ContactFeatures): string[] {
  if (!f.firstKey) return [];
  const written = writtenFirst(f);
  return written && written !== f.firstKey ? [f.firstKey, written] : [f.firstKey];
}

/** The mailbox with the first name, or its initial ("jsmith", "h.mueller", "smith.j"), replaced by a mark. */
function withoutFirstName(mailbox: string, names: readonly string[]): string[] {
  const out = names.filter((n) => mailbox.includes(n)).map((n) => mailbox.replace(n, '\u0000'));
  const initial = names[0][0];
  if (mailbox.startsWith(initial)) out.push(`\u0000${mailbox.slice(1)}`);
  const words = mailbox.split(/([._-])/);
  words.forEach((word, i) => {
    if (word === initial) out.push([...words.slice(0, i), '\u0000', ...words.slice(i + 1)].join(''));
  });
  return out;
}

/**
 * Two addresses that differ only where the two people's first names, or their initials, differ
 * ("clara.bakker@danvia.co.uk" of Clara Bakker, "laura.bakker@danvia.co.uk" of Laura Bakker; "jsmith@acme.com"
 * of John Smith, "msmith@acme.com" of Mary Smith): each spells its own person's name, so together they say what
 * the names already said, not that one address was mistyped.
 */
function differAsFirstNames(x: string, y: string, a: ContactFeatures, b: ContactFeatures): boolean {
  if (!a.firstKey || !b.firstKey || a.firstKey === b.firstKey) return false;
  const [mx, dx] = parts(x);
  const [my, dy] = parts(y);
  if (dx !== dy) return false;
  const spelt = withoutFirstName(my, firstNamesOf(b));
  return withoutFirstName(mx, firstNamesOf(a)).some((m) => spelt.includes(m));
}

/** A mailbox with separators dropped, after withoutFirstName: "\u0000.smith" and "\u0000smith" read alike. */
const SEPARATORS = /[._-]/g;

/**
 * A personal mailbox of each at one company's domain, neither a typo of the other nor both spelling the same name
 * ("jsmith@", "john.smith@", "bob.smith@" of John or Bob Smith: one person's aliases): a company gives each person
 * one mailbox, and a second Mark Jones another ("mjones7@" beside "mark.jones@"; found by exploratory testing). At a
 * free-mail provider one person may hold several. Returns the two addresses, or null.
 */
function otherMailbox(a: ContactFeatures, b: ContactFeatures): string | null {
  for (const x of a.emails) {
    for (const y of b.emails) {
      const [mx, dx] = parts(x);
      const [my, dy] = parts(y);
      if (dx !== dy || isFreeMailDomain(dx) || isRoleMailbox(x) || isRoleMailbox(y)) continue;
      if (!(spellsName(mx, a) && spellsName(my, b)) && !spellOneName(mx, a, my, b)) return `${x} and ${y}: two mailboxes at one company`;
    }
  }
  return null;
}

/**
 * A mailbox that is its person's name and nothing more: the surname or its initial, after the first name, its
 * initial or none, either way round ("isabelf", "isabel.ferrari", "ferrari.i", "ob" of Oliver Bird; separators aside).
 * Two such are one person's aliases as likely as two people's; a number ("mjones7") or another word is not.
 */
function spellsName(mailbox: string, f: ContactFeatures): boolean {
  if (!f.lastKey) return false;
  const bare = mailbox.replace(SEPARATORS, '');
  const firsts = f.firstKey ? ['', ...firstNamesOf(f), f.firstKey[0]] : [''];
  const lasts = [f.lastKey, f.lastKey[0]];
  return firsts.some((first) => lasts.some((last) => bare === `${first}${last}` || bare === `${last}${first}`)) || (f.firstKey !== '' && firstNamesOf(f).includes(bare));
}

/** Two mailboxes that are one name's spellings: alike once each one's first name or initial is taken out. */
function spellOneName(mx: string, a: ContactFeatures, my: string, b: ContactFeatures): boolean {
  if (!a.firstKey || !b.firstKey) return false;
  const bare = (m: string, f: ContactFeatures) => withoutFirstName(m, firstNamesOf(f)).map((x) => x.replace(SEPARATORS, ''));
  const other = bare(my, b);
  return bare(mx, a).some((m) => other.includes(m));
}

function compareEmails(a: ContactFeatures, b: ContactFeatures, w: Weights, counts: PersonValueCounts): Comparison | null {
  if (a.emails.length === 0 || b.emails.length === 0) return null;
  const shared = a.emails.filter((e) => b.emails.includes(e));
  if (shared.length === 0) {
    // One typo apart ("evied56@harris-bailey.net" / "evihd56@harris-bailey.net"): a mistyped address, likely one person.
    const close = a.emails.flatMap((x) => b.emails.filter((y) => mistyped(x, y)).map((y) => [x, y] as const));
    if (close.length === 0) {
      const other = otherMailbox(a, b);
      if (other) return { field: 'email', level: 'OTHER_MAILBOX', weight: w.emailOtherMailbox, note: other };
      return { field: 'email', level: 'DIFFERENT', weight: w.emailDifferent };
    }
    if (close.every(([x, y]) => differAsFirstNames(x, y, a, b))) {
      return { field: 'email', level: 'AS_NAMES', weight: w.emailAsNames, note: 'the addresses differ only by the first names' };
    }
    return { field: 'email', level: 'CLOSE', weight: w.emailClose };
  }
  // A desk's mailbox (sales@, info@) both give names no one.
  const personal = shared.filter((e) => !isRoleMailbox(e));
  if (personal.length === 0) return { field: 'email', level: 'ROLE', weight: w.emailRole, note: `${shared.join(', ')}: a desk's mailbox, not a person's` };
  const n = Math.min(...personal.map((e) => counts.email(e)));
  // A mailbox several people already share is no proof of one person either.
  return { field: 'email', level: 'SAME', weight: rarityAdjusted(w.emailSame, n, 0), note: personal.join(', ') };
}

function compareCity(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'city', level: 'SAME', weight: w.citySame };
  if (jaroWinkler(a, b) >= 0.88) return { field: 'city', level: 'CLOSE', weight: w.cityClose };
  return { field: 'city', level: 'DIFFERENT', weight: w.cityDifferent };
}

const agrees = (level: NameLikeness) => level !== 'DIFFERENT';

/**
 * A single first name ("Dean", role unknown: a one-word name is read as a
 * first name) against the other side's names: it may be either of them.
 */
function loneFirst(word: string, other: ContactFeatures, w: Weights): Comparison {
  const levels = [other.firstKey, other.lastKey].filter(Boolean).map((p) => nameLikeness(word, p, false));
  if (levels.includes('EXACT')) return { field: 'name', level: 'ONE_PART_SAME', weight: w.onePartSame, note: `"${word}" is one of the names` };
  if (levels.some(agrees)) return { field: 'name', level: 'ONE_PART_CLOSE', weight: w.onePartClose };
  return { field: 'name', level: 'DIFFERENT', weight: w.onePartDifferent };
}

/**
 * A surname alone against a full name. It is compared as a surname; when that
 * disagrees but it agrees with the other's first name, the fields were filled
 * the wrong way round (as "Thomas, Gabriel" is), which weighs as a lone match.
 */
function loneLast(a: ContactFeatures, b: ContactFeatures, w: Weights, counts: PersonValueCounts): Comparison | null {
  const last = compareLast(a.lastKey, b.lastKey, w, counts, false);
  if (last && last.level !== 'DIFFERENT') return last;
  const crossed = [a.firstKey && b.lastKey ? nameLikeness(a.firstKey, b.lastKey, false) : null, a.lastKey && b.firstKey ? nameLikeness(a.lastKey, b.firstKey, false) : null];
  if (crossed.includes('EXACT')) return { field: 'name', level: 'ONE_PART_SAME', weight: w.onePartSame, note: 'first and last name fields swapped' };
  if (crossed.some((l) => l !== null && agrees(l))) return { field: 'name', level: 'ONE_PART_CLOSE', weight: w.onePartClose };
  return last;
}

/** First and last name written the other way round ("Smith Robert", even with a typo: "Rwoe Caleb"). */
function swappedNames(a: ContactFeatures, b: ContactFeatures): boolean {
  const near = (x: string, y: string) => { const l = nameLikeness(x, y); return l === 'EXACT' || l === 'CLOSE'; };
  return Boolean(a.firstKey && a.lastKey && b.firstKey && b.lastKey) && !near(a.firstKey, b.firstKey)
    && near(a.firstKey, b.lastKey) && near(a.lastKey, b.firstKey);
}

/** First-name levels of one given name (compareFirst). */
const ONE_FIRST_NAME = new Set(['EXACT', 'NICKNAME']);

/** The name evidence: as written, swapped, or a single name against the other's. */
function compareNames(a: ContactFeatures, b: ContactFeatures, w: Weights, counts: PersonValueCounts): Comparison[] {
  if (swappedNames(a, b)) return [{ field: 'name', level: 'SWAPPED', weight: w.swapped }];
  const onlyFirst = (x: ContactFeatures) => Boolean(x.firstKey) && !x.lastKey;
  if (onlyFirst(a) && (b.firstKey || b.lastKey)) return [loneFirst(a.firstKey, b, w)];
  if (onlyFirst(b) && (a.firstKey || a.lastKey)) return [loneFirst(b.firstKey, a, w)];
  const onlyLast = (x: ContactFeatures) => Boolean(x.lastKey) && !x.firstKey;
  if (onlyLast(a) !== onlyLast(b)) {
    const c = loneLast(a, b, w, counts);
    return c ? [c] : [];
  }
  const first = compoundFirst(a, b, w) ?? compareFirst(a, b, w);
  const namesakes = first !== null && ONE_FIRST_NAME.has(first.level);
  return [first, surnameAmongOthers(a, b, w) ?? compareLast(a.lastKey, b.lastKey, w, counts, namesakes)].filter((c): c is Comparison => c !== null);
}

/** A compound given name written joined on one side and apart on the other ("Hans-Peter" / "Hans Peter"): one name. */
function compoundFirst(a: ContactFeatures, b: ContactFeatures, w: Weights): Comparison | null {
  const joined = (x: ContactFeatures) => (x.otherNames.length > 0 ? `${writtenFirst(x)}${x.otherNames[0]}` : null);
  if (!a.firstKey || !b.firstKey || a.firstKey === b.firstKey) return null;
  if (writtenFirst(a) !== joined(b) && writtenFirst(b) !== joined(a)) return null;
  return { field: 'firstName', level: 'EXACT', weight: w.firstExact, note: 'one compound given name, written joined and apart' };
}

/**
 * One surname given on one side, two on the other ("Juan Carlos Pérez" / "Juan Carlos Pérez Rodríguez": the Spanish
 * first surname alone): not a different surname, but not the same either, as another Pérez may be meant: a review
 * at most on the names (found by exploratory testing: no review was raised).
 */
function surnameAmongOthers(a: ContactFeatures, b: ContactFeatures, w: Weights): Comparison | null {
  if (!a.lastKey || !b.lastKey || a.lastKey === b.lastKey) return null;
  if (!a.otherNames.includes(b.lastKey) && !b.otherNames.includes(a.lastKey)) return null;
  return { field: 'lastName', level: 'AMONG_OTHER_NAMES', weight: w.lastAmongOthers, note: 'one surname of the other\'s two' };
}

/**
 * Suffixes of two generations on both ("Jr." / "Sr.", "II" / "III"): father and son, whatever else agrees (a family's
 * mailbox, phone and town), as differing registry ids are two companies. One stated, or none: no evidence.
 */
function generationConflict(a: ContactFeatures, b: ContactFeatures): string | null {
  const [ga, gb] = [generationOf(a), generationOf(b)];
  return ga && gb && ga !== gb ? `generations differ (${ga} ≠ ${gb})` : null;
}

/**
 * Other names (middle given names, first surnames) both records give, none of them alike: "Juan López García" and
 * "Juan Pérez García" agree on Juan and García only (found by exploratory testing: one person), as do "Maria José
 * Silva" and "Maria Luisa Silva". Alike: equal, an initial of the other ("J." / "James"), a nickname, one typo apart.
 * One record giving none is no evidence.
 */
function compareOtherNames(a: readonly string[], b: readonly string[], w: Weights): Comparison | null {
  if (a.length === 0 || b.length === 0) return null;
  const alike = (x: string, y: string) => x === y || isInitialOf(x, y) || canonicalFirstName(x) === canonicalFirstName(y)
    || (x.length >= 4 && y.length >= 4 && withinOneEdit(x, y));
  if (a.some((x) => b.some((y) => alike(x, y)))) return null;
  return { field: 'otherNames', level: 'DIFFERENT', weight: w.otherNamesDifferent, note: `${a.join(' ')} ≠ ${b.join(' ')}` };
}

/**
 * Both give numbers and share none: another person's line, or the same person's mobile beside a desk phone (-1). All
 * of one's numbers in other countries than all of the other's ("+1 415…" / "+44 20…"; a number written without its
 * country code tells none): a second Mark Jones in Leeds (found by exploratory testing), likelier than one moved (-3).
 */
function otherPhones(a: readonly string[], b: readonly string[], w: Weights): Comparison {
  const countries = (phones: readonly string[]) => new Set(phones.map(countryCallingCodeOf));
  const [ca, cb] = [countries(a), countries(b)];
  const known = !ca.has(null) && !cb.has(null);
  if (known && [...ca].every((c) => !cb.has(c))) {
    return { field: 'phone', level: 'OTHER_COUNTRY', weight: w.phoneOtherCountry, note: `+${[...ca].join('/+')} ≠ +${[...cb].join('/+')}` };
  }
  return { field: 'phone', level: 'DIFFERENT', weight: w.phoneDifferent };
}

/** A number both give (samePhoneNumber); a line many people hold (an office's) weighs less. Numbers none of them shared: otherPhones. */
function comparePhones(a: readonly string[], b: readonly string[], w: Weights, counts: PersonValueCounts): Comparison | null {
  if (a.length === 0 || b.length === 0) return null;
  const shared = a.filter((p) => b.some((q) => samePhoneNumber(p, q)));
  if (shared.length === 0) return otherPhones(a, b, w);
  const n = Math.min(...shared.map((p) => counts.phone(p)));
  return { field: 'phone', level: 'SAME', weight: rarityAdjusted(w.phoneSame, n, 0), note: n > 1 ? `phone held by ${n} people` : undefined };
}

/** Scores two contact records: are they one person? */
export function scoreContactPair(a: ContactFeatures, b: ContactFeatures, rules: MatchRules['contact'], counts: PersonValueCounts): PairScore {
  const w = rules.weights;
  const evidence = compareNames(a, b, w, counts);
  const rest = [
    compareEmails(a, b, w, counts),
    compareBirthday(a.birthday, b.birthday, w),
    compareCity(a.city, b.city, w),
    comparePhones(a.phones, b.phones, w, counts),
    compareOtherNames(a.otherNames, b.otherNames, w),
  ];
  for (const c of rest) if (c) evidence.push(c);
  const veto = generationConflict(a, b);
  if (veto) evidence.push({ field: 'generation', level: 'CONFLICT', weight: 0, note: veto });
  return total(rules.prior, evidence, veto);
}
