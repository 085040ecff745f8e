import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../critical-info/clock';
import { Principal } from '../auth/principal';
import { UserInputError } from '../common/errors';
import { isUuid } from '../common/ids';
import { retryTransient } from '../database/transient';
import { decodeCursor, pageSize, sortKeyConnection } from '../common/relay/cursor';
import { inputFromRaw, LISTS, notAppliedFor, planBatch, replacedRejections, result, summarise } from './batch-plan';
import { RejectedItemRow, rejectedItems } from './held-items.repository';
import { DismissRejectedItemsResult, MAX_DISMISS, MAX_DISMISS_REASON, RejectedItemDismissal, RejectedItemSettlement } from './rejected-items.types';
import { IngestBatchInput, IngestItemResult, IngestItemStatus, IngestResult } from './ingest.types';
import { landBatch } from './land-batch';
import { UNSTORABLE, validateItem } from './validation';
import { parseInstant } from '../common/date-time.scalar';

const ORDERING = 'rejectedItems:received';

/** The last instant JavaScript's Date knows: checked then, nothing an item says is in the future any more. */
const END_OF_TIME = new Date(8.64e15);

/**
 * Whether a rejected item is refused for its own content, so that no re-processing can land it: the checks of the item
 * alone (validateItem, which re-processing runs first on the item as kept) refuse it whenever it is sent, or it was
 * kept with U+FFFD in place of what cannot be stored (sent again from here it would not be what its system sent).
 * Its system must send it corrected, or an admin dismisses it. Checked at the end of time, not now: an instant still
 * in the future (sourceUpdatedAt) is settled by time. Any other cause lies outside the item and may change meanwhile:
 * a field of the catalogue, a person or record it names, a newer copy, a clash with another item of its batch.
 */
export function refusedForItsContent(item: Pick<RejectedItemRow, 'kind' | 'raw' | 'reason'>): boolean {
  // Included, not at the end: a re-processing adds to the reason (reprocess, `altered`).
  if (item.reason.includes(UNSTORABLE)) return true;
  // A copy: validation writes parsed values back into what it checks.
  return validateItem(item.kind, inputFromRaw(item.kind, structuredClone(item.raw)), END_OF_TIME).error !== null;
}
const MAX_REPROCESS = 1000;

