import { isUtf8 } from 'node:buffer';
import { createReadStream, ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

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
  /**
   * CSV: the row's cells in the order of the file (written back as they were for a rejected row); for a line that
   * could not be read as a row, that line as it was, in one cell.
   */
  cells?: string[];
  /** Why the row could not be read (malformed CSV or JSON). */
  problem?: string;
  /** The line as it was, for a line that could not be read as a row (its first 200 characters if it was too long). */
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
  /** Whether the file starts with a UTF-8 byte order mark (as Excel's "CSV UTF-8" writes): the rejected rows' file gets one too. */
  readonly byteOrderMark: boolean;
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
  const start = await startOf(file);
  const encoding = otherEncoding(start);
  // Checked after UTF-16, whose ASCII characters come with NUL bytes beside them.
  const binary = binaryKind(start) ?? (!encoding && start.includes(0) ? 'a binary file (it holds NUL bytes)' : null);
  if (binary) {
    throw new Error(`${file}: the file looks like ${binary}, not ${format === 'csv' ? 'CSV' : 'JSONL'} text: ` +
      (format === 'csv' ? 'save it as CSV UTF-8 ("CSV UTF-8" in Excel\'s "Save As") and import that' : 'import a JSONL text file, one JSON object a line'));
  }
  if (encoding) throw new Error(`${file}: the file is ${encoding} text, not UTF-8: save it as UTF-8 ("CSV UTF-8" in Excel) and import it again`);
  const notUtf8 = await firstNotUtf8(file);
  if (notUtf8) {
    throw new Error(`${file}: line ${notUtf8.line} is not UTF-8 text: byte 0x${notUtf8.byte.toString(16).toUpperCase().padStart(2, '0')} ` +
      `(byte ${notUtf8.offset + 1} of the file${notUtf8.before ? `, after ${JSON.stringify(notUtf8.before)}` : ''}); ` +
      'the file may be Latin-1 or Windows-1252: save it as UTF-8 ("CSV UTF-8" in Excel) and import it again');
  }
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
    byteOrderMark: start.length >= 3 && start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf,
    rows: () => (format === 'csv'
      ? csvRows(open(), file, delimiter, (columns) => (header = columns))
      : jsonlRows(open())),
  };
}

