import { DataSource } from 'typeorm';
import { Client } from '../support/server';
import { ingest, startIngestHub } from '../support/ingest';

/**
 * The answer of a write is what it did, not a query to refuse: an ingest batch whose account lets more than 50,000
 * waiting items land (`resumed`, which no batch limit bounds) was answered RESULT_TOO_LARGE with no data, after its
 * transaction had committed (found in review): its system was told the batch failed, and lost what landed.
 */
describe("an ingest answer is never refused for its size (the limit on an answer's list items)", () => {
  let close: () => Promise<void>;
  let admin: Client;
  let db: DataSource;

  beforeAll(async () => {
    ({ admin, db, close } = await startIngestHub('logistics'));
  }, 120_000);
  afterAll(() => close());

  it('answers every item that was waiting for the account, however many', async () => {
    const waiting = 50_000;
    // Sent before their account (as an initial load may send them): waiting items, put here directly for speed.
    await db.query(
      `INSERT INTO waiting_item (division_id, source_system, kind, external_id, account_external_id, raw)
       SELECT d.id, 'sap', 'TOUCHPOINT', 'w' || g, 'late',
              jsonb_build_object('externalId', 'w' || g, 'accountExternalId', 'late', 'type', 'CALL', 'occurredAt', '2026-10-01T10:00:00Z')
         FROM division d, generate_series(1, $1::int) g WHERE d.key = 'logistics'`, [waiting]);
    const outcome = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: 'late', name: 'Latecomer Freight Holdings' }] });
    expect(outcome.items).toHaveLength(1);
    expect(outcome.resumed).toHaveLength(waiting);
    expect(outcome.resumed.every((r) => r.status === 'CREATED' && r.accountId === outcome.items[0].accountId)).toBe(true);
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint WHERE account_id = $1`, [outcome.items[0].accountId])).toEqual([{ n: waiting }]);
  }, 300_000);
});
