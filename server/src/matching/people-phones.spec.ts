import { StakeholderPhonesWholeNumbers1763905500000 } from '../database/migrations/1763905500000-StakeholderPhonesWholeNumbers';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
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
    expect(contactFeatures({ name: 'X', phones }).phones).toEqual(kept);
  });

  it.each([
    [['020 7150 7551', '+44 20 7150 7551'], ['+442071507551']],
    [['030 123457', '+49 30 123457'], ['+4930123457']],
    [['030 1234567', '030-1234567'], ['030 1234567']],
  ])('one number written nationally and with its country code is one, the international writing kept (%j)', (phones, kept) => {
    expect(distinctPhones(phones.map((p) => contactFeatures({ name: 'X', phones: [p] }).phones[0]))).toEqual(kept);
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
});
