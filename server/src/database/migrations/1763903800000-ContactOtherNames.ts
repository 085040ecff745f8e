import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact record's other names: the given names after the first and the surnames before the last ("Juan López
 * García" → "lopez"), for matching to tell apart two people who agree on their first and last name only (Juan López
 * García / Juan Pérez García: found by exploratory testing, one person). Empty for records stored before: `npm run
 * rekey` computes them from what was sent.
 */
export class ContactOtherNames1763903800000 implements MigrationInterface {
  name = 'ContactOtherNames1763903800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_contact_record ADD COLUMN other_names text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_contact_record DROP COLUMN other_names`);
  }
}
