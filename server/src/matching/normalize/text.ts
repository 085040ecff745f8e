/**
 * Low-level text folding shared by the normalisers. Every matching key is built on
 * `foldText`, so two spellings that differ only in case, accents, ligatures or
 * full-width forms fold to the same string.
 */

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;
/** Invisible format characters (a soft hyphen, zero-width spaces and joiners, a BOM): no part of a word. */
const FORMAT_CHARACTERS = /\p{Cf}+/gu;

/**
 * Letters that NFKD does not decompose into "base letter + mark", so stripping
 * marks alone would leave them untouched (e.g. "Øresund", "Straße", "Łódź").
 */
const SPECIAL_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['ł', 'l'],
  ['þ', 'th'],
  ['ı', 'i'],
  ['ħ', 'h'],
  ['ŀ', 'l'],
]);
const SPECIAL_LETTER = /[ßæœøđðłþıħŀ]/g;

/** Apostrophes join rather than split words: "O'Neil" → "oneil", "McDonald's" → "mcdonalds". */
export const APOSTROPHES = /['’‘`´ʼ]/g;

/** Anything that is not a letter or a digit (in any script) separates words. */
export const NON_WORD_CHARS = /[^\p{L}\p{N}]+/u;
export const NON_WORD_CHARS_GLOBAL = /[^\p{L}\p{N}]+/gu;

/**
 * Lower-case, compatibility-decompose (NFKD: "ﬁ" → "fi", full-width "Ａ" → "a") and
 * drop combining marks ("é" → "e") and invisible format characters (a soft hyphen split "Werk\u00ADzeuge" in
 * two). ASCII input skips the Unicode work, which is
 * the common case and keeps bulk ingestion fast.
 */
export function foldText(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  // Lower-case after NFKD: compatibility forms can decompose to upper-case letters.
  return s
    .normalize('NFKD')
    .replace(FORMAT_CHARACTERS, '')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_LETTER, (c) => SPECIAL_LETTERS.get(c) ?? c);
}

/**
 * Fold and split into words of letters/digits. Apostrophes are removed first
 * (before NFKD turns "´" into a space plus a mark).
 */
export function foldWords(s: string): string[] {
  const folded = foldText(s.replace(APOSTROPHES, ''));
  return folded.split(NON_WORD_CHARS).filter((w) => w.length > 0);
}
