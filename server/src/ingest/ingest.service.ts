import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { UserInputError } from '../common/errors';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { knownAccountRecords, writeAccounts } from './account-writer';
import { writeOpportunities, writeTouchpoints } from './activity-writer';
import { batchSize, BatchPlan, planBatch, Planned, result } from './batch-plan';
import { writeContacts } from './contact-writer';
import { heldItems, WaitingItem } from './held-items.repository';
import {
  AccountRecordInput, ContactRecordInput, IngestBatchInput, IngestItemKind, IngestItemResult, IngestItemStatus, IngestResult,
  OpportunityRecordInput, TouchpointRecordInput,
} from './ingest.types';
import { MAX_BATCH_ITEMS } from './validation';

type Dependent = ContactRecordInput | TouchpointRecordInput | OpportunityRecordInput;
const DEPENDENT_LISTS = [
  ['contacts', IngestItemKind.CONTACT],
  ['touchpoints', IngestItemKind.TOUCHPOINT],
  ['opportunities', IngestItemKind.OPPORTUNITY],
] as const;

/** What landing a batch produced, before rejected items are stored. */
interface Landed {
  plan: BatchPlan;
  resumed: IngestItemResult[];
}

/**
 * The way in: validates a division's batch item by item, stores what is valid
 * (set-based, one transaction), resolves new records to accounts and
 * stakeholders, parks items whose account has not arrived, and keeps rejected
 * items with their reason so nothing sent is lost.
 */
@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly divisions: DivisionsRepository,
    private readonly audit: AuditService,
  ) {}

  async ingest(principal: Principal, batch: IngestBatchInput): Promise<IngestResult> {
    const divisionId = await this.divisionFor(principal, batch.division);
    const sourceSystem = checkSourceSystem(batch.sourceSystem);
    const size = batchSize(batch);
    if (size > MAX_BATCH_ITEMS) throw new UserInputError('batch', `at most ${MAX_BATCH_ITEMS} items in all; this batch has ${size}: split it`);
    return this.db.transaction(async (tx) => {
      const { plan, resumed } = await this.land(tx, divisionId, sourceSystem, planBatch(batch));
      const ids = await heldItems.reject(tx, divisionId, sourceSystem, plan.rejections.map((r) => r.rejection));
      plan.rejections.forEach(({ slot, rejection }, i) => {
        Object.assign(plan.results[slot], { reason: rejection.reason, path: rejection.path, rejectedItemId: ids[i] });
      });
      const outcome = summarise(plan.results, resumed);
      await this.audit.record(principal, {
        action: 'INGEST', targetType: 'DIVISION', targetId: divisionId,
        after: { sourceSystem, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, waiting: outcome.waiting, rejected: outcome.rejected },
      }, tx);
      return outcome;
    });
  }

  /** Resolves the batch's division and checks that the caller may ingest for it. */
  private async divisionFor(principal: Principal, key: string): Promise<string> {
    const division = await this.divisions.findByKey(key);
    if (!division) throw new UserInputError('batch.division', `the key of an existing division; "${key}" is none`);
    if (principal.kind === 'integration' && principal.divisionId !== division.id) {
      throw new GraphQLError(`This integration token ingests for its own division only, not for "${key}".`, { extensions: { code: 'FORBIDDEN' } });
    }
    return division.id;
  }

  /** Lands a planned batch inside `tx`: accounts first, then what hangs on them. */
  async land(tx: EntityManager, divisionId: string, sourceSystem: string, plan: BatchPlan): Promise<Landed> {
    const accounts = [...plan.accounts.map((p) => p.input), ...accountsCarried(plan, await this.knownIds(tx, divisionId, sourceSystem, plan))];
    const landedAccounts = await writeAccounts(tx, divisionId, sourceSystem, accounts);
    for (const { slot, input } of plan.accounts) {
      const landed = landedAccounts.get(input.externalId)!;
      Object.assign(plan.results[slot], { status: landed.status, accountId: landed.accountId, recordId: landed.id, path: null });
    }
    const resumed = resumePlan(await heldItems.takeWaiting(tx, divisionId, sourceSystem, accounts.map((a) => a.externalId)), plan);
    const waitingResults = [...plan.results, ...resumed.results];
    const dependents = { contacts: [...plan.contacts, ...resumed.contacts], touchpoints: [...plan.touchpoints, ...resumed.touchpoints], opportunities: [...plan.opportunities, ...resumed.opportunities] };
    const needed = DEPENDENT_LISTS.flatMap(([list]) => dependents[list].map((p) => p.input.accountExternalId));
    const known = await knownAccountRecords(tx, divisionId, sourceSystem, needed);
    const ready = <T extends Dependent>(list: Planned<T>[]) => list.filter((p) => known.has(p.input.accountExternalId));
    await heldItems.wait(tx, divisionId, sourceSystem, DEPENDENT_LISTS.flatMap(([list, kind]) =>
      dependents[list].filter((p) => !known.has(p.input.accountExternalId)).map((p) => {
        Object.assign(waitingResults[p.slot], { status: IngestItemStatus.WAITING, path: null, reason: `account "${p.input.accountExternalId}" of ${sourceSystem} has not arrived yet; this item lands when it does` });
        return { kind, externalId: p.input.externalId, accountExternalId: p.input.accountExternalId, raw: p.input };
      })));
    await heldItems.forgetWaiting(tx, divisionId, sourceSystem, DEPENDENT_LISTS.flatMap(([list, kind]) => ready<Dependent>(dependents[list]).map((p) => ({ kind, externalId: p.input.externalId }))));
    await this.landDependents(tx, divisionId, sourceSystem, known, { contacts: ready(dependents.contacts), touchpoints: ready(dependents.touchpoints), opportunities: ready(dependents.opportunities) }, waitingResults);
    return { plan, resumed: resumed.results };
  }

  private async landDependents(
    tx: EntityManager, divisionId: string, sourceSystem: string, known: Awaited<ReturnType<typeof knownAccountRecords>>,
    lists: { contacts: Planned<ContactRecordInput>[]; touchpoints: Planned<TouchpointRecordInput>[]; opportunities: Planned<OpportunityRecordInput>[] },
    results: IngestItemResult[],
  ): Promise<void> {
    const contacts = await writeContacts(tx, divisionId, sourceSystem, lists.contacts.map((p) => p.input), known);
    for (const p of lists.contacts) {
      const c = contacts.get(p.input.externalId)!;
      Object.assign(results[p.slot], { status: c.status, accountId: c.accountId, stakeholderId: c.stakeholderId, recordId: c.id, path: null });
    }
    // Opportunities before touchpoints: a touchpoint names its opportunity.
    const opportunities = await writeOpportunities(tx, divisionId, sourceSystem, lists.opportunities.map((p) => p.input), known);
    const touchpoints = await writeTouchpoints(tx, divisionId, sourceSystem, lists.touchpoints.map((p) => p.input), known);
    for (const [list, landed] of [[lists.opportunities, opportunities], [lists.touchpoints, touchpoints]] as const) {
      for (const p of list as Planned<Dependent>[]) {
        const item = landed.get(p.input.externalId)!;
        Object.assign(results[p.slot], { status: item.status, accountId: item.accountId, recordId: item.id, path: null });
      }
    }
  }

  private async knownIds(tx: EntityManager, divisionId: string, sourceSystem: string, plan: BatchPlan): Promise<Set<string>> {
    const named = DEPENDENT_LISTS.flatMap(([list]) => plan[list].map((p) => p.input.accountExternalId));
    return new Set((await knownAccountRecords(tx, divisionId, sourceSystem, named)).keys());
  }
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

