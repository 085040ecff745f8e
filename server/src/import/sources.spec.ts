import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSource, SourceRecord } from './sources';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ourcustomer-sources-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every record of a CSV file with the given content. */
async function csv(content: string | Buffer): Promise<SourceRecord[]> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, content);
  const out: SourceRecord[] = [];
  for await (const record of (await openSource(file)).rows()) out.push(record);
  return out;
}

describe('CSV rows', () => {
  it('reads quotes inside unquoted values as they are (12" pipe), and loses none of the rows after them', async () => {
    const rows = await csv('ID,Name,City\nD-1,Acme "The best" Inc,Berlin\nD-2,12" Pipes Ltd,Rome\nD-3,"Quoted" trailing,Oslo\nD-4,Fine,Oslo\n');
    expect(rows).toEqual([
      { row: 2, values: { ID: 'D-1', Name: 'Acme "The best" Inc', City: 'Berlin' } },
      { row: 3, values: { ID: 'D-2', Name: '12" Pipes Ltd', City: 'Rome' } },
      { row: 4, values: { ID: 'D-3', Name: '"Quoted" trailing', City: 'Oslo' } },
      { row: 5, values: { ID: 'D-4', Name: 'Fine', City: 'Oslo' } },
    ]);
  });
});
