import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingestion and identity resolution: versioned source records of accounts and
 * contacts with their links (score, evidence, status), stakeholders and their
 * affiliations, touchpoints, opportunities, items waiting for their account,
 * rejected items, match reviews and the merge history.
 *
 * Account-scoped tables that grow large (touchpoint, opportunity) carry
 * `account_id` first in their primary key and indexes, ready to be distributed
 * by account. They have no triggers.
 */
export class Ingest1763900200000 implements MigrationInterface {
  name = 'Ingest1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await this.accounts(q);
    await this.contacts(q);
    await this.activity(q);
    await this.bookkeeping(q);
  }

  private async accounts(q: QueryRunner): Promise<void> {
    // A merged account stays as a tombstone pointing at its survivor, so old ids still resolve.
    await q.query(`ALTER TABLE account
      ADD COLUMN registry_id text,
      ADD COLUMN merged_into_id uuid REFERENCES account(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE source_account_record
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN content_hash text NOT NULL DEFAULT '',
      ADD COLUMN name_norm text COLLATE "C" NOT NULL DEFAULT '',
      ADD COLUMN domains text[] NOT NULL DEFAULT '{}',
      ADD COLUMN registry_id text,
      ADD COLUMN phone text,
      ADD COLUMN address_norm text,
      ADD COLUMN postal_code text,
      ADD COLUMN link_status text NOT NULL DEFAULT 'AUTO'
        CHECK (link_status IN ('AUTO', 'REVIEW', 'CONFIRMED', 'REJECTED')),
      ADD COLUMN link_score real,
      ADD COLUMN link_evidence jsonb,
      ADD COLUMN link_rule_version text,
      ADD COLUMN linked_at timestamptz`);
    // Blocking: every candidate search is an index probe on an exact key, never a scan (see matching/blocking-keys.ts).
    await q.query(`
      CREATE TABLE match_key (
        key text COLLATE "C" NOT NULL,
        record_id uuid NOT NULL,
        PRIMARY KEY (key, record_id)
      )`);
    await q.query(`CREATE INDEX match_key_record_idx ON match_key (record_id)`);
    await q.query(`
      CREATE TABLE source_record_version (
        record_id uuid NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACCOUNT', 'CONTACT', 'TOUCHPOINT', 'OPPORTUNITY')),
        raw jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (record_id, version)
      )`);
  }

  private async contacts(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stakeholder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE RESTRICT,
        name text NOT NULL,
        name_key text COLLATE "C" NOT NULL,
        title text,
        department text,
        emails text[] NOT NULL DEFAULT '{}',
        phones text[] NOT NULL DEFAULT '{}',
        birthday date,
        interests text[] NOT NULL DEFAULT '{}',
        reports_to_id uuid REFERENCES stakeholder(id) ON DELETE SET NULL,
        merged_into_id uuid REFERENCES stakeholder(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stakeholder_account_idx ON stakeholder (account_id, name_key, id)`);
    await q.query(`CREATE INDEX stakeholder_emails_idx ON stakeholder USING gin (emails)`);
    await q.query(`
      CREATE TABLE stakeholder_affiliation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stakeholder_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        title text,
        started_on date,
        ended_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stakeholder_affiliation_key UNIQUE (stakeholder_id, account_id)
      )`);
    await q.query(`CREATE INDEX stakeholder_affiliation_account_idx ON stakeholder_affiliation (account_id)`);
    await q.query(`
      CREATE TABLE source_contact_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        source_system text NOT NULL,
        external_id text NOT NULL,
        account_external_id text NOT NULL,
        account_id uuid REFERENCES account(id) ON DELETE SET NULL,
        stakeholder_id uuid REFERENCES stakeholder(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        content_hash text NOT NULL,
        raw jsonb NOT NULL,
        name text NOT NULL,
        name_key text COLLATE "C" NOT NULL,
        first_key text NOT NULL,
        last_key text NOT NULL,
        emails text[] NOT NULL DEFAULT '{}',
        phones text[] NOT NULL DEFAULT '{}',
        birthday date,
        city text,
        link_status text NOT NULL DEFAULT 'AUTO'
          CHECK (link_status IN ('AUTO', 'REVIEW', 'CONFIRMED', 'REJECTED')),
        link_score real,
        link_evidence jsonb,
        link_rule_version text,
        linked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT source_contact_record_natural_key UNIQUE (division_id, source_system, external_id)
      )`);
    await q.query(`CREATE INDEX source_contact_record_account_idx ON source_contact_record (account_id)`);
    await q.query(`CREATE INDEX source_contact_record_stakeholder_idx ON source_contact_record (stakeholder_id)`);
    // Participants named by email: the stakeholders with that email.
    await q.query(`CREATE INDEX source_contact_record_emails_idx ON source_contact_record USING gin (emails)`);
  }

  private async activity(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opportunity (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE RESTRICT,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        source_system text NOT NULL,
        external_id text NOT NULL,
        source_account_record_id uuid NOT NULL REFERENCES source_account_record(id) ON DELETE RESTRICT,
        name text NOT NULL,
        stage text NOT NULL,
        is_open boolean NOT NULL,
        amount numeric(18, 2),
        currency text,
        close_date date,
        owner_email text,
        owner_id uuid REFERENCES colleague(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        content_hash text NOT NULL,
        raw jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, id),
        CONSTRAINT opportunity_natural_key UNIQUE (division_id, source_system, external_id)
      )`);
    await q.query(`CREATE INDEX opportunity_source_record_idx ON opportunity (source_account_record_id)`);
    // The largest table (millions of rows) has no foreign keys: they cost a third of every insert (measured by
    // `npm run bench:ingest`), and its writer takes the account, division and source record ids from rows it just
    // read in the same transaction. Accounts are never deleted (a merge leaves a tombstone), so nothing dangles.
    await q.query(`
      CREATE TABLE touchpoint (
        account_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL,
        source_system text NOT NULL,
        external_id text NOT NULL,
        source_account_record_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('MEETING', 'CALL', 'EMAIL', 'PROPOSAL', 'ORDER', 'CASE', 'EVENT', 'NOTE')),
        occurred_at timestamptz NOT NULL,
        subject text,
        summary text,
        outcome text,
        confidential boolean NOT NULL DEFAULT false,
        opportunity_external_id text,
        opportunity_id uuid,
        colleague_emails text[] NOT NULL DEFAULT '{}',
        colleague_ids uuid[] NOT NULL DEFAULT '{}',
        participant_external_ids text[] NOT NULL DEFAULT '{}',
        participant_emails text[] NOT NULL DEFAULT '{}',
        stakeholder_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        content_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, id),
        CONSTRAINT touchpoint_natural_key UNIQUE (division_id, source_system, external_id)
      )`);
    // The timeline: newest first within an account, keyset on (occurred_at, id).
    await q.query(`CREATE INDEX touchpoint_timeline_idx ON touchpoint (account_id, occurred_at DESC, id DESC)`);
    // No index on source_account_record_id: only a split asks for it, within one account (the primary key's prefix),
    // and every index costs each of the millions of inserts.
  }

  private async bookkeeping(q: QueryRunner): Promise<void> {
    // Contacts, touchpoints and opportunities whose account has not arrived yet.
    await q.query(`
      CREATE TABLE waiting_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        source_system text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CONTACT', 'TOUCHPOINT', 'OPPORTUNITY')),
        external_id text NOT NULL,
        account_external_id text NOT NULL,
        raw jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT waiting_item_key UNIQUE (division_id, source_system, kind, external_id)
      )`);
    await q.query(`CREATE INDEX waiting_item_account_idx ON waiting_item (division_id, source_system, account_external_id)`);
    await q.query(`
      CREATE TABLE rejected_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        source_system text NOT NULL,
        kind text NOT NULL,
        external_id text,
        path text NOT NULL,
        reason text NOT NULL,
        raw jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        attempts integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX rejected_item_open_idx ON rejected_item (received_at DESC, id DESC) WHERE resolved_at IS NULL`);
    await q.query(`
      CREATE TABLE match_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('ACCOUNT', 'STAKEHOLDER')),
        record_id uuid NOT NULL,
        candidate_record_id uuid NOT NULL,
        score real NOT NULL,
        evidence jsonb NOT NULL,
        rule_version text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'SAME', 'DIFFERENT', 'OBSOLETE')),
        decided_by uuid REFERENCES colleague(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX match_review_pair_idx ON match_review (kind, record_id, candidate_record_id)`);
    await q.query(`CREATE INDEX match_review_open_idx ON match_review (created_at, id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX match_review_candidate_idx ON match_review (candidate_record_id)`);
    await q.query(`
      CREATE TABLE account_merge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survivor_id uuid NOT NULL REFERENCES account(id),
        merged_id uuid NOT NULL REFERENCES account(id),
        merged_state jsonb NOT NULL,
        moved jsonb NOT NULL,
        reason text,
        merged_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        undone_at timestamptz
      )`);
    await q.query(`CREATE INDEX account_merge_survivor_idx ON account_merge (survivor_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['account_merge', 'match_review', 'rejected_item', 'waiting_item', 'touchpoint', 'opportunity',
      'source_contact_record', 'stakeholder_affiliation', 'stakeholder', 'source_record_version', 'match_key']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE source_account_record DROP COLUMN version, DROP COLUMN content_hash, DROP COLUMN name_norm,
      DROP COLUMN domains, DROP COLUMN registry_id, DROP COLUMN phone, DROP COLUMN address_norm, DROP COLUMN postal_code,
      DROP COLUMN link_status, DROP COLUMN link_score, DROP COLUMN link_evidence, DROP COLUMN link_rule_version, DROP COLUMN linked_at`);
    await q.query(`ALTER TABLE account DROP COLUMN registry_id, DROP COLUMN merged_into_id`);
  }
}
