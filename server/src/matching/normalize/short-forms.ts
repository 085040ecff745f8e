import { NICKNAME_GROUPS } from './nicknames';
import { canonicalFirstName } from './person-name';

/** Every short form or variant of the nickname table ("chris", "bob"), normalised. */
const VARIANTS: ReadonlySet<string> = new Set(NICKNAME_GROUPS.flatMap(([, variants]) => variants));

/**
 * Names, as canonical forms, that a short form stands for besides the one the nickname table gives it and those it
 * begins (see mayStandFor): the table sends each short form to one name ("chris" → christopher), but people called
 * Chris are Christophers, Christinas and Christians alike.
 */
const ALSO_STANDS_FOR_LIST: ReadonlyArray<readonly [short: string, names: readonly string[]]> = [
  ['chris', ['christina', 'christian']],
  ['alex', ['alexandra', 'alexis']],
  ['sam', ['samantha']],
  ['pat', ['patricia']],
  ['andy', ['andrea']],
  ['charlie', ['charlotte']],
  ['nicky', ['nicole', 'nicola']],
  ['jo', ['joanna', 'johanna', 'joan']],
  ['toni', ['anthony', 'antonio']],
  ['max', ['maxine']],
  ['frankie', ['francesca', 'frances']],
  ['terry', ['teresa', 'theresa']],
  ['ronnie', ['veronica']],
  ['stevie', ['stephanie']],
  ['dan', ['danielle']],
  ['danny', ['danielle']],
];
const ALSO_STANDS_FOR: ReadonlyMap<string, readonly string[]> = new Map(ALSO_STANDS_FOR_LIST.map(([short, names]) => [short, names.map(canonicalFirstName)]));

/**
 * Whether a short form written as a first name ("Chris", normalised) may stand for another given name (as written,
 * normalised: "christine") that the nickname table does not send it to: listed above, or a name it begins that is two
 * letters or more longer ("alex" / "alexandra", but not "dan" / "dana": a name with one letter more is a name of its
 * own, see areTwoGivenNames). Found by exploratory testing (issue 4, item 3): "Chris Berg" joined Christopher Berg
 * although Christine Berg was at the account too. False when the two are one name already (same canonical form).
 */
export function mayStandFor(short: string, name: string): boolean {
  if (!VARIANTS.has(short) || canonicalFirstName(short) === canonicalFirstName(name)) return false;
  if (ALSO_STANDS_FOR.get(short)?.includes(canonicalFirstName(name))) return true;
  return short.length >= 3 && name.length >= short.length + 2 && name.startsWith(short);
}
