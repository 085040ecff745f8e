import { isPlaceholderName } from './person-name';
import { foldWords } from './text';
import { GENERIC_NAME_WORDS, LEADING_LEGAL_FORMS, LEGAL_FORMS, SEAT_WORDS } from './legal-forms';

/** A company name reduced to a comparison key. */
export interface CompanyName {
  /** Normalised name without legal forms, single-spaced; '' only when the input has no letters or digits. */
  key: string;
  /** The words of `key`. */
  tokens: string[];
  /** Canonical code of the right-most legal form removed (e.g. 'INC', 'NV'), else of a leading one ("N.V. Nutricia"), or null. */
  legalForm: string | null;
}

interface LegalFormSpelling {
  words: readonly string[];
  code: string;
}

/**
 * Legal-form spellings indexed by their LAST word, longest first. Most names do not
 * end in a legal form, so the common case costs one Map miss.
 */
const LEGAL_FORMS_BY_LAST_WORD: ReadonlyMap<string, readonly LegalFormSpelling[]> = buildLegalFormIndex();

function buildLegalFormIndex(): Map<string, LegalFormSpelling[]> {
  const index = new Map<string, LegalFormSpelling[]>();
  for (const [code, spellings] of LEGAL_FORMS) {
    for (const spelling of spellings) {
      const words = spelling.split(' ');
      const last = words[words.length - 1];
      const bucket = index.get(last) ?? [];
      bucket.push({ words, code });
      index.set(last, bucket);
    }
  }
  for (const bucket of index.values()) bucket.sort((x, y) => y.words.length - x.words.length);
  return index;
}

const AMPERSAND_OR_PLUS = /[&+]/g;
const SINGLE_LETTER = /^\p{L}$/u;

/**
 * Normalise a company name for identity resolution.
 *
 * Steps: fold case/accents; "&"/"+" → "and"; punctuation → spaces; runs of single
 * letters are collapsed into one word ("A.B.C." → "abc", "N V" → "nv", "A/S" →
 * "as"), which is what makes dotted and spaced legal forms and initialisms compare
 * equal; a leading (or trailing, library-style "Acme Company, The") "the" is
 * dropped; a leading Dutch/Swedish legal form is dropped ("N.V. Nutricia" →
 * "nutricia"); what follows a legal form as the registered seat is dropped
 * ("Akzo Nobel N.V., Arnhem, NL", "DSM N.V. te Heerlen" → "akzo nobel", "dsm");
 * legal forms are stripped from the end repeatedly ("Acme Corporation Inc" →
 * "acme").
 *
 * The last remaining word is never stripped, so the key is never empty for a
 * name with letters or digits: "Co" → "co", "Company Inc" → "company" (INC).
 */
export function normalizeCompanyName(raw: string): CompanyName {
  const whole = finish(nameWords(raw));
  const head = registeredName(raw);
  if (!head) return whole;
  // The name without its seat, when that is shorter (the whole name may already lose as much: "Acme Co., Ltd.").
  const registered = finish(head);
  return registered.tokens.length < whole.tokens.length ? registered : whole;
}

/**
 * Words that, alone or with others of them only, stand where nobody knew the customer's name ("Unknown", "N/A",
 * "Test Test", "Privatkunde"), in the languages the divisions write. Compared after normalisation: lower-case, accents
 * folded, punctuation gone, single letters run together ("N/A", "n.a." → "na"; "N.N." → "nn") and legal forms dropped
 * ("Test GmbH" → "test").
 */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'na', 'nn', 'none', 'null', 'nil', 'nan', 'undefined', 'unknown', 'unbekannt', 'inconnu', 'desconocido', 'desconhecido', 'sconosciuto',
  'onbekend', 'okand', 'ukjent', 'ukendt', 'tuntematon', 'nieznany', 'test', 'tests', 'testing', 'dummy', 'sample', 'example', 'tbd', 'tba',
  'tbc', 'todo', 'private', 'privat', 'privatkunde', 'privatkunden', 'privatperson', 'particulier', 'particular', 'privato', 'individual',
  'anonymous', 'anonym', 'noname', 'unnamed', 'unassigned', 'misc', 'miscellaneous', 'various', 'diverse', 'diversen', 'sonstige', 'xx', 'xxx',
  'xxxx', 'xxxxx', 'asdf',
]);

