import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/transient';
import { engagementRollups } from '../engagement/rollups';
import { nameKey } from '../accounts/name-key';
import { rescopeContactKeys } from '../matching/blocking';
import { timelineWords } from '../touchpoints/timeline-words';
import { refreshStakeholders, reviewPeopleMet } from '../matching/contact-linker';
import { FoldedNotice, foldTouchNoticesOnMerge, handOverFoldedNotices, restoreFoldedNotices, splitTouchNotices, touchKey, unfoldTouchNotices } from '../notices/touch-notices';
import { FoldedAccountNotice, foldAccountNoticesOnMerge, keyAccountNotices, moveConflictNotices, unfoldAccountNotices } from '../notices/account-notices';

/**
 * Every table whose rows belong to an account. Merging and splitting move
 * exactly these; a test fails when a table with an `account_id` column is
 * missing here, so a new account-scoped feature cannot be left behind.
 */
export const ACCOUNT_SCOPED_TABLES = [
  'source_account_record', 'source_contact_record', 'stakeholder', 'stakeholder_affiliation', 'touchpoint', 'opportunity',
  'account_watch', 'notice', 'critical_info_assertion',
] as const;
export type AccountScopedTable = (typeof ACCOUNT_SCOPED_TABLES)[number];

/**
 * Tables with an `account_id` that merges and splits do not move as they move
 * the others: the engagement rollups, their outbox and the timeline's words
 * follow the touchpoints as moveTouchpoints moves them (engagement/rollups.ts,
 * touchpoints/timeline-words.ts).
 */
export const ACCOUNT_DERIVED_TABLES = [
  'engagement_month', 'engagement_colleague_month', 'engagement_person', 'engagement_colleague_person', 'touchpoint_outbox', 'touchpoint_words',
] as const;

/**
 * The ids moved per table by one merge or split; `child_account`: accounts re-parented; `survivor_parent` (kept with a
 * merge only, when the survivor was a descendant of the merged account): the survivor's parent before, for the split;
 * `settled_review` (kept with a merge only): the open reviews it settled, for the split that undoes it to open again;
 * `opened_review` (kept with a merge only): the reviews of people it opened (reviewPeopleMet), for that split to drop;
 * `raised_notice` (kept with a merge only, a person's or matching's): the critical-info conflict notices it raised, for that split to drop.
 */
export type Moved = Partial<Record<AccountScopedTable | 'child_account' | 'survivor_parent' | 'settled_review' | 'opened_review' | 'raised_notice', string[]>>;

/** An affiliation that had ended, as it was before a merge opened it again (its person's record came back with the merged account). */
export interface EndedAffiliation {
  stakeholderId: string;
  endedOn: string;
  title: string | null;
  /**
   * The affiliation (kept since merges keep it; absent from merges made before): wherever it is when the split runs. A
   * later merge of the survivor may have left it at the survivor, merged away meanwhile (the person had one where it
   * went): found by a seeded test, the affiliation kept the title of the merge's records and ended today.
   */
  affiliationId?: string;
}

/** The affiliations `x` (rows of EndedAffiliation in SQL) names: by id, or (merges made before ids were kept) the person's at `$1`. */
const reopenedOne = (f: string, x: string) =>
  `(${f}.id = ${x}."affiliationId" OR (${x}."affiliationId" IS NULL AND ${f}.account_id = $1 AND ${f}.stakeholder_id = ${x}."stakeholderId"))`;

/**
 * What a merge keeps for the split that undoes it: what it moved, the affiliations it opened again, the survivor's
 * industry before it (a split gives it back when none of the survivor's own records names one), and the touch notices
 * of one colleague and day it made one (both as they were: the split makes them two again, notices/touch-notices.ts), and
 * the silence and conflict notices it folded into the survivor's of the same key (notices/account-notices.ts).
 */
export type KeptByMerge = Moved & {
  reopened_affiliation?: EndedAffiliation[]; survivor_industry?: string | null; folded_notice?: FoldedNotice[]; folded_account_notice?: FoldedAccountNotice[];
  parent_note?: ParentNote[];
  /** Stints an earlier merge opened (a person back at the survivor) that records this merge brought still held when that merge was undone (handOverReturns). */
  reopened_stint?: string[];
  /** Stopped (null) titles the split undoing an earlier merge wrote into stints this merge's records hold open (handOverStoppedTitles). */
  stopped_title?: string[];
};

/**
 * How an account came under its parent as the account page tells it (Account.parentDecision): when, why, and the merge's
 * maker when a merge moved it. A merge that moves an account in its group keeps its note from before (`parent_note`),
 * the instant as PostgreSQL wrote it (microseconds), for the split undoing the merge to give it back exactly.
 */
export interface ParentNote {
  accountId: string;
  placedAt: string | null;
  reason: string | null;
  movedBy: string | null;
}

/** An account a merge moved in its group, for the audit trail: from which parent to which. */
export interface ParentMoved {
  accountId: string;
  parentBefore: string | null;
  parentAfter: string | null;
}

/**
 * The accounts a merge moved in its group (the merged account's children, now under the survivor; the survivor, when it
 * took the merged account's place) say so: moved with the merge, by its maker, when (parent_moved_by, parent_placed_at,
 * parent_reason). Found in the team's notes: a child placed under B by a person went on saying "placed under B by Ann"
 * once under A. Who decided a parent (parent_set_by, parent_decided_at) is left as it was: matching still keeps away from
 * an account a person placed, and the split undoing the merge tells a placement since the merge by it. Returns the notes
 * before, kept with the merge, and the moves, for the audit trail.
 */
