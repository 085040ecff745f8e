/**
 * The read benches' synthetic company, at scale, as rows: deterministic for a
 * profile's size and seed. It reuses the demo company's model
 * (server/src/demo: its word lists, how divisions spell names, people, phone
 * numbers, external ids, topics and outcomes of touchpoints, the seeded
 * generator with one fork per account) but writes rows directly, the way
 * ingest and identity resolution would have stored them — not through ingest,
 * which would take hours at this size.
 *
 * The shape: every account known to 1–8 divisions, each under its own
 * spelling; a few key accounts known to all with a long history (10,000+
 * touchpoints: the deep pages), the others' history drawn from a log-normal
 * (many small, some large); per division a team of colleagues working the
 * account (touchpoints name them by email, as ingest stores them);
 * touchpoints naming the account's people by the division's contact ids and
 * the stakeholder ids ingest resolved (now and then a merged-away id); some
 * confidential; some about an opportunity; a few planned (future); on
 * about 40 % of the accounts (all key accounts) critical info that divisions
 * asserted, current, stale or in conflict (generator-critical-info.ts).
 */
import { nameKey } from '../../server/src/accounts/name-key';
import { ExternalIds } from '../../server/src/demo/generator';
import { Random } from '../../server/src/demo/random';
import { companyNameVariant, mailbox, personNameVariant } from '../../server/src/demo/spelling';
import {
  COMPETITORS, COUNTRIES, Country, DEPARTMENTS, DETAILS, DIVISION_BUSINESS, DIVISIONS, EXECUTIVE_TITLES, FIRST_NAMES, INDUSTRIES, INTERESTS,
  LAST_NAMES, LEGAL_FORMS, MORE_FIRST_NAMES, MORE_LAST_NAMES, NAME_STEMS, NAME_SUFFIXES, OUTCOMES, REGIONS, SUBJECTS, TRADE_FAIRS,
} from '../../server/src/demo/vocabulary';
import { Random as LongRandom } from '../ingest/random';
import { PARTNERS, SYLLABLES_END, SYLLABLES_MIDDLE, SYLLABLES_START, TRADES } from '../ingest/vocabulary';
import { at, bool, json, line, NULL, text, textArray, uuidArray } from './copy-text';
import { catalogueFields, CRITICAL_INFO_COLUMNS, CriticalFacts } from './generator-critical-info';
import { DataSize } from './profiles';

/** Bump when the generated rows change: a new version is a new data set (the cached database is not reused). */
export const GENERATOR_VERSION = 2;

/** The data's "now": history runs up to here (fixed, so the data never depends on the day it is generated). */
export const DATA_NOW = Date.UTC(2026, 10, 20, 9, 0, 0);
const DAY = 86400_000;

/** The tables written, with the columns of their COPY (the rest keep their defaults). */
export const TABLES = {
  division: ['id', 'key', 'name', 'created_at'],
  colleague: ['id', 'email', 'name', 'division_id', 'role', 'created_at', 'password_hash'],
  account: ['id', 'name', 'name_key', 'domains', 'industry', 'lifecycle_stage', 'registry_id', 'created_at', 'updated_at'],
  source_account_record: [
    'id', 'division_id', 'source_system', 'external_id', 'account_id', 'name', 'raw', 'version', 'content_hash', 'name_norm', 'domains',
    'registry_id', 'phone', 'link_status', 'link_score', 'link_rule_version', 'linked_at', 'created_at', 'updated_at',
  ],
  stakeholder: ['id', 'account_id', 'name', 'name_key', 'title', 'department', 'emails', 'phones', 'birthday', 'interests', 'merged_into_id', 'created_at', 'updated_at'],
  source_contact_record: [
    'id', 'division_id', 'source_system', 'external_id', 'account_external_id', 'account_id', 'stakeholder_id', 'version', 'content_hash', 'raw',
    'name', 'name_key', 'first_key', 'last_key', 'emails', 'phones', 'birthday', 'city', 'link_status', 'link_score', 'link_rule_version',
    'linked_at', 'created_at', 'updated_at',
  ],
  opportunity: [
    'account_id', 'id', 'division_id', 'source_system', 'external_id', 'source_account_record_id', 'name', 'stage', 'is_open', 'status', 'amount',
    'currency', 'close_date', 'owner_email', 'owner_id', 'version', 'content_hash', 'raw', 'created_at', 'updated_at',
  ],
  touchpoint: [
    'account_id', 'id', 'division_id', 'source_system', 'external_id', 'source_account_record_id', 'type', 'occurred_at', 'subject', 'summary',
    'outcome', 'confidential', 'opportunity_external_id', 'opportunity_id', 'colleague_emails', 'colleague_ids', 'participant_external_ids',
    'participant_emails', 'stakeholder_ids', 'version', 'content_hash', 'created_at', 'updated_at',
  ],
  account_watch: ['account_id', 'id', 'colleague_id', 'created_at'],
  critical_info_assertion: CRITICAL_INFO_COLUMNS,
} as const;

