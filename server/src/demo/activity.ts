import { LifecycleStage } from '../accounts/account.entity';
import { TouchpointType } from '../ingest/ingest.types';
import type { DemoAccount, DemoOpportunity, DemoSourceAccount, DemoTouchpoint, GenerationContext } from './generator';
import { Random } from './random';
import { COMPETITORS, COUNTRIES, DETAILS, DIVISION_BUSINESS, OUTCOMES, SUBJECTS, TRADE_FAIRS } from './vocabulary';

const DAY = 86400_000;

/** Touchpoints per division and year of history, by the account's stage. */
const YEARLY: Record<LifecycleStage, number> = {
  [LifecycleStage.ACTIVE]: 64, [LifecycleStage.RENEWAL]: 64, [LifecycleStage.AT_RISK]: 48,
  [LifecycleStage.ONBOARDING]: 72, [LifecycleStage.PROSPECT]: 24, [LifecycleStage.CHURNED]: 38,
};

const TYPE_MIX: [TouchpointType, number][] = [
  [TouchpointType.EMAIL, 30], [TouchpointType.CALL, 20], [TouchpointType.MEETING, 16], [TouchpointType.NOTE, 8],
  [TouchpointType.ORDER, 8], [TouchpointType.CASE, 6], [TouchpointType.PROPOSAL, 5], [TouchpointType.EVENT, 5],
];
/** What each division does more of than the others. */
const DIVISION_MIX: Record<string, Partial<Record<TouchpointType, number>>> = {
  exhibits: { [TouchpointType.EVENT]: 10, [TouchpointType.MEETING]: 20 },
  logistics: { [TouchpointType.ORDER]: 14, [TouchpointType.CASE]: 9 },
  digital: { [TouchpointType.CASE]: 9, [TouchpointType.EMAIL]: 34 },
  print: { [TouchpointType.ORDER]: 13, [TouchpointType.PROPOSAL]: 8 },
  events: { [TouchpointType.EVENT]: 14, [TouchpointType.MEETING]: 18 },
};
/** How many of the customer's people take part, by type. */
const PARTICIPANTS: Record<TouchpointType, [number, number]> = {
  MEETING: [1, 3], CALL: [1, 1], EMAIL: [1, 2], PROPOSAL: [0, 1], ORDER: [0, 1], CASE: [1, 1], EVENT: [0, 2], NOTE: [0, 0],
};
/** How likely a touchpoint of this type belongs to an open or recent opportunity. */
const ABOUT_OPPORTUNITY: Partial<Record<TouchpointType, number>> = {
  PROPOSAL: 0.85, ORDER: 0.7, MEETING: 0.35, CALL: 0.25, EMAIL: 0.15,
};

const OPEN_STAGES = [['Qualification', 5], ['Proposal', 3.5], ['Negotiation', 1.5]] as const;

function typeMix(divisionKey: string, stage: LifecycleStage): [TouchpointType, number][] {
  const extra = DIVISION_MIX[divisionKey] ?? {};
  return TYPE_MIX.map(([type, weight]): [TouchpointType, number] => {
    // Prospects place no orders and open no support cases.
    if (stage === LifecycleStage.PROSPECT && (type === TouchpointType.ORDER || type === TouchpointType.CASE)) return [type, 0];
    return [type, extra[type] ?? weight];
  });
}

/** A working-hours moment on the day of `t` (weekends move to Monday). */
function workingHours(random: Random, t: number, type: TouchpointType): Date {
  const day = new Date(Math.floor(t / DAY) * DAY);
  const weekday = day.getUTCDay();
  if (weekday === 0) day.setUTCDate(day.getUTCDate() + 1);
  if (weekday === 6) day.setUTCDate(day.getUTCDate() + 2);
  const minutes = type === TouchpointType.EMAIL || type === TouchpointType.NOTE ? random.int(0, 59) : random.pick([0, 0, 15, 30, 30, 45]);
  day.setUTCHours(random.int(7, 16), minutes);
  return day;
}

function fill(random: Random, template: string, ctx: { topic: string; year: number; department: string }): string {
  return template
    .replace('{topic}', ctx.topic)
    .replace('{fair}', random.pick(TRADE_FAIRS))
    .replace('{year}', String(ctx.year))
    .replace('{n}', String(random.int(10000, 99999)))
    .replace('{competitor}', random.pick(COMPETITORS))
    .replace('{department}', ctx.department);
}

