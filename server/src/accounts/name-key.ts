import { foldText } from '../matching/normalize/text';

/**
 * The search and sort key of a name: lower-case, accents stripped, letters that
 * are no accented form spelled as people type them ("ß" → "ss", "ø" → "o", "ł" → "l",
 * as matching folds them), punctuation turned into spaces, single-spaced. The same
 * function keys stored names and search terms, so both sides always agree.
 */
export function nameKey(name: string): string {
  return foldText(name)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
