import { parseInstant } from '../common/date-time.scalar';
import {
  AccountRecordInput, ContactRecordInput, CriticalInfoRecordInput, IngestBatchInput, IngestItemKind, IngestItemResult, IngestItemStatus,
  IngestResult, OpportunityRecordInput, TouchpointRecordInput,
} from './ingest.types';
import { canonical, contentHash, recordHash, Rejection, validateItem } from './validation';

/** One item of a batch with its place in the result list. */
export interface Planned<T> {
  slot: number;
  path: string;
  input: T;
  /** When the hub received the item, for one kept aside (waiting for its account, or rejected) and landing later; absent: now. */
  receivedAt?: Date;
  /** The item as sent, before validation (a batch's items): what is kept of it should it be set aside. */
  sent?: Record<string, unknown>;
}

/** A batch split into items to land and items rejected on sight, with one result slot per item. */
export interface BatchPlan {
  accounts: Planned<AccountRecordInput>[];
  contacts: Planned<ContactRecordInput>[];
  touchpoints: Planned<TouchpointRecordInput>[];
  opportunities: Planned<OpportunityRecordInput>[];
  criticalInfo: Planned<CriticalInfoRecordInput>[];
  rejections: { slot: number; rejection: Rejection }[];
  results: IngestItemResult[];
  /** Items sent twice in the batch, the same both times: the copy's slot and the first's (settleCopies). */
  copies: { slot: number; of: number }[];
  /**
   * Earlier copies of a record that a later, different valid copy in the batch replaced: the last copy sent
   * lands, as when the copies come in batches one after the other (settleReplaced).
   */
  replaced: Replaced[];
  /**
   * Slots (of results, then of the items that waited and land with this batch) of items not applied for being older
   * (sourceUpdatedAt) than the version the hub holds: UNCHANGED, yet nothing of theirs landed (versioned-upsert.ts).
   */
  olderThanStored: Set<number>;
  /**
   * Items of the batch not applied for being older (sourceUpdatedAt) than a copy of their record waiting for its
   * account: UNCHANGED, kept as rejected items settled SUPERSEDED (as copies a later one replaced in a batch are);
   * `by`: the slot of the waiting copy, when it lands with this batch.
   */
  olderThanWaiting: { slot: number; rejection: Rejection; by?: number }[];
  /** Now, by the hub's Clock: what is in the future (sourceUpdatedAt, assertedAt) is said by it. */
  now: Date;
}

/** An earlier copy of a record, the copy that lands in its place (the last valid one of the batch), and the copy as sent. */
export interface Replaced {
  slot: number;
  by: number;
  byPath: string;
  rejection: Rejection;
  /**
   * The copy that lands is a newer version of the record than this one (both give sourceUpdatedAt, this one's earlier):
   * that, not its place in the batch, is why it holds, whether it was sent before or after this one.
   */
  byTime?: true;
  /** When this copy's system changed it (sourceUpdatedAt, ms), when it says: compared with each copy that takes its place. */
  at: number | null;
}

export const LISTS = [
  ['accounts', IngestItemKind.ACCOUNT],
  ['contacts', IngestItemKind.CONTACT],
  ['touchpoints', IngestItemKind.TOUCHPOINT],
  ['opportunities', IngestItemKind.OPPORTUNITY],
  ['criticalInfo', IngestItemKind.CRITICAL_INFO],
] as const;

export function result(kind: IngestItemKind, externalId: string | null, status: IngestItemStatus, more: Partial<IngestItemResult> = {}): IngestItemResult {
  return { kind, externalId, status, reason: null, path: null, warnings: [], accountId: null, stakeholderId: null, recordId: null, rejectedItemId: null, ...more };
}

/** When an item's system last changed its record (sourceUpdatedAt, a Date once validated), in ms; null when not said. */
export function sourceTime(item: { sourceUpdatedAt?: unknown }): number | null {
  return item.sourceUpdatedAt instanceof Date ? item.sourceUpdatedAt.getTime() : null;
}

/** Whether a version said to be changed at `time` is older than one changed at `than`: only when both say when. */
export function olderThan(time: number | null, than: number | null): boolean {
  return time !== null && than !== null && time < than;
}

/**
 * Validates every item. Of valid copies of one record (one externalId in a list), the last one sent lands, as
 * it would if each came in a batch of its own: a system that sends its changes in order means the last one,
 * however they were cut into batches (found: the first one landed and the later ones were rejected). Copies
 * that say when their system changed them (sourceUpdatedAt) are taken by that instead: the latest one lands,
 * wherever it was sent (of equal times, the last sent), as it would in batches of their own sent out of order.
 * An invalid copy is rejected on its own and replaces nothing: the valid copy before it lands. `now`: the hub's Clock's.
 */
