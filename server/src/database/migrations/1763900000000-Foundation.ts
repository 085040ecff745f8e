import { MigrationInterface, QueryRunner } from 'typeorm';

/** Divisions, colleagues, accounts and the divisions' source account records. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE TABLE division (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE colleague (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        role text NOT NULL DEFAULT 'REP' CHECK (role IN ('REP', 'MANAGER', 'ADMIN')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX colleague_email_idx ON colleague (email)`);
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        name_key text COLLATE "C" NOT NULL,
        domains text[] NOT NULL DEFAULT '{}',
        industry text,
        lifecycle_stage text NOT NULL DEFAULT 'PROSPECT'
          CHECK (lifecycle_stage IN ('PROSPECT', 'ONBOARDING', 'ACTIVE', 'RENEWAL', 'AT_RISK', 'CHURNED')),
        parent_id uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyset order of the unfiltered list and prefix search (C collation: LIKE 'x%' uses it).
    await q.query(`CREATE INDEX account_name_key_idx ON account (name_key, id)`);
    // Fuzzy and infix search.
    await q.query(`CREATE INDEX account_name_key_trgm_idx ON account USING gin (name_key gin_trgm_ops)`);
    await q.query(`CREATE INDEX account_domains_idx ON account USING gin (domains)`);
    await q.query(`
      CREATE TABLE source_account_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        source_system text NOT NULL,
        external_id text NOT NULL,
        account_id uuid REFERENCES account(id) ON DELETE SET NULL,
        name text NOT NULL,
        raw jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT source_account_record_natural_key UNIQUE (division_id, source_system, external_id)
      )`);
    await q.query(`CREATE INDEX source_account_record_account_idx ON source_account_record (account_id, division_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE source_account_record`);
    await q.query(`DROP TABLE account`);
    await q.query(`DROP TABLE colleague`);
    await q.query(`DROP TABLE division`);
  }
}
