import * as crypto from 'node:crypto';
import { isFutureDay, normalizeEmail } from '../matching/features';
import { currencyCode, currencyDecimals } from '../common/currency';
import { parseInstant, quotedInstant } from '../common/date-time.scalar';
import { charactersOver, storable, unfitValue } from '../common/text';
import { domainOf, topLevelDomainProblem } from '../matching/normalize';
import { amountContent, amountsAgree, amountTextProblem, decimalsOf } from './amount';
import { IngestItemKind, TouchpointType } from './ingest.types';

/** Limits of one batch: big enough for bulk loads, small enough to keep one transaction short. */
export const MAX_BATCH_ITEMS = 5000;
export const MAX_LIST_ITEMS = 100;
const MAX_LENGTH: Record<string, number> = {
  externalId: 200, accountExternalId: 200, opportunityExternalId: 200, reportsToExternalId: 200,
  name: 300, accountName: 300, firstName: 200, lastName: 200, title: 300, department: 300, website: 500, registryId: 100, phone: 100,
  address: 1000, postalCode: 40, industry: 200, ownerEmail: 320, city: 200, stage: 100, currency: 10, amountText: 60,
  closeDate: 10, birthday: 10, subject: 1000, summary: 20000, outcome: 5000,
  emails: 320, phones: 100, domains: 253, interests: 200, colleagueEmails: 320, participantExternalIds: 200, participantEmails: 320,
  fieldKey: 100, sourceTouchpointExternalId: 200, assertedByEmail: 320, note: 2000,
};
/** A critical-info value is small: a text, a date, a list of options. */
const MAX_VALUE_JSON = 5000;

/** Why one item cannot be stored: where (path) and why, with the item kept verbatim. */
export interface Rejection {
  kind: IngestItemKind;
  externalId: string | null;
  path: string;
  reason: string;
  raw: Record<string, unknown>;
  /** When the hub received the item, when that was before this transaction (an item that waited); absent: now. */
  receivedAt?: Date;
}

export class ItemError extends Error {
  constructor(readonly field: string, reason: string) {
    super(reason);
  }
}

type Item = Record<string, unknown>;

const TOUCHPOINT_TYPES = new Set<TouchpointType>(Object.values(TouchpointType));