/** Placeholders of several words of which some are real words elsewhere ("Private Equity", "Cash Converters"). */
const PLACEHOLDER_PHRASES: ReadonlySet<string> = new Set([
  'private customer', 'private client', 'private person', 'private individual', 'privat kunde', 'walk in', 'walk in customer', 'walkin',
  'walkin customer', 'cash customer', 'cash sale', 'cash sales', 'cash account', 'no name', 'no company', 'not applicable', 'not available',
  'not known', 'not specified', 'not provided', 'test customer', 'test account', 'test client', 'dummy customer', 'dummy account',
  'one time customer', 'onetime customer', 'one off customer', 'retail customer', 'end customer', 'endkunde', 'einzelkunde', 'barverkauf',
  'laufkundschaft', 'keine angabe', 'ohne name', 'sans nom', 'sin nombre', 'cliente final', 'consumidor final', 'client particulier',
  'cliente privato', 'cliente particular', 'diverse kunden', 'divers kunde', 'customer', 'client', 'company', 'firma', 'kunde',
]);

/** A name of zeros ("0", "000"): a number typed where the name was required. */
const ZEROS = /^0+$/;

/**
 * Whether a normalised company name is no name: empty, a placeholder (PLACEHOLDER_WORDS, PLACEHOLDER_PHRASES), or
 * nothing but a legal form ("Inc.", "Company Inc", "The Co", whose last word normalisation keeps). Such a record
 * tells no company by its name: matching compares no name for it and gives it no name keys (issue 4, item 3: "N/A" /
 * "n.a." and "Inc." / "INC" of different customers linked on their "exact" names).
 */
export function hasNoName({ key, tokens }: CompanyName): boolean {
  if (key === '' || ZEROS.test(key) || PLACEHOLDER_PHRASES.has(key)) return true;
  if (tokens.every((t) => PLACEHOLDER_WORDS.has(t))) return true;
  return LEGAL_FORMS_BY_LAST_WORD.get(tokens[tokens.length - 1])?.some((form) => form.words.length === tokens.length && endsWith(tokens, form.words)) ?? false;
}

/**
 * Whether a company name as written is no name (hasNoName of its normalised form, given when already made), or
 * placeholders word by word as a person's name would be ("N/A N/A", whose letters normalisation runs together).
 */
export function isNamelessCompany(raw: string, normalized: CompanyName = normalizeCompanyName(raw)): boolean {
  return hasNoName(normalized) || isPlaceholderName(raw);
}

/** A name's words with the code of the legal form dropped before them ("N.V. Nutricia": NV), if any. */
interface NameWords {
  words: string[];
  leadingForm: string | null;
}

function finish({ words, leadingForm }: NameWords): CompanyName {
  dropSeat(words);
  const legalForm = stripLegalForms(words) ?? leadingForm;
  return { key: words.join(' '), tokens: words, legalForm };
}

function nameWords(raw: string): NameWords {
  return dropLeadingLegalForm(dropArticle(collapseInitials(tokenize(raw))));
}

