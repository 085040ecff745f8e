import { createHash } from 'node:crypto';
import { IngestItemKind, TouchpointType } from '../ingest/ingest.types';
import { validateItem } from '../ingest/validation';
import { DemoSource, generateDemoCompany } from './generator';

describe('generateDemoCompany', () => {
  const company = generateDemoCompany();
  const now = new Date('2026-11-20T09:00:00Z').getTime();
  const DAY = 86400_000;
  const people = company.accounts.flatMap((a) => a.people.map((p) => ({ account: a, person: p })));
  const contacts = people.flatMap(({ account, person }) => person.records.map((record) => ({ account, person, record })));
  const touchpoints = company.accounts.flatMap((a) => a.touchpoints.map((t) => ({ account: a, touchpoint: t })));
  const opportunities = company.accounts.flatMap((a) => a.opportunities.map((o) => ({ account: a, opportunity: o })));

  it('is deterministic for a seed and differs across seeds', () => {
    const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
    expect(fingerprint(generateDemoCompany())).toBe(fingerprint(company));
    const other = generateDemoCompany({ seed: 7 });
    expect(other.accounts[0].name).not.toEqual(company.accounts[0].name);
    expect(other.accounts[0].touchpoints).not.toEqual(company.accounts[0].touchpoints);
  });

  it('keeps the first accounts when only the size changes (each account draws from its own generator)', () => {
    const small = generateDemoCompany({ accounts: 20 });
    expect(small.accounts.map((a) => a.people)).toEqual(company.accounts.slice(0, 20).map((a) => a.people));
    expect(small.accounts.map((a) => a.touchpoints.length)).toEqual(company.accounts.slice(0, 20).map((a) => a.touchpoints.length));
  });

  it('builds a realistic company: 4-6 divisions, colleagues in each, ~300 accounts', () => {
    expect(company.divisions.length).toBeGreaterThanOrEqual(4);
    expect(company.divisions.length).toBeLessThanOrEqual(6);
    for (const division of company.divisions) {
      expect(company.colleagues.filter((c) => c.divisionKey === division.key).length).toBeGreaterThan(2);
    }
    expect(company.accounts).toHaveLength(300);
    expect(new Set(company.accounts.map((a) => a.name)).size).toBe(300);
    expect(new Set(company.colleagues.map((c) => c.email)).size).toBe(company.colleagues.length);
  });

  it('makes many accounts known to several divisions under differing names', () => {
    const shared = company.accounts.filter((a) => new Set(a.records.map((r) => r.divisionKey)).size >= 2);
    expect(shared.length).toBeGreaterThan(90);
    const differing = shared.filter((a) => new Set(a.records.map((r) => r.name)).size >= 2);
    expect(differing.length).toBeGreaterThan(shared.length / 2);
    // Registry ids: mostly the VAT id spelled differently, now and then the company register's number instead.
    const ids = shared.flatMap((a) => a.records.filter((r) => r.registryId).map((r) => ({ a, id: r.registryId! })));
    expect(ids.filter(({ a, id }) => id !== a.registryId && id.replace(/[^A-Z0-9]/gi, '').toUpperCase() === a.registryId.replace(/[^A-Z0-9]/g, '')).length).toBeGreaterThan(20);
    expect(ids.filter(({ a, id }) => id.replace(/[^A-Z0-9]/gi, '').toUpperCase() !== a.registryId.replace(/[^A-Z0-9]/g, '')).length).toBeGreaterThan(3);
  });

  it('gives every account 3-12 people in a reporting structure, each known to 1-3 of its divisions', () => {
    for (const account of company.accounts) {
      expect(account.people.length).toBeGreaterThanOrEqual(3);
      expect(account.people.length).toBeLessThanOrEqual(12);
      const ids = new Set(account.people.map((p) => p.id));
      expect(account.people.filter((p) => p.reportsToId === null)).toHaveLength(1);
      for (const person of account.people) {
        if (person.reportsToId) expect(ids.has(person.reportsToId)).toBe(true);
        const divisions = new Set(person.records.map((r) => r.divisionKey));
        expect(divisions.size).toBeGreaterThanOrEqual(1);
        expect(divisions.size).toBeLessThanOrEqual(3);
        expect(person.email.endsWith(`@${account.domains[0]}`)).toBe(true);
        for (const record of person.records) {
          expect(account.records.find((r) => r.divisionKey === record.divisionKey)!.externalId).toBe(record.accountExternalId);
        }
      }
    }
    expect(people.length).toBeGreaterThan(300 * 6);
    expect(people.filter(({ person }) => person.birthday).length).toBeGreaterThan(people.length / 5);
    expect(people.filter(({ person }) => new Set(person.records.map((r) => r.divisionKey)).size >= 2).length).toBeGreaterThan(people.length / 4);
  });

  it('writes "reports to" with the own system\'s contact ids, pointing at the true manager', () => {
    const byKey = new Map(contacts.map((c) => [`${c.record.divisionKey}/${c.record.externalId}`, c]));
    const withBoss = contacts.filter((c) => c.record.reportsToExternalId);
    expect(withBoss.length).toBeGreaterThan(contacts.length / 3);
    for (const { record, person } of withBoss) {
      expect(byKey.get(`${record.divisionKey}/${record.reportsToExternalId}`)!.person.id).toBe(person.reportsToId);
    }
  });

  it('spells people differently across divisions: nicknames, "Last, First", missing emails, phone formats, typos', () => {
    const multi = people.filter(({ person }) => new Set(person.records.map((r) => r.divisionKey)).size >= 2).map(({ person }) => person);
    const firstWords = (name: string) => (name.includes(',') ? name.split(',')[1] : name).trim().replace(/^Dr\. /, '').split(' ')[0];
    expect(multi.filter((p) => p.records.some((r) => firstWords(r.name) !== p.name.split(' ')[0] && !firstWords(r.name).endsWith('.'))
      && p.records.some((r) => firstWords(r.name) === p.name.split(' ')[0])).length).toBeGreaterThan(20);
    expect(contacts.filter(({ record }) => /^[^,]+, /.test(record.name)).length).toBeGreaterThan(contacts.length / 10);
    expect(multi.filter((p) => p.records.some((r) => !r.emails) && p.records.some((r) => r.emails?.includes(p.email))).length).toBeGreaterThan(50);
    const digits = (phone: string) => phone.replace(/\D/g, '').slice(-7);
    expect(multi.filter((p) => {
      const spelled = p.records.flatMap((r) => r.phones ?? []);
      return spelled.some((a) => spelled.some((b) => a !== b && digits(a) === digits(b)));
    }).length).toBeGreaterThan(20);
    const last = (p: { name: string }) => p.name.split(' ').slice(-1)[0];
    expect(contacts.filter(({ record, person }) => !record.name.includes(last(person))).length).toBeGreaterThan(50);
  });

  it('spreads about two years of history, with some meetings and calls planned for the next 30 days', () => {
    const times = company.accounts.flatMap((a) => a.records.map((r) => r.createdAt.getTime()));
    const days = (Math.max(...times) - Math.min(...times)) / DAY;
    expect(days).toBeGreaterThan(500);
    expect(days).toBeLessThanOrEqual(2 * 365);
    const at = touchpoints.map(({ touchpoint }) => touchpoint.occurredAt.getTime());
    expect(Math.min(...at)).toBeGreaterThanOrEqual(now - 2 * 365 * DAY - 3 * DAY);
    expect(Math.max(...at)).toBeLessThanOrEqual(now + 31 * DAY);
    const planned = touchpoints.filter(({ touchpoint }) => touchpoint.occurredAt.getTime() > now).map(({ touchpoint }) => touchpoint);
    expect(planned.length).toBeGreaterThan(100);
    expect(planned.every((t) => (t.type === TouchpointType.MEETING || t.type === TouchpointType.CALL) && t.outcome === null)).toBe(true);
  });

  it('has 20,000-30,000 touchpoints of every type from the divisions that know each account, ~5% confidential', () => {
    expect(touchpoints.length).toBeGreaterThanOrEqual(20_000);
    expect(touchpoints.length).toBeLessThanOrEqual(30_000);
    expect(new Set(touchpoints.map(({ touchpoint }) => touchpoint.type))).toEqual(new Set(Object.values(TouchpointType)));
    const confidential = touchpoints.filter(({ touchpoint }) => touchpoint.confidential).length / touchpoints.length;
    expect(confidential).toBeGreaterThan(0.03);
    expect(confidential).toBeLessThan(0.07);
    const colleagues = new Map(company.colleagues.map((c) => [c.email, c.divisionKey]));
    const wrong = touchpoints.filter(({ account, touchpoint: t }) =>
      account.records.find((r) => r.divisionKey === t.divisionKey)?.externalId !== t.accountExternalId
      || t.colleagueEmails!.length === 0 || t.colleagueEmails!.some((email) => colleagues.get(email) !== t.divisionKey));
    expect(wrong.map(({ touchpoint }) => touchpoint.externalId)).toEqual([]);
  });

  it('names participants by the division\'s own contact ids or by email, and links some touchpoints to opportunities', () => {
    const contactIds = new Map(contacts.map((c) => [`${c.record.divisionKey}/${c.record.externalId}`, c]));
    const emails = new Map(people.map(({ account, person }) => [person.email, account.id]));
    let byId = 0, byEmail = 0, withOpportunity = 0;
    const opportunityOf = new Map(opportunities.map(({ opportunity }) => [`${opportunity.divisionKey}/${opportunity.externalId}`, opportunity]));
    const wrong: string[] = [];
    for (const { account, touchpoint: t } of touchpoints) {
      for (const id of t.participantExternalIds ?? []) {
        if (contactIds.get(`${t.divisionKey}/${id}`)?.account.id !== account.id) wrong.push(`${t.externalId}: participant ${id}`);
        byId++;
      }
      for (const email of t.participantEmails ?? []) {
        if (emails.get(email) !== account.id) wrong.push(`${t.externalId}: participant ${email}`);
        byEmail++;
      }
      if (t.opportunityExternalId) {
        if (opportunityOf.get(`${t.divisionKey}/${t.opportunityExternalId}`)?.accountExternalId !== t.accountExternalId) wrong.push(`${t.externalId}: opportunity`);
        withOpportunity++;
      }
    }
    expect(wrong).toEqual([]);
    expect(byId).toBeGreaterThan(10_000);
    expect(byEmail).toBeGreaterThan(2_000);
    expect(withOpportunity).toBeGreaterThan(500);
  });

  it('gives each division 0-3 opportunities per account in the five stages, with amounts, currencies and close dates', () => {
    for (const account of company.accounts) {
      for (const record of account.records) {
        expect(account.opportunities.filter((o) => o.divisionKey === record.divisionKey).length).toBeLessThanOrEqual(3);
      }
    }
    expect(opportunities.length).toBeGreaterThan(300);
    const stages = new Set(opportunities.map(({ opportunity }) => opportunity.stage));
    expect(stages).toEqual(new Set(['Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost']));
    expect(new Set(opportunities.map(({ opportunity }) => opportunity.currency)).size).toBeGreaterThanOrEqual(3);
    const colleagues = new Map(company.colleagues.map((c) => [c.email, c.divisionKey]));
    for (const { opportunity: o } of opportunities) {
      expect(colleagues.get(o.ownerEmail!)).toBe(o.divisionKey);
      expect(o.closeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('sends only items ingest accepts', () => {
    const kinds: [IngestItemKind, (DemoSource & object)[]][] = [
      [IngestItemKind.ACCOUNT, company.accounts.flatMap((a) => a.records)],
      [IngestItemKind.CONTACT, contacts.map((c) => c.record)],
      [IngestItemKind.OPPORTUNITY, opportunities.map((o) => o.opportunity)],
      [IngestItemKind.TOUCHPOINT, touchpoints.map((t) => t.touchpoint)],
    ];
    for (const [kind, items] of kinds) {
      const invalid = items.map((item) => [item, validateItem(kind, item as Record<string, unknown>).error] as const).filter(([, error]) => error);
      expect(invalid.map(([item, error]) => `${kind} ${JSON.stringify(item).slice(0, 200)}: ${error!.field} ${error!.message}`)).toEqual([]);
    }
  });

  it('keeps natural keys unique per division and source system', () => {
    const lists: { divisionKey: string; sourceSystem: string; externalId: string }[][] = [
      company.accounts.flatMap((a) => a.records), contacts.map((c) => c.record), opportunities.map((o) => o.opportunity), touchpoints.map((t) => t.touchpoint),
    ];
    for (const list of lists) {
      const keys = list.map((r) => `${r.divisionKey}/${r.sourceSystem}/${r.externalId}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
