import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { accountMoves } from '../identity/account-moves.repository';
import { groupHeadsPutOnTopNow } from '../matching/group-heads';
import { Principal } from '../auth/principal';
import { UserInputError } from '../common/errors';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { retryTransient } from '../database/transient';
import { batchSize, landedTimes, notAppliedRecords, planBatch, replacedRejections, settleRefusedCopies, STORED_STATUSES, summarise, supersededInBatch } from './batch-plan';
import { heldItems, rejectedItems } from './held-items.repository';
import { landBatch } from './land-batch';
import { MAX_BATCH_ITEMS } from './validation';
import { announceTouchpoints } from '../live/announce';
import { noticeIngested, RECENT_TOUCH_DAYS, TouchpointKey } from '../notices/notice-producers';
import { AppConfig } from '../config/config';
import { Clock } from '../critical-info/clock';
import { APP_CONFIG } from '../config/config.module';
import { IngestBatchInput, IngestItemKind, IngestItemResult, IngestItemStatus, IngestResult, TouchpointRecordInput } from './ingest.types';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async ingest(principal: Principal, batch: IngestBatchInput): Promise<IngestResult> {
    const divisionId = await this.divisionFor(principal, batch.division);
    const sourceSystem = checkSourceSystem(batch.sourceSystem);
    const size = batchSize(batch);
    if (size > MAX_BATCH_ITEMS) throw new UserInputError('batch', `at most ${MAX_BATCH_ITEMS} items in all; this batch has ${size}: split it`);
    // Two ingests (or an ingest and a merge) may take the same locks in another order: a deadlock between them is retried.
    return retryTransient(() => this.db.transaction(async (tx) => {
      const outcome = await ingestBatch(tx, divisionId, sourceSystem, batch, { collisionWindowDays: this.config.notices.collisionWindowDays, now: this.clock.now() });
      await this.audit.record(principal, {
        action: 'INGEST', targetType: 'DIVISION', targetId: divisionId,
        after: { sourceSystem, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, waiting: outcome.waiting, rejected: outcome.rejected },
      }, tx);
      await this.recordMatchingMerges(tx, principal);
      return outcome;
    }));
  }

  /**
   * The merges matching made in this transaction, each on the record as a person's merge is (who sent the batch,
   * when, why): found by exploratory testing, a record that moved a whole account into another left only INGEST.
   * Likewise the group heads it put on top of their group (group-heads.ts).
   */
  private async recordMatchingMerges(tx: EntityManager, principal: Principal): Promise<void> {
    for (const m of accountMoves.madeByMatchingNow(tx)) {
      await this.audit.record(principal, { action: 'MERGE_ACCOUNTS', targetType: 'ACCOUNT', targetId: m.survivorId, after: { ...m, by: 'matching' } }, tx);
    }
    // A new group head matching put above the company that headed its group, and the companies it took along: on the
    // record as a person's setAccountParent is.
    for (const c of groupHeadsPutOnTopNow(tx)) {
      await this.audit.record(principal, {
        action: 'SET_ACCOUNT_PARENT', targetType: 'ACCOUNT', targetId: c.accountId,
        before: { parentId: c.formerParentId }, after: { parentId: c.headId, reason: c.reason, by: 'matching' },
      }, tx);
    }
  }

  /** Resolves the batch's division and checks that the caller may ingest for it. */
  private async divisionFor(principal: Principal, key: string): Promise<string> {
    const division = await this.divisions.findByKey(key);
    // A token of one division is told the same for another division's key and for a key that is none: it cannot learn
    // which divisions exist by asking (found by exploratory testing). The key is quoted at most 60 characters long.
    const quoted = JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
    if (principal.kind === 'integration' && principal.divisionId !== division?.id) {
      throw new GraphQLError(`This integration token ingests for its own division only, not for ${quoted}.`, { extensions: { code: 'FORBIDDEN' } });
    }
    if (!division) throw new UserInputError('batch.division', `the key of an existing division; ${quoted} is none`);
    return division.id;
  }
}

/** What ingest needs to know beyond the batch. */
export interface IngestOptions {
  /** Planned touchpoints of two divisions this many days apart or closer are an upcoming collision (default 7). */
  collisionWindowDays?: number;
  /** Now, by the hub's Clock (what is in the future is said by it); default: the machine's. */
  now?: Date;
}

/**
 * Validates, lands and reports one batch inside `tx`, storing rejected items,
 * writing the notices it causes and announcing new touchpoints to live
 * subscribers (delivered on commit). No access check and no audit: callers
 * (the service, the import command, the demo loader) do those.
 */
