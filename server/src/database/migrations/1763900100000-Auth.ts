import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in (password hashes, lockout, sessions), integration tokens, and the append-only audit trail. */
export class Auth1763900100000 implements MigrationInterface {
  name = 'Auth1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE colleague
      ADD COLUMN password_hash text,
      ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0,
      ADD COLUMN locked_until timestamptz`);
    await q.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        colleague_id uuid NOT NULL REFERENCES colleague(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX session_token_hash_idx ON session (token_hash)`);
    await q.query(`
      CREATE TABLE integration_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        name text NOT NULL,
        token_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX integration_token_hash_idx ON integration_token (token_hash)`);
    await q.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_kind text NOT NULL,
        actor_id text,
        actor_label text NOT NULL,
        action text NOT NULL,
        outcome text NOT NULL DEFAULT 'SUCCESS',
        target_type text,
        target_id text,
        before jsonb,
        after jsonb,
        ip text
      )`);
    await q.query(`CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC)`);
    // Append-only, even for the app's own role (the table owner, whom REVOKE would not bind).
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE integration_token`);
    await q.query(`DROP TABLE session`);
    await q.query(`ALTER TABLE colleague DROP COLUMN password_hash, DROP COLUMN failed_sign_ins, DROP COLUMN locked_until`);
  }
}
