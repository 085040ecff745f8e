import { ImportSummary } from './importer';
import { EXIT_IMPORTED, EXIT_INTERRUPTED, EXIT_REJECTED_ROWS, exitCodeOf, formatSummary } from './summary';

const SUMMARY: ImportSummary = {
  file: '/data/touchpoints.csv', kind: 'touchpoints', rows: 1200, created: 1000, updated: 0, unchanged: 0, waiting: 0, rejected: 0, rejectedBeforeSending: 0,
  warned: 0, firstWarning: null, resumed: 0, batches: 2, elapsedMs: 1500, rowsPerSecond: 800, rejectedFile: null, interrupted: false,
};

describe('the import summary', () => {
  it('says how the run ended in its first line: imported, interrupted, or stopped by a failed batch', () => {
    const first = (text: string) => text.split('\n')[0];
    expect(first(formatSummary(SUMMARY, 'exhibits', 'crm'))).toBe('Imported 1,200 rows of touchpoints from touchpoints.csv into division "exhibits" (source "crm")');
    expect(first(formatSummary({ ...SUMMARY, interrupted: true }, 'exhibits', 'crm'))).toMatch(/^Interrupted after 1,200 rows/);
    // A run a failed batch stopped imported only part of the file: it must not read as "Imported" (it did before).
    expect(first(formatSummary(SUMMARY, 'exhibits', 'crm', true))).toMatch(/^Stopped by a failed batch after 1,200 rows/);
  });

  it('ends a run with rejected rows with where they are, and exits 3; a clean run exits 0, an interrupted one 130', () => {
    const rejected = { ...SUMMARY, rejected: 2, rejectedFile: '/data/touchpoints.csv.rejected.csv' };
    expect(formatSummary(rejected, 'exhibits', 'crm').split('\n').at(-1)).toBe('Finished with 2 rejected rows (exit code 3): reasons in /data/touchpoints.csv.rejected.csv');
    expect(formatSummary(rejected, 'exhibits', 'crm', true)).not.toMatch(/Finished with/);
    expect([exitCodeOf(SUMMARY), exitCodeOf(rejected), exitCodeOf({ ...rejected, interrupted: true })]).toEqual([EXIT_IMPORTED, EXIT_REJECTED_ROWS, EXIT_INTERRUPTED]);
  });
});
