import { DEFAULT_CATALOGUE, DefaultField } from '../critical-info/default-catalogue';
import { CriticalInfoType } from '../critical-info/value';
import { CriticalInfoRecordInput, TouchpointType } from '../ingest/ingest.types';
import { DemoAccount, DemoCompany, DemoSourceAccount } from './generator';
import { Random } from './random';

const DAY = 86_400_000;

/** One value a division's system sends for a demo customer. */
export interface DemoCriticalInfo {
  divisionKey: string;
  input: CriticalInfoRecordInput;
}

const TEXTS: Record<string, string[]> = {
  decision_process: [
    'The CFO signs anything above EUR 100k; procurement runs a three-quote process; IT has a veto on anything that touches customer data.',
    'Head of Marketing decides, the CEO signs off anything over EUR 50k. Legal reviews contracts in about two weeks.',
    'Board approval for multi-year contracts; the operations director owns the budget and brings the proposal to the board.',
    'Regional managers propose, central purchasing negotiates, the COO signs. Allow six to eight weeks.',
    'Owner-managed: the managing director decides alone, usually after a site visit.',
  ],
  current_vendors: [
    'Stands from ExpoCraft (rated average, late twice last season); freight with Kuehne+Nagel.',
    'DHL for freight, an in-house print shop, a local agency for digital campaigns.',
    'Competitor Fairline builds their stands; they are unhappy with the price increase this year.',
    'Several small suppliers per country; no central contract yet.',
    'Schenker for warehousing; digital work with Accenture Song.',
  ],
  strategic_priorities: [
    'Enter the Nordic market in 2027 and double trade-fair presence there.',
    'Cut logistics cost by 10% while keeping next-day delivery.',
    'Relaunch the brand at the spring trade fairs.',
    'Consolidate suppliers: fewer, bigger partners with one contact each.',
    'Sustainability: report scope 3 emissions from 2027, prefer suppliers who can measure theirs.',
  ],
  key_pain_points: [
    'Deliveries to trade-fair sites arrive late or to the wrong hall.',
    'Too many suppliers to coordinate for one event.',
    'Invoices from different suppliers in different formats; accounts payable complains.',
    'Long lead times for printed material before campaigns.',
    'No single contact who knows the whole picture.',
  ],
  procurement_rules: [
    'Three quotes above EUR 25k; approved-supplier list reviewed every January.',
    'Public tender above EUR 215k (EU threshold); framework agreements preferred below it.',
    'Every order through their Coupa portal with a purchase-order number.',
    'Supplier must be ISO 9001 certified and sign their code of conduct.',
  ],
};

const NUMBERS: Record<string, number[]> = { employee_count: [45, 120, 380, 1200, 5400, 23000] };
const BUDGETS = [25_000, 60_000, 120_000, 250_000, 480_000];
const CURRENCIES: Record<string, string> = { US: 'USD', GB: 'GBP', CH: 'CHF' };
/** Which of our services each division sells (the options of services_in_use). */
const SERVICES: Record<string, string[]> = {
  exhibits: ['Trade fair stands'], logistics: ['Freight', 'Warehousing'], digital: ['Web and apps', 'Digital campaigns'], print: ['Print', 'Packaging'], events: ['Event management'],
};

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The customer's true value of a field, or null when the demo has none to offer (e.g. no buyer known). */
function truth(random: Random, field: DefaultField, account: DemoAccount, now: number): unknown {
  switch (field.type) {
    case CriticalInfoType.TEXT:
      return random.pick(TEXTS[field.key] ?? ['See the account plan.']);
    case CriticalInfoType.NUMBER:
      return random.pick(NUMBERS[field.key] ?? [10]);
    case CriticalInfoType.MONEY:
      return { amount: random.pick(BUDGETS), currency: CURRENCIES[account.country] ?? 'EUR' };
    case CriticalInfoType.DATE:
      return day(now + random.int(30, 420) * DAY);
    case CriticalInfoType.BOOLEAN:
      return random.chance(0.4);
    case CriticalInfoType.ENUM:
      return random.pick(field.options!);
    case CriticalInfoType.MULTI_ENUM: {
      const sold = new Set(account.records.flatMap((r) => SERVICES[r.divisionKey] ?? []));
      const list = field.options!.filter((o) => sold.has(o));
      return list.length ? list : null;
    }
    case CriticalInfoType.STAKEHOLDER_REF:
      return null; // per division: see personFor
  }
}

