import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A record's likeness from its stored feature columns: a frozen copy of matching/blocking-keys.ts's
 * CONTACT_LIKENESS_SQL as it was when this migration was written, so that later edits of the rule do not change what
 * this migration writes on a fresh install (a change of the rule for stored rows is a migration of its own, or
 * `npm run rekey`).
 */
const LIKENESS_SQL = `nullif(concat_ws(' ', nullif(first_key, ''), nullif(last_key, ''),
  replace(to_char(birthday, 'YYYY-MM-DD'), '-', ' '), nullif(city, ''),
  (SELECT string_agg(nullif(regexp_replace(e, '@[^@]*$', ''), ''), ' ' ORDER BY o) FROM unnest(emails) WITH ORDINALITY AS m(e, o))), '')`;

/**
 * People whose records share no blocking key whole (no names, a mistyped
 * birthday and city: a fifth of the true pairs the keys missed in the splink
 * fake_1000 set) are found as nearest neighbours by trigram distance of their
 * likeness text within their account. The GiST index takes the account as
 * its first column (btree_gist) so the nearest-first scan stays in one
 * account, and orders by pg_trgm distance on the second.
 */
export class ContactLikeness1763901800000 implements MigrationInterface {
  name = 'ContactLikeness1763901800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`ALTER TABLE source_contact_record ADD COLUMN likeness text`);
    await q.query(`UPDATE source_contact_record SET likeness = ${LIKENESS_SQL}`);
    await q.query(`CREATE INDEX source_contact_record_likeness_idx ON source_contact_record USING gist (account_id, likeness gist_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX source_contact_record_likeness_idx`);
    await q.query(`ALTER TABLE source_contact_record DROP COLUMN likeness`);
  }
}
