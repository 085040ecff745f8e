import { addAccounts, addDivision, useTestDatabase } from '../testing/database';
import { explaining, scansOf } from '../testing/plans';
import { mergePeople } from './contact-linker';

/**
 * Merging two people renames the merged one in every touchpoint that names
 * them, whatever its account (a contact id names its person wherever the
 * touchpoint is): through touchpoint_stakeholders_idx, never a read of every
 * touchpoint.
 */

describe('merging people renames them in touchpoints (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;
  const ACCOUNTS = 200;
  const PER_ACCOUNT = 100;
  let accounts: string[];

  // ACCOUNTS accounts of PER_ACCOUNT touchpoints each, each naming one of the account's 20 people.
  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    accounts = await addAccounts(db, ACCOUNTS);
    await db.query(
      `INSERT INTO stakeholder (account_id, name, name_key) SELECT a.id, 'P ' || a.n || ' ' || g, 'p ' || a.n || ' ' || g
         FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n), generate_series(1, 20) g`,
      [accounts]);
    await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, account_id, name, raw, content_hash, name_norm)
       SELECT $1, 'crm', 'A-' || a.n, a.id, 'Account ' || a.n, '{}', '', 'account ' || a.n FROM unnest($2::uuid[]) WITH ORDINALITY AS a(id, n)`,
      [divisionId, accounts]);
    await db.query(
      `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, content_hash, stakeholder_ids)
       SELECT r.account_id, $1, 'crm', 'T-' || r.external_id || '-' || g, r.id, 'CALL', now(), '',
              ARRAY[(SELECT s.id FROM stakeholder s WHERE s.account_id = r.account_id AND s.name = 'P ' || substr(r.external_id, 3) || ' ' || (g % 20 + 1))]
         FROM source_account_record r, generate_series(1, ${PER_ACCOUNT}) g`,
      [divisionId]);
    await db.query('ANALYZE');
  });

  it('renames the merged person in a touchpoint of an account neither person was at, through touchpoint_stakeholders_idx', async () => {
    const [from] = await db.query(`SELECT id FROM stakeholder WHERE name = 'P 8 1'`);
    const [into] = await db.query(`SELECT id FROM stakeholder WHERE name = 'P 9 1'`);
    // A meeting at account 51 named the person of account 8 (by a contact id of its system).
    await db.query(`UPDATE touchpoint SET stakeholder_ids = stakeholder_ids || $1::uuid WHERE external_id = 'T-A-51-20'`, [from.id]);
    const planned: string[] = [];
    await db.transaction(async (tx) => {
      const watched = explaining(tx, ({ sql, plan }) => {
        planned.push(sql);
        const scans = scansOf(plan).filter((s) => s.relation === 'touchpoint' || s.index?.startsWith('touchpoint'));
        expect(scans.filter((s) => s.type === 'Seq Scan')).toEqual([]);
        expect(scans.map((s) => s.index)).toContain('touchpoint_stakeholders_idx');
      }, /^\s*SELECT account_id AS "accountId", id FROM touchpoint WHERE stakeholder_ids/);
      await mergePeople(watched, [{ from: from.id, into: into.id }]);
    });
    expect(planned).toHaveLength(1);
    const named = await db.query(`SELECT external_id AS "externalId", stakeholder_ids AS ids FROM touchpoint WHERE stakeholder_ids && $1::uuid[] ORDER BY external_id`, [[from.id, into.id]]);
    expect(named.filter((t: { ids: string[] }) => t.ids.includes(from.id))).toEqual([]);
    expect(named.find((t: { externalId: string }) => t.externalId === 'T-A-51-20')).toEqual({ externalId: 'T-A-51-20', ids: [expect.any(String), into.id] });
    expect(named).toHaveLength(2 * PER_ACCOUNT / 20 + 1);
  });
});