export type Table = keyof typeof TABLES;

/** Where the rows go: one COPY line at a time; `drain()` between accounts lets the streams catch up. */
export interface RowSink {
  write(table: Table, copyLine: string): void;
  drain(): Promise<void>;
}

export interface ManifestAccount {
  id: string;
  name: string;
  touchpoints: number;
}

/** What the scenarios need to know about the data, stored with it. */
export interface Manifest {
  /** The accounts with a long history, largest first. */
  keyAccounts: ManifestAccount[];
  /** Ordinary accounts with at least 60 touchpoints, spread over the data. */
  sampleAccounts: ManifestAccount[];
  /** Names of accounts spread over the data (search terms are made from them). */
  searchNames: string[];
  /** The colleague the hub requests sign in as: owner of the largest account's record in a division. */
  me: { id: string; email: string; divisionId: string; name: string };
  /** Rows per table. */
  counts: Record<string, number>;
}

// ---------------------------------------------------------------- the plan

/** The three divisions beyond the demo's five (the large profile has eight). */
const MORE_DIVISIONS = [
  { key: 'consulting', name: 'Consulting', system: 'consulting-crm' },
  { key: 'facilities', name: 'Facilities', system: 'facilities-sap' },
  { key: 'travel', name: 'Travel', system: 'travel-desk' },
] as const;

const MORE_BUSINESS: Record<string, { topics: readonly string[]; deals: readonly string[]; amount: [number, number] }> = {
  consulting: {
    topics: ['the process audit', 'the supply chain study', 'the ERP selection', 'the cost review', 'the post-merger integration'],
    deals: ['Process audit', 'Supply chain study', 'ERP selection', 'Cost review', 'Integration programme'], amount: [20_000, 600_000],
  },
  facilities: {
    topics: ['the cleaning contract', 'the office move', 'building maintenance', 'the security service', 'the canteen tender'],
    deals: ['Cleaning contract', 'Office move', 'Maintenance framework', 'Security service', 'Canteen operation'], amount: [30_000, 900_000],
  },
  travel: {
    topics: ['the corporate travel policy', 'the sales kick-off trip', 'hotel rates', 'the travel app rollout', 'group bookings'],
    deals: ['Corporate travel contract', 'Kick-off trip', 'Hotel programme', 'Travel app licences', 'Group travel'], amount: [10_000, 400_000],
  },
};

const BUSINESS = { ...DIVISION_BUSINESS, ...MORE_BUSINESS };

const STAGES = [['ACTIVE', 0.45], ['PROSPECT', 0.2], ['RENEWAL', 0.1], ['ONBOARDING', 0.08], ['AT_RISK', 0.1], ['CHURNED', 0.07]] as const;
type Stage = (typeof STAGES)[number][0];

