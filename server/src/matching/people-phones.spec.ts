import { StakeholderPhonesWholeNumbers1763905500000 } from '../database/migrations/1763905500000-StakeholderPhonesWholeNumbers';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { refreshStakeholderPhones } from './contact-linker';
import { contactFeatures, distinctPhones } from './features';
import { phoneHolders } from './link-store';

/**
 * People's phones are compared as whole numbers (samePhoneNumber: "+1 212 555 0100" is not "+1 312 555 0100"), but
 * they were kept and counted by their last nine digits: of two numbers differing only before those, a person kept one,
 * and a number counted the holders of the other as its own, so it weighed less than it should (issue 4).
 */
describe('distinctPhones keeps one writing per number as comparison tells numbers apart', () => {
  it.each([
    [['+1 212 555 0100', '+1 312 555 0100'], ['+12125550100', '+13125550100']],
    [['+44 20 7150 7551', '+49 20 7150 7551'], ['+442071507551', '+492071507551']],
  ])('two numbers differing only before their last nine digits are two (%j)', (phones, kept) => {
    expect(contactFeatures({ name: 'X', phones }, new Date()).phones).toEqual(kept);
  });

  it.each([
    [['020 7150 7551', '+44 20 7150 7551'], ['+442071507551']],
    [['030 123457', '+49 30 123457'], ['+4930123457']],
    [['030 1234567', '030-1234567'], ['030 1234567']],
  ])('one number written nationally and with its country code is one, the international writing kept (%j)', (phones, kept) => {
    expect(distinctPhones(phones.map((p) => contactFeatures({ name: 'X', phones: [p] }, new Date()).phones[0]))).toEqual(kept);
  });
});

describe('phoneHolders counts the people holding a number as comparison reads it', () => {
  const holders = (people: Record<string, string[]>) =>
    phoneHolders(Object.entries(people).map(([person, phones]) => ({ person, phones })), (c) => c.person, (c) => c.phones);

  it('another number with the same last nine digits is held by someone else', () => {
    const count = holders({ ann: ['+12125550100'], bo: ['+13125550100'], cy: ['+12125550100'] });
    expect(count('+12125550100')).toBe(2);
    expect(count('+13125550100')).toBe(1);
  });

  it('a national writing is held with every international number it is', () => {
    const count = holders({ ann: ['+442071507551'], bo: ['020 7150 7551'], cy: ['+4930123457'], dee: ['030 123457'] });
    expect(count('+442071507551')).toBe(2);
    expect(count('020 7150 7551')).toBe(2);
    expect(count('+4930123457')).toBe(2);
    expect(count('+13125550100')).toBe(0);
  });
});

