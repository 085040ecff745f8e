import { ContactFeatures } from './features';
import { jaroWinkler, withinOneEdit } from './normalize';
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
  return { field: 'lastName', level: 'DIFFERENT', weight: w.lastDifferent };
}

function compareBirthday(a: string | null, b: string | null, w: Weights): Comparison | null {
  if (!a || !b) return null;
  if (a === b) return { field: 'birthday', level: 'SAME', weight: w.birthdaySame };
  // One typo in the date (a digit, or day and month swapped) is a likelier story than two people.
  const swapped = a.length === 10 && b.length === 10 && a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
  if (swapped || withinOneEdit(a, b)) return { field: 'birthday', level: 'CLOSE', weight: w.birthdayClose };
  return { field: 'birthday', level: 'DIFFERENT', weight: w.birthdayDifferent };
}

function compareEmails(a: string[], b: string[], w: Weights, counts: PersonValueCounts): Comparison | null {
  if (a.length === 0 || b.length === 0) return null;
  const shared = a.filter((e) => b.includes(e));
  if (shared.length === 0) return { field: 'email', level: 'DIFFERENT', weight: w.emailDifferent };
  const n = Math.min(...shared.map((e) => counts.email(e)));
  // A mailbox several people share (info@, sales@) is no proof of one person.
  return { field: 'email', level: 'SAME', weight: rarityAdjusted(w.emailSame, n * n, 0), note: shared.join(', ') };
}

/** Scores two contact records: are they one person? */
export function scoreContactPair(a: ContactFeatures, b: ContactFeatures, rules: MatchRules['contact'], counts: PersonValueCounts): PairScore {
  const w = rules.weights;
  const evidence: Comparison[] = [];
  // First and last name written the other way round ("Smith Robert").
  const swapped = a.firstKey !== a.lastKey && a.firstKey && a.lastKey && a.firstKey === b.lastKey && a.lastKey === b.firstKey;
  if (swapped) evidence.push({ field: 'name', level: 'SWAPPED', weight: w.swapped });
  else {
    for (const c of [compareFirst(a.firstKey, b.firstKey, w), compareLast(a.lastKey, b.lastKey, w, counts)]) if (c) evidence.push(c);
  }
  const rest = [
    compareEmails(a.emails, b.emails, w, counts),
    compareBirthday(a.birthday, b.birthday, w),
    a.city && b.city ? { field: 'city', level: a.city === b.city ? 'SAME' : 'DIFFERENT', weight: a.city === b.city ? w.citySame : w.cityDifferent } : null,
    a.phones.some((p) => b.phones.includes(p)) ? { field: 'phone', level: 'SAME', weight: w.phoneSame } : null,
  ];
  for (const c of rest) if (c) evidence.push(c);
  return total(rules.prior, evidence);
}
