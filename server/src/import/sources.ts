import { createReadStream, ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { CsvError, Options, parse } from 'csv-parse';

/**
 * Streaming readers of import files: rows one at a time, with their place in
 * the file, never the whole file in memory. Reading pauses while the consumer
 * is busy (async iteration applies backpressure down to the file).
 */

export type Format = 'csv' | 'jsonl';

/** One row of the input, or a piece of it that could not be read as a row. */
export interface SourceRecord {
  /** Line of the file the row starts on (1 = first line; the CSV header is line 1). */
  row: number;
  /** Cells by column name (CSV) or the top-level keys of the object (JSONL); null when unreadable. */
  values: Record<string, unknown> | null;
  /** CSV: the row's cells in the order of the file (written back as they were for a rejected row). */
  cells?: string[];
  /** Why the row could not be read (malformed CSV or JSON). */
  problem?: string;
  /** The line as it was, for unreadable JSONL lines. */
  text?: string;
}

export interface RowSource {
  readonly format: Format;
  readonly file: string;
  /** Size of the file in bytes. */
  readonly size: number;
  /** Bytes read from the file so far (a little ahead of the rows handed out). */
  bytesRead(): number;
  /** The CSV header once read; null for JSONL. */
  columns(): string[] | null;
  rows(): AsyncGenerator<SourceRecord>;
}

export interface SourceOptions {
  format?: Format;
  /** CSV field delimiter; default "," (a tab for .tsv files). */
  delimiter?: string;
}

/** The format a file name suggests, or null. */
export function formatOf(file: string): Format | null {
  if (/\.(csv|tsv|txt)$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  return null;
}

export async function openSource(file: string, options: SourceOptions = {}): Promise<RowSource> {
  const format = options.format ?? formatOf(file);
  if (!format) throw new Error(`${file}: cannot tell the format from the name; name it .csv or .jsonl, or pass --format csv|jsonl`);
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file}: not a file`);
  const encoding = await otherEncoding(file);
  if (encoding) throw new Error(`${file}: the file is ${encoding} text, not UTF-8: save it as UTF-8 ("CSV UTF-8" in Excel) and import it again`);
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(file) ? '\t' : ',');
  let stream: ReadStream | null = null;
  let header: string[] | null = null;
  const open = () => (stream = createReadStream(file, { highWaterMark: 256 * 1024 }));
  return {
    format,
    file,
    size: info.size,
    bytesRead: () => stream?.bytesRead ?? 0,
    columns: () => header,
    rows: () => (format === 'csv'
      ? csvRows(open(), delimiter, (columns) => (header = columns))
      : jsonlRows(open())),
  };
}

/**
 * UTF-16 or UTF-32 (Excel's "Unicode text", some Windows tools), told by its byte order mark or, without one, by
 * the zero bytes ASCII text has beside each character: read as UTF-8, the header came out as "A\0c\0…" and the
 * import said the columns were missing (found by exploratory testing).
 */
async function otherEncoding(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    const b = [...buffer.subarray(0, bytesRead)];
    if (b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) return 'UTF-32';
    if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'UTF-16';
    if (b.length >= 4 && ((b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) || (b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0))) return 'UTF-16';
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Line breaks inside a record's cells as csv-parse counts them: each CR and each LF, so a CRLF
 * inside a quoted value counts twice (between records it counts once).
 */
function parserBreaks(cells: string[]): { counted: number; crlf: number } {
  let counted = 0;
  let crlf = 0;
  for (const value of cells) {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 13 || c === 10) counted++;
      if (c === 13 && value.charCodeAt(i + 1) === 10) crlf++;
    }
  }
  return { counted, crlf };
}

/** A record as the parser produced it: its cells, the line it starts on, its place among the records. */
interface ParsedRecord {
  cells: string[];
  row: number;
  seq: number;
}

/** Cells by column name; of two columns with one name the first is taken (the importer refuses mapping such a name). */
function byName(header: string[], cells: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < Math.min(header.length, cells.length); i++) {
    if (!Object.prototype.hasOwnProperty.call(values, header[i])) values[header[i]] = cells[i];
  }
  return values;
}

type SkipError = CsvError & { lines?: number; empty_lines?: number; column?: number };

/** The longest CSV row read (its characters): far beyond any record ingest takes (the longest text is 20,000). */
export const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * A record the parser could not read. A quote that is never closed swallows the rest of the file (csv-parse
 * cannot tell where the value should have ended): say where it opened and that the rows after it are not
 * imported, rather than point at the last line.
 */
function skippedRecord(error: SkipError | undefined, overcounted: number, last: { end: number; emptyLines: number }, header: string[]): SourceRecord {
  const end = (error?.lines ?? 0) - overcounted;
  if (error?.code === 'CSV_MAX_RECORD_SIZE') {
    const start = last.end + 1 + ((error.empty_lines ?? 0) - last.emptyLines);
    return { row: start, values: null, problem: `malformed CSV: the row starting on line ${start} is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en-US')} characters (a quote never closed?): it was not imported, nor the rows it swallowed` };
  }
  if (error?.code !== 'CSV_QUOTE_NOT_CLOSED') return { row: end, values: null, problem: `malformed CSV: ${error?.message ?? 'unreadable'}` };
  const start = last.end + 1 + ((error.empty_lines ?? 0) - last.emptyLines);
  const column = error.column !== undefined && header[error.column] !== undefined ? `column "${header[error.column].trim()}"` : `cell ${(error.column ?? 0) + 1}`;
  return {
    row: start,
    values: null,
    problem: `malformed CSV: a quote opened in ${column} on line ${start} is never closed, so lines ${start} to ${end} (the end of the file) were read as one value ` +
      `and the rows on them were not imported: close or remove that quote and import the file again`,
  };
}

