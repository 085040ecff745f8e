import { DataSource } from 'typeorm';
import { announceCatalogueChange } from '../live/announce';
import { LiveEvents } from '../live/live-events';
import { useTestDatabase } from '../testing/database';
import { CATALOGUE_TTL_MS, CriticalInfoCatalogue } from './catalogue';

/** A catalogue on a clock the test moves. */
class TimedCatalogue extends CriticalInfoCatalogue {
  at = 0;
  protected override now(): number {
    return this.at;
  }
}

/** LiveEvents as far as the catalogue uses it, switched by the test. */
function fakeLive(): LiveEvents & { listening: boolean; announce(): void } {
  const watchers = new Set<() => void>();
  return {
    listening: true,
    onChange: (_channel: string, changed: () => void) => {
      watchers.add(changed);
      return () => watchers.delete(changed);
    },
    announce: () => watchers.forEach((changed) => changed()),
  } as unknown as LiveEvents & { listening: boolean; announce(): void };
}

describe('CriticalInfoCatalogue: the field catalogue in memory, dropped on every change (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let reads: jest.SpyInstance;

  beforeEach(() => {
    reads = jest.spyOn(db, 'query');
  });
  afterEach(() => reads.mockRestore());
  /** Statements that read the catalogue since the last mockClear. */
  const catalogueReads = () => reads.mock.calls.filter(([sql]) => String(sql).includes('FROM critical_info_field')).length;

  const label = async (key: string, text: string, announce = true) =>
    db.transaction(async (tx) => {
      await tx.query(`UPDATE critical_info_field SET label = $2 WHERE key = $1`, [key, text]);
      if (announce) await announceCatalogueChange(tx);
    });
  const labelOf = async (catalogue: CriticalInfoCatalogue, key: string) => (await catalogue.all()).find((f) => f.key === key)?.label;

  it('keeps one copy (frozen, in display order) and drops it when a committed change is announced over LISTEN/NOTIFY', async () => {
    const live = new LiveEvents(db);
    await live.onModuleInit();
    const catalogue = new CriticalInfoCatalogue(db, live);
    try {
      const first = await catalogue.all();
      expect(first.map((f) => f.key)).toEqual((await db.query(`SELECT key FROM critical_info_field ORDER BY position, key`)).map((r: { key: string }) => r.key));
      expect(Object.isFrozen(first) && first.every((f) => Object.isFrozen(f) && Object.isFrozen(f.options))).toBe(true);
      reads.mockClear();
      expect(await catalogue.all()).toBe(first);
      expect(catalogueReads()).toBe(0);

      // Announced in the transaction of the change: heard once it commits, and the next read reads again.
      const heard = new Promise<void>((resolve) => live.onChange('criticalInfoFields', resolve));
      await label('payment_terms', 'Terms of payment');
      await heard;
      expect(await labelOf(catalogue, 'payment_terms')).toBe('Terms of payment');
      expect(catalogueReads()).toBe(1);
    } finally {
      await live.onApplicationShutdown();
    }
  });

  it('keeps nothing while the LISTEN connection is down: a change it could not hear is read at once', async () => {
    const live = fakeLive();
    const catalogue = new CriticalInfoCatalogue(db, live);
    await catalogue.all();
    live.listening = false;
    await label('payment_terms', 'Payment terms (down)', false);
    reads.mockClear();
    expect(await labelOf(catalogue, 'payment_terms')).toBe('Payment terms (down)');
    await catalogue.all();
    expect(catalogueReads()).toBe(2);
    // Back up: the copy read while down is not trusted either.
    live.listening = true;
    await label('payment_terms', 'Payment terms (up)', false);
    expect(await labelOf(catalogue, 'payment_terms')).toBe('Payment terms (up)');
  });

  it('reads the catalogue again after the time-to-live, as a safety net for a missed announcement', async () => {
    const catalogue = new TimedCatalogue(db, fakeLive());
    await catalogue.all();
    await label('payment_terms', 'Payment terms (missed)', false);
    catalogue.at += CATALOGUE_TTL_MS - 1;
    expect(await labelOf(catalogue, 'payment_terms')).not.toBe('Payment terms (missed)');
    catalogue.at += 1;
    expect(await labelOf(catalogue, 'payment_terms')).toBe('Payment terms (missed)');
  });

  it('shares one read among concurrent callers, keeps no read that a change overtook, and no failed read', async () => {
    const live = fakeLive();
    const catalogue = new CriticalInfoCatalogue(db, live);
    reads.mockClear();
    const [a, b] = await Promise.all([catalogue.all(), catalogue.all()]);
    expect(a).toBe(b);
    expect(catalogueReads()).toBe(1);

    // A read that has seen the table, but not yet answered, when a change commits and is announced.
    live.announce();
    let seen!: () => void;
    let answer!: () => void;
    const hasSeen = new Promise<void>((resolve) => (seen = resolve));
    const mayAnswer = new Promise<void>((resolve) => (answer = resolve));
    reads.mockImplementationOnce(async (...args: Parameters<DataSource['query']>) => {
      const rows: unknown = await DataSource.prototype.query.apply(db, args);
      seen();
      await mayAnswer;
      return rows;
    });
    const overtaken = catalogue.all();
    await hasSeen;
    await label('payment_terms', 'Payment terms (overtaking)');
    live.announce();
    answer();
    expect((await overtaken).find((f) => f.key === 'payment_terms')!.label).not.toBe('Payment terms (overtaking)');
    expect(await labelOf(catalogue, 'payment_terms')).toBe('Payment terms (overtaking)');

    live.announce();
    reads.mockRejectedValueOnce(new Error('connection lost'));
    await expect(catalogue.all()).rejects.toThrow('connection lost');
    expect((await catalogue.all()).length).toBeGreaterThan(0);
  });
});
