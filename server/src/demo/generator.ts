import { nameKey } from '../accounts/name-key';
import { LifecycleStage } from '../accounts/account.entity';
import { ColleagueRole } from '../colleagues/colleague.entity';
import { Random } from './random';
import { DIVISIONS, FIRST_NAMES, INDUSTRIES, LAST_NAMES, LEGAL_FORMS, NAME_STEMS, REGIONS, NAME_SUFFIXES } from './vocabulary';

/**
 * The demo company: one seeded, deterministic model of a company selling
 * through several divisions. The first start loads it; the benchmark reuses it
 * at scale. It knows the truth (which source records are the same customer),
 * so matching can be measured against it.
 */
/** The password of every demo colleague (documented in the README; the server says so on start). */
export const DEMO_PASSWORD = 'ourcustomer-demo';

export interface DemoDivision { id: string; key: string; name: string; system: string }
export interface DemoColleague { id: string; email: string; name: string; divisionKey: string; role: ColleagueRole }
export interface DemoSourceAccount {
  id: string;
  divisionKey: string;
  sourceSystem: string;
  externalId: string;
  name: string;
  website: string | null;
  registryId: string | null;
  industry: string | null;
  ownerEmail: string | null;
  /** When the division first recorded the customer. */
  createdAt: Date;
}
export interface DemoAccount {
  id: string;
  name: string;
  nameKey: string;
  domains: string[];
  industry: string;
  lifecycleStage: LifecycleStage;
  registryId: string;
  createdAt: Date;
  records: DemoSourceAccount[];
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

function weighted<T>(random: Random, options: [T, number][]): T {
  let roll = random.next();
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1][0];
}

/** How a division might spell a customer's name: case, legal form, "&" vs "and", a dropped word. */
function nameVariant(random: Random, base: string, legalForm: string): string {
  const variants = [
    () => `${base} ${legalForm}`,
    () => base,
    () => `${base.toUpperCase()} ${random.pick(LEGAL_FORMS)}`,
    () => `${base} ${random.pick(LEGAL_FORMS)}`,
    () => `The ${base}`,
    () => base.split(' ')[0] + (base.includes(' ') ? ` ${base.split(' ').slice(1).join(' ').toLowerCase()}` : ''),
    () => `${base}, ${legalForm}`,
  ];
  return random.pick(variants)();
}

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

export function generateDemoCompany(options: DemoOptions = {}): DemoCompany {
  const random = new Random(options.seed ?? 20261123);
  const now = (options.now ?? new Date('2026-11-20T09:00:00Z')).getTime();
  const span = (options.years ?? 2) * 365 * 86400_000;
  const divisions: DemoDivision[] = DIVISIONS.slice(0, options.divisions ?? 5).map((d) => ({ id: random.uuid(), ...d }));
  const colleagues = buildColleagues(random, divisions, options.colleaguesPerDivision ?? 8);
  const usedNames = new Set<string>();
  const accounts: DemoAccount[] = [];
  const count = options.accounts ?? 300;
  for (let i = 0; i < count; i++) {
    const unique = uniqueName(random, usedNames, i);
    const legalForm = random.pick(LEGAL_FORMS);
    const domain = `${slug(unique)}.example`;
    const createdAt = new Date(now - span + Math.floor(random.next() * span * 0.5));
    const account: DemoAccount = {
      id: random.uuid(),
      name: `${unique} ${legalForm}`,
      nameKey: nameKey(`${unique} ${legalForm}`),
      domains: [domain],
      industry: random.pick(INDUSTRIES),
      lifecycleStage: weighted(random, STAGES),
      registryId: `REG-${String(100000 + random.int(0, 899999))}`,
      createdAt,
      records: [],
    };
    // Most customers are known to one division; many to two or more, each under its own spelling.
    const known = weighted(random, [[1, 0.45], [2, 0.3], [3, 0.15], [4, 0.1]] as [number, number][]);
    for (const division of random.sample(divisions, Math.min(known, divisions.length))) {
      const owners = colleagues.filter((c) => c.divisionKey === division.key);
      account.records.push({
        id: random.uuid(),
        divisionKey: division.key,
        sourceSystem: division.system,
        externalId: `${division.key.slice(0, 3).toUpperCase()}-${random.int(10000, 99999)}-${accounts.length}`,
        name: nameVariant(random, unique, legalForm),
        website: random.chance(0.7) ? random.pick([`https://www.${domain}/`, domain, `http://${domain}/about`, domain.toUpperCase()]) : null,
        registryId: random.chance(0.5) ? account.registryId : null,
        industry: random.chance(0.8) ? account.industry : null,
        ownerEmail: random.pick(owners).email,
        createdAt: new Date(createdAt.getTime() + Math.floor(random.next() * (now - createdAt.getTime()))),
      });
    }
    accounts.push(account);
  }
  return { divisions, colleagues, accounts };
}