async function noteMovedByMerge(tx: EntityManager, moved: Moved, from: string, into: string, mergedBy: string): Promise<{ notes: ParentNote[]; parentsMoved: ParentMoved[] }> {
  const children = moved.child_account ?? [];
  const ids = [...children, ...(moved.survivor_parent ? [into] : [])];
  if (ids.length === 0) return { notes: [], parentsMoved: [] };
  const [names]: { merged: string; survivor: string }[] = await tx.query(
    `SELECT (SELECT name FROM account WHERE id = $1) AS merged, (SELECT name FROM account WHERE id = $2) AS survivor`, [from, into]);
  const merge = `the merge of "${names.merged}" into "${names.survivor}"`;
  const rows: (ParentNote & { parentAfter: string | null })[] = await tx.query(
    `WITH before AS (SELECT id, parent_placed_at, parent_reason, parent_moved_by FROM account WHERE id = ANY($1::uuid[])),
          noted AS (UPDATE account a SET parent_placed_at = now(), parent_moved_by = $3,
                           parent_reason = CASE WHEN a.id = ANY($2::uuid[]) THEN $4 ELSE $5 END
                      FROM before WHERE a.id = before.id
                    RETURNING a.id AS "accountId", to_jsonb(before.parent_placed_at) #>> '{}' AS "placedAt", before.parent_reason AS reason,
                              before.parent_moved_by AS "movedBy", a.parent_id AS "parentAfter")
     SELECT * FROM noted ORDER BY "accountId"`,
    [ids, children, mergedBy, `moved with ${merge}`, `took the place of "${names.merged}" in its group with ${merge}`]);
  return {
    notes: rows.map(({ accountId, placedAt, reason, movedBy }) => ({ accountId, placedAt, reason, movedBy })),
    parentsMoved: rows.map((r) => ({ accountId: r.accountId, parentBefore: r.accountId === into ? moved.survivor_parent![0] : from, parentAfter: r.parentAfter })),
  };
}

/** Gives back the notes a merge kept (noteMovedByMerge) of these accounts, now given back their parent before it. */
async function giveNotesBack(tx: EntityManager, kept: readonly ParentNote[], accountIds: readonly string[]): Promise<void> {
  const notes = kept.filter((n) => accountIds.includes(n.accountId));
  if (notes.length === 0) return;
  await tx.query(
    `UPDATE account a SET parent_placed_at = n."placedAt", parent_reason = n.reason, parent_moved_by = n."movedBy"
       FROM json_to_recordset($1::json) AS n("accountId" uuid, "placedAt" timestamptz, reason text, "movedBy" text)
      WHERE a.id = n."accountId"`, [JSON.stringify(notes)]);
}

/**
 * Tables that hold one row per owner and account (UNIQUE): a person's affiliation, a colleague's watch. A row whose
 * owner has one at the account it would move to already stays where it is, and the one there is kept (for merges,
 * the survivor's; for the split undoing one, what the account has since: a person merged since with someone whose
 * affiliation the merge had left there, the two having been at both accounts). $1 is the account moved to.
 */
const ONE_PER_OWNER: Partial<Record<AccountScopedTable, string>> = { stakeholder_affiliation: 'stakeholder_id', account_watch: 'colleague_id' };
const keptThere = (table: AccountScopedTable) => {
  const owner = ONE_PER_OWNER[table];
  return owner ? ` AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.${owner} = t.${owner} AND x.account_id = $1)` : '';
};

/**
 * Runs a move of one-per-owner rows (keptThere) again when a writer beside it added the owner's row at the account
 * moved to: matching holds that account only FOR KEY SHARE (account-linker.ts, lockDecided), so a contact batch, a
 * people merge or a colleague's watch can insert one this statement's snapshot does not see. The statement then waits
 * for that writer and fails on the unique key; run again (a new snapshot under READ COMMITTED) it sees the row and
 * leaves the owner's row here, as for any row already there. The writers insert with ON CONFLICT: only moves need this.
 */
async function seeingRowsAddedBeside<T>(tx: EntityManager, move: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await tx.query('SAVEPOINT one_per_owner_move');
    try {
      const result = await move();
      await tx.query('RELEASE SAVEPOINT one_per_owner_move');
      return result;
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT one_per_owner_move');
    }
  }
}

/** Moves the rows of `table` that `where` selects to account `to`; `everything`: all of the account's (a merge). */
async function moveWhere(tx: EntityManager, table: AccountScopedTable, to: string, where: string, params: unknown[], everything = false): Promise<string[]> {
  if (table === 'touchpoint') return moveTouchpoints(tx, to, where, params, everything);
  const move = () => tx.query(
    `WITH moved AS (UPDATE ${table} t SET account_id = $1 WHERE ${where} RETURNING t.id)
     SELECT array_agg(id) AS ids FROM moved`,
    [to, ...params],
  ) as Promise<{ ids: string[] | null }[]>;
  const rows = ONE_PER_OWNER[table] ? await seeingRowsAddedBeside(tx, move) : await move();
  const ids = rows[0].ids ?? [];
  if (table === 'source_contact_record') await rescopeContactKeys(tx, ids, String(params[0]), to);
  return ids;
}

/**
 * Touchpoints move with what the engagement rollups count of them: all of an
 * account's (a merge) take its rollup rows along; some of them (a split) leave
 * the rollups before they move and are pending after (engagement/rollups.ts).
 * Their words move with them either way (their text is the same).
 */
async function moveTouchpoints(tx: EntityManager, to: string, where: string, params: unknown[], everything: boolean): Promise<string[]> {
  const from = String(params[0]);
  const leaving: { accountId: string; id: string }[] = everything ? [] : await tx.query(
    `SELECT t.account_id AS "accountId", t.id FROM touchpoint t WHERE $1::uuid IS NOT NULL AND ${where} FOR UPDATE`, [to, ...params]);
  await engagementRollups.uncount(tx, leaving);
  // Told where it was (OTHER_DIVISION_TOUCH), a touchpoint counts as told where it goes: moved, it is not news of the day there.
  // The account it leaves gives its place in the list to the one it goes to, so the split undoing a merge gives the list back
  // as it was (merge then split restores the exact prior state). One told at both already keeps its list as it is: from the
  // team's notes, dropping the mark of the account it left lost it for good once a split gave the mark of the account it
  // went to to the restored one, and the next version filed there told that account again.
  const rows: { ids: string[] | null }[] = await tx.query(
    `WITH moved AS (
       UPDATE touchpoint t SET account_id = $1,
              told_account_ids = CASE WHEN t.account_id <> ALL(t.told_account_ids) OR $1 = ANY(t.told_account_ids) THEN t.told_account_ids
                                      ELSE array_replace(t.told_account_ids, t.account_id, $1) END
        WHERE ${where} RETURNING t.id)
     SELECT array_agg(id) AS ids FROM moved`,
    [to, ...params],
  );
  const ids = rows[0].ids ?? [];
  if (everything) await engagementRollups.moveAll(tx, from, to);
  else await engagementRollups.pend(tx, ids.map((id) => ({ accountId: to, id })));
  // Under the rollup locks (taken above): a fold that wrote words of these touchpoints where they were is waited for,
  // and its words move too (before the locks, a fold committing after this statement left them behind).
  await timelineWords.move(tx, from, to, everything ? null : ids);
  return ids;
}