/** The keys in the order of Array.prototype.sort (UTF-16 code units), by insertion sort: items have a dozen keys at most, and no sort buffer is allocated per item. */
function sortedKeys(item: object): string[] {
  const keys = Object.keys(item);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * The item without empty fields, keys sorted: what the content hash and `raw` are computed from.
 * An empty list says what an absent one does (a record is sent whole each time): a system that
 * sends `emails: []` one day and no emails the next has changed nothing.
 */
export function canonical(item: object): Item {
  const out: Item = {};
  for (const key of sortedKeys(item)) {
    const value = (item as Item)[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = canonicalValue(value);
  }
  return out;
}

const canonicalValue = (value: unknown) => (value instanceof Date ? (Number.isNaN(value.getTime()) ? String(value) : value.toISOString()) : value);

/**
 * The content hashes versions before stored for this item where they differ from its hash now, or undefined when none
 * does. Versions before empty lists were read as absent ones kept `[]` in what they hashed (only for an item with an
 * empty list); touchpoints (`notConfidential`: one not confidential, validated, which has dropped `confidential: false`)
 * sent with `confidential: false` before it was read as left out kept that too, with `[]` (before both changes) or
 * without it (between them). Rows they wrote keep that hash until the record changes: compared with it too, such a
 * record sent again as it was is UNCHANGED, not a version that changes nothing (reported in the team's notes, issue 4).
 * A stored `[]` sent later as an absent list still makes one version, once: what it hashed cannot be told from what
 * is sent then. Those versions knew no sourceUpdatedAt. Versions before hashes were canonical (recordHash) hashed the
 * content as sent: a record stored then and sent again as it was is UNCHANGED too (sent in another form, it makes one
 * version, once).
 */
export function formerContentHashes(item: object, { notConfidential = false, hash = recordHash(item) }: { notConfidential?: boolean; hash?: string } = {}): string[] | undefined {
  let emptyList = false;
  const out: Item = {};
  for (const key of sortedKeys(item)) {
    const value = (item as Item)[key];
    if (value === null || value === undefined || key === 'sourceUpdatedAt') continue;
    if (Array.isArray(value) && value.length === 0) emptyList = true;
    out[key] = canonicalValue(value);
  }
  const hashes: string[] = [];
  // Before hashes were canonical (recordHash), a record's hash was of its content as sent: lists in the order sent, strings as they were.
  const asSent = contentHash(versionContent(item));
  if (asSent !== hash) hashes.push(asSent);
  if (emptyList) hashes.push(contentHash(out));
  if (notConfidential) {
    const withFalse = (form: Item) => contentHash(Object.fromEntries(sortedKeys({ ...form, confidential: false }).map((k) => [k, k === 'confidential' ? false : form[k]])));
    if (emptyList) hashes.push(withFalse(out));
    hashes.push(withFalse(canonical(out)));
  }
  return hashes.length > 0 ? hashes : undefined;
}

/**
 * The item as a version of its record, what its content hash (and `raw`) are made of: canonical, without
 * sourceUpdatedAt. That says when the content changed, not what it is (kept in its own column): the same content
 * sent with another time is the same version (UNCHANGED), not a new one. An opportunity's amount is in one form
 * whichever it was sent in (amountContent: `amount` 1234.5 and `amountText` "1234.50" are the same content).
 */
export function versionContent(item: object): Item {
  const sent = item as Item;
  let content: object = item;
  if (sent.amountText !== undefined && sent.amountText !== null) {
    const rest = { ...sent };
    delete rest.amount;
    delete rest.amountText;
    content = { ...rest, ...amountContent(sent.amount, sent.amountText) };
  }
  const out = canonical(content);
  if ('sourceUpdatedAt' in out) delete out.sourceUpdatedAt;
  return out;
}

/**
 * Lists whose order says nothing (sets): hashed sorted, each entry once. Addresses and domains are one whatever their case
 * (the rest of the hub reads them lower-cased); phones, people's external ids and interests as sent but trimmed.
 */
const SET_LISTS: Record<string, 'caseless' | 'exact' | 'ids'> = {
  emails: 'caseless', domains: 'caseless', colleagueEmails: 'caseless', participantEmails: 'caseless',
  phones: 'exact', participantExternalIds: 'ids', interests: 'exact',
};

/**
 * A source system's ids are matched as sent, padding included (natural keys, `accountExternalId`, participants): trimmed
 * for the hash, "C-9 " corrected to "C-9" answered UNCHANGED and the person or account it names was never linked (found
 * in review). So ids are hashed untrimmed.
 */
const isIdKey = (key: string) => key === 'externalId' || key.endsWith('ExternalId');

/** A set list as hashed: trimmed entries (caseless ones lower-cased), empty ones left out, each once, sorted. */
function setOf(values: readonly unknown[], kind: 'caseless' | 'exact' | 'ids'): unknown[] {
  const entries = new Set<unknown>();
  for (const v of values) {
    if (typeof v !== 'string') entries.add(v);
    else if (kind === 'ids') entries.add(v);
    else if (v.trim() !== '') entries.add(kind === 'caseless' ? v.trim().toLowerCase() : v.trim());
  }
  return [...entries].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/**
 * A version's content (versionContent) in the form its hash is taken of, the same however it was formatted: strings
 * trimmed, an empty one as absent; lists of addresses, domains, phones and participants as sets (SET_LISTS). A CRM
 * that does not keep list order, sends `industry: ""` for no industry or pads a name sends the same record: UNCHANGED
 * (found by exploratory testing, issue 4: each made a new version). What is stored (`raw`) stays as sent.
 */
export function hashForm(content: Item): Item {
  const out: Item = {};
  for (const key in content) {
    const value = content[key];
    if (typeof value === 'string' && isIdKey(key)) {
      out[key] = value;
    } else if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed !== '') out[key] = trimmed;
    } else if (Array.isArray(value) && SET_LISTS[key] !== undefined) {
      const set = setOf(value, SET_LISTS[key]);
      if (set.length > 0) out[key] = set;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The content hash of an item as a version of its record (versionContent), canonical (hashForm). */
export function recordHash(item: object): string {
  return contentHash(hashForm(versionContent(item)));
}

/** One-shot hashing (Node 20.12+): no Hash object per item; the same digest as createHash(…).update(…).digest(…). */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

export function contentHash(item: Item): string {
  const json = JSON.stringify(item);
  return oneShotHash ? oneShotHash('sha256', json, 'base64url') : crypto.createHash('sha256').update(json).digest('base64url');
}

export const UNSTORABLE = 'contains a NUL character (U+0000) or a lone UTF-16 surrogate, which cannot be stored';

/** The stored copy of a value PostgreSQL cannot take as it is: NUL and lone surrogates become U+FFFD (keys too). */
export function storableCopy(value: unknown): unknown {
  if (typeof value === 'string') return storable(value) ? value : (value.replaceAll('\u0000', '\uFFFD') as unknown as { toWellFormed(): string }).toWellFormed();
  if (Array.isArray(value)) return value.map(storableCopy);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [storableCopy(key), storableCopy(v)]));
  }
  return value;
}

/** Fields that hold a day (YYYY-MM-DD): one too long for that is said to be no day, not too long. */
const DATE_FIELDS = new Set(['closeDate', 'birthday']);

/** Lengths and list sizes, and text PostgreSQL can store, of every field with a limit (every free-text field). */
function checkLengths(item: Item): void {
  for (const field in item) {
    const max = MAX_LENGTH[field];
    if (max === undefined) continue;
    const value = item[field];
    if (typeof value === 'string') {
      const long = charactersOver(value, max);
      // Found by exploratory testing: closeDate "2026-12-31T00:00:00Z" was refused as 20 characters long, not as no day.
      if (long !== null && DATE_FIELDS.has(field)) throw new ItemError(field, notADay(value));
      if (long !== null) throw new ItemError(field, `is ${long} characters long; the limit is ${max}`);
      if (!storable(value)) throw new ItemError(field, UNSTORABLE);
    } else if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) throw new ItemError(field, `has ${value.length} entries; the limit is ${MAX_LIST_ITEMS}`);
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v !== 'string') continue;
        const long = charactersOver(v, max);
        if (long !== null) throw new ItemError(`${field}[${i}]`, `is ${long} characters long; the limit is ${max}`);
        if (!storable(v)) throw new ItemError(`${field}[${i}]`, UNSTORABLE);
      }
    }
  }
}

