import { EntityManager } from 'typeorm';
import { criticalInfoWaitKey, landCriticalInfo } from '../critical-info/ingest-critical-info';
import { arrivedAccountRecords, KnownAccountRecord, knownAccountRecords, lockAccountArrival, lockedAccountRecords, writeAccounts } from './account-writer';
import { writeOpportunities, writeTouchpoints } from './activity-writer';
import { BatchPlan, inputFromRaw, olderThan, Planned, result, settleCopies, settleReplaced, sourceTime, STORED_STATUSES } from './batch-plan';
import { writeContacts } from './contact-writer';
import { UpsertOutcome } from './versioned-upsert';
import { heldItems, WaitingItem } from './held-items.repository';
import { canonical, sourceUpdatedAtOf } from './validation';
import {
  AccountRecordInput, ContactRecordInput, CriticalInfoRecordInput, IngestItemKind, IngestItemResult, IngestItemStatus, OpportunityRecordInput, TouchpointRecordInput,
} from './ingest.types';

type Dependent = ContactRecordInput | TouchpointRecordInput | OpportunityRecordInput;
const DEPENDENT_LISTS = [
  ['contacts', IngestItemKind.CONTACT],
  ['touchpoints', IngestItemKind.TOUCHPOINT],
  ['opportunities', IngestItemKind.OPPORTUNITY],
] as const;

/** What landing a batch produced, before rejected items are stored. */
export interface Landed {
  plan: BatchPlan;
  resumed: IngestItemResult[];
}

/*
 * Landing a validated batch: the one pipeline behind the `ingest` mutation,
 * the import command and the demo loader. Free functions over a transaction,
 * so each caller brings its own.
 */
/** Lands a planned batch inside `tx`: accounts first, then what hangs on them. */
export async function landBatch(tx: EntityManager, divisionId: string, sourceSystem: string, plan: BatchPlan): Promise<Landed> {
  // The accounts of the records this batch changes or hangs rows on, locked before it changes any row of
  // theirs: a merge or split of them waits for this batch, or this batch for it, never each for the other.
  // What it finds also says which accounts the dependents' own account names need not create.
  const knownBefore = await lockedAccountRecords(tx, divisionId, sourceSystem, [
    ...plan.accounts.map((p) => p.input.externalId),
    ...DEPENDENT_LISTS.flatMap(([list]) => (plan[list] as Planned<Dependent>[]).map((p) => p.input.accountExternalId)),
    ...plan.criticalInfo.map((p) => p.input.accountExternalId),
  ]);
  const accounts = [...plan.accounts.map((p) => p.input), ...accountsCarried(plan, new Set(knownBefore.keys()))];
  const landedAccounts = await writeAccounts(tx, divisionId, sourceSystem, accounts, plan.now);
  for (const { slot, input } of plan.accounts) {
    const landed = landedAccounts.get(input.externalId)!;
    Object.assign(plan.results[slot], { status: landed.status, accountId: landed.accountId, recordId: landed.id, path: null });
    olderThanStored(plan, plan.results, slot, landed);
  }
  // New account records: items waiting for them in a batch beside this one have committed before they are taken (lockAccountArrival).
  if ([...landedAccounts.values()].some((a) => a.status === 'CREATED')) await lockAccountArrival(tx, divisionId, sourceSystem);
  const resumed = resumePlan(await heldItems.takeWaiting(tx, divisionId, sourceSystem, accounts.map((a) => a.externalId)), plan, plan.results);
  const waitingResults = [...plan.results, ...resumed.results];
  const dependents = { contacts: [...plan.contacts, ...resumed.contacts], touchpoints: [...plan.touchpoints, ...resumed.touchpoints], opportunities: [...plan.opportunities, ...resumed.opportunities] };
  const needed = DEPENDENT_LISTS.flatMap(([list]) => dependents[list].map((p) => p.input.accountExternalId));
  // Critical info too (landCriticalInfo finds what this found): an account a batch beside this one is storing is waited for here,
  // before the people and opportunity locks, which that batch takes after the arrival lock.
  const known = await dependentsAccounts(tx, divisionId, sourceSystem, [...needed, ...[...plan.criticalInfo, ...resumed.criticalInfo].map((p) => p.input.accountExternalId)], knownBefore, landedAccounts);
  const ready = <T extends Dependent>(list: Planned<T>[]) => list.filter((p) => known.has(p.input.accountExternalId));
  const toWait = DEPENDENT_LISTS.flatMap(([list, kind]) => dependents[list].filter((p) => !known.has(p.input.accountExternalId)).map((p) => ({ p: p as Planned<Dependent>, kind })));
  // A copy older (sourceUpdatedAt) than the one waiting for its record does not replace it (found by review: the older one landed).
  const olderThanWaitingCopy = await heldItems.wait(tx, divisionId, sourceSystem, toWait.map(({ p, kind }) => ({ kind, externalId: p.input.externalId, accountExternalId: p.input.accountExternalId, raw: p.input })));
  toWait.forEach(({ p, kind }, n) => {
    if (olderThanWaitingCopy.has(n)) olderThanWaiting(plan, waitingResults, kind, p, olderThanWaitingCopy.get(n)!);
    else Object.assign(waitingResults[p.slot], { status: IngestItemStatus.WAITING, path: null, reason: `account "${p.input.accountExternalId}" of ${sourceSystem} has not arrived yet; this item lands when it does` });
  });
  const lists = { contacts: ready(dependents.contacts), touchpoints: ready(dependents.touchpoints), opportunities: ready(dependents.opportunities) };
  await landDependents(tx, divisionId, sourceSystem, known, lists, waitingResults, plan);
  // Waiting copies of what landed now are dropped: not for an item that was not applied (older than the version held),
  // and not one changed later (sourceUpdatedAt) than the item that landed, which lands when its account does (found by review).
  await heldItems.forgetWaiting(tx, divisionId, sourceSystem, DEPENDENT_LISTS.flatMap(([list, kind]) => (lists[list] as Planned<Dependent>[])
    .filter((p) => STORED_STATUSES.has(waitingResults[p.slot].status) && !plan.olderThanStored.has(p.slot))
    .map((p) => ({ kind, externalId: p.input.externalId, sourceUpdatedAt: sourceUpdatedAtOf(p.input) }))));
  for (const o of plan.olderThanWaiting) {
    if (o.by === undefined) continue;
    const { accountId, stakeholderId, recordId } = waitingResults[o.by];
    Object.assign(plan.results[o.slot], { accountId, stakeholderId, recordId });
  }
  // Critical info last: it may name a touchpoint or contact of this same batch.
  await landCriticalInfo(tx, divisionId, sourceSystem, [...plan.criticalInfo, ...resumed.criticalInfo], waitingResults, plan);
  settleReplaced(plan);
  settleCopies(plan);
  return { plan, resumed: resumed.results };
}

