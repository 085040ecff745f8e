import { basename } from 'node:path';
import { ImportSummary } from './importer';
import { formatDuration } from './progress';

/** Exit codes, as the usage text documents them; a script tells a clean run from one that left rows behind. */
export const EXIT_IMPORTED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_REJECTED_ROWS = 3;
export const EXIT_INTERRUPTED = 130;

/** The exit code of an import that ran to its end or to an interruption. */
export function exitCodeOf(s: ImportSummary): number {
  // Interrupted wins: rows after the stop were not read, so "rejected rows" would not be the whole story.
  if (s.interrupted) return EXIT_INTERRUPTED;
  return s.rejected > 0 ? EXIT_REJECTED_ROWS : EXIT_IMPORTED;
}

/** `failed`: the summary of an import a refused batch stopped (it exits 1, whatever it rejected). */
export function formatSummary(s: ImportSummary, division: string, sourceSystem: string, failed = false): string {
  const n = (v: number) => v.toLocaleString('en-US').padStart(12);
  const lines = [
    `${failed ? 'Stopped by a failed batch after' : s.interrupted ? 'Interrupted after' : 'Imported'} ${s.rows.toLocaleString('en-US')} rows of ${s.kind} from ${basename(s.file)} into division "${division}" (source "${sourceSystem}")`,
    `  created   ${n(s.created)}`,
    `  updated   ${n(s.updated)}`,
    `  unchanged ${n(s.unchanged)}`,
    `  waiting   ${n(s.waiting)}${s.waiting ? '   their account has not arrived yet: they land when it does' : ''}`,
    `  rejected  ${n(s.rejected)}${s.rejectedFile ? `   reasons in ${s.rejectedFile}` : ''}`,
  ];
  if (s.warned) lines.push(`  warnings  ${n(s.warned)}   rows stored with values ignored, e.g. ${s.firstWarning}`);
  if (s.resumed) lines.push(`  resumed   ${n(s.resumed)}   waiting items of earlier loads landed with these accounts`);
  lines.push(`  ${formatDuration(s.elapsedMs)} elapsed, ${s.rowsPerSecond.toLocaleString('en-US')} rows/s, ${s.batches} batch${s.batches === 1 ? '' : 'es'}`);
  // Last, where a glance (or `tail -1` in a nightly log) finds it: the run is not clean.
  if (!failed && exitCodeOf(s) === EXIT_REJECTED_ROWS) {
    lines.push(`Finished with ${s.rejected.toLocaleString('en-US')} rejected row${s.rejected === 1 ? '' : 's'} (exit code ${EXIT_REJECTED_ROWS}): reasons in ${s.rejectedFile}`);
  }
  return lines.join('\n');
}
