import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Watches and notices. Notices are rows written in the transaction that
 * caused them (ingest, a match review, the silence sweep), so none is lost
 * when the process dies before telling anyone; live delivery is only a
 * NOTIFY on top of them.
 */
export class Notices1763900300000 implements MigrationInterface {
  name = 'Notices1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_watch (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        colleague_id uuid NOT NULL REFERENCES colleague(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, id),
        CONSTRAINT account_watch_key UNIQUE (account_id, colleague_id)
      )`);
    await q.query(`CREATE INDEX account_watch_colleague_idx ON account_watch (colleague_id)`);
    // Owners are the colleagues a division's account record names (raw ownerEmail); looked up per account.
    await q.query(`CREATE INDEX source_account_record_owner_idx ON source_account_record (account_id, (lower(raw->>'ownerEmail')))`);
    await q.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        colleague_id uuid NOT NULL REFERENCES colleague(id) ON DELETE CASCADE,
        account_id uuid REFERENCES account(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('OTHER_DIVISION_TOUCH', 'ACCOUNT_SILENT', 'MATCH_REVIEW_WAITING', 'UPCOMING_COLLISION', 'CRITICAL_INFO_CONFLICT')),
        group_key text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        occurrences integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notice_group_key UNIQUE (colleague_id, group_key)
      )`);
    await q.query(`CREATE INDEX notice_inbox_idx ON notice (colleague_id, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notice_unread_idx ON notice (colleague_id, updated_at DESC, id DESC) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notice_account_idx ON notice (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notice`);
    await q.query(`DROP INDEX source_account_record_owner_idx`);
    await q.query(`DROP TABLE account_watch`);
  }
}
