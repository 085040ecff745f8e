/**
 * Scenario C: fresh touchpoints as a generic CRM export (one CSV file per
 * division, the columns of mappings/generic-touchpoints.csv.json) through the
 * import command's loop, in-process (`runImport`, what `npm run import` runs
 * after opening the database).
 */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { resolveDivision, runImport } from '../../server/src/import/importer';
import { parseMapping } from '../../server/src/import/mapping';
import { REPO_ROOT } from '../common/environment';
import { CSV_COLUMNS, csvLine, GeneratedTouchpoint } from './generator';
import { Random } from './random';

export const MAPPING_FILE = join(REPO_ROOT, 'mappings/generic-touchpoints.csv.json');

export interface ImportOutcome {
  rows: number;
  files: number;
  seconds: number;
  perSecond: number;
  created: number;
  updated: number;
  unchanged: number;
  waiting: number;
  rejected: number;
  batches: number;
  /** Bytes of CSV per row. */
  bytesPerRow: number;
}

async function writeCsv(file: string, touchpoints: GeneratedTouchpoint[], seed: number): Promise<number> {
  const rng = new Random(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line) + 1;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(CSV_COLUMNS.join(','));
  for (const t of touchpoints) await write(csvLine(t.input, rng));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return bytes;
}

/** Writes the files (untimed), then imports them one after the other (timed: the import loop only, not opening the database). */
export async function importScenario(
  databaseUrl: string, dir: string, touchpoints: GeneratedTouchpoint[], batchSize: number, seed: number, log: (line: string) => void,
): Promise<ImportOutcome | { notMeasured: string }> {
  if (!existsSync(MAPPING_FILE)) return { notMeasured: `${MAPPING_FILE} is missing` };
  const mapping = parseMapping(readFileSync(MAPPING_FILE, 'utf8'), 'generic-touchpoints.csv.json');
  const byDivision = new Map<string, GeneratedTouchpoint[]>();
  for (const t of touchpoints) (byDivision.get(t.division.key) ?? byDivision.set(t.division.key, []).get(t.division.key)!).push(t);
  const files: { division: string; sourceSystem: string; file: string }[] = [];
  let bytes = 0;
  for (const [key, list] of byDivision) {
    const file = join(dir, `touchpoints-${key}.csv`);
    bytes += await writeCsv(file, list, seed + files.length);
    files.push({ division: key, sourceSystem: list[0].division.sourceSystem, file });
  }
  const ds = await new DataSource({ ...dataSourceOptions(databaseUrl, 2), logging: false }).initialize();
  try {
    const outcome: ImportOutcome = {
      rows: 0, files: files.length, seconds: 0, perSecond: 0, created: 0, updated: 0, unchanged: 0, waiting: 0, rejected: 0, batches: 0,
      bytesPerRow: Math.round(bytes / Math.max(1, touchpoints.length)),
    };
    for (const f of files) {
      const division = await resolveDivision(ds, f.division);
      const t0 = performance.now();
      const summary = await runImport(ds, { file: f.file, division, sourceSystem: f.sourceSystem, mapping, batchSize, actorLabel: 'bench:ingest' });
      const seconds = (performance.now() - t0) / 1000;
      log(`  import ${f.division}: ${summary.rows} rows in ${seconds.toFixed(1)} s (${summary.rowsPerSecond} rows/s), ${summary.created} created, ${summary.rejected} rejected`);
      outcome.seconds += seconds;
      outcome.rows += summary.rows;
      outcome.created += summary.created;
      outcome.updated += summary.updated;
      outcome.unchanged += summary.unchanged;
      outcome.waiting += summary.waiting;
      outcome.rejected += summary.rejected;
      outcome.batches += summary.batches;
    }
    outcome.perSecond = Math.round(outcome.rows / outcome.seconds);
    return outcome;
  } finally {
    await ds.destroy();
  }
}