/**
 * The account records the dependents hang on (arrivedAccountRecords). Those found and locked at the batch's start
 * stay where they were found unless this batch stored new or changed account records: linking them may merge
 * accounts or move records inside this transaction, so then every one is looked up again. A batch of touchpoints
 * for known accounts (the common case) looks up only the records it had not found (three statements fewer per batch).
 */
async function dependentsAccounts(
  tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[],
  before: Map<string, KnownAccountRecord>, landedAccounts: Map<string, { status: string }>,
): Promise<Map<string, KnownAccountRecord>> {
  if ([...landedAccounts.values()].some((a) => a.status !== 'UNCHANGED')) return arrivedAccountRecords(tx, divisionId, sourceSystem, externalIds);
  const known = new Map<string, KnownAccountRecord>();
  for (const id of externalIds) {
    const record = before.get(id);
    if (record) known.set(id, record);
  }
  const missing = [...new Set(externalIds)].filter((id) => !known.has(id));
  for (const [id, record] of await arrivedAccountRecords(tx, divisionId, sourceSystem, missing)) known.set(id, record);
  return known;
}

async function landDependents(
  tx: EntityManager, divisionId: string, sourceSystem: string, known: Awaited<ReturnType<typeof knownAccountRecords>>,
  lists: { contacts: Planned<ContactRecordInput>[]; touchpoints: Planned<TouchpointRecordInput>[]; opportunities: Planned<OpportunityRecordInput>[] },
  results: IngestItemResult[], plan: BatchPlan,
): Promise<void> {
  const contacts = await writeContacts(tx, divisionId, sourceSystem, lists.contacts.map((p) => p.input), known, plan.now, lists.contacts.map((p) => p.receivedAt));
  for (const p of lists.contacts) {
    const c = contacts.get(p.input.externalId)!;
    Object.assign(results[p.slot], { status: c.status, accountId: c.accountId, stakeholderId: c.stakeholderId, recordId: c.id, path: null });
    olderThanStored(plan, results, p.slot, c);
  }
  // Opportunities before touchpoints: a touchpoint names its opportunity.
  const opportunities = await writeOpportunities(tx, divisionId, sourceSystem, lists.opportunities.map((p) => p.input), known, lists.opportunities.map((p) => p.receivedAt));
  const touchpoints = await writeTouchpoints(tx, divisionId, sourceSystem, lists.touchpoints.map((p) => p.input), known, lists.touchpoints.map((p) => p.receivedAt));
  for (const [list, landed] of [[lists.opportunities, opportunities], [lists.touchpoints, touchpoints]] as const) {
    for (const p of list as Planned<Dependent>[]) {
      const item = landed.get(p.input.externalId)!;
      Object.assign(results[p.slot], { status: item.status, accountId: item.accountId, recordId: item.id, path: null });
      olderThanStored(plan, results, p.slot, item);
    }
  }
}

/**
 * An item left alone for being older (sourceUpdatedAt) than the version the hub holds: UNCHANGED, saying why, and
 * marked in the plan (its slot in `results`: the batch's, then those of items that waited): it landed nothing, so it
 * settles no rejected copy of its record (ingest.service.ts) and, re-processed, is set aside (rejected-items.service.ts).
 */
