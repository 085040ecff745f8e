import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/ids';
import { CHANGE_CHANNELS, LIVE_CHANNELS } from './announce';
import { LiveQueue } from './live-queue';
import { PgListener } from './pg-listener';

export type LiveChannel = keyof typeof LIVE_CHANNELS;
export type ChangeChannel = keyof typeof CHANGE_CHANNELS;

/**
 * What a subscriber receives: ids announced for its key (an account, a
 * colleague), or word that announcements since `since` may have been missed
 * while the bridge reconnected (the subscriber catches up from the database).
 */
export type LiveSignal = { kind: 'ids'; ids: string[] } | { kind: 'gap'; since: Date };

/** Announcements a subscriber may fall behind by before its subscription ends (see LiveQueue). */
const QUEUE_CAPACITY = 200;

function overflow(): Error {
  return new GraphQLError('You fell too far behind the live updates, so some were dropped: subscribe again and reload what you show.', {
    extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
  });
}

/**
 * The LISTEN/NOTIFY bridge of this server instance: one dedicated connection
 * listens on the announce channels and fans each message out to the in-process
 * subscribers of its key. Every instance behind a load balancer runs one, so a
 * change written through any instance reaches subscribers on all of them. It
 * also tells this instance's in-memory copies of reference data when to drop
 * them (CHANGE_CHANNELS, see onChange).
 */
@Injectable()
export class LiveEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly topics = new Map<string, Set<LiveQueue<LiveSignal>>>();
  private readonly channelOf = new Map<string, LiveChannel>(Object.entries(LIVE_CHANNELS).map(([name, channel]) => [channel, name as LiveChannel]));
  private readonly listener: PgListener;
  /** Callbacks by PostgreSQL channel of CHANGE_CHANNELS. */
  private readonly changeWatchers = new Map<string, Set<() => void>>();

  constructor(@InjectDataSource() db: DataSource) {
    const url = (db.options as { url?: string }).url;
    if (!url) throw new Error('LiveEvents: the data source has no connection URL to listen on');
    this.listener = new PgListener(url, [...Object.values(LIVE_CHANNELS), ...Object.values(CHANGE_CHANNELS)], {
      message: (channel, payload) => this.deliver(channel, payload),
      resumed: (since) => {
        this.broadcast({ kind: 'gap', since });
        // Changes announced while the connection was down were missed: every copy is suspect.
        for (const watchers of this.changeWatchers.values()) for (const changed of [...watchers]) changed();
      },
    });
  }

  /** Listening before the server accepts connections, so no subscriber misses the first announcement. */
  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
    for (const queues of this.topics.values()) for (const queue of [...queues]) queue.end();
  }

  /** Announcements for one key of a channel (an account's touchpoints, a colleague's notices), until the queue ends. */
  subscribe(channel: LiveChannel, key: string): LiveQueue<LiveSignal> {
    const topic = `${channel}|${key}`;
    const queues = this.topics.get(topic) ?? new Set();
    this.topics.set(topic, queues);
    const queue: LiveQueue<LiveSignal> = new LiveQueue(QUEUE_CAPACITY, overflow, () => {
      queues.delete(queue);
      if (queues.size === 0 && this.topics.get(topic) === queues) this.topics.delete(topic);
    });
    queues.add(queue);
    return queue;
  }

  /** Whether the LISTEN connection is up (it reconnects by itself when not). */
  get listening(): boolean {
    return this.listener.listening;
  }

  /**
   * Calls `changed` whenever a change is announced on this channel (by any
   * instance, once its transaction commits), and when listening resumes after
   * a loss (announcements may have been missed meanwhile). While `listening` is
   * false, announcements are not arriving: an in-memory copy must not be
   * trusted then. Returns a function that stops the calls.
   */
  onChange(channel: ChangeChannel, changed: () => void): () => void {
    const pgChannel = CHANGE_CHANNELS[channel];
    const watchers = this.changeWatchers.get(pgChannel) ?? new Set();
    this.changeWatchers.set(pgChannel, watchers);
    watchers.add(changed);
    return () => void watchers.delete(changed);
  }

  /** How many subscriptions of this instance follow a key (observability, and tests waiting for a subscribe to land). */
  subscribers(channel: LiveChannel, key: string): number {
    return this.topics.get(`${channel}|${key}`)?.size ?? 0;
  }

  /** A change channel: its watchers. A live channel: payload `key|id,id,…` (see announce.ts); anything else is ignored, it can't name what we'd load. */
  private deliver(pgChannel: string, payload: string): void {
    const watchers = this.changeWatchers.get(pgChannel);
    if (watchers) {
      for (const changed of [...watchers]) changed();
      return;
    }
    const channel = this.channelOf.get(pgChannel);
    const [key, list = ''] = payload.split('|', 2);
    const ids = list.split(',').filter(isUuid);
    if (!channel || !isUuid(key) || ids.length === 0) return;
    // One signal object for all subscribers of the key: loads keyed on it are shared (see LiveFeeds).
    const signal: LiveSignal = { kind: 'ids', ids };
    for (const queue of this.topics.get(`${channel}|${key}`) ?? []) queue.push(signal);
  }

  private broadcast(signal: LiveSignal): void {
    for (const queues of this.topics.values()) for (const queue of queues) queue.push(signal);
  }
}
