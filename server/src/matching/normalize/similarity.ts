/**
 * String similarity measures for candidate scoring. They compare UTF-16 code
 * units, so callers should pass normalised (folded) strings.
 *
 * Scratch buffers are allocated once and grown on demand: these functions run
 * for every candidate pair, and JavaScript is single-threaded, so sharing them is safe.
 */

const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);
let rowPrev2 = new Uint32Array(64);
let rowPrev = new Uint32Array(64);
let rowCur = new Uint32Array(64);

/**
 * Jaro-Winkler similarity in [0, 1] (Winkler's boost with prefix scale 0.1 over at
 * most 4 characters, applied at any Jaro score, as in the textbook definition).
 * 1 for equal strings; 0 if either string is empty, including two empty strings:
 * "no value" must never count as a match.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  const jaro = jaroSimilarity(a, b);
  return jaro + commonPrefixLength(a, b) * PREFIX_SCALE * (1 - jaro);
}

/**
 * An upper bound of jaroWinkler(a, b) given `common`, at least the number of
 * characters the strings share as multisets (Jaro's matches pair equal
 * characters one to one, so they are at most that many; every transposition
 * only lowers the score). Callers that only compare the similarity with
 * thresholds skip the O(n·window) computation for pairs that cannot reach them.
 */
export function jaroWinklerBound(a: string, b: string, common: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  const m = Math.min(common, a.length, b.length);
  if (m === 0) return 0;
  const jaro = (m / a.length + m / b.length + 1) / 3;
  return jaro + commonPrefixLength(a, b) * PREFIX_SCALE * (1 - jaro);
}

function jaroSimilarity(a: string, b: string): number {
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  if (matchedA.length < a.length) matchedA = new Uint8Array(a.length * 2);
  if (matchedB.length < b.length) matchedB = new Uint8Array(b.length * 2);
  matchedA.fill(0, 0, a.length);
  matchedB.fill(0, 0, b.length);

  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(b.length, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  // Matched characters that appear in a different order; each swap counts twice.
  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let n = 0;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/**
 * Jaccard similarity of the two token sets, |A∩B| / |A∪B|, over unique tokens.
 * 0 when both are empty.
 */
export function tokenSetRatio(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 && setB.size === 0) return 0;
  let shared = 0;
  for (const token of setA) if (setB.has(token)) shared++;
  return shared / (setA.size + setB.size - shared);
}

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein restricted so that no
 * substring is edited twice): insertions, deletions, substitutions and adjacent
 * transpositions each cost 1. Note OSA("ca", "abc") = 3, unlike unrestricted
 * Damerau-Levenshtein (2). Uses three rolling rows: O(|b|) memory.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  if (rowCur.length < width) {
    rowPrev2 = new Uint32Array(width * 2);
    rowPrev = new Uint32Array(width * 2);
    rowCur = new Uint32Array(width * 2);
  }
  for (let j = 0; j < width; j++) rowPrev[j] = j;

  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    rowCur[0] = i;
    for (let j = 1; j < width; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let best = Math.min(rowPrev[j] + 1, rowCur[j - 1] + 1, rowPrev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        best = Math.min(best, rowPrev2[j - 2] + 1);
      }
      rowCur[j] = best;
    }
    [rowPrev2, rowPrev, rowCur] = [rowPrev, rowCur, rowPrev2];
  }
  return rowPrev[b.length];
}

/**
 * True when `a` and `b` are at most one edit apart (insertion, deletion,
 * substitution or adjacent transposition): the O(n) answer to
 * `damerauLevenshtein(a, b) <= 1`, which matching asks for every candidate pair.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // The tails are compared in place (no slices: this runs for every candidate pair).
  if (la === lb) {
    // One substitution, or one swap of neighbours.
    if (sameTail(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameTail(a, i + 2, b, i + 2);
  }
  // One insertion or deletion: skip the extra character of the longer string.
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

/** `a.slice(i) === b.slice(j)`, without making the slices. */
function sameTail(a: string, i: number, b: string, j: number): boolean {
  const ra = a.length > i ? a.length - i : 0;
  const rb = b.length > j ? b.length - j : 0;
  if (ra !== rb) return false;
  for (let k = 0; k < ra; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}
