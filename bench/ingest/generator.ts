/**
 * The ingest bench's data, deterministic for a seed: customers known to one,
 * two or three divisions under differing spellings (legal form, "&"/"and",
 * case, a typo) with the same web domain; their account records as each
 * division's system sends them; the customers' people, known to the
 * divisions as contacts of their account records; touchpoints of those
 * accounts naming some of those people.
 */
import { Random } from './random';
import {
  COUNTRIES, Country, CSV_TYPE_NAMES, DEPARTMENTS, FIRST_NAMES, INDUSTRIES, JOB_TITLES, LAST_NAMES, OUTCOMES, PARTNERS, SENTENCES, SYLLABLES_END,
  SYLLABLES_MIDDLE, SYLLABLES_START, TOPICS, TOUCHPOINT_TYPES, TRADES,
} from './vocabulary';

export interface BenchDivision {
  key: string;
  name: string;
  sourceSystem: string;
  /** externalIds of its account records start with it. */
  idPrefix: string;
  /** externalIds of its contact records start with it. */
  contactIdPrefix: string;
  colleagues: { email: string; name: string }[];
}

const DIVISION_SPECS = [
  { key: 'exhibits', name: 'Exhibits', sourceSystem: 'exhibits-crm', idPrefix: 'EXH-', contactIdPrefix: 'EXH-P' },
  { key: 'logistics', name: 'Logistics', sourceSystem: 'logistics-salesforce', idPrefix: '001LOG', contactIdPrefix: '003LOG' },
  { key: 'print', name: 'Print & Media', sourceSystem: 'print-erp', idPrefix: 'K', contactIdPrefix: 'AP' },
];

/** "de-vries" → "De Vries". */
const displayName = (w: string) => w.split('-').map((p) => p[0].toUpperCase() + p.slice(1)).join(' ');

export function benchDivisions(seed: number): BenchDivision[] {
  const rng = new Random(seed ^ 0x5eed);
  return DIVISION_SPECS.map((d) => ({
    ...d,
    colleagues: rng.sample(FIRST_NAMES, 8).map((first) => {
      const last = rng.pick(LAST_NAMES);
      return { email: `${first}.${last}@${d.key}.ourcompany.example`, name: `${displayName(first)} ${displayName(last)}` };
    }),
  }));
}

/** The ingest input's account fields the bench sends. */
export interface AccountRecord {
  externalId: string;
  name: string;
  website?: string;
  phone?: string;
  address?: string;
  registryId?: string;
  industry?: string;
  ownerEmail?: string;
}

export interface Customer {
  id: number;
  brand: string;
  /** "Norvanta & Weber Logistics": the name without its legal form. */
  core: string;
  legalForms: readonly string[];
  domain: string;
  country: Country;
  industry: string;
  phone: { area: string; number: string };
  address: { street: string; number: number; city: Country['cities'][number]; postal: string };
  registryId: string;
}

export interface GeneratedAccount {
  division: BenchDivision;
  customer: Customer;
  input: AccountRecord;
}

export interface AccountSet {
  customers: Customer[];
  /** Every division's records, each division's in its own (shuffled) order. */
  records: GeneratedAccount[];
  /** Customers known to more than one division. */
  shared: number;
}

const capitalise = (w: string) => w[0].toUpperCase() + w.slice(1);

function brandWord(rng: Random): string {
  return rng.pick(SYLLABLES_START) + (rng.chance(0.6) ? rng.pick(SYLLABLES_MIDDLE) : '') + rng.pick(SYLLABLES_END);
}

