import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput, IngestItemResult } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * False merges of people found by exploratory testing (issue 4, item 3), sent through ingest as divisions send them:
 * namesakes with phones and mailboxes of their own, and a short first name that fits two people of the account. A merge
 * of people cannot be split again: each is at most a review. What does fit one person still links.
 */
describe('people kept apart at ingest (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions = new Map<string, string>();

  beforeAll(async () => {
    for (const key of ['emea', 'americas', 'latam']) divisions.set(key, await addDivision(db, key));
  });

  const send = async (division: string, lists: Record<string, object[]>): Promise<IngestItemResult[]> => {
    const batch = { division, sourceSystem: 'crm', ...lists } as unknown as IngestBatchInput;
    return (await db.transaction((tx) => ingestBatch(tx, divisions.get(division)!, 'crm', batch))).items;
  };
  const contact = (items: IngestItemResult[], externalId: string) => items.find((i) => i.kind === 'CONTACT' && i.externalId === externalId)!;
  const personOf = async (externalId: string): Promise<string> =>
    (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE external_id = $1`, [externalId]))[0].id;
  /** The external ids of the records an open review of `externalId`'s record asks about. */
  const reviewedWith = async (externalId: string): Promise<string[]> => (await db.query(
    `SELECT c.external_id AS id FROM match_review r JOIN source_contact_record s ON s.id = r.record_id
       JOIN source_contact_record c ON c.id = r.candidate_record_id
      WHERE r.kind = 'STAKEHOLDER' AND r.status = 'OPEN' AND s.external_id = $1 ORDER BY 1`, [externalId])).map((r: { id: string }) => r.id);

  it('two Mark Joneses of one account, each with a mailbox and a phone of his own, are two people', async () => {
    const items = await send('emea', {
      accounts: [{ externalId: 'K', name: 'Lambda Gears Ltd', website: 'lambdagears.com' }],
      contacts: [
        { externalId: 'P1', accountExternalId: 'K', name: 'Mark Jones', emails: ['mark.jones@lambdagears.com'], phones: ['+1 415 555 0142'], city: 'San Francisco', title: 'CTO' },
        { externalId: 'P2', accountExternalId: 'K', name: 'Mark Jones', emails: ['mjones7@lambdagears.com'], phones: ['+44 20 7946 0871'], city: 'Leeds', title: 'Clerk' },
      ],
    });
    expect([contact(items, 'P1').status, contact(items, 'P2').status]).toEqual(['CREATED', 'CREATED']);
    expect(contact(items, 'P1').stakeholderId).not.toBe(contact(items, 'P2').stakeholderId);
  });

  it('three Maria Garcias sent by three divisions (Madrid, Miami, Mexico City) stay three people of the one customer', async () => {
    const account = { externalId: 'IB', name: 'Iberica Foods S.A.', website: 'iberica-foods.com' };
    const marias = [
      ['emea', { externalId: 'MG-MAD', accountExternalId: 'IB', name: 'Maria Garcia', emails: ['maria.garcia@iberica-foods.com'], phones: ['+34 912 345 678'], city: 'Madrid' }],
      ['americas', { externalId: 'MG-MIA', accountExternalId: 'IB', name: 'Maria Garcia', emails: ['mgarcia@iberica-foods.com'], phones: ['+1 305 555 0199'], city: 'Miami' }],
      ['latam', { externalId: 'MG-MEX', accountExternalId: 'IB', name: 'María García', emails: ['maria.garcia2@iberica-foods.com'], phones: ['+52 55 1234 5678'], city: 'Mexico City' }],
    ] as const;
    for (const [division, maria] of marias) await send(division, { accounts: [account], contacts: [maria] });
    const [accounts] = await db.query(`SELECT count(DISTINCT account_id)::int AS n FROM source_account_record WHERE external_id = 'IB'`);
    expect(accounts.n).toBe(1);
    const people = await Promise.all(marias.map(([, m]) => personOf(m.externalId)));
    expect(new Set(people).size).toBe(3);
  });

  describe('a short first name that fits two people of the account', () => {
    beforeAll(async () => {
      await send('emea', {
        accounts: [{ externalId: 'NB', name: 'Nordberg Instruments AB', website: 'nordberg.se' }],
        contacts: [
          { externalId: 'CB-1', accountExternalId: 'NB', name: 'Christopher Berg', title: 'Head of Sales' },
          { externalId: 'CB-2', accountExternalId: 'NB', name: 'Christine Berg', title: 'Controller' },
          { externalId: 'AB-1', accountExternalId: 'NB', name: 'Alexander Brown', title: 'CEO' },
          { externalId: 'AB-2', accountExternalId: 'NB', name: 'Alexandra Brown', title: 'Intern' },
          { externalId: 'RH-1', accountExternalId: 'NB', name: 'Robert Hill', title: 'Buyer' },
        ],
      });
    });

    it.each([['CB-3', 'Chris Berg', ['CB-1', 'CB-2']], ['AB-3', 'Alex Brown', ['AB-1', 'AB-2']]])(
      '%s "%s" joins neither: it is put to a person against both',
      async (externalId, name, both) => {
        const items = await send('americas', { accounts: [{ externalId: 'NB', name: 'Nordberg Instruments AB', website: 'nordberg.se' }], contacts: [{ externalId, accountExternalId: 'NB', name }] });
        const person = contact(items, externalId).stakeholderId;
        expect(person).not.toBeNull();
        for (const other of both) expect(await personOf(other)).not.toBe(person);
        expect(await reviewedWith(externalId)).toEqual(both);
      },
    );

    it('a nickname that fits one person of the account still joins him', async () => {
      const items = await send('latam', { accounts: [{ externalId: 'NB', name: 'Nordberg Instruments AB', website: 'nordberg.se' }], contacts: [{ externalId: 'RH-2', accountExternalId: 'NB', name: 'Bob Hill' }] });
      expect(contact(items, 'RH-2').stakeholderId).toBe(await personOf('RH-1'));
    });
  });
});
