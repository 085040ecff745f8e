import { foldText, NON_WORD_CHARS_GLOBAL } from './text';
import { NICKNAME_GROUPS } from './nicknames';

/** A person's name reduced to comparison parts; every field is normalised with `normalizeWord`. */
export interface PersonName {
  /** First given name ('' when only a surname is known, e.g. "Mr Smith"). */
  first: string;
  /** Last word of the surname ('' for single names such as "Madonna"). */
  last: string;
  /** `first` mapped through the nickname table ("bob" → "robert"). */
  firstCanonical: string;
  /** "first last" (or whichever of the two is present). Uses `first`, not `firstCanonical`. */
  key: string;
  /** The generation a suffix states ("Jr." → "jr", "Snr" → "sr", "III" → "iii"), '' when none. */
  generation: string;
}

const TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'rev', 'reverend', 'fr', 'father', 'hon', 'honorable', 'honourable', 'herr', 'frau', 'mme', 'mlle',
  'madame', 'monsieur', 'sr', 'sra', 'srta', 'dott', 'dipl', 'ing', 'capt', 'captain', 'col', 'gen',
  'lt', 'maj', 'sgt', 'rabbi',
  // German and Austrian academic titles: Univ.-Prof., Priv.-Doz., Mag. (Magister), Dipl.-Kfm.
  'univ', 'priv', 'doz', 'mag',
]);

/**
 * What follows a title and belongs to it ("Dr. med.", "Dr. rer. nat.", "Dipl.-Kfm.", "Dr. h.c."): dropped only
 * after a title, as "Nat" and "Jur" on their own may be given names. Found by exploratory testing: "Dr. med. Hans
 * Müller" was read as first name "med", so two doctors of one surname agreed on it.
 */
const TITLE_QUALIFIERS: ReadonlySet<string> = new Set([
  'med', 'rer', 'nat', 'soc', 'oec', 'pol', 'phil', 'jur', 'iur', 'techn', 'mont', 'vet', 'dent', 'habil', 'mult', 'theol',
  'pharm', 'agr', 'publ', 'sc', 'kfm', 'kff', 'vw', 'inf', 'psych', 'paed', 'univ',
]);

/** Titles and qualifiers that are given names as well. */
const GIVEN_NAME_TITLES: ReadonlySet<string> = new Set(['phil', 'nat', 'mag', 'jur', 'sc']);

// "ma", "ba" and "do" are left out on purpose: they are real surnames ("Yo-Yo Ma", "Anh Do").
const SUFFIXES: ReadonlySet<string> = new Set([
  'jr', 'jnr', 'sr', 'snr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'dds', 'dmd', 'dvm', 'esq', 'esquire',
  'mba', 'cpa', 'jd', 'llm', 'msc', 'bsc', 'rn', 'cfa', 'pe', 'obe', 'mbe', 'cbe', 'kbe', 'frs', 'qc', 'kc',
]);

/** Suffixes that tell a family's generations apart, as one spelling: "John Smith Jr." and "John Smith Sr." are two people. */
const GENERATIONS: ReadonlyMap<string, string> = new Map([
  ['jr', 'jr'], ['jnr', 'jr'], ['sr', 'sr'], ['snr', 'sr'], ['ii', 'ii'], ['iii', 'iii'], ['iv', 'iv'], ['v', 'v'],
]);

/**
 * What forms put in a required name field when nobody knows the name. Read as
 * a name, "Unknown" would make every nameless contact agree on a first name
 * (or disagree with every real one); it is no name at all.
 */
const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set([
  'unknown', 'none', 'null', 'tbd', 'tba', 'anonymous', 'noname', 'notknown', 'notavailable', 'xxx',
]);
/** "N/A" and "n.a." spelt with their punctuation: "Na" alone is a surname. */
const NOT_APPLICABLE = /^n\s*[/.]\s*a\.?$/;

/**
 * "Unknown", "N/A", "(none)", "no name": a placeholder where the name should be. Also placeholders in both
 * name words ("Unknown Unknown", "N/A N/A", "TBD TBD": found by exploratory testing, two such contacts agreed
 * on first and last name); "Unknown Smith" is a name.
 */
export function isPlaceholderName(raw: string): boolean {
  const folded = foldText(raw).trim();
  if (isPlaceholderWord(folded)) return true;
  const words = folded.split(/\s+/);
  return words.length > 1 && words.every(isPlaceholderWord);
}