export function planBatch(batch: IngestBatchInput, { pathPrefix = '', now = new Date() }: { pathPrefix?: string; now?: Date } = {}): BatchPlan {
  const plan: BatchPlan = {
    accounts: [], contacts: [], touchpoints: [], opportunities: [], criticalInfo: [], rejections: [], results: [], copies: [], replaced: [], olderThanStored: new Set(), olderThanWaiting: [], now,
  };
  for (const [list, kind] of LISTS) {
    // The copy of each externalId that lands so far (the latest valid one): its index, slot, validated item and item as sent.
    const latest = new Map<string, { index: number; slot: number; path: string; item: Record<string, unknown>; sent: Record<string, unknown> }>();
    // Items refused as they were sent, by content whenever their system changed it (refusedIdentity): the same refused
    // item twice is one rejected item (it made two), kept as its newest copy (sourceUpdatedAt, else the last sent; one
    // that says a valid time holds over one that says none to go by).
    const refused = new Map<string, { slot: number; index: number; rejection: Rejection }>();
    (batch[list] ?? []).forEach((input: object, index: number) => {
      const item = input as Record<string, unknown>;
      const path = `${pathPrefix}${list}[${index}]`;
      const externalId = typeof item.externalId === 'string' ? item.externalId : null;
      const slot = plan.results.length;
      plan.results.push(result(kind, externalId, IngestItemStatus.REJECTED, { path }));
      // Validation puts instants back as Dates: a rejected item is kept as it was sent (found by exploratory testing:
      // "1900-01-01T05:00:00+14:00" was kept as "1899-12-31T15:00:00.000Z").
      const sent = { ...item };
      const { error, warnings } = validateItem(kind, item, now);
      plan.results[slot].warnings = warnings;
      if (error) {
        const raw = canonical(sent);
        const rejection: Rejection = { kind, externalId, path: `${path}.${error.field}`, reason: `${error.field} ${error.message}`, raw };
        const identity = contentHash(refusedIdentity(raw));
        const same = refused.get(identity);
        if (same && (contentHash(raw) === contentHash(same.rejection.raw) || keptRefusedCopyHolds(rejection, same.rejection))) {
          Object.assign(plan.results[slot], { warnings: [...warnings, `the same as ${list}[${same.index}] of this batch: rejected once`] });
          plan.copies.push({ slot, of: same.slot });
          return;
        }
        if (same) {
          // A newer copy of the same refused item: it is the one rejected item, kept as it says; the earlier one (and its copies) name it.
          plan.rejections.splice(plan.rejections.findIndex((r) => r.slot === same.slot), 1);
          for (const c of plan.copies) if (c.of === same.slot) c.of = slot;
          plan.copies.push({ slot: same.slot, of: slot });
          plan.results[same.slot].warnings = [...plan.results[same.slot].warnings, `the same as ${list}[${index}] of this batch, a newer copy of it: rejected once`];
        }
        refused.set(identity, { slot, index, rejection });
        plan.rejections.push({ slot, rejection });
        return;
      }
      const earlier = externalId !== null ? latest.get(externalId) : undefined;
      // The same item twice (a system that sends a record once per change it carries): taken once, the copy UNCHANGED.
      if (earlier && sameItem(earlier.item, item)) {
        // The same content said to be changed later: the copy that lands says the later time (the record keeps it).
        if (olderThan(sourceTime(earlier.item), sourceTime(item)) || (sourceTime(earlier.item) === null && sourceTime(item) !== null)) {
          earlier.item.sourceUpdatedAt = item.sourceUpdatedAt;
        }
        Object.assign(plan.results[slot], { status: IngestItemStatus.UNCHANGED, warnings: [...warnings, `the same as ${list}[${earlier.index}] of this batch: taken once`] });
        plan.copies.push({ slot, of: earlier.slot });
        return;
      }
      const planned = plan[list] as Planned<object>[];
      // An older version than the copy sent before it: that one holds, as it would had this come in a later batch.
      if (earlier && olderThan(sourceTime(item), sourceTime(earlier.item))) {
        plan.replaced.push({ slot, by: earlier.slot, byPath: earlier.path, byTime: true, at: sourceTime(item), rejection: { kind, externalId, path, reason: '', raw: canonical(sent) } });
        return;
      }
      if (earlier) {
        planned.splice(planned.findIndex((p) => p.slot === earlier.slot), 1);
        // Copies this one replaced before name the one that lands now, and why it holds over each: newer by sourceUpdatedAt
        // when both say and it is later (found by exploratory testing: sent v1, v3, v2, v1's reason said the last copy sent
        // held, though v3 landed for its time), else as the last copy sent.
        const newer = (at: number | null) => (olderThan(at, sourceTime(item)) ? true : undefined);
        for (const r of plan.replaced) if (r.by === earlier.slot) Object.assign(r, { by: slot, byPath: path, byTime: newer(r.at) });
        const at = sourceTime(earlier.item);
        plan.replaced.push({ slot: earlier.slot, by: slot, byPath: path, byTime: newer(at), at, rejection: { kind, externalId, path: earlier.path, reason: '', raw: canonical(earlier.sent) } });
      }
      if (externalId !== null) latest.set(externalId, { index, slot, path, item, sent });
      planned.push({ slot, path, input, sent });
    });
  }
  return plan;
}

