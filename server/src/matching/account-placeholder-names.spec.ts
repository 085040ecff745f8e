import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * Issue 4 (item 3), as the exploratory tester sent it through ingest: two divisions' customers under placeholder names
 * ("N/A" / "n.a.", "Unknown" / "UNKNOWN", "Test" / "test", "Private Customer" / "Private customer") or a legal form
 * alone ("Inc." / "INC") landed on one account each pair, and so did "Arcadia Pty Ltd" (+61) and "Arcadia LLC" (+1).
 * Each is its own account now; the Arcadias are put to review.
 */
describe('accounts under placeholder names and conflicting legal forms (real PostgreSQL, through ingest)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};

  beforeAll(async () => {
    for (const key of ['exhibits', 'logistics']) divisions[key] = await addDivision(db, key);
  });

  const send = async (division: string, sourceSystem: string, accounts: object[]): Promise<string[]> => {
    const result = await db.transaction((tx) =>
      ingestBatch(tx, divisions[division], sourceSystem, { division, sourceSystem, accounts } as unknown as IngestBatchInput));
    return result.items.map((i) => i.accountId!);
  };
  const placeholders: [string, string][] = [['N/A', 'n.a.'], ['Unknown', 'UNKNOWN'], ['Test', 'test'], ['Private Customer', 'Private customer'], ['Inc.', 'INC']];

  it('gives every customer sent under a placeholder name or a legal form alone an account of its own', async () => {
    const exhibits = await send('exhibits', 'crm', placeholders.map(([name], i) => ({ externalId: `N${i + 1}`, name })));
    const logistics = await send('logistics', 'erp', placeholders.map(([, name], i) => ({ externalId: `N${i + 1}`, name })));
    expect(new Set([...exhibits, ...logistics]).size).toBe(placeholders.length * 2);
    // A later "unknown" at a web address of its own joins none of them.
    const [n8] = await send('exhibits', 'crm', [{ externalId: 'N8', name: 'unknown', website: 'foo-bar-baz.com' }]);
    expect([...exhibits, ...logistics]).not.toContain(n8);
    // No review either: a placeholder is no evidence that two records are one customer.
    const [{ reviews }] = await db.query(`SELECT count(*)::int AS reviews FROM match_review`);
    expect(reviews).toBe(0);
  });

  it('still links a placeholder-named record to the customer whose web site it gives', async () => {
    const [acme] = await send('exhibits', 'crm', [{ externalId: 'P1', name: 'Placida Tools Ltd', website: 'https://www.placida-tools.com' }]);
    const [same] = await send('logistics', 'erp', [{ externalId: 'P1', name: 'Unknown', website: 'placida-tools.com' }]);
    expect(same).toBe(acme);
  });

  it('keeps "Arcadia Pty Ltd" (+61) and "Arcadia LLC" (+1) apart and puts them to review', async () => {
    const [pty] = await send('exhibits', 'fp2', [{ externalId: 'W4', name: 'Arcadia Pty Ltd', phone: '+61 2 9999 1234' }]);
    const [llc] = await send('logistics', 'fp2', [{ externalId: 'W4', name: 'Arcadia LLC', phone: '+1 212 555 0199' }]);
    expect(llc).not.toBe(pty);
    const reviews = await db.query(
      `SELECT r.evidence FROM match_review r JOIN source_account_record s ON s.id = r.record_id WHERE s.account_id = $1 AND r.status = 'OPEN'`, [llc]);
    expect(reviews).toHaveLength(1);
    expect(reviews[0].evidence.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'legalForm', level: 'CONFLICT' })]));
  });

  it.each([['Tessaro S.p.A.', 'Tessaro Inc.'], ['Kranich GmbH', 'Kranich AG'], ['Blue Ocean Ltd', 'Blue Ocean Inc']])('keeps %j and %j apart', async (x, y) => {
    const [a] = await send('exhibits', 'fp2', [{ externalId: `X-${x}`, name: x }]);
    const [b] = await send('logistics', 'fp2', [{ externalId: `X-${y}`, name: y }]);
    expect(b).not.toBe(a);
  });

  it('links "Oy Nordwind Ab" and "Nordwind Oy"', async () => {
    const [ab] = await send('exhibits', 'fp2', [{ externalId: 'F1', name: 'Oy Nordwind Ab' }]);
    const [oy] = await send('logistics', 'fp2', [{ externalId: 'F1', name: 'Nordwind Oy' }]);
    expect(oy).toBe(ab);
  });
});
