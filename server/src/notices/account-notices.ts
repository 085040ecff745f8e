import { EntityManager } from 'typeorm';
import { NoticeRowJson } from './touch-notices';

/*
 * Notices keyed by the account they are about beside OTHER_DIVISION_TOUCH
 * (touch-notices.ts): ACCOUNT_SILENT (`ACCOUNT_SILENT|<account>|<since>`) and
 * CRITICAL_INFO_CONFLICT (`CRITICAL_INFO_CONFLICT|<account>|<field>|<resolution>|<sides>`, the assertions told of in
 * its data; notices told before that kept them as the key's last part, `…|<field label>|<assertions>`).
 * Their producers write one per colleague and key (ON CONFLICT DO NOTHING), so
 * the key must name the account the notice is at: from the team's notes, merges
 * moved them keeping the merged account's id in the key, and the survivor's next
 * silence or conflict of the same thing was a second notice.
 */

/** The kinds keyed `<kind>|<account>|…` that merges and splits re-key (OTHER_DIVISION_TOUCH has its own rules). */
export const ACCOUNT_KEYED_KINDS = ['ACCOUNT_SILENT', 'CRITICAL_INFO_CONFLICT'];

/** SQL: the group key `key` names (`<kind>|<account>|…`) with `account` in the account's place. */
export const keyAt = (account: string, key: string) => `regexp_replace(${key}, '^([^|]*)[|][^|]*', '\\1|' || ${account})`;

/** A notice a merge folded into the survivor's notice of the same key: as it was, with the survivor's read mark before. */
export interface FoldedAccountNotice {
  merged: NoticeRowJson;
  keptId: string;
  keptReadAt: string | null;
}

/**
 * A merge of `from` into `to`: each account-keyed notice of `from` takes `to`'s key; one whose colleague has a notice of
 * that key already (the same silence or conflict, told at both) is folded into it and goes: the one kept is read only if
 * both were. Run before the notices move (accountMoves.moveAll). Returns what it folded, for the split undoing the merge.
 * Locks the notices concerned in the order of their key (colleague, group key).
 */
export async function foldAccountNoticesOnMerge(tx: EntityManager, from: string, to: string): Promise<FoldedAccountNotice[]> {
  const folded: FoldedAccountNotice[] = await tx.query(
    `WITH incoming AS (
       SELECT n.id, n.colleague_id, ${keyAt('$1::text', 'n.group_key')} AS key, n.created_at FROM notice n
        WHERE n.account_id = $2::uuid AND n.kind = ANY($3::text[])),
     ranked AS (
       SELECT i.*, row_number() OVER (PARTITION BY i.colleague_id, i.key ORDER BY i.created_at, i.id) AS rn FROM incoming i),
     -- Into the notice of that key there is, else (two of \`from\`'s naming different accounts, from before merges re-keyed) the first.
     pairs AS (
       SELECT r.id, coalesce(s.id, f.id) AS kept_id FROM ranked r
         LEFT JOIN notice s ON s.colleague_id = r.colleague_id AND s.group_key = r.key AND s.id <> r.id
         LEFT JOIN ranked f ON f.colleague_id = r.colleague_id AND f.key = r.key AND f.rn = 1
        WHERE s.id IS NOT NULL OR r.rn > 1)
     SELECT to_jsonb(m) AS merged, k.id AS "keptId", k.read_at AS "keptReadAt"
       FROM pairs p JOIN notice m ON m.id = p.id JOIN notice k ON k.id = p.kept_id
      ORDER BY k.colleague_id, k.group_key FOR UPDATE OF m, k`,
    [to, from, ACCOUNT_KEYED_KINDS]);
  if (folded.length > 0) {
    await tx.query(
      `WITH gone AS (DELETE FROM notice d WHERE d.id = ANY($1::uuid[]) RETURNING d.id, d.read_at),
       pairs AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS p(id, kept_id))
       UPDATE notice k SET read_at = NULL FROM gone g JOIN pairs p ON p.id = g.id WHERE k.id = p.kept_id AND g.read_at IS NULL`,
      [folded.map((f) => f.merged.id), folded.map((f) => f.keptId)]);
  }
  await tx.query(
    `UPDATE notice n SET group_key = ${keyAt('$1::text', 'n.group_key')} WHERE n.account_id = $2::uuid AND n.kind = ANY($3::text[])`,
    [to, from, ACCOUNT_KEYED_KINDS]);
  return folded;
}

