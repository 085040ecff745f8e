import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A touchpoint remembers the account whose owners and watchers were told of it
 * (OTHER_DIVISION_TOUCH), so that a later version making it news there (redated
 * into the recent past, filed under another account) tells them once and never
 * twice. Nullable without a default: adding it rewrites nothing. Touchpoints
 * of the last two weeks that landed after they happened were told under the
 * rule before (a new touchpoint, recent): they are marked so; older ones and
 * plans were not, and may be news once.
 */
export class TouchpointsTold1763903900000 implements MigrationInterface {
  name = 'TouchpointsTold1763903900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE touchpoint ADD COLUMN told_account_id uuid`);
    await q.query(`UPDATE touchpoint SET told_account_id = account_id
                    WHERE occurred_at >= now() - interval '14 days' AND occurred_at <= now() AND created_at >= occurred_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE touchpoint DROP COLUMN told_account_id`);
  }
}
