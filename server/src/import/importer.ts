import { createWriteStream, WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { retryTransient } from '../database/transient';
import { AuditRepository } from '../audit/audit.repository';
import { checkSourceSystem, ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput, IngestItemStatus, IngestResult } from '../ingest/ingest.types';
import { MAX_BATCH_ITEMS } from '../ingest/validation';
import { criticalInfoSql } from '../critical-info/critical-info.repository';
import { MapContext, Mapping, MappingError, mappedColumns, mapRow } from './mapping';
import { Progress } from './progress';
import { Format, openSource, SourceRecord } from './sources';

/**
 * The import loop: reads rows as a stream, maps them, sends them in batches
 * through the same pipeline as the `ingest` mutation (one transaction and one
 * audit entry per batch), and writes rejected rows with their reasons to a
 * file next to the input. Takes an open DataSource, so tests run it in-process.
 */

export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 2;
export const MAX_CONCURRENCY = 8;

export interface ImportOptions {
  file: string;
  division: { id: string; key: string };
  sourceSystem: string;
  mapping: Mapping;
  format?: Format;
  delimiter?: string;
  /** Rows per batch (one transaction each), 1 to MAX_BATCH_ITEMS; default 1000. */
  batchSize?: number;
  /** Batches in the database at once, 1 to MAX_CONCURRENCY; default 2 (see runImport). */
  concurrency?: number;
  /** Who ran it, for the audit trail. */
  actorLabel?: string;
  /** Aborting stops reading; the rows already read are still sent, then the summary is returned. */
  signal?: AbortSignal;
  /** Created once the file size is known; silent when not given. */
  progress?: (totalBytes: number) => Progress;
  /** Warnings (columns of the mapping missing from the file…). */
  warn?: (line: string) => void;
}

export interface ImportSummary {
  file: string;
  kind: string;
  /** Rows read (data rows of a CSV, non-blank lines of a JSONL file). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  waiting: number;
  /** Rows rejected: could not be read or mapped (not sent), or rejected by ingest. */
  rejected: number;
  /** Of `rejected`: rows that were never sent (unreadable or unmappable). */
  rejectedBeforeSending: number;
  /** Rows stored with some values ignored by ingest (e.g. a malformed email). */
  warned: number;
  /** The first of those warnings, with its line, as an example. */
  firstWarning: string | null;
  /** Items of earlier imports or ingests that were waiting for an account of this file and landed now. */
  resumed: number;
  batches: number;
  elapsedMs: number;
  rowsPerSecond: number;
  /** Where rejected rows were written; null when nothing was rejected. */
  rejectedFile: string | null;
  /** Stopped early through the signal. */
  interrupted: boolean;
}

/** A batch failed as a whole (database error): what was done before it stays, and is in `summary`. */
export class ImportBatchError extends Error {
  constructor(message: string, readonly summary: ImportSummary, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class UnknownDivisionError extends Error {
  constructor(readonly key: string, readonly known: string[]) {
    super(`Unknown division "${key}". ${known.length ? `Existing divisions: ${known.join(', ')}.` : 'The hub has no divisions yet: create one first (createDivision).'}`);
  }
}

/** The division's id by key; throws UnknownDivisionError naming the existing keys. */
export async function resolveDivision(ds: DataSource, key: string): Promise<{ id: string; key: string }> {
  const rows: { id: string; key: string }[] = await ds.query(`SELECT id, key FROM division ORDER BY key`);
  const found = rows.find((r) => r.key === key);
  if (!found) throw new UnknownDivisionError(key, rows.map((r) => r.key));
  return found;
}

/** `<input>.rejected.csv` for CSV input (`.tsv` for a tab-separated one, which it is too), `<input>.rejected.jsonl` for JSONL. */
export function rejectedFileFor(file: string, format: Format): string {
  return `${file}.rejected.${format === 'csv' && /\.tsv$/i.test(file) ? 'tsv' : format}`;
}

// ---------------------------------------------------------------- rejected rows

function csvCell(value: unknown, delimiter: string): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r') || /^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** Unique names for the added columns, even if the input has columns called "row", "reason" or "path". */
function extraNames(columns: string[]): [string, string, string] {
  const taken = new Set(columns);
  const name = (base: string) => {
    let candidate = base;
    while (taken.has(candidate)) candidate = `import_${candidate}`;
    taken.add(candidate);
    return candidate;
  };
  return [name('row'), name('reason'), name('path')];
}

/** Writes rejected rows as they come (opened at the first one), respecting the disk's pace. */
class RejectedRows {
  private out: WriteStream | null = null;
  private columns: string[] = [];
  count = 0;

  constructor(
    readonly path: string, private readonly format: Format, private readonly delimiter: string, private readonly header: () => string[] | null,
    private readonly byteOrderMark = false,
  ) {}

  async add(record: SourceRecord, reason: string, path: string | null): Promise<void> {
    this.count++;
    if (!this.out) {
      this.out = createWriteStream(this.path, { flags: 'w' });
      // As the input: Excel reads a CSV without one as its local code page, and garbled accents (found by exploratory testing, issue 4).
      if (this.format === 'csv' && this.byteOrderMark) await this.write('\uFEFF');
      if (this.format === 'csv') {
        this.columns = this.header() ?? [];
        const [row, reason, path] = extraNames(this.columns);
        await this.write([row, ...this.columns, reason, path].map((c) => csvCell(c, this.delimiter)).join(this.delimiter) + '\n');
      }
    }
    if (this.format === 'csv') {
      // The row's cells as they were, by position (two columns of one name each keep theirs), so that it can be
      // fixed and imported again; cells beyond the header's are named in the reason.
      const original: unknown[] = record.cells ?? this.columns.map((c) => record.values?.[c]);
      // A row of more or fewer cells than the header is written as it was, every cell: cut or padded to the header, it read
      // as a valid row when imported again unfixed (found by exploratory testing: "Smith, John & Co" became name "Smith").
      const ragged = record.cells !== undefined && record.cells.length !== this.columns.length;
      // A row of more cells than the header says where they are in its path: left empty, that last cell read as an empty one
      // beyond the rejected-rows file's header, which the reader takes for a trailing delimiter, and the row landed cut to the header.
      const beyond = ragged && record.cells!.length > this.columns.length && path === null
        ? (record.cells!.length === this.columns.length + 1 ? `cell ${record.cells!.length}` : `cells ${this.columns.length + 1} to ${record.cells!.length}`)
        : path;
      const cells = [record.row, ...(ragged ? record.cells! : this.columns.map((_, i) => original[i])), reason, beyond];
      await this.write(cells.map((c) => csvCell(typeof c === 'number' ? String(c) : c, this.delimiter)).join(this.delimiter) + '\n');
    } else {
      // The object as it was, with why it was refused under one key the mappings do not read: fixed, the file imports as it is.
      const rejected = { line: record.row, reason, path };
      const line = record.values ? { ...record.values, _rejected: rejected } : { _rejected: { ...rejected, text: record.text ?? null } };
      await this.write(JSON.stringify(line) + '\n');
    }
  }

  private async write(chunk: string): Promise<void> {
    if (!this.out!.write(chunk)) await once(this.out!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
  }
}

/** A column name as matched when no column has exactly the mapping's: trimmed, any case. */
function fold(name: string): string {
  return name.trim().toLowerCase();
}

/** The row's values, also under the mapping's names of columns the header names otherwise (a copy: the record is written back as it was). */
function withAliases(values: Record<string, unknown>, aliases: [string, string][]): Record<string, unknown> {
  const out = { ...values };
  for (const [mapped, name] of aliases) out[mapped] = values[name];
  return out;
}

/** Delimiters a file may use (any one character may be given with --delimiter), as --delimiter takes them. */
const DELIMITERS: [string, string, string][] = [[',', "','", "','"], [';', "';'", "';'"], ['\t', 'a tab', 'tabs'], ['|', "'|'", "'|'"]];

/**
 * A hint when the header is one column holding another delimiter than the one read with (a semicolon-separated file read
 * with ","): the delimiter it holds most of. Empty otherwise.
 */
function otherDelimiter(header: string[], delimiter: string): string {
  if (header.length !== 1) return '';
  const count = (d: string) => header[0].split(d).length - 1;
  const found = DELIMITERS.filter(([d]) => d !== delimiter && count(d) > 0).sort((a, b) => count(b[0]) - count(a[0]))[0];
  if (!found) return '';
  const [d, name, plural] = found;
  return `; the header has one column but contains ${name}: is the file separated by ${plural}? Use --delimiter ${d === '\t' ? 'tab' : name}`;
}

// ---------------------------------------------------------------- the loop

interface Pending {
  record: SourceRecord;
  item: Record<string, unknown>;
}

/** A batch's item path ("touchpoints[3].occurredAt") as the row's own ("occurredAt"). */
function rowPath(path: string | null, list: string): string | null {
  if (!path) return null;
  return path.replace(new RegExp(`^${list}\\[\\d+\\]\\.?`), '') || null;
}

/** A batch in the database: the records it names, and its end (never rejects: a failure is kept apart). */
interface InFlight {
  records: Set<string>;
  done: Promise<void>;
}

/** The record a row is about: its external id, or for critical info its account's. */
function recordKey(item: Record<string, unknown>): string {
  return String(item.externalId ?? item.accountExternalId ?? '');
}

export async function runImport(ds: DataSource, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ITEMS) {
    throw new RangeError(`batch size: expected an integer from 1 to ${MAX_BATCH_ITEMS}, got ${batchSize}`);
  }
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new RangeError(`concurrency: expected an integer from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`);
  }
  const sourceSystem = checkSourceSystem(options.sourceSystem);
  const { mapping, division } = options;
  const list = mapping.kind;
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(options.file) ? '\t' : ',');
  const source = await openSource(options.file, { format: options.format, delimiter });
  const rejectedPath = rejectedFileFor(options.file, source.format);
  const rejects = new RejectedRows(rejectedPath, source.format, delimiter, () => source.columns(), source.byteOrderMark);
  const audit = new AuditRepository(ds);
  // Started once the header is checked, so that warnings come before the bar.
  let progress: Progress | undefined;
  const summary: ImportSummary = {
    file: options.file, kind: list, rows: 0, created: 0, updated: 0, unchanged: 0, waiting: 0, rejected: 0, rejectedBeforeSending: 0,
    warned: 0, firstWarning: null, resumed: 0, batches: 0, elapsedMs: 0, rowsPerSecond: 0, rejectedFile: null, interrupted: false,
  };
  const finish = () => {
    summary.elapsedMs = Math.round(performance.now() - started);
    summary.rowsPerSecond = summary.elapsedMs > 0 ? Math.round((summary.rows * 1000) / summary.elapsedMs) : 0;
    summary.rejected = rejects.count;
    summary.rejectedFile = rejects.count > 0 ? rejectedPath : null;
    return summary;
  };

  const reject = async (record: SourceRecord, reason: string, path: string | null, sent: boolean) => {
    if (!sent) summary.rejectedBeforeSending++;
    await rejects.add(record, reason, path);
  };

  const send = async (batch: Pending[]): Promise<IngestResult> => {
    const input: IngestBatchInput = { division: division.key, sourceSystem, [list]: batch.map((p) => p.item) };
    return retryTransient(() => ds.transaction(async (tx) => {
      const result = await ingestBatch(tx, division.id, sourceSystem, input);
      await audit.insert({
        actorKind: 'IMPORT', actorId: null, actorLabel: options.actorLabel ?? 'import command', action: 'IMPORT',
        targetType: 'DIVISION', targetId: division.id,
        after: {
          file: options.file, sourceSystem, kind: list, rows: [batch[0].record.row, batch[batch.length - 1].record.row],
          created: result.created, updated: result.updated, unchanged: result.unchanged, waiting: result.waiting, rejected: result.rejected,
          resumed: result.resumed.length,
        },
      }, tx);
      return result;
    }));
  };

  const flush = async (batch: Pending[]) => {
    if (batch.length === 0) return;
    let result: IngestResult;
    try {
      result = await send(batch);
    } catch (error) {
      const first = batch[0].record.row;
      throw new ImportBatchError(
        `the batch of lines ${first} to ${batch[batch.length - 1].record.row} failed: ${(error as Error).message}. ` +
        (concurrency === 1 ? `Rows before line ${first} are imported` : 'The batches that ended before it or beside it are imported') +
        '; running the same import again is safe (it is idempotent).',
        finish(), { cause: error },
      );
    }
    summary.batches++;
    summary.created += result.created;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    summary.waiting += result.waiting;
    summary.resumed += result.resumed.length;
    for (const [i, item] of result.items.entries()) {
      if (item.status !== IngestItemStatus.REJECTED && item.warnings?.length) {
        summary.warned++;
        summary.firstWarning ??= `line ${batch[i].record.row}: ${item.warnings.join('; ')}`;
      }
      if (item.status !== IngestItemStatus.REJECTED) continue;
      // "already sent at touchpoints[3] of this batch" → the line of that row.
      const reason = (item.reason ?? 'rejected').replace(new RegExp(`${list}\\[(\\d+)\\] of this batch`), (_, n: string) => `line ${batch[Number(n)]?.record.row ?? '?'} of this file`);
      await reject(batch[i].record, reason, rowPath(item.path, list), true);
    }
  };

  let checkedHeader = false;
  // Columns of the mapping the header names otherwise (in case or spaces): [the mapping's name, the header's].
  let aliases: [string, string][] = [];
  const checkHeader = async () => {
    checkedHeader = true;
    const header = source.columns();
    // Found by exploratory testing: an empty CSV "imported 0 rows" and exited 0, its columns never checked.
    if (source.format === 'csv' && !header) throw new MappingError(mapping.source, [`${options.file} is empty: a CSV file starts with its header line`]);
    if (header) {
      const { all, required, requiredAnyOf } = mappedColumns(mapping);
      // Each column of the mapping, as the header names it: exactly, or else the one column that differs only in case or spaces.
      const named = new Map<string, string>();
      const clashes: string[] = [];
      for (const c of all) {
        if (header.includes(c)) {
          named.set(c, c);
          continue;
        }
        const loose = [...new Set(header.filter((h) => fold(h) === fold(c)))];
        if (loose.length === 1) named.set(c, loose[0]);
        if (loose.length > 1) {
          const where = loose.map((h) => `"${h}" (column${header.indexOf(h) === header.lastIndexOf(h) ? '' : 's'} ${header.flatMap((n, i) => (n === h ? [i + 1] : [])).join(', ')})`).join(', ');
          clashes.push(`the mapping reads "${c}", which the file has in no column of exactly that name but in ${loose.length} that differ from it only in case or spaces: ${where}; ` +
            'which one is meant cannot be told: name the column in the mapping exactly as in the file, or rename the other one');
        }
      }
      if (clashes.length) throw new MappingError(mapping.source, clashes);
      const has = (c: string) => named.has(c);
      const missingRequired = required.filter((c) => !has(c));
      const its = `its columns: ${header.map((c) => `"${c}"`).join(', ')}${otherDelimiter(header, delimiter)}`;
      if (missingRequired.length) {
        throw new MappingError(mapping.source, [`the file has no column ${missingRequired.map((c) => `"${c}"`).join(', ')} (needed for ${mapping.kind}); ${its}`]);
      }
      // Found by exploratory testing: a required field read from columns none of which the file has rejected every row.
      const noneOf = requiredAnyOf.filter((columns) => columns.every((c) => !has(c)));
      if (noneOf.length) {
        throw new MappingError(mapping.source, noneOf.map((columns) => `the file has none of the columns ${columns.map((c) => `"${c}"`).join(' + ')} (needed for ${mapping.kind}); ${its}`));
      }
      // Two columns of one name: which one the user meant cannot be guessed (the first was taken silently).
      const ambiguous = all.filter((c) => has(c) && header.indexOf(named.get(c)!) !== header.lastIndexOf(named.get(c)!));
      if (ambiguous.length) {
        throw new MappingError(mapping.source, ambiguous.map((c) => {
          const name = named.get(c)!;
          const positions = header.flatMap((n, i) => (n === name ? [i + 1] : []));
          return `the file has ${positions.length} columns named "${name}" (columns ${positions.join(', ')} of the header); the mapping reads "${c}": rename all but one in the file`;
        }));
      }
      aliases = [...named].filter(([c, name]) => c !== name);
      const missing = all.filter((c) => !has(c));
      if (missing.length && !mapping.identity) options.warn?.(`${options.file}: no column ${missing.map((c) => `"${c}"`).join(', ')}; those fields stay empty${otherDelimiter(header, delimiter)}`);
    }
    // This run's rejected rows replace a previous run's file; a run without rejections leaves none.
    await rm(rejectedPath, { force: true });
    progress = options.progress?.(source.size);
  };

  // Batches of consecutive rows, up to `concurrency` of them in the database at once while the next is read
  // and mapped (on two cores, 60,000 touchpoints went 1.24x as fast with two as with one). A batch naming a
  // record that a batch still in the database names waits for that one, so the rows of one record land in
  // the order of the file.
  const inFlight = new Set<InFlight>();
  let failure: unknown;
  const dispatch = async (full: Pending[]) => {
    const records = new Set(full.map((p) => recordKey(p.item)));
    for (const other of [...inFlight]) if ([...records].some((key) => other.records.has(key))) await other.done;
    while (inFlight.size >= concurrency) await Promise.race([...inFlight].map((other) => other.done));
    if (failure) throw failure;
    const entry: InFlight = { records, done: Promise.resolve() };
    entry.done = flush(full).catch((error: unknown) => {
      failure ??= error;
    }).finally(() => inFlight.delete(entry));
    inFlight.add(entry);
  };
  // CSV critical info: a NUMBER field's cells are read as number cells are (mapping.ts), so the catalogue's types are needed.
  const context: MapContext = { format: source.format };
  if (list === 'criticalInfo' && source.format === 'csv') {
    const types = new Map((await criticalInfoSql.fields(ds, true)).map((f) => [f.key, f.type as string]));
    context.criticalInfoType = (key) => types.get(key.trim());
  }
  let batch: Pending[] = [];
  try {
    for await (const record of source.rows()) {
      if (!checkedHeader) await checkHeader();
      summary.rows++;
      if (record.problem || !record.values) {
        await reject(record, record.problem ?? 'unreadable', null, false);
      } else {
        const mapped = mapRow(mapping, aliases.length ? withAliases(record.values, aliases) : record.values, context);
        if (mapped.ok) batch.push({ record, item: mapped.item });
        else await reject(record, mapped.reason, mapped.field, false);
      }
      if (batch.length >= batchSize) {
        const full = batch;
        batch = [];
        await dispatch(full);
      }
      progress?.update({ rows: summary.rows, bytes: source.bytesRead(), rejected: rejects.count });
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
    }
    if (!checkedHeader) await checkHeader();
    await dispatch(batch);
    await Promise.all([...inFlight].map((other) => other.done));
    if (failure) throw failure;
    progress?.update({ rows: summary.rows, bytes: summary.interrupted ? source.bytesRead() : source.size, rejected: rejects.count });
  } finally {
    // Never leave a transaction running behind the caller's back.
    await Promise.all([...inFlight].map((other) => other.done));
    // The failure's summary is this one: count what the batches beside the failed one did after it.
    if (failure) finish();
    progress?.stop();
    await rejects.close();
  }
  return finish();
}
