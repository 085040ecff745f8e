import { TouchpointType } from '../ingest/ingest.types';
import { jsonSyntaxError } from './json-syntax';

/**
 * Mapping files of the import command (format documented in mappings/README.md):
 * which ingest field takes which column of a CSV (or top-level key of a JSONL
 * object), and how the cell is read. Pure: loading parses and checks a JSON
 * text; mapping turns one row into one ingest item or a reason it cannot be.
 */

export const KINDS = ['accounts', 'contacts', 'touchpoints', 'opportunities', 'criticalInfo'] as const;
export type Kind = (typeof KINDS)[number];

type FieldType = 'text' | 'id' | 'list' | 'ids' | 'datetime' | 'date' | 'number' | 'decimal' | 'boolean' | 'touchpointType' | 'currency' | 'json';

/** The ingest fields of each kind (ingest.types.ts) and how their cells are read. */
export const FIELDS: Record<Kind, Record<string, FieldType>> = {
  accounts: {
    externalId: 'id', name: 'text', website: 'text', domains: 'list', emails: 'list', registryId: 'text', phone: 'text',
    address: 'text', postalCode: 'text', industry: 'text', ownerEmail: 'text', sourceUpdatedAt: 'datetime',
  },
  contacts: {
    externalId: 'id', accountExternalId: 'id', accountName: 'text', name: 'text', firstName: 'text', lastName: 'text', title: 'text', emails: 'list', phones: 'list',
    department: 'text', reportsToExternalId: 'id', birthday: 'date', city: 'text', interests: 'list', sourceUpdatedAt: 'datetime',
  },
  touchpoints: {
    externalId: 'id', accountExternalId: 'id', accountName: 'text', type: 'touchpointType', occurredAt: 'datetime', subject: 'text',
    summary: 'text', outcome: 'text', colleagueEmails: 'list', participantExternalIds: 'ids', participantEmails: 'list',
    confidential: 'boolean', opportunityExternalId: 'id', sourceUpdatedAt: 'datetime',
  },
  opportunities: {
    externalId: 'id', accountExternalId: 'id', accountName: 'text', name: 'text', stage: 'text', amount: 'decimal',
    currency: 'currency', closeDate: 'date', ownerEmail: 'text', sourceUpdatedAt: 'datetime',
  },
  // A critical-info value's type depends on its field (checked by ingest): see the `json` reading below.
  criticalInfo: {
    accountExternalId: 'id', fieldKey: 'text', value: 'json', assertedAt: 'datetime', sourceTouchpointExternalId: 'id', assertedByEmail: 'text', note: 'text',
  },
};

/**
 * Where a `decimal` field's exact text goes: the CSV cell "99999999999999.99" is sent as `amountText`, as it is (a
 * JSON number would reach ingest rounded beyond about 15 significant digits). A JSONL number stays `amount`.
 */
const EXACT_FORM: Record<string, string> = { amount: 'amountText' };

/** The ingest field a value read for `field` is sent as. */
function sentAs(kind: Kind, field: string, value: unknown): string {
  return FIELDS[kind][field] === 'decimal' && typeof value === 'string' ? EXACT_FORM[field] ?? field : field;
}

/** Fields without which ingest cannot take an item: a row lacking one is rejected before it is sent. */
export const REQUIRED: Record<Kind, string[]> = {
  accounts: ['externalId', 'name'],
  contacts: ['externalId', 'accountExternalId', 'name'],
  touchpoints: ['externalId', 'accountExternalId', 'type', 'occurredAt'],
  opportunities: ['externalId', 'accountExternalId', 'name', 'stage'],
  criticalInfo: ['accountExternalId', 'fieldKey', 'value'],
};

/** Options a column spec may carry, per field type. */
const OPTIONS: Record<FieldType, string[]> = {
  text: ['values'], id: ['values'], list: ['split'], ids: ['split'], datetime: ['format', 'timeZone', 'values'], date: ['format', 'values'],
  number: ['decimal', 'values'], decimal: ['decimal', 'values'], boolean: ['values'], touchpointType: ['values'], currency: ['values'], json: ['decimal', 'values'],
};

