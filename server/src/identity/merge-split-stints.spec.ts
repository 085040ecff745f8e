import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { IdentityService } from './identity.service';
import { Clock } from '../critical-info/clock';

/**
 * A person's stints at the accounts of nested merges (A <- B, then A <- C), and the splits that undo them: each
 * person's stints and titles are as before the merges. The same-day sequences are in test/api/merge-split.test.ts;
 * these are the ones where the person had left an account days before (stints are calendar days: `current_date`,
 * so the days before are written into the history, as affiliation-history.spec.ts does).
 */
describe('stints through nested merges and the splits undoing them (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const admin: Principal = { kind: 'admin-token' };
  const identity = () => new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
  const divisions: Record<string, string> = {};

  const send = (division: 'exhibits' | 'logistics', lists: Record<string, object[]>) => {
    const sourceSystem = division === 'exhibits' ? 'crm' : 'sap';
    return db.transaction((tx) => ingestBatch(tx, divisions[division], sourceSystem, { division, sourceSystem, ...lists } as unknown as IngestBatchInput));
  };

  beforeAll(async () => {
    divisions.exhibits = await addDivision(db, 'exhibits');
    divisions.logistics = await addDivision(db, 'logistics');
  });

  /** Three accounts nothing links (other names and websites), by letter, with their source records. */
  async function accounts(key: string, names: Record<'A' | 'B' | 'C', string>): Promise<{ ids: Record<string, string>; records: Record<string, string[]> }> {
    const landed = await send('exhibits', { accounts: Object.entries(names).map(([letter, name]) => ({
      externalId: `${key}-${letter}`, name, website: `${name.toLowerCase().replace(/\W+/g, '-')}.example` })) });
    const ids: Record<string, string> = {};
    const records: Record<string, string[]> = {};
    Object.keys(names).forEach((letter, i) => {
      ids[letter] = landed.items[i].accountId!;
      records[letter] = [landed.items[i].recordId!];
    });
    expect(new Set(Object.values(ids)).size).toBe(3);
    return { ids, records };
  }

  /** Every stint and title of these people, and their affiliations (ids and the times rows were written left out: equal rows compare equal). */
  async function history(people: string[]) {
    return {
      affiliations: await db.query(
        `SELECT stakeholder_id, account_id, title, started_on::text, ended_on::text, home FROM stakeholder_affiliation
          WHERE stakeholder_id = ANY($1::uuid[]) ORDER BY stakeholder_id, account_id`, [people]),
      stints: await db.query(
        `SELECT t.id, f.stakeholder_id, f.account_id, t.started_on::text, t.ended_on::text FROM stakeholder_affiliation_stint t
           JOIN stakeholder_affiliation f ON f.id = t.affiliation_id WHERE f.stakeholder_id = ANY($1::uuid[]) ORDER BY 2, 3, 4, 1`, [people]),
      titles: await db.query(
        `SELECT h.id, h.stint_id, h.division_id, h.title FROM stakeholder_affiliation_title h JOIN stakeholder_affiliation_stint t ON t.id = h.stint_id
           JOIN stakeholder_affiliation f ON f.id = t.affiliation_id WHERE f.stakeholder_id = ANY($1::uuid[]) ORDER BY h.id`, [people]),
    };
  }

  /** The person's (ended) stint and affiliation at `from` are written as ended `daysAgo` days ago, begun 400 days ago. */
  async function leftDaysAgo(person: string, from: string, daysAgo: number): Promise<void> {
    await db.query(
      `UPDATE stakeholder_affiliation_stint t SET started_on = current_date - 400, ended_on = current_date - $3::int FROM stakeholder_affiliation f
        WHERE f.id = t.affiliation_id AND f.stakeholder_id = $1 AND f.account_id = $2`, [person, from, daysAgo]);
    await db.query(`UPDATE stakeholder_affiliation SET started_on = current_date - 400, ended_on = current_date - $3::int WHERE stakeholder_id = $1 AND account_id = $2`,
      [person, from, daysAgo]);
  }

  const personOf = async (externalId: string): Promise<string> =>
    (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE external_id = $1`, [externalId]))[0].id;

  it.each([
    ['the inner merge undone first', ['B', 'C'], { A: 'Alderbrook Kilns', B: 'Brackenford Looms', C: 'Coldharbour Sails' }],
    ['the outer merge undone first', ['C', 'B'], { A: 'Quennell Tanneries', B: 'Wyvernhoe Dyeworks', C: 'Porthallow Ropery' }],
  ] as const)('gives back the stints of a person who had left the survivor days before, and whom both merged accounts bring back (%s)', async (_, undo, names) => {
    const key = undo.join('');
    const { ids, records } = await accounts(`Nx${key}`, names);
    const email = `rowan.${key.toLowerCase()}@rowan-consulting.example`;
    // Rowan was at A (Exhibits' record), moved to B ten days ago; Logistics knows Rowan at C.
    await send('exhibits', { contacts: [{ externalId: `${key}-rowan`, accountExternalId: `Nx${key}-A`, name: 'Rowan Hartigan', title: 'Buyer', emails: [email] }] });
    await send('exhibits', { contacts: [{ externalId: `${key}-rowan`, accountExternalId: `Nx${key}-B`, name: 'Rowan Hartigan', title: 'Head Buyer', emails: [email] }] });
    const rowan = await personOf(`${key}-rowan`);
    await leftDaysAgo(rowan, ids.A, 10);
    // Logistics' record of C (C's website: the same customer).
    await send('logistics', { accounts: [{ externalId: `Nx${key}-LC`, name: names.C, website: `${names.C.toLowerCase().replace(/\W+/g, '-')}.example` }] });
    await send('logistics', { contacts: [{ externalId: `${key}-lrowan`, accountExternalId: `Nx${key}-LC`, name: 'Rowan Hartigan', title: 'Purchaser', emails: [email] }] });
    const people = [...new Set([rowan, await personOf(`${key}-lrowan`)])];
    const before = await history(people);

    await identity().merge(admin, ids.A, ids.B, 'one customer');
    await identity().merge(admin, ids.A, ids.C, 'one customer');
    for (const letter of undo) {
      const here = new Set((await db.query(`SELECT id FROM source_account_record WHERE account_id = $1`, [ids.A])).map((r: { id: string }) => r.id));
      const outcome = await identity().split(admin, ids.A, [...records[letter], ...(await db.query(
        `SELECT id FROM source_account_record WHERE external_id = $1`, [`Nx${key}-L${letter}`])).map((r: { id: string }) => r.id)].filter((r) => here.has(r)));
      expect(outcome.restoredMerge).toBe(true);
    }
    expect(await history(people)).toEqual(before);
  });
});