describe("a person's phones from several records (real PostgreSQL)", () => {
  const db = useTestDatabase();
  let divisionId: string;

  beforeAll(async () => {
    divisionId = await addDivision(db, 'sales');
  });

  const send = async (batch: object) => (await db.transaction((tx) =>
    ingestBatch(tx, divisionId, 'crm', { division: 'sales', sourceSystem: 'crm', ...batch } as unknown as IngestBatchInput))).items;

  it('keeps both numbers that differ only before their last nine digits, and one writing of one number', async () => {
    await send({ accounts: [{ externalId: 'A-1', name: 'Acme Tools Inc', website: 'acmetools.example' }] });
    const person = { accountExternalId: 'A-1', name: 'Ann Lee', emails: ['ann.lee@acmetools.example'] };
    await send({ contacts: [
      { ...person, externalId: 'C-1', phones: ['+1 212 555 0100', '+44 20 7150 7551'] },
      { ...person, externalId: 'C-2', phones: ['+1 312 555 0100', '020 7150 7551'] },
    ] });
    const rows: { phones: string[] }[] = await db.query(
      `SELECT DISTINCT st.phones FROM stakeholder st JOIN source_contact_record s ON s.stakeholder_id = st.id WHERE s.external_id IN ('C-1', 'C-2')`);
    expect(rows).toEqual([{ phones: ['+12125550100', '+13125550100', '+442071507551'] }]);
  });

  it('migration StakeholderPhonesWholeNumbers gives people stored before it both numbers, as refreshStakeholders now does', async () => {
    await send({ accounts: [{ externalId: 'A-2', name: 'Acme Toys Inc', website: 'acmetoys.example' }] });
    const person = { accountExternalId: 'A-2', name: 'Bo Chan', emails: ['bo.chan@acmetoys.example'] };
    await send({ contacts: [
      { ...person, externalId: 'C-3', phones: ['+1 212 555 0101', '030 123457'] },
      { ...person, externalId: 'C-4', phones: ['+1 312 555 0101', '+49 30 123457'] },
    ] });
    const phones = async () => (await db.query(
      `SELECT DISTINCT st.phones FROM stakeholder st JOIN source_contact_record s ON s.stakeholder_id = st.id WHERE s.external_id IN ('C-3', 'C-4')`));
    const now = await phones();
    expect(now).toEqual([{ phones: ['+12125550101', '+13125550101', '+4930123457'] }]);
    // As the rule before kept them: one number per last nine digits.
    await db.query(`UPDATE stakeholder st SET phones = '{030 123457,+12125550101,+4930123457}' FROM source_contact_record s WHERE s.external_id = 'C-3' AND st.id = s.stakeholder_id`);
    const runner = db.createQueryRunner();
    try {
      await new StakeholderPhonesWholeNumbers1763905500000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await phones()).toEqual(now);
  });

  /**
   * The SQL (refreshStakeholders, and its copy in the migration) and distinctPhones keep the same phones. Found in review:
   * the SQL kept one national writing per last nine digits before comparing them with the international numbers, so of
   * "0012345678" (the number +4912345678 is) and "9012345678" (another with the same last nine digits) it kept the first,
   * then dropped it, and lost the second, which distinctPhones keeps.
   */
  describe('keep the phones distinctPhones keeps', () => {
    const pool = ['+4912345678', '0012345678', '9012345678', '012345678', '+4930123457', '030 123457', '0030123457', '+12125550100',
      '+13125550100', '212 555 0100', '(312) 555-0100', '020 7150 7551', '+442071507551', '020-7150-7551', '+492071507551'];
    // A small deterministic choice of phone lists from the pool (a linear congruential generator).
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const lists: string[][] = [['+4912345678', '0012345678', '9012345678'], ['0012345678', '9012345678'], ['9012345678', '0012345678', '+4912345678', '012345678']];
    for (let i = 0; i < 40; i++) lists.push(Array.from({ length: 2 + next(4) }, () => pool[next(pool.length)]));

    let recordId: string;
    let stakeholderId: string;
    beforeAll(async () => {
      await send({ accounts: [{ externalId: 'A-9', name: 'Acme Tiles Inc', website: 'acmetiles.example' }] });
      const [item] = await send({ contacts: [{ accountExternalId: 'A-9', externalId: 'C-9', name: 'Cy Dunn', emails: ['cy.dunn@acmetiles.example'] }] });
      stakeholderId = item.stakeholderId!;
      [{ id: recordId }] = await db.query(`SELECT id FROM source_contact_record WHERE external_id = 'C-9'`);
    });
    const stored = async (): Promise<string[]> => (await db.query(`SELECT phones FROM stakeholder WHERE id = $1`, [stakeholderId]))[0].phones;
    const give = (phones: string[]) => db.query(`UPDATE source_contact_record SET phones = $2 WHERE id = $1`, [recordId, phones]);

    it.each(lists.map((l) => [l]))('refreshStakeholderPhones: %j', async (phones) => {
      await give(phones);
      await db.transaction((tx) => refreshStakeholderPhones(tx, [stakeholderId]));
      expect(await stored()).toEqual(distinctPhones(phones));
    });

    it.each(lists.filter((l) => new Set(l).size > 1).map((l) => [l]))('migration StakeholderPhonesWholeNumbers: %j', async (phones) => {
      await give(phones);
      await db.query(`UPDATE stakeholder SET phones = '{}' WHERE id = $1`, [stakeholderId]);
      const runner = db.createQueryRunner();
      try {
        await new StakeholderPhonesWholeNumbers1763905500000().up(runner);
      } finally {
        await runner.release();
      }
      expect(await stored()).toEqual(distinctPhones(phones));
    });
  });
});