/** A mapping file that cannot be used: every problem found, one per line. */
export class MappingError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`${source}:${problems.length === 1 ? ` ${problems[0]}` : `\n  - ${problems.join('\n  - ')}`}`);
  }
}

/** One row's value that cannot become its field: the field and why. */
class CellError extends Error {
  /** Cleared up by "decimal" on the mapping's column: a JSONL file a program wrote most likely means a decimal point. */
  eitherNumber = false;
}

type Row = Record<string, unknown>;
type Converter = (value: unknown) => unknown;

interface FieldReader {
  field: string;
  /** Column names the value comes from (none for a constant). */
  columns: string[];
  /**
   * The converted value of the row, `undefined` when its cells are empty; throws CellError. `asNumber`: the cell is a
   * critical-info value of a NUMBER field, read as a number cell is (not as JSON).
   */
  read(row: Row, asNumber?: boolean): unknown;
}

/** What only the import knows, not the mapping. */
/** What an either-number text of a JSONL file most likely is: a program's export writes a decimal point ("100.000"). */
const JSONL_DECIMAL = ' (a JSONL file a program wrote most likely means "decimal": ".")';

export interface MapContext {
  /** The file's format: a JSONL file's either-number text is most likely a decimal point, and the message says so. */
  format?: 'csv' | 'jsonl';
  /** CSV: the type of the critical-info field of a key (the catalogue's), undefined for an unknown key. */
  criticalInfoType?: (fieldKey: string) => string | undefined;
}

export interface Mapping {
  kind: Kind;
  /** Where the mapping came from, for messages. */
  source: string;
  readers: FieldReader[];
  /** Converted default values, used when a field's cells are empty. */
  defaults: Record<string, unknown>;
  /** Built from --kind: every field from the column of its name, most of them usually absent. */
  identity?: boolean;
}

export type MapOutcome =
  | { ok: true; item: Record<string, unknown> }
  | { ok: false; field: string; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quote = (v: unknown) => {
  try {
    return JSON.stringify(typeof v === 'string' && v.length > 80 ? `${v.slice(0, 77)}...` : v);
  } catch (error) {
    // JSON.parse reads any depth, JSON.stringify not (RangeError): a file nested 10,000 deep is told so, not a crash (found in review).
    if (error instanceof RangeError) return `${Array.isArray(v) ? 'a list' : 'an object'} nested too deep to show`;
    throw error;
  }
};

/** Empty means: absent, null, blank text or an empty list. */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

// ---------------------------------------------------------------- dates

const DTF = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DTF.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    DTF.set(timeZone, format);
  }
  return format;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of zoneFormat(timeZone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

interface DateParts { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; offsetMinutes: number | null }

/** UTC milliseconds of the parts, or null when they name no real date/time (31 February, 25:00). */
function toInstant(p: DateParts, timeZone: string | undefined): number | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return null;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== p.year || check.getUTCMonth() !== p.month - 1 || check.getUTCDate() !== p.day) return null;
  if (p.offsetMinutes !== null) return wall - p.offsetMinutes * 60_000;
  if (!timeZone) return wall;
  return zonedWallTime(wall, timeZone);
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time in a named zone names. Around a clock change the zone's offsets a day before and
 * a day after are the only candidates: a wall time both read as themselves (autumn, the hour passed twice)
 * is taken as the earlier, the one a calendar showed when it was set; one neither does (spring, the hour
 * skipped) is read with the offset before the change, so 02:30 becomes 03:30, as calendars move it.
 */