async function* csvRows(stream: ReadStream, delimiter: string, onHeader: (columns: string[]) => void): AsyncGenerator<SourceRecord> {
  // Lines csv-parse counted twice (CRLFs inside quoted values of the records so far), so that lines are an editor's.
  let overcounted = 0;
  let produced = 0;
  // Where the last record ended (for the line a skipped one starts on), and the header's cells.
  let last = { end: 0, emptyLines: 0 };
  let firstCells: string[] | undefined;
  // Records the parser had to skip, each after the records parsed before it, to be reported in file order.
  const skipped: { after: number; oversized?: boolean; record: SourceRecord }[] = [];
  const options: Options<ParsedRecord, string[]> = {
    bom: true,
    delimiter,
    // A quote inside an unquoted value (Acme "The best" Inc, a 12" pipe) is kept as text, as spreadsheets
    // read it: strictly, each was a malformed record, and one that opened a quote swallowed the rows after it.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // One row is held whole while it is parsed: an unclosed quote in a 750 MB file took 1.5 GB (found by exploratory testing).
    max_record_size: MAX_RECORD_CHARACTERS,
    // Numbered as the parser reads (skipped records too), which runs ahead of the loop below.
    on_record: (cells, info) => {
      const breaks = parserBreaks(cells);
      const row = info.lines - overcounted - breaks.counted;
      overcounted += breaks.crlf;
      last = { end: info.lines - overcounted, emptyLines: info.empty_lines };
      firstCells ??= cells;
      return { cells, row, seq: ++produced };
    },
    on_skip: (error) => {
      // An over-long row is reported again for each further chunk of it (csv-parse): once is enough.
      const previous = skipped.at(-1);
      if ((error as SkipError | undefined)?.code === 'CSV_MAX_RECORD_SIZE' && previous?.after === produced && previous.oversized) return undefined;
      skipped.push({ after: produced, oversized: (error as SkipError | undefined)?.code === 'CSV_MAX_RECORD_SIZE', record: skippedRecord(error as SkipError | undefined, overcounted, last, firstCells ?? []) });
      return undefined;
    },
  };
  // csv-parse's typings tie on_record's result to `columns`; with no columns the records are what on_record returns.
  const parser = parse(options as unknown as Options);
  pipeline(stream, parser, () => undefined);
  let header: string[] | null = null;
  for await (const { cells, row, seq } of parser as AsyncIterable<ParsedRecord>) {
    while (skipped.length && skipped[0].after < seq) yield skipped.shift()!.record;
    if (!header) {
      header = cells.map((n) => n.trim());
      onHeader(header);
      continue;
    }
    const values = byName(header, cells);
    // Bytes that are not UTF-8 (a Latin-1 or Windows-1252 export) were read as U+FFFD: stored, "Müller" became "M�ller".
    const unreadable = cells.findIndex((c) => c.includes('\uFFFD'));
    if (unreadable >= 0) {
      yield { row, values, cells, problem: `${cellName(header, unreadable)} ${NOT_UTF8}` };
      continue;
    }
    if (cells.length < header.length) {
      // Fewer cells than the header: most likely a line break inside an unquoted value, which split one row in two.
      yield { row, values, cells, problem: `has ${cells.length} cells but the header has ${header.length}: quote values that contain line breaks, and give every column its cell (empty if need be)` };
      continue;
    }
    if (cells.length > header.length) {
      // More cells than the header: most likely a value with an unquoted delimiter; its columns cannot be trusted.
      const beyond = cells.slice(header.length).map((c) => JSON.stringify(c)).join(', ');
      yield { row, values, cells, problem: `has ${cells.length} cells but the header has ${header.length} (beyond it: ${beyond}): quote values that contain the delimiter "${delimiter}"` };
      continue;
    }
    yield { row, values, cells };
  }
  while (skipped.length) yield skipped.shift()!.record;
}

