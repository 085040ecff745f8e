import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunity amounts as sent: `numeric(18, 2)` rounded them silently to cents (found by exploratory testing: 0.004 USD
 * became 0, 1.235 KWD 1.24, 1234.5678 EUR 1234.57), and the Kuwaiti dinar and its kin have three minor digits. The
 * column takes any number of decimals now (no rewrite of the table: only the type modifier goes); stored amounts are
 * made again from what was sent (`raw`, which kept them as they arrived) where rounding changed them. Only those: a
 * stored 10.00 stays "10.00" beside a new "10" (the same number), rather than every row of a large table being written
 * again under the ALTER's lock (found in review).
 */
export class OpportunityAmountsExact1763904100000 implements MigrationInterface {
  name = 'OpportunityAmountsExact1763904100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunity ALTER COLUMN amount TYPE numeric`);
    await q.query(`UPDATE opportunity SET amount = (raw->>'amount')::numeric
                    WHERE jsonb_typeof(raw->'amount') = 'number' AND amount IS DISTINCT FROM (raw->>'amount')::numeric`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunity ALTER COLUMN amount TYPE numeric(18, 2)`);
  }
}
