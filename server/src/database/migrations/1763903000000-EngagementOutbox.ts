import { MigrationInterface, QueryRunner } from 'typeorm';
// Migrations depend on no code that may change after them: the rollups as migration EngagementRollups defined them.
import { countIntoRollups, createRollupTriggers, dropRollupTriggers } from './1763901100000-EngagementRollups';

/**
 * The engagement rollups kept through an outbox instead of triggers on
 * `touchpoint` (DESIGN, "Runtime and data": no triggers on account-scoped
 * tables). A touchpoint with a row here is pending: counted in no rollup yet;
 * the fold (EngagementFolder) counts it in and deletes the row, and readers
 * add an account's pending touchpoints to its rollups (see
 * server/src/engagement/rollups.ts for the rule every writer keeps). Keyed by
 * account first, as account-scoped tables are: readers and the fold take an
 * account's rows by the key's prefix, and a merge moves them with it.
 *
 * The triggers kept every stored touchpoint counted, so nothing is pending
 * when they go.
 */
export class EngagementOutbox1763903000000 implements MigrationInterface {
  name = 'EngagementOutbox1763903000000';

  async up(q: QueryRunner): Promise<void> {
    await dropRollupTriggers(q);
    // With what the rollups count of the touchpoint (as it is now: a writer changing it writes the row again), so neither
    // the fold nor a reader goes back to the touchpoint itself.
    await q.query(`CREATE TABLE touchpoint_outbox (
      account_id uuid NOT NULL,
      touchpoint_id uuid NOT NULL,
      division_id uuid NOT NULL,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      colleague_emails text[] NOT NULL,
      stakeholder_ids uuid[] NOT NULL,
      PRIMARY KEY (account_id, touchpoint_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Count what is pending into the rollups, then let the triggers keep them again.
    await countIntoRollups(q, 'touchpoint_outbox');
    await q.query(`DROP TABLE touchpoint_outbox`);
    await createRollupTriggers(q);
  }
}
