import { soundex } from './blocking-keys';
import { ContactFeatures, phoneKey } from './features';
import { damerauLevenshtein, jaroWinkler, withinOneEdit } from './normalize';
import { Comparison, MatchRules, PairScore, rarityAdjusted, total } from './rules';

type Weights = MatchRules['contact']['weights'];

/** How many people hold a value, as seen by blocking. */
export interface PersonValueCounts {
  lastName(lastKey: string): number;
  email(email: string): number;
}

function compareFirst(a: string, b: string, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'firstName', level: 'EXACT', weight: w.firstExact };
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return { field: 'firstName', level: 'INITIAL', weight: w.firstInitial };
  if (jaroWinkler(a, b) >= 0.9 || (Math.min(a.length, b.length) >= 4 && withinOneEdit(a, b))) {
    return { field: 'firstName', level: 'CLOSE', weight: w.firstClose };
  }
  return { field: 'firstName', level: 'DIFFERENT', weight: w.firstDifferent };
}

function compareLast(a: string, b: string, w: Weights, counts: PersonValueCounts): Comparison | null {
  if (!a || !b) return null;
  if (a === b) {
    const n = counts.lastName(a);
    return { field: 'lastName', level: 'EXACT', weight: rarityAdjusted(w.lastExact, n, w.lastClose), note: n > 1 ? `surname held by ${n} people` : undefined };
  }
  if (jaroWinkler(a, b) >= 0.92 || (Math.min(a.length, b.length) >= 4 && withinOneEdit(a, b))) {
    return { field: 'lastName', level: 'CLOSE', weight: w.lastClose };
  }
  // Spelt as heard: Allen / Alan, Smyth / Smith.
  if (soundex(a) === soundex(b) || jaroWinkler(a, b) >= 0.85) return { field: 'lastName', level: 'SOUNDS_ALIKE', weight: w.lastSoundsAlike };
  return { field: 'lastName', level: 'DIFFERENT', weight: w.lastDifferent };
}

function compareBirthday(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'birthday', level: 'SAME', weight: w.birthdaySame };
  // One typo in the date (a digit, or day and month swapped) is a likelier story than two people.
  const swapped = a.length === 10 && b.length === 10 && a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
  if (swapped || withinOneEdit(a, b)) return { field: 'birthday', level: 'CLOSE', weight: w.birthdayClose };
  if (damerauLevenshtein(a, b) <= 2) return { field: 'birthday', level: 'NEAR', weight: w.birthdayNear };
  return { field: 'birthday', level: 'DIFFERENT', weight: w.birthdayDifferent };
}

function compareEmails(a: string[], b: string[], w: Weights, counts: PersonValueCounts): Comparison | null {
  if (a.length === 0 || b.length === 0) return null;
  const shared = a.filter((e) => b.includes(e));
  if (shared.length === 0) {
    // One typo apart ("evied56@harris-bailey.net" / "evihd56@harris-bailey.net"): a mistyped address, likely one person.
    const close = a.some((x) => b.some((y) => withinOneEdit(x, y) || jaroWinkler(x, y) >= 0.95));
    return close ? { field: 'email', level: 'CLOSE', weight: w.emailClose } : { field: 'email', level: 'DIFFERENT', weight: w.emailDifferent };
  }
  const n = Math.min(...shared.map((e) => counts.email(e)));
  // A mailbox several people share (info@, sales@) is no proof of one person.
  return { field: 'email', level: 'SAME', weight: rarityAdjusted(w.emailSame, n, 0), note: shared.join(', ') };
}

function compareCity(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'city', level: 'SAME', weight: w.citySame };
  if (jaroWinkler(a, b) >= 0.88) return { field: 'city', level: 'CLOSE', weight: w.cityClose };
  return { field: 'city', level: 'DIFFERENT', weight: w.cityDifferent };
}

/** Compares a single-word name with the other side's first and last names. */
function lonePart(a: ContactFeatures, b: ContactFeatures, w: Weights): Comparison | null {
  const word = !a.lastKey ? a.firstKey : b.firstKey;
  const other = !a.lastKey ? b : a;
  if (!word) return null;
  const parts = [other.firstKey, other.lastKey].filter(Boolean);
  if (parts.includes(word)) return { field: 'name', level: 'ONE_PART_SAME', weight: w.onePartSame, note: `"${word}" is one of the names` };
  if (parts.some((p) => p.length >= 4 && word.length >= 4 && withinOneEdit(p, word))) return { field: 'name', level: 'ONE_PART_CLOSE', weight: w.onePartClose };
  return { field: 'name', level: 'DIFFERENT', weight: w.onePartDifferent };
}

/** Scores two contact records: are they one person? */
export function scoreContactPair(a: ContactFeatures, b: ContactFeatures, rules: MatchRules['contact'], counts: PersonValueCounts): PairScore {
  const w = rules.weights;
  const evidence: Comparison[] = [];
  const near = (x: string, y: string) => x === y || (x.length >= 3 && y.length >= 3 && (jaroWinkler(x, y) >= 0.9 || withinOneEdit(x, y)));
  // First and last name written the other way round ("Smith Robert", even with a typo: "Rwoe Caleb").
  const swapped = a.firstKey && a.lastKey && b.firstKey && b.lastKey && !near(a.firstKey, b.firstKey)
    && near(a.firstKey, b.lastKey) && near(a.lastKey, b.firstKey);
  // One side has a single name ("Dean"): it may be the first or the last name of the other.
  const lone = (!a.lastKey || !b.lastKey) && a.firstKey && b.firstKey ? lonePart(a, b, w) : null;
  if (swapped) evidence.push({ field: 'name', level: 'SWAPPED', weight: w.swapped });
  else if (lone) evidence.push(lone);
  else {
    for (const c of [compareFirst(a.firstKey, b.firstKey, w), compareLast(a.lastKey, b.lastKey, w, counts)]) if (c) evidence.push(c);
  }
  const rest = [
    compareEmails(a.emails, b.emails, w, counts),
    compareBirthday(a.birthday, b.birthday, w),
    compareCity(a.city, b.city, w),
    a.phones.some((p) => b.phones.some((q) => phoneKey(p) === phoneKey(q))) ? { field: 'phone', level: 'SAME', weight: w.phoneSame } : null,
  ];
  for (const c of rest) if (c) evidence.push(c);
  return total(rules.prior, evidence);
}
