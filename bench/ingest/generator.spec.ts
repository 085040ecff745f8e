import { batchItems, benchDivisions, csvLine, generateAccounts, generateContacts, generateTouchpoints, toBatches } from './generator';
import { latency } from './http';
import { Random } from './random';
import { statementLabel, summariseProfile } from './profile';

describe('ingest bench data', () => {
  const divisions = benchDivisions(7);

  it('is the same for the same seed', () => {
    const a = generateAccounts(divisions, 300, 7);
    const b = generateAccounts(divisions, 300, 7);
    expect(b.records.map((r) => r.input)).toEqual(a.records.map((r) => r.input));
    const [peopleA, peopleB] = [generateContacts(a, 8), generateContacts(b, 8)];
    expect(peopleB.contacts.map((c) => c.input)).toEqual(peopleA.contacts.map((c) => c.input));
    expect(generateTouchpoints(b.records, peopleB.byAccount, 50, 8, 'T-').map((t) => t.input))
      .toEqual(generateTouchpoints(a.records, peopleA.byAccount, 50, 8, 'T-').map((t) => t.input));
    expect(generateAccounts(divisions, 300, 9).records.map((r) => r.input.name)).not.toEqual(a.records.map((r) => r.input.name));
  });

  it('makes exactly the records asked for, unique per division, half the customers known to 2 or 3 divisions under the same domain', () => {
    const set = generateAccounts(divisions, 2000, 1);
    expect(set.records).toHaveLength(2000);
    const keys = set.records.map((r) => `${r.division.key}|${r.input.externalId}`);
    expect(new Set(keys).size).toBe(2000);
    expect(set.shared / set.customers.length).toBeGreaterThan(0.4);
    expect(set.shared / set.customers.length).toBeLessThan(0.6);
    const byCustomer = new Map<number, typeof set.records>();
    for (const r of set.records) byCustomer.set(r.customer.id, [...(byCustomer.get(r.customer.id) ?? []), r]);
    for (const records of byCustomer.values()) {
      expect(new Set(records.map((r) => r.division.key)).size).toBe(records.length);
      if (records.length > 1) for (const r of records) expect(r.input.website).toContain(r.customer.domain);
    }
    // The other divisions spell the name differently at least sometimes.
    const differing = [...byCustomer.values()].filter((rs) => rs.length > 1 && new Set(rs.map((r) => r.input.name)).size > 1).length;
    expect(differing / set.shared).toBeGreaterThan(0.8);
  });

  it('keeps a second set apart from the first: other customers, other ids', () => {
    const first = generateAccounts(divisions, 500, 1);
    const second = generateAccounts(divisions, 500, 2, { firstId: 900000, others: first });
    const brands = new Set(first.customers.map((c) => c.brand));
    expect(second.customers.some((c) => brands.has(c.brand))).toBe(false);
    const ids = new Set(first.records.map((r) => `${r.division.key}|${r.input.externalId}`));
    expect(second.records.some((r) => ids.has(`${r.division.key}|${r.input.externalId}`))).toBe(false);
  });

  it('writes touchpoints of the given accounts within the limits ingest takes', () => {
    const set = generateAccounts(divisions, 200, 3);
    const accounts = new Set(set.records.map((r) => `${r.division.key}|${r.input.externalId}`));
    for (const { division, input } of generateTouchpoints(set.records, generateContacts(set, 4).byAccount, 500, 4, 'T-')) {
      expect(accounts.has(`${division.key}|${input.accountExternalId}`)).toBe(true);
      expect(input.summary.length).toBeGreaterThanOrEqual(60);
      expect(input.summary.length).toBeLessThanOrEqual(300);
      expect(input.colleagueEmails.length).toBeGreaterThanOrEqual(1);
      expect(input.colleagueEmails.every((e) => division.colleagues.some((c) => c.email === e))).toBe(true);
      expect(Number.isNaN(Date.parse(input.occurredAt))).toBe(false);
    }
  });

  it('gives every account record 2 to 6 of its customer\'s people, some of them known to the other divisions of the customer', () => {
    const set = generateAccounts(divisions, 1000, 9);
    const people = generateContacts(set, 10);
    const ids = people.contacts.map((c) => `${c.division.key}|${c.input.externalId}`);
    expect(new Set(ids).size).toBe(ids.length);
    const accountKeys = new Map(set.records.map((r) => [`${r.division.key}|${r.input.externalId}`, r]));
    for (const { division, input } of people.contacts) {
      const account = accountKeys.get(`${division.key}|${input.accountExternalId}`)!;
      expect(account).toBeDefined();
      expect(input.emails).toHaveLength(1);
      expect(input.emails[0].endsWith(`@${account.customer.domain}`)).toBe(true);
      expect(input.name).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)+$|^[A-Z][a-z]+( [A-Z][a-z]+)*, [A-Z][a-z]+$/);
    }
    for (const record of set.records) {
      const contacts = people.byAccount.get(record)!;
      expect(contacts.length).toBeGreaterThanOrEqual(2);
      expect(contacts.length).toBeLessThanOrEqual(6);
      expect(new Set(contacts.map((c) => c.emails[0])).size).toBe(contacts.length);
    }
    // Some people are known to two or three divisions (one person, several contact records); most to one.
    const emails = people.contacts.map((c) => c.input.emails[0]);
    expect(people.people).toBe(new Set(emails).size);
    expect(people.people / emails.length).toBeGreaterThan(0.65);
    expect(people.people / emails.length).toBeLessThan(0.9);
  });

  it('names 0 to 2 of the account record\'s people per touchpoint, most by email, some by contact id', () => {
    const set = generateAccounts(divisions, 300, 11);
    const people = generateContacts(set, 12);
    const contactsOf = new Map(set.records.map((r) => [`${r.division.key}|${r.input.externalId}`, people.byAccount.get(r)!]));
    const touchpoints = generateTouchpoints(set.records, people.byAccount, 5000, 13, 'T-');
    let naming = 0;
    let byId = 0;
    for (const { division, input } of touchpoints) {
      const contacts = contactsOf.get(`${division.key}|${input.accountExternalId}`)!;
      const emails = input.participantEmails ?? [];
      const externalIds = input.participantExternalIds ?? [];
      expect(emails.length + externalIds.length).toBeLessThanOrEqual(2);
      expect(emails.length === 0 || externalIds.length === 0).toBe(true);
      // Every participant named is a contact of that account record.
      for (const email of emails) expect(contacts.some((c) => c.emails.includes(email))).toBe(true);
      for (const id of externalIds) expect(contacts.some((c) => c.externalId === id)).toBe(true);
      expect(new Set([...emails, ...externalIds]).size).toBe(emails.length + externalIds.length);
      if (emails.length + externalIds.length > 0) naming++;
      if (externalIds.length > 0) byId++;
    }
    expect(naming / touchpoints.length).toBeGreaterThan(0.55);
    expect(naming / touchpoints.length).toBeLessThan(0.65);
    expect(byId / naming).toBeGreaterThan(0.2);
    expect(byId / naming).toBeLessThan(0.3);
  });

  it('batches per division, the divisions taking turns', () => {
    const set = generateAccounts(divisions, 250, 5);
    const batches = toBatches(set.records, 'accounts', 40);
    expect(batches.reduce((n, b) => n + batchItems(b), 0)).toBe(250);
    expect(batches.every((b) => batchItems(b) <= 40)).toBe(true);
    expect(batches.slice(0, 3).map((b) => b.division)).toEqual(divisions.map((d) => d.key));
  });

  it('quotes CSV cells that need it', () => {
    const set = generateAccounts(divisions, 10, 6);
    const [t] = generateTouchpoints(set.records, generateContacts(set, 6).byAccount, 1, 6, 'I-');
    const line = csvLine({ ...t.input, subject: 'Offer, "final"', participantEmails: ['a@b.example', 'c@d.example'], participantExternalIds: ['C1', 'C2'] }, new Random(1));
    expect(line).toContain('"Offer, ""final"""');
    expect(line).toContain('C1;C2,a@b.example;c@d.example');
    expect(line.split(',')[0]).toBe(t.input.externalId);
  });
});

