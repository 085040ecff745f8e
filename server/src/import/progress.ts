import { Presets, SingleBar } from 'cli-progress';

/** Where an import stands: rows handed out so far, bytes of the file read, rows rejected. */
export interface ProgressState {
  rows: number;
  bytes: number;
  rejected: number;
}

export interface Progress {
  /** Cheap: only remembers the state; drawing happens on a timer. */
  update(state: ProgressState): void;
  stop(): void;
}

export interface ProgressOptions {
  /** File size in bytes: the ETA extrapolates the bytes read. */
  total: number;
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
  /** How often a plain progress line is written when the stream is not a terminal (default 10 s). */
  lineIntervalMs?: number;
}

/** "0:07", "12:05", "1:02:03". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--:--';
  const s = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

export function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000) / ms) : 0;
}

function describe(state: ProgressState, total: number, elapsedMs: number) {
  const fraction = total > 0 ? Math.min(1, state.bytes / total) : 1;
  const eta = fraction > 0 && fraction < 1 ? (elapsedMs * (1 - fraction)) / fraction : fraction >= 1 ? 0 : NaN;
  return {
    percent: Math.floor(fraction * 100),
    rows: state.rows.toLocaleString('en-US'),
    rate: rate(state.rows, elapsedMs).toLocaleString('en-US'),
    eta: formatDuration(eta),
    rejected: state.rejected.toLocaleString('en-US'),
  };
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on a terminal (rows, rows/s, ETA from bytes read / file
 * size), a plain line every few seconds otherwise (logs, CI), nothing when quiet.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (options.quiet) return SILENT;
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  let state: ProgressState = { rows: 0, bytes: 0, rejected: 0 };
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: 'importing {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {etaText} | {rejected} rejected',
      hideCursor: true,
      barsize: 24,
      fps: 5,
    }, Presets.shades_classic);
    const payload = () => {
      const d = describe(state, options.total, Date.now() - started);
      return { rows: d.rows, rate: d.rate, etaText: d.eta, rejected: d.rejected };
    };
    bar.start(Math.max(options.total, 1), 0, payload());
    const timer = setInterval(() => bar.update(Math.min(state.bytes, options.total), payload()), 200);
    timer.unref();
    return {
      update: (next) => (state = next),
      stop: () => {
        clearInterval(timer);
        bar.update(Math.min(state.bytes, options.total), payload());
        bar.stop();
      },
    };
  }
  const line = () => {
    const d = describe(state, options.total, Date.now() - started);
    stream.write(`importing: ${d.percent}% | ${d.rows} rows | ${d.rate} rows/s | ETA ${d.eta} | ${d.rejected} rejected\n`);
  };
  const timer = setInterval(line, options.lineIntervalMs ?? 10_000);
  timer.unref();
  return {
    update: (next) => (state = next),
    stop: () => clearInterval(timer),
  };
}
