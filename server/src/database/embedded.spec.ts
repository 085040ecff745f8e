import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inUseMessage } from './embedded';

// Found by exploratory testing (issue 4): `npm run import` while the hub ran on the embedded database ended with
// PostgreSQL's raw "FATAL: lock file postmaster.pid already exists". It says what to do instead.
describe('the embedded database in use by another process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'oc-embedded-'));
    await mkdir(join(dataDir, 'pg'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('says to stop the hub or set DATABASE_URL to its database, with the port it runs on and where the password is', async () => {
    // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, shared memory key, status.
    await writeFile(join(dataDir, 'pg', 'postmaster.pid'), `4242\n${join(dataDir, 'pg')}\n1764100000\n41234\n\n127.0.0.1\n  0 0\nready\n`);
    expect(await inUseMessage(dataDir)).toBe(
      `the embedded PostgreSQL in ${join(dataDir, 'pg')} is in use by another process (a running hub?). Stop that process and run this again, ` +
      `or set DATABASE_URL to the database it serves: postgres://postgres:<password>@127.0.0.1:41234/ourcustomer, ` +
      `the password being the line in ${join(dataDir, 'credentials')} (the hub prints the port when it starts: "Embedded PostgreSQL running on 127.0.0.1:41234")`);
  });

  it('says so without a port when the lock file cannot be read', async () => {
    await rm(join(dataDir, 'pg', 'postmaster.pid'));
    expect(await inUseMessage(dataDir)).toContain('postgres://postgres:<password>@127.0.0.1:<port>/ourcustomer');
  });
});