interface OpenWindow {
  opportunity: DemoOpportunity;
  from: number;
  to: number;
  won: boolean;
}

/** The opportunities and touchpoints of every division that knows the account. */
export function buildActivity(random: Random, ctx: GenerationContext, account: DemoAccount): Pick<DemoAccount, 'opportunities' | 'touchpoints'> {
  const opportunities: DemoOpportunity[] = [];
  const touchpoints: DemoTouchpoint[] = [];
  const country = COUNTRIES.find((c) => c.code === account.country)!;
  // A churned customer went quiet some months ago.
  const end = account.lifecycleStage === LifecycleStage.CHURNED ? ctx.now - random.int(60, 270) * DAY : ctx.now;
  for (const record of account.records) {
    const start = Math.max(record.createdAt.getTime(), ctx.now - ctx.span);
    const windows = buildOpportunities(random, ctx, account, record, start, end, country.currency);
    opportunities.push(...windows.map((w) => w.opportunity));
    touchpoints.push(...buildTouchpoints(random, ctx, account, record, windows, start, end));
  }
  return { opportunities, touchpoints };
}

function buildOpportunities(
  random: Random, ctx: GenerationContext, account: DemoAccount, record: DemoSourceAccount, start: number, end: number, currency: string,
): OpenWindow[] {
  const stage = account.lifecycleStage;
  const business = DIVISION_BUSINESS[record.divisionKey];
  const owners = ctx.colleagues.filter((c) => c.divisionKey === record.divisionKey);
  const count = stage === LifecycleStage.PROSPECT ? random.weighted([[0, 3], [1, 5], [2, 2]] as const)
    : stage === LifecycleStage.CHURNED ? random.weighted([[0, 4], [1, 4], [2, 2]] as const)
    : random.weighted([[0, 2.5], [1, 3.5], [2, 2.5], [3, 1.5]] as const);
  const windows: OpenWindow[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = stage === LifecycleStage.PROSPECT ? random.weighted([['open', 8], ['lost', 2]] as const)
      : stage === LifecycleStage.CHURNED || end < ctx.now ? random.weighted([['won', 4], ['lost', 6]] as const)
      : random.weighted([['won', 5], ['lost', 1.5], ['open', 3.5]] as const);
    const close = outcome === 'open'
      ? ctx.now + (random.chance(0.85) ? random.int(10, 180) : -random.int(1, 30)) * DAY
      : start + random.next() * Math.max(DAY, end - start);
    const from = Math.max(start, close - random.int(30, 200) * DAY);
    const [low, high] = business.amount;
    const amount = random.chance(0.95) ? Math.round(Math.exp(Math.log(low) + random.next() * Math.log(high / low)) / 100) * 100 : null;
    const year = new Date(close).getUTCFullYear();
    const opportunity: DemoOpportunity = {
      divisionKey: record.divisionKey,
      sourceSystem: record.sourceSystem,
      externalId: ctx.ids.take(record.divisionKey, 'opportunity', 0),
      accountExternalId: record.externalId,
      name: record.divisionKey === 'exhibits' && random.chance(0.5) ? `${random.pick(business.deals)} – ${random.pick(TRADE_FAIRS)} ${year}` : `${random.pick(business.deals)} ${year}`,
      stage: outcome === 'open' ? random.weighted(OPEN_STAGES) : outcome === 'won' ? 'Closed Won' : 'Closed Lost',
      amount,
      currency: amount === null ? null : random.chance(0.8) ? currency : 'EUR',
      closeDate: new Date(close).toISOString().slice(0, 10),
      ownerEmail: random.chance(0.7) ? record.ownerEmail : random.pick(owners).email,
    };
    windows.push({ opportunity, from, to: close, won: outcome === 'won' });
  }
  return windows;
}

