import { nameKey } from '../accounts/name-key';
import { LifecycleStage } from '../accounts/account.entity';
import { ColleagueRole } from '../colleagues/colleague.entity';
import { AccountRecordInput, ContactRecordInput, OpportunityRecordInput, TouchpointRecordInput } from '../ingest/ingest.types';
import { buildActivity } from './activity';
import { buildPeople } from './people';
import { Random } from './random';
import { addressLine, companyNameVariant, formatPhone, PhoneNumber, phoneStyle } from './spelling';
import { COUNTRIES, Country, DIVISIONS, FIRST_NAMES, INDUSTRIES, LAST_NAMES, LEGAL_FORMS, NAME_STEMS, NAME_SUFFIXES, REGIONS } from './vocabulary';

/**
 * The demo company: one seeded, deterministic model of a company selling
 * through several divisions. The first start loads it through the real ingest
 * pipeline; the benchmark reuses it at scale. It knows the truth (which source
 * records are the same customer, which contact records the same person), so
 * matching can be measured against it (matching-report.ts).
 *
 * Ids in here (`DemoAccount.id`, `DemoPerson.id`) name the truth, not hub rows:
 * the hub's account and stakeholder ids come from identity resolution. Look a
 * demo customer up in the hub by one of its source records (hub-lookup.ts).
 */
/** The password of every demo colleague (documented in the README; the server says so on start). */
export const DEMO_PASSWORD = 'ourcustomer-demo';

export interface DemoDivision { id: string; key: string; name: string; system: string }
export interface DemoColleague { id: string; email: string; name: string; divisionKey: string; role: ColleagueRole }

/** Which division's system a record comes from. */
export interface DemoSource {
  divisionKey: string;
  sourceSystem: string;
}

/** What one division's system says about a customer: exactly what it sends to ingest, plus its source. */
export interface DemoSourceAccount extends DemoSource, AccountRecordInput {
  /** When the division first recorded the customer: its history with the customer starts here. */
  createdAt: Date;
}

/** What one division's system says about a person at a customer. */
export type DemoSourceContact = DemoSource & ContactRecordInput;
export type DemoOpportunity = DemoSource & OpportunityRecordInput;
/** A demo touchpoint: made in process, so its instant is a Date. */
export type DemoTouchpoint = DemoSource & TouchpointRecordInput & { occurredAt: Date };

/** A person at a customer (the truth), with every division's record of them. */
export interface DemoPerson {
  /** Truth id, not a stakeholder id. */
  id: string;
  name: string;
  title: string;
  department: string;
  email: string;
  phones: string[];
  birthday: string | null;
  city: string;
  interests: string[];
  /** Truth id of the person's manager. */
  reportsToId: string | null;
  records: DemoSourceContact[];
}

export interface DemoAccount {
  /** Truth id, not the hub's account id. */
  id: string;
  name: string;
  nameKey: string;
  domains: string[];
  industry: string;
  lifecycleStage: LifecycleStage;
  /** VAT id. */
  registryId: string;
  country: string;
  city: string;
  createdAt: Date;
  records: DemoSourceAccount[];
  people: DemoPerson[];
  opportunities: DemoOpportunity[];
  /** Oldest first, per division. */
  touchpoints: DemoTouchpoint[];
}
export interface DemoCompany { divisions: DemoDivision[]; colleagues: DemoColleague[]; accounts: DemoAccount[] }

export interface DemoOptions {
  seed?: number;
  accounts?: number;
  divisions?: number;
  colleaguesPerDivision?: number;
  /** The day "now" is for the generated history (default: a fixed day, so output never depends on the clock). */
  now?: Date;
  /** Years of history. */
  years?: number;
}

const STAGES: [LifecycleStage, number][] = [
  [LifecycleStage.ACTIVE, 0.45], [LifecycleStage.PROSPECT, 0.2], [LifecycleStage.RENEWAL, 0.1],
  [LifecycleStage.ONBOARDING, 0.08], [LifecycleStage.AT_RISK, 0.1], [LifecycleStage.CHURNED, 0.07],
];

/** The VAT id (or, in the US, the EIN) as a division typed it. */
function registrySpelling(random: Random, vat: string): string {
  if (vat.startsWith('EIN ')) return random.pick([vat, `EIN: ${vat.slice(4)}`, vat.replace(' ', '')]);
  return random.pick([vat, vat.toLowerCase(), `${vat.slice(0, 2)} ${vat.slice(2).replace(/(\d{3})(?=\d)/g, '$1 ')}`, `${vat.slice(0, 2)}-${vat.slice(2)}`]);
}