const TYPES = [['EMAIL', 30], ['CALL', 20], ['MEETING', 16], ['NOTE', 8], ['ORDER', 8], ['CASE', 6], ['PROPOSAL', 5], ['EVENT', 5]] as const;
type TouchpointType = (typeof TYPES)[number][0];
const DIVISION_MIX: Record<string, Partial<Record<TouchpointType, number>>> = {
  exhibits: { EVENT: 10, MEETING: 20 }, logistics: { ORDER: 14, CASE: 9 }, digital: { CASE: 9, EMAIL: 34 }, print: { ORDER: 13, PROPOSAL: 8 },
  events: { EVENT: 14, MEETING: 18 }, consulting: { MEETING: 24, PROPOSAL: 8 }, facilities: { CASE: 10, ORDER: 10 }, travel: { EMAIL: 36, ORDER: 10 },
};
const PARTICIPANTS: Record<TouchpointType, [number, number]> = {
  MEETING: [1, 3], CALL: [1, 1], EMAIL: [1, 2], PROPOSAL: [0, 1], ORDER: [0, 1], CASE: [1, 1], EVENT: [0, 2], NOTE: [0, 0],
};
const ABOUT_OPPORTUNITY: Partial<Record<TouchpointType, number>> = { PROPOSAL: 0.85, ORDER: 0.7, MEETING: 0.35, CALL: 0.25, EMAIL: 0.15 };

interface AccountPlan {
  key: boolean;
  stage: Stage;
  divisions: number;
  touchpoints: number;
  stakeholders: number;
}

/** Splits `total` over the weights: proportional, whole numbers summing exactly to `total` (cumulative rounding). */
export function allocate(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const w of weights) {
    cumulative += w;
    const upTo = sum > 0 ? Math.round((cumulative / sum) * total) : 0;
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

/** P(k) ∝ q^(k-1) for k = 1..max, with q chosen so the mean is `mean` (bisection). */
function knownDistribution(max: number, mean: number): [number, number][] {
  const meanOf = (q: number) => {
    let n = 0, d = 0;
    for (let k = 1; k <= max; k++) {
      n += k * q ** (k - 1);
      d += q ** (k - 1);
    }
    return n / d;
  };
  let lo = 0.0001, hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanOf(mid) < mean) lo = mid;
    else hi = mid;
  }
  return Array.from({ length: max }, (_, i) => [i + 1, lo ** i] as [number, number]);
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

export function planAccounts(size: DataSize, random: Random): AccountPlan[] {
  const { accounts: n, keyAccounts: k, divisions } = size;
  if (k > n) throw new Error('more key accounts than accounts');
  const keyAt = new Set(Array.from({ length: k }, (_, j) => Math.floor(((j + 0.5) * n) / k)));
  const keySizes = Array.from({ length: k }, (_, j) => Math.round(size.keyMax * (size.keyMin / size.keyMax) ** (k > 1 ? j / (k - 1) : 0)));
  const rest = size.touchpoints - keySizes.reduce((a, b) => a + b, 0);
  if (rest < 0) throw new Error('the key accounts have more touchpoints than the profile');
  const known = knownDistribution(divisions, Math.max(1, (size.sourceAccounts - k * divisions) / Math.max(1, n - k)));
  const plans: AccountPlan[] = [];
  const weights: number[] = [];
  let nextKey = 0;
  for (let i = 0; i < n; i++) {
    const key = keyAt.has(i);
    const stage: Stage = key ? 'ACTIVE' : random.weighted(STAGES);
    plans.push({ key, stage, divisions: key ? divisions : random.weighted(known), touchpoints: key ? keySizes[nextKey++] : 0, stakeholders: 1 });
    // Log-normal history; prospects and churned customers have less of it.
    weights.push(key ? 0 : Math.exp(1.1 * normal(random)) * (stage === 'PROSPECT' ? 0.25 : stage === 'CHURNED' ? 0.6 : 1));
  }
  allocate(weights, rest).forEach((t, i) => {
    if (!plans[i].key) plans[i].touchpoints = t;
  });
  if (size.stakeholders < n) throw new Error('fewer stakeholders than accounts');
  allocate(plans.map((p) => p.divisions * (1 + Math.sqrt(p.touchpoints) / 3)), size.stakeholders - n).forEach((s, i) => (plans[i].stakeholders += s));
  return plans;
}

// ---------------------------------------------------------------- helpers

const GIVEN = [...FIRST_NAMES, ...MORE_FIRST_NAMES];
const FAMILY = [...LAST_NAMES, ...MORE_LAST_NAMES];
const capitalise = (w: string) => w[0].toUpperCase() + w.slice(1);

