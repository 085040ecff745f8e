import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSource, SourceRecord } from './sources';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ourcustomer-sources-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every record of a file of the given format with the given content. */
async function records(extension: 'csv' | 'jsonl', content: string | Buffer): Promise<SourceRecord[]> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.${extension}`);
  writeFileSync(file, content);
  const out: SourceRecord[] = [];
  for await (const record of (await openSource(file)).rows()) out.push(record);
  return out;
}
const csv = (content: string | Buffer) => records('csv', content);
const jsonl = (content: string | Buffer) => records('jsonl', content);

describe('files in another encoding than UTF-8', () => {
  // Found by exploratory testing: a UTF-16 file was said to lack its columns ("its columns: \"Ac\"").
  it.each([
    ['UTF-16 with its byte order mark (little-endian)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Account ID,Name\nA-1,Acme\n', 'utf16le')]), 'UTF-16'],
    ['UTF-16 with its byte order mark (big-endian)', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Account ID,Name\n', 'utf16le').swap16()]), 'UTF-16'],
    ['UTF-16 without one', Buffer.from('Account ID,Name\nA-1,Acme\n', 'utf16le'), 'UTF-16'],
    ['UTF-32 with its byte order mark', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'UTF-32'],
  ])('refuses %s, saying to save it as UTF-8', async (_, content, encoding) => {
    await expect(csv(content)).rejects.toThrow(new RegExp(`the file is ${encoding} text, not UTF-8: save it as UTF-8`));
  });

  it('reads a UTF-8 file with its byte order mark, and a file of one character', async () => {
    expect((await csv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id\nA-1\n')]))).map((r) => r.values)).toEqual([{ id: 'A-1' }]);
    expect(await csv('x')).toEqual([]);
  });
});

describe('CSV rows', () => {
  // Found by exploratory testing: both landed, silently, as other data.
  it('refuses a row of fewer cells than the header (a line break inside an unquoted value split it in two)', async () => {
    const rows = await csv('id,name,industry\nNL-1,Smith\n& Sons Ltd,Retail\nNL-2,Fine,Tech\n');
    expect(rows.map(({ row, problem }) => ({ row, problem }))).toEqual([
      { row: 2, problem: 'has 2 cells but the header has 3: quote values that contain line breaks, and give every column its cell (empty if need be)' },
      { row: 3, problem: 'has 2 cells but the header has 3: quote values that contain line breaks, and give every column its cell (empty if need be)' },
      { row: 4, problem: undefined },
    ]);
  });

  it('gives up on a row longer than a million characters (a quote never closed), holding no more of it', async () => {
    const rows = await csv(`id,name\nB-1,ok\nB-2,"${'x'.repeat(1_200_000)}\nB-3,swallowed\n`);
    expect(rows.map(({ row, problem }) => ({ row, problem }))).toEqual([
      { row: 2, problem: undefined },
      { row: 3, problem: 'malformed CSV: the row starting on line 3 is longer than 1,000,000 characters (a quote never closed?): it was not imported, nor the rows it swallowed' },
    ]);
  });

  it('refuses a row with bytes that are not UTF-8 (a Latin-1 export), naming the column', async () => {
    const rows = await csv(Buffer.concat([Buffer.from('id,name,industry\nL-1,M'), Buffer.from([0xfc]), Buffer.from('ller GmbH,Tech\nL-2,Fine,Tech\n')]));
    expect(rows.map(({ row, problem }) => ({ row, problem }))).toEqual([
      { row: 2, problem: 'column "name" holds bytes that are not UTF-8 text (read as "\uFFFD"): save the file as UTF-8; it may be Latin-1 or Windows-1252' },
      { row: 3, problem: undefined },
    ]);
  });

  it('reads quotes inside unquoted values as they are (12" pipe), and loses none of the rows after them', async () => {
    const rows = await csv('ID,Name,City\nD-1,Acme "The best" Inc,Berlin\nD-2,12" Pipes Ltd,Rome\nD-3,"Quoted" trailing,Oslo\nD-4,Fine,Oslo\n');
    expect(rows.map(({ row, values }) => ({ row, values }))).toEqual([
      { row: 2, values: { ID: 'D-1', Name: 'Acme "The best" Inc', City: 'Berlin' } },
      { row: 3, values: { ID: 'D-2', Name: '12" Pipes Ltd', City: 'Rome' } },
      { row: 4, values: { ID: 'D-3', Name: '"Quoted" trailing', City: 'Oslo' } },
      { row: 5, values: { ID: 'D-4', Name: 'Fine', City: 'Oslo' } },
    ]);
  });

  it('numbers lines as an editor does when quoted values hold line breaks, CRLF ones included (Windows exports)', async () => {
    const rows = await csv('\uFEFFID,Name,City\r\nB-1,"Acme, Inc",Berlin\r\nB-2,"Multi\r\nline ""name""",Paris\r\nB-3,"Two\r\n\r\nbreaks",Rome\r\nB-4,,Oslo\r\n\r\n\r\n');
    expect(rows.map((r) => [r.row, r.values?.ID])).toEqual([[2, 'B-1'], [3, 'B-2'], [5, 'B-3'], [8, 'B-4']]);
    expect(rows[1].values?.Name).toBe('Multi\r\nline "name"');
    const lf = await csv('ID,Name\nL-1,"a\r\nb"\nL-2,"c\nd"\nL-3,e\n');
    expect(lf.map((r) => [r.row, r.values?.ID])).toEqual([[2, 'L-1'], [4, 'L-2'], [6, 'L-3']]);
  });
});

