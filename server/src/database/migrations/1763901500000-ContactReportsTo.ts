import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Reports to" arriving before the manager: a contact naming a manager (by the
 * source's own contact id) the hub has not received yet is linked when the
 * manager arrives. Finding the contacts that name a newly arrived manager is
 * one probe of this index per manager (only contacts that name one are in it).
 */
export class ContactReportsTo1763901500000 implements MigrationInterface {
  name = 'ContactReportsTo1763901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX source_contact_record_reports_to_idx ON source_contact_record (division_id, source_system, (raw->>'reportsToExternalId'))
        WHERE (raw->>'reportsToExternalId') IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX source_contact_record_reports_to_idx`);
  }
}