describe('ingest bench measurements', () => {
  it('takes percentiles of batch latencies', () => {
    expect(latency([5, 1, 4, 2, 3])).toEqual({ p50: 3, p95: 5, max: 5, mean: 3 });
    expect(latency([])).toEqual({ p50: 0, p95: 0, max: 0, mean: 0 });
  });

  it('labels statements by their text, whitespace collapsed', () => {
    expect(statementLabel('SELECT  a\n   FROM t\nWHERE x = $1')).toBe('SELECT a FROM t WHERE x = $1');
    expect(statementLabel(`SELECT ${'x, '.repeat(60)}1`)).toHaveLength(110);
  });

  it('sums CPU profile self time by layer, builtins counting for their caller', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
    const breakdown = summariseProfile({
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 5] },
        { id: 2, callFrame: frame('coerce', 'file:///x/node_modules/graphql/execution/values.js'), children: [4] },
        { id: 3, callFrame: frame('(idle)') },
        { id: 4, callFrame: frame('parse') },
        { id: 5, callFrame: frame('planBatch', 'file:///repo/server/src/ingest/batch-plan.ts') },
      ],
      samples: [2, 3, 3, 4, 5, 2],
      timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 6000,
    });
    const layer = (name: string) => breakdown.layers.find((l) => l.layer.startsWith(name))?.ms;
    expect(layer('idle')).toBe(2);
    expect(layer('GraphQL (graphql-js')).toBe(1);
    expect(layer('JSON.parse')).toBe(1);
    expect(layer('ingest code')).toBe(1);
    expect(breakdown.totalMs).toBe(5);
  });
});