/**
 * The split undoing a merge, once the notices it moved are back at `to` (re-keyed there: keyAccountNotices): the
 * notices the merge folded are there again, as they were (read since, they are read), and the ones kept are read or
 * unread as before the merge unless read since. `from` is where the kept ones are now.
 */
export async function unfoldAccountNotices(tx: EntityManager, folded: readonly FoldedAccountNotice[], from: string, to: string): Promise<void> {
  if (folded.length === 0) return;
  await tx.query(
    `WITH f AS (
       SELECT m.*, e.value->>'keptId' AS kept_id, (e.value->>'keptReadAt')::timestamptz AS kept_read_at
         FROM jsonb_array_elements($3::jsonb) e CROSS JOIN LATERAL jsonb_populate_record(NULL::notice, e.value->'merged') m),
     -- The statement's snapshot reads the kept one as it is before this update: read since the merge (the fold left it unread).
     kept AS (UPDATE notice k SET read_at = coalesce(f.kept_read_at, k.read_at) FROM f WHERE k.id = f.kept_id::uuid AND k.account_id = $2::uuid)
     INSERT INTO notice (id, colleague_id, account_id, kind, group_key, data, occurrences, created_at, updated_at, read_at)
     SELECT f.id, f.colleague_id, $1::uuid, f.kind, ${keyAt('$1::text', 'f.group_key')}, f.data, f.occurrences, f.created_at, f.updated_at,
            coalesce(f.read_at, (SELECT k.read_at FROM notice k WHERE k.id = f.kept_id::uuid AND k.account_id = $2::uuid))
       FROM f
     ON CONFLICT DO NOTHING`,
    [to, from, JSON.stringify(folded)]);
}

/** The account-keyed notices among `ids` keyed by the account they are at (moved back by a split undoing a merge). */
export async function keyAccountNotices(tx: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UPDATE notice t SET group_key = ${keyAt('t.account_id::text', 't.group_key')} WHERE t.id = ANY($1::uuid[]) AND t.kind = ANY($2::text[])`,
    [ids, ACCOUNT_KEYED_KINDS]);
}

/**
 * A split moving critical-info assertions `assertionIds` from `from` to `to`: a conflict notice at `from` told of only
 * those (the conflict is theirs, all at `to` now) goes with them, keyed there; one whose colleague has it at `to`
 * already stays. Conflicts of assertions of both sides stay where they are. Returns the ids of the notices moved.
 */
export async function moveConflictNotices(tx: EntityManager, assertionIds: readonly string[], from: string, to: string): Promise<string[]> {
  if (assertionIds.length === 0) return [];
  const rows: { ids: string[] | null }[] = await tx.query(
    `WITH moved AS (
       UPDATE notice t SET account_id = $1::uuid, group_key = ${keyAt('$1::text', 't.group_key')}
        WHERE t.account_id = $2::uuid AND t.kind = 'CRITICAL_INFO_CONFLICT'
          AND (CASE WHEN t.data ? 'assertionIds' THEN ARRAY(SELECT jsonb_array_elements_text(t.data->'assertionIds'))
                    ELSE string_to_array(substring(t.group_key FROM '[^|]*$'), ',') END) <@ $3::text[]
          AND NOT EXISTS (SELECT 1 FROM notice o WHERE o.colleague_id = t.colleague_id AND o.group_key = ${keyAt('$1::text', 't.group_key')})
       RETURNING t.id)
     SELECT array_agg(id) AS ids FROM moved`,
    [to, from, assertionIds]);
  return rows[0].ids ?? [];
}
