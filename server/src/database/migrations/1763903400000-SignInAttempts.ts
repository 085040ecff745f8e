import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted per email, known or not, and counted before the
 * password is checked. Counted on the colleague after the check, parallel
 * guesses were each checked (21 of 40 at once) and a lucky one unlocked the
 * account; and only known emails were ever locked, which told which exist.
 */
export class SignInAttempts1763903400000 implements MigrationInterface {
  name = 'SignInAttempts1763903400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_attempt (
        email text PRIMARY KEY,
        failures integer NOT NULL,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sign_in_attempt_updated_idx ON sign_in_attempt (updated_at)`);
    await q.query(`INSERT INTO sign_in_attempt (email, failures, locked_until)
                   SELECT email, failed_sign_ins, locked_until FROM colleague WHERE failed_sign_ins > 0 OR locked_until > now()`);
    await q.query(`ALTER TABLE colleague DROP COLUMN failed_sign_ins, DROP COLUMN locked_until`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE colleague ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`);
    await q.query(`UPDATE colleague c SET failed_sign_ins = s.failures, locked_until = s.locked_until FROM sign_in_attempt s WHERE s.email = c.email`);
    await q.query(`DROP TABLE sign_in_attempt`);
  }
}