/** Why a value with U+FFFD (bytes the UTF-8 decoder could not read) is refused. */
const NOT_UTF8 = 'holds bytes that are not UTF-8 text (read as "\uFFFD"): save the file as UTF-8; it may be Latin-1 or Windows-1252';

function cellName(header: string[], index: number): string {
  return header[index] !== undefined ? `column "${header[index]}"` : `cell ${index + 1}`;
}

/** A line of the file, or only its start when it ran past MAX_RECORD_CHARACTERS (the rest was read past, not held). */
interface Line {
  text: string;
  oversized: boolean;
}

/** How much of an oversized line is kept, for the rejected-rows file to show where it was. */
const OVERSIZED_START = 200;

/**
 * The file's lines (LF or CRLF), holding at most MAX_RECORD_CHARACTERS of one line: readline
 * built a whole line before anyone could refuse it, and a 600 MB line crashed the import.
 * Lines are cut on bytes: a newline byte never occurs inside a UTF-8 character, so each line
 * decodes on its own.
 */
async function* boundedLines(stream: ReadStream): AsyncGenerator<Line> {
  // UTF-8 takes at most 4 bytes a character: more bytes than this are surely too many characters.
  const maxBytes = MAX_RECORD_CHARACTERS * 4;
  let parts: Buffer[] = [];
  let bytes = 0;
  let oversized = false;
  const finish = (): Line => {
    const whole = Buffer.concat(parts);
    parts = [];
    bytes = 0;
    const text = whole.toString('utf8').replace(/\r$/, '');
    const line = oversized || text.length > MAX_RECORD_CHARACTERS ? { text: text.slice(0, OVERSIZED_START), oversized: true } : { text, oversized: false };
    oversized = false;
    return line;
  };
  const add = (piece: Buffer) => {
    if (oversized) return;
    if (bytes + piece.length > maxBytes) {
      // Keep the start only; the rest is read past.
      if (bytes < OVERSIZED_START * 4) parts.push(piece.subarray(0, OVERSIZED_START * 4 - bytes));
      bytes = OVERSIZED_START * 4;
      oversized = true;
      return;
    }
    parts.push(piece);
    bytes += piece.length;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, from)) {
      add(chunk.subarray(from, at));
      yield finish();
      from = at + 1;
    }
    if (from < chunk.length) add(chunk.subarray(from));
  }
  if (bytes > 0 || oversized) yield finish();
}

async function* jsonlRows(stream: ReadStream): AsyncGenerator<SourceRecord> {
  let row = 0;
  try {
    for await (const line of boundedLines(stream)) {
      row++;
      const text = row === 1 ? line.text.replace(/^\uFEFF/, '') : line.text;
      if (line.oversized) {
        yield { row, values: null, problem: `the line is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en-US')} characters, far beyond any record ingest takes: it was not imported (its start is kept here)`, text };
        continue;
      }
      if (text.trim() === '') continue;
      if (text.includes('\uFFFD')) {
        yield { row, values: null, problem: `the line ${NOT_UTF8}`, text };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { row, values: null, problem: `malformed JSON: ${(error as Error).message}`, text };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { row, values: null, problem: `expected a JSON object on the line, got ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value}`, text };
        continue;
      }
      yield { row, values: value as Record<string, unknown> };
    }
  } finally {
    stream.destroy();
  }
}