export async function ingestBatch(tx: EntityManager, divisionId: string, sourceSystem: string, batch: IngestBatchInput, options: IngestOptions = {}): Promise<IngestResult> {
  const { plan, resumed } = await landBatch(tx, divisionId, sourceSystem, planBatch(batch, { now: options.now }));
  const kept = await heldItems.reject(tx, divisionId, sourceSystem, plan.rejections.map((r) => r.rejection));
  plan.rejections.forEach(({ slot, rejection }, i) => {
    Object.assign(plan.results[slot], { reason: rejection.reason, path: rejection.path, rejectedItemId: kept[i].id });
  });
  // Copies a later copy replaced are kept as they were sent; settled at once when the later one was kept. So are items
  // older (sourceUpdatedAt) than a copy of their record waiting for its account.
  const replaced = replacedRejections(plan);
  const settledNow = [...replaced.settled, ...plan.olderThanWaiting];
  const keptIds = [
    ...await heldItems.reject(tx, divisionId, sourceSystem, settledNow.map((r) => r.rejection), { superseded: true }),
    ...await heldItems.reject(tx, divisionId, sourceSystem, replaced.open.map((r) => r.rejection)),
  ];
  [...settledNow, ...replaced.open].forEach((r, i) => { plan.results[r.slot].rejectedItemId = keptIds[i].id; });
  settleRefusedCopies(plan);
  // The copy each rejected item keeps decides, not the batch's: it may keep a newer one sent before (found by review).
  await rejectedItems.settleSuperseded(tx, supersededInBatch(plan, new Map([...kept, ...keptIds].map((k) => [k.id, k]))));
  // This batch's items only: one that waited and lands now was sent before, maybe before the copy rejected since. No copy
  // of a record whose landing copy was older (sourceUpdatedAt) than the version held or waiting (the same item again, a copy
  // it replaced): nothing of it landed, and a copy rejected before may be newer (found by review: such copies settled it).
  const notApplied = notAppliedRecords(plan);
  const landedAt = landedTimes(plan);
  await rejectedItems.settleLanded(tx, divisionId, sourceSystem, plan.results
    .filter((r) => r.externalId !== null && STORED_STATUSES.has(r.status) && !notApplied.has(`${r.kind}/${r.externalId}`))
    .map((r) => ({ kind: r.kind, externalId: r.externalId!, landedAt: landedAt.get(`${r.kind}/${r.externalId}`) ?? null })));
  const touchpoints = landedTouchpoints(plan.results, resumed);
  await noticeIngested(tx, noticeable(touchpoints, plan.touchpoints), options.collisionWindowDays ?? 7);
  await announceTouchpoints(tx, [...touchpoints.created, ...touchpoints.changed]);
  return summarise(plan.results, resumed);
}

type Landed = { created: (TouchpointKey & { externalId: string })[]; changed: (TouchpointKey & { externalId: string })[] };

function landedTouchpoints(results: IngestItemResult[], resumed: IngestItemResult[]): Landed & { resumedIds: Set<string> } {
  const all = [...results, ...resumed];
  const keys = (status: IngestItemStatus) => all
    .filter((r) => r.kind === IngestItemKind.TOUCHPOINT && r.status === status && r.accountId && r.recordId)
    .map((r) => ({ accountId: r.accountId!, id: r.recordId!, externalId: r.externalId! }));
  return { created: keys(IngestItemStatus.CREATED), changed: keys(IngestItemStatus.UPDATED), resumedIds: new Set(resumed.map((r) => r.recordId!).filter(Boolean)) };
}

/**
 * Only recent and planned touchpoints can raise notices (history does not ring
 * bells): the batch's own dates tell which, so a bulk import of past years
 * costs the notice producers nothing. Items that waited for their account are
 * passed on as they are; the producers check their dates in SQL too.
 */
function noticeable(landed: Landed & { resumedIds: Set<string> }, planned: { input: TouchpointRecordInput }[]): Landed {
  const since = Date.now() - RECENT_TOUCH_DAYS * 86_400_000;
  const recent = new Set(planned.filter((p) => new Date(p.input.occurredAt).getTime() >= since).map((p) => p.input.externalId));
  const keep = (t: TouchpointKey & { externalId: string }) => recent.has(t.externalId) || landed.resumedIds.has(t.id);
  return { created: landed.created.filter(keep), changed: landed.changed.filter(keep) };
}

export function checkSourceSystem(sourceSystem: string): string {
  const trimmed = sourceSystem.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/ -]{0,99}$/.test(trimmed)) {
    throw new UserInputError('batch.sourceSystem', 'a system name of 1 to 100 letters, digits, spaces or . _ : / - (e.g. "exhibits-crm")');
  }
  return trimmed;
}