describe('a quote that is never closed', () => {
  it('is reported on the line it opened, with its column, saying that the rows after it were not imported', async () => {
    const rows = await csv('A,B,C\n1,2,3\n\n4,"open,x\n5,6,7\n\n');
    expect(rows).toEqual([
      { row: 2, values: { A: '1', B: '2', C: '3' }, cells: ['1', '2', '3'] },
      {
        row: 4, values: null,
        problem: 'malformed CSV: a quote opened in column "B" on line 4 is never closed, so lines 4 to 6 (the end of the file) were read as one value and the rows on them were not imported: close or remove that quote and import the file again',
      },
    ]);
  });
});

describe('JSONL lines', () => {
  it('reads LF and CRLF lines, a BOM, blank lines, and a last line without a break, numbering lines as an editor does', async () => {
    const rows = await jsonl('\uFEFF{"id":"J-1"}\r\n\r\n{"id":"J-2","note":"a\\nb"}\n{"id":"J-3"}');
    expect(rows.map(({ row, values, problem }) => ({ row, values, problem }))).toEqual([
      { row: 1, values: { id: 'J-1' }, problem: undefined },
      { row: 3, values: { id: 'J-2', note: 'a\nb' }, problem: undefined },
      { row: 4, values: { id: 'J-3' }, problem: undefined },
    ]);
  });

  it('keeps multi-byte characters whole across the file\'s read chunks', async () => {
    const name = 'Müller ☃ 日本 '.repeat(40_000);
    const rows = await jsonl(`${JSON.stringify({ id: 'U-1', name })}\n{"id":"U-2"}\n`);
    expect(rows.map((r) => r.values)).toEqual([{ id: 'U-1', name }, { id: 'U-2' }]);
  });

  // Found by exploratory testing: a line of 600 MB crashed the import (readline built it whole first).
  it('gives up on a line longer than a million characters, holding only its start, and reads the lines after it', async () => {
    const rows = await jsonl(`{"id":"L-1"}\n{"id":"L-2","name":"${'x'.repeat(5_000_000)}"}\n{"id":"L-3"}\n`);
    expect(rows.map(({ row, values, problem }) => ({ row, values, problem }))).toEqual([
      { row: 1, values: { id: 'L-1' }, problem: undefined },
      { row: 2, values: null, problem: 'the line is longer than 1,000,000 characters, far beyond any record ingest takes: it was not imported (its start is kept here)' },
      { row: 3, values: { id: 'L-3' }, problem: undefined },
    ]);
    expect(rows[1].text).toBe(`{"id":"L-2","name":"${'x'.repeat(180)}`);
  });
});
