import { foldWords } from './text';
import { LEGAL_FORMS } from './legal-forms';

/** A company name reduced to a comparison key. */
export interface CompanyName {
  /** Normalised name without legal forms, single-spaced; '' only when the input has no letters or digits. */
  key: string;
  /** The words of `key`. */
  tokens: string[];
  /** Canonical code of the right-most legal form removed (e.g. 'INC', 'NV'), or null. */
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
 * dropped; legal forms are stripped from the end repeatedly ("Acme Corporation
 * Inc" → "acme").
 *
 * The last remaining word is never stripped, so the key is never empty for a
 * name with letters or digits: "Co" → "co", "Company Inc" → "company" (INC).
 */
export function normalizeCompanyName(raw: string): CompanyName {
  const words = dropArticle(collapseInitials(tokenize(raw)));
  const legalForm = stripLegalForms(words);
  return { key: words.join(' '), tokens: words, legalForm };
}

function tokenize(raw: string): string[] {
  return foldWords(raw.replace(AMPERSAND_OR_PLUS, ' and '));
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