function buildTouchpoints(
  random: Random, ctx: GenerationContext, account: DemoAccount, record: DemoSourceAccount, windows: OpenWindow[], start: number, end: number,
): DemoTouchpoint[] {
  const stage = account.lifecycleStage;
  const business = DIVISION_BUSINESS[record.divisionKey];
  const colleagues = ctx.colleagues.filter((c) => c.divisionKey === record.divisionKey && c.role !== 'ADMIN');
  const known = account.people.flatMap((p) => p.records.filter((r) => r.divisionKey === record.divisionKey).map((r) => ({ person: p, record: r })));
  // Some people are the ones everybody talks to; others hardly anyone.
  const weightOf = new Map(account.people.map((p) => [p.id, 0.2 + random.next() ** 2 * 3]));
  const strangers = account.people.filter((p) => !p.records.some((r) => r.divisionKey === record.divisionKey));
  const mix = typeMix(record.divisionKey, stage);
  const yearly = YEARLY[stage] * (0.4 + random.next() * 1.2);
  const past = Math.round((yearly * Math.max(0, end - start)) / (365 * DAY));
  const planned = end === ctx.now && random.chance(0.45) ? random.int(1, 2) : 0;
  const draft: { at: Date; type: TouchpointType; future: boolean }[] = [];
  for (let i = 0; i < past; i++) {
    const type = random.weighted(mix);
    const at = workingHours(random, start + random.next() * (end - start), type);
    // Moving off a weekend or to working hours must not push history past its end ("now" included).
    draft.push({ at: at.getTime() > end ? new Date(at.getTime() - 7 * DAY) : at, type, future: false });
  }
  for (let i = 0; i < planned; i++) {
    const type = random.chance(0.6) ? TouchpointType.MEETING : TouchpointType.CALL;
    // Within the next 30 days, also after moving off a weekend.
    draft.push({ at: workingHours(random, ctx.now + random.int(1, 27) * DAY, type), type, future: true });
  }
  draft.sort((a, b) => a.at.getTime() - b.at.getTime());

  return draft.map(({ at, type, future }): DemoTouchpoint => {
    const t = at.getTime();
    const [min, max] = PARTICIPANTS[type];
    const pool = [...known];
    const chosen: typeof known = [];
    for (let n = random.int(min, max); n > 0 && pool.length > 0; n--) {
      let roll = random.next() * pool.reduce((s, k) => s + weightOf.get(k.person.id)!, 0);
      const index = pool.findIndex((k) => (roll -= weightOf.get(k.person.id)!) < 0);
      chosen.push(...pool.splice(index < 0 ? pool.length - 1 : index, 1));
    }
    const byEmail = type === TouchpointType.EMAIL ? 0.6 : 0.1;
    const participantExternalIds: string[] = [];
    const participantEmails: string[] = [];
    for (const { person, record: contact } of chosen) {
      if (random.chance(byEmail)) participantEmails.push(person.email);
      else participantExternalIds.push(contact.externalId);
    }
    // A mailbox also sees people the division has no contact record of.
    if (type === TouchpointType.EMAIL && strangers.length > 0 && random.chance(0.1)) participantEmails.push(random.pick(strangers).email);
    const colleagueEmails = [random.chance(0.6) ? record.ownerEmail! : random.pick(colleagues).email];
    if (type !== TouchpointType.NOTE && random.chance(0.25)) colleagueEmails.push(random.pick(colleagues).email);
    const open = windows.filter((w) => t >= w.from && t <= w.to + 14 * DAY && (type !== TouchpointType.ORDER || w.won));
    const about = open.length > 0 && random.chance(ABOUT_OPPORTUNITY[type] ?? 0) ? random.pick(open).opportunity : null;
    const topic = about ? about.name : random.pick(business.topics);
    const department = chosen[0]?.person.department ?? random.pick(account.people).department;
    const subject = fill(random, random.pick(SUBJECTS[type]), { topic, year: at.getUTCFullYear(), department });
    const confidential = random.chance(type === TouchpointType.CASE || type === TouchpointType.NOTE ? 0.1 : 0.04);
    const outcomes = OUTCOMES[type];
    return {
      divisionKey: record.divisionKey,
      sourceSystem: record.sourceSystem,
      externalId: ctx.ids.take(record.divisionKey, 'touchpoint', 0),
      accountExternalId: record.externalId,
      type,
      occurredAt: at,
      subject: future ? `Planned: ${subject}` : subject,
      summary: future ? `Agenda: ${topic}; ${random.pick(DETAILS).toLowerCase()}` : random.chance(type === TouchpointType.EMAIL ? 0.6 : 0.85) ? `About ${topic}. ${random.pick(DETAILS)}` : null,
      outcome: !future && outcomes.length > 0 && random.chance(0.7) ? random.pick(outcomes) : null,
      colleagueEmails: [...new Set(colleagueEmails)],
      participantExternalIds: participantExternalIds.length ? participantExternalIds : null,
      participantEmails: participantEmails.length ? participantEmails : null,
      confidential: confidential || null,
      opportunityExternalId: about?.externalId ?? null,
    };
  });
}
