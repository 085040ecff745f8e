import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the hub received the version a contact record, touchpoint or
 * opportunity holds, if that is not when it landed: one that waited for its
 * account (waiting_item) lands when the account arrives but was received
 * when it was sent. NULL: it landed as it was received. Re-processing a
 * rejected copy compares the copy's received time with this
 * (rejectedItems.superseded): else an older copy that waited set a newer
 * rejected copy aside. Versions landed before stay NULL (dated when they
 * landed, as before). Nullable without default: no table is rewritten.
 */
export class VersionsReceivedWhenWaiting1763902900000 implements MigrationInterface {
  name = 'VersionsReceivedWhenWaiting1763902900000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['source_contact_record', 'touchpoint', 'opportunity']) await q.query(`ALTER TABLE ${table} ADD COLUMN received_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['source_contact_record', 'touchpoint', 'opportunity']) await q.query(`ALTER TABLE ${table} DROP COLUMN received_at`);
  }
}
