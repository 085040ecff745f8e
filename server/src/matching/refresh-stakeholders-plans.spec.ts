import { addDivision, useTestDatabase } from '../testing/database';
import { explaining, PlanNode, scansOf } from '../testing/plans';
import { refreshStakeholders } from './contact-linker';

/**
 * refreshStakeholders runs for every contact batch, with the batch's people
 * (up to thousands). Its statements reach the people's rows by index, one
 * probe per person: given `id = ANY(<the batch's ids>)`, the planner costed a
 * thousand index probes above reading the table and read the stakeholder,
 * contact record, affiliation and stint tables whole to hash-join them, a
 * cost that grew with the hub (about a third of a contact batch at 60,000
 * people). Real PostgreSQL, statistics up to date.
 */
describe('refreshStakeholders plans (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const PEOPLE = 5000;
  let people: string[];

  beforeAll(async () => {
    const division = await addDivision(db, 'exhibits');
    const [{ id: accountId }] = await db.query(`INSERT INTO account (name, name_key) VALUES ('Loaded', 'loaded') RETURNING id`);
    const series = `FROM generate_series(1, ${PEOPLE}) g`;
    // Other customers: the account table is not a page or two (read whole, that is the cheapest way).
    await db.query(`INSERT INTO account (name, name_key) SELECT 'Other ' || g, 'other ' || g ${series}`);
    await db.query(
      `INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, content_hash, raw, name, name_key,
                                          first_key, last_key, emails, phones)
       SELECT $1, 'crm', 'C-' || g, 'LOADED', $2, '', jsonb_build_object('title', 'Buyer ' || (g % 7), 'department', 'Purchasing'), 'P ' || g, 'p ' || g,
              'p', 'p' || g, ARRAY['p' || g || '@example.org'], ARRAY['+1 555 100 ' || lpad(g::text, 4, '0')] ${series}`,
      [division, accountId]);
    await db.query(
      `WITH person AS (INSERT INTO stakeholder (account_id, name, name_key) SELECT $1, 'P ' || g, 'p ' || g ${series} RETURNING id, name)
       UPDATE source_contact_record c SET stakeholder_id = person.id FROM person WHERE c.name = person.name`, [accountId]);
    people = (await db.query(`SELECT id FROM stakeholder ORDER BY name_key`)).map((r: { id: string }) => r.id);
    // Every person with an affiliation, a stint and a title, as contact ingest leaves them.
    await db.transaction((tx) => refreshStakeholders(tx, people));
    await db.query('ANALYZE');
  });

  it('probes the people, their records, affiliations and stints by index, whatever the batch size', async () => {
    const plans: { sql: string; plan: PlanNode }[] = [];
    const batch = people.slice(0, 1000);
    await db.transaction(async (tx) => {
      // A person's records changed: new titles to write (the statements' every step has rows to work on).
      await tx.query(`UPDATE source_contact_record SET raw = raw || '{"title": "Head of Purchasing"}', updated_at = now() + interval '1 second'
                       WHERE stakeholder_id = ANY($1::uuid[])`, [batch]);
      await refreshStakeholders(explaining(tx, (statement) => plans.push(statement)), batch);
    });
    expect(plans.length).toBeGreaterThanOrEqual(4);
    const read = ['stakeholder', 'source_contact_record', 'stakeholder_affiliation', 'stakeholder_affiliation_stint', 'stakeholder_affiliation_title', 'account'];
    const whole = plans.flatMap(({ sql, plan }) => scansOf(plan).filter((s) => s.type === 'Seq Scan' && read.includes(s.relation))
      .map((s) => `${s.relation}: ${sql.replace(/\s+/g, ' ').slice(0, 100)}`));
    expect(whole).toEqual([]);
    const titles: { title: string; n: number }[] = await db.query(
      `SELECT h.title, count(*)::int AS n FROM stakeholder_affiliation_title h JOIN stakeholder_affiliation_stint t ON t.id = h.stint_id
         JOIN stakeholder_affiliation f ON f.id = t.affiliation_id WHERE f.stakeholder_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`, [batch]);
    expect(titles.find((t) => t.title === 'Head of Purchasing')?.n).toBe(1000);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM stakeholder WHERE id = ANY($1::uuid[]) AND title = 'Head of Purchasing'`, [batch]);
    expect(n).toBe(1000);
  });
});
