import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inBackground } from '../database/background';
import { engagementRollups } from './rollups';

/** How often the fold looks for pending touchpoints. Readers count pending ones exactly: this only bounds how many they read. */
const FOLD_EVERY_MS = 1000;
/** Folds per look at most, so one instance with a large backlog (a big import) still yields between them. */
const FOLDS_PER_LOOK = 50;

/**
 * Counts pending touchpoints into the engagement rollups in the background
 * (engagement/rollups.ts), in every instance: two instances fold different
 * accounts (each takes only accounts whose rollup lock is free).
 */
@Injectable()
export class EngagementFolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EngagementFolder.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;
  /** The last account the previous fold looked at. */
  private cursor: string | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.foldNow().catch((error: unknown) => this.logger.error(`folding engagement rollups failed: ${String(error)}`)), FOLD_EVERY_MS);
    this.timer.unref();
  }

  /** Stops before the database connections close (they close at application shutdown), after the fold under way. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Folds what is pending now (what writers hold locked waits for the next look); how many touchpoints were counted. */
  private foldNow(): Promise<number> {
    this.running ??= this.fold().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Folds in up to FOLDS_PER_LOOK passes (each of up to 1,000 accounts and
   * 5,000 touchpoints), going on from where the last one stopped (round robin: accounts that receive touchpoints all the time
   * do not keep the others waiting).
   */
  private fold(): Promise<number> {
    return inBackground(this.db, async (inTransaction) => {
      let counted = 0;
      let wrapped = false;
      for (let i = 0; i < FOLDS_PER_LOOK; i++) {
        const after = this.cursor;
        const pass = await inTransaction((tx) => engagementRollups.foldPending(tx, { after }));
        counted += pass.counted;
        this.cursor = pass.last;
        if (pass.last === null) {
          // The end of the accounts: once more from the start, unless this pass began there.
          if (after === null || wrapped) break;
          wrapped = true;
        }
      }
      return counted;
    });
  }
}
