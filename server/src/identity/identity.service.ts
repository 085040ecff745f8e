import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { nameKey } from '../accounts/name-key';
import { AuditService } from '../audit/audit.service';
import { actorLabel, Principal } from '../auth/principal';
import { ConflictError, KeptApartError, mergedAwayError, NotFoundError, UserInputError } from '../common/errors';
import { Clock } from '../critical-info/clock';
import { noticeConflictsOfMerge } from '../critical-info/conflict-notices';
import { isUuid } from '../common/ids';
import { charactersOver } from '../common/text';
import { retryTransient } from '../database/transient';
import { decodeCursor, pageSize, sortKeyConnection } from '../common/relay/cursor';
import { refreshAccounts } from '../matching/account-linker';
import { mergePeople, refreshStakeholders } from '../matching/contact-linker';
import { KeptApart, keptApartDecisions, peopleKeptApartDecisions } from '../matching/link-store';
import { accountMoves, KeptByMerge, LockedAccount, Moved, ParentKept } from './account-moves.repository';
import { MatchDecision, MatchKind, MatchReview, MovedRows } from './identity.types';
import { matchReviews } from './match-reviews.repository';
import { RegistryConflict, registryConflict, registryConflictMessage } from './registry-conflict';

const ORDERING = 'matchReviews:created';
const DECIDED_ORDERING = 'matchReviews:decided';

function movedRows(moved: Moved): MovedRows[] {
  return Object.entries(moved).map(([table, ids]) => ({ table, count: ids?.length ?? 0 }));
}

/** A reason is a sentence or a paragraph for the audit trail and the decided reviews, not a document. */
export const MAX_REASON_LENGTH = 1000;

function checkReason(reason: string | null | undefined): void {
  const long = reason ? charactersOver(reason, MAX_REASON_LENGTH) : null;
  if (long !== null) throw new UserInputError('reason', `at most ${MAX_REASON_LENGTH} characters (got ${long})`);
}

function colleagueOf(principal: Principal): string | null {
  return principal.kind === 'colleague' ? principal.id : null;
}

/**
 * The person's side of identity resolution: reviewing grey-band pairs, and
 * merging and splitting accounts. Every change runs in one transaction and is
 * recorded in the audit trail; a merge is kept with exactly what it moved, so
 * the split of the same records restores the state before it. Merges, splits
 * and review decisions lock their accounts first, all in one order
 * (accountMoves.lockAccounts), then the rows they change: one of two that want
 * the same accounts waits for the other, and then finds its outcome (the
 * review decided, or an account merged: a CONFLICT for the caller). A
 * transaction that PostgreSQL still aborts in a deadlock (with an ingest, whose
 * matching finds the account it merges into only as it goes) is run again
 * (retryTransient).
 */
