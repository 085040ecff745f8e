import { isCurrency } from '../common/currency';
import { isUuid } from '../common/ids';
import { charactersOver } from '../common/text';

/** The types a critical-info field can have; the value of an assertion is checked against it. */
export enum CriticalInfoType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  MONEY = 'MONEY',
  DATE = 'DATE',
  BOOLEAN = 'BOOLEAN',
  ENUM = 'ENUM',
  MULTI_ENUM = 'MULTI_ENUM',
  STAKEHOLDER_REF = 'STAKEHOLDER_REF',
}

/** An amount with its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** A value as stored (jsonb) and sent: its shape follows the field's type. */
export type CriticalValue = string | number | boolean | string[] | Money;

/**
 * What a NUMBER field takes, as the catalogue says: whole numbers only, and the smallest and largest allowed (null:
 * no bound). Values stored before a rule was set or narrowed stay readable: only new values are checked.
 */
export interface NumberRule {
  wholeNumbers: boolean;
  minimum: number | null;
  maximum: number | null;
}

export const NO_NUMBER_RULE: NumberRule = Object.freeze({ wholeNumbers: false, minimum: null, maximum: null });

/** What the value checks need to know of a field. */
export interface ValueField {
  key: string;
  type: CriticalInfoType;
  options: readonly string[];
  /** NUMBER fields only; absent: any finite number. */
  numberRule?: NumberRule | null;
}

/** A checked value in its canonical form, or what was expected and what came instead. */
export type ValueCheck = { ok: true; value: CriticalValue } | { ok: false; expected: string; got: string };

export const MAX_TEXT = 2000;
const MAX_AMOUNT = 1e16;

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: false });

/** A number rule in words: "a whole number from 0 to 10000000", "a number of at least 1", "a number". */
export function numberRuleText(rule: NumberRule | null | undefined): string {
  const { wholeNumbers, minimum, maximum } = rule ?? NO_NUMBER_RULE;
  const kind = wholeNumbers ? 'a whole number' : 'a number';
  if (minimum !== null && maximum !== null) return `${kind} from ${COUNT.format(minimum)} to ${COUNT.format(maximum)}`;
  if (minimum !== null) return `${kind} of at least ${COUNT.format(minimum)}`;
  if (maximum !== null) return `${kind} of at most ${COUNT.format(maximum)}`;
  return kind;
}

/** What the value of each type looks like, for messages and the API docs. */
export const EXPECTED: Record<CriticalInfoType, (options: readonly string[], numberRule?: NumberRule | null) => string> = {
  [CriticalInfoType.TEXT]: () => `a text of 1 to ${MAX_TEXT} characters`,
  [CriticalInfoType.NUMBER]: (_options, numberRule) => numberRuleText(numberRule),
  [CriticalInfoType.MONEY]: () => 'an amount with its currency, e.g. {"amount": 250000, "currency": "EUR"}',
  [CriticalInfoType.DATE]: () => 'a date of the form YYYY-MM-DD',
  [CriticalInfoType.BOOLEAN]: () => 'true or false',
  [CriticalInfoType.ENUM]: (options) => `one of ${quoteAll(options)}`,
  [CriticalInfoType.MULTI_ENUM]: (options) => `a list of one or more of ${quoteAll(options)}`,
  [CriticalInfoType.STAKEHOLDER_REF]: () => 'the id of a stakeholder of this account',
};