function zonedWallTime(wall: number, timeZone: string): number {
  const before = zoneOffset(wall - DAY_MS, timeZone);
  const after = zoneOffset(wall + DAY_MS, timeZone);
  const readings = [wall - before, wall - after].filter((instant, i) => zoneOffset(instant, timeZone) === (i === 0 ? before : after));
  return readings.length ? Math.min(...readings) : wall - before;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(text: string): DateParts | null {
  const m = ISO.exec(text);
  if (!m) return null;
  let offsetMinutes: number | null = null;
  if (m[8]) {
    if (m[8].toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const digits = m[8].replace(':', '');
      const hours = Number(digits.slice(1, 3));
      const minutes = Number(digits.slice(3, 5) || '0');
      if (hours > 23 || minutes > 59) return null;
      offsetMinutes = (digits[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  return {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0), ms: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)), offsetMinutes,
  };
}

const TOKENS: Record<string, { pattern: string; part: keyof DateParts }> = {
  YYYY: { pattern: '(\\d{4})', part: 'year' },
  MM: { pattern: '(\\d{1,2})', part: 'month' },
  DD: { pattern: '(\\d{1,2})', part: 'day' },
  HH: { pattern: '(\\d{1,2})', part: 'hour' },
  mm: { pattern: '(\\d{2})', part: 'minute' },
  ss: { pattern: '(\\d{2})', part: 'second' },
};
const TOKEN = /YYYY|MM|DD|HH|mm|ss/g;

/**
 * A date pattern such as "DD.MM.YYYY HH:mm" as a parser. Tokens: YYYY, MM, DD,
 * HH (0–23), mm, ss; MM, DD and HH take one or two digits; everything else is
 * literal. A time part after a space or "T" may be missing from a cell (midnight).
 */
export function datePattern(format: string): (text: string) => DateParts | null {
  const tokens: string[] = format.match(TOKEN) ?? [];
  const parts = tokens.map((t) => TOKENS[t].part);
  // Tokens of other pattern languages were read as literal text, so that no cell matched (found by exploratory testing).
  const foreign = /hh|\bh\b|\b[aA]\b|SSS|yyyy|dd/.exec(format.replace(TOKEN, ''));
  if (foreign) {
    throw new Error(`"${format}" holds "${foreign[0]}", which this pattern language does not have: hours are HH (0-23; no 12-hour clock with AM/PM), `
      + 'years YYYY, days DD; fractions of a second and offsets are not patterns (ISO 8601 cells with an offset are read as they are)');
  }
  if (!tokens.includes('YYYY') || !tokens.includes('MM') || !tokens.includes('DD') || new Set(tokens).size !== tokens.length) {
    throw new Error(`"${format}" is not a date pattern: it needs YYYY, MM and DD once each (also HH, mm, ss), e.g. "DD.MM.YYYY HH:mm"`);
  }
  let regex = '';
  let last = 0;
  let optionalFrom = -1;
  for (const match of format.matchAll(TOKEN)) {
    const literal = format.slice(last, match.index);
    if (match[0] === 'HH' && optionalFrom < 0 && /[ T]$/.test(literal)) {
      regex += literal.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      optionalFrom = regex.length;
      regex += `(?:${literal.slice(-1) === ' ' ? '\\s+' : 'T'}`;
    } else {
      regex += literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    regex += TOKENS[match[0]].pattern;
    last = match.index + match[0].length;
  }
  regex += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (optionalFrom >= 0) regex += ')?';
  const compiled = new RegExp(`^${regex}$`);
  return (text) => {
    const m = compiled.exec(text);
    if (!m) return null;
    const out: DateParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ms: 0, offsetMinutes: null };
    parts.forEach((part, i) => {
      if (m[i + 1] !== undefined) out[part] = Number(m[i + 1]) as never;
    });
    return out;
  };
}

// ---------------------------------------------------------------- converters

/**
 * A text value. A CSV cell is always text; a JSONL value of another type where text is expected is refused, naming
 * its type (found by exploratory testing, issue 4: `"name": 42` made an account named "42" without a word).
 */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  throw new CellError(`${quote(value)} is ${jsonType(value)}, not text${typeof value === 'number' || typeof value === 'boolean' ? `: send it as a JSON string ("${String(value)}")` : ''}`);
}

/**
 * A source system's id: text, or a JSON whole number as its digits (`"externalId": 4711`, as exports of numeric keys
 * write it; refusing those rows made whole files fail). Not a fraction or a number past 2^53, whose digits JSON readers
 * have already changed.
 */
function id(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'number') throw new CellError(`${quote(value)} is a number that is no exact whole id: send it as a JSON string`);
  return text(value);
}

