/**
 * The synthetic company's critical info (generator.ts calls in per account):
 * values of the default catalogue's fields that the divisions asserted, as
 * ingest and colleagues would have stored them in critical_info_assertion —
 * some current, some older than the field's window (STALE), some where two
 * divisions disagree (CONFLICT, now and then settled by a resolution), the
 * rest never asserted (MISSING where the account's stage requires them).
 *
 * Its own random generators (seeded from the profile's seed, one fork per
 * account) and its own ids: the other tables' rows are the same as without it.
 */
import { DEFAULT_CATALOGUE, DefaultField } from '../../server/src/critical-info/default-catalogue';
import { CriticalInfoType } from '../../server/src/critical-info/value';
import { Random } from '../../server/src/demo/random';
import { COMPETITORS } from '../../server/src/demo/vocabulary';
import { at, bool, json, NULL, text, uuidArray } from './copy-text';

const DAY = 86400_000;
const HOUR = 3600_000;

/** The columns of critical_info_assertion the generator writes (the table of migration CriticalInfo1763900400000). */
export const CRITICAL_INFO_COLUMNS = [
  'account_id', 'id', 'field_id', 'value', 'division_id', 'colleague_id', 'asserted_by_email', 'source_system', 'source_account_record_id',
  'source_touchpoint_id', 'source_touchpoint_external_id', 'note', 'resolves_conflict', 'resolved_assertion_ids', 'asserted_at', 'recorded_at',
] as const;

/** Share of ordinary accounts with any critical info (key accounts all have it). */
const SHARE = 0.4;

const TEXTS: Record<string, readonly string[]> = {
  decision_process: [
    'The CFO signs anything above EUR 100k; procurement runs a three-quote process.',
    'Head of Marketing decides, the CEO signs off anything over EUR 50k. Legal reviews contracts in about two weeks.',
    'Board approval for multi-year contracts; the operations director owns the budget.',
    'Regional managers propose, central purchasing negotiates, the COO signs.',
    'Owner-managed: the managing director decides alone, usually after a site visit.',
  ],
  current_vendors: COMPETITORS.flatMap((c) => [`${c} for most of it; they are unhappy with the price increase.`, `${c} and several small local suppliers.`]),
  strategic_priorities: [
    'Enter the Nordic market next year and double trade-fair presence there.',
    'Cut logistics cost by 10% while keeping next-day delivery.',
    'Relaunch the brand at the spring trade fairs.',
    'Consolidate suppliers: fewer, bigger partners with one contact each.',
    'Report scope 3 emissions from next year; prefer suppliers who measure theirs.',
  ],
  key_pain_points: [
    'Deliveries to trade-fair sites arrive late or to the wrong hall.',
    'Too many suppliers to coordinate for one event.',
    'Invoices from different suppliers in different formats.',
    'Long lead times for printed material before campaigns.',
    'No single contact who knows the whole picture.',
  ],
  procurement_rules: [
    'Three quotes above EUR 25k; approved-supplier list reviewed every January.',
    'Public tender above EUR 215k; framework agreements preferred below it.',
    'Every order through their purchasing portal with a purchase-order number.',
    'Supplier must be ISO 9001 certified and sign their code of conduct.',
  ],
};
const EMPLOYEES = [45, 120, 380, 1200, 5400, 23000];
const BUDGETS = [25_000, 60_000, 120_000, 250_000, 480_000, 1_250_000];
/** Which of our services each division sells (options of services_in_use). */
const SERVICES: Record<string, readonly string[]> = {
  exhibits: ['Trade fair stands'], logistics: ['Freight', 'Warehousing'], digital: ['Web and apps', 'Digital campaigns'], print: ['Print', 'Packaging'],
  events: ['Event management'],
};
const NOTES = ['Confirmed in the last meeting.', 'From the account plan.', 'Said by their head of purchasing.', 'Heard at the trade fair; to be confirmed.'];
const RESOLUTION_NOTES = ['Confirmed with the customer on the call.', 'Checked with their purchasing department.', 'The signed contract says so.'];

/** A meeting or call of a division with the customer: where a value may have been learned. */
export interface Talk {
  id: string;
  externalId: string;
  occurred: number;
}

/** What the facts need to know of one division's record of the account. */
export interface FactRecord {
  division: { id: string; key: string; system: string };
  recordId: string;
  owner: { id: string; email: string };
  team: readonly { id: string; email: string }[];
  people: readonly { person: { id: string; tombstoneId: string | null } }[];
}

type Field = DefaultField & { id: string };
type Value = string | number | boolean | string[] | { amount: number; currency: string };

