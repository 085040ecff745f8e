import { ColleagueRole } from '../../server/src/colleagues/colleague.entity';
import { Client, startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_FILE, schemaText } from '../../server/src/schema/schema-text';

describe('GraphQL API over HTTP', () => {
  let hub: TestServer;
  let rep: Client;

  beforeAll(async () => {
    hub = await startTestServer({ demo: { accounts: 60, seed: 5 } });
    rep = await hub.as(ColleagueRole.REP);
  });
  afterAll(() => hub.close());

  it('answers /health with ok when the database answers', async () => {
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('lists the divisions by name', async () => {
    const { data } = await rep<{ divisions: { key: string; name: string }[] }>('{ divisions { key name } }');
    const expected = hub.company!.divisions.map((d) => d.name).sort();
    expect(data!.divisions.map((d) => d.name)).toEqual(expected);
  });

  it('pages accounts as a Relay connection and searches them', async () => {
    const query = `query($search: String, $first: Int, $after: String) {
      accounts(search: $search, first: $first, after: $after) {
        edges { cursor node { id name divisions { key } knownAs { name division { key } } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } }`;
    type Page = { accounts: { edges: { cursor: string; node: { id: string; name: string; divisions: { key: string }[]; knownAs: { name: string; division: { key: string } }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string; startCursor: string } } };
    // Demo data goes through ingest: identity resolution decides how many accounts the 60 customers become.
    const ds = await hub.database.dataSource();
    const all = (await ds.query(`SELECT id FROM account`)).map((r: { id: string }) => r.id).sort();
    await ds.destroy();
    expect(all.length).toBeGreaterThan(25);
    const first = await rep<Page>(query, { first: 25 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.accounts.edges).toHaveLength(25);
    expect(first.data!.accounts.pageInfo.hasNextPage).toBe(true);
    expect(first.data!.accounts.pageInfo.startCursor).toBe(first.data!.accounts.edges[0].cursor);
    const second = await rep<Page>(query, { first: 100, after: first.data!.accounts.pageInfo.endCursor });
    expect(second.data!.accounts.edges).toHaveLength(all.length - 25);
    expect(second.data!.accounts.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.data!.accounts.edges, ...second.data!.accounts.edges].map((e) => e.node.id);
    expect([...ids].sort()).toEqual(all);
    for (const landed of hub.demoAccounts!.values()) expect(ids).toContain(landed.accountId);

    // A customer two or more divisions know, which matching put together exactly: one account, every division's name.
    const shared = hub.company!.accounts.find((a) => new Set(a.records.map((r) => r.divisionKey)).size >= 2 && hub.demoAccounts!.get(a.id)?.exact)!;
    const landed = hub.demoAccounts!.get(shared.id)!;
    const found = await rep<Page>(query, { search: landed.name.slice(0, 6), first: 100 });
    const node = found.data!.accounts.edges.find((e) => e.node.id === landed.accountId)!.node;
    expect(node.name).toBe(landed.name);
    expect(node.divisions.map((d) => d.key).sort()).toEqual([...new Set(shared.records.map((r) => r.divisionKey))].sort());
    expect(node.knownAs.map((k) => k.name).sort()).toEqual([...new Set(shared.records.map((r) => r.name))].sort());
  });

  it('gets one account, and null for an unknown id', async () => {
    // A customer matched exactly, with a web site in some division's record: the hub account carries its domain, stage and industry.
    const target = hub.company!.accounts.find((a) => hub.demoAccounts!.get(a.id)?.exact && a.records.some((r) => r.website))!;
    const { accountId } = hub.demoAccounts!.get(target.id)!;
    const query = `query($id: ID!) { account(id: $id) { id name lifecycleStage industry domains } }`;
    const { data } = await rep<{ account: { id: string; name: string; lifecycleStage: string; industry: string; domains: string[] } | null }>(query, { id: accountId });
    expect(data!.account).toMatchObject({ id: accountId, lifecycleStage: target.lifecycleStage, industry: target.industry, domains: target.domains });
    expect(target.records.map((r) => r.name)).toContain(data!.account!.name);
    const missing = await rep<{ account: null }>(query, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.data!.account).toBeNull();
  });

  it('answers bad arguments with a specific error', async () => {
    const result = await rep('{ accounts(first: 1000) { edges { cursor } } }');
    expect(result.errors![0].message).toBe('Invalid first: expected an integer from 1 to 100.');
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('answers a variable of the wrong kind as a bad request from the caller, not as an internal error', async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ query: 'mutation($d: MatchDecision!) { resolveMatchReview(id: "x", decision: $d) { review { id } } }', variables: { d: 'MAYBE' } }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0].message).toBe('Variable "$d" got invalid value "MAYBE"; Value "MAYBE" does not exist in "MatchDecision" enum. Did you mean the enum value "SAME"?');
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  // Each answered INTERNAL_SERVER_ERROR: PostgreSQL takes no NUL (U+0000) nor lone surrogate in text or jsonb.
  it('refuses text PostgreSQL cannot store in any argument as the caller\'s error, naming where it is', async () => {
    const admin = hub.client({ bearer: TEST_ADMIN_TOKEN });
    const accountId = [...hub.demoAccounts!.values()][0].accountId;
    const NUL = 'a\u0000b';
    const LONE = 'a\ud800b';
    const cases: [Client, string, Record<string, unknown>, string][] = [
      [hub.graphql, 'mutation($e: String!) { signIn(email: $e, password: "whatever-password") { colleague { id } } }', { e: `x${NUL}@example.com` }, 'email'],
      [hub.graphql, 'mutation($e: String!) { signIn(email: $e, password: "whatever-password") { colleague { id } } }', { e: `x${LONE}@example.com` }, 'email'],
      [admin, 'mutation($n: String!) { createDivision(input: { key: "nul-div", name: $n }) { division { id } } }', { n: NUL }, 'input.name'],
      [admin, 'mutation($n: String!) { createColleague(input: { division: "nul-div", email: "nul@ourcompany.example", name: $n, password: "password-12345", role: REP }) { colleague { id } } }', { n: LONE }, 'input.name'],
      [admin, 'mutation($n: String) { createIntegrationToken(division: "nul-div", name: $n) { token } }', { n: NUL }, 'name'],
      [admin, 'query($a: String) { auditEvents(filter: { action: $a }) { totalCount } }', { a: NUL }, 'filter.action'],
      [rep, 'query($id: ID!, $t: String) { account(id: $id) { timeline(filter: { text: $t }) { totalCount } } }', { id: accountId, t: NUL }, 'filter.text'],
      [rep, 'mutation($id: ID!, $n: String) { assertCriticalInfo(input: { accountId: $id, fieldKey: "payment_terms", value: "Net 30", note: $n }) { assertion { id } } }', { id: accountId, n: NUL }, 'input.note'],
      [rep, 'mutation($id: ID!, $v: JSON!) { assertCriticalInfo(input: { accountId: $id, fieldKey: "decision_process", value: $v }) { assertion { id } } }', { id: accountId, v: { steps: [LONE] } }, 'input.value.steps[0]'],
    ];
    for (const [client, query, variables, where] of cases) {
      const response = await client(query, variables);
      expect([where, response.errors?.[0].extensions?.code, response.errors?.[0].message]).toEqual(
        [where, 'BAD_USER_INPUT', `Invalid ${where}: expected text without NUL characters (U+0000) or lone UTF-16 surrogates.`]);
    }
    const ds = await hub.database.dataSource();
    expect(await ds.query(`SELECT key FROM division WHERE key = 'nul-div'`)).toEqual([]);
    await ds.destroy();
    // Ingest checks its batch itself (a bad item is rejected alone); a division key with a NUL is simply no division.
    const batch = await admin('mutation($b: IngestBatchInput!) { ingest(batch: $b) { rejected } }', { b: { division: NUL, sourceSystem: 'crm', accounts: [] } });
    expect(batch.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(batch.errors![0].message).toBe(`Invalid batch.division: expected the key of an existing division; ${JSON.stringify(NUL)} is none.`);
  });

  // A malformed asOf was an internal error ("Invalid time value"), a year before 4713 BC one from PostgreSQL
  // ("timestamp out of range"), and a malformed filter date was said to be "not a Date instance". Since the DateTime
  // scalar reads only RFC 3339 with an offset (common/date-time.scalar.ts), it refuses them itself, naming the variable.
  it('refuses a date and time that is no instant or out of range, naming the variable', async () => {
    const admin = hub.client({ bearer: TEST_ADMIN_TOKEN });
    const id = [...hub.demoAccounts!.values()][0].accountId;
    const cases: [Client, string, Record<string, unknown>, string][] = [
      [rep, 'query($id: ID!, $at: DateTime) { account(id: $id) { criticalInfo(asOf: $at) { completeness } } }', { id, at: '2026-13-45' }, 'asOf'],
      [rep, 'query($id: ID!, $at: DateTime) { account(id: $id) { questionsToAsk(asOf: $at) { question } } }', { id, at: 'now' }, 'asOf'],
      [rep, 'query($id: ID!, $at: DateTime) { account(id: $id) { timeline(filter: { from: $at }) { totalCount } } }', { id, at: '-271821-04-20T00:00:00Z' }, 'filter.from'],
      [rep, 'query($id: ID!, $at: DateTime) { account(id: $id) { timeline(filter: { to: $at }) { totalCount } } }', { id, at: '2026-01-01T00:00:00+25:00' }, 'filter.to'],
      [admin, 'query($at: DateTime) { auditEvents(filter: { since: $at }) { totalCount } }', { at: '-271821-04-20T00:00:00Z' }, 'filter.since'],
      [admin, 'query($at: DateTime) { auditEvents(filter: { until: $at }) { totalCount } }', { at: '' }, 'filter.until'],
    ];
    for (const [client, query, variables, where] of cases) {
      const response = await client(query, variables);
      expect([where, response.errors?.[0].extensions?.code, response.errors?.[0].message]).toEqual([where, 'BAD_USER_INPUT',
        `Variable "$at" got invalid value "${String(variables.at)}"; DateTime: "${String(variables.at)}" is not an RFC 3339 date-time with its offset, such as "2026-11-23T09:30:00Z" or "2026-11-23T10:30:00+01:00"`]);
    }
    const fine = await rep('query($id: ID!, $at: DateTime) { account(id: $id) { criticalInfo(asOf: $at) { completeness } timeline(filter: { from: $at }) { totalCount } } }', { id, at: '2026-01-01T00:00:00Z' });
    expect(fine.errors).toBeUndefined();
  });

  it('refuses a JSON value nested deeper than 32 levels as the caller\'s error, in ingest and in assertCriticalInfo (it overflowed the stack)', async () => {
    // Written as text: JSON.stringify itself overflows on a value this deep.
    const deep = `${'['.repeat(5000)}"bottom"${']'.repeat(5000)}`;
    const fine = `${'{"level":'.repeat(32)}"bottom"${'}'.repeat(32)}`;
    const post = async (query: string, variables: string) => {
      const response = await fetch(`${hub.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, body: `{"query":${JSON.stringify(query)},"variables":${variables}}`,
      });
      return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions: Record<string, unknown> }[] } };
    };
    const INGEST = 'mutation($batch: IngestBatchInput!) { ingest(batch: $batch) { rejected } }';
    const batch = (value: string) => `{"batch":{"division":"exhibits","sourceSystem":"crm","criticalInfo":[{"accountExternalId":"deep-1","fieldKey":"budget","value":${value}}]}}`;
    const tooDeep = await post(INGEST, batch(deep));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(tooDeep.body.errors![0].message).toMatch(/^Variable "\$batch" got invalid value .* at "batch\.criticalInfo\[0\]\.value"; JSON nested more than 32 levels deep; the limit is 32$/);
    // 32 levels pass the scalar (the item is then judged as any other).
    expect((await post(INGEST, batch(fine))).body.errors).toBeUndefined();
    const ASSERT = 'mutation($input: AssertCriticalInfoInput!) { assertCriticalInfo(input: $input) { entry { field { key } } } }';
    const asserted = await post(ASSERT, `{"input":{"accountId":"00000000-0000-4000-8000-000000000000","fieldKey":"budget","value":${deep}}}`);
    expect(asserted.status).toBe(400);
    expect(asserted.body.errors![0]).toMatchObject({ message: expect.stringContaining('JSON nested more than 32 levels deep'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('serves the web app at / with an SPA fallback, but not for API paths', async () => {
    const root = await fetch(`${hub.url}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(`${hub.url}/accounts/some-id`, { headers: { accept: 'text/html' } });
    expect(await deep.text()).toContain('<div id="root">');
    const health = await fetch(`${hub.url}/health`, { headers: { accept: 'text/html' } });
    expect(health.headers.get('content-type')).toContain('application/json');
  });

  it('serves exactly the schema committed in schema.graphql (regenerate with `npm run schema`)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const served = schemaText(hub.server.schema());
    expect(served).toBe(committed);
    // `npm run schema` builds it without a database; NestJS builds a schema once per process, hence a child.
    const root = join(__dirname, '../..');
    const check = execFileSync(process.execPath, ['-r', '@swc-node/register', 'server/src/schema/print-schema.ts', '--check'], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'server/tsconfig.json') },
      encoding: 'utf8',
    });
    expect(check.trim()).toBe('schema.graphql is up to date');
  });
});
