import { DataSource } from 'typeorm';
import { colleagueClient } from '../support/colleagues';
import { ingest, startIngestHub } from '../support/ingest';
import { Client } from '../support/server';

const OPPORTUNITIES = `query($id: ID!, $filter: OpportunityFilter) { account(id: $id) {
  opportunities(first: 100, filter: $filter) { edges { node { externalId status amount amountText currency closeDate overdue } }
    totals { id currency amountText amount opportunityCount } } } }`;

interface Node { externalId: string; status: string; amount: number | null; amountText: string | null; currency: string | null; closeDate: string | null; overdue: boolean }
interface Total { id?: string; currency: string | null; amountText: string; amount: number; opportunityCount: number }
type Listing = { account: { opportunities: { edges: { node: Node }[]; totals: Total[] } } };

const EXHIBITS = { division: 'exhibits', sourceSystem: 'exhibits-crm' };
const ACCOUNT = { externalId: 'A-1', name: 'Initrode Systems', website: 'https://www.initrode.com' };
const deal = (externalId: string, stage: string, more: Record<string, unknown> = {}) => ({ externalId, accountExternalId: 'A-1', name: `Deal ${externalId}`, stage, ...more });

/**
 *   P-1 Proposal     "99999999999999.99" USD  2020-01-15 (open, its close date passed: overdue)
 *   P-2 Negotiation  0.01 USD                 2199-01-01
 *   P-3 Closed Won   "10.123" EUR             2020-01-01 (closed: not overdue; more decimals than EUR has)
 *   P-4 Lost         5.5 JPY                  (more decimals than JPY has)
 *   P-5 Proposal     no amount, no close date
 *   P-6 Proposal     "1234.50" EUR            2199-06-30
 */
const DEALS = [
  deal('P-1', 'Proposal', { amountText: '99999999999999.99', currency: 'USD', closeDate: '2020-01-15' }),
  deal('P-2', 'Negotiation', { amount: 0.01, currency: 'USD', closeDate: '2199-01-01' }),
  deal('P-3', 'Closed Won', { amountText: '10.123', currency: 'EUR', closeDate: '2020-01-01' }),
  deal('P-4', 'Lost', { amount: 5.5, currency: 'JPY' }),
  deal('P-5', 'Proposal'),
  deal('P-6', 'Proposal', { amountText: '1234.50', currency: 'eur', closeDate: '2199-06-30' }),
];

