import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgListener } from '../live/pg-listener';
import { AuthRepository, SessionRow } from './auth.repository';
import { SESSION_TRIGGERS, SESSIONS_CHANNEL } from './session-channel';

/**
 * The longest a session is answered from memory: a safety net for an
 * announcement lost on a connection that still looked alive (the listener's
 * heartbeat finds a half-open one within 30 s) or a change written with
 * triggers off (session_replication_role = replica). Short, since what is
 * cached decides what a caller may read (role, division).
 */
export const SESSION_CACHE_TTL_MS = 5_000;

/** Sessions kept at most (the oldest go first): bounds memory whatever the number of callers. */
export const SESSION_CACHE_MAX = 10_000;

/** How the listening connection shows in pg_stat_activity (apart from the live updates' one). */
export const SESSIONS_LISTENER_NAME = 'ourcustomer-sessions';

/** Whether changes are being announced and heard (the LISTEN connection is up). */
export interface Announcements {
  readonly listening: boolean;
}

interface Entry {
  row: SessionRow;
  /** performance.now() after which the entry is not used. */
  until: number;
}

/**
 * Valid sessions by token hash, kept in this process's memory for
 * SESSION_CACHE_TTL_MS so that a request does not read its session again
 * (one statement before every GraphQL request).
 *
 * The database announces every change of a session (sign-out, revocation)
 * and of what a session says of its colleague (migration SessionAnnouncements),
 * whoever writes it, and each instance drops
 * all its sessions when the announcement arrives, when its LISTEN connection
 * comes back after a loss (announcements may have been missed), and when this
 * instance made the change itself (`changed`, without waiting). While the
 * LISTEN connection is down nothing is kept: every request reads its session.
 * A session is never used past its expiry. Unknown or revoked tokens are not
 * kept: only the database says no.
 *
 * A read that began before a change may have seen the session as it was: it
 * answers that request (which started before the change) but is not kept.
 */
export class SessionMemory {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change: a read is kept only if none happened while it ran. */
  private generation = 0;

  constructor(
    private readonly announcements: Announcements,
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly max = SESSION_CACHE_MAX,
  ) {}

  async session(tokenHash: string, read: (tokenHash: string) => Promise<SessionRow | null>): Promise<SessionRow | null> {
    if (!this.announcements.listening) {
      this.changed();
      return read(tokenHash);
    }
    const kept = this.entries.get(tokenHash);
    if (kept && kept.until > this.now() && kept.row.expiresAt.getTime() > this.wallClock()) return kept.row;
    if (kept) this.entries.delete(tokenHash);
    const generation = this.generation;
    const row = await read(tokenHash);
    if (row && generation === this.generation && this.announcements.listening) this.keep(tokenHash, row);
    return row;
  }

  /** Sessions or colleagues changed (announced by any instance, written by this one, or possibly missed): drop everything. */
  changed(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** How many sessions are kept (tests). */
  get size(): number {
    return this.entries.size;
  }

  /** A monotonic clock in milliseconds (tests replace it). */
  protected now(): number {
    return performance.now();
  }

  /** The wall clock, to compare with a session's expiry (tests replace it). */
  protected wallClock(): number {
    return Date.now();
  }

  private keep(tokenHash: string, row: SessionRow): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { row, until: this.now() + this.ttlMs });
  }
}

/** A connection URL that names the listening connection (an `application_name` in the URL wins over the client's own setting). */
function named(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', SESSIONS_LISTENER_NAME);
  return parsed.toString();
}

/**
 * This instance's session lookup: the database behind SessionMemory, which
 * hears of changes on its own LISTEN connection (SESSIONS_CHANNEL).
 *
 * Sessions are kept only where the database itself announces their changes
 * (the triggers of migration SessionAnnouncements): an admin revoking a session
 * in SQL must end it at once too, not SESSION_CACHE_TTL_MS later. Without the
 * triggers every request reads its session, as before.
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnApplicationShutdown {
  private readonly listener: PgListener;
  private readonly memory: SessionMemory;
  /** Whether the database announces session changes (checked at start). */
  private announced = false;
  private readonly logger = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthRepository,
  ) {
    const url = (db.options as { url?: string }).url;
    if (!url) throw new Error('SessionCache: the data source has no connection URL to listen on');
    this.listener = new PgListener(named(url), [SESSIONS_CHANNEL], { message: () => this.changed(), resumed: () => this.changed() });
    this.memory = new SessionMemory(this);
  }

  /** Listening before the server accepts requests; until then (or should that fail) sessions are read every time. */
  async onModuleInit(): Promise<void> {
    this.announced = await this.databaseAnnounces();
    if (!this.announced) this.logger.log(`sessions are read on every request: the database does not announce their changes (triggers ${SESSION_TRIGGERS.join(', ')} missing)`);
    else await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }

  /** The valid (unrevoked, unexpired) session of a token hash, with its colleague. */
  session(tokenHash: string): Promise<SessionRow | null> {
    return this.memory.session(tokenHash, (hash) => this.auth.session(hash));
  }

  /** Whether sessions may be answered from memory now: the database announces changes and they are arriving. */
  get listening(): boolean {
    return this.announced && this.listener.listening;
  }

  /** Sessions or colleagues changed (announced, possibly missed, or committed by this instance): drop every kept session. */
  changed(): void {
    this.memory.changed();
  }

  private async databaseAnnounces(): Promise<boolean> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM pg_trigger
        WHERE tgname = ANY($1::text[]) AND tgrelid IN ('session'::regclass, 'colleague'::regclass) AND tgenabled <> 'D'`,
      [SESSION_TRIGGERS],
    );
    return rows[0]?.n === SESSION_TRIGGERS.length;
  }
}
