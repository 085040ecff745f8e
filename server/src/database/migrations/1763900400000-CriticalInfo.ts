import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_CATALOGUE } from '../../critical-info/default-catalogue';

/**
 * Critical info: the catalogue of fields the divisions agreed they all need
 * (a small global reference table, seeded with the default catalogue), and
 * the values divisions assert per account. Assertions are never updated or
 * deleted: every one is history. The assertion table is account-scoped:
 * `account_id` first in its primary key and indexes, no triggers.
 */
export class CriticalInfo1763900400000 implements MigrationInterface {
  name = 'CriticalInfo1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE critical_info_field (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
        label text NOT NULL,
        why_critical text NOT NULL,
        how_it_helps text NOT NULL,
        type text NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'MONEY', 'DATE', 'BOOLEAN', 'ENUM', 'MULTI_ENUM', 'STAKEHOLDER_REF')),
        options text[] NOT NULL DEFAULT '{}',
        required_stages text[] NOT NULL DEFAULT '{}',
        staleness_days integer NOT NULL CHECK (staleness_days BETWEEN 1 AND 3650),
        division_ids uuid[] NOT NULL DEFAULT '{}',
        position integer NOT NULL,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT critical_info_field_key UNIQUE (key)
      )`);
    await q.query(`
      CREATE TABLE critical_info_assertion (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE RESTRICT,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        field_id uuid NOT NULL REFERENCES critical_info_field(id) ON DELETE RESTRICT,
        value jsonb NOT NULL,
        division_id uuid NOT NULL REFERENCES division(id) ON DELETE RESTRICT,
        colleague_id uuid REFERENCES colleague(id) ON DELETE SET NULL,
        asserted_by_email text,
        source_system text,
        source_account_record_id uuid REFERENCES source_account_record(id) ON DELETE SET NULL,
        source_touchpoint_id uuid,
        source_touchpoint_external_id text,
        note text,
        resolves_conflict boolean NOT NULL DEFAULT false,
        resolved_assertion_ids uuid[] NOT NULL DEFAULT '{}',
        asserted_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, id)
      )`);
    // An account's values per field, newest first: what every read asks.
    await q.query(`CREATE INDEX critical_info_assertion_field_idx ON critical_info_assertion (account_id, field_id, asserted_at DESC, id DESC)`);
    // Critical-info items of a batch can wait for their account like contacts and touchpoints.
    await q.query(`ALTER TABLE waiting_item DROP CONSTRAINT waiting_item_kind_check`);
    await q.query(`ALTER TABLE waiting_item ADD CONSTRAINT waiting_item_kind_check CHECK (kind IN ('CONTACT', 'TOUCHPOINT', 'OPPORTUNITY', 'CRITICAL_INFO'))`);
    await q.query(
      `INSERT INTO critical_info_field (key, label, why_critical, how_it_helps, type, options, required_stages, staleness_days, position)
       SELECT key, label, why_critical, how_it_helps, type, options, required_stages, staleness_days, position
         FROM json_to_recordset($1::json) AS x(key text, label text, why_critical text, how_it_helps text, type text, options text[],
              required_stages text[], staleness_days integer, position integer)`,
      [JSON.stringify(DEFAULT_CATALOGUE.map((f, i) => ({
        key: f.key, label: f.label, why_critical: f.whyCritical, how_it_helps: f.howItHelps, type: f.type, options: f.options ?? [],
        required_stages: f.requiredInStages, staleness_days: f.stalenessDays, position: (i + 1) * 10,
      })))],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM waiting_item WHERE kind = 'CRITICAL_INFO'`);
    await q.query(`ALTER TABLE waiting_item DROP CONSTRAINT waiting_item_kind_check`);
    await q.query(`ALTER TABLE waiting_item ADD CONSTRAINT waiting_item_kind_check CHECK (kind IN ('CONTACT', 'TOUCHPOINT', 'OPPORTUNITY'))`);
    await q.query(`DROP TABLE critical_info_assertion`);
    await q.query(`DROP TABLE critical_info_field`);
  }
}
