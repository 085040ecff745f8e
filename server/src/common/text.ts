/** ES2024's String.prototype.isWellFormed (Node 20 has it; the TypeScript lib here is ES2023). */
const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * Whether PostgreSQL can store the text: it takes no NUL character (U+0000)
 * in text or jsonb, and no lone UTF-16 surrogate (no Unicode character at all).
 */
export function storable(text: string): boolean {
  return text.indexOf('\u0000') === -1 && wellFormed(text);
}
