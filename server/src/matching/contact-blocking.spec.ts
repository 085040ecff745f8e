import { ingestBatch } from '../ingest/ingest.service';
import { ContactRecordInput, IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { contactCandidates, NEAREST_PEOPLE_COUNT, NEAREST_PEOPLE_MAX_ACCOUNT } from './blocking';
import { CONTACT_LIKENESS_SQL } from './blocking-keys';

/**
 * People blocking on a real PostgreSQL: besides shared keys, each contact
 * record is compared with the people of its account most alike in name,
 * birthday, city and mailbox at once (trigram nearest neighbours), so two
 * records of one person that share no key whole still meet; strangers and
 * other accounts' people do not come with them.
 */
describe('contactCandidates (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;

  // Two records of one person as two systems hold them: no key in common (names, birthday, month, mailbox all differ).
  const OLIVER: ContactRecordInput = { externalId: 'C-oliver', accountExternalId: 'A-1', name: 'Oliver Atkinson', birthday: '2011-01-21', city: 'London' };
  const OIEVR: ContactRecordInput = {
    externalId: 'C-oievr', accountExternalId: 'A-1', name: 'Oievr', firstName: 'Oievr', birthday: '2009-12-21', city: 'Londn', emails: ['oliver.atkinson@moran-smith.example'],
  };
  const STRANGER: ContactRecordInput = { externalId: 'C-stranger', accountExternalId: 'A-1', name: 'Quentin Zhukovsky', birthday: '1950-03-03', city: 'Paris' };
  // The same person's name at another customer: no email or phone in common, so not a candidate there.
  const NAMESAKE: ContactRecordInput = { externalId: 'C-namesake', accountExternalId: 'A-2', name: 'Oliver Atkinson', birthday: '2011-01-21', city: 'London' };
  const FIRST = ['Amelia', 'Harry', 'Isla', 'Jack', 'Grace', 'Noah', 'Freya', 'Leo', 'Ivy', 'Oscar', 'Rosie', 'Arthur'];
  const LAST = ['Patel', 'Jones', 'Walsh', 'Nguyen', 'Moreau'];
  const colleagues = FIRST.flatMap((first, i) => LAST.map((last, j): ContactRecordInput => ({
    externalId: `C-${i}-${j}`, accountExternalId: 'A-1', name: `${first} ${last}`, birthday: `19${60 + i}-0${1 + j}-1${j}`, city: j % 2 ? 'Leeds' : 'York',
  })));

  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    const batch = {
      division: 'exhibits', sourceSystem: 'crm',
      accounts: [{ externalId: 'A-1', name: 'Moran Smith Ltd' }, { externalId: 'A-2', name: 'Globex Corporation' }],
      contacts: [OLIVER, STRANGER, NAMESAKE, ...colleagues, OIEVR,
        { externalId: 'C-mail', accountExternalId: 'A-2', name: 'Unknown', emails: ['a@x.example', 'b.c@y.example'], birthday: '1990-01-02' }],
    } as unknown as IngestBatchInput;
    await db.transaction((tx) => ingestBatch(tx, divisionId, 'crm', batch));
  });

  const idOf = async (externalId: string): Promise<string> =>
    (await db.query(`SELECT id FROM source_contact_record WHERE external_id = $1`, [externalId]))[0].id;

  it('finds a record of the same person that shares no blocking key, among the nearest of its account', async () => {
    const [oliver, oievr] = [await idOf('C-oliver'), await idOf('C-oievr')];
    const sharedKeys = await db.query(`SELECT key FROM match_key WHERE record_id = $1 INTERSECT SELECT key FROM match_key WHERE record_id = $2`, [oliver, oievr]);
    expect(sharedKeys).toEqual([]);
    expect((await contactCandidates(db, [oievr])).map((c) => c.id)).toContain(oliver);
    expect((await contactCandidates(db, [oliver])).map((c) => c.id)).toContain(oievr);
  });

  it('brings neither strangers nor the people of other accounts, and at most the nearest few', async () => {
    const [oievr, stranger, namesake] = [await idOf('C-oievr'), await idOf('C-stranger'), await idOf('C-namesake')];
    const found = (await contactCandidates(db, [oievr])).map((c) => c.id);
    expect(found).not.toContain(stranger);
    expect(found).not.toContain(namesake);
    // Oievr shares no key with the 60 colleagues: what comes is the nearest few, not the account.
    expect(found.length).toBeLessThanOrEqual(NEAREST_PEOPLE_COUNT);
  });

  it('leaves the people of an account with more than NEAREST_PEOPLE_MAX_ACCOUNT contact records to the keys (the scan costs in proportion to them)', async () => {
    const [acme] = await db.query(`SELECT account_id FROM source_contact_record WHERE external_id = 'C-oliver'`);
    const [oliver, oievr] = [await idOf('C-oliver'), await idOf('C-oievr')];
    // Fill Acme up to the limit with people unlike anyone here: Oievr still meets Oliver…
    const fill = (n: number, from: number) => db.query(
      `INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, content_hash, raw, name, name_key, first_key, last_key, likeness)
       SELECT $1, 'bulk', 'B-' || g, 'A-1', $2, '', '{}', 'x', 'x', '', '', 'zq' || g || ' vv' || g FROM generate_series($3::int, $4::int) g`,
      [divisionId, acme.account_id, from, from + n - 1]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM source_contact_record WHERE account_id = $1`, [acme.account_id]);
    await fill(NEAREST_PEOPLE_MAX_ACCOUNT - n, 1);
    expect((await contactCandidates(db, [oievr])).map((c) => c.id)).toContain(oliver);
    // …one more, and only shared keys find candidates (the two share none).
    await fill(1, NEAREST_PEOPLE_MAX_ACCOUNT);
    expect((await contactCandidates(db, [oievr])).map((c) => c.id)).not.toContain(oliver);
    await db.query(`DELETE FROM source_contact_record WHERE source_system = 'bulk'`);
  });

  it('takes the first holders of a crowded key in arrival order, the same on every run', async () => {
    // Thirty Smiths arrive in three batches; a Smyth shares only the surname's Soundex (capped at 15 holders) with them.
    const first = ['Abel', 'Bart', 'Cora', 'Dina', 'Elon', 'Fay', 'Gus', 'Hal', 'Ines', 'Jo'];
    const smiths = [0, 1, 2].flatMap((b) => first.map((f, i): ContactRecordInput => ({ externalId: `S-${b}-${i}`, accountExternalId: 'A-3', name: `${f} Smith`, city: `Town${b}${i}` })));
    const send = (contacts: ContactRecordInput[]) => db.transaction((tx) => ingestBatch(tx, divisionId, 'crm',
      { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'A-3', name: 'Initrode Works' }], contacts } as unknown as IngestBatchInput));
    for (let b = 0; b < 3; b++) await send(smiths.slice(b * 10, b * 10 + 10));
    // Out of the nearest-people scan: what comes is the key's holders alone.
    await db.query(`UPDATE source_contact_record SET likeness = NULL WHERE external_id LIKE 'S-%'`);
    await send([{ externalId: 'Z-1', accountExternalId: 'A-3', name: 'Quinn Smyth' }]);
    const found = (await contactCandidates(db, [await idOf('Z-1')])).map((c) => c.id);
    const earliest = await Promise.all(smiths.slice(0, 15).map((s) => idOf(s.externalId)));
    expect(new Set(found)).toEqual(new Set(earliest));
    await db.query(`UPDATE source_contact_record SET likeness = ${CONTACT_LIKENESS_SQL} WHERE external_id LIKE 'S-%'`);
  });

  it('stores the likeness text ingest computes, and the migration computes the same from the stored columns', async () => {
    const rows: { likeness: string | null; fromColumns: string | null }[] = await db.query(
      `SELECT likeness, ${CONTACT_LIKENESS_SQL} AS "fromColumns" FROM source_contact_record ORDER BY external_id`,
    );
    expect(rows).toHaveLength(65 + 31);
    for (const row of rows) expect(row.fromColumns).toBe(row.likeness);
    const [oievr] = await db.query(`SELECT likeness FROM source_contact_record WHERE external_id = 'C-oievr'`);
    expect(oievr.likeness).toBe('oievr 2009 12 21 londn oliver.atkinson');
    const [mail] = await db.query(`SELECT likeness FROM source_contact_record WHERE external_id = 'C-mail'`);
    expect(mail.likeness).toBe('1990 01 02 a b.c');
  });
});