/** A web-address slug of a name (as the demo makes its domains). */
function slug(name: string): string {
  return nameKey(name).replace(/ and /g, '-').replace(/\s+/g, '');
}

/** A customer name: a demo stem or a made-up brand, a line of business, now and then a partner or a region. */
function customerName(random: Random): string {
  const stem = random.chance(0.25)
    ? random.pick(NAME_STEMS)
    : capitalise(random.pick(SYLLABLES_START) + (random.chance(0.6) ? random.pick(SYLLABLES_MIDDLE) : '') + random.pick(SYLLABLES_END));
  const suffix = random.chance(0.5) ? random.pick(NAME_SUFFIXES) : random.pick(TRADES);
  const shape = random.next();
  if (shape < 0.55) return `${stem} ${suffix}`;
  if (shape < 0.72) return stem;
  if (shape < 0.85) return `${stem} & ${random.pick(PARTNERS)} ${suffix}`;
  return `${stem} ${suffix} ${random.pick(REGIONS)}`;
}

/**
 * Row ids and content hashes, drawn in generation order from one long-period
 * generator (sfc32, 128 bits of state): millions of ids without a collision.
 * The demo's generator (32 bits of state) is fine for names, not for this.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

class Ids {
  private readonly random: LongRandom;

  constructor(seed: number) {
    this.random = new LongRandom(seed);
  }

  private word(): string {
    const x = (this.random.next() * 4294967296) >>> 0;
    return HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
  }

  /** A version-4-shaped uuid. */
  uuid(): string {
    const a = this.word(), b = this.word(), c = this.word(), d = this.word();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[parseInt(c[0], 16) >> 2]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** 32 hex digits, as a content hash looks. */
  hash(): string {
    return this.word() + this.word() + this.word() + this.word();
  }
}

/** Picks by cumulative weight (binary search). */
function pickCumulative<T>(random: Random, items: readonly T[], cumulative: readonly number[]): T {
  const x = random.next() * cumulative[cumulative.length - 1];
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return items[lo];
}

function fill(random: Random, template: string, topic: string, year: number, department: string): string {
  return template
    .replace('{topic}', topic).replace('{fair}', random.pick(TRADE_FAIRS)).replace('{year}', String(year))
    .replace('{n}', String(random.int(10000, 99999))).replace('{competitor}', random.pick(COMPETITORS)).replace('{department}', department);
}

interface Division { id: string; key: string; name: string; system: string }
interface Colleague { id: string; email: string; name: string; divisionId: string; role: 'REP' | 'MANAGER' | 'ADMIN' }
interface Person {
  id: string;
  /** The merged-away duplicate some touchpoints still name. */
  tombstoneId: string | null;
  email: string;
  department: string;
  weight: number;
}
interface Contact { person: Person; externalId: string }

// ---------------------------------------------------------------- generation

/**
 * Writes the whole company into `sink`, account by account, and returns the
 * manifest. `passwordHash` is stored for every colleague (they all sign in
 * with the same password); `progress` is told every few thousand accounts.
 */
