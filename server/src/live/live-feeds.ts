import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/principal';
import { Notice } from '../notices/notice.types';
import { NoticesService } from '../notices/notices.service';
import { TimelineRepository, TouchpointRow } from '../touchpoints/timeline.repository';
import { CATCH_UP_MARGIN_MS, CatchUpRepository } from './catch-up.repository';
import { LiveChannel, LiveEvents, LiveSignal } from './live-events';
import { LiveQueue } from './live-queue';

/** Most a subscriber catches up after a reconnect; beyond that it is told to reload instead. */
const CATCH_UP_LIMIT = 200;

/** Loads the items a signal names for one key: ids announced, or what changed during a gap. */
type Loader<T> = (key: string, signal: LiveSignal) => Promise<T[]>;

/**
 * Turns a subscriber's signals into rows. One signal object reaches every
 * subscriber of its key on this instance, so the load is shared: a hundred
 * people watching one account cost one query per announcement, not a hundred.
 * Confidentiality is applied later, per subscriber (see LiveResolver).
 */
@Injectable()
export class LiveFeeds {
  private readonly touchpointLoads = new WeakMap<LiveSignal, Map<string, Promise<TouchpointRow[]>>>();
  private readonly noticeLoads = new WeakMap<LiveSignal, Map<string, Promise<Notice[]>>>();

  constructor(
    private readonly events: LiveEvents,
    private readonly timeline: TimelineRepository,
    private readonly noticesService: NoticesService,
    private readonly catchUp: CatchUpRepository,
  ) {}

  /** New or changed touchpoints of an account (its survivor id), as stored: not yet filtered for the caller. */
  touchpoints(accountId: string): AsyncIterableIterator<TouchpointRow> {
    return this.feed('touchpoints', accountId, this.touchpointLoads, async (key, signal) => {
      const ids = signal.kind === 'ids' ? signal.ids : await this.missed(() => this.catchUp.touchpointIds(key, since(signal), CATCH_UP_LIMIT + 1));
      return ids.length ? this.timeline.byIds(key, ids) : [];
    });
  }

  /** The colleague's own notices as they are written or raised again. */
  notices(colleague: Extract<Principal, { kind: 'colleague' }>): AsyncIterableIterator<Notice> {
    return this.feed('notices', colleague.id, this.noticeLoads, async (key, signal) => {
      const ids = signal.kind === 'ids' ? signal.ids : await this.missed(() => this.catchUp.noticeIds(key, since(signal), CATCH_UP_LIMIT + 1));
      return ids.length ? this.noticesService.mine(colleague, ids) : [];
    });
  }

  private feed<T>(channel: LiveChannel, key: string, loads: WeakMap<LiveSignal, Map<string, Promise<T[]>>>, load: Loader<T>): AsyncIterableIterator<T> {
    const shared: Loader<T> = (k, signal) => {
      const byKey = loads.get(signal) ?? new Map<string, Promise<T[]>>();
      loads.set(signal, byKey);
      if (!byKey.has(k)) byKey.set(k, load(k, signal));
      return byKey.get(k)!;
    };
    return expand(this.events.subscribe(channel, key), (signal) => shared(key, signal));
  }

  /** Catching up: too much missed is better reloaded than replayed. */
  private async missed(ids: () => Promise<string[]>): Promise<string[]> {
    const found = await ids();
    if (found.length <= CATCH_UP_LIMIT) return found;
    throw new GraphQLError(`The live connection was interrupted and more than ${CATCH_UP_LIMIT} updates were missed: subscribe again and reload what you show.`, {
      extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
    });
  }
}

function since(signal: LiveSignal): Date {
  return signal.kind === 'gap' ? new Date(signal.since.getTime() - CATCH_UP_MARGIN_MS) : new Date();
}

/**
 * One item per row of each signal. Written as a plain iterator, not an async
 * generator: a generator's return() waits for its pending next(), so an
 * unsubscribe would hang until the next announcement.
 */
function expand<T>(queue: LiveQueue<LiveSignal>, load: (signal: LiveSignal) => Promise<T[]>): AsyncIterableIterator<T> {
  const buffer: T[] = [];
  return {
    async next(): Promise<IteratorResult<T>> {
      while (buffer.length === 0) {
        const pulled = await queue.next();
        if (pulled.done) return { value: undefined, done: true };
        try {
          buffer.push(...(await load(pulled.value)));
        } catch (error) {
          queue.end();
          throw error;
        }
      }
      return { value: buffer.shift()!, done: false };
    },
    return: () => {
      buffer.length = 0;
      queue.end();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw: (error?: unknown) => {
      queue.end();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