/** A web-address slug of a name: lower-case letters and digits only. */
function slug(text: string): string {
  return nameKey(text).replace(/ and /g, '-').replace(/\s+/g, '');
}

function buildColleagues(random: Random, divisions: DemoDivision[], perDivision: number): DemoColleague[] {
  const colleagues: DemoColleague[] = [];
  const taken = new Set<string>();
  for (const division of divisions) {
    for (let i = 0; i < perDivision; i++) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      let email = `${slug(first)}.${slug(last)}@ourcompany.example`;
      for (let n = 2; taken.has(email); n++) email = `${slug(first)}.${slug(last)}${n}@ourcompany.example`;
      taken.add(email);
      const role = i === 0 ? ColleagueRole.MANAGER : ColleagueRole.REP;
      colleagues.push({ id: random.uuid(), email, name: `${first} ${last}`, divisionKey: division.key, role });
    }
  }
  colleagues.push({ id: random.uuid(), email: 'admin@ourcompany.example', name: 'Hub Admin', divisionKey: divisions[0].key, role: ColleagueRole.ADMIN });
  return colleagues;
}

/** A customer name not used yet: a stem, usually a suffix, and past a few collisions a region. */
function uniqueName(random: Random, used: Set<string>, index: number): string {
  for (let attempt = 0; ; attempt++) {
    const stem = random.pick(NAME_STEMS);
    let name = random.chance(0.75) ? `${stem} ${random.pick(NAME_SUFFIXES)}` : stem;
    if (attempt >= 5) name = `${name} ${random.pick(REGIONS)}`;
    if (attempt >= 10) name = `${name} ${index}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** Sequential, per-division external ids in each system's own style. */
export class ExternalIds {
  private readonly next = new Map<string, number>();

  constructor(private readonly random: Random) {}

  take(divisionKey: string, kind: 'account' | 'contact' | 'opportunity' | 'touchpoint', accountIndex: number): string {
    const key = `${divisionKey}/${kind}`;
    const n = (this.next.get(key) ?? 0) + 1;
    this.next.set(key, n);
    const pad = (width: number) => String(n).padStart(width, '0');
    const sf = (prefix: string) => `${prefix}5J${(n * 7919 + 104729).toString(36).toUpperCase().padStart(13, '0')}`;
    switch (`${divisionKey}/${kind}`) {
      case 'logistics/contact': return sf('003');
      case 'logistics/opportunity': return sf('006');
      case 'logistics/touchpoint': return sf('00T');
      case 'digital/contact': return String(350_000 + n * 3);
      case 'digital/opportunity': return `deal-${8_100_000 + n}`;
      case 'digital/touchpoint': return `engagement-${41_000_000 + n * 11}`;
      case 'print/contact': return `KP-${pad(6)}`;
      case 'print/opportunity': return `ANG-${pad(6)}`;
      case 'print/touchpoint': return `VG-${pad(7)}`;
      case 'events/contact': return `contacts!${n + 1}`;
      case 'events/opportunity': return `pipeline!${n + 1}`;
      case 'events/touchpoint': return `log!${n + 1}`;
      default: {
        if (kind === 'account') return `${divisionKey.slice(0, 3).toUpperCase()}-${this.random.int(10000, 99999)}-${accountIndex}`;
        return `${divisionKey.slice(0, 3).toUpperCase()}-${kind[0].toUpperCase()}-${pad(6)}`;
      }
    }
  }
}

/** What the generation of one account's people and activity needs to know about the company. */
export interface GenerationContext {
  now: number;
  span: number;
  divisions: DemoDivision[];
  colleagues: DemoColleague[];
  ids: ExternalIds;
}

function buildAccount(random: Random, ctx: GenerationContext, index: number, unique: string): { account: DemoAccount; switchboard: PhoneNumber } {
  const { now, span, divisions, colleagues, ids } = ctx;
  const country: Country = random.weighted(COUNTRIES.map((c) => [c, c.code === 'DE' || c.code === 'US' ? 3 : c.code === 'GB' || c.code === 'FR' ? 2 : 1] as const));
  const city = random.pick(country.cities);
  const legalForm = random.pick(LEGAL_FORMS);
  const domain = `${slug(unique)}.${country.tld}`;
  const createdAt = new Date(now - span + Math.floor(random.next() * span * 0.5));
  const vatDigits = random.digits(9);
  const vat = country.code === 'US' ? `EIN ${vatDigits.slice(0, 2)}-${vatDigits.slice(2)}` : `${country.code}${vatDigits}`;
  const register = country.register(random.digits(10));
  const switchboard: PhoneNumber = { country, area: city.area, subscriber: `${country.code === 'US' ? '555' : String(random.int(2, 9))}${random.digits(city.subscriber - (country.code === 'US' ? 5 : 3))}00` };
  const street = random.pick(country.streets);
  const number = random.int(1, 180);
  const postal = country.postalDigits ? String(random.int(1, 9)) + random.digits(country.postalDigits - 1) : `${random.pick(['EC1', 'M1', 'LS1', 'SW1', 'N7'])} ${random.int(1, 9)}${random.pick(['AB', 'QT', 'XY', 'HD'])}`;
  const account: DemoAccount = {
    id: random.uuid(),
    name: `${unique} ${legalForm}`,
    nameKey: nameKey(`${unique} ${legalForm}`),
    domains: [domain],
    industry: random.pick(INDUSTRIES),
    lifecycleStage: random.weighted(STAGES),
    registryId: vat,
    country: country.code,
    city: city.name,
    createdAt,
    records: [],
    people: [],
    opportunities: [],
    touchpoints: [],
  };
  // Most customers are known to one division; many to two or more, each under its own spelling.
  const known = random.weighted([[1, 0.45], [2, 0.3], [3, 0.15], [4, 0.1]] as [number, number][]);
  for (const division of random.sample(divisions, Math.min(known, divisions.length))) {
    const owners = colleagues.filter((c) => c.divisionKey === division.key);
    const hasAddress = random.chance(0.45);
    // A few divisions still hold the address the customer moved away from.
    const moved = random.chance(0.05);
    account.records.push({
      divisionKey: division.key,
      sourceSystem: division.system,
      externalId: ids.take(division.key, 'account', index),
      name: companyNameVariant(random, unique, legalForm, city.name, domain),
      website: random.chance(0.7) ? random.pick([`https://www.${domain}/`, domain, `http://${domain}/about`, domain.toUpperCase(), `www.${domain}`]) : null,
      // Most divisions that record an id record the VAT id (spelled their way); some the company register's number.
      registryId: random.chance(0.5) ? (random.chance(0.9) ? registrySpelling(random, vat) : register) : null,
      industry: random.chance(0.8) ? account.industry : null,
      ownerEmail: random.pick(owners).email,
      phone: random.chance(0.55) ? formatPhone(switchboard, phoneStyle(random, division.key)) : null,
      address: hasAddress ? addressLine(random, moved ? random.pick(country.streets) : street, moved ? random.int(1, 180) : number, country.numberFirst, random.chance(0.5)) : null,
      postalCode: hasAddress && random.chance(0.8) ? (moved ? String(random.int(1, 9)) + random.digits(Math.max(3, country.postalDigits - 1)) : postal) : null,
      createdAt: new Date(createdAt.getTime() + Math.floor(random.next() * (now - createdAt.getTime()))),
    });
  }
  return { account, switchboard };
}

export function generateDemoCompany(options: DemoOptions = {}): DemoCompany {
  const random = new Random(options.seed ?? 20261123);
  const now = (options.now ?? new Date('2026-11-20T09:00:00Z')).getTime();
  const span = (options.years ?? 2) * 365 * 86400_000;
  const divisions: DemoDivision[] = DIVISIONS.slice(0, options.divisions ?? 5).map((d) => ({ id: random.uuid(), ...d }));
  const colleagues = buildColleagues(random, divisions, options.colleaguesPerDivision ?? 8);
  const ctx: GenerationContext = { now, span, divisions, colleagues, ids: new ExternalIds(random.fork()) };
  const usedNames = new Set<string>();
  const accounts: DemoAccount[] = [];
  const count = options.accounts ?? 300;
  for (let i = 0; i < count; i++) {
    const unique = uniqueName(random, usedNames, i);
    // Each account draws from its own generator: its people and history do not shift the next account.
    const own = random.fork();
    const { account, switchboard } = buildAccount(own, ctx, i, unique);
    account.people = buildPeople(own.fork(), ctx, account, switchboard);
    Object.assign(account, buildActivity(own.fork(), ctx, account));
    accounts.push(account);
  }
  return { divisions, colleagues, accounts };
}