/** The accounts from `survivor` to `root` by the merges between them (survivor merged into one merged into … root). */
async function mergedOnTo(tx: EntityManager, survivor: string, root: string): Promise<string[]> {
  const rows: { id: string }[] = await tx.query(
    `WITH RECURSIVE up AS (SELECT id, merged_into_id, 1 AS depth FROM account WHERE id = $1
                           UNION ALL SELECT a.id, a.merged_into_id, up.depth + 1 FROM account a JOIN up ON a.id = up.merged_into_id
                            WHERE up.id <> $2 AND up.depth < 100)
     SELECT id FROM up`, [survivor, root]);
  return rows.map((r) => r.id);
}

/** Touch notices that count their touches per source record: splitTouchNotices moves what they count (notices/touch-notices.ts). */
const keepsRecords = (t: string) => `(${t}.kind = 'OTHER_DIVISION_TOUCH' AND jsonb_typeof(${t}.data->'records') = 'object')`;

/**
 * Notices about touchpoints that all moved (another division's touch, a collision) follow them, their group key
 * re-keyed to the account they are at now (the next touch there that day adds to them, not to one left behind);
 * one whose owner has the same notice there already stays. Found by exploratory testing: after a split, a watcher
 * of the account kept "Logistics touched …" for a meeting now on the other side.
 */
async function moveNoticesOf(tx: EntityManager, touchpointIds: string[], from: string, to: string): Promise<string[]> {
  if (touchpointIds.length === 0) return [];
  const rows: { ids: string[] | null }[] = await tx.query(
    `WITH moved AS (
       UPDATE notice t SET account_id = $1::uuid, group_key = replace(t.group_key, $2::text, $1::text)
        WHERE t.account_id = $2 AND jsonb_array_length(coalesce(t.data->'touchpointIds', '[]')) > 0 AND NOT ${keepsRecords('t')}
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(t.data->'touchpointIds') x(id) WHERE x.id::uuid <> ALL($3::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM notice o WHERE o.colleague_id = t.colleague_id AND o.group_key = replace(t.group_key, $2::text, $1::text))
       RETURNING t.id)
     SELECT array_agg(id) AS ids FROM moved`,
    [to, from, touchpointIds]);
  return rows[0].ids ?? [];
}

/** An account in a chain of parents (accountMoves.chainUp). */
export interface ChainLink {
  id: string;
  name: string;
}

/**
 * An account whose parent the split undoing a merge did not give back (moveBack): it keeps `parentId`, where it was
 * to go back under `notRestoredTo`; `reason` says why (a person placed it since the merge, it moved since, or a loop).
 */
export interface ParentKept {
  accountId: string;
  parentId: string | null;
  notRestoredTo: string;
  reason: string;
}

/** Who placed an account and when, as the audit trail tells it. */
const placedBy = (by: string | null, at: Date) => `a person placed it since the merge (${by ?? 'someone'}, ${at.toISOString()})`;
/** Why an account does not go under `chain[0]`: the chain above that parent reaches the account (`chain` ends there). */
const loopThrough = (chain: readonly ChainLink[]) =>
  `under "${chain[0].name}" it would be below itself (${chain.map((c) => `"${c.name}"`).join(' → ')})`;

/**
 * Gives back the parents a merge changed, as the split undoing it restores the merged account `to`: the children the merge
 * gave the survivor go back under `to`, and a survivor that took the merged account's place in its group (it was below
 * it) goes back under its parent before the merge. Since people also place accounts (setAccountParent), and did so while
 * the merge stood, each is given back only where
 *  - it is still where the merge put it (a child under the survivor, or an account the survivor was merged into since, in
 *    `survivorChain`; the survivor where the merged account is: the merged account's parent, which merges since moved
 *    with it),
 *  - no person decided its parent since the merge (parent_decided_at; matching never moves an account a person placed),
 *  - the chain above the parent it goes back to does not reach it (a loop: found in review, a person had put the
 *    survivor's old parent below the survivor meanwhile, and the split closed B → P → C → B).
 * Each is locked, with the parent it goes back to and the chain above, as setAccountParent locks (lockWithChain): a
 * person's change beside the split waits for it, or it for the change, and reads the chain the other left. The others
 * keep their parent, returned for the audit trail; a child that only a later merge moved (one still standing) stays for
 * the split undoing that one (moveBack re-points that merge's survivor_parent).
 */
async function giveParentsBack(
  tx: EntityManager, moved: KeptByMerge, survivorChain: readonly string[], to: string, survivor: string, mergedAt: Date,
): Promise<{ kept: Set<string>; parentKept: ParentKept[]; given: string[] }> {
  const parentKept: ParentKept[] = [];
  const given: string[] = [];
  const children = moved.child_account ?? [];
  if (children.length > 0) {
    // The whole chain above the restored account: a child anywhere in it would close a loop.
    const { chain: above } = await accountMoves.lockWithChain(tx, children, to, []);
    const rows: { id: string; parentId: string | null; underSurvivor: boolean; by: string | null; at: Date | null; since: boolean }[] = await tx.query(
      `SELECT id, parent_id AS "parentId", coalesce(parent_id = ANY($2::uuid[]), false) AS "underSurvivor",
              parent_set_by AS by, parent_decided_at AS at, coalesce(parent_decided_at >= $3, false) AS since
         FROM account WHERE id = ANY($1::uuid[]) ORDER BY id`, [children, survivorChain, mergedAt]);
    const back: string[] = [];
    for (const r of rows) {
      const loop = above.findIndex((c) => c.id === r.id);
      const reason = r.since ? placedBy(r.by, r.at!) : !r.underSurvivor ? null : loop >= 0 ? loopThrough(above.slice(0, loop + 1)) : undefined;
      if (reason === undefined) back.push(r.id);
      else if (reason !== null) parentKept.push({ accountId: r.id, parentId: r.parentId, notRestoredTo: to, reason });
    }
    await tx.query(`UPDATE account SET parent_id = $1 WHERE id = ANY($2::uuid[])`, [to, back]);
    await giveNotesBack(tx, moved.parent_note ?? [], back);
    given.push(...back);
  }
  const before = moved.survivor_parent?.[0];
  if (before) {
    // The restored account is locked too: where it is tells whether the survivor is still in its place.
    const { chain: above } = await accountMoves.lockWithChain(tx, [survivor, to], before, [survivor]);
    const [now]: { parentId: string | null; inPlace: boolean; by: string | null; at: Date | null; since: boolean }[] = await tx.query(
      `SELECT s.parent_id AS "parentId", s.parent_id IS NOT DISTINCT FROM m.parent_id AS "inPlace",
              s.parent_set_by AS by, s.parent_decided_at AS at, coalesce(s.parent_decided_at >= $3, false) AS since
         FROM account s, account m WHERE s.id = $1 AND m.id = $2`, [survivor, to, mergedAt]);
    const reason = now.since ? placedBy(now.by, now.at!)
      : !now.inPlace ? 'it moved since the merge (its parent is no longer the one it took the merged account\'s place under)'
      : above.some((c) => c.id === survivor) ? loopThrough(above) : null;
    if (reason) parentKept.push({ accountId: survivor, parentId: now.parentId, notRestoredTo: before, reason });
    else {
      await tx.query(`UPDATE account SET parent_id = $1 WHERE id = $2`, [before, survivor]);
      await giveNotesBack(tx, moved.parent_note ?? [], [survivor]);
      given.push(survivor);
    }
  }
  return { kept: new Set(parentKept.map((k) => k.accountId)), parentKept, given };
}

