import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `parent_moved_by`: who made the merge that last moved an account in its group (a child of the merged account now
 * under the survivor, or a survivor that took the merged account's place), a person's label or "matching"; null when
 * a person or matching placed it where it is. With parent_placed_at (when) and parent_reason ("moved with the merge of
 * … into …") it is what the account page tells (Account.parentDecision, decider MERGE) instead of the placement it had
 * before, which now named another parent. The merge keeps that placement (account_merge.moved.parent_note) for the
 * split undoing it. Merges made before kept none and changed no note: their accounts keep the note they have.
 */
export class AccountParentMovedByMerge1763905800000 implements MigrationInterface {
  name = 'AccountParentMovedByMerge1763905800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN parent_moved_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account DROP COLUMN parent_moved_by`);
  }
}
