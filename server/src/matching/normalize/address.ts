import { foldText, foldWords } from './text';

/**
 * Street-address words → one canonical abbreviation (USPS style), so "123 North
 * Main Street, Suite 5" and "123 N Main St Ste 5" normalise alike. "st" also
 * stands for "saint" and "dr" for "doctor": both sides of a comparison get the
 * same treatment, so the ambiguity does not matter for matching.
 */
const ADDRESS_WORDS: ReadonlyMap<string, string> = buildWordMap([
  ['st', ['street', 'str', 'strasse', 'saint']],
  ['ave', ['avenue', 'av', 'avn', 'aven']],
  ['rd', ['road']],
  ['blvd', ['boulevard', 'boul', 'bd']],
  ['dr', ['drive', 'drv']],
  ['ln', ['lane']],
  ['ct', ['court']],
  ['pl', ['place']],
  ['sq', ['square']],
  ['cir', ['circle']],
  ['cres', ['crescent']],
  ['ter', ['terrace']],
  ['trl', ['trail']],
  ['hwy', ['highway']],
  ['pkwy', ['parkway']],
  ['expy', ['expressway']],
  ['fwy', ['freeway']],
  ['plz', ['plaza']],
  ['ctr', ['center', 'centre']],
  ['hts', ['heights']],
  ['jct', ['junction']],
  ['mt', ['mount']],
  ['rte', ['route']],
  ['ste', ['suite']],
  ['apt', ['apartment', 'appt']],
  ['fl', ['floor']],
  ['bldg', ['building']],
  ['rm', ['room']],
  ['dept', ['department']],
  ['n', ['north']],
  ['s', ['south']],
  ['e', ['east']],
  ['w', ['west']],
  ['ne', ['northeast']],
  ['nw', ['northwest']],
  ['se', ['southeast']],
  ['sw', ['southwest']],
  ['1st', ['first']],
  ['2nd', ['second']],
  ['3rd', ['third']],
  ['4th', ['fourth']],
  ['5th', ['fifth']],
  ['6th', ['sixth']],
  ['7th', ['seventh']],
  ['8th', ['eighth']],
  ['9th', ['ninth']],
  ['10th', ['tenth']],
]);

/** Canonical street types: a list that leaves them out ("2121 N Keeler") names the same street as one that writes them. */
const STREET_TYPES: ReadonlySet<string> = new Set([
  'st', 'ave', 'rd', 'blvd', 'dr', 'ln', 'ct', 'pl', 'sq', 'cir', 'cres', 'ter', 'trl', 'hwy', 'pkwy', 'expy', 'fwy', 'plz',
]);

/** German compounds: "Hauptstraße" and "Hauptstr." both become "hauptstr". */
const STRASSE_SUFFIX = /(?<=\p{L})strasse$/u;
/** "P.O. Box", "PO Box" and "Post Office Box" all become "po box". */
const PO_BOX = /\b(?:p o|post office) box\b/g;
const NON_ALNUM = /[^A-Z0-9]+/g;
const US_ZIP_PLUS_4 = /^\s*(\d{5})[\s-]?\d{4}\s*$/;

function buildWordMap(groups: ReadonlyArray<readonly [string, readonly string[]]>): Map<string, string> {
  return new Map(groups.flatMap(([canonical, variants]) => variants.map((v) => [v, canonical] as const)));
}

/**
 * Normalise a postal address for comparison: lower-case, accents stripped,
 * punctuation → spaces, street types, unit designators, directions and ordinal
 * words in one canonical form, single-spaced.
 */
export function normalizeAddress(raw: string): string {
  const words = foldWords(raw).map(canonicalAddressWord);
  return words.join(' ').replace(PO_BOX, 'po box');
}

/**
 * Two normalised addresses that differ only in that one of them leaves out
 * the street type at its end: "2121 n keeler" / "2121 n keeler ave". The
 * same building. (Two different street types, "st" / "ave", stay two streets.)
 */
export function sameAddressButStreetType(a: string, b: string): boolean {
  if (a.length === b.length) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (!long.startsWith(short) || long.charCodeAt(short.length) !== 32) return false;
  const rest = long.slice(short.length + 1);
  return STREET_TYPES.has(rest) && !STREET_TYPES.has(short.slice(short.lastIndexOf(' ') + 1));
}

function canonicalAddressWord(word: string): string {
  return ADDRESS_WORDS.get(word) ?? word.replace(STRASSE_SUFFIX, 'str');
}

/**
 * Postal code as upper-case letters and digits ("sw1a 1aa" → "SW1A1AA"); US
 * ZIP+4 ("12345-6789", "12345 6789", "123456789") is cut to its 5-digit ZIP so
 * it matches records that only have the ZIP. Null when nothing remains.
 */
export function normalizePostalCode(raw: string): string | null {
  const zip = US_ZIP_PLUS_4.exec(raw);
  if (zip) return zip[1];
  const code = foldText(raw).toUpperCase().replace(NON_ALNUM, '');
  return code || null;
}
