import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ACCOUNT_SILENT and CRITICAL_INFO_CONFLICT notices a merge moved before merges re-keyed them: at an account that took
 * others in (a survivor of a merge: only there can they be), keyed by another account. Written out here, not imported:
 * a migration stays as it is when the code changes (notices/account-notices.ts holds the rule today).
 */
const STALE = `
  SELECT n.id, n.colleague_id, n.read_at, n.created_at, regexp_replace(n.group_key, '^([^|]*)[|][^|]*', '\\1|' || n.account_id) AS key
    FROM notice n
   WHERE n.account_id = ANY(ARRAY(SELECT DISTINCT survivor_id FROM account_merge))
     AND n.kind IN ('ACCOUNT_SILENT', 'CRITICAL_INFO_CONFLICT') AND split_part(n.group_key, '|', 2) <> n.account_id::text`;

/**
 * The statements of the migration, in order (exported for its test). First, of a colleague's stale notices whose key
 * at the account they are at is one they have already (the same silence or conflict told at both accounts), or is
 * another stale one's, one is kept (the one keyed there, else the earliest), read only if all were; the others go.
 * Then the rest are keyed by the account they are at.
 */
export const ACCOUNT_NOTICES_KEYED = {
  fold: `
    WITH stale AS (${STALE}),
    ranked AS (SELECT s.*, row_number() OVER (PARTITION BY s.colleague_id, s.key ORDER BY s.created_at, s.id) AS rn FROM stale s),
    pairs AS (
      SELECT r.id, r.read_at, coalesce(o.id, f.id) AS kept_id FROM ranked r
        LEFT JOIN notice o ON o.colleague_id = r.colleague_id AND o.group_key = r.key
        LEFT JOIN ranked f ON f.colleague_id = r.colleague_id AND f.key = r.key AND f.rn = 1
       WHERE o.id IS NOT NULL OR r.rn > 1),
    unread AS (UPDATE notice k SET read_at = NULL WHERE k.id IN (SELECT p.kept_id FROM pairs p WHERE p.read_at IS NULL)),
    gone AS (DELETE FROM notice d USING pairs p WHERE d.id = p.id RETURNING d.id)
    SELECT count(*)::int AS n FROM gone`,
  rekey: `WITH stale AS (${STALE}) UPDATE notice n SET group_key = s.key FROM stale s WHERE n.id = s.id`,
};

/**
 * One silence or conflict notice per colleague, account and key, keyed by the account it is at (from the team's notes:
 * after a merge, the survivor's next notice of the same silence or conflict was a second one). Reads the notices of
 * the accounts that took others in only (through notice_account_idx), and writes the stale ones.
 */
export class AccountNoticesKeyedWhereTheyAre1763904750000 implements MigrationInterface {
  name = 'AccountNoticesKeyedWhereTheyAre1763904750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ACCOUNT_NOTICES_KEYED.fold);
    await q.query(ACCOUNT_NOTICES_KEYED.rekey);
  }

  async down(): Promise<void> {
    // Notices made one stay one, keyed where they are: they tell the same.
  }
}
