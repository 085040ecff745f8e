import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps a person's history at an account instead of one row that was
 * overwritten: stakeholder_affiliation stays one row per person and account
 * (what the people pages, critical info and notices ask: is or was the person
 * there; its ended_on and home keep their partial indexes), and now has
 *  - stints (stakeholder_affiliation_stint): each time the person was there,
 *    from a start to an end. A person who comes back after leaving opens a new
 *    stint; the one before stays ended with its dates (it was reopened, and
 *    the first stint's title and the gap between the two were lost). At most
 *    one stint of an affiliation is open (a partial unique index).
 *  - titles (stakeholder_affiliation_title): what each division said the
 *    person's title was in a stint, and since when, one row per change (the
 *    latest record's title overwrote the others, and two divisions giving
 *    two titles showed whichever wrote last). A null title: the division no
 *    longer gives one there. `source_contact_record_id`: the record that said
 *    it, so the split undoing a merge takes back exactly the titles the
 *    merged side's records brought. `created_at` is the clock time the row
 *    was written (not the transaction's), which orders a division's titles
 *    even when two are written in one transaction.
 * Existing rows: one stint per affiliation with its dates; for open ones each
 * division's title as its latest record there gives it (when it gives one),
 * for the others the affiliation's title with no division (who said it was
 * not kept before).
 */
export class AffiliationStints1763904500000 implements MigrationInterface {
  name = 'AffiliationStints1763904500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stakeholder_affiliation_stint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        affiliation_id uuid NOT NULL REFERENCES stakeholder_affiliation(id) ON DELETE CASCADE,
        started_on date NOT NULL,
        ended_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stakeholder_affiliation_stint_affiliation_idx ON stakeholder_affiliation_stint (affiliation_id)`);
    await q.query(`CREATE UNIQUE INDEX stakeholder_affiliation_stint_open_key ON stakeholder_affiliation_stint (affiliation_id) WHERE ended_on IS NULL`);
    await q.query(`
      CREATE TABLE stakeholder_affiliation_title (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stint_id uuid NOT NULL REFERENCES stakeholder_affiliation_stint(id) ON DELETE CASCADE,
        division_id uuid REFERENCES division(id) ON DELETE RESTRICT,
        source_contact_record_id uuid REFERENCES source_contact_record(id) ON DELETE SET NULL,
        title text,
        since timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX stakeholder_affiliation_title_stint_idx ON stakeholder_affiliation_title (stint_id, created_at)`);
    await q.query(
      `INSERT INTO stakeholder_affiliation_stint (affiliation_id, started_on, ended_on, created_at)
       SELECT id, coalesce(started_on, created_at::date), ended_on, created_at FROM stakeholder_affiliation`);
    await q.query(
      `INSERT INTO stakeholder_affiliation_title (stint_id, division_id, source_contact_record_id, title, since)
       SELECT DISTINCT ON (t.id, s.division_id) t.id, s.division_id, s.id, s.raw->>'title', s.updated_at
         FROM stakeholder_affiliation_stint t
         JOIN stakeholder_affiliation f ON f.id = t.affiliation_id
         JOIN source_contact_record s ON s.stakeholder_id = f.stakeholder_id AND s.account_id = f.account_id
        WHERE t.ended_on IS NULL
        ORDER BY t.id, s.division_id, s.updated_at DESC, s.id DESC`);
    // A division whose latest record gives no title said none: no row (as the application writes them).
    await q.query(`DELETE FROM stakeholder_affiliation_title WHERE title IS NULL`);
    await q.query(
      `INSERT INTO stakeholder_affiliation_title (stint_id, title, since)
       SELECT t.id, f.title, t.started_on::timestamptz
         FROM stakeholder_affiliation_stint t JOIN stakeholder_affiliation f ON f.id = t.affiliation_id
        WHERE f.title IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stakeholder_affiliation_title h WHERE h.stint_id = t.id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stakeholder_affiliation_title`);
    await q.query(`DROP TABLE stakeholder_affiliation_stint`);
  }
}