/** Two items of one list that say the same (validated: their instants are Dates), whenever each says it was changed. */
function sameItem(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return recordHash(a) === recordHash(b);
}

/** The outcomes of an item whose record is stored now. */
export const STORED_STATUSES: ReadonlySet<IngestItemStatus> = new Set([IngestItemStatus.CREATED, IngestItemStatus.UPDATED, IngestItemStatus.UNCHANGED]);

/**
 * Why the item in a slot was not applied though UNCHANGED: older (sourceUpdatedAt) than the version the hub holds, or than
 * a copy of its record waiting for its account; null when it was (or was not left alone for that).
 */
export function notAppliedFor(plan: BatchPlan, slot: number): string | null {
  if (plan.olderThanStored.has(slot)) return 'older than the version the hub holds';
  if (plan.olderThanWaiting.some((o) => o.slot === slot)) return 'older than the version of this record waiting for its account';
  return null;
}

/**
 * The records (kind/externalId) of the batch whose landing copy was not applied (notAppliedFor): every copy of them in the
 * batch (the same item twice, a copy it replaced) landed nothing, so none settles a rejected copy, which may be newer.
 */
export function notAppliedRecords(plan: BatchPlan): Set<string> {
  const records = new Set<string>();
  for (const slot of [...plan.olderThanStored, ...plan.olderThanWaiting.map((o) => o.slot)]) {
    const r = plan.results[slot];
    if (r && r.externalId !== null) records.add(`${r.kind}/${r.externalId}`);
  }
  return records;
}

/**
 * The results of copies a later copy replaced, once that one landed: UNCHANGED (they changed nothing the
 * hub keeps), with the record it landed in and a reason naming it. Before settleCopies: their own identical
 * copies take these results.
 */
export function settleReplaced(plan: BatchPlan): void {
  for (const r of plan.replaced) {
    const later = plan.results[r.by];
    if (!kept(later)) continue;
    const where = later.status === IngestItemStatus.WAITING ? 'waits for its account' : 'landed';
    // Nothing landed: the copy taken in its place was itself left alone (older than what the hub holds or keeps waiting).
    const why = notAppliedFor(plan, r.by);
    if (why) {
      r.rejection.reason = r.byTime
        ? `a newer version of this record (sourceUpdatedAt), ${r.byPath} of this batch, was taken in its place and was not applied either (${why}): this one is older and is not applied`
        : `a later copy of this record, ${r.byPath} of this batch, was taken in its place and was not applied either (${why}): this one is not applied`;
    } else {
      r.rejection.reason = r.byTime
        ? `a newer version of this record (sourceUpdatedAt), ${r.byPath} of this batch, ${where} in its place: this one is older and is not applied`
        : `a later copy of this record, ${r.byPath} of this batch, ${where} in its place: the last copy sent holds, and this one is not applied`;
    }
    Object.assign(plan.results[r.slot], {
      status: IngestItemStatus.UNCHANGED, path: null, reason: r.rejection.reason,
      accountId: later.accountId, stakeholderId: later.stakeholderId, recordId: later.recordId,
    });
  }
}

/**
 * Copies that a later copy replaced, stored as rejected items settled at once (SUPERSEDED, as when the later
 * copy comes in a later batch): nothing sent is lost, and none waits to be re-processed. Should the later copy
 * not have been kept (not stored, not waiting), the earlier one stays rejected and open, to be re-processed.
 */
