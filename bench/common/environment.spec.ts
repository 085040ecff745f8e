import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResult } from './environment';

describe('writeResult', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'oc-bench-out-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('makes the folder an --out names when it is missing, so a long run keeps its figures', () => {
    const file = join(root, 'not', 'made', 'yet', 'ingest.json');
    writeResult(file, { perSecond: 1090 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ perSecond: 1090 });
  });
});
