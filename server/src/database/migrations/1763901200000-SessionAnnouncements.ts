import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database announces every change a cached session could miss, whoever
 * writes it (the hub, an admin's SQL, a script): a session revoked, expired by
 * hand or deleted, and a colleague's role, division, email or name (what a
 * session says of them). Each instance's SessionCache (server/src/auth/
 * session-cache.ts) keeps sessions in memory only when both triggers exist,
 * and drops them all on the announcement (channel oc_sessions, delivered on
 * commit). Statement-level; sign-in's own colleague updates (failed_sign_ins,
 * locked_until) do not fire. The channel and trigger names are those of
 * server/src/auth/session-channel.ts.
 */
export class SessionAnnouncements1763901200000 implements MigrationInterface {
  name = 'SessionAnnouncements1763901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION oc_announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('oc_sessions', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER session_announce_change AFTER UPDATE OR DELETE OR TRUNCATE ON session
      FOR EACH STATEMENT EXECUTE FUNCTION oc_announce_session_change()`);
    await q.query(`CREATE TRIGGER colleague_announce_session_change AFTER UPDATE OF role, division_id, email, name OR DELETE OR TRUNCATE ON colleague
      FOR EACH STATEMENT EXECUTE FUNCTION oc_announce_session_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER colleague_announce_session_change ON colleague`);
    await q.query(`DROP TRIGGER session_announce_change ON session`);
    await q.query(`DROP FUNCTION oc_announce_session_change()`);
  }
}