/** Turns items that waited into a plan of their own (skipping any the batch sends again: the batch is newer). */
function resumePlan(items: WaitingItem[], plan: BatchPlan) {
  const inBatch = new Set(DEPENDENT_LISTS.flatMap(([list, kind]) => plan[list].map((p) => `${kind}|${p.input.externalId}`)));
  const resumed = { contacts: [] as Planned<ContactRecordInput>[], touchpoints: [] as Planned<TouchpointRecordInput>[], opportunities: [] as Planned<OpportunityRecordInput>[], results: [] as IngestItemResult[] };
  const offset = plan.results.length;
  for (const item of items) {
    if (inBatch.has(`${item.kind}|${item.externalId}`)) continue;
    const slot = offset + resumed.results.length;
    resumed.results.push(result(item.kind, item.externalId, IngestItemStatus.CREATED));
    const list = DEPENDENT_LISTS.find(([, kind]) => kind === item.kind)![0];
    const input = item.kind === IngestItemKind.TOUCHPOINT ? { ...item.raw, occurredAt: new Date(String(item.raw.occurredAt)) } : item.raw;
    (resumed[list] as Planned<object>[]).push({ slot, path: `waiting:${item.id}`, input: input as unknown as Dependent });
  }
  return resumed;
}

function summarise(items: IngestItemResult[], resumed: IngestItemResult[]): IngestResult {
  const count = (status: IngestItemStatus) => items.filter((i) => i.status === status).length;
  return {
    items, resumed,
    created: count(IngestItemStatus.CREATED), updated: count(IngestItemStatus.UPDATED), unchanged: count(IngestItemStatus.UNCHANGED),
    waiting: count(IngestItemStatus.WAITING), rejected: count(IngestItemStatus.REJECTED),
  };
}

function checkSourceSystem(sourceSystem: string): string {
  const trimmed = sourceSystem.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/ -]{0,99}$/.test(trimmed)) {
    throw new UserInputError('batch.sourceSystem', 'a system name of 1 to 100 letters, digits, spaces or . _ : / - (e.g. "exhibits-crm")');
  }
  return trimmed;
}