/** The first KB of the file (less for a smaller one), to tell what kind of file it is. */
async function startOf(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * What a file of another kind renamed .csv looks like, by its signature: read as text, a workbook's bytes were printed as its
 * columns ("its columns: \"PK…\""; found by exploratory testing).
 */
function binaryKind(start: Buffer): string | null {
  const begins = (...bytes: number[]) => bytes.every((b, i) => start[i] === b);
  if (begins(0x50, 0x4b, 0x03, 0x04) || begins(0x50, 0x4b, 0x05, 0x06)) return 'an Excel workbook (.xlsx) or another ZIP archive';
  if (begins(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'an old Excel workbook (.xls) or another Office document';
  if (begins(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'a PDF document';
  if (begins(0x1f, 0x8b)) return 'a gzip archive';
  return null;
}

/**
 * UTF-16 or UTF-32 (Excel's "Unicode text", some Windows tools), told by its byte order mark or, without one, by
 * the zero bytes ASCII text has beside each character: read as UTF-8, the header came out as "A\0c\0…" and the
 * import said the columns were missing (found by exploratory testing).
 */
function otherEncoding(start: Buffer): string | null {
  const b = [...start.subarray(0, 4)];
  if (b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) return 'UTF-32';
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'UTF-16';
  if (b.length >= 4 && ((b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) || (b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0))) return 'UTF-16';
  return null;
}

/** Where a file stops being UTF-8: the byte, its offset (from 0), its line and the text of that line before it. */
interface NotUtf8 {
  offset: number;
  byte: number;
  line: number;
  before: string;
}

/**
 * The first byte of the file that is not UTF-8, or null: read once through before any row, so that a Latin-1 or
 * Windows-1252 file is refused whole. Read row by row, its rows of such bytes were rejected, and written to the
 * rejected-rows file with U+FFFD in their place, so that they could not be fixed there and imported again (found by
 * exploratory testing); and its other rows landed. A block at a time (isUtf8 is native), nothing of it kept.
 */
async function firstNotUtf8(file: string): Promise<NotUtf8 | null> {
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  // The bytes of a character the last block cut short, and where they are in the file.
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  let found: { offset: number; byte: number; block: Buffer; at: number } | null = null;
  let last: { block: Buffer; whole: number } = { block: carry, whole: 0 };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const block = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const whole = block.length - cutShort(block);
      if (!isUtf8(block.subarray(0, whole))) {
        const at = invalidAt(block.subarray(0, whole));
        found = { offset: offset + at, byte: block[at], block, at };
        break;
      }
      offset += whole;
      carry = Buffer.from(block.subarray(whole));
      last = { block, whole };
    }
    // A character the end of the file cut short.
    if (!found && carry.length) found = { offset, byte: carry[0], block: last.block, at: last.whole };
  } finally {
    stream.destroy();
  }
  if (!found) return null;
  // Its line: counted again from the start, only now (a line break never occurs inside a UTF-8 character).
  const lineStart = found.block.lastIndexOf(LF, found.at - 1) + 1;
  const before = found.block.subarray(found.at > 0 ? lineStart : 0, found.at).toString('utf8').replace(/\r$/, '');
  return { offset: found.offset, byte: found.byte, line: await lineOf(file, found.offset), before: before.length > 40 ? `…${before.slice(-40)}` : before };
}

/** How many bytes at the end of the block are the start of a character that the next block ends. */
function cutShort(block: Buffer): number {
  for (let k = 1; k <= Math.min(3, block.length); k++) {
    const b = block[block.length - k];
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

/** The offset of the first byte of the block that does not begin a UTF-8 character (RFC 3629), or its length. */
function invalidAt(block: Buffer): number {
  for (let i = 0; i < block.length;) {
    const b = block[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > block.length) return i;
    // The second byte's range is narrower after some first bytes: no overlong forms, no surrogates, nothing past U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (block[i + 1] < low || block[i + 1] > high) return i;
    for (let j = 2; j < length; j++) if ((block[i + j] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return block.length;
}

/** The line (from 1) the byte at `offset` is on: LF lines, or CR ones in a file without LF before it. */
async function lineOf(file: string, offset: number): Promise<number> {
  if (offset === 0) return 1;
  let lf = 0;
  let cr = 0;
  const stream = createReadStream(file, { end: offset - 1, highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lf++;
      if (lf === 0) for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) cr++;
    }
  } finally {
    stream.destroy();
  }
  return 1 + (lf > 0 ? lf : cr);
}

/** Cells by column name; of two columns with one name the first is taken (the importer refuses mapping such a name). */
function byName(header: string[], cells: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < Math.min(header.length, cells.length); i++) {
    if (!Object.prototype.hasOwnProperty.call(values, header[i])) values[header[i]] = cells[i];
  }
  return values;
}

/** The longest CSV row read (the characters of its lines): far beyond any record ingest takes (the longest text is 20,000). */
export const MAX_RECORD_CHARACTERS = 1_000_000;

/** Where a quoted value opened: its line and the index of its cell. */
interface QuoteAt {
  line: number;
  cell: number;
}

/** A CSV row being read, line by line while a quoted value runs on past the end of a line. */
interface PendingRow {
  /** Its lines as read (the first is where it starts), to be read again as rows of their own if it cannot be right. */
  lines: Line[];
  /** Characters of those lines and their breaks: at most MAX_RECORD_CHARACTERS. */
  chars: number;
  cells: string[];
  /** The cell being read when a line ended inside a quoted value. */
  field: string;
  /** The quoted value open at the end of the last line read; null when none is. */
  open: QuoteAt | null;
  /** The first quoted value that ran past the end of a line: the one that made this a row of several lines. */
  spanned: QuoteAt | null;
}

/** A line read into a row: it ended the row, it ended inside a quoted value, or that value's closing quote cannot be one. */
type LineOutcome = 'row' | 'open' | { stray: string };

const QUOTE = 34;

/**
 * Reads one line into the row, as csv-parse with relax_quotes read cells: a quote at the start of a cell opens a
 * quoted value, in which "" is a quote and a quote followed by the delimiter or the end of the line closes it; a
 * quote anywhere else is text (12" pipe). A quote followed by something else also closed a quoted value, which then
 * kept its quotes as text ("Quoted" trailing): on the line the value opened on that still holds, but a value opened
 * on an earlier line is then not a quoted value that spans lines (the quote was a stray one, and the good row that
 * the "closing" quote opens was being read into it), so the line and what follows it are reported.
 */
function readLine(row: PendingRow, line: Line, delimiter: string): LineOutcome {
  const text = line.text;
  let quoted = row.open !== null;
  if (!quoted && !text.includes('"')) {
    // Most lines: no quote, so no quoted value.
    row.cells = text.split(delimiter);
    return 'row';
  }
  let field = row.field;
  let at = 0;
  if (!quoted && text.charCodeAt(0) === QUOTE) {
    quoted = true;
    row.open = { line: line.number, cell: 0 };
    at = 1;
  }
  for (;;) {
    if (quoted) {
      const quote = text.indexOf('"', at);
      if (quote === -1) {
        row.field = field + text.slice(at) + line.eol;
        row.spanned ??= row.open;
        return 'open';
      }
      field += text.slice(at, quote);
      const next = text[quote + 1];
      if (next === '"') {
        field += '"';
        at = quote + 2;
        continue;
      }
      if (next !== undefined && next !== delimiter) {
        if (row.open!.line !== line.number) return { stray: next };
        field = `"${field}"`;
      }
      quoted = false;
      row.open = null;
      at = quote + 1;
    }
    // The rest of the cell, to the delimiter.
    const end = text.indexOf(delimiter, at);
    if (end === -1) {
      row.cells.push(field + text.slice(at));
      row.field = '';
      return 'row';
    }
    row.cells.push(field + text.slice(at, end));
    field = '';
    at = end + 1;
    if (text.charCodeAt(at) === QUOTE) {
      quoted = true;
      row.open = { line: line.number, cell: row.cells.length };
      at++;
    }
  }
}

/** Why a line was rejected, and what to do, when the quoted value it opened cannot be one. */
function neverClosed(row: PendingRow, quote: QuoteAt, header: string[], why: string): string {
  const start = row.lines[0].number;
  const where = quote.line === start ? '' : `the row starting on line ${start} cannot be read: `;
  return `malformed CSV: ${where}a quote opened in ${cellName(header, quote.cell)} on line ${quote.line} is never closed (${why}): only line ${start} is rejected, ` +
    'and the lines after it were read again as rows of their own; close that quote (a quote inside a quoted value is written twice: "") or remove it, and import the file again (the rows already imported stay as they are)';
}

/** Why a row of several lines whose quoted value closed was refused: its cells do not fit the header. */
function runOn(header: string[], start: number, end: number, quote: QuoteAt, cells: number): string {
  return `malformed CSV: the row on lines ${start} to ${end} has ${cells} cells where the header has ${header.length}, read on past line ${quote.line} ` +
    `inside a quoted value opened in ${cellName(header, quote.cell)}: if that quote was opened by mistake, the rows after it are in this one; otherwise ` +
    `a value of this row holds the delimiter unquoted. None of these lines was imported (all are kept here): fix the file and import it again`;
}

async function* csvRows(stream: ReadStream, file: string, delimiter: string, onHeader: (columns: string[]) => void): AsyncGenerator<SourceRecord> {
  const lines = boundedLines(stream, { crLines: true });
  // Lines to read again, the next one last: those a row that could not be right took in after its first line.
  const again: Line[] = [];
  let lastLine = 0;
  const nextLine = async (): Promise<Line | null> => {
    if (again.length) return again.pop()!;
    const { value, done } = await lines.next();
    if (done) return null;
    lastLine = value.number;
    if (value.number === 1) value.text = value.text.replace(/^\uFEFF/, '');
    return value;
  };
  let header: string[] | null = null;
  // Empty names the header ends with (a trailing delimiter), and its line: no columns (see below).
  let nameless: Nameless = { count: 0, line: 1 };
  let row: PendingRow | null = null;
  /**
   * The row cannot be right: its first line is rejected, and the lines after it (and `also`, read but not taken in)
   * are read again. Only what a row took in is held, at most MAX_RECORD_CHARACTERS.
   */
  const reject = (quote: QuoteAt, why: string, also?: Line): SourceRecord => {
    const pending = row!;
    row = null;
    if (also) again.push(also);
    for (let i = pending.lines.length - 1; i >= 1; i--) again.push(pending.lines[i]);
    const first = pending.lines[0];
    if (!header) {
      // Without its header a file's columns cannot be known: nothing of it can be imported.
      throw new Error(`${file}: line ${first.number} (the header): a quote opened in ${cellName([], quote.cell)} is never closed (${why}): close that quote or remove it, and import the file again`);
    }
    return { row: first.number, values: null, cells: [first.text], text: first.text, problem: neverClosed(pending, quote, header, why) };
  };
  try {
    for (;;) {
      const line = await nextLine();
      if (!line) {
        if (!row) break;
        yield reject(row.open!, `it ran to the end of the file, line ${lastLine}`);
        continue;
      }
      if (!row) {
        if (line.oversized) {
          if (!header) throw new Error(`${file}: line ${line.number} (the header) is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en-US')} characters, too long for a header: is the file CSV, with a line break after its header?`);
          yield { row: line.number, values: null, cells: [line.text], text: line.text, problem: `malformed CSV: line ${line.number} is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en-US')} characters, far beyond any record ingest takes: it was not imported (its start is kept here)` };
          continue;
        }
        // An empty line, or one of only spaces (a hand-edited file), is no row; a quoted empty value ("") is one.
        if (line.text === '' || (isSpace(line.text.charCodeAt(0)) && isBlank(line.text, delimiter))) continue;
        row = { lines: [line], chars: line.text.length + line.eol.length, cells: [], field: '', open: null, spanned: null };
      } else {
        const chars = row.chars + line.text.length + line.eol.length;
        if (line.oversized || chars > MAX_RECORD_CHARACTERS) {
          yield reject(row.open!, `it passed ${MAX_RECORD_CHARACTERS.toLocaleString('en-US')} characters on line ${line.number}`, line);
          continue;
        }
        row.lines.push(line);
        row.chars = chars;
      }
      const outcome = readLine(row, line, delimiter);
      if (outcome === 'open') continue;
      if (outcome !== 'row') {
        yield reject(row.open!, `the next quote, on line ${line.number}, is followed by ${JSON.stringify(outcome.stray)}, not by the delimiter or the end of the line`);
        continue;
      }
      const { cells } = row;
      const start = row.lines[0].number;
      if (!header) {
        row = null;
        const names = cells.map((n) => n.trim());
        // A header ending with the delimiter ("id,name,"), as some exports write, names no column there: an empty-named
        // column was made, and rows without the trailing delimiter were refused as short (issue 4). Its cells are empty
        // beyond the header in every row that has them (checkedRow); a row with a value there is refused, saying so.
        let named = names.length;
        while (named > 1 && names[named - 1] === '') named--;
        header = names.slice(0, named);
        nameless = { count: names.length - named, line: start };
        onHeader(header);
        continue;
      }
      if (row.spanned && (cells.length < header.length || cells.length > header.length + nameless.count)) {
        // The quoted value closed as one does, yet the row cannot be right: either a stray quote took good rows in, or a
        // good multi-line value sits in a row with a delimiter left unquoted. Which, nobody can tell: reading the lines
        // again imported the second kind's continuation lines as rows of junk (found in review). So the whole row is
        // refused, every line of it kept in the rejected-rows file, and nothing of it imported.
        const quote = row.spanned;
        row = null;
        yield { row: start, values: null, cells, problem: runOn(header, start, line.number, quote, cells.length) };
        continue;
      }
      row = null;
      yield checkedRow(header, start, cells, delimiter, nameless);
    }
  } finally {
    await lines.return(undefined);
    stream.destroy();
  }
}

/** Space, tab, no-break space, form feed or vertical tab: what a blank line may hold. */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 12 || code === 11;
}

/** A line of only spaces; not one holding the delimiter (a line of tabs in a tab-separated file is a row of empty cells). */
function isBlank(text: string, delimiter: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isSpace(text.charCodeAt(i)) || text[i] === delimiter) return false;
  }
  return true;
}

/** The empty names a CSV header ends with (its trailing delimiters), and the header's line. */
interface Nameless {
  count: number;
  line: number;
}

/** A row of the file, refused when its cells are not UTF-8 or do not match the header's. */
function checkedRow(header: string[], row: number, cells: string[], delimiter: string, nameless: Nameless): SourceRecord {
  const values = byName(header, cells);
  // A file of bytes that are not UTF-8 is refused before its rows are read (firstNotUtf8); a U+FFFD is then in the file
  // itself, left by a conversion that lost the text ("Müller" became "M�ller"): stored, it would stay lost.
  const unreadable = cells.findIndex((c) => c.includes('\uFFFD'));
  if (unreadable >= 0) return { row, values, cells, problem: `${cellName(header, unreadable)} ${NOT_UTF8}` };
  if (cells.length < header.length) {
    // Fewer cells than the header: most likely a line break inside an unquoted value, which split one row in two.
    return { row, values, cells, problem: `has ${cells.length} cells but the header has ${header.length}: quote values that contain line breaks, and give every column its cell (empty if need be)` };
  }
  if (cells.length > header.length) {
    const extra = cells.slice(header.length);
    // Empty (or blank) cells beyond the header are a trailing delimiter, as some Excel exports write: no cell of the row.
    if (extra.every((c) => c.trim() === '')) return { row, values, cells: cells.slice(0, header.length) };
    // Under the empty names a header ending with the delimiter has: a value no column holds, which would be lost.
    if (cells.length <= header.length + nameless.count) {
      const at = extra.findIndex((c) => c.trim() !== '');
      return {
        row, values, cells,
        problem: `has a value in cell ${header.length + at + 1} (${JSON.stringify(extra[at])}), which has no column: the header (line ${nameless.line}) ends with the delimiter, a column without a name: name that column in the header, or remove the value`,
      };
    }
    // More cells than the header, with something in them: most likely a value with an unquoted delimiter; its columns cannot be trusted.
    const beyond = extra.map((c) => JSON.stringify(c)).join(', ');
    return { row, values, cells, problem: `has ${cells.length} cells but the header has ${header.length}, and not all the cells beyond it are empty (${beyond}): quote values that contain the delimiter "${delimiter}"` };
  }
  return { row, values, cells };
}

/** Why a value with U+FFFD is refused. */
const NOT_UTF8 = 'holds "\uFFFD", the replacement character, where a conversion lost the text (e.g. "M\uFFFDller" for "M\u00fcller"): put the original text back';

function cellName(header: string[], index: number): string {
  return header[index] !== undefined ? `column "${header[index]}"` : `cell ${index + 1}`;
}

/** A line of the file, or only its start when it ran past MAX_RECORD_CHARACTERS (the rest was read past, not held). */
interface Line {
  /** 1 = the file's first line. */
  number: number;
  /** Without its line break. */
  text: string;
  oversized: boolean;
  /** The line break that ended it ("\r\n", "\n" or "\r"; "" for a last line without one): kept in a quoted value that runs on. */
  eol: string;
}

/** How much of an oversized line is kept, for the rejected-rows file to show where it was. */
const OVERSIZED_START = 200;

const LF = 10;
const CR = 13;

/**
 * The file's lines (LF or CRLF; with `crLines`, CR too when the first line ends in a CR alone, as old Mac files and
 * csv-parse read them), holding at most MAX_RECORD_CHARACTERS of one line: readline built a whole line before anyone
 * could refuse it, and a 600 MB line crashed the import. Lines are cut on bytes: a CR or LF byte never occurs
 * inside a UTF-8 character, so each line decodes on its own.
 */
async function* boundedLines(stream: ReadStream, options: { crLines?: boolean } = {}): AsyncGenerator<Line> {
  // UTF-8 takes at most 4 bytes a character: more bytes than this are surely too many characters.
  const maxBytes = MAX_RECORD_CHARACTERS * 4;
  // The byte lines end with; unknown (undefined) until the first line break when CR ones may be.
  let breakByte: number | undefined = options.crLines ? undefined : LF;
  let parts: Buffer[] = [];
  let bytes = 0;
  let oversized = false;
  let number = 0;
  const finish = (ended: boolean): Line => {
    const whole = Buffer.concat(parts);
    parts = [];
    bytes = 0;
    let text = whole.toString('utf8');
    let eol = ended ? (breakByte === CR ? '\r' : '\n') : '';
    if (breakByte !== CR && text.endsWith('\r')) {
      text = text.slice(0, -1);
      if (ended) eol = '\r\n';
    }
    const line = oversized || text.length > MAX_RECORD_CHARACTERS
      ? { number: ++number, text: text.slice(0, OVERSIZED_START), oversized: true, eol }
      : { number: ++number, text, oversized: false, eol };
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
    if (breakByte === undefined) {
      const lf = chunk.indexOf(LF);
      const cr = chunk.indexOf(CR);
      // A CR at the chunk's end may be a CRLF's: LF lines, as nearly every file has.
      if (cr !== -1 && (lf === -1 || cr < lf) && cr + 1 < chunk.length && chunk[cr + 1] !== LF) breakByte = CR;
      else if (lf !== -1 || cr !== -1) breakByte = LF;
      else {
        add(chunk);
        continue;
      }
    }
    let from = 0;
    for (let at = chunk.indexOf(breakByte, from); at !== -1; at = chunk.indexOf(breakByte, from)) {
      add(chunk.subarray(from, at));
      yield finish(true);
      from = at + 1;
    }
    if (from < chunk.length) add(chunk.subarray(from));
  }
  if (bytes > 0 || oversized) yield finish(false);
}

async function* jsonlRows(stream: ReadStream): AsyncGenerator<SourceRecord> {
  try {
    for await (const line of boundedLines(stream)) {
      const row = line.number;
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