function isPlaceholderWord(folded: string): boolean {
  return NOT_APPLICABLE.test(folded) || PLACEHOLDER_NAMES.has(folded.replace(/[^a-z]/g, ''));
}

/** Variant → canonical given name, built once from the many-to-one table. */
const CANONICAL_FIRST_NAMES: ReadonlyMap<string, string> = new Map(
  NICKNAME_GROUPS.flatMap(([canonical, variants]) => variants.map((variant) => [variant, canonical] as const)),
);

const ANGLE_BRACKETED = /<[^>]*>/g;
const EMAIL_LIKE = /\S*@\S*/g;
/** Parenthesised or quoted asides: "Robert (Bob) Smith", 'Robert "Bob" Smith'. */
const ASIDES = /\([^)]*\)|"[^"]*"|“[^”]*”/g;
const ASIDE_DELIMITERS = /[()"“”]/g;
const WORD_SEPARATORS = /[\s.]+/;

/** Lower-case, accents stripped, letters and digits only: "O'Neil" → "oneil", "José" → "jose". */
export function normalizeWord(s: string): string {
  return foldText(s).replace(NON_WORD_CHARS_GLOBAL, '');
}

/**
 * Map a first name or nickname to its canonical given name ("Bobby" → "robert",
 * "Kathryn" → "katherine"); unknown names map to themselves, normalised. See
 * `NICKNAME_GROUPS` for how ambiguous nicknames are resolved.
 */
export function canonicalFirstName(first: string): string {
  const word = normalizeWord(first);
  return CANONICAL_FIRST_NAMES.get(word) ?? word;
}

/**
 * Split a free-text person name into first and last name.
 *
 * Accepts "First Middle Last", "Last, First Middle" and display names with an
 * e-mail address ("Robert Smith <bob@acme.com>", the address is dropped).
 * Leading titles (Mr, Dr, Prof, ...) and trailing suffixes (Jr, III, PhD, ...) are
 * dropped, as are middle names and initials and parenthesised/quoted nicknames.
 * `last` is the LAST word of the surname, so compound and particle surnames
 * reduce to their final word ("García López" → "lopez", "van Gogh" → "gogh"):
 * cheap and consistent, at the cost of ignoring the Spanish paternal surname.
 * Hyphenated given names stay one word ("María-José" → "mariajose").
 */
export function parsePersonName(raw: string): PersonName {
  if (isPlaceholderName(raw)) return { first: '', last: '', firstCanonical: '', key: '', generation: '' };
  const { givenWords, surnameWords, hadTitle, generation } = splitName(cleanName(raw));
  let first = givenWords[0] ?? '';
  let last = surnameWords[surnameWords.length - 1] ?? '';
  // "Mr Smith": with a title and a single word, the word is a surname.
  if (hadTitle && !last && givenWords.length === 1) [first, last] = ['', first];
  const key = first && last ? `${first} ${last}` : first || last;
  return { first, last, firstCanonical: first ? canonicalFirstName(first) : '', key, generation };
}

/** Words between names that are no name of their own ("Ludwig van Beethoven", "García y López"). */
const PARTICLES: ReadonlySet<string> = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'ter', 'ten', 'y', 'e', 'bin', 'ibn', 'al', 'el', 'zu',
]);

/**
 * A person's other names: the given names after the first and the surnames before the last, particles aside
 * ("Juan Carlos Pérez Rodríguez" → carlos, perez; "García López, María José" → jose, garcia). Two people of one
 * first and last name are often told apart by these alone (Juan López García / Juan Pérez García).
 */
export function otherNames(raw: string): string[] {
  if (isPlaceholderName(raw)) return [];
  const { givenWords, surnameWords } = splitName(cleanName(raw));
  return otherWords(givenWords, surnameWords);
}

/** The other names of a name given as separate fields: the given name's words after the first, the surname's before the last. */
export function otherNamesOfFields(given: string, surname: string): string[] {
  return otherWords(words(given), words(surname));
}

function otherWords(givenWords: readonly string[], surnameWords: readonly string[]): string[] {
  return [...givenWords.slice(1), ...surnameWords.slice(0, -1)].filter((w) => !PARTICLES.has(w) && !isPlaceholderName(w));
}

/**
 * A surname field as written and the generation its suffix states ("Smith Jr." → "Smith", "jr"), for systems with
 * separate name fields.
 */