export async function generateCompany(
  size: DataSize, sink: RowSink, passwordHash: string, progress: (accountsDone: number) => void = () => undefined,
  criticalInfoFields: readonly { id: string; key: string }[] = [],
): Promise<Manifest> {
  const master = new Random(size.seed);
  const uid = new Ids(size.seed ^ 0x1d5);
  const counts: Record<string, number> = Object.fromEntries(Object.keys(TABLES).map((t) => [t, 0]));
  const emit = (table: Table, values: string[]) => {
    counts[table]++;
    sink.write(table, line(values));
  };
  const span = size.years * 365 * DAY;
  const start = DATA_NOW - span;

  const divisions: Division[] = [...DIVISIONS, ...MORE_DIVISIONS].slice(0, size.divisions).map((d) => ({ id: uid.uuid(), key: d.key, name: d.name, system: d.system }));
  if (divisions.length < size.divisions) throw new Error(`at most ${DIVISIONS.length + MORE_DIVISIONS.length} divisions`);
  for (const d of divisions) emit('division', [d.id, text(d.key), text(d.name), at(start - 400 * DAY)]);

  // Colleagues: evenly over the divisions, the first of each a manager; one admin.
  const colleagues: Colleague[] = [];
  const byDivision = new Map<string, Colleague[]>(divisions.map((d) => [d.id, []]));
  const takenEmails = new Set<string>();
  for (let i = 0; i < size.colleagues; i++) {
    const division = divisions[i % divisions.length];
    const first = master.pick(GIVEN);
    const last = master.pick(FAMILY);
    const admin = i === size.colleagues - 1;
    let email = admin ? 'admin@ourcompany.example' : `${mailbox(first)}.${mailbox(last)}@ourcompany.example`;
    for (let n = 2; takenEmails.has(email); n++) email = `${mailbox(first)}.${mailbox(last)}${n}@ourcompany.example`;
    takenEmails.add(email);
    const role = admin ? 'ADMIN' : byDivision.get(division.id)!.length === 0 ? 'MANAGER' : 'REP';
    const colleague: Colleague = { id: uid.uuid(), email, name: admin ? 'Hub Admin' : `${first} ${last}`, divisionId: division.id, role };
    colleagues.push(colleague);
    if (!admin) byDivision.get(division.id)!.push(colleague);
    emit('colleague', [colleague.id, text(email), text(colleague.name), division.id, role, at(start - 300 * DAY), text(passwordHash)]);
  }
  for (const d of divisions) if (byDivision.get(d.id)!.length === 0) throw new Error(`division ${d.key} has no colleagues: the profile needs more`);

  const plans = planAccounts(size, master);
  const ids = new ExternalIds(master.fork());
  const usedNames = new Set<string>();
  const manifest: Manifest = {
    keyAccounts: [], sampleAccounts: [], searchNames: [], counts,
    me: { id: '', email: '', divisionId: '', name: '' },
  };
  // Critical info from generators of its own (generator-critical-info.ts): the other rows stay as they were.
  const factIds = new Ids(size.seed ^ 0xc1a55e);
  const criticalFacts = new CriticalFacts(size.seed, catalogueFields(criticalInfoFields), () => factIds.uuid(), DATA_NOW);
  const sampleStride = Math.max(1, Math.floor(size.accounts / 400));
  const nameStride = Math.max(1, Math.floor(size.accounts / 60));

  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i];
    const random = master.fork();
    const facts = criticalFacts.forAccount(plan.key);
    // ---- the account
    let unique = customerName(random);
    for (let tries = 0; usedNames.has(unique); tries++) {
      unique = tries < 20 ? customerName(random) : `${customerName(random)} ${random.int(2, 999)}`;
    }
    usedNames.add(unique);
    const country: Country = random.weighted(COUNTRIES.map((c) => [c, c.code === 'DE' || c.code === 'US' ? 3 : c.code === 'GB' || c.code === 'FR' ? 2 : 1] as const));
    const city = random.pick(country.cities);
    const legalForm = random.pick(LEGAL_FORMS);
    const name = `${unique} ${legalForm}`;
    const domain = `${slug(unique)}.${country.tld}`;
    const industry = random.pick(INDUSTRIES);
    const createdAt = start - Math.floor(random.next() * 365 * DAY);
    const vat = country.code === 'US' ? `EIN ${random.digits(2)}-${random.digits(7)}` : `${country.code}${random.digits(9)}`;
    const accountId = uid.uuid();
    emit('account', [accountId, text(name), text(nameKey(name)), textArray([domain]), text(industry), plan.stage, text(vat), at(createdAt), at(DATA_NOW - random.int(0, 400) * DAY)]);
    if (plan.key) manifest.keyAccounts.push({ id: accountId, name, touchpoints: plan.touchpoints });
    else if (i % sampleStride === 0 && plan.touchpoints >= 60 && manifest.sampleAccounts.length < 40) manifest.sampleAccounts.push({ id: accountId, name, touchpoints: plan.touchpoints });
    if (i % nameStride === 0 || plan.key) manifest.searchNames.push(name);

    // ---- the divisions' records, each with its team
    const records = random.sample(divisions, plan.divisions).map((division) => {
      const pool = byDivision.get(division.id)!;
      const owner = random.pick(pool);
      const teamSize = Math.min(pool.length, plan.key ? random.int(6, 12) : random.weighted([[1, 3], [2, 4], [3, 2], [4, 1]] as const));
      const team = [owner, ...random.sample(pool.filter((c) => c !== owner), teamSize - 1)];
      const recordId = uid.uuid();
      const externalId = ids.take(division.key, 'account', i);
      const recordName = companyNameVariant(random, unique, legalForm, city.name, domain);
      const website = random.chance(0.7) ? `https://www.${domain}/` : null;
      const phone = random.chance(0.55) ? `+${country.dial}${city.area}${random.digits(city.subscriber)}` : null;
      const recordedAt = createdAt + Math.floor(random.next() * 200 * DAY);
      const raw = { externalId, name: recordName, ...(website ? { website } : {}), ...(phone ? { phone } : {}), industry, ownerEmail: owner.email };
      emit('source_account_record', [
        recordId, division.id, text(division.system), text(externalId), accountId, text(recordName), json(raw), '1', uid.hash(), text(nameKey(recordName)),
        textArray(website ? [domain] : []), NULL, text(phone), 'AUTO', String(Math.round((0.85 + random.next() * 0.15) * 1000) / 1000), 'bench', at(recordedAt),
        at(recordedAt), at(recordedAt),
      ]);
      if (random.chance(0.3)) emit('account_watch', [accountId, uid.uuid(), owner.id, at(recordedAt)]);
      return { division, recordId, externalId, owner, team, opportunities: [] as { id: string; externalId: string; name: string }[], people: [] as Contact[] };
    });
    if (plan.key && !manifest.me.id) {
      // The first key account: its first division's owner is who the hub requests sign in as.
      const owner = records[0].owner;
      manifest.me = { id: owner.id, email: owner.email, divisionId: owner.divisionId, name: owner.name };
    }

    // ---- opportunities
    for (const record of records) {
      const business = BUSINESS[record.division.key];
      const count = plan.key ? random.int(4, 12) : random.weighted([[0, 2.5], [1, 3.5], [2, 2.5], [3, 1.5]] as const);
      for (let o = 0; o < count; o++) {
        const outcome = plan.stage === 'PROSPECT' ? random.weighted([['open', 8], ['lost', 2]] as const) : random.weighted([['won', 5], ['lost', 1.5], ['open', 3.5]] as const);
        const close = outcome === 'open' ? DATA_NOW + random.int(10, 180) * DAY : start + Math.floor(random.next() * span);
        const [low, high] = business.amount;
        const amount = random.chance(0.95) ? Math.round(Math.exp(Math.log(low) + random.next() * Math.log(high / low)) / 100) * 100 : null;
        const currency = amount === null ? null : random.chance(0.8) ? country.currency : 'EUR';
        const dealName = `${random.pick(business.deals)} ${new Date(close).getUTCFullYear()}`;
        const stage = outcome === 'open' ? random.pick(['Qualification', 'Proposal', 'Negotiation']) : outcome === 'won' ? 'Closed Won' : 'Closed Lost';
        const owner = random.chance(0.7) ? record.owner : random.pick(record.team);
        const id = uid.uuid();
        const externalId = ids.take(record.division.key, 'opportunity', 0);
        const closeDate = new Date(close).toISOString().slice(0, 10);
        const recordedAt = Math.min(DATA_NOW, close - random.int(30, 200) * DAY);
        const raw = { externalId, accountExternalId: record.externalId, name: dealName, stage, amount, currency, closeDate, ownerEmail: owner.email };
        emit('opportunity', [
          accountId, id, record.division.id, text(record.division.system), text(externalId), record.recordId, text(dealName), text(stage), bool(outcome === 'open'), outcome.toUpperCase(),
          amount === null ? NULL : String(amount), text(currency), closeDate, text(owner.email), owner.id, '1', uid.hash(), json(raw), at(recordedAt), at(recordedAt),
        ]);
        record.opportunities.push({ id, externalId, name: dealName });
      }
    }

    // ---- people, known to some of the divisions (a contact record each)
    const departments = random.sample(DEPARTMENTS, Math.min(DEPARTMENTS.length, 1 + Math.floor(Math.sqrt(plan.stakeholders))));
    const takenMail = new Set<string>();
    for (let p = 0; p < plan.stakeholders; p++) {
      const first = random.pick(GIVEN);
      const last = random.pick(FAMILY);
      const department = p === 0 ? { name: 'Management', head: random.pick(EXECUTIVE_TITLES), titles: EXECUTIVE_TITLES } : random.pick(departments);
      const title = p === 0 || random.chance(0.1) ? department.head : random.pick(department.titles);
      let email = `${mailbox(first)}.${mailbox(last)}@${domain}`;
      for (let n = 2; takenMail.has(email); n++) email = `${mailbox(first)}.${mailbox(last)}${n}@${domain}`;
      takenMail.add(email);
      const phones = random.chance(0.8) ? [`+${country.dial}${city.area}${random.digits(city.subscriber)}`] : [];
      const birthday = random.chance(0.35) ? `${random.int(1958, 1998)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` : null;
      const interests = random.chance(0.5) ? random.sample(INTERESTS, random.int(1, 2)) : [];
      const fullName = `${first} ${last}`;
      const recordedAt = createdAt + Math.floor(random.next() * span);
      const person: Person = { id: uid.uuid(), tombstoneId: null, email, department: department.name, weight: 0.2 + random.next() ** 2 * 3 };
      emit('stakeholder', [
        person.id, accountId, text(fullName), text(nameKey(fullName)), text(title), text(department.name), textArray([email]), textArray(phones), text(birthday),
        textArray(interests), NULL, at(recordedAt), at(recordedAt),
      ]);
      // About 1 % were recorded twice and merged: the duplicate stays as a tombstone that old touchpoints still name.
      if (random.chance(0.01)) {
        person.tombstoneId = uid.uuid();
        emit('stakeholder', [
          person.tombstoneId, accountId, text(fullName), text(nameKey(fullName)), text(title), text(department.name), textArray([email]), '{}', NULL, '{}',
          person.id, at(recordedAt), at(recordedAt),
        ]);
      }
      const knownBy = random.sample(records, Math.min(records.length, p === 0 ? random.weighted([[1, 1], [2, 2], [3, 1]] as const) : random.weighted([[1, 5], [2, 3.5], [3, 1.5]] as const)));
      for (const record of knownBy) {
        const externalId = ids.take(record.division.key, 'contact', 0);
        const spelled = personNameVariant(random, { first, last, goesBy: null, doctor: false });
        const emails = random.chance(0.82) ? [email] : [];
        const raw = { externalId, accountExternalId: record.externalId, name: spelled, ...(emails.length ? { emails } : {}), title };
        emit('source_contact_record', [
          uid.uuid(), record.division.id, text(record.division.system), text(externalId), text(record.externalId), accountId, person.id, '1', uid.hash(),
          json(raw), text(spelled), text(nameKey(spelled)), text(nameKey(first)), text(nameKey(last)), textArray(emails), textArray(phones), text(birthday),
          text(random.chance(0.5) ? city.name : null), 'AUTO', String(Math.round((0.8 + random.next() * 0.2) * 1000) / 1000), 'bench', at(recordedAt),
          at(recordedAt), at(recordedAt),
        ]);
        record.people.push({ person, externalId });
      }
    }

    // ---- touchpoints, split over the divisions
    const shares = allocate(records.map(() => (plan.key ? 0.5 : 0.15) + random.next() ** 2), plan.touchpoints);
    records.forEach((record, r) => {
      const business = BUSINESS[record.division.key];
      const extra = DIVISION_MIX[record.division.key] ?? {};
      const mix = TYPES.map(([type, w]) => [type, plan.stage === 'PROSPECT' && (type === 'ORDER' || type === 'CASE') ? 0 : extra[type] ?? w] as const);
      const cumulative: number[] = [];
      let total = 0;
      for (const contact of record.people) cumulative.push((total += contact.person.weight));
      for (let n = 0; n < shares[r]; n++) {
        const type: TouchpointType = random.weighted(mix);
        const planned = plan.stage !== 'CHURNED' && random.chance(0.004);
        const day = planned ? Math.floor(DATA_NOW / DAY) + random.int(1, 30) : Math.floor((start + random.next() * span) / DAY);
        const minute = type === 'EMAIL' || type === 'NOTE' ? random.int(0, 59) : random.pick([0, 0, 15, 30, 30, 45]);
        let occurred = day * DAY + random.int(7, 16) * 3600_000 + minute * 60_000;
        if (!planned && occurred > DATA_NOW) occurred -= 7 * DAY;
        // Participants: people the division has a contact record of, the popular ones more often.
        const [min, max] = PARTICIPANTS[type];
        const stakeholderIds: string[] = [];
        const externalIds: string[] = [];
        const participantEmails: string[] = [];
        const chosen = new Set<Person>();
        let department = '';
        for (let k = record.people.length ? random.int(min, max) : 0; k > 0; k--) {
          const contact = pickCumulative(random, record.people, cumulative);
          if (chosen.has(contact.person)) continue;
          chosen.add(contact.person);
          const id = contact.person.tombstoneId && random.chance(0.3) ? contact.person.tombstoneId : contact.person.id;
          department ||= contact.person.department;
          stakeholderIds.push(id);
          if (type === 'EMAIL' && random.chance(0.6)) participantEmails.push(contact.person.email);
          else externalIds.push(contact.externalId);
        }
        const first = random.chance(0.6) ? record.owner : random.pick(record.team);
        const second = type !== 'NOTE' && random.chance(0.25) ? random.pick(record.team) : first;
        const team = second === first ? [first] : [first, second];
        const opportunity = record.opportunities.length && random.chance((ABOUT_OPPORTUNITY[type] ?? 0) * 0.6) ? random.pick(record.opportunities) : null;
        const topic = opportunity ? opportunity.name : random.pick(business.topics);
        const subject = fill(random, random.pick(SUBJECTS[type]), topic, new Date(occurred).getUTCFullYear(), department || 'Purchasing');
        const summary = planned ? `Agenda: ${topic}; ${random.pick(DETAILS).toLowerCase()}` : random.chance(type === 'EMAIL' ? 0.6 : 0.85) ? `About ${topic}. ${random.pick(DETAILS)}` : null;
        const outcome = !planned && OUTCOMES[type].length && random.chance(0.7) ? random.pick(OUTCOMES[type]) : null;
        const recorded = at(planned ? occurred - random.int(1, 20) * DAY : occurred + random.int(1, 1440) * 60_000);
        const touchpointId = uid.uuid();
        const touchpointExternalId = ids.take(record.division.key, 'touchpoint', 0);
        if (facts && !planned && (type === 'MEETING' || type === 'CALL')) facts.talk(record, { id: touchpointId, externalId: touchpointExternalId, occurred });
        emit('touchpoint', [
          accountId, touchpointId, record.division.id, text(record.division.system), text(touchpointExternalId), record.recordId, type,
          at(occurred), text(planned ? `Planned: ${subject}` : subject), text(summary), text(outcome),
          bool(random.chance(type === 'CASE' || type === 'NOTE' ? 0.1 : 0.04)), text(opportunity?.externalId), opportunity?.id ?? NULL,
          textArray(team.map((c) => c.email)), uuidArray(team.map((c) => c.id)), textArray(externalIds), textArray(participantEmails), uuidArray(stakeholderIds),
          '1', uid.hash(), recorded, recorded,
        ]);
      }
    });
    // ---- critical info the divisions asserted
    if (facts) for (const row of facts.rows(accountId, records)) emit('critical_info_assertion', row);
    if (i % 500 === 499 || plan.key) {
      await sink.drain();
      if (i % 5000 === 4999) progress(i + 1);
    }
  }
  await sink.drain();
  manifest.keyAccounts.sort((a, b) => b.touchpoints - a.touchpoints);
  if (!manifest.me.id) {
    // No key account at the expected place (a profile without key accounts): the first division's first rep.
    const rep = colleagues.find((c) => c.role === 'REP') ?? colleagues[0];
    manifest.me = { id: rep.id, email: rep.email, divisionId: rep.divisionId, name: rep.name };
  }
  return manifest;
}