interface Asserted {
  id: string;
  record: FactRecord;
  value: Value;
  /** Days before the data's "now" (fractions: hours and minutes). */
  age: number;
  resolves?: string[];
  viaHub?: boolean;
  note?: string;
}

/** The catalogue's fields with the ids the migration gave them (a field the database lacks is left out). */
export function catalogueFields(ids: readonly { id: string; key: string }[]): Field[] {
  const byKey = new Map(ids.map((f) => [f.key, f.id]));
  return DEFAULT_CATALOGUE.filter((f) => byKey.has(f.key)).map((f) => ({ ...f, id: byKey.get(f.key)! }));
}

/** Facts of the accounts, one after the other: `forAccount` for each account in generation order. */
export class CriticalFacts {
  private readonly master: Random;

  constructor(seed: number, private readonly fields: readonly Field[], private readonly uuid: () => string, private readonly now: number) {
    this.master = new Random(seed ^ 0xc1a55e);
  }

  /** The account's facts, or null when it has none (decided here: the account's draw happens either way). */
  forAccount(key: boolean): AccountFacts | null {
    const random = this.master.fork();
    return this.fields.length && (key || random.chance(SHARE)) ? new AccountFacts(random, key, this.fields, this.uuid, this.now) : null;
  }
}

export class AccountFacts {
  private readonly talks = new Map<FactRecord, Talk[]>();

  constructor(
    private readonly random: Random, private readonly key: boolean, private readonly fields: readonly Field[], private readonly uuid: () => string,
    private readonly now: number,
  ) {}

  /** A meeting or call that happened (in any order): a value may have been learned there. */
  talk(record: FactRecord, talk: Talk): void {
    (this.talks.get(record) ?? this.talks.set(record, []).get(record)!).push(talk);
  }

  /** The assertion rows (COPY values in CRITICAL_INFO_COLUMNS' order). */
  rows(accountId: string, records: readonly FactRecord[]): string[][] {
    const random = this.random;
    for (const list of this.talks.values()) list.sort((a, b) => a.occurred - b.occurred);
    const out: string[][] = [];
    for (const field of this.fields) {
      if (!random.chance(this.key ? 0.9 : 0.5)) continue;
      const tellers = random.sample(records, Math.min(records.length, this.key ? random.int(2, 4) : random.weighted([[1, 5], [2, 3], [3, 1]] as const)));
      const truth = this.value(field, tellers[0], null);
      if (truth === null) continue;
      const mode = tellers.length >= 2 && random.chance(this.key ? 0.3 : 0.15) ? 'conflict' : random.chance(0.2) ? 'stale' : 'fresh';
      const window = field.stalenessDays;
      const sides: Asserted[] = [];
      const written: Asserted[] = [];
      tellers.forEach((record, i) => {
        let value: Value | null = truth;
        if (mode === 'conflict' && i === 1) value = this.value(field, record, truth);
        else if (field.type === CriticalInfoType.TEXT && random.chance(0.3)) value = respelt(random, String(truth));
        if (value === null) return;
        // The newest: within the window (a conflict: well within it), or older than it.
        let age = mode === 'stale' ? window + random.int(5, 400) : mode === 'conflict' ? random.int(1, Math.min(60, Math.floor(window * 0.4))) : random.int(1, Math.floor(window * 0.8));
        age += random.int(0, 600) / 1440;
        const newest: Asserted = { id: this.uuid(), record, value, age };
        sides.push(newest);
        // Older values of the same division: the same, or what it believed before.
        const earlier: Asserted[] = [];
        for (let n = random.weighted([[0, 6], [1, 3], [2, 1]] as const); n > 0; n--) {
          age += random.int(30, 400) + random.int(0, 600) / 1440;
          const before = random.chance(0.5) ? this.value(field, record, value) ?? value : value;
          earlier.push({ id: this.uuid(), record, value: before, age });
        }
        written.push(newest, ...earlier);
      });
      if (mode === 'conflict' && sides.length >= 2 && random.chance(0.3)) {
        // Settled: a colleague of one side says which value holds, after both.
        const by = random.pick(sides);
        const youngest = Math.min(...sides.map((s) => s.age));
        if (youngest > 1) {
          written.push({
            id: this.uuid(), record: by.record, value: random.pick(sides).value, age: random.int(0, Math.floor(youngest) - 1) + random.int(0, 600) / 1440,
            resolves: sides.map((s) => s.id), viaHub: true, note: random.pick(RESOLUTION_NOTES),
          });
        }
      }
      for (const a of written) out.push(this.row(accountId, field, a));
    }
    return out;
  }

