import { ingestBatch } from '../ingest/ingest.service';
import { mergePeople } from '../matching/contact-linker';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { StakeholdersRepository } from './stakeholders.repository';

/**
 * A person's history at the customers, as contact ingest writes it and the
 * stakeholder's affiliations read it: a stint per time at an account, and
 * each division's titles in it (real PostgreSQL).
 */
describe('affiliation history (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};
  const accounts: Record<string, string> = {};
  let today: string;

  const ingest = (division: 'exhibits' | 'logistics', lists: Record<string, object[]>) => {
    const sourceSystem = division === 'exhibits' ? 'crm' : 'sap';
    const batch = { division, sourceSystem, ...lists } as unknown as IngestBatchInput;
    return db.transaction((tx) => ingestBatch(tx, divisions[division], sourceSystem, batch));
  };
  const personOf = async (externalId: string): Promise<string> =>
    (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE external_id = $1`, [externalId]))[0].id;
  /** The stakeholder's affiliations as the API gives them, with account names and division keys instead of ids. */
  const history = async (person: string) => {
    const names = new Map(Object.entries(accounts).map(([name, id]) => [id, name]));
    const keys = new Map(Object.entries(divisions).map(([key, id]) => [id, key]));
    const stints = (await new StakeholdersRepository(db).affiliations([person])).get(person) ?? [];
    const told = (titles: { id: string; title: string | null; divisionId: string | null; since: string }[] | undefined) =>
      (titles ?? []).map((t) => ({ title: t.title, division: t.divisionId && keys.get(t.divisionId), since: t.since }));
    return stints.map((s) => ({
      account: names.get(s.accountId), title: s.title, startedOn: s.startedOn, endedOn: s.endedOn, current: s.current,
      titles: told(s.titles), divisionTitles: told(s.divisionTitles),
    }));
  };

  beforeAll(async () => {
    divisions.exhibits = await addDivision(db, 'exhibits');
    divisions.logistics = await addDivision(db, 'logistics');
    const companies = [
      { externalId: 'ACME', name: 'Acme Traders', website: 'acme.example', phone: '+1 555 100 1001' },
      { externalId: 'INIT', name: 'Initech Group', website: 'initech.example', phone: '+1 555 100 2002' },
    ];
    const exhibits = await ingest('exhibits', { accounts: companies });
    const logistics = await ingest('logistics', { accounts: companies });
    // Both divisions' records of each company are one account.
    expect(logistics.items.map((i) => i.accountId)).toEqual(exhibits.items.map((i) => i.accountId));
    [accounts.Acme, accounts.Initech] = exhibits.items.map((i) => i.accountId!);
    [{ today }] = await db.query(`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`);
  });

  it('opens a new stint for a person who comes back to an account they left; the first stays ended with its title', async () => {
    const maya = (account: string, title: string) => ({ externalId: 'MV-1', accountExternalId: account, name: 'Maya Mover', title, emails: ['maya.mover@example.org'] });
    await ingest('exhibits', { contacts: [maya('ACME', 'Buyer')] });
    const person = await personOf('MV-1');
    await ingest('exhibits', { contacts: [maya('INIT', 'Head of Purchasing')] });
    // Time passes: she was at Acme from May 2023 until 40 days ago.
    await db.query(
      `UPDATE stakeholder_affiliation_stint t SET started_on = '2023-05-02', ended_on = current_date - 40 FROM stakeholder_affiliation f
        WHERE f.id = t.affiliation_id AND f.stakeholder_id = $1 AND f.account_id = $2`, [person, accounts.Acme]);
    await db.query(`UPDATE stakeholder_affiliation SET started_on = '2023-05-02', ended_on = current_date - 40 WHERE stakeholder_id = $1 AND account_id = $2`, [person, accounts.Acme]);
    const [{ left }] = await db.query(`SELECT to_char(current_date - 40, 'YYYY-MM-DD') AS left`);
    await ingest('exhibits', { contacts: [maya('ACME', 'Purchasing Director')] });

    const stints = await history(person);
    const exhibits = (title: string) => [{ title, division: 'exhibits', since: today }];
    expect(stints).toEqual([
      { account: 'Acme', title: 'Purchasing Director', startedOn: today, endedOn: null, current: true, titles: exhibits('Purchasing Director'), divisionTitles: exhibits('Purchasing Director') },
      { account: 'Initech', title: 'Head of Purchasing', startedOn: today, endedOn: today, current: false, titles: exhibits('Head of Purchasing'), divisionTitles: exhibits('Head of Purchasing') },
      { account: 'Acme', title: 'Buyer', startedOn: '2023-05-02', endedOn: left, current: false, titles: exhibits('Buyer'), divisionTitles: exhibits('Buyer') },
    ]);
    // One affiliation per person and account still (what the people pages read): current at Acme again.
    expect(await db.query(`SELECT account_id AS "accountId", ended_on IS NULL AS current FROM stakeholder_affiliation WHERE stakeholder_id = $1 ORDER BY 2 DESC`, [person]))
      .toEqual([{ accountId: accounts.Acme, current: true }, { accountId: accounts.Initech, current: false }]);
  });

  it('goes on with the stint of a person back the day they left (no gap), keeping the title they had meanwhile in its history', async () => {
    const bo = (account: string, title: string) => ({ externalId: 'BB-1', accountExternalId: account, name: 'Bo Bounce', title, emails: ['bo.bounce@example.org'] });
    await ingest('exhibits', { contacts: [bo('ACME', 'Planner')] });
    await ingest('exhibits', { contacts: [bo('INIT', 'Planner')] });
    await ingest('exhibits', { contacts: [bo('ACME', 'Senior Planner')] });
    const stints = await history(await personOf('BB-1'));
    expect(stints.map((s) => [s.account, s.startedOn, s.endedOn, s.title])).toEqual([['Acme', today, null, 'Senior Planner'], ['Initech', today, today, 'Planner']]);
    expect(stints[0].titles.map((t) => t.title)).toEqual(['Senior Planner', 'Planner']);
  });

  it('keeps the titles a division gave a person over one stint, newest first', async () => {
    const tom = (title: string) => ({ externalId: 'TT-1', accountExternalId: 'ACME', name: 'Tom Title', title, emails: ['tom.title@example.org'] });
    await ingest('exhibits', { contacts: [tom('Engineer')] });
    await ingest('exhibits', { contacts: [tom('Lead Engineer')] });
    await ingest('exhibits', { contacts: [tom('Lead Engineer')] });
    const [stint] = await history(await personOf('TT-1'));
    expect(stint.title).toBe('Lead Engineer');
    expect(stint.titles).toEqual([
      { title: 'Lead Engineer', division: 'exhibits', since: today },
      { title: 'Engineer', division: 'exhibits', since: today },
    ]);
    expect(stint.divisionTitles).toEqual([{ title: 'Lead Engineer', division: 'exhibits', since: today }]);
  });

  it("shows each division's title when two divisions disagree, and drops a division's once its record leaves", async () => {
    const dana = (externalId: string, account: string, title: string) =>
      ({ externalId, accountExternalId: account, name: 'Dana Double', title, emails: ['dana.double@example.org'] });
    await ingest('exhibits', { contacts: [dana('DD-X', 'ACME', 'CTO')] });
    await ingest('logistics', { contacts: [dana('DD-L', 'ACME', 'VP Engineering')] });
    const person = await personOf('DD-X');
    expect(await personOf('DD-L')).toBe(person);
    // Exhibits updates its record afterwards: the latest says CTO again, and Logistics still says VP Engineering.
    await ingest('exhibits', { contacts: [{ ...dana('DD-X', 'ACME', 'CTO'), phones: ['+1 555 100 9999'] }] });
    const [here] = await history(person);
    expect(here.divisionTitles).toEqual([
      { title: 'VP Engineering', division: 'logistics', since: today },
      { title: 'CTO', division: 'exhibits', since: today },
    ]);
    expect(here.title).toBe('VP Engineering');

    // Logistics' record moves to Initech: at Acme only Exhibits gives a title now (the change is kept in the history).
    await ingest('logistics', { contacts: [dana('DD-L', 'INIT', 'VP Engineering')] });
    const acme = (await history(person)).find((s) => s.account === 'Acme')!;
    expect(acme.current).toBe(true);
    expect(acme.divisionTitles).toEqual([{ title: 'CTO', division: 'exhibits', since: today }]);
    expect(acme.titles.map((t) => [t.division, t.title])).toEqual([['logistics', null], ['logistics', 'VP Engineering'], ['exhibits', 'CTO']]);
  });

  it('gives the person left after a merge of two people both histories: their stints and every title, one open stint per account', async () => {
    // Two records nothing links (other names, other emails): two people, until a person says they are one.
    await ingest('exhibits', { contacts: [{ externalId: 'PM-X', accountExternalId: 'INIT', name: 'Pia Merge', title: 'Analyst', emails: ['pia@example.org'] }] });
    await ingest('exhibits', { contacts: [{ externalId: 'PM-X', accountExternalId: 'ACME', name: 'Pia Merge', title: 'Controller', emails: ['pia@example.org'] }] });
    await ingest('logistics', { contacts: [{ externalId: 'PM-L', accountExternalId: 'ACME', name: 'Philippa Merger', title: 'Head of Finance', emails: ['p.merger@example.com'] }] });
    const [from, into] = [await personOf('PM-L'), await personOf('PM-X')];
    expect(from).not.toBe(into);
    await db.transaction((tx) => mergePeople(tx, [{ from, into }]));

    const stints = await history(into);
    expect(stints.map((s) => [s.account, s.current])).toEqual([['Acme', true], ['Initech', false]]);
    expect(stints[0].divisionTitles.map((t) => [t.division, t.title])).toEqual(expect.arrayContaining([['exhibits', 'Controller'], ['logistics', 'Head of Finance']]));
    expect(stints[0].divisionTitles).toHaveLength(2);
    expect(stints[1].titles.map((t) => t.title)).toEqual(['Analyst']);
    expect(await history(from)).toEqual([]);
  });
});