function jsonType(value: unknown): string {
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : 'an object';
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "1234.5", "1,234.5" (or with `decimal: ","`: "1234,5", "1.234,5"); spaces and apostrophes group digits. */
export function parseNumber(raw: string, decimal: '.' | ','): number | null {
  const t = numberText(raw, decimal);
  return t === null ? null : Number(t);
}

/** The digits of a number cell without grouping, with a decimal point ("1.234,50" with `decimal: ","`: "1234.50"); null when it is no number. */
export function numberText(raw: string, decimal: '.' | ','): string | null {
  let t = raw.replace(/[\s\u00a0\u202f']/g, '');
  // Grouping starts with a non-zero digit: "0.500" (decimal comma), "0,500" (decimal point) are no number, not 500.
  if (decimal === ',') {
    if (/^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '');
    if (t.includes('.')) return null;
    t = t.replace(',', '.');
  } else if (/^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(t)) {
    t = t.replace(/,/g, '');
  }
  return NUMBER.test(t) ? t : null;
}

/** A plain decimal, as ingest's `amountText` takes it. */
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Three digits after a single "." or "," that a group of one to three digits, not led by zero, precedes: "1.200" is 1.2
 * with a decimal point, 1200 with a decimal comma. Digits are grouped from a non-zero digit in groups of three, so
 * "0.500" and "1234.500" are one number each (0.5 and 1234.5: no grouping reads them), and "0,500" with a decimal
 * point is no number (said so, with the hint); refusing them too turned away ERP exports of three decimals (review).
 */
const EITHER = /^-?[1-9]\d{0,2}[.,]\d{3}$/;

/** Both readings of an EITHER cell: [with a decimal point, with a decimal comma], the other separator grouping. */
function readings(t: string): [number, number] {
  const digits = t.replace(/[.,]/, '');
  const [whole, fraction] = t.split(/[.,]/);
  const asDecimal = Number(`${whole}.${fraction}`);
  const asGrouped = Number(digits);
  return t.includes('.') ? [asDecimal, asGrouped] : [asGrouped, asDecimal];
}

/**
 * Refuses a number cell read without `decimal` in the mapping that reads as another number with a decimal comma than
 * with a decimal point ("1.200": 1.2 or 1200), never guessed, saying both readings and the fix: `decimal` on the
 * mapping's column of `field` (the critical-info `value`, an opportunity's `amount`).
 */
function refuseEitherNumber(value: unknown, decimal: '.' | ',' | undefined, field: string): void {
  if (decimal !== undefined || typeof value !== 'string') return;
  const t = value.replace(/[\s\u00a0\u202f']/g, '');
  if (!EITHER.test(t)) return;
  const [point, comma] = readings(t);
  throw Object.assign(new CellError(`${quote(value.trim())} could be ${point} (decimal point) or ${comma} (decimal comma): say which with "decimal" ("." or ",") on the ${field} column of the mapping`), { eitherNumber: true });
}

/**
 * A critical-info NUMBER value of a CSV cell: as a number cell is read, with the value column's `decimal`; without
 * one, a cell that reads as another number with a decimal comma than with a decimal point is refused, never guessed.
 */
function criticalNumber(value: unknown, decimal: '.' | ',' | undefined): unknown {
  if (typeof value !== 'string') return value;
  refuseEitherNumber(value, decimal, 'value');
  const n = parseNumber(value, decimal ?? '.');
  if (n === null) throw new CellError(`${quote(value.trim())} is not a number${decimal === ',' ? ' (decimal comma)' : ' (decimal point; set "decimal": "," for a decimal comma)'}`);
  return n;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
const TOUCHPOINT_TYPES = new Set<string>(Object.values(TouchpointType));

/**
 * A value whose type only ingest knows (a critical-info value): JSON values of a JSONL line pass as they are;
 * a CSV cell that is JSON (a number, true/false, a list, an object, a quoted text) is read as JSON, any other as text.
 */
function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!/^([[{"]|-?\d|true$|false$)/.test(t)) return t;
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}

interface SpecOptions { split?: string; format?: string; timeZone?: string; decimal?: '.' | ','; values?: Record<string, unknown> }

function converter(type: FieldType, options: SpecOptions): Converter {
  const pattern = options.format && options.format.toLowerCase() !== 'iso' ? datePattern(options.format) : null;
  const describe = pattern ? `of the form ${options.format}` : type === 'date' ? 'of the form YYYY-MM-DD' : 'in ISO 8601 form (e.g. 2026-10-01T09:30:00Z)';
  switch (type) {
    case 'text':
      return text;
    case 'id':
      return id;
    case 'currency':
      return (v) => text(v).toUpperCase();
    case 'list':
    case 'ids':
      return (v) => {
        // A list of ids takes JSON whole numbers as the id fields do (`"participantExternalIds": [4711]`).
        const entry = type === 'ids' ? id : text;
        const values = Array.isArray(v) ? v.map(entry) : options.split ? text(v).split(options.split) : [entry(v)];
        const list = values.map((s) => s.trim()).filter((s) => s !== '');
        return list.length ? list : undefined;
      };
    case 'datetime':
      return (v) => {
        // A JSON number is no date (an epoch, a serial day): said so, as text that is none.
        const t = typeof v === 'number' ? String(v) : text(v);
        const parts = pattern ? pattern(t) : parseIso(t);
        const ms = parts ? toInstant(parts, options.timeZone) : null;
        if (ms === null) throw new CellError(`${quote(t)} is not a date and time ${describe}`);
        return new Date(ms);
      };
    case 'date':
      return (v) => {
        // A JSON number is no date (an epoch, a serial day): said so, as text that is none.
        const t = typeof v === 'number' ? String(v) : text(v);
        const parts = pattern ? pattern(t) : /^\d{4}-\d{2}-\d{2}$/.test(t) ? parseIso(t) : null;
        const ms = parts ? toInstant({ ...parts, hour: 0, minute: 0, second: 0, ms: 0, offsetMinutes: 0 }, undefined) : null;
        if (ms === null) throw new CellError(`${quote(t)} is not a date ${describe}`);
        return new Date(ms).toISOString().slice(0, 10);
      };
    case 'number':
      return (v) => {
        if (typeof v === 'number' && Number.isFinite(v)) return v;
        const n = typeof v === 'string' ? parseNumber(v, options.decimal ?? '.') : null;
        if (n === null) throw new CellError(`${quote(v)} is not a number${options.decimal === ',' ? ' (decimal comma)' : ' (decimal point; set "decimal": "," for a decimal comma)'}`);
        return n;
      };
    case 'decimal':
      // Exact: a plain decimal cell as text ("1234.50", grouping and a decimal comma undone); other writings of a
      // number ("-5", "1e3", ".5") and JSON numbers as numbers, as a number field reads them.
      return (v) => {
        if (typeof v === 'number' && Number.isFinite(v)) return v;
        const t = typeof v === 'string' ? numberText(v, options.decimal ?? '.') : null;
        if (t === null) throw new CellError(`${quote(v)} is not a number${options.decimal === ',' ? ' (decimal comma)' : ' (decimal point; set "decimal": "," for a decimal comma)'}`);
        return PLAIN_DECIMAL.test(t) ? t : Number(t);
      };
    case 'boolean':
      return (v) => {
        if (typeof v === 'boolean') return v;
        // A JSON 1 or 0 says yes or no as the cell "1" or "0" does.
        const t = (typeof v === 'number' ? String(v) : text(v)).toLowerCase();
        if (TRUE.has(t)) return true;
        if (FALSE.has(t)) return false;
        throw new CellError(`${quote(v)} is not a yes/no value (true/false, yes/no, y/n, 1/0)`);
      };
    case 'json':
      return jsonValue;
    case 'touchpointType':
      return (v) => {
        const t = text(v).toUpperCase();
        if (!TOUCHPOINT_TYPES.has(t)) throw new CellError(`${quote(v)} is not a touchpoint type (${[...TOUCHPOINT_TYPES].join(', ')}); translate it with "values"`);
        return t;
      };
  }
}

/** Translates source values (exact match first, then ignoring case); others pass through. */
function translator(values: Record<string, unknown> | undefined): Converter {
  if (!values) return (v) => v;
  const folded = new Map(Object.entries(values).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return (v) => {
    if (typeof v !== 'string') return v;
    if (Object.prototype.hasOwnProperty.call(values, v)) return values[v];
    const key = v.trim().toLowerCase();
    return folded.has(key) ? folded.get(key) : v;
  };
}

// ---------------------------------------------------------------- loading

const SPEC_KEYS = new Set(['column', 'columns', 'join', 'value', 'split', 'format', 'timeZone', 'decimal', 'values']);

function readerFor(kind: Kind, field: string, spec: unknown, problems: string[]): FieldReader | null {
  const type = FIELDS[kind][field];
  const where = `columns.${field}`;
  const spec_ = typeof spec === 'string' ? { column: spec } : spec;
  if (!isObject(spec_)) {
    problems.push(`${where}: expected a column name, { "column": … }, { "columns": [ … ], "join": … } or { "value": … }`);
    return null;
  }
  const unknown = Object.keys(spec_).filter((k) => !SPEC_KEYS.has(k));
  if (unknown.length) problems.push(`${where}: unknown option ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${[...SPEC_KEYS].join(', ')})`);
  const sources = ['column', 'columns', 'value'].filter((k) => k in spec_);
  if (sources.length !== 1) {
    problems.push(`${where}: give exactly one of "column", "columns" or "value"`);
    return null;
  }
  const misplaced = ['split', 'format', 'timeZone', 'decimal', 'values'].filter((k) => k in spec_ && !OPTIONS[type].includes(k));
  if (misplaced.length) problems.push(`${where}: ${misplaced.map((k) => `"${k}"`).join(', ')} does not apply to ${field} (a ${type === 'touchpointType' ? 'touchpoint type' : type} field)`);
  if ('join' in spec_ && !('columns' in spec_)) problems.push(`${where}: "join" goes with "columns"`);
  const options: SpecOptions = {};
  const str = (key: string): string | undefined => {
    if (!(key in spec_)) return undefined;
    if (typeof spec_[key] !== 'string' || spec_[key] === '') {
      problems.push(`${where}.${key}: expected a non-empty text`);
      return undefined;
    }
    return spec_[key] as string;
  };
  options.split = str('split');
  options.format = str('format');
  options.timeZone = str('timeZone');
  const decimal = str('decimal');
  if (decimal !== undefined && decimal !== '.' && decimal !== ',') problems.push(`${where}.decimal: expected "." or ","`);
  else options.decimal = decimal as '.' | ',' | undefined;
  if ('values' in spec_) {
    if (isObject(spec_.values)) options.values = spec_.values;
    else problems.push(`${where}.values: expected an object of source value → value, e.g. { "Phone call": "CALL" }`);
  }
  if (options.timeZone) {
    try {
      zoneFormat(options.timeZone);
    } catch {
      problems.push(`${where}.timeZone: "${options.timeZone}" is not a time zone such as "Europe/Berlin" or "UTC"`);
      return null;
    }
  }
  let convert: Converter;
  try {
    convert = converter(type, options);
  } catch (error) {
    problems.push(`${where}.format: ${(error as Error).message}`);
    return null;
  }
  const translate = translator(options.values);
  const finish = (raw: unknown, asNumber?: boolean) => {
    const value = translate(raw);
    if (isEmpty(value)) return undefined;
    if (asNumber && type === 'json') return criticalNumber(value, options.decimal);
    // An amount too (issue 4: "1.200" became 1.2 without a word); a JSONL number is no cell, and is taken as it is.
    if (type === 'decimal') refuseEitherNumber(value, options.decimal, field);
    return convert(value);
  };

  if ('value' in spec_) {
    try {
      const constant = finish(spec_.value);
      return { field, columns: [], read: () => constant };
    } catch (error) {
      problems.push(`${where}.value: ${(error as Error).message}`);
      return null;
    }
  }
  if ('column' in spec_) {
    const column = str('column');
    if (column === undefined) return null;
    return {
      field, columns: [column],
      read: (row, asNumber) => {
        try {
          return finish(row[column], asNumber);
        } catch (error) {
          if (error instanceof CellError) throw Object.assign(new CellError(`column "${column}": ${error.message}`), { eitherNumber: error.eitherNumber });
          throw error;
        }
      },
    };
  }
  const columns = spec_.columns;
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((c) => typeof c !== 'string' || c === '')) {
    problems.push(`${where}.columns: expected a list of column names`);
    return null;
  }
  const join = 'join' in spec_ ? spec_.join : ' ';
  if (typeof join !== 'string') {
    problems.push(`${where}.join: expected a text, e.g. " " or ", "`);
    return null;
  }
  return {
    field, columns: columns as string[],
    read: (row, asNumber) => {
      const joined = (columns as string[]).map((c) => row[c]).filter((v) => !isEmpty(v)).map((v) => text(v)).join(join);
      try {
        return finish(joined, asNumber);
      } catch (error) {
        if (error instanceof CellError) throw Object.assign(new CellError(`columns ${(columns as string[]).map((c) => `"${c}"`).join(' + ')}: ${error.message}`), { eitherNumber: error.eitherNumber });
        throw error;
      }
    },
  };
}

/** Checks a parsed mapping file and compiles it; throws a MappingError listing every problem. */
export function compileMapping(json: unknown, source: string): Mapping {
  const problems: string[] = [];
  if (!isObject(json)) throw new MappingError(source, ['expected a JSON object with "kind" and "columns"']);
  const unknownKeys = Object.keys(json).filter((k) => !['kind', 'columns', 'defaults', 'description'].includes(k) && !k.startsWith('$'));
  if (unknownKeys.length) problems.push(`unknown key ${unknownKeys.map((k) => `"${k}"`).join(', ')} (known: kind, columns, defaults, description)`);
  const kind = json.kind as Kind;
  if (!KINDS.includes(kind)) throw new MappingError(source, [...problems, `"kind": expected one of ${KINDS.join(', ')}; got ${quote(json.kind)}`]);
  const fields = FIELDS[kind];
  const fieldList = Object.keys(fields).join(', ');
  if (!isObject(json.columns)) throw new MappingError(source, [...problems, `"columns": expected an object of ingest field → column`]);
  const readers: FieldReader[] = [];
  const mentioned = new Set<string>();
  for (const [field, spec] of Object.entries(json.columns)) {
    mentioned.add(field);
    if (!(field in fields)) {
      problems.push(`columns.${field}: ${kind} have no field "${field}" (fields: ${fieldList})`);
      continue;
    }
    const reader = readerFor(kind, field, spec, problems);
    if (reader) readers.push(reader);
  }
  const defaults: Record<string, unknown> = {};
  if (json.defaults !== undefined && !isObject(json.defaults)) problems.push(`"defaults": expected an object of ingest field → value`);
  for (const [field, value] of Object.entries(isObject(json.defaults) ? json.defaults : {})) {
    if (!(field in fields)) {
      problems.push(`defaults.${field}: ${kind} have no field "${field}" (fields: ${fieldList})`);
      continue;
    }
    try {
      const converted = isEmpty(value) ? undefined : converter(fields[field], {})(value);
      if (converted !== undefined) defaults[field] = converted;
    } catch (error) {
      problems.push(`defaults.${field}: ${(error as Error).message}`);
    }
  }
  for (const field of REQUIRED[kind]) {
    if (!mentioned.has(field) && !(field in defaults)) {
      problems.push(`${kind} need ${field}: map it in "columns" (or give it in "defaults")`);
    }
  }
  if (problems.length) throw new MappingError(source, problems);
  return { kind, source, readers, defaults };
}

/** Parses and compiles the text of a mapping file. */
export function parseMapping(textOfFile: string, source: string): Mapping {
  let json: unknown;
  const text = textOfFile.replace(/^\uFEFF/, '');
  try {
    json = JSON.parse(text);
  } catch (error) {
    // By line and column, as an editor shows the file (JSON.parse says a character position, or nothing).
    const at = jsonSyntaxError(text);
    throw new MappingError(source, [at ? `not valid JSON at line ${at.line}, column ${at.column}: expected ${at.expected}, found ${at.found}` : `not valid JSON: ${(error as Error).message}`]);
  }
  return compileMapping(json, source);
}

/**
 * For rows that already use ingest field names (JSONL objects shaped like the
 * ingest input, or CSV headers named after the fields): each field from the
 * column of its own name; text lists in CSV cells are split on ";".
 */
export function identityMapping(kind: Kind): Mapping {
  const columns = Object.fromEntries(Object.entries(FIELDS[kind]).map(([field, type]) => [field, type === 'list' || type === 'ids' ? { column: field, split: ';' } : field]));
  return { ...compileMapping({ kind, columns }, `--kind ${kind} (columns named like the ingest fields)`), identity: true };
}

/** Every column a mapping reads, and those without which no row can be mapped (required fields without a default). */
export function mappedColumns(mapping: Mapping): { all: string[]; required: string[]; requiredAnyOf: string[][] } {
  const all = new Set(mapping.readers.flatMap((r) => r.columns));
  const requiredReaders = mapping.readers.filter((r) => REQUIRED[mapping.kind].includes(r.field) && !(r.field in mapping.defaults));
  const required = new Set(requiredReaders.flatMap((r) => (r.columns.length === 1 ? r.columns : [])));
  // A required field read from several columns ("First" + "Last") needs one of them at least.
  const requiredAnyOf = requiredReaders.filter((r) => r.columns.length > 1).map((r) => r.columns);
  return { all: [...all], required: [...required], requiredAnyOf };
}

/**
 * Maps one row to one ingest item, or says which field cannot be filled and why. With the context's critical-info
 * types (CSV), the value of a NUMBER field is read once its field key is known, as a number cell.
 */
export function mapRow(mapping: Mapping, row: Row, context: MapContext = {}): MapOutcome {
  const item: Record<string, unknown> = {};
  const typeOf = mapping.kind === 'criticalInfo' ? context.criticalInfoType : undefined;
  let later: FieldReader | undefined;
  const read = (reader: FieldReader, asNumber?: boolean): MapOutcome | null => {
    let value: unknown;
    try {
      value = reader.read(row, asNumber);
    } catch (error) {
      if (error instanceof CellError) return { ok: false, field: reader.field, reason: `${reader.field}: ${error.message}${error.eitherNumber && context.format === 'jsonl' ? JSONL_DECIMAL : ''}` };
      throw error;
    }
    if (value !== undefined) item[sentAs(mapping.kind, reader.field, value)] = value;
    return null;
  };
  for (const reader of mapping.readers) {
    if (typeOf && reader.field === 'value') {
      later = reader;
      continue;
    }
    const failed = read(reader);
    if (failed) return failed;
  }
  if (later) {
    const fieldKey = item.fieldKey ?? mapping.defaults.fieldKey;
    const failed = read(later, typeof fieldKey === 'string' && typeOf!(fieldKey) === 'NUMBER');
    if (failed) return failed;
  }
  for (const [field, value] of Object.entries(mapping.defaults)) {
    const as = sentAs(mapping.kind, field, value);
    // A default fills a field whose cells are empty: in either of its forms.
    if (item[field] === undefined && item[EXACT_FORM[field] ?? field] === undefined) item[as] = Array.isArray(value) ? [...value] : value;
  }
  for (const field of REQUIRED[mapping.kind]) {
    if (item[field] === undefined) {
      const reader = mapping.readers.find((r) => r.field === field);
      const where = reader && reader.columns.length ? `${reader.columns.length === 1 ? 'column' : 'columns'} ${reader.columns.map((c) => `"${c}"`).join(' + ')} ${reader.columns.length === 1 ? 'is' : 'are'} empty` : 'not given';
      return { ok: false, field, reason: `${field} is required: ${where}` };
    }
  }
  return { ok: true, item };
}
