import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a NUMBER field of the critical-info catalogue takes: whole numbers only, a minimum, a maximum (found by
 * exploratory testing: employee_count took -5, 12.5 and 1e30). The seeded count, employee_count, takes whole numbers
 * from 0 to 10,000,000 (the largest employers have a few million). Values stored before are left as they are: they
 * stay readable, only new values are checked.
 */
export class CriticalInfoNumberRules1763905000000 implements MigrationInterface {
  name = 'CriticalInfoNumberRules1763905000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE critical_info_field
      ADD COLUMN number_whole boolean NOT NULL DEFAULT false,
      ADD COLUMN number_min double precision,
      ADD COLUMN number_max double precision,
      ADD CONSTRAINT critical_info_field_number_range CHECK (number_min IS NULL OR number_max IS NULL OR number_min <= number_max)`);
    await q.query(`UPDATE critical_info_field SET number_whole = true, number_min = 0, number_max = 10000000, updated_at = now()
      WHERE key = 'employee_count' AND type = 'NUMBER'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE critical_info_field DROP CONSTRAINT critical_info_field_number_range,
      DROP COLUMN number_whole, DROP COLUMN number_min, DROP COLUMN number_max`);
  }
}