@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Open reviews oldest first; or, `decided`, the decided and settled ones, the latest decision first. */
  async reviews(first?: number | null, after?: string | null, decided = false) {
    const limit = pageSize(first);
    const ordering = decided ? DECIDED_ORDERING : ORDERING;
    const cursor = after ? decodeCursor(ordering, after, ['instant', 'uuid'] as const) : undefined;
    const rows = decided ? await matchReviews.listDecided(this.db, limit, cursor) : await matchReviews.listOpen(this.db, limit, cursor);
    const page = sortKeyConnection(ordering, rows, limit);
    return { ...page, totalCount: await matchReviews.count(this.db, decided) };
  }

  async resolveReview(principal: Principal, id: string, decision: MatchDecision, reason?: string | null, override = false) {
    if (!isUuid(id)) throw new UserInputError('id', 'a match review id');
    checkReason(reason);
    return retryTransient(() => this.db.transaction(async (tx) => {
      const review = await this.lockReview(tx, id);
      if (!review) throw new NotFoundError('Match review');
      if (review.status === 'OBSOLETE') {
        throw new ConflictError('This match review was settled meanwhile (OBSOLETE): a merge put its two sides together, so nothing is left to decide.');
      }
      if (review.status !== 'OPEN') throw new ConflictError(`This match review was already decided (${review.status}).`);
      await matchReviews.decide(tx, id, decision, colleagueOf(principal), reason?.trim() || null);
      let mergeId: string | null = null;
      // The decisions SAME overrode (override: true), of accounts or of people as the review's kind: kept in the audit entry
      // as MERGE_ACCOUNTS keeps them (found in review: an account review's entry kept none).
      let overrode: KeptApart[] = [];
      let ids: RegistryConflict | null = null;
      let settledAlike: string[] = [];
      const table = review.kind === MatchKind.ACCOUNT ? 'source_account_record' : 'source_contact_record';
      if (decision === MatchDecision.SAME) {
        if (review.kind === MatchKind.ACCOUNT && review.record.accountId !== review.candidate.accountId) {
          await this.lockLive(tx, [review.candidate.accountId!, review.record.accountId!]);
          // A review a split opened again asks about accounts a person kept apart: SAME merges them only when told to, as mergeAccounts.
          overrode = await keptApartDecisions(tx, review.candidate.accountId!, review.record.accountId!);
          // Registry ids that differ, none shared, as for mergeAccounts: the review's two records may agree, the accounts not.
          ids = await registryConflict(tx, review.candidate.accountId!, review.record.accountId!);
          if ((overrode.length > 0 || ids) && !override) {
            throw keptApartError(overrode, 'Decide SAME with override: true to merge them anyway.', 'accounts', ids && { conflict: ids, roles: ['the best candidate\'s account', 'the arrived record\'s account'] });
          }
          mergeId = (await this.mergeIn(tx, principal, review.candidate.accountId!, review.record.accountId!, reason ?? `match review ${id}: same customer`, overrode, ids)).mergeId;
        }
        if (review.kind === MatchKind.STAKEHOLDER && review.record.stakeholderId !== review.candidate.stakeholderId) {
          // Two people a person called different through other records of theirs: SAME merges them only when told to (a merge of
          // people cannot be undone), as for accounts. Without this, a review of a record that came later quietly undid the DIFFERENT.
          overrode = await peopleKeptApartDecisions(tx, review.record.stakeholderId!, review.candidate.stakeholderId!);
          if (overrode.length > 0 && !override) throw keptApartError(overrode, 'Decide SAME with override: true to make them one person anyway.', 'people');
          // The accounts are locked (lockReview) before mergePeople takes contact linking's lock, as an ingest locks the accounts it writes into before it links people: no deadlock.
          await mergePeople(tx, [{ from: review.record.stakeholderId!, into: review.candidate.stakeholderId! }]);
        }
        await tx.query(`UPDATE ${table} SET link_status = 'CONFIRMED', linked_at = now() WHERE id = $1`, [review.record.recordId]);
      } else {
        // The other open reviews between the same two accounts (or people) ask the same: answered with this one, before the
        // record below is asked whether a review of it is still open.
        const [a, b] = review.kind === MatchKind.ACCOUNT ? [review.record.accountId, review.candidate.accountId] : [review.record.stakeholderId, review.candidate.stakeholderId];
        if (a && b && a !== b) {
          const why = reason?.trim();
          settledAlike = await matchReviews.settleSamePair(tx, review.kind, id, a, b, colleagueOf(principal), `Settled by match review ${id} (DIFFERENT)${why ? `: ${why}` : ''}`);
        }
        // Kept apart: the record no longer waits for a person, unless another review of it is still open.
        await tx.query(
          `UPDATE ${table} SET link_status = 'REJECTED', linked_at = now()
            WHERE id = $1 AND link_status = 'REVIEW' AND NOT EXISTS (SELECT 1 FROM match_review r WHERE r.kind = $2 AND r.record_id = $1 AND r.status = 'OPEN')`,
          [review.record.recordId, review.kind],
        );
      }
      // SAME: the person put the two sides together, in the candidate's account or person. DIFFERENT: nothing.
      const together = review.kind === MatchKind.ACCOUNT ? review.candidate.accountId : review.candidate.stakeholderId;
      const settled = await matchReviews.closeSettled(tx, decision === MatchDecision.SAME && together ? { kind: review.kind, clusterId: together } : null);
      if (mergeId) await accountMoves.keepSettled(tx, [mergeId], settled);
      await this.audit.record(principal, {
        action: 'RESOLVE_MATCH_REVIEW', targetType: 'MATCH_REVIEW', targetId: id,
        after: {
          decision, reason: reason ?? null, kind: review.kind, record: review.record.recordId, candidate: review.candidate.recordId,
          ...(overrode.length > 0 ? { overrode } : {}),
          ...(ids ? { overrodeRegistryIds: ids } : {}),
          ...(settledAlike.length > 0 ? { settled: settledAlike } : {}),
        },
      }, tx);
      const after = (await matchReviews.find(tx, id))!;
      const account = review.kind === MatchKind.ACCOUNT ? await this.accounts.findById(after.record.accountId!, tx) : null;
      return { review: after, account, stakeholderId: after.record.stakeholderId };
    }));
  }

  /**
   * Locks a review after the accounts of its two sides, those in the order
   * merges and splits take them (a merge of the same accounts locks them, then
   * closes the reviews it settles: a decision that locked the review first
   * deadlocked with it). The sides are read without a lock first, then again
   * under the review's lock; a side a merge or split moved in between is on an
   * account not locked yet, which is locked in turn.
   */
  private async lockReview(tx: EntityManager, id: string): Promise<MatchReview | null> {
    const locked = new Set<string>();
    let review = await matchReviews.find(tx, id);
    while (review) {
      const more = sideAccounts(review).filter((a) => !locked.has(a));
      if (more.length === 0) return review;
      await accountMoves.lockAccounts(tx, more);
      for (const a of more) locked.add(a);
      review = await matchReviews.lock(tx, id);
    }
    return null;
  }

  async merge(principal: Principal, survivorAsked: string, mergedAsked: string, reason?: string | null, override = false) {
    for (const [arg, id] of [['survivorId', survivorAsked], ['mergedId', mergedAsked]]) if (!isUuid(id)) throw new UserInputError(arg, 'an account id');
    // Ids are read in either case, as account(id:) reads them.
    const [survivorId, mergedId] = [survivorAsked.toLowerCase(), mergedAsked.toLowerCase()];
    if (survivorId === mergedId) throw new UserInputError('mergedId', 'an account other than the survivor');
    checkReason(reason);
    return retryTransient(() => this.db.transaction(async (tx) => {
      await this.lockLive(tx, [survivorId, mergedId], (id) => (id === survivorId ? 'survivorId' : 'mergedId'));
      const apart = await keptApartDecisions(tx, survivorId, mergedId);
      // Two accounts that each give registry ids, none of one being the other's, may be two legal entities: a false merge
      // is the worst error, so the admin is told which account gives which and merges only when saying so (found by
      // exploratory testing: HRB-998877 and CHE-111.222.333 merged in one click, the audit entry silent about it).
      const ids = await registryConflict(tx, survivorId, mergedId);
      if ((apart.length > 0 || ids) && !override) {
        throw keptApartError(apart, 'Merge with override: true to merge them anyway.', 'accounts', ids && { conflict: ids, roles: ['the account that stays', 'the account merged into it'] });
      }
      const { mergeId, moved } = await this.mergeIn(tx, principal, survivorId, mergedId, reason ?? null, apart, ids);
      await accountMoves.keepSettled(tx, [mergeId], await matchReviews.closeSettled(tx, { kind: MatchKind.ACCOUNT, clusterId: survivorId }));
      return { account: (await this.accounts.findById(survivorId, tx))!, mergeId, moved: movedRows(moved) };
    }));
  }

  /**
   * Sets or clears an account's parent (admins): a person's decision, kept with who made it and when, that matching
   * never changes (group-heads.ts). Refused for an account as its own parent, and for a parent below the account in
   * its group (a loop). The account, the parent and the chain above the parent are locked first, in id order as
   * merges lock them (accountMoves.lockAccounts), then the chain is read again: of two changes that would together
   * make a loop (A under B and B under A, or longer), one waits for the other, then finds the loop and is refused.
   * The parent a person already decided, asked for again, writes nothing (no new decision, no audit entry): `changed`
   * says so. The same parent where matching hung the account is a change: it becomes a person's decision.
   */
  async setParent(principal: Principal, input: { accountId: string; parentId?: string | null; reason: string }) {
    const { reason } = input;
    // Clearing takes an explicit null: a client that left the field out cleared a parent by accident (found by exploratory testing).
    if (input.parentId === undefined) throw new UserInputError('input.parentId', 'the new parent\'s account id, or null to clear the parent');
    if (!isUuid(input.accountId)) throw new UserInputError('input.accountId', 'an account id');
    if (input.parentId !== null && !isUuid(input.parentId)) throw new UserInputError('input.parentId', 'an account id, or null to clear the parent');
    // Ids are read in either case, as account(id:) reads them (found by exploratory testing: upper case was NOT_FOUND).
    const accountId = input.accountId.toLowerCase();
    const parentId = input.parentId?.toLowerCase() ?? null;
    if (parentId === accountId) throw new UserInputError('input.parentId', 'an account other than the account itself (null clears the parent)');
    const why = reason.trim();
    if (why === '') throw new UserInputError('input.reason', 'why the account belongs there, for the audit trail');
    const long = charactersOver(why, MAX_REASON_LENGTH);
    if (long !== null) throw new UserInputError('input.reason', `at most ${MAX_REASON_LENGTH} characters (got ${long})`);
    return retryTransient(() => this.db.transaction(async (tx) => {
      const chain = await this.lockWithChain(tx, accountId, parentId);
      const [before]: { parentId: string | null; parentSetBy: string | null; parentDecidedAt: Date | null; name: string }[] = await tx.query(
        `SELECT parent_id AS "parentId", parent_set_by AS "parentSetBy", parent_decided_at AS "parentDecidedAt", name FROM account WHERE id = $1`, [accountId]);
      if (chain.some((c) => c.id === accountId)) {
        const path = [...chain].map((c) => `"${c.name}"`).join(' → ');
        throw new UserInputError('input.parentId',
          `an account that is not below "${before.name}" in its group; "${chain[0].name}" is below it (${path}), so it as the parent would make a loop`);
      }
      if (before.parentId === parentId && before.parentDecidedAt !== null && await this.decidedAsItIs(tx, accountId, parentId)) {
        return { changed: false, account: (await this.accounts.findById(accountId, tx))!, parent: parentId ? await this.accounts.findById(parentId, tx) : null };
      }
      const by = actorLabel(principal).label;
      await tx.query(
        `UPDATE account SET parent_id = $2, parent_set_by = $3, parent_decided_at = now(), parent_placed_at = now(), parent_reason = $4, parent_moved_by = NULL,
                updated_at = now() WHERE id = $1`,
        [accountId, parentId, by, why]);
      await this.audit.record(principal, {
        action: 'SET_ACCOUNT_PARENT', targetType: 'ACCOUNT', targetId: accountId,
        before: { parentId: before.parentId, parentSetBy: before.parentSetBy, parentDecidedAt: before.parentDecidedAt },
        after: { parentId, parentSetBy: by, reason: why },
      }, tx);
      return { changed: true, account: (await this.accounts.findById(accountId, tx))!, parent: parentId ? await this.accounts.findById(parentId, tx) : null };
    }));
  }

  /**
   * Whether the person's last decision on the account's parent is the parent it has: a merge may have moved it
   * since (out of a loop, or under the survivor), and the same parent asked for then is a new decision (found in review:
   * it was taken for the old one, and the split that undid the merge put the account back).
   */
  private async decidedAsItIs(tx: EntityManager, accountId: string, parentId: string | null): Promise<boolean> {
    const [last]: { parentId: string | null }[] = await tx.query(
      `SELECT after->>'parentId' AS "parentId" FROM audit_event WHERE action = 'SET_ACCOUNT_PARENT' AND outcome = 'SUCCESS' AND target_id = $1 ORDER BY at DESC, id DESC LIMIT 1`, [accountId]);
    return last !== undefined && last.parentId === parentId;
  }

  /**
   * Locks an account, its new parent and the chain above that parent FOR UPDATE (accountMoves.lockWithChain), and returns
   * that chain as it is once locked (from the parent up; it ends at the account when the parent is below it). Refuses an
   * account or parent that does not exist or was merged away (naming the survivor, as mergeAccounts does).
   */
  private async lockWithChain(tx: EntityManager, accountId: string, parentId: string | null): Promise<{ id: string; name: string }[]> {
    const { chain, locked } = await accountMoves.lockWithChain(tx, [accountId], parentId);
    for (const [field, id] of [['input.accountId', accountId], ['input.parentId', parentId]] as const) {
      if (id === null) continue;
      const row = locked.find((r) => r.id === id);
      if (!row) throw new NotFoundError(`Account ${id}`);
      if (row.mergedIntoId) throw mergedAwayError(id, field, (await this.accounts.findById(id, tx))?.id ?? row.mergedIntoId);
    }
    return chain;
  }

  /**
   * Locks the accounts (accountMoves.lockAccounts: in id order) and checks they are live; `argumentOf` names the
   * argument each came in (a review's sides came in none: the review's id).
   */
  private async lockLive(tx: EntityManager, ids: string[], argumentOf: (id: string) => string = () => 'a side of the match review'): Promise<Map<string, LockedAccount>> {
    const found = new Map((await accountMoves.lockAccounts(tx, ids)).map((r) => [r.id, r]));
    for (const id of ids) {
      const row = found.get(id);
      if (!row) throw new NotFoundError(`Account ${id}`);
      // The account at the end of the merge chain, as findById reads it (the next one may be merged away too).
      if (row.mergedIntoId) throw mergedAwayError(id, argumentOf(id), (await this.accounts.findById(id, tx))?.id ?? row.mergedIntoId);
    }
    return found;
  }

  /** Merges `mergedId` into `survivorId`, both locked and live (lockLive), with its audit entry. */
  private async mergeIn(tx: EntityManager, principal: Principal, survivorId: string, mergedId: string, reason: string | null, overrode: KeptApart[] = [], overrodeRegistryIds: RegistryConflict | null = null) {
    const noticeNewConflicts = await noticeConflictsOfMerge(tx, survivorId, mergedId, this.clock.now());
    const { mergeId, moved, parentsMoved } = await accountMoves.absorb(tx, mergedId, survivorId, reason, principalLabel(principal), actorLabel(principal).label);
    await refreshAccounts(tx, [survivorId]);
    await accountMoves.keepRaisedNotices(tx, mergeId, await noticeNewConflicts());
    await this.audit.record(principal, {
      action: 'MERGE_ACCOUNTS', targetType: 'ACCOUNT', targetId: survivorId,
      after: {
        survivorId, mergedId, mergeId, reason, moved: Object.fromEntries(movedRows(moved).map((m) => [m.table, m.count])),
        // The accounts it moved in their group, each now saying so (Account.parentDecision: MERGE).
        ...(parentsMoved.length > 0 ? { parentsMoved } : {}),
        ...(overrode.length > 0 ? { overrode } : {}),
        // The registry ids that differed, merged even so (override).
        ...(overrodeRegistryIds ? { overrodeRegistryIds } : {}),
      },
    }, tx);
    return { mergeId, moved };
  }

  async split(principal: Principal, accountAsked: string, sourceRecordIds: string[], reason?: string | null) {
    if (!isUuid(accountAsked)) throw new UserInputError('accountId', 'an account id');
    const accountId = accountAsked.toLowerCase();
    if (sourceRecordIds.length > MAX_SPLIT_RECORDS) {
      throw new UserInputError('sourceRecordIds', `1 to ${MAX_SPLIT_RECORDS} source record ids of the account (a repeated id counts each time); this call has ${sourceRecordIds.length}`);
    }
    const wanted = [...new Set(sourceRecordIds)];
    if (wanted.length === 0 || !wanted.every(isUuid)) throw new UserInputError('sourceRecordIds', 'one or more source record ids of the account');
    checkReason(reason);
    return retryTransient(() => this.db.transaction(async (tx) => {
      await this.lockLive(tx, [accountId], () => 'accountId');
      const records: { id: string; name: string }[] = await tx.query(
        `SELECT id, name FROM source_account_record WHERE account_id = $1 ORDER BY created_at, id`, [accountId]);
      const foreign = wanted.filter((id) => !records.some((r) => r.id === id));
      if (foreign.length > 0) {
        // Named as people know them ("Acme Corp" (crm #A-1)), not by id, where they exist: usually a record a split or merge
        // elsewhere moved while the form was open (found by exploratory testing: the form's error listed raw ids).
        const known: { id: string; name: string; system: string; externalId: string }[] = await tx.query(
          `SELECT id, name, source_system AS system, external_id AS "externalId" FROM source_account_record WHERE id = ANY($1::uuid[])`, [foreign.slice(0, 5)]);
        const told = foreign.slice(0, 5).map((id) => {
          const r = known.find((k) => k.id === id);
          return r ? `"${r.name}" (${r.system} #${r.externalId}), in another account now` : `${id} (no such record)`;
        });
        const named = foreign.length > 5 ? `${told.join(', ')} and ${foreign.length - 5} more` : told.join(', ');
        throw new UserInputError('sourceRecordIds', `source records of this account; not of it: ${named}`);
      }
      if (wanted.length === records.length) throw new UserInputError('sourceRecordIds', 'a part of the account\'s source records, not all of them (at least one must stay)');
      const merge = await this.mergeToUndo(tx, accountId, wanted, records.map((r) => r.id));
      let splitOffId: string;
      let moved: Moved;
      let parentKept: ParentKept[] = [];
      let parentsGivenBack: string[] = [];
      if (merge) {
        splitOffId = merge.mergedId;
        ({ back: moved, parentKept, parentsGivenBack } = await accountMoves.moveBack(tx, merge.moved, wanted, accountId, splitOffId, { id: merge.id, survivor: merge.survivorId, mergedAt: merge.createdAt }));
        await tx.query(`UPDATE account SET merged_into_id = NULL, updated_at = now() WHERE id = $1`, [splitOffId]);
        await tx.query(`UPDATE account_merge SET undone_at = now() WHERE id = $1`, [merge.id]);
      } else {
        splitOffId = randomUUID();
        const first = records.find((r) => r.id === wanted[0])!;
        await tx.query(`INSERT INTO account (id, name, name_key) VALUES ($1, $2, $3)`, [splitOffId, first.name, nameKey(first.name)]);
        moved = await accountMoves.moveRecords(tx, wanted, accountId, splitOffId);
      }
      await accountMoves.keepApart(tx, accountId, wanted, actorLabel(principal).label, reason ?? null);
      const people = [...new Set([...(moved.stakeholder ?? []), ...(await accountMoves.peopleMoved(tx, moved))])];
      if (merge) {
        // The stints and titles the merge brought here go with its records (each person's history as before it).
        const chain = await accountMoves.chainOf(tx, merge.survivorId, accountId);
        await accountMoves.dropHistoryOfMerge(tx, chain, splitOffId, people, merge, moved.source_contact_record ?? [],
          { stints: merge.moved.reopened_stint, titles: merge.moved.stopped_title });
        // A person's affiliation that began here while the merge stood, and has no record here once its records went
        // back, only stood for what the merge brought (another merge's rows kept the person's own one elsewhere):
        // it goes, rather than ending and listing the person among those who moved on from an account never theirs.
        await tx.query(
          `DELETE FROM stakeholder_affiliation f WHERE f.account_id = $1 AND f.stakeholder_id = ANY($2::uuid[]) AND f.ended_on IS NULL AND f.created_at >= $3
              AND NOT EXISTS (SELECT 1 FROM source_contact_record s WHERE s.stakeholder_id = f.stakeholder_id AND s.account_id = $1)`,
          [accountId, people, merge.createdAt]);
      }
      // The people whose records moved are where their records are now (affiliations open or end, account follows).
      await refreshStakeholders(tx, people);
      // An affiliation the merge opened again ends as it had before it, not today; one that records of other merges
      // still standing keep open goes to them, for the split undoing the last of them.
      if (merge) {
        await accountMoves.handOverReturns(tx, accountId, merge, merge.moved.reopened_affiliation ?? [], merge.moved.reopened_stint ?? []);
        await accountMoves.handOverStoppedTitles(tx, accountId, merge.id, people);
        await accountMoves.endAsBefore(tx, accountId, merge.moved.reopened_affiliation ?? []);
      }
      // The reviews the undone merge settled ask their question again (their records wait for the answer: REVIEW).
      if (merge) await matchReviews.reopenSettled(tx, merge.moved.settled_review ?? []);
      // The reviews of people the merge opened, no person having decided them, go with it.
      if (merge) await matchReviews.dropOpened(tx, merge.moved.opened_review ?? []);
      // The conflicts the merge made (and told of) are gone with it.
      if (merge?.moved.raised_notice?.length) await tx.query(`DELETE FROM notice WHERE id = ANY($1::uuid[])`, [merge.moved.raised_notice]);
      // A person decided where these records belong; one a review still asks about waits for its answer (REVIEW, as
      // a DIFFERENT decision leaves it): else a split of a merge undone by another split read CONFIRMED, review open.
      await tx.query(
        `UPDATE source_account_record s SET link_status = 'CONFIRMED', linked_at = now() WHERE s.id = ANY($1::uuid[])
            AND NOT EXISTS (SELECT 1 FROM match_review r WHERE r.kind = 'ACCOUNT' AND r.record_id = s.id AND r.status = 'OPEN')`, [wanted]);
      await refreshAccounts(tx, [accountId, splitOffId]);
      if (merge) await accountMoves.restoreFacts(tx, merge.survivorId, splitOffId, merge.moved);
      await this.audit.record(principal, {
        action: 'SPLIT_ACCOUNT', targetType: 'ACCOUNT', targetId: accountId,
        after: {
          accountId, splitOffId, sourceRecordIds: wanted, restoredMerge: merge?.id ?? null, reason: reason ?? null, moved: Object.fromEntries(movedRows(moved).map((m) => [m.table, m.count])),
          // The parents the undone merge changed that a person placed since, that moved since, or that would close a loop: kept.
          ...(parentKept.length > 0 ? { parentKept } : {}),
          // The parents it gave back, each with how it was placed before the merge (Account.parentDecision as it was).
          ...(parentsGivenBack.length > 0 ? { parentsGivenBack } : {}),
        },
      }, tx);
      return {
        account: (await this.accounts.findById(accountId, tx))!, splitOff: (await this.accounts.findById(splitOffId, tx))!,
        restoredMerge: merge !== null, moved: movedRows(moved),
      };
    }));
  }

  /** The latest merge into this account that brought exactly these source records (of those still here): a split of them undoes it. */
  private async mergeToUndo(tx: EntityManager, accountId: string, recordIds: string[], here: string[]) {
    // Into this account, or into an account merged into it since (A into B, then B into C: splitting A's records from C
    // undoes the first merge as well as splitting B's undoes the second; found by exploratory testing, the inner one made a
    // new account and left A's watches, notices and critical info with C).
    const merges: { id: string; mergedId: string; survivorId: string; moved: KeptByMerge; createdAt: Date }[] = await tx.query(
      `WITH RECURSIVE inside AS (SELECT $1::uuid AS id UNION SELECT a.id FROM account a JOIN inside i ON a.merged_into_id = i.id)
       SELECT id, merged_id AS "mergedId", survivor_id AS "survivorId", moved, created_at AS "createdAt" FROM account_merge
        WHERE survivor_id IN (SELECT id FROM inside) AND undone_at IS NULL ORDER BY created_at DESC`,
      [accountId],
    );
    // Of the records a merge brought, those still here: a merge undone inside it took its own back (A's, from B into C).
    const held = new Set(here);
    const wanted = [...recordIds].sort().join(',');
    return merges.find((m) => (m.moved.source_account_record ?? []).filter((id) => held.has(id)).sort().join(',') === wanted) ?? null;
  }
}

