import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { orderedId } from '../ingest/ordered-id';
import { addDivision, useTestDatabase } from '../testing/database';
import { countsFrom, linkAccountRecords } from './account-linker';
import { accountBlockingKeys } from './blocking-keys';
import { accountFeatures } from './features';
import { StoredAccount } from './blocking';

const stored = (id: string, accountId: string | null, nameNorm: string, phone: string | null = null): StoredAccount => ({
  id, accountId, nameNorm, phone, domains: [], registryId: null, addressNorm: null, postalCode: null, legalForm: null,
});

describe('countsFrom', () => {
  it('counts the accounts that hold a name, not the records of this batch not linked yet', () => {
    // Three copies of one new customer in the batch, and two accounts already named so.
    const counts = countsFrom([
      stored('r1', null, 'acme'), stored('r2', null, 'acme'), stored('r3', null, 'acme'),
      stored('s1', 'A', 'acme'), stored('s2', 'A', 'acme'), stored('s3', 'B', 'acme'),
    ]);
    expect(counts.name('acme')).toBe(2);
    expect(countsFrom([stored('r1', null, 'acme'), stored('r2', null, 'acme')]).name('acme')).toBe(0);
  });

  it('counts the accounts that hold a phone the same way: a switchboard is a number several accounts share', () => {
    expect(countsFrom([stored('r1', null, 'a', '5550100'), stored('r2', null, 'b', '5550100'), stored('s1', 'A', 'c', '5550100')]).phone('5550100')).toBe(1);
    expect(countsFrom([stored('s1', 'A', 'a', '5550100'), stored('s2', 'B', 'b', '5550100'), stored('s3', 'B', 'c', '5550100')]).phone('5550100')).toBe(2);
  });

  it('counts the accounts whose name has a word, as a whole word only', () => {
    const counts = countsFrom([
      stored('r1', null, 'delta'), stored('s1', 'A', 'delta motors'), stored('s2', 'A', 'delta'), stored('s3', 'B', 'delta foods'), stored('s4', 'C', 'deltaform'),
    ]);
    expect(counts.nameWord('delta')).toBe(2);
    expect(counts.nameWord('foods')).toBe(1);
    expect(counts.nameWord('form')).toBe(0);
  });
});

describe('linkAccountRecords (real PostgreSQL)', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const divisionId = await addDivision(db, 'exhibits');
    await db.transaction((tx) => ingestBatch(tx, divisionId, 'crm', { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'A-1', name: 'Hooli Incorporated', website: 'hooli.example' }] } as unknown as IngestBatchInput));
  });

  // New records' keys are written while the batch is scored, not awaited until the records go in: statements sent meanwhile fail
  // only because it did ("current transaction is aborted"), and the error to report is its own.
  it("reports a failed key insert's own error, not that of the statement that ran into the aborted transaction", async () => {
    const features = accountFeatures({ name: 'Hooli Incorporated', website: 'hooli.example' });
    const keys = accountBlockingKeys(features);
    const record = { id: orderedId(), name: 'Hooli Incorporated', industry: null, features, keys: [...keys, keys[0]] };
    const failure = await db.transaction((tx) => linkAccountRecords(tx, [record], { insert: async () => undefined })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: expect.stringContaining('duplicate key value violates unique constraint') });
  });

  // The key insert is sent right behind the blocking probe: when the probe fails, the insert fails only because it did,
  // and the error to report is the probe's.
  it("reports a failed probe's own error, not that of the key insert sent behind it", async () => {
    const features = accountFeatures({ name: 'Hooli Incorporated', website: 'hooli.example' });
    const record = { id: orderedId(), name: 'Hooli Incorporated', industry: null, features, keys: ['A|n:hooli\u0000'] };
    const failure = await db.transaction((tx) => linkAccountRecords(tx, [record], { insert: async () => undefined })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: expect.stringMatching(/0x00|null character/) });
    expect(failure).not.toMatchObject({ message: expect.stringContaining('current transaction is aborted') });
  });
});
