import { DataSource } from 'typeorm';
import { ingest, startIngestHub } from '../support/ingest';
import { Client } from '../support/server';

/**
 * Lists paged by a time (match reviews, rejected items, an account's source
 * records, the audit trail) must hand out every row exactly once, however many
 * rows share that time: a batch stores its rows in one transaction, so with
 * one `now()`, to the microsecond. A cursor that kept the time to the
 * millisecond (a JavaScript Date) repeated those rows on the next page of an
 * oldest-first list and skipped them on a newest-first one.
 */
describe('paging through rows that share a time', () => {
  let admin: Client;
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ admin, db, close } = await startIngestHub('exhibits', 'logistics'));
  });
  afterAll(() => close());

  /** Every node id of a connection, one page of `first` at a time. */
  async function pageThrough(query: string, pick: (data: unknown) => { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }, variables: Record<string, unknown> = {}) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response = await admin(query, { ...variables, first: 2, after });
      expect(response.errors).toBeUndefined();
      const connection = pick(response.data);
      ids.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) return ids;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('more than 20 pages: the cursor does not advance');
  }

  const PAGE = 'pageInfo { hasNextPage endCursor }';

  it('match reviews opened by one batch', async () => {
    const names = ['Alpha Widgets', 'Bravo Gadgets', 'Charlie Sprockets', 'Delta Gizmos', 'Echo Fixtures'];
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: names.map((name, i) => ({ externalId: `e-${i}`, name: `${name} Trading`, phone: `+1 555 010 10${i}0` })) });
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: names.map((name, i) => ({ externalId: `l-${i}`, name: `${name} Tradin`, phone: `+1 555 010 20${i}0` })) });
    const [{ n, times }] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT created_at)::int AS times FROM match_review WHERE status = 'OPEN'`);
    expect({ n, times }).toEqual({ n: 5, times: 1 });
    const ids = await pageThrough(`query($first: Int, $after: String) { matchReviews(first: $first, after: $after) { edges { node { id } } ${PAGE} } }`,
      (d) => (d as { matchReviews: never }).matchReviews);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it('rejected items of one batch', async () => {
    const bad = Array.from({ length: 5 }, (_, i) => ({ externalId: `bad-${i}`, accountExternalId: 'nowhere', name: 'x'.repeat(301) }));
    const sent = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', contacts: bad });
    expect(sent.rejected).toBe(5);
    const ids = await pageThrough(`query($first: Int, $after: String) { rejectedItems(first: $first, after: $after) { edges { node { id } } ${PAGE} } }`,
      (d) => (d as { rejectedItems: never }).rejectedItems);
    expect(ids.sort()).toEqual(sent.items.map((i) => i.rejectedItemId).sort());
  });

  it("an account's source records sent in one batch", async () => {
    const sent = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: Array.from({ length: 5 }, (_, i) => ({
      externalId: `ini-${i}`, name: 'Initrode Global', website: 'https://initrode.example', registryId: 'US-INI-1' })) });
    const accountId = sent.items[0].accountId;
    expect(new Set(sent.items.map((i) => i.accountId))).toEqual(new Set([accountId]));
    const ids = await pageThrough(`query($id: ID!, $first: Int, $after: String) { account(id: $id) { sourceRecords(first: $first, after: $after) { edges { node { id } } ${PAGE} } } }`,
      (d) => (d as { account: { sourceRecords: never } }).account.sourceRecords, { id: accountId });
    expect(ids.sort()).toEqual(sent.items.map((i) => i.recordId).sort());
  });

  it('audit events written within one millisecond', async () => {
    // clock_timestamp() per row: microseconds apart, the same millisecond.
    await db.query(`INSERT INTO audit_event (actor_kind, actor_label, action, target_type, target_id)
      SELECT 'system', 'paging test', 'PAGING_TEST', 'TEST', 't-' || g FROM generate_series(1, 6) g`);
    const [{ ms }] = await db.query(`SELECT count(DISTINCT date_trunc('milliseconds', at))::int AS ms FROM audit_event WHERE action = 'PAGING_TEST'`);
    expect(ms).toBeLessThan(6);
    const ids = await pageThrough(`query($first: Int, $after: String) { auditEvents(filter: { action: "PAGING_TEST" }, first: $first, after: $after) { edges { node { id } } ${PAGE} } }`,
      (d) => (d as { auditEvents: never }).auditEvents);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('answers a tampered cursor (its list\'s tag, junk values) as the caller\'s error, on every list', async () => {
    const sent = await ingest(admin, { division: 'logistics', sourceSystem: 'tms', accounts: [{ externalId: 'cur-1', name: 'Cursor Test Ltd' }],
      contacts: [{ externalId: 'cur-c', accountExternalId: 'cur-1', name: 'Carla Cursor' }],
      touchpoints: [{ externalId: 'cur-t', accountExternalId: 'cur-1', type: 'CALL', occurredAt: '2026-01-02T03:04:05Z' }],
      opportunities: [{ externalId: 'cur-o', accountExternalId: 'cur-1', name: 'x'.repeat(301), stage: 'Open' }] });
    const id = sent.items[0].accountId;
    // A match review to page through: a close name, another division.
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'cur-e', name: 'Cursor Test Lt', phone: '+1 555 010 9990' }] });
    // An item waiting for its account.
    await ingest(admin, { division: 'logistics', sourceSystem: 'tms', touchpoints: [{ externalId: 'cur-w', accountExternalId: 'cur-404', type: 'CALL', occurredAt: '2026-01-02T03:04:05Z' }] });
    // And a decided one.
    const open = await admin<{ matchReviews: { edges: { node: { id: string } }[] } }>('{ matchReviews(first: 1) { edges { node { id } } } }');
    const decided = await admin('mutation($id: ID!) { resolveMatchReview(id: $id, decision: DIFFERENT) { review { id } } }', { id: open.data!.matchReviews.edges[0].node.id });
    expect(decided.errors).toBeUndefined();
    const lists: Record<string, { query: string; pick: (d: never) => { pageInfo: { endCursor: string } } }> = {
      accounts: { query: `query($after: String) { accounts(first: 1, after: $after) { ${PAGE} } }`, pick: (d: { accounts: never }) => d.accounts },
      search: { query: `query($after: String) { accounts(search: "cursor", first: 1, after: $after) { ${PAGE} } }`, pick: (d: { accounts: never }) => d.accounts },
      timeline: { query: `query($id: ID!, $after: String) { account(id: $id) { timeline(first: 1, after: $after) { ${PAGE} } } }`, pick: (d: { account: { timeline: never } }) => d.account.timeline },
      stakeholders: { query: `query($id: ID!, $after: String) { account(id: $id) { stakeholders(first: 1, after: $after) { ${PAGE} } } }`, pick: (d: { account: { stakeholders: never } }) => d.account.stakeholders },
      sourceRecords: { query: `query($id: ID!, $after: String) { account(id: $id) { sourceRecords(first: 1, after: $after) { ${PAGE} } } }`, pick: (d: { account: { sourceRecords: never } }) => d.account.sourceRecords },
      auditEvents: { query: `query($after: String) { auditEvents(first: 1, after: $after) { ${PAGE} } }`, pick: (d: { auditEvents: never }) => d.auditEvents },
      rejectedItems: { query: `query($after: String) { rejectedItems(first: 1, after: $after) { ${PAGE} } }`, pick: (d: { rejectedItems: never }) => d.rejectedItems },
      matchReviews: { query: `query($after: String) { matchReviews(first: 1, after: $after) { ${PAGE} } }`, pick: (d: { matchReviews: never }) => d.matchReviews },
      waitingItems: { query: `query($after: String) { waitingItems(first: 1, after: $after) { ${PAGE} } }`, pick: (d: { waitingItems: never }) => d.waitingItems },
      decidedReviews: { query: `query($after: String) { matchReviews(decided: true, first: 1, after: $after) { ${PAGE} } }`, pick: (d: { matchReviews: never }) => d.matchReviews },
    };
    // 2026-02-30: a day February has not, which Date.parse took and PostgreSQL refused (found by exploratory testing).
    const junk = [{ x: 1 }, 'not-a-uuid', 'x\u0000', '2026-13-45 99:99:99+00', '2026-02-30 00:00:00+00', -1, null];
    const answers: string[] = [];
    for (const [name, list] of Object.entries(lists)) {
      const page = await admin(list.query, { id });
      expect(page.errors).toBeUndefined();
      const values = JSON.parse(Buffer.from(list.pick(page.data as never).pageInfo.endCursor, 'base64url').toString()) as unknown[];
      for (let i = 1; i < values.length; i++) {
        for (const value of junk) {
          const tampered = Buffer.from(JSON.stringify(values.map((v, j) => (j === i ? value : v)))).toString('base64url');
          const response = await admin(list.query, { id, after: tampered });
          answers.push(`${name}[${i}]=${JSON.stringify(value)}: ${response.status} ${response.errors?.[0].extensions?.code} ${response.errors?.[0].message}`);
        }
      }
    }
    // An execution error (the field that takes the cursor finds it bad): HTTP 200 with the error, as GraphQL over HTTP has it.
    const wrong = answers.filter((a) => !a.endsWith(': 200 BAD_USER_INPUT Invalid after: expected a cursor returned by this same list (pageInfo.endCursor).'));
    // Values that happen to fit (any text as a name key, a -1 distance) just page from there.
    expect(wrong.filter((a) => !/^(accounts\[1\]|search\[3\]|stakeholders\[1\])="(not-a-uuid|2026-13-45 99:99:99\+00|2026-02-30 00:00:00\+00)": 200 undefined|^search\[2\]=-1: 200 undefined/.test(a))).toEqual([]);
  });
});
