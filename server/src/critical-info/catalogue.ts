import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LiveEvents } from '../live/live-events';
import { criticalInfoSql } from './critical-info.repository';
import { CriticalInfoField } from './critical-info.types';

/**
 * The longest a copy is used: a safety net for a notification missed while
 * the LISTEN connection still looked alive (a half-open connection is found
 * out by the listener's heartbeat, every 30 s).
 */
export const CATALOGUE_TTL_MS = 30_000;

type Fields = readonly Readonly<CriticalInfoField>[];

/**
 * The field catalogue (critical_info_field, a small reference table), kept in
 * this process's memory so a read of critical info does not read it again.
 *
 * Every write of the table announces itself in its transaction
 * (announceCatalogueChange: NOTIFY, delivered on commit to every instance),
 * and each instance drops its copy when the announcement arrives, when its
 * LISTEN connection comes back after a loss (announcements may have been
 * missed), and CATALOGUE_TTL_MS after the copy was read. While the LISTEN
 * connection is down nothing is kept: every read goes to the database. The
 * instance that wrote drops its copy as soon as the write commits too
 * (`changed`), so its next read sees the change without waiting for the
 * announcement.
 *
 * A read that began before a change may have seen the table as it was: it
 * answers the callers that asked before the change, but is not kept or shared
 * after it.
 */
@Injectable()
export class CriticalInfoCatalogue implements OnModuleDestroy {
  /** The copy (a read under way, or done) and until when it may be used. */
  private copy: { fields: Promise<Fields>; until: number } | null = null;
  private readonly stopWatching: () => void;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly live: LiveEvents,
  ) {
    this.stopWatching = live.onChange('criticalInfoFields', () => this.changed());
  }

  onModuleDestroy(): void {
    this.stopWatching();
  }

  /** Every field in display order (position, key), retired ones included. The objects are shared and frozen: copy before changing. */
  async all(): Promise<Fields> {
    if (!this.live.listening) {
      this.copy = null;
      return this.read();
    }
    const now = this.now();
    if (this.copy && this.copy.until > now) return this.copy.fields;
    const fields = this.read();
    const copy = { fields, until: now + CATALOGUE_TTL_MS };
    this.copy = copy;
    // A failed read is not kept. (A read that a change overtook is not either: `changed` dropped it.)
    fields.catch(() => {
      if (this.copy === copy) this.copy = null;
    });
    return fields;
  }

  /** The catalogue changed (announced by any instance, or written by this one): drop the copy. */
  changed(): void {
    this.copy = null;
  }

  /** A monotonic clock in milliseconds (tests replace it). */
  protected now(): number {
    return performance.now();
  }

  private async read(): Promise<Fields> {
    const rows = await criticalInfoSql.fields(this.db, true);
    for (const f of rows) {
      Object.freeze(f.options);
      Object.freeze(f.requiredInStages);
      Object.freeze(f.divisionIds);
      Object.freeze(f);
    }
    return Object.freeze(rows);
  }
}