function customer(rng: Random, id: number, taken: Set<string>): Customer {
  let brand = brandWord(rng);
  for (let tries = 0; taken.has(brand) && tries < 50; tries++) brand = brandWord(rng);
  while (taken.has(brand)) brand += rng.pick(SYLLABLES_END);
  taken.add(brand);
  const country = rng.weighted(COUNTRIES.map((c, i) => [c, [35, 30, 15, 10, 10][i]] as const));
  const trade = rng.pick(TRADES);
  const shape = rng.next();
  const core = shape < 0.6 ? `${capitalise(brand)} ${trade}` : shape < 0.75 ? capitalise(brand) : `${capitalise(brand)} & ${rng.pick(PARTNERS)} ${trade}`;
  const city = rng.pick(country.cities);
  const tld = country.tld;
  return {
    id, brand, core,
    legalForms: rng.pick(country.legalForms),
    domain: `${brand}${rng.chance(0.3) ? `-${trade.toLowerCase()}` : ''}.${rng.chance(0.2) ? 'com' : tld}`,
    country,
    industry: rng.pick(INDUSTRIES),
    phone: { area: city.area, number: country.code === 'US' ? `${rng.int(200, 989)}${rng.digits(4)}` : rng.digits(rng.int(6, 8)) },
    address: { street: rng.pick(country.streets), number: rng.int(1, 250), city, postal: `${city.postal}${rng.digits(country.code === 'GB' ? 0 : 5 - city.postal.length)}` },
    registryId: country.code === 'US' ? `${rng.digits(2)}-${rng.digits(7)}` : `${country.code}${rng.digits(9)}`,
  };
}

// ---------------------------------------------------------------- spellings

/** A one-letter slip in the brand: two letters swapped, one dropped or one doubled. */
function typo(rng: Random, word: string): string {
  if (word.length < 5) return word + word[word.length - 1];
  const i = rng.int(1, word.length - 3);
  const kind = rng.int(0, 2);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + word[i] + word.slice(i);
}

type Variation = 'legal' | 'and' | 'case' | 'typo';

/** How one division spells the customer: the first division as registered, the others with one or two differences. */
function spelling(rng: Random, c: Customer, variations: Variation[]): string {
  let core = c.core;
  let legal = c.legalForms[0];
  for (const v of variations) {
    // "&" written out where the name has one; otherwise another way of writing the legal form.
    if (v === 'and' && core.includes(' & ')) core = core.replace(' & ', ' and ');
    else if (v === 'legal' || v === 'and') legal = rng.pick(c.legalForms.filter((f) => f !== legal));
    else if (v === 'typo') core = core.replace(capitalise(c.brand), capitalise(typo(rng, c.brand)));
  }
  let name = legal ? `${core} ${legal}` : core;
  if (variations.includes('case')) name = rng.chance(0.7) ? name.toUpperCase() : name.toLowerCase();
  return name;
}

function website(rng: Random, domain: string): string {
  return rng.pick([`https://www.${domain}`, `www.${domain}`, `http://${domain}/`, domain, `https://${domain}/en/`, `https://www.${domain}/contact`]);
}

function phone(rng: Random, c: Customer): string {
  const { area, number } = c.phone;
  const dial = c.country.dial;
  if (c.country.code === 'US') {
    const n = `${number.slice(0, 3)}-${number.slice(3)}`;
    return rng.pick([`(${area}) ${n}`, `+1 ${area}-${n}`, `${area}.${number.slice(0, 3)}.${number.slice(3)}`, `+1 (${area}) ${n}`]);
  }
  const half = Math.ceil(number.length / 2);
  return rng.pick([`+${dial} ${area} ${number}`, `+${dial} (0)${area} ${number}`, `+${dial}-${area}-${number.slice(0, half)}-${number.slice(half)}`, `00${dial} ${area} ${number}`]);
}

function address(rng: Random, c: Customer): string {
  const { street, number, city, postal } = c.address;
  const abbreviated = rng.chance(0.3)
    ? street.replace(/straße$/, 'str.').replace(/ Street$/, ' St').replace(/ Road$/, ' Rd').replace(/^rue /, 'r. ')
    : street;
  const line = c.country.numberFirst ? `${number} ${abbreviated}` : `${abbreviated} ${number}`;
  if (c.country.code === 'US') return `${line}, ${city.name} ${postal}`;
  if (c.country.code === 'GB') return `${line}, ${city.name} ${city.postal} ${number % 9}AB`;
  return `${line}, ${postal} ${city.name}`;
}

const DIVISIONS_PER_CUSTOMER: readonly (readonly [number, number])[] = [[1, 50], [2, 25], [3, 25]];

