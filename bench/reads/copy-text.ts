/** Values in PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash escapes. */

const SPECIAL = /[\\\t\n\r]/;

export const NULL = '\\N';

export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return SPECIAL.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/** A text[] literal (`{"a","b"}`), COPY-escaped. */
export function textArray(list: readonly string[]): string {
  return text(`{${list.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

/** A uuid[] literal. */
export function uuidArray(list: readonly string[]): string {
  return `{${list.join(',')}}`;
}

export function json(value: unknown): string {
  return text(JSON.stringify(value));
}

const DAY = 86400_000;
const days = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A timestamptz from epoch milliseconds (ISO 8601, UTC; the date part cached: millions of rows share a few thousand days). */
export function at(ms: number): string {
  const day = Math.floor(ms / DAY);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    days.set(day, date);
  }
  const rest = ms - day * DAY;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${date}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${String(millis).padStart(3, '0')}Z`;
}

export function bool(value: boolean): string {
  return value ? 't' : 'f';
}

/** One line of a COPY stream. */
export function line(values: readonly string[]): string {
  return `${values.join('\t')}\n`;
}