function olderThanStored(plan: BatchPlan, results: IngestItemResult[], slot: number, landed: UpsertOutcome): void {
  if (!landed.olderThan) return;
  results[slot].reason = `older than the version the hub holds (its system changed that one at ${landed.olderThan.toISOString()}): not applied`;
  plan.olderThanStored.add(slot);
}

/**
 * An item of the batch left alone for being older (sourceUpdatedAt) than a copy of its record waiting for its account
 * (kept waiting, or landing now in its place: `by`): UNCHANGED, saying why, and kept as sent as a rejected item settled
 * SUPERSEDED (ingest.service.ts), as an older copy in one batch is. Nothing of it landed: it settles nothing either.
 */
function olderThanWaiting(plan: BatchPlan, results: IngestItemResult[], kind: IngestItemKind, p: Planned<Dependent>, waitingAt: Date | null, by?: number): void {
  const reason = waitingAt
    ? `older than the version of this record waiting for its account (its system changed that one at ${waitingAt.toISOString()}): not applied`
    : 'older than the version of this record waiting for its account: not applied';
  Object.assign(results[p.slot], { status: IngestItemStatus.UNCHANGED, path: null, reason });
  plan.olderThanWaiting.push({ slot: p.slot, by, rejection: { kind, externalId: p.input.externalId, path: p.path, reason, raw: canonical(p.sent ?? p.input) } });
}

/** Account records created from what dependents carry (`accountName`) when their account is neither known nor in the batch. */
function accountsCarried(plan: BatchPlan, known: Set<string>): AccountRecordInput[] {
  const inBatch = new Set(plan.accounts.map((p) => p.input.externalId));
  const carried = new Map<string, AccountRecordInput>();
  for (const [list] of DEPENDENT_LISTS) {
    for (const { input } of plan[list] as Planned<Dependent>[]) {
      const id = input.accountExternalId;
      if (input.accountName?.trim() && !inBatch.has(id) && !known.has(id) && !carried.has(id)) carried.set(id, { externalId: id, name: input.accountName.trim() });
    }
  }
  return [...carried.values()];
}

/**
 * Turns items that waited into a plan of their own. Of a record the batch sends again, the copy changed later
 * (sourceUpdatedAt, when both say) lands, as of copies in one batch (planBatch); else the batch's, sent after:
 * the waiting copy is dropped, or the batch's copy is left alone (olderThanWaiting) and taken out of the plan.
 */
function resumePlan(items: WaitingItem[], plan: BatchPlan, results: IngestItemResult[]) {
  const resumed = { contacts: [] as Planned<ContactRecordInput>[], touchpoints: [] as Planned<TouchpointRecordInput>[], opportunities: [] as Planned<OpportunityRecordInput>[], criticalInfo: [] as Planned<CriticalInfoRecordInput>[], results: [] as IngestItemResult[] };
  if (items.length === 0) return resumed;
  const inBatch = new Map<string, { list: (typeof DEPENDENT_LISTS)[number][0]; kind: IngestItemKind; p: Planned<Dependent> } | null>(
    DEPENDENT_LISTS.flatMap(([list, kind]) => (plan[list] as Planned<Dependent>[]).map((p) => [`${kind}|${p.input.externalId}`, { list, kind, p }] as const)));
  for (const p of plan.criticalInfo) inBatch.set(`${IngestItemKind.CRITICAL_INFO}|${criticalInfoWaitKey(p.input)}`, null);
  const offset = plan.results.length;
  for (const item of items) {
    const key = `${item.kind}|${item.externalId}`;
    if (inBatch.has(key)) {
      const sent = inBatch.get(key);
      const waitingAt = item.kind === IngestItemKind.CRITICAL_INFO ? null : sourceUpdatedAtOf(inputFromRaw(item.kind, item.raw));
      if (!sent || !olderThan(sourceTime(sent.p.input), waitingAt?.getTime() ?? null)) continue;
      const planned = plan[sent.list] as Planned<Dependent>[];
      planned.splice(planned.indexOf(sent.p), 1);
      olderThanWaiting(plan, results, sent.kind, sent.p, waitingAt, offset + resumed.results.length);
    }
    const slot = offset + resumed.results.length;
    if (item.kind === IngestItemKind.CRITICAL_INFO) {
      // Critical info has no externalId of its own (it waited under a key made of its content).
      resumed.results.push(result(item.kind, null, IngestItemStatus.CREATED));
      resumed.criticalInfo.push({ slot, path: `waiting:${item.id}`, input: inputFromRaw(item.kind, item.raw) as unknown as CriticalInfoRecordInput, receivedAt: item.receivedAt });
      continue;
    }
    resumed.results.push(result(item.kind, item.externalId, IngestItemStatus.CREATED));
    const list = DEPENDENT_LISTS.find(([, kind]) => kind === item.kind)![0];
    (resumed[list] as Planned<object>[]).push({ slot, path: `waiting:${item.id}`, input: inputFromRaw(item.kind, item.raw) as unknown as Dependent, receivedAt: item.receivedAt });
  }
  return resumed;
}