/**
 * `count` account records over the divisions: about half the customers are
 * known to one division, the others to two or three, spelt differently.
 * `others`: a set generated before, whose customers these are not;
 * `firstId`: where the systems' record numbers start (default 100000).
 */
export function generateAccounts(
  divisions: BenchDivision[], count: number, seed: number, options: { firstId?: number; others?: AccountSet } = {},
): AccountSet {
  const rng = new Random(seed);
  // Customers of another set stay other customers: their brands are not used again.
  const taken = new Set<string>(options.others?.customers.map((c) => c.brand));
  const customers: Customer[] = [];
  const byDivision = new Map<string, GeneratedAccount[]>(divisions.map((d) => [d.key, []]));
  let records = 0;
  let shared = 0;
  while (records < count) {
    const c = customer(rng, (options.others?.customers.length ?? 0) + customers.length, taken);
    customers.push(c);
    const known = rng.sample(divisions, Math.min(rng.weighted(DIVISIONS_PER_CUSTOMER), count - records, divisions.length));
    if (known.length > 1) shared++;
    known.forEach((division, i) => {
      const variations: Variation[] = i === 0 ? [] : rng.sample<Variation>(['legal', 'and', 'case', 'typo'], rng.chance(0.3) ? 2 : 1);
      const owner = rng.chance(0.6) ? rng.pick(division.colleagues).email : undefined;
      const input: AccountRecord = {
        externalId: '',
        name: spelling(rng, c, variations),
        ...(known.length > 1 || rng.chance(0.9) ? { website: website(rng, c.domain) } : {}),
        ...(rng.chance(0.85) ? { phone: phone(rng, c) } : {}),
        ...(rng.chance(0.8) ? { address: address(rng, c) } : {}),
        ...(rng.chance(0.25) ? { registryId: c.registryId } : {}),
        ...(rng.chance(0.7) ? { industry: c.industry } : {}),
        ...(owner ? { ownerEmail: owner } : {}),
      };
      byDivision.get(division.key)!.push({ division, customer: c, input });
    });
    records += known.length;
  }
  // Each system numbers its records in its own order.
  for (const [key, list] of byDivision) {
    const division = divisions.find((d) => d.key === key)!;
    rng.shuffle(list).forEach((r, i) => (r.input.externalId = `${division.idPrefix}${String((options.firstId ?? 100000) + i)}`));
  }
  return { customers, records: divisions.flatMap((d) => byDivision.get(d.key)!), shared };
}

// ---------------------------------------------------------------- people

/** The ingest input's contact fields the bench sends. */
export interface ContactRecord {
  externalId: string;
  accountExternalId: string;
  name: string;
  title?: string;
  department?: string;
  emails: string[];
  phones?: string[];
}

export interface GeneratedContact {
  division: BenchDivision;
  input: ContactRecord;
}

export interface PeopleSet {
  /** Every division's contact records, account record by account record. */
  contacts: GeneratedContact[];
  /** The contacts of each account record: the people its touchpoints name. */
  byAccount: ReadonlyMap<GeneratedAccount, readonly ContactRecord[]>;
  /** Distinct people: one known to two divisions (the same email) counts once. */
  people: number;
}

/** How many of the customer's people one division's record knows. */
const PEOPLE_PER_RECORD = { min: 2, max: 6 } as const;

interface Person {
  first: string;
  last: string;
  email: string;
  phone?: string;
  title?: string;
  department?: string;
}

/**
 * A customer's people: 4 plus 2 per division that knows the customer, so
 * that divisions sharing a customer know some of the same people (who then
 * are one stakeholder) and some others.
 */
function staff(rng: Random, c: Customer, records: number): Person[] {
  return rng.sample(FIRST_NAMES, 4 + 2 * records).map((first) => {
    const last = rng.pick(LAST_NAMES);
    const { area } = c.phone;
    return {
      first, last,
      email: `${first}.${last}@${c.domain}`,
      ...(rng.chance(0.5) ? { phone: `+${c.country.dial} ${area} ${rng.digits(c.phone.number.length)}` } : {}),
      ...(rng.chance(0.7) ? { title: rng.pick(JOB_TITLES) } : {}),
      ...(rng.chance(0.5) ? { department: rng.pick(DEPARTMENTS) } : {}),
    };
  });
}