describe('opportunity amounts: exact text in, totals per currency, overdue', () => {
  let admin: Client;
  let anna: Client;
  let db: DataSource;
  let close: () => Promise<void>;
  let accountId: string;

  async function listing(filter?: Record<string, unknown>): Promise<Listing['account']['opportunities']> {
    const response = await anna<Listing>(OPPORTUNITIES, { id: accountId, filter });
    expect(response.errors).toBeUndefined();
    return response.data!.account.opportunities;
  }

  beforeAll(async () => {
    let hub;
    ({ hub, admin, db, close } = await startIngestHub('exhibits'));
    anna = await colleagueClient(hub, { email: 'anna@ourco.example', division: 'exhibits' });
  });
  afterAll(() => close());

  it('takes amountText exactly, and warns of more decimals than the currency has, keeping them', async () => {
    const result = await ingest(admin, { ...EXHIBITS, accounts: [ACCOUNT], opportunities: DEALS });
    expect(result.items.map((i) => [i.externalId, i.status, i.warnings])).toEqual([
      ['A-1', 'CREATED', []],
      ['P-1', 'CREATED', []],
      ['P-2', 'CREATED', []],
      ['P-3', 'CREATED', ['amountText 10.123 EUR has 3 decimals; EUR has 2 decimals: kept as sent']],
      ['P-4', 'CREATED', ['amount 5.5 JPY has 1 decimal; JPY has none: kept as sent']],
      ['P-5', 'CREATED', []],
      ['P-6', 'CREATED', []],
    ]);
    accountId = result.items[0].accountId!;
    const nodes = new Map((await listing()).edges.map((e) => [e.node.externalId, e.node]));
    // Found in the team's notes: amount, a Float, arrived as 99999999999999.98 (the JSON parser's nearest double).
    expect(nodes.get('P-1')).toMatchObject({ amountText: '99999999999999.99', amount: Number('99999999999999.99'), currency: 'USD' });
    expect(nodes.get('P-3')).toMatchObject({ amountText: '10.123', currency: 'EUR' });
    expect(nodes.get('P-4')).toMatchObject({ amountText: '5.5', currency: 'JPY' });
    expect(nodes.get('P-6')).toMatchObject({ amountText: '1234.50', currency: 'EUR' });
  });

  it('takes the same amounts again as UNCHANGED, also an amount now sent as the text that writes it', async () => {
    const again = await ingest(admin, { ...EXHIBITS, opportunities: [DEALS[0], { ...DEALS[1], amount: undefined, amountText: '0.01' }, DEALS[2]] });
    expect(again.items.map((i) => [i.externalId, i.status])).toEqual([['P-1', 'UNCHANGED'], ['P-2', 'UNCHANGED'], ['P-3', 'UNCHANGED']]);
  });

  it('rejects a malformed amountText, or one that disagrees with amount, naming the field', async () => {
    const result = await ingest(admin, {
      ...EXHIBITS,
      opportunities: [deal('R-1', 'Proposal', { amountText: '1,234.50' }), deal('R-2', 'Proposal', { amount: 1234.6, amountText: '1234.5' })],
    });
    expect(result.items.map((i) => [i.externalId, i.status, i.path, i.reason])).toEqual([
      ['R-1', 'REJECTED', 'opportunities[0].amountText',
        'amountText "1,234.50" is not a plain decimal such as "1234.50" (digits, and a point before any decimals; no sign, exponent, spaces nor digit grouping)'],
      ['R-2', 'REJECTED', 'opportunities[1].amountText',
        'amountText "1234.5" and amount 1234.6 disagree (amount is not the floating-point number nearest to amountText): send one of them, or both for the same amount'],
    ]);
    expect(await db.query(`SELECT count(*)::int AS n FROM opportunity WHERE external_id LIKE 'R-%'`)).toEqual([{ n: 0 }]);
  });

  it('marks open opportunities whose close date has passed as overdue, and no others', async () => {
    const { edges } = await listing();
    expect(edges.map((e) => [e.node.externalId, e.node.overdue])).toEqual([
      ['P-1', true], ['P-2', false], ['P-6', false], ['P-5', false], ['P-3', false], ['P-4', false],
    ]);
  });

  it('sums the amounts of every listed opportunity per currency, exactly (summed by the database), and as the filter lists them', async () => {
    const all = (await listing()).totals;
    const open = (await listing({ statuses: ['OPEN'] })).totals;
    // Each figure its own id, the filter part of it (a client's cache keeps the open ones' EUR apart from every one's).
    expect(new Set([...all, ...open].map((t) => t.id)).size).toBe(all.length + open.length);
    // A float sum says 100000000000000 for USD: the cent of P-2 and the cents of P-1 are gone.
    expect(all.map(({ id: _id, ...t }) => t)).toEqual([
      { currency: 'EUR', amountText: '1244.623', amount: 1244.623, opportunityCount: 2 },
      { currency: 'JPY', amountText: '5.5', amount: 5.5, opportunityCount: 1 },
      { currency: 'USD', amountText: '100000000000000.00', amount: 100000000000000, opportunityCount: 2 },
    ]);
    expect(open.map(({ id: _id, ...t }) => t)).toEqual([
      { currency: 'EUR', amountText: '1234.50', amount: 1234.5, opportunityCount: 1 },
      { currency: 'USD', amountText: '100000000000000.00', amount: 100000000000000, opportunityCount: 2 },
    ]);
    expect((await listing({ statuses: ['LOST'] })).totals).toMatchObject([{ currency: 'JPY', amountText: '5.5', amount: 5.5, opportunityCount: 1 }]);
  });

  it('takes an empty list of statuses as no filter on status, as every list of the API (TimelineFilter, ingest) does', async () => {
    const all = await listing();
    expect(await listing({ statuses: [] })).toEqual(all);
    expect(await listing({ statuses: [], divisionIds: [] })).toEqual(all);
    expect(all.edges).toHaveLength(6);
  });
});
