import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { groupHeadWord } from './group-heads';

describe('groupHeadWord', () => {
  it.each([
    ['Grumbleford Group plc', 'group'],
    ['Acme Holding AG', 'holding'],
    ['Acme Holdings Ltd', 'holdings'],
    ['Groupe Lavande SA', 'groupe'],
    ['Grupo Vasco S.A.', 'grupo'],
    ['Gruppo Ferretti S.p.A.', 'gruppo'],
    ['Müller Unternehmensgruppe GmbH', 'unternehmensgruppe'],
    ['Brenner-Konzern', 'konzern'],
  ])('%j is named as a group head (%s)', (name, word) => {
    expect(groupHeadWord(name)).toBe(word);
  });

  // A head word inside the name names a company of the group (found in review).
  it.each(['Grumbleford Services Ltd', 'Groupon Inc', 'Gruppen Logistik', 'Beholding Arts', 'BMW Group Financial Services', 'Acme Holdings Logistics Ltd',
    'Brenner Gruppe Service GmbH'])('%j is not', (name) => {
    expect(groupHeadWord(name)).toBeNull();
  });
});

/**
 * Two companies sharing a domain with different registry ids are one group: the newer hangs under the group's head.
 * Found by exploratory testing: which was the head depended only on arrival order, so the plc sent after its
 * subsidiary became the subsidiary's child.
 */
describe('the head of a group, whatever the order its companies arrive in (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;

  beforeAll(async () => {
    divisionId = await addDivision(db, 'sales');
  });

  const send = async (accounts: object[]) => (await db.transaction((tx) =>
    ingestBatch(tx, divisionId, 'crm', { division: 'sales', sourceSystem: 'crm', accounts } as unknown as IngestBatchInput))).items.map((i) => i.accountId!);
  // Each test its own group: the same names and registry ids in two tests would be one customer seen twice.
  const company = (key: string, name: string, registryId: string) => ({ externalId: `${key}-${registryId}`, name, website: `${key}.co.uk`, registryId: `${registryId}${key.slice(-2)}` });
  const parentOf = async (id: string): Promise<string | null> => (await db.query(`SELECT parent_id FROM account WHERE id = $1`, [id]))[0].parent_id;

  it('is the plc when it arrives after its subsidiary', async () => {
    const [services] = await send([company('grumbleford-zq', 'Grumbleford Services Ltd', 'GB222222222')]);
    const [plc] = await send([company('grumbleford-zq', 'Grumbleford Group plc', 'GB111111111')]);
    expect(plc).not.toBe(services);
    expect([await parentOf(plc), await parentOf(services)]).toEqual([null, plc]);
  });

  it('is the plc when it arrives first', async () => {
    const [plc] = await send([company('grumbleford-zr', 'Grumbleford Group plc', 'GB111111111')]);
    const [services] = await send([company('grumbleford-zr', 'Grumbleford Services Ltd', 'GB222222222')]);
    expect([await parentOf(plc), await parentOf(services)]).toEqual([null, plc]);
  });

  it('is the plc when both arrive in one batch, subsidiary first; a later company of the group hangs under the plc', async () => {
    const [services, plc] = await send([
      company('grumbleford-zs', 'Grumbleford Services Ltd', 'GB222222222'), company('grumbleford-zs', 'Grumbleford Group plc', 'GB111111111'),
    ]);
    expect([await parentOf(plc), await parentOf(services)]).toEqual([null, plc]);
    const [logistics] = await send([company('grumbleford-zs', 'Grumbleford Logistics Ltd', 'GB333333333')]);
    expect(await parentOf(logistics)).toBe(plc);
  });

  it('stays the one on top when both are named as heads: the newer hangs under it', async () => {
    const [holding] = await send([company('brackwater-zq', 'Brackwater Holding AG', 'DE111')]);
    const [group] = await send([company('brackwater-zq', 'Brackwater Gruppe GmbH', 'DE222')]);
    expect([await parentOf(holding), await parentOf(group)]).toEqual([null, holding]);
  });

  it('leaves a company on top whose place a person decided', async () => {
    const [services] = await send([company('grumbleford-zt', 'Grumbleford Services Ltd', 'GB222222222')]);
    await db.query(`UPDATE account SET parent_set_by = 'admin@ourco.example', parent_decided_at = now() WHERE id = $1`, [services]);
    const [plc] = await send([company('grumbleford-zt', 'Grumbleford Group plc', 'GB111111111')]);
    expect([await parentOf(services), await parentOf(plc)]).toEqual([null, services]);
  });

  // Issue 4: "Siemens Healthineers AG" (a VAT id) auto-linked into "Siemens AG" (HRB) on their name and siemens.com.
  it('keeps a company whose name adds a distinctive word apart from the group it shares a domain with: a child, not one account', async () => {
    const [ag] = await send([{ externalId: 'siemens-ag', name: 'Siemens AG', website: 'https://www.siemens.com', registryId: 'HRB 6684' }]);
    const [healthineers] = await send([{ externalId: 'siemens-healthineers', name: 'Siemens Healthineers AG', website: 'siemens.com', registryId: 'DE 813 169 429' }]);
    expect(healthineers).not.toBe(ag);
    expect([await parentOf(ag), await parentOf(healthineers)]).toEqual([null, ag]);
  });

  it('links the same records to the same accounts as before: only the parent changes', async () => {
    const [services, plc, again] = await send([
      company('grumbleford-zu', 'Grumbleford Services Ltd', 'GB222222222'), company('grumbleford-zu', 'Grumbleford Group plc', 'GB111111111'),
      { ...company('grumbleford-zu', 'Grumbleford Group PLC', 'GB111111111'), externalId: 'again' },
    ]);
    expect(new Set([services, plc]).size).toBe(2);
    expect(again).toBe(plc);
  });
});