/**
 * The people of the customers of `set`: each account record gets 2 to 6 of
 * its customer's people as contacts (ids `<contactIdPrefix><n>` per
 * division), written "First Last" or, by some, "Last, First".
 */
export function generateContacts(set: AccountSet, seed: number): PeopleSet {
  const rng = new Random(seed);
  const recordsOf = new Map<number, GeneratedAccount[]>();
  for (const r of set.records) (recordsOf.get(r.customer.id) ?? recordsOf.set(r.customer.id, []).get(r.customer.id)!).push(r);
  const sequence = new Map<string, number>();
  const contacts: GeneratedContact[] = [];
  const byAccount = new Map<GeneratedAccount, ContactRecord[]>();
  const known = new Set<string>();
  for (const c of set.customers) {
    const records = recordsOf.get(c.id) ?? [];
    const people = staff(rng, c, records.length);
    for (const account of records) {
      const { division } = account;
      const list: ContactRecord[] = [];
      for (const p of rng.sample(people, rng.int(PEOPLE_PER_RECORD.min, PEOPLE_PER_RECORD.max))) {
        const n = (sequence.get(division.key) ?? 0) + 1;
        sequence.set(division.key, n);
        known.add(p.email);
        const input: ContactRecord = {
          externalId: `${division.contactIdPrefix}${String(500000 + n)}`,
          accountExternalId: account.input.externalId,
          name: rng.chance(0.2) ? `${displayName(p.last)}, ${displayName(p.first)}` : `${displayName(p.first)} ${displayName(p.last)}`,
          ...(p.title ? { title: p.title } : {}),
          ...(p.department ? { department: p.department } : {}),
          emails: [p.email],
          ...(p.phone ? { phones: [p.phone] } : {}),
        };
        list.push(input);
        contacts.push({ division, input });
      }
      byAccount.set(account, list);
    }
  }
  return { contacts, byAccount, people: known.size };
}

// ---------------------------------------------------------------- touchpoints

/** The ingest input's touchpoint fields the bench sends (occurredAt as ISO 8601 text, as over HTTP). */
export interface TouchpointRecord {
  externalId: string;
  accountExternalId: string;
  type: string;
  occurredAt: string;
  subject: string;
  summary: string;
  outcome?: string;
  colleagueEmails: string[];
  participantEmails?: string[];
  participantExternalIds?: string[];
  confidential?: boolean;
}

export interface GeneratedTouchpoint {
  division: BenchDivision;
  input: TouchpointRecord;
}

/** The three years before this instant (fixed, so the data does not depend on the day it runs). */
export const TIMELINE_END = Date.UTC(2026, 10, 1);
const THREE_YEARS = 3 * 365.25 * 24 * 3600 * 1000;

function summary(rng: Random): string {
  const target = rng.int(100, 300);
  let text = '';
  while (text.length < target) {
    const next = rng.pick(SENTENCES);
    if (text && text.length + 1 + next.length > 300) break;
    text = text ? `${text} ${next}` : next;
  }
  return text;
}

/** How many of its account's people a touchpoint names. */
const PARTICIPANTS: readonly (readonly [number, number])[] = [[0, 40], [1, 40], [2, 20]];
/** Share of the touchpoints naming people that name them by the system's contact ids rather than by email. */
const NAMED_BY_CONTACT_ID = 0.25;

/**
 * `count` touchpoints of the given accounts (uniformly), with externalIds
 * `<idPrefix><division>-<n>`: a different prefix gives fresh touchpoints.
 * Each names 0 to 2 of its account record's contacts (`people`), by email
 * or, for a quarter of them, by the division's contact ids.
 */
