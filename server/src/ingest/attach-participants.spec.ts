import { addAccounts, addDivision, useTestDatabase } from '../testing/database';
import { explaining, scansOf } from '../testing/plans';
import { attachParticipants } from './contact-writer';

/**
 * Touchpoints that named people not known when they landed get them when the
 * contacts arrive: those of the contacts' accounts (by email, or by contact
 * id), and, by contact id, those of the division system's other accounts (a
 * contact id names one person of the system whatever account the contact is
 * filed under). One statement, through the two partial indexes of the
 * touchpoints still waiting for someone: never a read of every touchpoint.
 */

describe('attaching people to the touchpoints waiting for them (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;
  const sourceSystem = 'crm';
  const ACCOUNTS = 200;
  const PER_ACCOUNT = 100;
  let accounts: string[];

  // ACCOUNTS accounts of PER_ACCOUNT touchpoints each, one in ten naming a contact id that has not arrived.
  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    accounts = await addAccounts(db, ACCOUNTS);
    await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, account_id, name, raw, content_hash, name_norm)
       SELECT $1, $2, 'A-' || a.n, a.id, 'Account ' || a.n, '{}', '', 'account ' || a.n FROM unnest($3::uuid[]) WITH ORDINALITY AS a(id, n)`,
      [divisionId, sourceSystem, accounts]);
    await db.query(
      `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, content_hash, participant_external_ids)
       SELECT r.account_id, $1, $2, 'T-' || r.external_id || '-' || g, r.id, 'CALL', now(), '',
              CASE WHEN g % 10 = 0 THEN ARRAY['C-' || r.external_id || '-' || g] ELSE '{}' END
         FROM source_account_record r, generate_series(1, ${PER_ACCOUNT}) g WHERE r.division_id = $1`,
      [divisionId, sourceSystem]);
    // The people of the system, each filed under an account.
    await db.query(
      `WITH people AS (INSERT INTO stakeholder (account_id, name, name_key) SELECT a.id, 'P ' || a.n || ' ' || g, 'p ' || a.n || ' ' || g
                         FROM unnest($3::uuid[]) WITH ORDINALITY AS a(id, n), generate_series(1, 20) g RETURNING id, account_id, name)
       INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, stakeholder_id, content_hash, raw,
                                          name, name_key, first_key, last_key, emails)
       SELECT $1, $2, 'K-' || id, 'A', account_id, id, '', '{}', name, lower(name), 'p', 'p', ARRAY[id || '@people.example'] FROM people`,
      [divisionId, sourceSystem, accounts]);
    await db.query('ANALYZE');
  });

  it('gives a touchpoint of another account the person it named by contact id, in one scan of the indexes of waiting touchpoints', async () => {
    // The contact T-A-7-10 named arrives filed under account A-8.
    const [person] = await db.query(`INSERT INTO stakeholder (account_id, name, name_key) VALUES ($1, 'Moved Mona', 'moved mona') RETURNING id`, [accounts[7]]);
    await db.query(
      `INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, stakeholder_id, content_hash, raw, name, name_key, first_key, last_key)
       VALUES ($1, $2, 'C-A-7-10', 'A-8', $3, $4, '', '{}', 'Moved Mona', 'moved mona', 'mona', 'moved')`,
      [divisionId, sourceSystem, accounts[7], person.id]);
    const statements: string[] = [];
    await db.transaction(async (tx) => {
      const watched = explaining(tx, ({ sql, plan }) => {
        statements.push(sql);
        const scans = scansOf(plan);
        expect(scans.filter((s) => s.type === 'Seq Scan')).toEqual([]);
        expect(scans.map((s) => s.index)).toEqual(expect.arrayContaining(['touchpoint_awaiting_people_idx', 'touchpoint_awaiting_contacts_idx']));
      }, /^\s*SELECT r\.account_id/);
      await attachParticipants(watched, divisionId, sourceSystem, [accounts[7]], ['C-A-7-10']);
    });
    expect(statements).toHaveLength(1);
    const [touchpoint] = await db.query(`SELECT account_id, stakeholder_ids FROM touchpoint WHERE external_id = 'T-A-7-10'`);
    expect(touchpoint).toEqual({ account_id: accounts[6], stakeholder_ids: [person.id] });
  });
});