/** Rejected items: listed for admins and re-processed through the same pipeline once the cause is fixed. */
@Injectable()
export class RejectedItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(includeResolved: boolean, first?: number | null, after?: string | null) {
    const limit = pageSize(first);
    const cursor = after ? (decodeCursor(ORDERING, after, ['instant', 'uuid'] as const)) : undefined;
    const rows = await rejectedItems.list(this.db, includeResolved, limit, cursor);
    return sortKeyConnection(ORDERING, rows, limit);
  }

  /**
   * Sends rejected items through ingest again, as they were sent. Those that
   * land are marked resolved; those still refused keep their row, with the new
   * reason. Nothing is duplicated: the rejected row is the one record of it.
   */
  async reprocess(principal: Principal, ids: string[]): Promise<IngestResult> {
    // The limit counts what was sent, before repeats are dropped: whether a call is accepted must not hang on
    // how many of its ids repeat. A repeat within it is harmless (each item is sent once and answers once).
    if (ids.length === 0) throw new UserInputError('ids', `1 to ${MAX_REPROCESS} rejected item ids; this call has none`);
    if (ids.length > MAX_REPROCESS) {
      throw new UserInputError('ids', `1 to ${MAX_REPROCESS} rejected item ids (a repeated id counts each time); this call has ${ids.length}: split it`);
    }
    const malformed = ids.findIndex((id) => !isUuid(id));
    if (malformed >= 0) throw new UserInputError('ids', `rejected item ids; ids[${malformed}] ${JSON.stringify(ids[malformed])} is not one`);
    const unique = [...new Set(ids)];
    const now = this.clock.now();
    // Run again when PostgreSQL breaks a deadlock with another writer (a merge, an ingest): the aborted attempt left nothing.
    return retryTransient(() => this.db.transaction(async (tx) => {
      const found = await rejectedItems.lock(tx, unique);
      unknownIn(ids, found);
      // Items a re-processing has landed since are left alone: sending the same ids again does nothing more.
      const rows = found.filter((r) => r.resolvedAt === null);
      const items: IngestItemResult[] = [];
      const resumed: IngestItemResult[] = [];
      let setAside = 0;
      // Kept with U+FFFD in place of what PostgreSQL cannot store, such an item is no longer what was sent: sent again from
      // here, it landed altered (a name with U+FFFD, an externalId its system never used; found by exploratory testing).
      // Found by the reason anywhere in it, not at its end: the note below ends it after the first re-processing, and the
      // second sent the item on (found in review: it landed with U+FFFD in its name).
      const altered = rows.filter((r) => r.reason.includes(UNSTORABLE));
      for (const r of altered) {
        const note = 'it was kept with U+FFFD in their place, so it cannot be sent again from here: its system must send it again without them';
        const reason = r.reason.endsWith(note) ? r.reason : `${r.reason}; ${note}`;
        await rejectedItems.retry(tx, r.id, r.path, reason);
        items.push(result(r.kind, r.externalId, IngestItemStatus.REJECTED, { rejectedItemId: r.id, path: r.path, reason }));
      }
      for (const group of groupBySource(rows.filter((r) => !altered.includes(r)))) {
        const outcome = await this.retryGroup(tx, group, now);
        items.push(...outcome.items);
        resumed.push(...outcome.resumed);
        setAside += outcome.setAside;
      }
      const outcome = summarise(items, resumed);
      // Those set aside for a newer version or copy (settled, SUPERSEDED) did not land.
      await this.audit.record(principal, {
        action: 'REPROCESS_REJECTED_ITEMS', targetType: 'REJECTED_ITEM', after: { ids: unique, landed: items.length - outcome.rejected - setAside, setAside },
      }, tx);
      return outcome;
    }));
  }

  /**
   * Dismisses rejected items that can never land (a critical-info value refused, then replaced by a valid one, which has no
   * externalId to supersede it; an original too big to store as sent, refused on every re-processing): settled DISMISSED,
   * the row and its raw kept, who, when and why in the audit trail. Items settled before are left as they are.
   */
  async dismiss(principal: Principal, ids: string[], reason: string): Promise<DismissRejectedItemsResult> {
    if (ids.length === 0) throw new UserInputError('ids', `1 to ${MAX_DISMISS} rejected item ids; this call has none`);
    if (ids.length > MAX_DISMISS) {
      throw new UserInputError('ids', `1 to ${MAX_DISMISS} rejected item ids (a repeated id counts each time); this call has ${ids.length}: split it`);
    }
    const why = reason.trim();
    if (why === '') throw new UserInputError('reason', 'a reason saying why the items are dismissed (it is kept in the audit trail)');
    if ([...why].length > MAX_DISMISS_REASON) throw new UserInputError('reason', `is ${[...why].length} characters long; the limit is ${MAX_DISMISS_REASON}`);
    const unique = [...new Set(ids)];
    return retryTransient(() => this.db.transaction(async (tx) => {
      // An id that is no uuid names no item: NOT_FOUND, as any other unknown id.
      const found = new Map((await rejectedItems.lock(tx, unique.filter(isUuid))).map((r) => [r.id, r]));
      const open = unique.filter((id) => found.get(id)?.resolvedAt === null);
      await rejectedItems.dismiss(tx, open);
      const items = unique.map((id) => {
        const row = found.get(id);
        if (!row) return { id, outcome: RejectedItemDismissal.NOT_FOUND, settledAs: null };
        if (row.resolvedAt !== null) return { id, outcome: RejectedItemDismissal.ALREADY_SETTLED, settledAs: row.settledAs };
        return { id, outcome: RejectedItemDismissal.DISMISSED, settledAs: RejectedItemSettlement.DISMISSED };
      });
      await this.audit.record(principal, { action: 'DISMISS_REJECTED_ITEMS', targetType: 'REJECTED_ITEM', after: { reason: why, dismissed: open } }, tx);
      return { items };
    }));
  }

  private async retryGroup(tx: EntityManager, group: RejectedItemRow[], now: Date) {
    // A copy whose record has changed since it was sent is older than what the hub holds: sent again, it would
    // put the older version back (UPDATED) over the one its system sent last. It is left out, and settled. When both
    // say when their system changed them, that decides first (a version received later may be an older one).
    const superseded = await rejectedItems.superseded(tx, group.map((r) => r.id));
    const left = group.filter((r) => superseded.has(r.id)).map((r) => {
      const newer = superseded.get(r.id)!;
      return result(r.kind, r.externalId, IngestItemStatus.UNCHANGED, {
        recordId: newer.recordId, accountId: newer.accountId, rejectedItemId: r.id,
        reason: newer.byTime
          ? `a newer version of this record (version ${newer.version}, changed by its system at ${newer.sourceUpdatedAt!.toISOString()}, after this copy's sourceUpdatedAt) is held: the record keeps it, and this copy is not applied`
          : `a newer version of this record (version ${newer.version}, received ${newer.receivedAt.toISOString()}) landed after this copy was sent: the record keeps it, and this copy is not applied`,
      });
    });
    // Two copies of one record sent again together: the one received last is what its system said last, and is
    // sent; an older one would land first and the newer be refused as "already sent … of this batch".
    const newest = newestCopies(group.filter((r) => !superseded.has(r.id)));
    const rows = group.filter((r) => !superseded.has(r.id) && !newest.olderThan.has(r.id));
    const skipped = group.filter((r) => newest.olderThan.has(r.id)).map((r) => {
      const newer = newest.olderThan.get(r.id)!;
      return result(r.kind, r.externalId, IngestItemStatus.UNCHANGED, {
        rejectedItemId: r.id,
        reason: `a newer copy of this record (rejected item ${newer.id}, received ${newer.receivedAt.toISOString()}) is re-processed with this one: it is sent in this copy's place, and this copy is not applied`,
      });
    });
    left.push(...skipped);
    await rejectedItems.resolve(tx, left.map((r) => r.rejectedItemId!), RejectedItemSettlement.SUPERSEDED);
    if (rows.length === 0) return { items: left, resumed: [], setAside: left.length };
    const batch: IngestBatchInput = { division: '', sourceSystem: rows[0].sourceSystem };
    const order: RejectedItemRow[] = [];
    for (const [list, kind] of LISTS) {
      const mine = rows.filter((r) => r.kind === kind);
      order.push(...mine);
      (batch as unknown as Record<string, unknown[]>)[list] = mine.map((r) => inputFromRaw(r.kind, r.raw));
    }
    const planned = planBatch(batch, { now });
    // Sent again as it was sent, then: an undated critical-info value is said when the hub received it, not now.
    for (const p of planned.criticalInfo) p.receivedAt = order[p.slot].receivedAt;
    const { plan, resumed } = await landBatch(tx, rows[0].divisionId, rows[0].sourceSystem, planned);
    // Paths name the item where it was first sent ("touchpoints[2].occurredAt"), not its place in this re-sent batch.
    for (const r of plan.rejections) r.rejection.path = inOriginalBatch(r.rejection.path, order[r.slot].path);
    for (const { slot, rejection } of plan.rejections) await rejectedItems.retry(tx, order[slot].id, rejection.path, rejection.reason);
    plan.rejections.forEach(({ slot, rejection }) => Object.assign(plan.results[slot], { reason: rejection.reason, path: rejection.path }));
    // Copies of one record received together (in one batch) are sent again together: the last one sent lands in the
    // others' place (planBatch), which are set aside, as are their identical copies; kept open if it did not land.
    const replaced = replacedRejections(plan);
    for (const r of replaced.open) {
      plan.results[r.slot].path = inOriginalBatch(r.rejection.path, order[r.slot].path);
      await rejectedItems.retry(tx, order[r.slot].id, plan.results[r.slot].path!, r.rejection.reason);
    }
    const setAsideSlots = new Set(replaced.settled.map((r) => r.slot));
    for (const r of replaced.settled) {
      const why = notAppliedFor(plan, r.by);
      plan.results[r.slot].reason = why
        ? `a ${r.byTime ? 'newer version (sourceUpdatedAt)' : 'later copy'} of this record sent in the same batch (rejected item ${order[r.by].id}) is re-processed with this one and was taken in its place, and was not applied either (${why}): this copy is not applied`
        : r.byTime
        ? `a newer version of this record (sourceUpdatedAt) sent in the same batch (rejected item ${order[r.by].id}) is re-processed with this one and landed in its place: this copy is older and is not applied`
        : `a later copy of this record sent in the same batch (rejected item ${order[r.by].id}) is re-processed with this one and landed in its place: this copy is not applied`;
    }
    // Older (sourceUpdatedAt) than the version the hub holds, or than a copy waiting for its account: not applied
    // (land-batch.ts), so set aside, not landed.
    for (const slot of [...plan.olderThanStored, ...plan.olderThanWaiting.map((o) => o.slot)]) if (slot < order.length) setAsideSlots.add(slot);
    for (const c of plan.copies) {
      if (!setAsideSlots.has(c.of)) continue;
      plan.results[c.slot].reason = plan.results[c.of].reason;
      setAsideSlots.add(c.slot);
    }
    await rejectedItems.resolve(tx, [...setAsideSlots].map((slot) => order[slot].id), RejectedItemSettlement.SUPERSEDED);
    // Taken but waiting for its account is not landed (found by exploratory testing: the list said it had landed).
    const itemsThat = (now: (status: IngestItemStatus) => boolean) => order.filter((_, slot) => !setAsideSlots.has(slot) && now(plan.results[slot].status)).map((r) => r.id);
    await rejectedItems.resolve(tx, itemsThat((s) => s === IngestItemStatus.WAITING), RejectedItemSettlement.WAITING);
    await rejectedItems.resolve(tx, itemsThat((s) => s !== IngestItemStatus.REJECTED && s !== IngestItemStatus.WAITING), RejectedItemSettlement.LANDED);
    const sent = new Map(plan.results.map((outcome, slot) => [order[slot].id, outcome]));
    for (const item of skipped) {
      // The record the newer copy landed in, when it did.
      const newer = sent.get(newest.olderThan.get(item.rejectedItemId!)!.id);
      if (newer && newer.status !== IngestItemStatus.REJECTED) Object.assign(item, { recordId: newer.recordId, accountId: newer.accountId });
    }
    return { items: [...plan.results.map((outcome, slot) => ({ ...outcome, rejectedItemId: order[slot].id })), ...left], resumed, setAside: left.length + setAsideSlots.size };
  }
}

