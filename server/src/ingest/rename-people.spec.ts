import { ingestBatch } from './ingest.service';
import { IngestBatchInput } from './ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * A person follows the record they are named after (contact-writer's renamePeople): a contact corrected to another
 * name renames its person. A reviewer read it as never renaming the person of a contact written "Name <email>" (it
 * compares the previous version's name); a spec shows it does for a person of one record. Here the person holds
 * several records: two divisions' records of one customer linked into one person, and two records of one system.
 */
describe('renamePeople: a person of several contact records (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};
  const SYSTEM = { exhibits: 'crm', logistics: 'sap' } as const;

  const ingest = async (division: 'exhibits' | 'logistics', lists: Record<string, object[]>) => {
    const batch = { division, sourceSystem: SYSTEM[division], ...lists } as unknown as IngestBatchInput;
    return db.transaction((tx) => ingestBatch(tx, divisions[division], SYSTEM[division], batch));
  };
  const people = async (externalIds: string[]) => db.query(
    `SELECT c.external_id AS "externalId", c.stakeholder_id AS person, st.name FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id
      WHERE c.external_id = ANY($1::text[]) ORDER BY c.external_id`, [externalIds]);

  beforeAll(async () => {
    divisions.exhibits = await addDivision(db, 'exhibits');
    divisions.logistics = await addDivision(db, 'logistics');
    const company = { externalId: 'X', name: 'Xylo Industries', website: 'x.com', phone: '+1 555 100 1001' };
    const exhibits = await ingest('exhibits', { accounts: [company] });
    const logistics = await ingest('logistics', { accounts: [company] });
    expect(logistics.items[0].accountId).toBe(exhibits.items[0].accountId);
  });

  it.each([
    // Other people each (people of one customer and one name are one person, whatever their emails).
    ['the "Name <email>" record first', 'BS', ['exhibits', 'logistics'] as const, ['Bob Smith', 'Robert Smith']],
    ['the "Name <email>" record second', 'TB', ['logistics', 'exhibits'] as const, ['Tom Baker', 'Thomas Baker']],
  ])('two divisions\' records of one person, %s: the one written "Name <email>" corrected renames the person', async (_, id, order, [was, now]) => {
    const email = `${id.toLowerCase()}@x.com`;
    const written = { exhibits: { externalId: `${id}-1`, accountExternalId: 'X', name: `${was} <${email}>` },
      logistics: { externalId: `${id}-2`, accountExternalId: 'X', name: was, emails: [email] } };
    for (const division of order) expect((await ingest(division, { contacts: [written[division]] })).items[0].status).toBe('CREATED');
    const before = await people([`${id}-1`, `${id}-2`]);
    expect(before.map((p: { name: string }) => p.name)).toEqual([was, was]);
    expect(before[0].person).toBe(before[1].person);

    const corrected = await ingest('exhibits', { contacts: [{ ...written.exhibits, name: `${now} <${email}>` }] });
    expect(corrected.items[0].status).toBe('UPDATED');
    expect(await people([`${id}-1`, `${id}-2`])).toEqual([
      { externalId: `${id}-1`, person: before[0].person, name: now }, { externalId: `${id}-2`, person: before[0].person, name: now },
    ]);
  });

  it('two records of one system, both written "Name <email>", one corrected: the person is renamed', async () => {
    const first = { externalId: 'BU-1', accountExternalId: 'X', name: 'Jim Hill <bu@x.com>' };
    const second = { externalId: 'BU-2', accountExternalId: 'X', name: 'Jim Hill <bu@x.com>', title: 'Buyer' };
    await ingest('exhibits', { contacts: [first, second] });
    const before = await people(['BU-1', 'BU-2']);
    expect(before[0].person).toBe(before[1].person);
    expect((await ingest('exhibits', { contacts: [{ ...second, name: 'James Hill <bu@x.com>' }] })).items[0].status).toBe('UPDATED');
    expect((await people(['BU-1', 'BU-2'])).map((p: { name: string }) => p.name)).toEqual(['James Hill', 'James Hill']);
  });

  it('a person named after the other division\'s record keeps that name when the "Name <email>" record is corrected', async () => {
    expect((await ingest('logistics', { contacts: [{ externalId: 'KW-2', accountExternalId: 'X', name: 'Katherine Wu', emails: ['kw@x.com'] }] })).items[0].status).toBe('CREATED');
    const written = { externalId: 'KW-1', accountExternalId: 'X', name: 'Kate Wu <kw@x.com>' };
    await ingest('exhibits', { contacts: [written] });
    const [before] = await people(['KW-1', 'KW-2']);
    expect(before.name).toBe('Katherine Wu');
    expect((await ingest('exhibits', { contacts: [{ ...written, name: 'Katie Wu <kw@x.com>' }] })).items[0].status).toBe('UPDATED');
    expect(await people(['KW-1', 'KW-2'])).toEqual([
      { externalId: 'KW-1', person: before.person, name: 'Katherine Wu' }, { externalId: 'KW-2', person: before.person, name: 'Katherine Wu' },
    ]);
  });
});
