import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunity amounts as sent: `numeric(18, 2)` rounded them silently to cents (found by exploratory testing: 0.004 USD
 * became 0, 1.235 KWD 1.24, 1234.5678 EUR 1234.57), and the Kuwaiti dinar and its kin have three minor digits. The
 * column takes any number of decimals now (no rewrite of the table: only the type modifier goes); stored amounts are
 * made again from what was sent (`raw`, which kept them exactly), in its scale too: 10 is "10", as new ones are, not "10.00".
 */
export class OpportunityAmountsExact1763904100000 implements MigrationInterface {
  name = 'OpportunityAmountsExact1763904100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunity ALTER COLUMN amount TYPE numeric`);
    await q.query(`UPDATE opportunity SET amount = (raw->>'amount')::numeric
                    WHERE jsonb_typeof(raw->'amount') = 'number' AND amount::text IS DISTINCT FROM (raw->>'amount')::numeric::text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunity ALTER COLUMN amount TYPE numeric(18, 2)`);
  }
}
