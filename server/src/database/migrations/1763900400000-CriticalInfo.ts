import { MigrationInterface, QueryRunner } from 'typeorm';

/** One field of the catalogue this migration seeds (a frozen copy: the application's catalogue may change later). */
interface CatalogueField {
  key: string;
  label: string;
  whyCritical: string;
  howItHelps: string;
  type: string;
  options?: string[];
  requiredInStages: string[];
  stalenessDays: number;
}

/**
 * The default catalogue as this migration seeds it: a copy of critical-info/default-catalogue.ts as it was when the
 * migration was written, kept here so that later edits of that list do not change what a fresh install is seeded
 * with (later changes go through the catalogue mutations or a migration of their own).
 */
const CATALOGUE: CatalogueField[] = [
  {
    key: 'decision_process',
    label: 'Decision process',
    whyCritical: 'Who signs, who must agree and in which order: without it we pitch to people who cannot say yes, and deals stall in a step nobody saw coming.',
    howItHelps: 'Every division works the same path to a decision instead of each rediscovering it, and proposals arrive at the right desk at the right time.',
    type: 'TEXT',
    requiredInStages: ['PROSPECT', 'RENEWAL', 'AT_RISK'],
    stalenessDays: 180,
  },
  {
    key: 'economic_buyer',
    label: 'Economic buyer',
    whyCritical: 'The one person who can release the money. Divisions that talk to different "buyers" send the customer mixed signals.',
    howItHelps: 'We agree on whom we court together and never go around the buyer through another division.',
    type: 'STAKEHOLDER_REF',
    requiredInStages: ['PROSPECT', 'RENEWAL', 'AT_RISK'],
    stalenessDays: 180,
  },
  {
    key: 'budget_cycle',
    label: 'Budget cycle',
    whyCritical: 'Budgets are set once a year: a proposal that misses the planning window waits twelve months, whatever its merit.',
    howItHelps: 'Divisions time their proposals for the planning window and can bundle them into one budget line for the customer.',
    type: 'ENUM',
    options: ['Calendar year (January)', 'Fiscal year from April', 'Fiscal year from July', 'Fiscal year from October', 'Per project'],
    requiredInStages: ['PROSPECT', 'ACTIVE', 'RENEWAL'],
    stalenessDays: 365,
  },
  {
    key: 'annual_budget',
    label: 'Annual budget for our services',
    whyCritical: 'What the customer can spend with us in a year: it sizes every proposal and shows how much room is left for another division.',
    howItHelps: 'Divisions do not compete for the same money without knowing it, and we offer what fits instead of what gets cut.',
    type: 'MONEY',
    requiredInStages: ['PROSPECT', 'RENEWAL'],
    stalenessDays: 365,
  },
  {
    key: 'contract_renewal_date',
    label: 'Contract renewal date',
    whyCritical: 'The date the customer can leave or renegotiate. Missing it turns a renewal into a tender.',
    howItHelps: 'All divisions prepare the renewal together months ahead, with one account review instead of several surprises.',
    type: 'DATE',
    requiredInStages: ['ACTIVE', 'RENEWAL', 'AT_RISK'],
    stalenessDays: 365,
  },
  {
    key: 'current_vendors',
    label: 'Current vendors and competitors',
    whyCritical: 'Who else serves them and how they feel about it: the benchmark every proposal is judged against.',
    howItHelps: 'We position against the real alternative and spot where a competitor is weak across divisions.',
    type: 'TEXT',
    requiredInStages: ['PROSPECT', 'RENEWAL', 'AT_RISK'],
    stalenessDays: 180,
  },
  {
    key: 'strategic_priorities',
    label: 'Strategic priorities',
    whyCritical: 'What the customer must achieve this year. Offers that do not serve it are noise to them.',
    howItHelps: 'Every division talks about the customer\'s goals in the same words and links its offer to them.',
    type: 'TEXT',
    requiredInStages: ['ACTIVE', 'RENEWAL'],
    stalenessDays: 180,
  },
  {
    key: 'key_pain_points',
    label: 'Key pain points',
    whyCritical: 'What hurts today. A customer who has to explain it again to every division feels unheard.',
    howItHelps: 'We start each conversation from what they told us before and show we listen as one company.',
    type: 'TEXT',
    requiredInStages: ['PROSPECT', 'ONBOARDING', 'ACTIVE', 'AT_RISK'],
    stalenessDays: 120,
  },
  {
    key: 'procurement_rules',
    label: 'Procurement rules',
    whyCritical: 'Thresholds, tenders, approved-supplier lists and the number of quotes required: they decide whether an offer can be accepted at all.',
    howItHelps: 'Divisions shape offers that procurement can sign without a new tender, and stay on the approved-supplier list.',
    type: 'TEXT',
    requiredInStages: ['PROSPECT', 'RENEWAL'],
    stalenessDays: 365,
  },
  {
    key: 'payment_terms',
    label: 'Payment terms',
    whyCritical: 'Agreed terms differ per customer; quoting other terms delays orders and upsets their accounts payable.',
    howItHelps: 'Every division quotes and invoices the same way, so finance on both sides sees one supplier.',
    type: 'ENUM',
    options: ['Prepayment', 'Net 15', 'Net 30', 'Net 45', 'Net 60', 'Net 90'],
    requiredInStages: ['ONBOARDING', 'ACTIVE'],
    stalenessDays: 365,
  },
  {
    key: 'framework_agreement',
    label: 'Framework agreement in place',
    whyCritical: 'With a framework agreement, orders go through it: a division that ignores it creates contract trouble.',
    howItHelps: 'Divisions sell under the existing agreement instead of starting new contract negotiations.',
    type: 'BOOLEAN',
    requiredInStages: ['ACTIVE', 'RENEWAL'],
    stalenessDays: 365,
  },
  {
    key: 'preferred_channel',
    label: 'Preferred channel',
    whyCritical: 'How the customer wants to be contacted. Calls to someone who only answers email cost goodwill.',
    howItHelps: 'Everyone reaches the customer the way they like, and nobody floods them through the wrong channel.',
    type: 'ENUM',
    options: ['Email', 'Phone', 'Video call', 'In person', 'Customer portal'],
    requiredInStages: ['ONBOARDING', 'ACTIVE'],
    stalenessDays: 180,
  },
  {
    key: 'services_in_use',
    label: 'Our services in use',
    whyCritical: 'Which of our services the customer already buys: the base for cross-selling, and what must not be disturbed.',
    howItHelps: 'Divisions see at a glance where the customer already trusts us and what another division could add.',
    type: 'MULTI_ENUM',
    options: ['Trade fair stands', 'Event management', 'Freight', 'Warehousing', 'Web and apps', 'Digital campaigns', 'Print', 'Packaging'],
    requiredInStages: ['ACTIVE', 'RENEWAL', 'AT_RISK'],
    stalenessDays: 365,
  },
  {
    key: 'employee_count',
    label: 'Number of employees',
    whyCritical: 'Company size changes what they need and who decides; growth or cuts announce new projects or risk.',
    howItHelps: 'Divisions size their offers right and notice early when the customer grows or shrinks.',
    type: 'NUMBER',
    requiredInStages: [],
    stalenessDays: 730,
  },
];

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
      [JSON.stringify(CATALOGUE.map((f, i) => ({
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
