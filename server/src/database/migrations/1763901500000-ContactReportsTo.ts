import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Reports to" arriving before the manager: a contact naming a manager (by the
 * source's own contact id) the hub has not received yet is linked when the
 * manager arrives. Finding the contacts that name a newly arrived manager is
 * one probe of this index per manager (only contacts that name one are in it).
 * Contacts already stored whose manager came after them are linked here.
 */
export class ContactReportsTo1763901500000 implements MigrationInterface {
  name = 'ContactReportsTo1763901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX source_contact_record_reports_to_idx ON source_contact_record (division_id, source_system, (raw->>'reportsToExternalId'))
        WHERE (raw->>'reportsToExternalId') IS NOT NULL`,
    );
    // Contacts stored before, whose manager arrived after them: linked now.
    await q.query(
      `UPDATE stakeholder st SET reports_to_id = boss.stakeholder_id
         FROM source_contact_record c
         JOIN source_contact_record boss ON boss.division_id = c.division_id AND boss.source_system = c.source_system
          AND boss.external_id = c.raw->>'reportsToExternalId'
        WHERE st.id = c.stakeholder_id AND st.reports_to_id IS NULL AND boss.stakeholder_id IS NOT NULL AND boss.stakeholder_id <> st.id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX source_contact_record_reports_to_idx`);
  }
}