/** The accounts a review's two sides are in (a contact record not in an account yet has none). */
function sideAccounts(review: MatchReview): string[] {
  return [...new Set([review.record.accountId, review.candidate.accountId].filter((a): a is string => a !== null))];
}

/**
 * The refusal of a merge that something keeps apart: a person's decisions (`apart`), and for accounts their registry ids
 * (`ids`, each account named with its part in the merge), then how to merge anyway.
 */
function keptApartError(apart: KeptApart[], howToOverride: string, who: 'accounts' | 'people' = 'accounts',
  ids: { conflict: RegistryConflict; roles: [string, string] } | null = null): KeptApartError {
  const told = apart.map((d) => {
    const what = d.kind === 'SPLIT' ? 'split them apart' : `decided they are different ${who === 'people' ? 'people' : 'customers'}`;
    return `${d.by} ${what} on ${d.at.toISOString().slice(0, 10)}${d.reason ? ` ("${d.reason}")` : ''}`;
  });
  const sentences = [
    ...(apart.length > 0 ? [`These ${who} were kept apart: ${told.join('; ')}.`] : []),
    ...(ids ? [registryConflictMessage(ids.conflict, ids.roles)] : []),
    howToOverride,
  ];
  return new KeptApartError(sentences.join(' '), apart.map((d) => ({ ...d, at: d.at.toISOString() })), ids?.conflict);
}

/** The most source records one splitAccount call names: an account holds far fewer, and the error stays short. */
export const MAX_SPLIT_RECORDS = 1000;

function principalLabel(principal: Principal): string {
  return principal.kind === 'colleague' ? principal.email : principal.kind;
}