/**
 * A child the merge gave the survivor that a later merge, still standing, took the place of (survivor_parent): its parent
 * there was the survivor's (or an account in `chain`, the survivor merged on since); undoing this merge first, it becomes
 * the merged account's (`to`) again, as the split undoing the later merge will restore it, with the note this merge kept
 * of it (how it was placed before this merge): the later merge's note of it was the one this merge wrote. Found in review:
 * B merged into A (C, B's child, under A), A into C (C in A's place); undoing the first, then the second, put C under B
 * saying "moved with the merge of B into A". The survivor here may be live again (`chain` is [survivor]): a merge between,
 * undone first, re-pointed the later one at it.
 */
async function handOverToLaterMerges(tx: EntityManager, moved: KeptByMerge, children: readonly string[], chain: readonly string[], to: string): Promise<void> {
  if (children.length === 0) return;
  const notes = (moved.parent_note ?? []).filter((n) => children.includes(n.accountId));
  await tx.query(
    `UPDATE account_merge m SET moved = jsonb_set(m.moved, '{survivor_parent}', jsonb_build_array($1::text))
            || CASE WHEN n.note IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('parent_note',
                 coalesce((SELECT jsonb_agg(e) FROM jsonb_array_elements(m.moved->'parent_note') e WHERE e->>'accountId' <> m.survivor_id::text), '[]'::jsonb)
                 || jsonb_build_array(n.note)) END
       FROM (SELECT s.id, (SELECT e FROM jsonb_array_elements($4::jsonb) e WHERE e->>'accountId' = s.id::text) AS note
               FROM unnest($2::uuid[]) AS s(id)) n
      WHERE m.undone_at IS NULL AND m.survivor_id = n.id AND m.moved->'survivor_parent'->>0 = ANY($3::text[])`,
    [to, children, chain, JSON.stringify(notes)]);
}

/** An account as a merge, split or review decision locks it: merged away when `mergedIntoId` is set. */
export interface LockedAccount {
  id: string;
  name: string;
  mergedIntoId: string | null;
}

/** A merge matching made, for the audit trail of the batch that caused it. */
export interface MatchingMerge {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  /** The accounts it moved in their group (noteMovedByMerge), when any. */
  parentsMoved?: ParentMoved[];
}

/**
 * The merges matching made in each transaction, kept beside it as they are made: asking account_merge for them
 * after every ingest batch was a scan of the table on the ingest path. A transaction retried is a new manager.
 */
const matchingMerges = new WeakMap<EntityManager, MatchingMerge[]>();

