import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A colleague's notices are listed newest first by when they were first raised (created_at), not by when they last
 * grew (updated_at): a notice that grew while the list was paged jumped above the cursor and was never listed. The
 * inbox indexes follow the order (building them reads the table once; no row is written).
 */
export class NoticesListedByCreation1763904760000 implements MigrationInterface {
  name = 'NoticesListedByCreation1763904760000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notice_listed_idx ON notice (colleague_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notice_listed_unread_idx ON notice (colleague_id, created_at DESC, id DESC) WHERE read_at IS NULL`);
    await q.query(`DROP INDEX notice_inbox_idx`);
    await q.query(`DROP INDEX notice_unread_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notice_inbox_idx ON notice (colleague_id, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notice_unread_idx ON notice (colleague_id, updated_at DESC, id DESC) WHERE read_at IS NULL`);
    await q.query(`DROP INDEX notice_listed_idx`);
    await q.query(`DROP INDEX notice_listed_unread_idx`);
  }
}