export function surnameAndGeneration(raw: string): { surname: string; generation: string } {
  const found: string[] = [];
  const kept = stripSuffixes(raw.split(/[\s,]+/).filter((w) => normalizeWord(w).length > 0), found, (w) => normalizeWord(w));
  return { surname: kept.join(' '), generation: generationAmong(found) };
}

/** Whether a word is a generation as a name key holds it ("jr", "sr", "ii", …): one list with GENERATIONS. */
export function isGeneration(word: string): boolean {
  return GENERATION_NAMES.has(word);
}

const GENERATION_NAMES: ReadonlySet<string> = new Set(GENERATIONS.values());

/** The generation among stripped suffix words, '' when none. */
function generationAmong(suffixes: readonly string[]): string {
  for (const w of suffixes) {
    const generation = GENERATIONS.get(w);
    if (generation) return generation;
  }
  return '';
}

/** Remove e-mail addresses and asides; fall back to the aside when it is all there is ('bob@x.com (Bob Smith)'). */
function cleanName(raw: string): string {
  const withoutEmail = raw.replace(ANGLE_BRACKETED, ' ').replace(EMAIL_LIKE, ' ');
  const withoutAsides = withoutEmail.replace(ASIDES, ' ');
  return (withoutAsides.trim() ? withoutAsides : withoutEmail).replace(ASIDE_DELIMITERS, ' ');
}

interface NameParts {
  givenWords: string[];
  surnameWords: string[];
  hadTitle: boolean;
  generation: string;
}

function splitName(text: string): NameParts {
  // Comma parts that are only suffixes/titles ("Smith, Jr.", "…, PhD") are not a "Last, First" split.
  const all = text.split(',').map(words);
  const parts = all.filter((part) => part.length > 0 && !onlyTitles(part));
  // Suffixes dropped: a trailing comma part of them ("Robert Smith, Jr."), or the last words of a part.
  const suffixes = all.slice(1).filter((part) => part.length > 0 && onlyTitles(part)).flat();
  if (parts.length >= 2) {
    const given = stripTitles(parts[1]);
    return {
      givenWords: stripSuffixes(given.words, suffixes), surnameWords: stripSuffixes(parts[0], suffixes), hadTitle: given.hadTitle,
      generation: generationAmong(suffixes),
    };
  }
  const single = stripTitles(parts[0] ?? []);
  const kept = stripSuffixes(single.words, suffixes);
  const generation = generationAmong(suffixes);
  if (kept.length < 2) return { givenWords: kept, surnameWords: [], hadTitle: single.hadTitle, generation };
  return { givenWords: kept.slice(0, -1), surnameWords: kept.slice(-1), hadTitle: single.hadTitle, generation };
}

/** Titles and suffixes alone ("Jr.", "PhD", "Dr. med."): no name. */
function onlyTitles(part: string[]): boolean {
  return part.every((w, i) => SUFFIXES.has(w) || TITLES.has(w) || (i > 0 && TITLES.has(part[0]) && (TITLE_QUALIFIERS.has(w) || w === 'h' || w === 'c')));
}

function words(text: string): string[] {
  return text
    .split(WORD_SEPARATORS)
    .map(normalizeWord)
    .filter((w) => w.length > 0);
}

/** Drop leading titles and what belongs to them ("Dr. med."), but never the last word ("Dr Who" keeps "who"; a lone title is removed earlier as a title-only part). */
function stripTitles(input: string[]): { words: string[]; hadTitle: boolean } {
  let start = 0;
  while (start < input.length - 1) {
    const word = input[start];
    const title = TITLES.has(word) || (start > 0 && TITLE_QUALIFIERS.has(word));
    // A title that is a given name too ("Phil", "Nat", "Mag") is one only with a given name and a surname after it:
    // "Dr. Phil Jones" is Phil (found in review: he lost his first name and agreed with "Mary Jones" on the surname).
    if (title && (!GIVEN_NAME_TITLES.has(word) || start + 2 < input.length)) start++;
    // "Dr. h.c.": honoris causa, two one-letter words.
    else if (start > 0 && word === 'h' && input[start + 1] === 'c' && start + 2 < input.length) start += 2;
    else break;
  }
  return { words: input.slice(start), hadTitle: start > 0 };
}

/** Drop trailing suffixes, but never the first word; those dropped go to `dropped` (normalised). */
function stripSuffixes(input: string[], dropped: string[], normalize: (w: string) => string = (w) => w): string[] {
  let end = input.length;
  while (end > 1 && SUFFIXES.has(normalize(input[end - 1]))) dropped.push(normalize(input[--end]));
  return input.slice(0, end);
}