/** Another value of the same field: what a second division believes (a conflict). */
function otherValue(random: Random, field: DefaultField, value: unknown): unknown {
  if (field.type === CriticalInfoType.ENUM) return random.pick(field.options!.filter((o) => o !== value));
  if (field.type === CriticalInfoType.DATE) return day(Date.parse(`${String(value)}T00:00:00Z`) + 91 * DAY);
  if (field.type === CriticalInfoType.MONEY) {
    const money = value as { amount: number; currency: string };
    return { ...money, amount: money.amount * 2 };
  }
  return null;
}

/** The economic buyer as a division's system names them: the externalId of its contact record of the most senior person it knows. */
function personFor(account: DemoAccount, record: DemoSourceAccount): string | null {
  for (const person of account.people) {
    const contact = person.records.find((c) => c.divisionKey === record.divisionKey && c.accountExternalId === record.externalId);
    if (contact && person.reportsToId === null) return contact.externalId;
  }
  return null;
}

/** A meeting or call of that division with the customer before the value was stated: where it was learned. */
function sourceTouchpoint(random: Random, account: DemoAccount, record: DemoSourceAccount, at: number): string | undefined {
  if (!random.chance(0.6)) return undefined;
  const talks = account.touchpoints.filter((t) => t.divisionKey === record.divisionKey && t.accountExternalId === record.externalId
    && (t.type === TouchpointType.MEETING || t.type === TouchpointType.CALL) && t.occurredAt.getTime() <= at);
  return talks[talks.length - 1]?.externalId;
}

/**
 * Critical-info values the divisions' systems send for the demo customers,
 * relative to `now` (so statuses read the same whenever the demo is loaded):
 * about a third of the fields unknown (MISSING where the stage requires them),
 * a fifth of the values older than their window (STALE), and on some
 * customers two divisions that disagree (CONFLICT). Deterministic for a
 * company, a seed and `now`.
 */
export function demoCriticalInfo(company: DemoCompany, now: Date, seed = 611): DemoCriticalInfo[] {
  const random = new Random(seed);
  return company.accounts.flatMap((account) => accountValues(random.fork(), account, now.getTime()));
}

function accountValues(random: Random, account: DemoAccount, now: number): DemoCriticalInfo[] {
  const records = [...new Map(account.records.map((r) => [r.divisionKey, r])).values()];
  const conflictOn = records.length >= 2 && random.chance(0.25) ? random.pick(DEFAULT_CATALOGUE.filter((f) => [CriticalInfoType.ENUM, CriticalInfoType.DATE, CriticalInfoType.MONEY].includes(f.type))).key : null;
  const out: DemoCriticalInfo[] = [];
  for (const field of DEFAULT_CATALOGUE) {
    if (field.key !== conflictOn && random.chance(0.35)) continue;
    const value = truth(random, field, account, now);
    const tellers = field.key === conflictOn ? records.slice(0, 2) : random.sample(records, random.int(1, Math.min(2, records.length)));
    tellers.forEach((record, i) => {
      const stale = field.key !== conflictOn && random.chance(0.2);
      const age = stale ? field.stalenessDays + random.int(10, 200) : random.int(2, Math.floor(field.stalenessDays * 0.8));
      const said = field.type === CriticalInfoType.STAKEHOLDER_REF ? personFor(account, record) : i === 1 && field.key === conflictOn ? otherValue(random, field, value) : value;
      if (said === null || said === undefined) return;
      const at = now - age * DAY - random.int(0, DAY / 1000) * 1000;
      out.push({
        divisionKey: record.divisionKey,
        input: {
          accountExternalId: record.externalId, fieldKey: field.key, value: said, assertedAt: new Date(at),
          sourceTouchpointExternalId: sourceTouchpoint(random, account, record, at), assertedByEmail: record.ownerEmail ?? undefined,
        },
      });
    });
  }
  return out;
}
