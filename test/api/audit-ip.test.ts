import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { resolveDivision, runImport } from '../../server/src/import/importer';
import { parseMapping } from '../../server/src/import/mapping';
import { COLLEAGUE_PASSWORD, newColleague } from '../support/colleagues';
import { INGEST, IngestOutcome, startIngestHub } from '../support/ingest';
import { GraphQLResult, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

const ROOT = join(__dirname, '../..');

/**
 * The client address on the audit trail: every entry a request makes records it by the rule sign-in uses
 * (Express with `trust proxy: loopback`: this test calls from 127.0.0.1, so the X-Forwarded-For it sends is
 * believed, as a proxy's on this host would be). The import command made no request: its entries have none.
 */
describe('the client address on the audit trail', () => {
  let hub: TestServer;
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ hub, db, close } = await startIngestHub('exhibits'));
    await newColleague(hub, { email: 'ada@ourcompany.example', division: 'exhibits', role: 'ADMIN' });
  });
  afterAll(() => close());

  /** One GraphQL request, as a caller behind a proxy that says it came from `from` (none: straight from this host). */
  async function post<T>(query: string, variables: Record<string, unknown>, auth: { cookie?: string; bearer?: string; from?: string }) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    if (auth.from) headers['x-forwarded-for'] = auth.from;
    const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as GraphQLResult<T>;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { data: body.data!, cookie: response.headers.get('set-cookie')?.split(';')[0] };
  }

  const signIn = async (from?: string) => (await post('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { colleague { id } } }',
    { e: 'ada@ourcompany.example', p: COLLEAGUE_PASSWORD }, { from })).cookie!;

  const ingest = async (batch: Record<string, unknown>, auth: { bearer?: string; from?: string }) =>
    (await post<{ ingest: IngestOutcome }>(INGEST, { batch }, auth)).data.ingest;

  /** The newest entry of an action (for a target), with its address. */
  async function latest(action: string, targetId?: string): Promise<{ ip: string | null; actorKind: string }> {
    const [row] = await db.query(
      `SELECT ip, actor_kind AS "actorKind" FROM audit_event WHERE action = $1 AND ($2::text IS NULL OR target_id = $2) ORDER BY id DESC LIMIT 1`,
      [action, targetId ?? null]);
    return row;
  }

  it("records a merge's and an ingest's caller address as sign-in records it", async () => {
    const cookie = await signIn('203.0.113.7');
    expect(await latest('SIGN_IN')).toEqual({ ip: '203.0.113.7', actorKind: 'COLLEAGUE' });

    const sent = await ingest({ division: 'exhibits', sourceSystem: 'exhibits-crm', accounts: [
      { externalId: 'IP-1', name: 'Northwind Traders' }, { externalId: 'IP-2', name: 'Contoso Pharmaceuticals' },
    ] }, { bearer: TEST_ADMIN_TOKEN, from: '198.51.100.20' });
    expect(sent.created).toBe(2);
    const [{ id: divisionId }] = await db.query(`SELECT id FROM division WHERE key = 'exhibits'`);
    expect(await latest('INGEST', divisionId)).toEqual({ ip: '198.51.100.20', actorKind: 'ADMIN_TOKEN' });
    // The admin token's own entry, as before.
    expect(await latest('USE_ADMIN_TOKEN')).toEqual({ ip: '198.51.100.20', actorKind: 'ADMIN_TOKEN' });

    const [survivor, merged] = sent.items.map((i) => i.accountId!);
    await post(`mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "one company") { mergeId } }`,
      { s: survivor, m: merged }, { cookie, from: '203.0.113.7' });
    expect(await latest('MERGE_ACCOUNTS', survivor)).toEqual({ ip: '203.0.113.7', actorKind: 'COLLEAGUE' });
  });

  it('records the connection\'s own address when no proxy names one, the same for a sign-in, an ingest and an admin write', async () => {
    await signIn();
    const signedIn = await latest('SIGN_IN');
    expect(signedIn.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    await ingest({ division: 'exhibits', sourceSystem: 'exhibits-crm', accounts: [{ externalId: 'IP-3', name: 'Fabrikam Fibers' }] }, { bearer: TEST_ADMIN_TOKEN });
    const [{ id: divisionId }] = await db.query(`SELECT id FROM division WHERE key = 'exhibits'`);
    expect((await latest('INGEST', divisionId)).ip).toBe(signedIn.ip);
    await post(`mutation { createDivision(input: { key: "logistics", name: "Logistics" }) { division { id } } }`, {}, { bearer: TEST_ADMIN_TOKEN });
    expect((await latest('CREATE_DIVISION')).ip).toBe(signedIn.ip);
  });

  it("records no address for the import command's entries: no request made them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ourcustomer-audit-ip-'));
    try {
      const file = join(dir, 'accounts.csv');
      copyFileSync(join(__dirname, '../fixtures/import/accounts.csv'), file);
      const mappingFile = join(ROOT, 'mappings', 'generic-accounts.csv.json');
      const summary = await runImport(db, {
        file, mapping: parseMapping(readFileSync(mappingFile, 'utf8'), mappingFile), division: await resolveDivision(db, 'exhibits'), sourceSystem: 'exhibits-erp',
      });
      expect(summary.created).toBe(3);
      expect(await latest('IMPORT')).toEqual({ ip: null, actorKind: 'IMPORT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
