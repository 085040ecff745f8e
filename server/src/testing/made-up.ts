/** A small deterministic PRNG (mulberry32): a failing seed runs the same steps again. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ba', 'ko', 'ri', 'mu', 'te', 'zan', 'lo', 'vi', 'pe', 'dra', 'gu', 'shi', 'fen', 'tor', 'ny', 'qua', 'wel', 'xo', 'yum', 'ser', 'hak', 'jip', 'cre', 'blo'];

/**
 * Made-up words unlike each other (one per account of a fixture): accounts of one fixture or of two must not match or
 * meet in a review. Each word ends with its seed and place spelled in `letters` after `separator`, so two specs drawing
 * words (with their own `salt`) never draw the same.
 */
export function madeUpWords(seed: number, n: number, { salt, separator, letters }: { salt: number; separator: string; letters: string }): string[] {
  const next = random(seed * 7919 + salt);
  return Array.from({ length: n }, (_, i) => {
    const w = Array.from({ length: 4 }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('') + `${seed}${separator}${i}`.replace(/\d/g, (d) => letters[Number(d)]);
    return w[0].toUpperCase() + w.slice(1);
  });
}
