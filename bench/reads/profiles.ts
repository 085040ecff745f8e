/**
 * The bench profiles: how big the synthetic company is, and how long each
 * measurement runs. `large` is the scale; `default` a tenth of it
 * (what `npm run bench` runs, about 10 minutes on 2 cores); `tiny` keeps the
 * code working inside `npm test` (shape only, never a time).
 */
import type { HubCompiler } from './compiled-hub';

export type ProfileName = 'tiny' | 'default' | 'large';

/** The size of the synthetic company. Changing any figure makes a new data set (a new database). */
export interface DataSize {
  divisions: number;
  colleagues: number;
  accounts: number;
  /** About this many (each account is known to 1–8 divisions, drawn; the exact count is reported). */
  sourceAccounts: number;
  /** Exactly this many live people, plus about 1 % merged-away duplicates (tombstones). */
  stakeholders: number;
  /** Exactly this many. */
  touchpoints: number;
  /** Years of history before the data's "now" (2026-11-20). */
  years: number;
  /** Accounts with a long history (all divisions, touchpoints from keyMin to keyMax): the deep pages live there. */
  keyAccounts: number;
  keyMin: number;
  keyMax: number;
  seed: number;
}

export interface Timing {
  /** Requests before measuring, per target and scenario. */
  warmup: number;
  /** Sequential requests per target and scenario (fewer when `maxSeconds` runs out first, at least `minSamples`). */
  samples: number;
  minSamples: number;
  /** Seconds of sequential requests at most, per target and scenario. */
  maxSeconds: number;
  /** Rounds the sequential requests are split into, the targets taking turns (noise from other work spreads over all). */
  rounds: number;
  /** Concurrent requests of the throughput loop, and its seconds per target and scenario. */
  concurrency: number;
  throughputSeconds: number;
  /** The load test: concurrent connections, seconds each (after `loadWarmupSeconds`). */
  loadConnections: number[];
  loadSeconds: number;
  loadWarmupSeconds: number;
}

/** How `npm run bench` runs the ingest bench (bench/ingest/run.ts) for the profile. */
export interface IngestSize {
  args: string[];
}

export interface Profile {
  name: ProfileName;
  /** Who compiles the hub it measures (compiled-hub.ts): tsc as deployed, or SWC where only the shape of the result counts. */
  hubCompiler: HubCompiler;
  data: DataSize;
  timing: Timing;
  ingest: IngestSize;
  /** Items deep of the deep timeline page. */
  deepOffset: number;
  /** Page size of the timeline (what the account page asks for). */
  timelinePage: number;
  /** Page size of the search (the web's ACCOUNTS_PAGE_SIZE). */
  searchPage: number;
}

export const PROFILES: Record<ProfileName, Profile> = {
  tiny: {
    name: 'tiny',
    // Shape only: SWC builds the hub in well under a second, tsc in 20–30 s of the spec's time on a busy machine.
    hubCompiler: 'swc',
    data: {
      divisions: 8, colleagues: 32, accounts: 300, sourceAccounts: 750, stakeholders: 3000, touchpoints: 15000, years: 3,
      keyAccounts: 2, keyMin: 1200, keyMax: 1500, seed: 20261124,
    },
    timing: {
      warmup: 1, samples: 4, minSamples: 2, maxSeconds: 2, rounds: 2, concurrency: 4, throughputSeconds: 0.2,
      loadConnections: [50, 200], loadSeconds: 0.5, loadWarmupSeconds: 0.2,
    },
    // Every scenario with a couple of batches each: `npm test` checks the code runs and the shape of what it reports.
    ingest: { args: ['--quick', '--accounts', '150', '--touchpoints', '1500', '--batch-size', '150', '--profile-accounts', '150', '--profile-batches', '2'] },
    // Shallower than the others' 2,000, so the key accounts stay small and the run short (it checks shape, not speed).
    deepOffset: 500, timelinePage: 50, searchPage: 20,
  },
  default: {
    name: 'default',
    hubCompiler: 'tsc',
    data: {
      divisions: 8, colleagues: 200, accounts: 10000, sourceAccounts: 25000, stakeholders: 100000, touchpoints: 1000000, years: 3,
      keyAccounts: 5, keyMin: 10000, keyMax: 30000, seed: 20261124,
    },
    timing: {
      warmup: 20, samples: 200, minSamples: 30, maxSeconds: 15, rounds: 4, concurrency: 8, throughputSeconds: 3,
      loadConnections: [50, 200], loadSeconds: 20, loadWarmupSeconds: 3,
    },
    ingest: { args: [] },
    deepOffset: 2000, timelinePage: 50, searchPage: 20,
  },
  large: {
    name: 'large',
    hubCompiler: 'tsc',
    data: {
      divisions: 8, colleagues: 2000, accounts: 100000, sourceAccounts: 250000, stakeholders: 1000000, touchpoints: 10000000, years: 3,
      keyAccounts: 40, keyMin: 10000, keyMax: 60000, seed: 20261124,
    },
    timing: {
      warmup: 50, samples: 500, minSamples: 50, maxSeconds: 30, rounds: 5, concurrency: 8, throughputSeconds: 5,
      loadConnections: [50, 200], loadSeconds: 60, loadWarmupSeconds: 5,
    },
    ingest: { args: [] },
    deepOffset: 2000, timelinePage: 50, searchPage: 20,
  },
};

export function profileNamed(name: string): Profile {
  if (!(name in PROFILES)) throw new Error(`unknown profile "${name}" (tiny, default or large)`);
  return PROFILES[name as ProfileName];
}