export function generateTouchpoints(
  accounts: GeneratedAccount[], people: PeopleSet['byAccount'], count: number, seed: number, idPrefix: string,
): GeneratedTouchpoint[] {
  const rng = new Random(seed);
  const out: GeneratedTouchpoint[] = [];
  const sequence = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const account = rng.pick(accounts);
    const { division, customer: c } = account;
    const n = (sequence.get(division.key) ?? 0) + 1;
    sequence.set(division.key, n);
    const type = rng.weighted(TOUCHPOINT_TYPES);
    const at = new Date(TIMELINE_END - Math.floor(rng.next() * THREE_YEARS / 60000) * 60000);
    const contacts = people.get(account);
    if (!contacts) throw new Error(`no people generated for account record ${division.key}|${account.input.externalId}`);
    const participants = rng.weighted(PARTICIPANTS);
    const input: TouchpointRecord = {
      externalId: `${idPrefix}${division.key.slice(0, 3).toUpperCase()}-${String(n).padStart(7, '0')}`,
      accountExternalId: account.input.externalId,
      type,
      occurredAt: at.toISOString(),
      subject: rng.chance(0.5) ? `${rng.pick(TOPICS[type])} – ${c.core}` : rng.pick(TOPICS[type]),
      summary: summary(rng),
      ...(rng.chance(0.4) ? { outcome: rng.pick(OUTCOMES) } : {}),
      colleagueEmails: rng.sample(division.colleagues, rng.chance(0.7) ? 1 : 2).map((p) => p.email),
      ...named(rng, rng.sample(contacts, participants)),
      ...(rng.chance(0.03) ? { confidential: true } : {}),
    };
    out.push({ division, input });
  }
  return out;
}

/** The participant fields naming these contacts: by contact id or by email. */
function named(rng: Random, contacts: readonly ContactRecord[]): Pick<TouchpointRecord, 'participantEmails' | 'participantExternalIds'> {
  if (contacts.length === 0) return {};
  return rng.chance(NAMED_BY_CONTACT_ID)
    ? { participantExternalIds: contacts.map((p) => p.externalId) }
    : { participantEmails: contacts.map((p) => p.emails[0]) };
}

// ---------------------------------------------------------------- batches

export interface BenchBatch {
  division: string;
  sourceSystem: string;
  accounts?: AccountRecord[];
  contacts?: ContactRecord[];
  touchpoints?: TouchpointRecord[];
}

type BenchItem = AccountRecord | ContactRecord | TouchpointRecord;

/** Per division, in batches of `size`, the divisions taking turns (as concurrent systems would). */
export function toBatches(
  items: readonly { division: BenchDivision; input: BenchItem }[], list: 'accounts' | 'contacts' | 'touchpoints', size: number,
): BenchBatch[] {
  const byDivision = new Map<BenchDivision, BenchItem[]>();
  for (const { division, input } of items) (byDivision.get(division) ?? byDivision.set(division, []).get(division)!).push(input);
  const queues = [...byDivision].map(([division, inputs]) => {
    const batches: BenchBatch[] = [];
    for (let i = 0; i < inputs.length; i += size) batches.push({ division: division.key, sourceSystem: division.sourceSystem, [list]: inputs.slice(i, i + size) });
    return batches;
  });
  const out: BenchBatch[] = [];
  for (let round = 0; queues.some((q) => round < q.length); round++) for (const q of queues) if (round < q.length) out.push(q[round]);
  return out;
}

export const batchItems = (batch: BenchBatch): number => (batch.accounts?.length ?? 0) + (batch.contacts?.length ?? 0) + (batch.touchpoints?.length ?? 0);

// ---------------------------------------------------------------- CSV for the import command

/** The columns of mappings/generic-touchpoints.csv.json. */
export const CSV_COLUMNS = ['Activity ID', 'Account ID', 'Type', 'Date', 'Subject', 'Summary', 'Outcome', 'Colleague Emails', 'Contact IDs', 'Contact Emails', 'Confidential', 'Opportunity ID'];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no newline) of a touchpoint, as a generic CRM export writes it. */
export function csvLine(t: TouchpointRecord, rng: Random): string {
  const cells = [
    t.externalId, t.accountExternalId, rng.pick(CSV_TYPE_NAMES[t.type]), t.occurredAt.slice(0, 16).replace('T', ' '), t.subject, t.summary,
    t.outcome ?? '', t.colleagueEmails.join(';'), (t.participantExternalIds ?? []).join(';'), (t.participantEmails ?? []).join(';'), t.confidential ? 'yes' : 'no', '',
  ];
  return cells.map(csvCell).join(',');
}