  private row(accountId: string, field: Field, a: Asserted): string[] {
    const random = this.random;
    let assertedAt = Math.round((this.now - a.age * DAY) / 60_000) * 60_000;
    // Learned in a meeting or call of that division, up to 60 days before: the value is asserted a few hours after it.
    let talk: Talk | null = null;
    if (!a.resolves && random.chance(0.55)) {
      const found = latestBefore(this.talks.get(a.record) ?? [], assertedAt - 30 * HOUR);
      if (found && found.occurred >= assertedAt - 60 * DAY) {
        talk = found;
        assertedAt = found.occurred + random.int(1, 30) * HOUR;
      }
    }
    const viaHub = a.viaHub ?? random.chance(0.35);
    const division = a.record.division;
    const note = a.note ?? (viaHub && random.chance(0.4) ? random.pick(NOTES) : null);
    if (viaHub) {
      // A colleague in the hub: no system, no email; the touchpoint by its id.
      const colleague = random.pick(a.record.team);
      return [
        accountId, a.id, field.id, json(a.value), division.id, colleague.id, NULL, NULL, NULL, talk?.id ?? NULL, NULL, text(note), bool(!!a.resolves),
        uuidArray(a.resolves ?? []), at(assertedAt), at(assertedAt),
      ];
    }
    // Through ingest: the division's system, its record, the author it names (now and then a mailbox the hub does not know),
    // the touchpoint by its external id (resolved at ingest, unless it arrived later: then the read resolves it).
    const author = random.weighted([[a.record.owner, 6], [random.pick(a.record.team), 3], [null, 1]] as const);
    const recordedAt = Math.min(this.now, assertedAt + random.int(2, 720) * 60_000);
    return [
      accountId, a.id, field.id, json(a.value), division.id, author?.id ?? NULL, text(author?.email ?? `${division.key}-sync@ourcompany.example`), text(division.system),
      a.record.recordId, talk && random.chance(0.85) ? talk.id : NULL, text(talk?.externalId), text(note), bool(false), '{}', at(assertedAt), at(recordedAt),
    ];
  }

  /** A value of the field as a division knows it; with `other`: a different one (what another division believes). */
  private value(field: Field, record: FactRecord, other: Value | null): Value | null {
    const random = this.random;
    const differs = (pick: () => Value): Value | null => {
      for (let tries = 0; tries < 8; tries++) {
        const v = pick();
        if (other === null || JSON.stringify(v) !== JSON.stringify(other)) return v;
      }
      return null;
    };
    switch (field.type) {
      case CriticalInfoType.TEXT:
        return differs(() => random.pick(TEXTS[field.key] ?? ['See the account plan.', 'Ask the account owner.']));
      case CriticalInfoType.NUMBER:
        return differs(() => random.pick(EMPLOYEES));
      case CriticalInfoType.MONEY:
        return differs(() => ({ amount: random.pick(BUDGETS), currency: random.chance(0.8) ? 'EUR' : random.pick(['USD', 'GBP', 'CHF']) }));
      case CriticalInfoType.DATE:
        return differs(() => new Date(this.now + random.int(-200, 420) * DAY).toISOString().slice(0, 10));
      case CriticalInfoType.BOOLEAN:
        return other === null ? random.chance(0.6) : !other;
      case CriticalInfoType.ENUM:
        return differs(() => random.pick(field.options!));
      case CriticalInfoType.MULTI_ENUM: {
        const sold = new Set(SERVICES[record.division.key] ?? []);
        return differs(() => {
          const chosen = new Set([...random.sample(field.options!, random.int(1, 2)), ...(random.chance(0.7) ? sold : [])]);
          return field.options!.filter((o) => chosen.has(o));
        });
      }
      case CriticalInfoType.STAKEHOLDER_REF: {
        // The most senior person the division knows; another division may name someone else. Now and then a merged-away id.
        const people = record.people.map((c) => c.person);
        if (!people.length) return null;
        return differs(() => {
          const person = other === null ? people[0] : random.pick(people);
          return person.tombstoneId && random.chance(0.1) ? person.tombstoneId : person.id;
        });
      }
    }
  }
}

/** The same text as another division wrote it: other case or spacing (the same value to the hub). */
function respelt(random: Random, value: string): string {
  return random.chance(0.5) ? value.toLowerCase() : value.replace(' ', '  ');
}

/** The latest talk at or before `ms` (talks sorted by time). */
function latestBefore(talks: readonly Talk[], ms: number): Talk | null {
  let lo = 0, hi = talks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (talks[mid].occurred <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? talks[lo - 1] : null;
}
