import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an account came under its parent, shown on the account page: `parent_placed_at`, when its parent was last set
 * (by matching or by a person), and `parent_reason`, why (the person's reason, or what matching said when it put a
 * group's head on top). Kept from now on; before, only a person's decision kept its time (parent_decided_at) and its
 * reason went to the audit trail only: those are copied here. Where matching placed an account before, the time stays
 * unknown (null) rather than guessed.
 */
export class AccountParentPlacement1763904800000 implements MigrationInterface {
  name = 'AccountParentPlacement1763904800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN parent_placed_at timestamptz, ADD COLUMN parent_reason text`);
    await q.query(`UPDATE account SET parent_placed_at = parent_decided_at WHERE parent_decided_at IS NOT NULL`);
    // The latest reason on the audit trail of each account's parent, a person's or matching's.
    await q.query(
      `UPDATE account a SET parent_reason = e.reason
         FROM (SELECT DISTINCT ON (target_id) target_id, after->>'reason' AS reason FROM audit_event
                WHERE action = 'SET_ACCOUNT_PARENT' AND outcome = 'SUCCESS' AND target_type = 'ACCOUNT'
                ORDER BY target_id, at DESC, id DESC) e
        WHERE e.target_id = a.id::text AND e.reason IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account DROP COLUMN parent_placed_at, DROP COLUMN parent_reason`);
  }
}
