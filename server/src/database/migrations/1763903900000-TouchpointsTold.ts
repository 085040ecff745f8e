import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Touchpoints of the last two weeks that landed after they happened: told under the rule before (a new touchpoint,
 * recent), marked told at the account they are at. Found per account through the timeline index, for those two weeks
 * only (OFFSET 0 keeps the planner from joining the whole table instead), and updated by their row address: the whole
 * table is not read while the column's lock is held (found in review: an UPDATE of the whole table). The addresses
 * hold, as that lock keeps every other writer out until the migration commits.
 */
export const TOLD_BEFORE = `
  UPDATE touchpoint t SET told_account_ids = ARRAY[t.account_id]
   WHERE t.ctid = ANY(ARRAY(
     SELECT recent.ctid FROM account a
      CROSS JOIN LATERAL (SELECT r.ctid FROM touchpoint r
                           WHERE r.account_id = a.id AND r.occurred_at >= now() - interval '14 days' AND r.occurred_at <= now()
                             AND r.created_at >= r.occurred_at
                          OFFSET 0) recent))`;

/**
 * A touchpoint remembers the accounts whose owners and watchers were told of
 * it (OTHER_DIVISION_TOUCH), so that a later version making it news at one
 * (redated into the recent past, filed under another account) tells them once
 * and never twice, even when it comes back to an account it was told to
 * before. Its default is a constant: adding it rewrites nothing. Touchpoints of
 * the last two weeks that landed after they happened were told under the rule
 * before (a new touchpoint, recent): they are marked so (TOLD_BEFORE); older
 * ones and plans were not, and may be news once.
 */
export class TouchpointsTold1763903900000 implements MigrationInterface {
  name = 'TouchpointsTold1763903900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE touchpoint ADD COLUMN told_account_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(TOLD_BEFORE);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE touchpoint DROP COLUMN told_account_ids`);
  }
}