/** Text that shows nothing: whitespace and invisible format characters (a zero-width space made an account with an invisible name). */
const INVISIBLE = /^[\s\p{Cf}\p{Z}]*$/u;

function required(item: Item, ...fields: string[]): void {
  for (const field of fields) {
    if (typeof item[field] !== 'string' || INVISIBLE.test(item[field] as string)) throw new ItemError(field, 'must not be empty (nor only spaces or invisible characters)');
  }
}

const AN_INSTANT = 'a date and time with its offset (RFC 3339), such as "2026-11-23T09:30:00Z" or "2026-11-23T10:30:00+01:00"';

/**
 * An instant of the item, sent as RFC 3339 text (over GraphQL) or as a Date
 * (callers in this process): the Date, put back into the item for what lands
 * it. Text is read strictly (parseInstant): `new Date` took "1" for 2001 and
 * "2025-02-30" for March 2nd. A rejected item keeps the text as it was sent.
 */
function instant(item: Item, field: string): Date | null {
  const value = item[field];
  if (value === undefined || value === null) return null;
  const at = typeof value === 'string' ? parseInstant(value) : value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
  if (!at) throw new ItemError(field, `${quotedInstant(value instanceof Date ? String(value) : value)} is not ${AN_INSTANT}`);
  item[field] = at;
  return at;
}

/** How far ahead of the hub's clock a division system's clock may be (as for critical info's assertedAt). */
const SOURCE_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * sourceUpdatedAt, when given: an instant, not ahead of now (beyond clock skew). A future one is refused: the record
 * would keep it, and every real change sent before that time would then be taken as older and not applied. Now is
 * the hub's Clock's (`now`, from the caller), not the machine's: a hub run with another Clock agreed with itself
 * nowhere else (issue 4).
 */
function sourceUpdatedAt(item: Item, now: Date): void {
  const at = instant(item, 'sourceUpdatedAt');
  if (at && at.getTime() > now.getTime() + SOURCE_CLOCK_SKEW_MS) {
    throw new ItemError('sourceUpdatedAt', `${at.toISOString()} is in the future; send when the division's system last changed the record`);
  }
}