export function replacedRejections(plan: BatchPlan): { settled: Replaced[]; open: Replaced[] } {
  const settled = plan.replaced.filter((r) => kept(plan.results[r.by]));
  const open = plan.replaced.filter((r) => !kept(plan.results[r.by]));
  for (const r of open) {
    r.rejection.reason = `a later copy of this record, ${r.byPath} of this batch, was sent to replace it but was not stored: this copy is kept to be re-processed`;
    Object.assign(plan.results[r.slot], { status: IngestItemStatus.REJECTED, path: r.rejection.path, reason: r.rejection.reason });
  }
  return { settled, open };
}

/** Whether an item's record is stored now or waits for its account (kept, and landing when it comes). */
function kept(r: IngestItemResult): boolean {
  return STORED_STATUSES.has(r.status) || r.status === IngestItemStatus.WAITING;
}

/** A copy's result once its first landed: the first's record, account and person, UNCHANGED (or what the first is if it was not stored). */
export function settleCopies(plan: BatchPlan): void {
  for (const { slot, of } of plan.copies) {
    const first = plan.results[of];
    // A copy of an item that waits for its account is taken once too: one waiting item (it counted as waiting twice).
    const stored = STORED_STATUSES.has(first.status) || first.status === IngestItemStatus.WAITING;
    Object.assign(plan.results[slot], {
      ...first, path: stored ? null : plan.results[slot].path, status: stored ? IngestItemStatus.UNCHANGED : first.status,
      rejectedItemId: null, warnings: plan.results[slot].warnings,
    });
  }
}

/**
 * Once the batch's rejected items are stored: a copy of a refused item is refused with it, under its own
 * place in the batch, naming the one rejected item both are.
 */