// Where registers and patent offices append the seat or an abbreviation: "Name B.V., City", "Name Ltd; Other", "Name N.V. (ABC)".
const APPENDIX_SEPARATOR = /[,;(]/;

/**
 * The words of the name up to the first legal form that a separator follows:
 * "Unilever N.V., Rotterdam, NL" → ["unilever", "nv"]. Registers write a
 * company's seat (and country) after its legal form; it is not part of the
 * name, and two listings of one company name different seats. Null when no
 * such legal form ends a part before a separator.
 */
function registeredName(raw: string): NameWords | null {
  if (!APPENDIX_SEPARATOR.test(raw)) return null;
  const parts = raw.split(APPENDIX_SEPARATOR);
  let prefix = '';
  for (let i = 0; i < parts.length - 1; i++) {
    prefix += `${parts[i]} `;
    const head = nameWords(prefix);
    if (trailingLegalForm(head.words)) return head;
  }
  return null;
}

/** Cut "… N.V. te Heerlen" after the legal form: a seat word after a legal form starts the seat. */
function dropSeat(words: string[]): void {
  for (let i = 2; i < words.length - 1; i++) {
    if (SEAT_WORDS.has(words[i]) && trailingLegalForm(words.slice(0, i))) {
      words.length = i;
      return;
    }
  }
}

/** Leading legal forms, longest first (see LEADING_LEGAL_FORMS). */
const LEADING_FORMS: readonly LegalFormSpelling[] = LEADING_LEGAL_FORMS.map(([code, spelling]) => ({ code, words: spelling.split(' ') })).sort((x, y) => y.words.length - x.words.length);

/** The codes of the forms that also stand before a name (NV, BV, AB). */
const LEADING_CODES: ReadonlySet<string> = new Set(LEADING_LEGAL_FORMS.map(([code]) => code));

/**
 * "nv nutricia" → "nutricia" (NV). A name that is only the form keeps it, and so
 * does one where a single generic word follows ("NV Energy", "The AB Group"):
 * there the letters are the name itself, and dropping them would leave a
 * word that many companies share. So does a name that ends in another kind of
 * legal form ("A.B. Dick Company", "N.V. Ramana Ltd", "AB Electronics Ltd"):
 * a company states its form once, so the letters in front are initials or the
 * name (found by exploratory testing: "A.B. Dick Company" was "Dick Company").
 * A register writing both Dutch forms ("N.V. Acme B.V.") still has its leading one dropped.
 */
function dropLeadingLegalForm(words: string[]): NameWords {
  const form = LEADING_FORMS.find((f) => f.words.length < words.length && f.words.every((w, i) => words[i] === w));
  if (!form) return { words, leadingForm: null };
  const rest = words.slice(form.words.length);
  if (rest.length === 1 && GENERIC_NAME_WORDS.has(rest[0])) return { words, leadingForm: null };
  const trailing = trailingLegalForm(rest);
  return trailing && !LEADING_CODES.has(trailing.code) ? { words, leadingForm: null } : { words: rest, leadingForm: form.code };
}

/** Trademark signs ("ACME™" folds to "acmetm"): no part of a name. Invisible characters go in foldText, for every key. */
const TRADEMARK_SIGNS = /[™℠®©]/g;

function tokenize(raw: string): string[] {
  return foldWords(raw.replace(TRADEMARK_SIGNS, '').replace(AMPERSAND_OR_PLUS, ' and '));
}

/** Join runs of two or more single-letter words: ["a","b","c","holdings"] → ["abc","holdings"]. */
function collapseInitials(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (token.length === 1 && SINGLE_LETTER.test(token)) {
      run += token;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(token);
  }
  if (run) out.push(run);
  return out;
}

function dropArticle(words: string[]): string[] {
  if (words.length > 1 && words[0] === 'the') words.shift();
  if (words.length > 1 && words[words.length - 1] === 'the') words.pop();
  return words;
}

/** Remove trailing legal forms in place; returns the code of the first (right-most) one removed. */
function stripLegalForms(words: string[]): string | null {
  let first: string | null = null;
  for (;;) {
    const match = trailingLegalForm(words);
    if (!match) return first;
    words.length -= match.words.length;
    first ??= match.code;
  }
}

function trailingLegalForm(words: readonly string[]): LegalFormSpelling | undefined {
  const candidates = LEGAL_FORMS_BY_LAST_WORD.get(words[words.length - 1]);
  if (!candidates) return undefined;
  return candidates.find((form) => form.words.length < words.length && endsWith(words, form.words));
}

function endsWith(words: readonly string[], suffix: readonly string[]): boolean {
  const offset = words.length - suffix.length;
  for (let i = 0; i < suffix.length; i++) {
    if (words[offset + i] !== suffix[i]) return false;
  }
  return true;
}
