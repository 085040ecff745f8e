import { EntityManager } from 'typeorm';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { Account } from '../accounts/account.entity';
import { Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError, UserInputError } from '../common/errors';
import { ConnectionShape } from '../common/relay/connection';
import { decodeCursor, pageSize, sortKeyConnection, withoutSortKey } from '../common/relay/cursor';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { announceNotices } from '../live/announce';
import { noticeDueTouches, noticeSilentAccounts } from './notice-producers';
import { MarkNoticesReadInput, MarkNoticesReadPayload, Notice, WatchAccountPayload } from './notice.types';
import { NoticesRepository } from './notices.repository';

const ORDERING = 'notices';

type ColleaguePrincipal = Extract<Principal, { kind: 'colleague' }>;

/** Notices are a colleague's own: other callers (tokens) have no inbox. */
function colleagueOf(principal: Principal): ColleaguePrincipal {
  if (principal.kind !== 'colleague') throw new ForbiddenError();
  return principal;
}

@Injectable()
export class NoticesService {
  constructor(
    private readonly notices: NoticesRepository,
    private readonly accounts: AccountsService,
  ) {}

  /** The caller's notices, newest first; with `accountId`, only those about that account. */
  async myNotices(principal: Principal, args: { first?: number; after?: string; unreadOnly?: boolean; accountId?: string }): Promise<ConnectionShape<Notice>> {
    const me = colleagueOf(principal);
    const limit = pageSize(args.first);
    const after = args.after ? (decodeCursor(ORDERING, args.after, ['instant', 'uuid'] as const)) : undefined;
    const rows = await this.notices.inbox(me.id, limit, !!args.unreadOnly, after, args.accountId);
    const page = sortKeyConnection<Notice>(ORDERING, rows, limit);
    return { ...page, totalCount: await this.notices.count(me.id, !!args.unreadOnly, args.accountId) };
  }

  /** An account's notices for the caller: none for callers without an inbox (tokens). */
  async ofAccount(principal: Principal, accountId: string, args: { first?: number; after?: string; unreadOnly?: boolean }): Promise<ConnectionShape<Notice>> {
    if (principal.kind !== 'colleague') return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
    return this.myNotices(principal, { ...args, accountId });
  }

  async unreadCount(principal: Principal): Promise<number> {
    return this.notices.count(colleagueOf(principal).id, true);
  }

  /** The caller's notices by id (for live delivery); others' are never returned. */
  async mine(principal: Principal, ids: readonly string[]): Promise<Notice[]> {
    if (principal.kind !== 'colleague') return [];
    return (await this.notices.findForColleague(principal.id, ids)).map(withoutSortKey);
  }

  async markRead(principal: Principal, input: MarkNoticesReadInput): Promise<MarkNoticesReadPayload> {
    const me = colleagueOf(principal);
    if (!input.all && !input.ids?.length) throw new UserInputError('input', 'ids (one or more of your notice ids) or all: true');
    const ids = input.all ? 'ALL' : [...new Set(input.ids)];
    const marked = await this.notices.markRead(me.id, ids);
    const known = ids === 'ALL' ? [] : (await this.notices.findForColleague(me.id, ids)).map((n) => n.id);
    return {
      markedIds: marked,
      unknownIds: ids === 'ALL' ? [] : ids.filter((id) => !known.includes(id)),
      unreadCount: await this.notices.count(me.id, true),
    };
  }

  async watch(principal: Principal, accountId: string, watching: boolean): Promise<WatchAccountPayload> {
    const me = colleagueOf(principal);
    // Checked and written under the account's lock: a merge beside it moves the watch, or it is refused (lockForChange).
    const account = await this.notices.transaction(async (tx) => {
      const live = await this.accountOrFail(tx, accountId, 'input.accountId');
      if (watching) await this.notices.watch(me.id, live.id, tx);
      else await this.notices.unwatch(me.id, live.id, tx);
      return live;
    });
    const owner = (await this.notices.owned(me, [account.id])).has(account.id);
    return { account, watching, owner };
  }

  /** Of these accounts, which the caller watches and which they own. */
  async followed(principal: Principal, accountIds: readonly string[]): Promise<{ watched: Set<string>; owned: Set<string> }> {
    if (principal.kind !== 'colleague') return { watched: new Set(), owned: new Set() };
    const [watched, owned] = await Promise.all([this.notices.watched(principal.id, accountIds), this.notices.owned(principal, accountIds)]);
    return { watched, owned };
  }

  /** The account a change names: a merged-away one is refused naming its survivor (watches moved there with the merge). */
  private async accountOrFail(tx: EntityManager, id: string, argument: string): Promise<Account> {
    const account = await this.accounts.lockForChange(tx, id, argument);
    if (!account) throw new NotFoundError(`Account ${id}`);
    return account;
  }
}

/**
 * The silence sweep: a durable job in the sense that its result is rows —
 * a sweep cut short is simply done again by the next one (notices are keyed,
 * so nothing doubles). Instances take turns through an advisory lock.
 */
@Injectable()
export class SilenceSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly log = new Logger('SilenceSweep');

  constructor(
    private readonly notices: NoticesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.notices.sweepMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => void this.run().catch((e: Error) => this.log.warn(`silence sweep failed: ${e.message}`)), minutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Raises ACCOUNT_SILENT notices now; returns how many were new (0 when another instance is sweeping). */
  async run(): Promise<number> {
    return this.notices.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('ourcustomer:silence-sweep')) AS locked`);
      if (!locked) return 0;
      const written = await noticeSilentAccounts(tx, this.config.notices.silentAfterDays);
      await announceNotices(tx, written);
      return written.length;
    });
  }
}

/** Due touchpoints told per transaction of a due-touch sweep, and transactions per pass at most (the next pass goes on). */
const DUE_TOUCHES_PER_STEP = 500;
const DUE_TOUCH_STEPS_PER_PASS = 20;

/**
 * The due-touch sweep: a touchpoint that landed as a plan and whose date has
 * come without a new version is told to the owners and watchers of its account
 * as one landing after it happened is (OTHER_DIVISION_TOUCH, the same rule and
 * told mark: noticeDueTouches). Every instance may sweep; they take turns
 * through an advisory lock, and the told mark keeps a touchpoint told once
 * even beside an ingest of it. Its result is rows: a pass cut short is done by
 * the next one.
 */
@Injectable()
export class DueTouchSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;
  private readonly log = new Logger('DueTouchSweep');

  constructor(
    private readonly notices: NoticesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.notices.dueTouchSweepSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => void this.run().catch((e: Error) => this.log.warn(`due-touch sweep failed: ${e.message}`)), seconds * 1000);
    this.timer.unref();
  }

  /** Stops before the database connections close (at application shutdown), after the pass under way. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Tells the touchpoints due now; returns how many notices it wrote (0 when another instance is sweeping). One pass at a time. */
  run(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private sweep(): Promise<number> {
    return this.notices.background(async (inTransaction) => {
      let written = 0;
      for (let step = 0; step < DUE_TOUCH_STEPS_PER_PASS; step++) {
        const told = await inTransaction(async (tx) => {
          const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('ourcustomer:due-touch-sweep')) AS locked`);
          return locked ? noticeDueTouches(tx, DUE_TOUCHES_PER_STEP) : null;
        });
        if (!told) break;
        written += told.written.length;
        if (told.found < DUE_TOUCHES_PER_STEP) break;
      }
      return written;
    });
  }
}