function quoteAll(options: readonly string[]): string {
  return options.map((o) => JSON.stringify(o)).join(', ');
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Says what came, in words: `the text "next spring"`, `the number 12`, `a list ["a"]`, `nothing`. */
export function describeValue(raw: unknown): string {
  if (raw === undefined || raw === null) return 'nothing';
  if (typeof raw === 'string') return raw.trim() === '' ? 'an empty text' : `the text ${JSON.stringify(clip(raw))}`;
  if (typeof raw === 'number') return `the number ${raw}`;
  if (typeof raw === 'boolean') return `the value ${raw}`;
  if (Array.isArray(raw)) return `a list ${clip(JSON.stringify(raw))}`;
  return `an object ${clip(JSON.stringify(raw))}`;
}

const fail = (field: ValueField, raw: unknown, got = describeValue(raw)): ValueCheck => ({ ok: false, expected: EXPECTED[field.type](field.options, field.numberRule), got });

function isIsoDate(text: string): boolean {
  // Year 0000 exists for JavaScript, not for PostgreSQL's dates (found by exploratory testing: "0000-01-01" was taken).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text.startsWith('0000')) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}


/** The option as the catalogue spells it, matching case-insensitively. */
function option(field: ValueField, raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const wanted = raw.trim().toLowerCase();
  return field.options.find((o) => o.toLowerCase() === wanted) ?? null;
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

const CHECKS: Record<CriticalInfoType, (field: ValueField, raw: unknown) => ValueCheck> = {
  [CriticalInfoType.TEXT]: (field, raw) => {
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') return fail(field, raw);
    const long = charactersOver(text, MAX_TEXT);
    if (long !== null) return fail(field, raw, `a text of ${long} characters`);
    return { ok: true, value: text };
  },
  [CriticalInfoType.NUMBER]: (field, raw) => {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(field, raw);
    const { wholeNumbers, minimum, maximum } = field.numberRule ?? NO_NUMBER_RULE;
    if (wholeNumbers && !Number.isInteger(raw)) return fail(field, raw, `${describeValue(raw)}, which is not a whole number`);
    if (minimum !== null && raw < minimum) return fail(field, raw, `${describeValue(raw)}, which is less than ${COUNT.format(minimum)}`);
    if (maximum !== null && raw > maximum) return fail(field, raw, `${describeValue(raw)}, which is more than ${COUNT.format(maximum)}`);
    return { ok: true, value: raw };
  },
  [CriticalInfoType.MONEY]: (field, raw) => {
    if (!isObject(raw) || Object.keys(raw).some((k) => k !== 'amount' && k !== 'currency')) return fail(field, raw);
    const { amount, currency } = raw;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0 || amount >= MAX_AMOUNT) return fail(field, raw, `${describeValue(raw)} (amount must be from 0 to 10^16)`);
    if (typeof currency !== 'string' || !isCurrency(currency.trim().toUpperCase())) return fail(field, raw, `${describeValue(raw)} (currency must be an ISO 4217 code such as "EUR")`);
    return { ok: true, value: { amount, currency: currency.trim().toUpperCase() } };
  },
  [CriticalInfoType.DATE]: (field, raw) => (typeof raw === 'string' && isIsoDate(raw.trim()) ? { ok: true, value: raw.trim() } : fail(field, raw)),
  [CriticalInfoType.BOOLEAN]: (field, raw) => (typeof raw === 'boolean' ? { ok: true, value: raw } : fail(field, raw)),
  [CriticalInfoType.ENUM]: (field, raw) => {
    const chosen = option(field, raw);
    return chosen === null ? fail(field, raw) : { ok: true, value: chosen };
  },
  [CriticalInfoType.MULTI_ENUM]: (field, raw) => {
    if (!Array.isArray(raw) || raw.length === 0) return fail(field, raw);
    const unknown = raw.find((r) => option(field, r) === null);
    if (unknown !== undefined) return fail(field, raw, `${describeValue(raw)} (${describeValue(unknown)} is not an option)`);
    const chosen = new Set(raw.map((r) => option(field, r)));
    return { ok: true, value: field.options.filter((o) => chosen.has(o)) };
  },
  [CriticalInfoType.STAKEHOLDER_REF]: (field, raw) => (typeof raw === 'string' && raw.trim() !== '' ? { ok: true, value: raw.trim() } : fail(field, raw)),
};

/**
 * Checks a value against the field's type and options and returns its
 * canonical form (trimmed text, the option as the catalogue spells it, the
 * options of a list in catalogue order, an upper-case currency). A
 * stakeholder reference is only checked for shape here: whether it names a
 * stakeholder of the account is the caller's question to the database.
 */
export function checkValue(field: ValueField, raw: unknown): ValueCheck {
  return CHECKS[field.type](field, raw);
}

/** A stakeholder reference that already is a stakeholder id (ingest may also send a contact's externalId). */
export function isStakeholderId(value: CriticalValue): value is string {
  return typeof value === 'string' && isUuid(value);
}

/** The error text for a refused value: which field, what was expected, what came. */
export function valueProblem(field: ValueField, check: { expected: string; got: string }): string {
  return `${check.expected} for field "${field.key}" (${field.type}); got ${check.got}`;
}

function textKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A value as a key: two values say the same (sameValue) exactly when their keys are equal. */
export function valueKey(type: CriticalInfoType, value: CriticalValue): string {
  return type === CriticalInfoType.TEXT && typeof value === 'string' ? JSON.stringify(textKey(value)) : JSON.stringify(value);
}

/** Whether two values say the same: texts regardless of case and spacing, the rest exactly. */
export function sameValue(type: CriticalInfoType, a: CriticalValue, b: CriticalValue): boolean {
  return valueKey(type, a) === valueKey(type, b);
}

/**
 * The number formats of valueText, made once: `n.toLocaleString('en-US', options)` is
 * `new Intl.NumberFormat('en-US', options).format(n)` (ECMA-402), and making the format is most of its cost.
 */
const AMOUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A value in plain words (briefings, questions); a stakeholder reference shows the person's name when known. */
export function valueText(type: CriticalInfoType, value: CriticalValue, stakeholderName?: string | null): string {
  switch (type) {
    case CriticalInfoType.MONEY: {
      const money = value as Money;
      return `${money.currency} ${AMOUNT.format(money.amount)}`;
    }
    case CriticalInfoType.BOOLEAN:
      return value ? 'Yes' : 'No';
    case CriticalInfoType.MULTI_ENUM:
      return (value as string[]).join(', ');
    case CriticalInfoType.NUMBER:
      return NUMBER.format(value as number);
    case CriticalInfoType.STAKEHOLDER_REF:
      return stakeholderName ?? String(value);
    default:
      return String(value);
  }
}
