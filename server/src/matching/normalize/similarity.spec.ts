import { damerauLevenshtein, jaroWinkler, jaroWinklerBound, tokenSetRatio, withinOneEdit } from './similarity';

describe('jaroWinkler', () => {
  it.each([
    // Reference values (Winkler 1990 / Wikipedia)
    ['martha', 'marhta', 0.9611],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.8133],
    ['jellyfish', 'smellyfish', 0.8963],
    ['crate', 'trace', 0.7333],
    ['abc', 'xyz', 0],
    ['a', 'a', 1],
    ['acme', 'acme', 1],
    ['robert', 'rupert', 0.8],
  ])('%j vs %j ≈ %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 3);
  });

  it.each([
    ['', 'abc'],
    ['abc', ''],
    ['', ''],
  ])('is 0 when either string is empty: %j vs %j', (a, b) => {
    expect(jaroWinkler(a, b)).toBe(0);
  });

  it('caps the prefix bonus at 4 characters', () => {
    const jaro = (0.9 + 0.9 + 1) / 3; // 9 of 10 characters match, in order
    expect(jaroWinkler('abcdefghij', 'abcdefghiz')).toBeCloseTo(jaro + 4 * 0.1 * (1 - jaro), 6);
  });

  it('handles long strings (grows scratch buffers)', () => {
    const a = 'x'.repeat(500) + 'a';
    expect(jaroWinkler(a, a + 'b')).toBeGreaterThan(0.99);
    expect(jaroWinkler('ab', 'ab ')).toBeGreaterThan(0.9);
  });
});

describe('jaroWinklerBound', () => {
  /** Characters two strings share as multisets. */
  function shared(a: string, b: string): number {
    const left = [...b];
    let n = 0;
    for (const c of a) {
      const at = left.indexOf(c);
      if (at >= 0) {
        left.splice(at, 1);
        n++;
      }
    }
    return n;
  }

  it('is never below jaroWinkler (scoring skips it below its thresholds on that promise)', () => {
    // A small deterministic generator: names from a few letters so that matches, transpositions and prefixes are common.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => Array.from({ length: 1 + Math.floor(next() * 14) }, () => 'abcdeor '[Math.floor(next() * 8)]).join('');
    for (let i = 0; i < 5000; i++) {
      const a = word();
      const b = next() < 0.3 ? a.slice(0, Math.floor(next() * a.length)) + word() : word();
      expect(jaroWinklerBound(a, b, shared(a, b))).toBeGreaterThanOrEqual(jaroWinkler(a, b) - 1e-12);
    }
  });

  it('is exact at the ends: equal strings, and strings without a common character', () => {
    expect(jaroWinklerBound('acme', 'acme', 4)).toBe(1);
    expect(jaroWinklerBound('abc', 'xyz', 0)).toBe(0);
    expect(jaroWinklerBound('', 'abc', 0)).toBe(0);
  });
});

describe('tokenSetRatio', () => {
  it.each([
    [['acme', 'corp'], ['acme', 'corp'], 1],
    [['acme', 'corp'], ['corp', 'acme'], 1],
    [['acme', 'acme', 'corp'], ['acme', 'corp'], 1],
    [['acme', 'labs'], ['acme', 'corp'], 1 / 3],
    [['a'], ['b'], 0],
    [['acme'], [], 0],
    [[], [], 0],
  ])('%j vs %j → %d', (a, b, expected) => {
    expect(tokenSetRatio(a, b)).toBeCloseTo(expected, 10);
    expect(tokenSetRatio(b, a)).toBeCloseTo(expected, 10);
  });
});

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['abc', 'acb', 1],
    ['abcdef', 'abcfed', 2],
    ['smith', 'smtih', 1],
    ['martha', 'marhta', 1],
    // Optimal string alignment: no substring is edited twice, so 3 (not 2).
    ['ca', 'abc', 3],
    ['müller', 'muller', 1],
    ['a'.repeat(200), 'a'.repeat(199) + 'b', 1],
  ])('%j vs %j → %d', (a, b, expected) => {
    expect(damerauLevenshtein(a, b)).toBe(expected);
    expect(damerauLevenshtein(b, a)).toBe(expected);
  });
});

describe('withinOneEdit agrees with damerauLevenshtein(a, b) <= 1', () => {
  const words = ['', 'a', 'ab', 'ba', 'abc', 'acb', 'abcd', 'abd', 'xbc', 'abcde', 'northwind', 'nortwhind', 'northwinds', 'northwand', 'philips', 'phillips', 'smith', 'smyth', 'smiht'];
  it.each(words.flatMap((a) => words.map((b) => [a, b])))('%j vs %j', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(damerauLevenshtein(a, b) <= 1);
  });
});

describe('withinOneEdit on generated pairs', () => {
  it('agrees with damerauLevenshtein(a, b) <= 1 on many near and far pairs', () => {
    // Few letters and small edits, so that every branch (substitution, swap, insertion, deletion, equal tails) is taken.
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (s: string) => s[Math.floor(next() * s.length)];
    const word = () => Array.from({ length: Math.floor(next() * 12) }, () => pick('abcde')).join('');
    const edit = (w: string) => {
      const at = Math.floor(next() * (w.length + 1));
      switch (Math.floor(next() * 4)) {
        case 0: return w.slice(0, at) + pick('abcde') + w.slice(at);
        case 1: return w.slice(0, at) + w.slice(at + 1);
        case 2: return w.slice(0, at) + pick('abcde') + w.slice(at + 1);
        default: return at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w;
      }
    };
    let near = 0;
    for (let i = 0; i < 20000; i++) {
      const a = word();
      const b = next() < 0.2 ? word() : next() < 0.5 ? edit(edit(a)) : edit(a);
      const expected = damerauLevenshtein(a, b) <= 1;
      if (expected) near++;
      if (withinOneEdit(a, b) !== expected || withinOneEdit(b, a) !== expected) throw new Error(`withinOneEdit(${JSON.stringify(a)}, ${JSON.stringify(b)}) ≠ ${expected}`);
    }
    expect(near).toBeGreaterThan(5000);
  });
});
