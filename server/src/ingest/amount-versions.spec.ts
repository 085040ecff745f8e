import { createHash } from 'node:crypto';
import { useTestDatabase } from '../testing/database';
import { useDivisionIngest } from '../testing/ingest';

/**
 * One amount is one content whatever form it is sent in: `amount` 1234.5, `amountText` "1234.50" and both together
 * are the same version (found in review: the import began sending CSV cells as amountText, "1234.50" hashed
 * differently from the 1234.5 it sent before, and a source mixing the forms made a version each time it switched).
 */
describe('opportunity amounts and versions (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const sourceSystem = 'amount-crm';
  const deal = (externalId: string) => ({ externalId, accountExternalId: 'A-1', name: 'Deal', stage: 'Open', currency: 'EUR' });

  const { ingest } = useDivisionIngest(db, sourceSystem, { externalId: 'A-1', name: 'Acme' });

  async function stored(externalId: string): Promise<{ amount: string | null; version: number }> {
    const [row] = await db.query(`SELECT amount::text AS amount, version FROM opportunity WHERE source_system = $1 AND external_id = $2`, [sourceSystem, externalId]);
    return row;
  }

  /** Sends each form in turn, one batch each: the statuses. */
  async function statuses(externalId: string, forms: Record<string, unknown>[]): Promise<string[]> {
    const out: string[] = [];
    for (const form of forms) out.push((await ingest({ opportunities: [{ ...deal(externalId), ...form }] })).items[0].status);
    return out;
  }

  it('takes amount 1234.5, amountText "1234.50", both, and amount again as one version', async () => {
    expect(await statuses('FLIP', [
      { amount: 1234.5 }, { amountText: '1234.50' }, { amount: 1234.5, amountText: '1234.50' }, { amount: 1234.5 },
      { amountText: '01234.5000' }, { amountText: '1234.5' },
    ])).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    // The writing first sent is kept: nothing was written after it.
    expect(await stored('FLIP')).toEqual({ amount: '1234.5', version: 1 });
  });

  it('takes amountText "100.00" then amount 100, "0.00" then 0, as one version each; the text as sent is stored', async () => {
    expect(await statuses('HUNDRED', [{ amountText: '100.00' }, { amount: 100 }, { amountText: '100' }, { amountText: '100.0' }]))
      .toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(await stored('HUNDRED')).toEqual({ amount: '100.00', version: 1 });
    expect(await statuses('ZERO', [{ amountText: '0.00' }, { amount: 0 }, { amountText: '000' }])).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED']);
    expect(await stored('ZERO')).toEqual({ amount: '0.00', version: 1 });
  });

  it('changes the version when the amount changes, in whichever form', async () => {
    expect(await statuses('MOVE', [{ amountText: '1234.50' }, { amount: 1234.51 }, { amountText: '1234.5100' }, { amountText: '1234.5' }]))
      .toEqual(['CREATED', 'UPDATED', 'UNCHANGED', 'UPDATED']);
    expect(await stored('MOVE')).toEqual({ amount: '1234.5', version: 3 });
  });

  it('compares a record stored before amountText (amount hashed as a number) as UNCHANGED, sent again in either form', async () => {
    for (const [externalId, amount] of [['OLD-1', 1234.5], ['OLD-2', 12000], ['OLD-3', 0], ['OLD-4', 1.235], ['OLD-5', 1.5e-7]] as const) {
      await ingest({ opportunities: [{ ...deal(externalId), amount }] });
      // As the writer hashed it then (ee0837f): the item's non-empty fields, keys sorted, amount a JSON number.
      const item: Record<string, unknown> = { ...deal(externalId), amount };
      const kept = Object.fromEntries(Object.keys(item).sort().map((k) => [k, item[k]]));
      const hash = createHash('sha256').update(JSON.stringify(kept)).digest('base64url');
      await db.query(`UPDATE opportunity SET content_hash = $1, raw = $2::jsonb WHERE source_system = $3 AND external_id = $4`, [hash, JSON.stringify(kept), sourceSystem, externalId]);
    }
    const texts = ['1234.50', '12000.00', '0.00', '1.2350', '0.00000015'];
    const asText = await ingest({ opportunities: texts.map((amountText, i) => ({ ...deal(`OLD-${i + 1}`), amountText })) });
    expect(asText.items.map((i) => [i.externalId, i.status])).toEqual(texts.map((_, i) => [`OLD-${i + 1}`, 'UNCHANGED']));
    const asNumber = await ingest({ opportunities: [1234.5, 12000, 0, 1.235, 1.5e-7].map((amount, i) => ({ ...deal(`OLD-${i + 1}`), amount })) });
    expect(asNumber.items.map((i) => i.status)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect((await stored('OLD-1')).version).toBe(1);
  });

  it('stores an amount of 20 digits exactly, the same text (trailing zeros aside) UNCHANGED, another digit or its float a version', async () => {
    const exact = '1234567890123456.7890';
    expect(await statuses('BIG', [
      { amountText: exact }, { amountText: '1234567890123456.789' }, { amount: Number(exact), amountText: exact },
    ])).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED']);
    expect(await stored('BIG')).toEqual({ amount: exact, version: 1 });
    // The float is another amount (1234567890123456.8): stored as it arrives.
    expect(await statuses('BIG', [{ amount: Number(exact) }, { amountText: '1234567890123456.7891' }])).toEqual(['UPDATED', 'UPDATED']);
    expect(await stored('BIG')).toEqual({ amount: '1234567890123456.7891', version: 3 });
  });

  it('takes one amount in two forms in one batch as copies of one item', async () => {
    const outcome = await ingest({ opportunities: [{ ...deal('COPY'), amount: 7.5 }, { ...deal('COPY'), amountText: '7.50' }] });
    expect(outcome.items.map((i) => i.status)).toEqual(['CREATED', 'UNCHANGED']);
  });
});