/**
 * Of rejected copies of one record (kind and externalId; critical info has no
 * externalId), those older than the newest copy, each with that copy: by when
 * their system changed them where both say so (sourceUpdatedAt, as kept), else
 * by when the hub received them. Copies received at the same instant (and
 * changed at the same time) came in one batch, and are sent again as that
 * batch sent them.
 */
function newestCopies(rows: RejectedItemRow[]): { olderThan: Map<string, RejectedItemRow> } {
  const newest = new Map<string, RejectedItemRow>();
  for (const row of rows) {
    if (row.externalId === null) continue;
    const key = `${row.kind}|${row.externalId}`;
    const seen = newest.get(key);
    if (!seen || copyOrder(row, seen) > 0) newest.set(key, row);
  }
  const olderThan = new Map<string, RejectedItemRow>();
  for (const row of rows) {
    const latest = row.externalId === null ? undefined : newest.get(`${row.kind}|${row.externalId}`);
    if (latest && copyOrder(row, latest) < 0) olderThan.set(row.id, latest);
  }
  return { olderThan };
}

/** Negative when rejected copy `a` is older than `b`: by sourceUpdatedAt when both have a valid one that differs, else by receipt. */
function copyOrder(a: RejectedItemRow, b: RejectedItemRow): number {
  const [ta, tb] = [a, b].map((r) => (typeof r.raw.sourceUpdatedAt === 'string' ? parseInstant(r.raw.sourceUpdatedAt)?.getTime() ?? null : null));
  if (ta !== null && tb !== null && ta !== tb) return ta - tb;
  return a.receivedAt.getTime() - b.receivedAt.getTime();
}

/** An id that names no rejected item is a mistake of the caller's (a wrong id), refused before anything is sent again. */
function unknownIn(ids: string[], found: RejectedItemRow[]): void {
  const known = new Set(found.map((r) => r.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown < 0) return;
  const count = new Set(ids.filter((id) => !known.has(id))).size;
  throw new UserInputError('ids', `ids of rejected items; ids[${unknown}] "${ids[unknown]}" names none (${count === 1 ? 'the only such id' : `one of ${count} such ids`}), so nothing was re-processed`);
}

function groupBySource(rows: RejectedItemRow[]): RejectedItemRow[][] {
  const groups = new Map<string, RejectedItemRow[]>();
  for (const row of rows) {
    const key = `${row.divisionId}|${row.sourceSystem}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(row);
  }
  return [...groups.values()];
}

/**
 * A path of a re-sent item with the place it had in the batch it was first sent in: re-processing showed
 * "touchpoints[0].occurredAt" for an item sent as touchpoints[2] (found by exploratory testing).
 */
function inOriginalBatch(path: string, originalPath: string): string {
  const place = /^[A-Za-z]+\[\d+\]/;
  const original = originalPath.match(place)?.[0];
  return original ? path.replace(place, original) : path;
}
