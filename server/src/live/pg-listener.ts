import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { processShutdown } from '../common/shutdown';
import { BACKGROUND } from '../database/background';

/** How the dedicated connection shows in pg_stat_activity (and how a test finds it to cut it). */
export const LISTENER_APPLICATION_NAME = 'ourcustomer-live';

export interface ListenerHandlers {
  /** A NOTIFY arrived on one of the channels. */
  message(channel: string, payload: string): void;
  /** Listening again after a loss: notifications sent since `since` may have been missed. */
  resumed(since: Date): void;
}

export interface ListenerTiming {
  /** First reconnect delay; doubles per failed attempt (with jitter) up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How often an idle connection proves it is alive (a half-open TCP connection would otherwise go unnoticed). */
  heartbeatMs: number;
}

const DEFAULT_TIMING: ListenerTiming = { backoffMs: 200, maxBackoffMs: 10_000, heartbeatMs: 30_000 };

/**
 * One PostgreSQL connection that LISTENs on a fixed set of channels and keeps
 * doing so: when the connection drops (restart, failover, pg_terminate_backend,
 * a dead network) it reconnects with exponential backoff and says from when on
 * notifications may have been missed. Not from the pool: a pooled connection
 * would be recycled and lose its LISTENs.
 */
export class PgListener {
  private client: Client | null = null;
  private stopped = false;
  private attempt = 0;
  private lostAt: Date | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('LiveEvents');

  constructor(
    private readonly url: string,
    private readonly channels: readonly string[],
    private readonly handlers: ListenerHandlers,
    private readonly timing: ListenerTiming = DEFAULT_TIMING,
  ) {}

  /** Connects once; if that fails, keeps trying in the background rather than failing the start. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether the connection is up and listening (for health checks and tests). */
  get listening(): boolean {
    return this.client !== null && this.lostAt === null;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: LISTENER_APPLICATION_NAME, keepAlive: true, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
    // Its LISTEN and heartbeat run beside requests: not theirs to count (database/background.ts).
    (client as unknown as Record<symbol, boolean>)[BACKGROUND] = true;
    this.client = client;
    // pg emits 'error' for a dropped connection; without a listener that would crash the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => this.handlers.message(n.channel, n.payload ?? ''));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      return this.lost(client, error);
    }
    if (this.stopped || this.client !== client) return void client.end().catch(() => undefined);
    this.listeningAgain();
  }

  private listeningAgain(): void {
    if (this.attempt > 0) this.logger.log(`listening again after ${this.attempt} attempt${this.attempt === 1 ? '' : 's'}`);
    this.attempt = 0;
    this.heartbeat = setInterval(() => this.beat(), this.timing.heartbeatMs).unref();
    const since = this.lostAt;
    this.lostAt = null;
    if (since) this.handlers.resumed(since);
  }

  private beat(): void {
    const client = this.client;
    client?.query('SELECT 1').catch((error: unknown) => this.lost(client, error));
  }

  /**
   * Handles a loss once per connection (pg may report it as 'error' and then 'end'). Nothing is said or retried once
   * the process is shutting down (processShutdown): a Ctrl-C stops the embedded PostgreSQL too, which cuts this
   * connection while the server is still closing (found by exploratory testing: a clean Ctrl-C warned of a loss).
   * The warning waits for the reconnect: the loss may be heard a moment before the signal that explains it.
   */
  private lost(client: Client, error?: unknown): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    this.lostAt ??= new Date();
    this.clearTimers();
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (processShutdown.signal.aborted) return;
    const delay = this.nextDelay();
    const why = error instanceof Error ? error.message : 'ended';
    this.retry = setTimeout(() => {
      if (this.stopped || processShutdown.signal.aborted) return;
      this.logger.warn(`LISTEN connection lost ${delay} ms ago (${why}); reconnecting`);
      void this.connect();
    }, delay);
    this.retry.unref();
  }

  /** Exponential backoff with jitter, so instances that lost the database together do not return in lockstep. */
  private nextDelay(): number {
    const ceiling = Math.min(this.timing.maxBackoffMs, this.timing.backoffMs * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private clearTimers(): void {
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.retry = this.heartbeat = null;
  }
}
