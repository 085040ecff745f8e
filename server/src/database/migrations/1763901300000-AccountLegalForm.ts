import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legal form a source account record's name states, as its code ("Ltd"
 * and "Limited" are LTD, see matching/normalize/legal-forms.ts): a matching
 * feature beside the normalised name, which leaves the form out. Null when the
 * name states none. Records stored before it have none until they are sent
 * again or `npm run rekey` computes it from their raw records.
 */
export class AccountLegalForm1763901300000 implements MigrationInterface {
  name = 'AccountLegalForm1763901300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_account_record ADD COLUMN legal_form text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_account_record DROP COLUMN legal_form`);
  }
}