export const accountMoves = {
  /**
   * Locks accounts FOR UPDATE in id order: a person's merge, split and review
   * decision take their accounts this way before any other row, so two of them
   * wanting the same accounts wait for each other instead of deadlocking;
   * matching locks so the accounts its own merges take away.
   */
  async lockAccounts(tx: EntityManager, ids: readonly string[]): Promise<LockedAccount[]> {
    if (ids.length === 0) return [];
    return tx.query(`SELECT id, name, merged_into_id AS "mergedIntoId" FROM account WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  },

  /**
   * The chain above an account, from the account itself up to its group's head (or to the first of `stopAt` it reaches:
   * a parent there would make a loop), nearest first; read without a lock (see lockWithChain).
   */
  async chainUp(tx: EntityManager, id: string, stopAt: readonly string[]): Promise<ChainLink[]> {
    return tx.query(
      `WITH RECURSIVE up AS (SELECT id, name, parent_id, 1 AS depth FROM account WHERE id = $1
                             UNION ALL SELECT a.id, a.name, a.parent_id, up.depth + 1 FROM account a JOIN up ON a.id = up.parent_id
                              WHERE up.id <> ALL($2::uuid[]) AND up.depth < 1000)
       SELECT id, name FROM up ORDER BY depth`, [id, stopAt]);
  },

  /**
   * Locks accounts about to be given `parentId` as their parent, that parent and the chain above it FOR UPDATE, and
   * returns the chain as it is once locked (from the parent up, to the first of `stopAt` it reaches, by default the
   * accounts: a loop) with the rows locked. The chain is read first without a lock, its accounts locked in id order
   * (lockAccounts), then read again; accounts that joined it meanwhile are locked in turn. setAccountParent and the split
   * undoing a merge (moveBack, as it gives parents back) both lock so: of two changes that would together make a loop,
   * one waits for the other, then reads the chain the other left.
   */
  async lockWithChain(tx: EntityManager, accountIds: readonly string[], parentId: string | null, stopAt: readonly string[] = accountIds): Promise<{ chain: ChainLink[]; locked: LockedAccount[] }> {
    const asked = new Set<string>();
    const locked: LockedAccount[] = [];
    for (;;) {
      const chain = parentId ? await accountMoves.chainUp(tx, parentId, stopAt) : [];
      const more = [...new Set([...accountIds, ...(parentId ? [parentId] : []), ...chain.map((c) => c.id)])].filter((id) => !asked.has(id));
      if (more.length === 0) return { chain, locked };
      locked.push(...await accountMoves.lockAccounts(tx, more));
      for (const id of more) asked.add(id);
    }
  },

  /** Moves everything of `from` to `to`, set-based, one statement per table. */
  async moveAll(tx: EntityManager, from: string, to: string): Promise<{ moved: Moved; folded: FoldedNotice[]; foldedKeyed: FoldedAccountNotice[] }> {
    const moved: Moved = {};
    let folded: FoldedNotice[] = [];
    let foldedKeyed: FoldedAccountNotice[] = [];
    for (const table of ACCOUNT_SCOPED_TABLES) {
      // A colleague told of both accounts' touches on a day keeps one notice of that day: the survivor's, counting both.
      if (table === 'notice') folded = await seeingRowsAddedBeside(tx, () => foldTouchNoticesOnMerge(tx, from, to));
      // A silence or conflict told at both is one notice, keyed by the survivor (so its next one of the same is not news).
      if (table === 'notice') foldedKeyed = await seeingRowsAddedBeside(tx, () => foldAccountNoticesOnMerge(tx, from, to));
      // A person affiliated with both accounts keeps one affiliation, a colleague watching both one watch: the survivor's.
      moved[table] = await moveWhere(tx, table, to, `t.account_id = $2${keptThere(table)}`, [from], true);
    }
    // A survivor below the merged account in its group (a member merged with its parent) takes the merged account's place
    // there, its parent's parent: re-pointing the merged account's children at the survivor made it its own parent (found by
    // exploratory testing), or a loop through the accounts between. Its parent before is kept for the split.
    const [below]: { parentId: string }[] = await tx.query(
      `WITH RECURSIVE up AS (SELECT parent_id, 1 AS depth FROM account WHERE id = $1
                             UNION ALL SELECT a.parent_id, up.depth + 1 FROM account a JOIN up ON a.id = up.parent_id WHERE up.depth < 100),
            before AS (SELECT parent_id FROM account WHERE id = $1),
            moved AS (UPDATE account s SET parent_id = (SELECT m.parent_id FROM account m WHERE m.id = $2)
                       WHERE s.id = $1 AND EXISTS (SELECT 1 FROM up WHERE up.parent_id = $2) RETURNING s.id)
       SELECT before.parent_id AS "parentId" FROM moved, before`, [to, from]);
    if (below) moved.survivor_parent = [below.parentId];
    const children: { ids: string[] | null }[] = await tx.query(
      `WITH moved AS (UPDATE account SET parent_id = $1 WHERE parent_id = $2 AND id <> $1 RETURNING id) SELECT array_agg(id) AS ids FROM moved`, [to, from]);
    moved.child_account = children[0].ids ?? [];
    return { moved, folded, foldedKeyed };
  },

  /**
   * Moves the listed rows (now in `from`: the merge's `survivor`, or an account it was merged into since) back to `to`:
   * the exact reverse of a merge. Then what the
   * division systems sent for the merge's source records (`recordIds`) after it, on `from` and in no
   * list, follows its records as in any split (moveRecords): else a split restoring a merge left the
   * touchpoints, opportunities and contacts that came since on the survivor, away from their record.
   */
  /**
   * After a split undid a merge: the survivor's industry as it was before the merge when none of its own records names
   * one (it kept the one the merged side's records brought), and the restored account, when named after a record whose
   * name changed while the merge stood, takes that name (merged away, it was not renamed with its record meanwhile).
   */
  async restoreFacts(tx: EntityManager, survivorId: string, restoredId: string, kept: KeptByMerge): Promise<void> {
    if ('survivor_industry' in kept) {
      await tx.query(
        `UPDATE account a SET industry = $2 WHERE a.id = $1
            AND NOT EXISTS (SELECT 1 FROM source_account_record s WHERE s.account_id = a.id AND s.raw ? 'industry')`, [survivorId, kept.survivor_industry ?? null]);
    }
    const renamed: { id: string; name: string }[] = await tx.query(
      `SELECT DISTINCT ON (a.id) a.id, s.name FROM account a JOIN source_account_record s ON s.account_id = a.id
        WHERE a.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM source_account_record o WHERE o.account_id = a.id AND o.name = a.name)
          AND EXISTS (SELECT 1 FROM source_record_version v WHERE v.record_id = s.id AND v.raw->>'name' = a.name)
        ORDER BY a.id, s.created_at, s.id`, [[restoredId]]);
    for (const r of renamed) await tx.query(`UPDATE account SET name = $2, name_key = $3, updated_at = now() WHERE id = $1`, [r.id, r.name, nameKey(r.name)]);
  },

  /** The accounts from a merge's survivor to `root`, the live account it is in now (itself when not merged since). */
  async chainOf(tx: EntityManager, survivor: string, root: string): Promise<string[]> {
    return survivor === root ? [root] : mergedOnTo(tx, survivor, root);
  },

  /**
   * `merge`: the merge undone (its survivor, `from` or an account merged into `from` since, and when it was made). The
   * parents it changed are given back as giveParentsBack says, with the notes of how they were placed the merge kept; those
   * given back (`parentsGivenBack`) and those kept (`parentKept`) are returned for the audit trail.
   */
  async moveBack(
    tx: EntityManager, moved: KeptByMerge, recordIds: string[], from: string, to: string, merge: { id: string; survivor: string; mergedAt: Date },
  ): Promise<{ back: Moved; parentKept: ParentKept[]; parentsGivenBack: string[] }> {
    const { survivor, mergedAt } = merge;
    const back: Moved = {};
    // A one-per-owner row a later merge of the survivor left with it (the owner had one where it went) is still there.
    const chain = survivor === from ? [from] : await mergedOnTo(tx, survivor, from);
    for (const table of ACCOUNT_SCOPED_TABLES) {
      // Touch notices counting per record are not taken back whole: touches of the survivor's may have been added to them
      // (or they to the survivor's) while the merge stood; moveRecords parts them by record (splitTouchNotices).
      const notParted = table === 'notice' ? ` AND NOT ${keepsRecords('t')}` : '';
      back[table] = ONE_PER_OWNER[table]
        ? await moveWhere(tx, table, to, `$2::uuid IS NOT NULL AND t.account_id = ANY($4::uuid[]) AND t.id = ANY($3::uuid[])${keptThere(table)}`, [from, moved[table] ?? [], chain])
        : await moveWhere(tx, table, to, `t.account_id = $2 AND t.id = ANY($3::uuid[])${keptThere(table)}${notParted}`, [from, moved[table] ?? []]);
    }
    // A touch notice taken back whole is keyed by the account it is at again (the merge gave it the survivor's key).
    await tx.query(`UPDATE notice t SET group_key = ${touchKey('t.account_id::text', 't.group_key')} WHERE t.id = ANY($1::uuid[]) AND t.kind = 'OTHER_DIVISION_TOUCH'`,
      [back.notice ?? []]);
    // So is a silence or conflict notice, and those the merge folded into the survivor's are there again.
    await keyAccountNotices(tx, back.notice ?? []);
    await unfoldAccountNotices(tx, moved.folded_account_notice ?? [], from, to);
    const children = moved.child_account ?? [];
    const { kept: keptChildren, parentKept, given: parentsGivenBack } = await giveParentsBack(tx, moved, chain, to, survivor, mergedAt);
    await handOverToLaterMerges(tx, moved, children, chain, to);
    back.child_account = children.filter((id) => !keptChildren.has(id));
    // The touch notices the merge folded are two again: at once where nothing was added since, else once parted by record.
    await unfoldTouchNotices(tx, moved.folded_notice ?? [], from, to);
    const since = await accountMoves.moveRecords(tx, recordIds, from, to, moved.notice ?? []);
    await restoreFoldedNotices(tx, moved.folded_notice ?? [], from, to);
    await handOverFoldedNotices(tx, merge.id, moved.folded_notice ?? []);
    for (const [table, ids] of Object.entries(since) as [AccountScopedTable, string[]][]) back[table] = [...(back[table] ?? []), ...ids];
    return { back, parentKept, parentsGivenBack };
  },

  /**
   * Moves source records to another account with what follows them: their
   * touchpoints and opportunities, the contacts filed under them, and the
   * stakeholders all of whose contacts moved; the touches notices count of them
   * (`noticesFromThere`: notices that came from `to`, whose parts going back keep their id).
   */
  async moveRecords(tx: EntityManager, recordIds: string[], from: string, to: string, noticesFromThere: readonly string[] = []): Promise<Moved> {
    const moved: Moved = {};
    moved.source_account_record = await moveWhere(tx, 'source_account_record', to, `t.account_id = $2 AND t.id = ANY($3::uuid[])`, [from, recordIds]);
    for (const table of ['touchpoint', 'opportunity'] as const) {
      moved[table] = await moveWhere(tx, table, to, `t.account_id = $2 AND t.source_account_record_id = ANY($3::uuid[])`, [from, recordIds]);
    }
    moved.source_contact_record = await moveWhere(tx, 'source_contact_record', to,
      `t.account_id = $2 AND EXISTS (SELECT 1 FROM source_account_record s WHERE s.id = ANY($3::uuid[])
         AND s.division_id = t.division_id AND s.source_system = t.source_system AND s.external_id = t.account_external_id)`, [from, recordIds]);
    moved.stakeholder = await moveWhere(tx, 'stakeholder', to,
      `t.account_id = $2 AND EXISTS (SELECT 1 FROM source_contact_record c WHERE c.stakeholder_id = t.id AND c.account_id = $1)
         AND NOT EXISTS (SELECT 1 FROM source_contact_record c WHERE c.stakeholder_id = t.id AND c.account_id = $2)`, [from]);
    // A person who has an affiliation at `to` already (one a merge left there, the person having been at both) keeps that one, as
    // moveAll keeps the survivor's: the one here stays, and ends with refreshStakeholders (no record of the person is here now).
    moved.stakeholder_affiliation = await moveWhere(tx, 'stakeholder_affiliation', to,
      `t.account_id = $2 AND t.stakeholder_id = ANY($3::uuid[])${keptThere('stakeholder_affiliation')}`, [from, moved.stakeholder]);
    moved.notice = [...await moveNoticesOf(tx, moved.touchpoint ?? [], from, to), ...await splitTouchNotices(tx, recordIds, from, to, noticesFromThere)];
    // Critical info that a moved record's system sent, or that was learned in a moved touchpoint, follows it;
    // what colleagues asserted in the hub without such a source stays with the account they asserted it for.
    moved.critical_info_assertion = await moveWhere(tx, 'critical_info_assertion', to,
      `t.account_id = $2 AND (t.source_account_record_id = ANY($3::uuid[]) OR t.source_touchpoint_id = ANY($4::uuid[]))`, [from, recordIds, moved.touchpoint]);
    // A conflict between assertions that all went is theirs: its notice goes with them.
    moved.notice.push(...await moveConflictNotices(tx, moved.critical_info_assertion, from, to));
    return moved;
  },

  /** The people whose contact records a merge or split moved (whatever happened to their stakeholder rows). */
  async peopleMoved(tx: EntityManager, moved: Moved): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT DISTINCT stakeholder_id AS id FROM source_contact_record WHERE id = ANY($1::uuid[]) AND stakeholder_id IS NOT NULL`,
      [moved.source_contact_record ?? []],
    );
    return rows.map((r) => r.id);
  },

  /**
   * Records a person's split of `splitIds` from the rest of `accountId` (once
   * moved; `splitBy` as the audit trail names the caller): matching never puts
   * records of the two sides together again
   * (accountsKeptApart). A person's merge of the two (mergeAccounts with
   * `override`) or SAME decision still does.
   */
  async keepApart(tx: EntityManager, accountId: string, splitIds: readonly string[], splitBy: string, reason: string | null): Promise<void> {
    await tx.query(
      `INSERT INTO account_split (stayed_record_ids, split_record_ids, split_by, reason)
       SELECT array_agg(id ORDER BY id), $2::uuid[], $3, $4 FROM source_account_record WHERE account_id = $1`,
      [accountId, splitIds, splitBy, reason],
    );
  },

  /**
   * The affiliations a merge made current again at `accountId` (its survivor)
   * that the split undoing it has ended: ended as they were before the merge
   * (the day the person left, the title they had there), not today. A stint the
   * merge opened is gone already (dropHistoryOfMerge); one it went on with (the
   * person had left the day of the merge) ended today with this split, and ends
   * on its own day again. Found by a seeded test: split two days after the merge,
   * the stint read two days longer. One at an account still merged away (a later
   * merge left it there) is not ended by refreshStakeholders: it ends here when
   * no record of the person is there any longer.
   */
  async endAsBefore(tx: EntityManager, accountId: string, reopened: readonly EndedAffiliation[]): Promise<void> {
    if (reopened.length === 0) return;
    await tx.query(
      `WITH ended AS (
         UPDATE stakeholder_affiliation f SET ended_on = x."endedOn", title = x.title, home = false
           FROM json_to_recordset($2::json) AS x("stakeholderId" uuid, "endedOn" date, title text, "affiliationId" uuid)
          WHERE ${reopenedOne('f', 'x')}
            AND (f.ended_on IS NOT NULL OR NOT EXISTS (SELECT 1 FROM source_contact_record s WHERE s.stakeholder_id = f.stakeholder_id AND s.account_id = f.account_id))
         RETURNING f.id, x."endedOn")
       UPDATE stakeholder_affiliation_stint t SET ended_on = ended."endedOn" FROM ended
        WHERE t.affiliation_id = ended.id AND (t.ended_on IS NULL OR t.ended_on = current_date) AND t.started_on <= ended."endedOn"`,
      [accountId, JSON.stringify(reopened)]);
  },

  /**
   * What a merge wrote into the history of the people whose records it brought to its survivor, taken back by the split
   * undoing it once those records went back (`recordIds`, to `to`): the stints it opened (a person back at an account
   * they had left) where no record of the person is left, and the titles those records said (or stopped saying) while it
   * stood, wherever the person's affiliation is now (one a split undoing an inner merge took back holds them too) but at
   * `to`, where the records are again. Titles written since by records that stayed are kept. Then refreshStakeholders
   * and endAsBefore leave each affiliation as it was.
   *  - `chain`: the survivor and the accounts it was merged into since: a later merge leaves the person's affiliation
   *    at the survivor when the person has one where it goes.
   *  - Titles the merge itself wrote as stopped (null: a division whose record is elsewhere, written when the merge
   *    brought the person back into a stint that division had named them in) carry the merge's time (`since` is the
   *    writing transaction's now(), as is the merge's created_at): found by a seeded test, such a row outlived the split.
   *  - `handed`: stints and stopped titles of earlier merges whose undoing handed them to this one (handOverReturns,
   *    handOverStoppedTitles): written before it.
   */
  async dropHistoryOfMerge(
    tx: EntityManager, chain: readonly string[], to: string, people: readonly string[], merge: { id: string; createdAt: Date }, recordIds: readonly string[],
    handed: { stints?: readonly string[]; titles?: readonly string[] } = {},
  ): Promise<void> {
    const mergedAt = merge.createdAt;
    await tx.query(
      `DELETE FROM stakeholder_affiliation_stint t USING stakeholder_affiliation f
        WHERE t.affiliation_id = f.id AND f.account_id = ANY($1::uuid[]) AND f.stakeholder_id = ANY($2::uuid[]) AND t.ended_on IS NULL
          AND (t.created_at >= $3 OR t.id = ANY($4::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM source_contact_record s WHERE s.stakeholder_id = f.stakeholder_id AND s.account_id = f.account_id)`,
      [chain, people, mergedAt, handed.stints ?? []]);
    await tx.query(
      `DELETE FROM stakeholder_affiliation_title h USING stakeholder_affiliation_stint t, stakeholder_affiliation f
        WHERE h.stint_id = t.id AND t.affiliation_id = f.id AND f.account_id <> $1 AND f.stakeholder_id = ANY($2::uuid[])
          AND ((h.created_at >= $3 AND h.source_contact_record_id = ANY($4::uuid[])) OR h.id = ANY($5::uuid[])
               -- To the microsecond (a Date parameter has milliseconds only).
               OR (h.title IS NULL AND h.since = (SELECT m.created_at FROM account_merge m WHERE m.id = $6)))`,
      [to, people, mergedAt, recordIds, handed.titles ?? [], merge.id]);
  },

  /**
   * The stopped titles (null) the split undoing a merge (`merge`) wrote into stints that records of other merges still
   * standing keep open (of `people`, in the live account `accountId` or one merged into it): its records went, so their
   * division says none there, but only because those merges hold the stint open. Kept with those merges (`stopped_title`),
   * for the split undoing the last of them to drop them with the stint's other traces of the merges. Written in this
   * transaction: `since` is its now(). Found by a seeded test (A <- B, A <- C, undoing A <- B first, a person back at A
   * the day they left kept a null title from B's division after both splits).
   */
  async handOverStoppedTitles(tx: EntityManager, accountId: string, mergeId: string, people: readonly string[]): Promise<void> {
    const held: { mergeId: string; ids: string[] }[] = await tx.query(
      `WITH RECURSIVE inside AS (SELECT $1::uuid AS id UNION SELECT a.id FROM account a JOIN inside i ON a.merged_into_id = i.id),
       stopped AS (
         SELECT h.id, f.stakeholder_id, f.account_id FROM stakeholder_affiliation_title h
           JOIN stakeholder_affiliation_stint t ON t.id = h.stint_id AND t.ended_on IS NULL
           JOIN stakeholder_affiliation f ON f.id = t.affiliation_id
          WHERE h.title IS NULL AND h.since = now() AND f.stakeholder_id = ANY($3::uuid[]) AND f.account_id IN (SELECT id FROM inside))
       SELECT m.id AS "mergeId", array_agg(DISTINCT o.id) AS ids
         FROM account_merge m JOIN stopped o ON EXISTS (
                SELECT 1 FROM source_contact_record s WHERE s.account_id = o.account_id AND s.stakeholder_id = o.stakeholder_id AND m.moved->'source_contact_record' ? s.id::text)
        WHERE m.undone_at IS NULL AND m.id <> $2 AND m.survivor_id IN (SELECT id FROM inside)
        GROUP BY m.id`,
      [accountId, mergeId, people]);
    for (const h of held) {
      await tx.query(
        `UPDATE account_merge SET moved = moved || jsonb_build_object('stopped_title', coalesce(moved->'stopped_title', '[]') || $2::jsonb) WHERE id = $1`,
        [h.mergeId, JSON.stringify(h.ids)]);
    }
  },

  /**
   * The returns a merge made (`reopened`: people back at an account they had left, in a stint it opened or went on with)
   * that other merges still standing hold when the split undoing it has run: the person's records those brought keep the
   * affiliation at `accountId` open, so neither the stint nor the affiliation's end could be given back yet. They are
   * handed to those merges (each, as any may be undone last), for the split undoing the last of them to end the
   * affiliation as before (endAsBefore) and drop the stint (dropHistoryOfMerge). Found by a test: a person who had left
   * days before, brought back by both merges of A <- B, A <- C, kept a stint and the affiliation ended today after both
   * splits (undoing A <- B first). A person held only by records sent here meanwhile came back for real: nothing is handed.
   */
  async handOverReturns(tx: EntityManager, accountId: string, merge: { id: string; createdAt: Date }, reopened: readonly EndedAffiliation[], handedStints: readonly string[]): Promise<void> {
    if (reopened.length === 0) return;
    const held: { mergeId: string; stakeholderId: string; stintId: string | null }[] = await tx.query(
      `WITH RECURSIVE inside AS (SELECT $1::uuid AS id UNION SELECT a.id FROM account a JOIN inside i ON a.merged_into_id = i.id),
       open AS (
         SELECT f.stakeholder_id, f.account_id, (SELECT t.id FROM stakeholder_affiliation_stint t WHERE t.affiliation_id = f.id AND t.ended_on IS NULL
                                     AND (t.created_at >= $3 OR t.id = ANY($4::uuid[]))) AS stint_id
           FROM stakeholder_affiliation f JOIN json_to_recordset($5::json) AS x("stakeholderId" uuid, "affiliationId" uuid) ON ${reopenedOne('f', 'x')}
          WHERE f.ended_on IS NULL)
       SELECT m.id AS "mergeId", o.stakeholder_id AS "stakeholderId", o.stint_id AS "stintId"
         FROM account_merge m JOIN open o ON EXISTS (
                SELECT 1 FROM source_contact_record s WHERE s.account_id = o.account_id AND s.stakeholder_id = o.stakeholder_id AND m.moved->'source_contact_record' ? s.id::text)
        WHERE m.undone_at IS NULL AND m.id <> $2 AND m.survivor_id IN (SELECT id FROM inside)`,
      [accountId, merge.id, merge.createdAt, handedStints, JSON.stringify(reopened)]);
    for (const mergeId of new Set(held.map((h) => h.mergeId))) {
      const mine = held.filter((h) => h.mergeId === mergeId);
      const people = new Set(mine.map((h) => h.stakeholderId));
      await tx.query(
        `UPDATE account_merge SET moved = moved
            || jsonb_build_object('reopened_affiliation', coalesce(moved->'reopened_affiliation', '[]') || $2::jsonb)
            || jsonb_build_object('reopened_stint', coalesce(moved->'reopened_stint', '[]') || $3::jsonb)
          WHERE id = $1`,
        [mergeId, JSON.stringify(reopened.filter((r) => people.has(r.stakeholderId))), JSON.stringify(mine.flatMap((h) => h.stintId ?? []))]);
    }
  },

  /** Keeps with a merge the notices it raised (critical-info conflicts it made): the split undoing it drops them. */
  async keepRaisedNotices(tx: EntityManager, mergeId: string, noticeIds: readonly string[]): Promise<void> {
    if (noticeIds.length === 0) return;
    await tx.query(`UPDATE account_merge SET moved = moved || jsonb_build_object('raised_notice', $2::jsonb) WHERE id = $1`, [mergeId, JSON.stringify(noticeIds)]);
  },

  /** Keeps with these merges the reviews they settled (matchReviews.closeSettled): the split undoing one opens them again. */
  async keepSettled(tx: EntityManager, mergeIds: readonly string[], reviewIds: readonly string[]): Promise<void> {
    if (mergeIds.length === 0 || reviewIds.length === 0) return;
    await tx.query(`UPDATE account_merge SET moved = moved || jsonb_build_object('settled_review', $2::jsonb) WHERE id = ANY($1::uuid[])`,
      [mergeIds, JSON.stringify(reviewIds)]);
  },

  /**
   * Merges `from` into `into`: everything moves, `from` becomes a tombstone
   * pointing at the survivor, and the merge is kept with exactly what it moved
   * (and the merged account as it was) so a split of the same records undoes it.
   * The one way accounts merge, whether a person or matching decided it.
   */
  /** The merges matching made in this transaction (their rows carry its start time). */
  madeByMatchingNow(tx: EntityManager): MatchingMerge[] {
    return matchingMerges.get(tx) ?? [];
  },

  async absorb(
    tx: EntityManager, from: string, into: string, reason: string | null, mergedBy: string, movedBy = mergedBy,
  ): Promise<{ mergeId: string; moved: Moved; parentsMoved: ParentMoved[] }> {
    const [state] = await tx.query(`SELECT to_jsonb(a) AS state, (SELECT s.industry FROM account s WHERE s.id = $2) AS "survivorIndustry" FROM account a WHERE id = $1`, [from, into]);
    const { moved, folded, foldedKeyed } = await accountMoves.moveAll(tx, from, into);
    // `movedBy`: the merge's maker as the accounts it moves name it (as setAccountParent names a person: actorLabel).
    const { notes, parentsMoved } = await noteMovedByMerge(tx, moved, from, into, movedBy);
    // A person whose record came to an account they had left is back there (their affiliation there is current again,
    // in a new stint): kept as it was (its end and title), for the split undoing the merge to end it so again.
    // Affiliations left with `from` (the person had one at `into` too) stay as they are, for a split to restore.
    const people = await accountMoves.peopleMoved(tx, moved);
    const reopened: EndedAffiliation[] = await tx.query(
      `SELECT stakeholder_id AS "stakeholderId", to_char(ended_on, 'YYYY-MM-DD') AS "endedOn", title, id AS "affiliationId" FROM stakeholder_affiliation
        WHERE account_id = $1 AND ended_on IS NOT NULL AND stakeholder_id = ANY($2::uuid[])`, [into, people]);
    await refreshStakeholders(tx, people, { departures: false });
    // The two sides' people meet: those who look like one person are put to a person (kept with the merge, not in what it moved).
    const opened = await reviewPeopleMet(tx, moved.source_contact_record ?? [], into);
    await tx.query(`UPDATE account SET merged_into_id = $1, updated_at = now() WHERE id = $2`, [into, from]);
    const [merge]: { id: string }[] = await tx.query(
      `INSERT INTO account_merge (survivor_id, merged_id, merged_state, moved, reason, merged_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [into, from, state.state, JSON.stringify({
        ...moved, ...(opened.length > 0 ? { opened_review: opened } : {}), ...(reopened.length > 0 ? { reopened_affiliation: reopened } : {}),
        ...(folded.length > 0 ? { folded_notice: folded } : {}), ...(foldedKeyed.length > 0 ? { folded_account_notice: foldedKeyed } : {}),
        ...(notes.length > 0 ? { parent_note: notes } : {}),
        survivor_industry: state.survivorIndustry,
      }), reason, mergedBy],
    );
    if (mergedBy === 'matching') {
      const made: MatchingMerge = { mergeId: merge.id, survivorId: into, mergedId: from, reason: reason ?? '', ...(parentsMoved.length > 0 ? { parentsMoved } : {}) };
      matchingMerges.set(tx, [...(matchingMerges.get(tx) ?? []), made]);
    }
    return { mergeId: merge.id, moved, parentsMoved };
  },
};
