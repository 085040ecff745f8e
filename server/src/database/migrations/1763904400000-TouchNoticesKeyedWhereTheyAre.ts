import { MigrationInterface, QueryRunner } from 'typeorm';
import { combiningTouchNotices } from '../../notices/touch-notices';

/** Touch notices whose group key names another account than the one they are at (moved by a merge before merges re-keyed). */
const STALE = (n: string) => `${n}.kind = 'OTHER_DIVISION_TOUCH' AND ${n}.account_id IS NOT NULL
  AND ${n}.group_key <> 'OTHER_DIVISION_TOUCH|' || ${n}.account_id || '|' || split_part(${n}.group_key, '|', 3)`;

/**
 * The statements of the migration, in order (exported for its test). First a colleague's touch notices of one day at one
 * account are made one, the one keyed by that account kept when there is one (combiningTouchNotices); then the rest are
 * keyed by the account they are at, through a key of their own (the notice's id added): a notice keyed by account A
 * elsewhere still holds A's key until the same statement moves it on, and the unique key is checked row by row.
 */
export const KEYED_WHERE_THEY_ARE = {
  combine: combiningTouchNotices(`
    WITH stale AS (SELECT s.id, s.colleague_id, s.account_id, split_part(s.group_key, '|', 3) AS day FROM notice s WHERE ${STALE('s')})
    SELECT id, colleague_id || '|' || account_id || '|' || day AS grp, false AS keep FROM stale
    UNION
    SELECT o.id, s.colleague_id || '|' || s.account_id || '|' || s.day, true FROM stale s
      JOIN notice o ON o.colleague_id = s.colleague_id AND o.group_key = 'OTHER_DIVISION_TOUCH|' || s.account_id || '|' || s.day AND o.account_id = s.account_id`),
  aside: `WITH aside AS (UPDATE notice n SET group_key = n.group_key || '|' || n.id WHERE ${STALE('n')} RETURNING n.id) SELECT coalesce(array_agg(id), '{}') AS ids FROM aside`,
  rekey: `UPDATE notice n SET group_key = 'OTHER_DIVISION_TOUCH|' || n.account_id || '|' || split_part(n.group_key, '|', 3) WHERE n.id = ANY($1::uuid[])`,
};

/**
 * One OTHER_DIVISION_TOUCH notice per colleague, account and day, keyed by the
 * account it is at, for notices merges moved before they re-keyed them: an
 * account could hold a colleague's notice of a day keyed by its own id and one
 * keyed by an account it took in, and merging it then failed on the notice's
 * unique key (found in review). Set-based: two reads of the notice table and
 * writes of the notices concerned only, row locks only.
 */
export class TouchNoticesKeyedWhereTheyAre1763904400000 implements MigrationInterface {
  name = 'TouchNoticesKeyedWhereTheyAre1763904400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(KEYED_WHERE_THEY_ARE.combine);
    const [{ ids }]: { ids: string[] }[] = await q.query(KEYED_WHERE_THEY_ARE.aside);
    await q.query(KEYED_WHERE_THEY_ARE.rekey, [ids]);
  }

  async down(): Promise<void> {
    // Notices made one stay one, keyed where they are: what they count is the same.
  }
}
