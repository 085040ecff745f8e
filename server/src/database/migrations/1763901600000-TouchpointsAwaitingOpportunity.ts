import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Touchpoints that named an opportunity the hub had not received yet: when
 * the opportunity arrives they are linked to it, found through this index
 * (one probe per opportunity arrived). Only such touchpoints are in it, so
 * touchpoints whose opportunity is known, or that name none, cost it nothing.
 */
export class TouchpointsAwaitingOpportunity1763901600000 implements MigrationInterface {
  name = 'TouchpointsAwaitingOpportunity1763901600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX touchpoint_awaiting_opportunity_idx ON touchpoint (division_id, source_system, opportunity_external_id)
        WHERE opportunity_external_id IS NOT NULL AND opportunity_id IS NULL`,
    );
    // Those that arrived before this migration and whose opportunity has arrived since.
    await q.query(
      `UPDATE touchpoint t SET opportunity_id = o.id FROM opportunity o
        WHERE t.opportunity_external_id IS NOT NULL AND t.opportunity_id IS NULL
          AND o.division_id = t.division_id AND o.source_system = t.source_system AND o.external_id = t.opportunity_external_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_awaiting_opportunity_idx`);
  }
}