export function settleRefusedCopies(plan: BatchPlan): void {
  for (const { slot, of } of plan.copies) {
    const first = plan.results[of];
    if (first.status !== IngestItemStatus.REJECTED) continue;
    const own = /^(?:[^.[]*\.)*?[A-Za-z]+\[\d+\]/.exec(plan.results[slot].path ?? '')?.[0];
    const field = first.path && own ? first.path.replace(/^(?:[^.[]*\.)*?[A-Za-z]+\[\d+\]/, own) : plan.results[slot].path;
    Object.assign(plan.results[slot], { status: IngestItemStatus.REJECTED, reason: first.reason, path: field, rejectedItemId: first.rejectedItemId });
  }
}

/**
 * The rejected items of this batch that a later copy in it has superseded: a record sent refused and then again
 * in a form that was stored holds what came last, as when the two copies come in two batches (found by
 * exploratory testing: the refused first copy stayed open, and re-processing it was refused again). `kept`: the copy
 * each rejected item of the batch keeps, by its id (heldItems.reject).
 */
export function supersededInBatch(plan: BatchPlan, kept: Map<string, { raw: Record<string, unknown>; path: string }>): string[] {
  // Only a rejected item kept in this batch can be superseded in it: most batches have none (keys of every item spared).
  if (!plan.results.some((r) => r.status === IngestItemStatus.REJECTED && r.rejectedItemId)) return [];
  const storedAt = new Map<string, number>();
  // A record whose copy was left alone for being older than another version landed nothing: the refused copy may be newer.
  const notApplied = notAppliedRecords(plan);
  plan.results.forEach((r, slot) => {
    if (r.externalId !== null && STORED_STATUSES.has(r.status) && !notApplied.has(`${r.kind}/${r.externalId}`)) storedAt.set(`${r.kind}/${r.externalId}`, slot);
  });
  // Nor one its system changed later (sourceUpdatedAt) than the copy that landed: it is newer, and stays open. The copy the
  // rejected item keeps (`kept`, by its id) says, not the batch's: a newer one sent before stays (found by review: the
  // batch's older copy decided, and the newer version kept left the queue).
  const landedAt = landedTimes(plan);
  return [...new Set(plan.results.flatMap((r, slot) => {
    const later = r.externalId !== null ? storedAt.get(`${r.kind}/${r.externalId}`) : undefined;
    if (r.status !== IngestItemStatus.REJECTED || !r.rejectedItemId || later === undefined || later <= slot) return [];
    const copy = kept.get(r.rejectedItemId);
    const newer = copy && refusedCopyIsNewer(copy.raw, copy.path, landedAt.get(`${r.kind}/${r.externalId}`) ?? null);
    return newer ? [] : [r.rejectedItemId];
  }))];
}

/**
 * When their system changed the records the batch lands (sourceUpdatedAt of the copy of each that lands, in ms; the
 * later time of the same item sent twice included), by kind/externalId; absent: not said.
 */
export function landedTimes(plan: BatchPlan): Map<string, number> {
  const times = new Map<string, number>();
  for (const [list, kind] of LISTS) {
    if (list === 'criticalInfo') continue;
    for (const { input } of plan[list] as Planned<{ externalId: string; sourceUpdatedAt?: unknown }>[]) {
      const at = sourceTime(input);
      if (at !== null) times.set(`${kind}/${input.externalId}`, at);
    }
  }
  return times;
}

/**
 * What tells one refused item from another: its content as sent, without when its system changed it (sourceUpdatedAt),
 * as for versions (versionContent): the same refused content sent again with another time is the same rejected item,
 * not a second one open beside it (issue 4).
 */
export function refusedIdentity(raw: Record<string, unknown>): Record<string, unknown> {
  if (!('sourceUpdatedAt' in raw)) return raw;
  const rest = { ...raw };
  delete rest.sourceUpdatedAt;
  return rest;
}

/**
 * When a refused copy (as kept: its raw and the path of why it was refused) says its system changed it, in ms; null
 * when it does not say, says no instant, or was refused for that time (then it says none to go by).
 */
export function refusedCopyTime(raw: Record<string, unknown>, path: string): number | null {
  const sentAt = raw.sourceUpdatedAt;
  if (typeof sentAt !== 'string' || path.endsWith('.sourceUpdatedAt')) return null;
  return parseInstant(sentAt)?.getTime() ?? null;
}

/**
 * Whether the copy `kept` of a refused item holds over a copy `later` of it received after (the same refused item:
 * refusedIdentity): it says when its system changed it (a valid time, not the reason it was refused) and `later` says an
 * earlier time (an older copy sent late), or none to go by (none, one that is no instant, or one refused for itself, as
 * in the future): a resend without a usable time replaced the kept time, and an older copy landing then settled the newer
 * refused version (found by review). Else `later` is the newer copy (by time, or by arrival), kept in its place.
 */
export function keptRefusedCopyHolds(later: { raw: Record<string, unknown>; path: string }, kept: { raw: Record<string, unknown>; path: string }): boolean {
  const [at, keptAt] = [refusedCopyTime(later.raw, later.path), refusedCopyTime(kept.raw, kept.path)];
  return keptAt !== null && (at === null || at < keptAt);
}

/**
 * Whether a refused copy (as kept: its raw, and the path of why it was refused) says its system changed it
 * later than the copy of its record that landed (`landedAt`, ms): both say when, the refused one a valid instant that
 * was not itself the reason, and later. Then the landed copy does not settle it. Else arrival decides.
 */
export function refusedCopyIsNewer(raw: Record<string, unknown>, path: string, landedAt: number | null): boolean {
  const at = refusedCopyTime(raw, path);
  return landedAt !== null && at !== null && at > landedAt;
}

export function batchSize(batch: IngestBatchInput): number {
  return LISTS.reduce((n, [list]) => n + (batch[list]?.length ?? 0), 0);
}

/**
 * A stored item (waiting or rejected, kept as canonical JSON) as ingest input again: instants were kept as ISO
 * strings (a valid one), or as sent (a rejected one), read again as they are read when sent (validation.ts).
 */
export function inputFromRaw(kind: IngestItemKind, raw: Record<string, unknown>): Record<string, unknown> {
  const fields = kind === IngestItemKind.TOUCHPOINT ? ['occurredAt', 'sourceUpdatedAt'] : kind === IngestItemKind.CRITICAL_INFO ? ['assertedAt'] : ['sourceUpdatedAt'];
  let input = raw;
  for (const field of fields) {
    const text = raw[field];
    const at = typeof text === 'string' ? parseInstant(text) : null;
    if (at) input = { ...input, [field]: at };
  }
  return input;
}

/** The payload of an ingest: per-item results and their counts. */
export function summarise(items: IngestItemResult[], resumed: IngestItemResult[]): IngestResult {
  const count = (status: IngestItemStatus) => items.filter((i) => i.status === status).length;
  return {
    items, resumed,
    created: count(IngestItemStatus.CREATED), updated: count(IngestItemStatus.UPDATED), unchanged: count(IngestItemStatus.UNCHANGED),
    waiting: count(IngestItemStatus.WAITING), rejected: count(IngestItemStatus.REJECTED),
  };
}