/** When an item's system last changed its record (sourceUpdatedAt, validated), or null when it does not say. */
export function sourceUpdatedAtOf(item: { sourceUpdatedAt?: Date | string | null }): Date | null {
  return item.sourceUpdatedAt ? validatedInstant(item.sourceUpdatedAt) : null;
}

/** An instant of an item validateItem has passed (which put a Date there). */
export function validatedInstant(value: Date | string): Date {
  if (value instanceof Date) return value;
  const at = parseInstant(value);
  if (!at) throw new Error(`an item reached ingest with occurredAt/assertedAt "${value}" unvalidated`);
  return at;
}

/** Why a text is no day: as sent, cut short when long. */
function notADay(value: string): string {
  const shown = [...value].length > 40 ? `${[...value].slice(0, 37).join('')}…` : value;
  return `"${shown}" is not a date of the form YYYY-MM-DD (a day, without a time)`;
}

export function isoDate(item: Item, field: string): string | null {
  const value = item[field];
  if (value === undefined || value === null) return null;
  const date = new Date(`${String(value)}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value))) throw new ItemError(field, notADay(String(value)));
  // Of that form but no day of the calendar ("2026-02-29"): said so, not that the form is wrong (found by exploratory testing).
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new ItemError(field, `"${String(value)}" is no day of the calendar`);
  // JavaScript knows a year 0000, PostgreSQL's date does not: it failed the whole batch there.
  if (date.getUTCFullYear() < 1) throw new ItemError(field, `"${String(value)}" is outside the years 0001 to 9999`);
  return String(value);
}

/** The years a close date is taken from, as for when a touchpoint occurred. */
const CLOSE_YEARS = { from: 1900, to: 2200 };

/** Whether a close date (YYYY-MM-DD, validated) is kept: one outside CLOSE_YEARS is ignored with a warning. */
export function plausibleCloseDate(day: string): boolean {
  const year = Number(day.slice(0, 4));
  return year >= CLOSE_YEARS.from && year <= CLOSE_YEARS.to;
}

/**
 * Malformed contact data (an email, a web address) is ignored with a warning,
 * not a rejection: the record is still worth having, and it is kept verbatim.
 * A value kept though it looks wrong says so instead (`outcome`: "kept as sent").
 */
type Warn = (path: string, reason: string, outcome?: string) => void;

function email(item: Item, field: string, warn: Warn): void {
  if (item[field] && !normalizeEmail(String(item[field]))) warn(field, `"${String(item[field])}" is not an email address`);
}

function emails(item: Item, field: string, warn: Warn): void {
  ((item[field] as string[] | undefined) ?? []).forEach((raw, i) => {
    if (!normalizeEmail(raw)) warn(`${field}[${i}]`, `"${raw}" is not an email address`);
  });
}

/** "Bob Smithers <bob.smithers@harlowedynamics.com>" (and "Smithers, Bob" <…>): a name with its address, as mail clients write them. */
const NAME_WITH_ADDRESS = /^\s*"?([^"<>]*?)"?\s*<\s*([^<>\s]+)\s*>\s*$/;

/**
 * A contact's name as read: a name sent with its email address ("Bob Smithers <bob@…>", the form issue 4 itself uses) is
 * the name, the address one of the person's emails; an address alone in the name is one of their emails too (the name
 * stays as sent: it is all there is). Null when the name holds no address. What is stored as sent (raw) keeps it whole.
 */
export function nameWithAddress(name: unknown): { name: string; email: string } | null {
  if (typeof name !== 'string') return null;
  const written = NAME_WITH_ADDRESS.exec(name);
  if (written && written[1].trim() !== '' && normalizeEmail(written[2])) return { name: written[1].trim(), email: written[2] };
  const alone = name.trim();
  if (!/\s/.test(alone) && alone.includes('@') && normalizeEmail(alone)) return { name: alone, email: alone };
  return null;
}

/** A contact as its record is read: its name without an address it carried, that address among its emails (once). */
export function contactAsRead<T extends { name: string; emails?: string[] | null }>(contact: T): T {
  const read = nameWithAddress(contact.name);
  if (!read) return contact;
  const emails = contact.emails ?? [];
  const known = emails.some((e) => normalizeEmail(e) === normalizeEmail(read.email));
  return { ...contact, name: read.name, emails: known ? emails : [...emails, read.email] };
}

const RULES: Record<IngestItemKind, (item: Item, warn: Warn, now: Date) => void> = {
  [IngestItemKind.ACCOUNT]: (item, warn, now) => {
    required(item, 'externalId', 'name');
    sourceUpdatedAt(item, now);
    // Why, when its top-level domain is why: "northwind.example" looks like a web address (found in review: nothing said why not).
    const why = (address: string) => {
      const problem = topLevelDomainProblem(address);
      return problem ? ` (${problem})` : '';
    };
    if (item.website && !domainOf(String(item.website))) warn('website', `"${String(item.website)}" is not a web address${why(String(item.website))}`);
    ((item.domains as string[] | undefined) ?? []).forEach((d, i) => {
      if (!domainOf(d)) warn(`domains[${i}]`, `"${d}" is not a domain name${why(d)}`);
    });
    emails(item, 'emails', warn);
    email(item, 'ownerEmail', warn);
  },
  [IngestItemKind.CONTACT]: (item, warn, now) => {
    required(item, 'externalId', 'accountExternalId', 'name');
    sourceUpdatedAt(item, now);
    emails(item, 'emails', warn);
    // Found by exploratory testing (issue 4): "Bob Smithers <bob.smithers@…>" was stored as the name, and no email.
    const read = nameWithAddress(item.name);
    if (read && read.name !== read.email) warn('name', `"${String(item.name)}" holds an email address`, `read as the name "${read.name}" and the email ${read.email}, added to emails; kept as sent`);
    else if (read) warn('name', `"${read.email}" is an email address`, 'added to emails; the name kept as sent');
    const birthday = isoDate(item, 'birthday');
    // A day later than today is no birthday yet (2999-01-01 was taken as one): the person is still worth having, as with
    // a malformed email (rejecting them lost 8 people of the fake_1000 set, born "2030-01-09" and the like). The hub's now.
    if (birthday && isFutureDay(birthday, now)) warn('birthday', `"${birthday}" is in the future`);
  },
  [IngestItemKind.TOUCHPOINT]: (item, warn, now) => {
    required(item, 'externalId', 'accountExternalId');
    sourceUpdatedAt(item, now);
    // Not confidential is what leaving it out says: the same touchpoint sent with and without `confidential: false`
    // was UPDATED each time, a version that changed nothing (found by exploratory testing).
    if (item.confidential === false) delete item.confidential;
    if (!TOUCHPOINT_TYPES.has(item.type as TouchpointType)) {
      throw new ItemError('type', `"${String(item.type)}" is not one of ${Object.values(TouchpointType).join(', ')}`);
    }
    const sent = item.occurredAt;
    const at = instant(item, 'occurredAt');
    if (!at) throw new ItemError('occurredAt', `must be given: ${AN_INSTANT}`);
    if (at.getUTCFullYear() < 1900 || at.getUTCFullYear() > 2200) {
      // Said as it was sent, and in UTC when that differs (an offset can move it across a year's end).
      const asSent = typeof sent === 'string' && sent !== at.toISOString() ? `"${sent}" (${at.toISOString()})` : at.toISOString();
      throw new ItemError('occurredAt', `${asSent} is outside the years 1900 to 2200`);
    }
    emails(item, 'colleagueEmails', warn);
    emails(item, 'participantEmails', warn);
  },
  [IngestItemKind.OPPORTUNITY]: (item, warn, now) => {
    required(item, 'externalId', 'accountExternalId', 'name', 'stage');
    sourceUpdatedAt(item, now);
    const amount = item.amount as number | undefined;
    if (amount !== undefined && amount !== null && (!Number.isFinite(amount) || amount < 0 || amount >= 1e16)) {
      throw new ItemError('amount', `${amount} is not an amount from 0 to less than 10^16`);
    }
    // The exact form: a Float of more than about 15 significant digits arrives rounded by the sender's JSON parser.
    const amountText = item.amountText as string | undefined | null;
    if (amountText !== undefined && amountText !== null) {
      if (typeof amountText !== 'string') throw new ItemError('amountText', `${JSON.stringify(amountText)} is not text: send a plain decimal in text, such as "1234.50"`);
      const problem = amountTextProblem(amountText);
      if (problem) throw new ItemError('amountText', problem);
      if (amount !== undefined && amount !== null && !amountsAgree(amount, amountText)) {
        throw new ItemError('amountText', `"${amountText}" and amount ${amount} disagree (amount is not the floating-point number nearest to amountText): send one of them, or both for the same amount`);
      }
    }
    // Any case, spaces around (found by exploratory testing: "eur" and " EUR" were refused); kept upper-cased, so "eur"
    // and "EUR" are the same content. Set once nothing else can refuse the item: a refused item keeps what was sent.
    // Empty (or spaces): no currency, as the writer stores it.
    const given = item.currency !== undefined && item.currency !== null && String(item.currency).trim() !== '';
    const currency = given ? currencyCode(String(item.currency)) : null;
    if (given && currency === null) {
      throw new ItemError('currency', `"${String(item.currency)}" is not an ISO 4217 code such as "EUR"`);
    }
    const closeDate = isoDate(item, 'closeDate');
    // A day no deal closes on (0001-01-01, 9999-12-31: a system's "no date"): the opportunity is worth having without it.
    if (closeDate && !plausibleCloseDate(closeDate)) warn('closeDate', `"${closeDate}" is outside the years ${CLOSE_YEARS.from} to ${CLOSE_YEARS.to}`);
    email(item, 'ownerEmail', warn);
    // More decimals than the currency has (10.123 EUR, 5.5 JPY): likely a wrong currency or a misplaced point, but the
    // division's system says so; kept as sent, and said.
    const exact = amountText ?? (amount !== undefined && amount !== null ? String(amount) : null);
    const decimals = currency !== null && exact !== null ? currencyDecimals(currency) : null;
    const sentDecimals = exact !== null ? decimalsOf(exact) : 0;
    if (decimals !== null && sentDecimals > decimals) {
      const field = amountText !== undefined && amountText !== null ? 'amountText' : 'amount';
      const count = (n: number) => (n === 0 ? 'none' : n === 1 ? '1 decimal' : `${n} decimals`);
      warn(field, `${exact} ${currency} has ${count(sentDecimals)}; ${currency} has ${count(decimals)}`, 'kept as sent');
    }
    if (currency !== null) item.currency = currency;
    // Both sent (the same amount): the text is what is stored, as it was sent ("1234.50" keeps its two decimals). The
    // content hash sees one form of the amount, whichever was sent (versionContent).
    if (amountText !== undefined && amountText !== null) delete item.amount;
  },
  // The value's type is checked against the catalogue when the item lands (critical-info/ingest-critical-info.ts).
  [IngestItemKind.CRITICAL_INFO]: (item, warn) => {
    required(item, 'accountExternalId', 'fieldKey');
    if (item.value === undefined || item.value === null) throw new ItemError('value', 'must be given');
    const size = JSON.stringify(item.value).length;
    if (size > MAX_VALUE_JSON) throw new ItemError('value', `is ${size} characters of JSON; the limit is ${MAX_VALUE_JSON}`);
    if (unfitValue(item.value, 'value')) throw new ItemError('value', UNSTORABLE);
    const at = instant(item, 'assertedAt');
    if (at && at.getUTCFullYear() < 1900) throw new ItemError('assertedAt', `${at.toISOString()} is before the year 1900`);
    email(item, 'assertedByEmail', warn);
  },
};

/**
 * Checks one item: the reason it cannot be stored (with the field) or null, and what was ignored in it. `now`: the
 * hub's Clock's (what is in the future is said by it), the machine's when not given.
 */
export function validateItem(kind: IngestItemKind, item: Item, now: Date = new Date()): { error: ItemError | null; warnings: string[] } {
  const warnings: string[] = [];
  try {
    checkLengths(item);
    RULES[kind](item, (path, reason, outcome = 'ignored') => warnings.push(`${path} ${reason}: ${outcome}`), now);
    return { error: null, warnings };
  } catch (error) {
    if (error instanceof ItemError) return { error, warnings };
    throw error;
  }
}
