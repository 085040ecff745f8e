import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunities by id alone: a touchpoint at one customer may name an opportunity at another (either
 * moved since), and its opportunity is looked up by id when it is not at the touchpoint's account.
 */
export class OpportunitiesById1763903600000 implements MigrationInterface {
  name = 'OpportunitiesById1763903600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX opportunity_id_idx ON opportunity (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX opportunity_id_idx`);
  }
}
