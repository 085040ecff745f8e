/** ES2024's String.prototype.isWellFormed (Node 20 has it; the TypeScript lib here is ES2023). */
const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * Whether PostgreSQL can store the text: it takes no NUL character (U+0000)
 * in text or jsonb, and no lone UTF-16 surrogate (no Unicode character at all).
 */
export function storable(text: string): boolean {
  return text.indexOf('\u0000') === -1 && wellFormed(text);
}

const TEXT = 'text without NUL characters (U+0000) or lone UTF-16 surrogates';
const INSTANT = 'a date and time (ISO 8601, e.g. "2026-11-23T09:30:00Z") in the years 0001 to 9999';

/**
 * Whether an instant is one to compute with and to store. The DateTime scalar
 * makes a Date of anything (an Invalid Date of "2026-13-45"), and JavaScript
 * reaches years PostgreSQL's timestamptz does not (before 4713 BC).
 */
function sensible(at: Date): boolean {
  const year = at.getUTCFullYear();
  return !Number.isNaN(at.getTime()) && year >= 1 && year <= 9999;
}

/** The first value of an argument the database cannot take: where it sits ("input.name", "ids[2]") and what was expected. */
export function unfitValue(value: unknown, path: string): { path: string; expected: string } | null {
  if (typeof value === 'string') return storable(value) ? null : { path, expected: TEXT };
  if (value instanceof Date) return sensible(value) ? null : { path, expected: INSTANT };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unfitValue(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!storable(key)) return { path: `${path}.${key}`, expected: TEXT };
      const found = unfitValue(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Characters as people and PostgreSQL count them (code points), not UTF-16 units: "😀" is one, not two (found by
 * exploratory testing: 600 emoji were "1200 characters long"). class-validator's MaxLength counts so too.
 */
export function characterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** The length in characters of text over `max` of them, or null when it fits (counted only past the limit in units). */
export function charactersOver(text: string, max: number): number | null {
  if (text.length <= max) return null;
  const n = characterCount(text);
  return n > max ? n : null;
}
