import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who decided an account's parent, and when: set when a person sets or clears it (setAccountParent), so matching,
 * which hangs a new company of a group under the group's head, never moves it again. Null: matching placed it (or
 * nobody did). The children of an account, by name, are read through an index leading with the parent.
 */
export class AccountParentDecided1763904300000 implements MigrationInterface {
  name = 'AccountParentDecided1763904300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN parent_set_by text, ADD COLUMN parent_decided_at timestamptz`);
    await q.query(`CREATE INDEX account_parent_name_idx ON account (parent_id, name_key, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX account_parent_name_idx`);
    await q.query(`ALTER TABLE account DROP COLUMN parent_set_by, DROP COLUMN parent_decided_at`);
  }
}
