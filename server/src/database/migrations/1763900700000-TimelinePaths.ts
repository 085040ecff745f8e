import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline filtered by one of the customer's people. Without an index the
 * filter walks the account's whole timeline: on an account of 60,000
 * touchpoints a rarely met person cost 0.3–0.4 s (large bench profile). A GIN
 * index on the people of each touchpoint finds that person's touchpoints
 * directly; the planner still prefers the timeline index where the person is
 * on many of the account's touchpoints (it knows from the column's element
 * statistics).
 */
export class TimelinePaths1763900700000 implements MigrationInterface {
  name = 'TimelinePaths1763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX touchpoint_stakeholders_idx ON touchpoint USING gin (stakeholder_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_stakeholders_idx`);
  }
}
