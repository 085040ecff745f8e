/**
 * A stable colour per division: its key, hashed into a palette of Mantine
 * colours that stay distinguishable and keep 3:1 contrast on white at the
 * shade used for marks (bars, borders, dots). Colour is never the only signal:
 * the division's name is always shown with it.
 */
export const DIVISION_PALETTE = ['blue', 'teal', 'grape', 'orange', 'indigo', 'pink', 'cyan', 'violet', 'green', 'red'] as const;

export type DivisionColor = (typeof DIVISION_PALETTE)[number];

/** The shade for marks (bars, borders, dots). */
export const DIVISION_MARK_SHADE = 8;

/** FNV-1a: small, fast and well spread for short keys. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The Mantine colour name of a division, from its key (the same on every page and every visit). */
export function divisionColor(division: { key: string }): DivisionColor {
  return DIVISION_PALETTE[hash(division.key) % DIVISION_PALETTE.length];
}

/** The CSS colour of a division's marks. */
export function divisionMarkColor(division: { key: string }): string {
  return `var(--mantine-color-${divisionColor(division)}-${DIVISION_MARK_SHADE})`;
}
