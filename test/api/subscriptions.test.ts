import { Client as WsClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import { LiveEvents } from '../../server/src/live/live-events';
import { LISTENER_APPLICATION_NAME } from '../../server/src/live/pg-listener';
import { WsConnection } from '../../server/src/live/ws-connection';
import { ingest, startIngestHub } from '../support/ingest';
import { colleague, Feed, liveClient, subscribe, subscribed, until, wsUrl } from '../support/live';
import { Client, startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

interface LiveTouchpoint {
  id: string;
  subject: string | null;
  summary: string | null;
  outcome: string | null;
  confidential: boolean;
  contentHidden: boolean;
  division: { key: string };
  colleagues: { email: string }[];
  stakeholders: { name: string }[];
  account: { id: string };
}

const ACTIVITY = `subscription($a: ID!) { accountActivity(accountId: $a) {
  id subject summary outcome confidential contentHidden division { key } colleagues { email } stakeholders { name } account { id } } }`;

describe('live updates over graphql-ws (LISTEN/NOTIFY)', () => {
  let hub: TestServer;
  let admin: Client;
  let db: DataSource;
  let close: () => Promise<void>;
  let accountId: string;
  let exhibitsRep: { id: string; cookie: string; http: Client };
  let logisticsRep: { id: string; cookie: string; http: Client };
  const clients: WsClient[] = [];
  let sequence = 0;

  /** A client that is disposed after the test. */
  function connect(auth: Parameters<typeof liveClient>[1], url = wsUrl(hub)): WsClient {
    const client = liveClient(url, auth);
    clients.push(client);
    return client;
  }

  /** Ingests one exhibits touchpoint of the account through the HTTP `ingest` mutation (as the admin token); returns its id. */
  async function touch(fields: Record<string, unknown> = {}, through: Client = admin): Promise<string> {
    sequence += 1;
    const outcome = await ingest(through, {
      division: 'exhibits', sourceSystem: 'exhibits-crm',
      touchpoints: [{
        externalId: `T-${sequence}`, accountExternalId: 'A-1', type: 'MEETING', occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        subject: `Visit ${sequence}`, summary: 'Walked the booth plan', outcome: 'Quote requested', colleagueEmails: ['rep@exhibits.example'], participantExternalIds: ['C-1'], ...fields,
      }],
    });
    expect(outcome.items[0].status).toBe('CREATED');
    return outcome.items[0].recordId!;
  }

  /** Reads a feed until the touchpoint with this id arrives (catch-up after a reconnect may deliver others first). */
  async function arrival(feed: Feed<{ accountActivity: LiveTouchpoint }>, id: string): Promise<LiveTouchpoint> {
    for (;;) {
      const result = await feed.next();
      expect(result.errors).toBeUndefined();
      if (result.data!.accountActivity.id === id) return result.data!.accountActivity;
    }
  }

  beforeAll(async () => {
    ({ hub, admin, db, close } = await startIngestHub('exhibits', 'logistics'));
    const landed = await ingest(admin, {
      division: 'exhibits', sourceSystem: 'exhibits-crm',
      accounts: [{ externalId: 'A-1', name: 'Globex Corporation', website: 'globex.example' }],
      contacts: [{ externalId: 'C-1', accountExternalId: 'A-1', name: 'Hank Scorpio', emails: ['hank@globex.example'] }],
    });
    accountId = landed.items[0].accountId!;
    exhibitsRep = await colleague(hub, 'rep@exhibits.example', 'exhibits');
    logisticsRep = await colleague(hub, 'rep@logistics.example', 'logistics');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => close?.());

  it('delivers a touchpoint ingested over HTTP by another caller to a subscribed rep, with its per-item fields', async () => {
    const feed = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ cookie: logisticsRep.cookie }), ACTIVITY, { a: accountId });
    await subscribed(hub, 'touchpoints', accountId);
    const id = await touch();
    const seen = await arrival(feed, id);
    expect(seen).toEqual({
      id, subject: `Visit ${sequence}`, summary: 'Walked the booth plan', outcome: 'Quote requested', confidential: false, contentHidden: false,
      division: { key: 'exhibits' }, colleagues: [{ email: 'rep@exhibits.example' }], stakeholders: [{ name: 'Hank Scorpio' }], account: { id: accountId },
    });
  });

  it('withholds confidential content from other divisions, per subscriber, and shows it to the owning division and admins', async () => {
    const others = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ cookie: logisticsRep.cookie }), ACTIVITY, { a: accountId });
    const owners = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ cookie: exhibitsRep.cookie }), ACTIVITY, { a: accountId });
    const adminToken = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ bearer: TEST_ADMIN_TOKEN }), ACTIVITY, { a: accountId });
    await subscribed(hub, 'touchpoints', accountId, 3);
    const id = await touch({ confidential: true, subject: 'Acquisition talks', summary: 'Secret', outcome: 'NDA' });

    const hidden = await arrival(others, id);
    expect(hidden).toMatchObject({ id, confidential: true, contentHidden: true, subject: null, summary: null, outcome: null });
    // That it happened stays visible: when, who, which division.
    expect(hidden).toMatchObject({ division: { key: 'exhibits' }, colleagues: [{ email: 'rep@exhibits.example' }], stakeholders: [{ name: 'Hank Scorpio' }] });
    for (const feed of [owners, adminToken]) {
      expect(await arrival(feed, id)).toMatchObject({ contentHidden: false, subject: 'Acquisition talks', summary: 'Secret', outcome: 'NDA' });
    }
  });

  it('refuses connections that name nobody: anonymous, a bad token, a session cookie sent from a foreign origin', async () => {
    for (const auth of [{}, { bearer: 'not-a-valid-token' }, { cookie: logisticsRep.cookie, origin: 'https://evil.example' }]) {
      const feed = subscribe(connect(auth), ACTIVITY, { a: accountId });
      expect(await feed.ended).toMatchObject({ code: 4403 });
    }
    expect(hub.server.app.get(LiveEvents).subscribers('touchpoints', accountId)).toBe(0);
  });

  it('refuses integrations (FORBIDDEN), unknown accounts (NOT_FOUND) and queries over the socket', async () => {
    const token = await admin<{ createIntegrationToken: { token: string } }>('mutation { createIntegrationToken(division: "exhibits", name: "crm") { token } }');
    expect(token.errors).toBeUndefined();
    const integration = subscribe(connect({ bearer: token.data!.createIntegrationToken.token }), ACTIVITY, { a: accountId });
    expect((await integration.next()).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const rep = connect({ cookie: logisticsRep.cookie });
    const unknown = subscribe(rep, ACTIVITY, { a: '00000000-0000-4000-8000-000000000000' });
    expect((await unknown.next()).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const query = subscribe(rep, '{ me { __typename } }');
    expect(await query.ended).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
  });

  it('delivers to a subscriber of instance B what was ingested through instance A (two instances, one database)', async () => {
    const second = await startTestServer({ demo: false, database: hub.database });
    let closed = false;
    try {
      const feed = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ cookie: logisticsRep.cookie }, wsUrl(second)), ACTIVITY, { a: accountId });
      await subscribed(second, 'touchpoints', accountId);
      const id = await touch();
      expect((await arrival(feed, id)).division).toEqual({ key: 'exhibits' });

      // Shutting an instance down with subscribers connected tells them (1001 going away) and does not hang.
      const started = Date.now();
      await second.close();
      closed = true;
      expect(await feed.ended).toMatchObject({ code: 1001 });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      if (!closed) await second.close();
    }
  });

  it('keeps delivering after its LISTEN connection is cut (pg_terminate_backend), catching up on what it missed', async () => {
    const live = hub.server.app.get(LiveEvents);
    const feed = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ cookie: logisticsRep.cookie }), ACTIVITY, { a: accountId });
    await subscribed(hub, 'touchpoints', accountId);
    const listeners = `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`;
    const [before] = await db.query(listeners, [LISTENER_APPLICATION_NAME]);
    await db.query(`SELECT pg_terminate_backend($1)`, [before.pid]);

    // Written while the bridge may still be reconnecting: delivered by NOTIFY or by the catch-up.
    const during = await touch();
    await arrival(feed, during);
    await until(async () => live.listening && (await db.query(listeners, [LISTENER_APPLICATION_NAME])).some((r: { pid: number }) => r.pid !== before.pid), 'a new LISTEN connection');
    const after = await touch();
    await arrival(feed, after);
  });

  it("delivers a colleague's own notices, and nobody else's", async () => {
    const watched = await logisticsRep.http<{ watchAccount: { watching: boolean } }>('mutation($a: ID!) { watchAccount(input: { accountId: $a }) { watching } }', { a: accountId });
    expect(watched.data?.watchAccount.watching).toBe(true);
    const NOTICES = 'subscription { noticeAdded { id kind occurrences account { id } title } }';
    const mine = subscribe<{ noticeAdded: { id: string; kind: string; account: { id: string }; title: string } }>(connect({ cookie: logisticsRep.cookie }), NOTICES);
    const theirs = subscribe(connect({ cookie: exhibitsRep.cookie }), NOTICES);
    await subscribed(hub, 'notices', logisticsRep.id);
    await subscribed(hub, 'notices', exhibitsRep.id);

    await touch();
    const notice = await mine.next();
    expect(notice.errors).toBeUndefined();
    expect(notice.data!.noticeAdded).toMatchObject({ kind: 'OTHER_DIVISION_TOUCH', account: { id: accountId } });
    await theirs.quiet(500);

    const token = subscribe(connect({ bearer: TEST_ADMIN_TOKEN }), NOTICES);
    expect((await token.next()).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('closes the socket (4403) of a session that ended, before delivering anything more', async () => {
    const leaving = await colleague(hub, 'leaving@logistics.example', 'logistics');
    const feed = subscribe<{ accountActivity: LiveTouchpoint }>(connect({ cookie: leaving.cookie }), ACTIVITY, { a: accountId });
    await subscribed(hub, 'touchpoints', accountId);
    WsConnection.recheckMs = 0;
    try {
      expect((await leaving.http('mutation { signOut { signedOut } }')).errors).toBeUndefined();
      await touch();
      expect(await feed.ended).toMatchObject({ code: 4403 });
      await feed.quiet(0);
    } finally {
      WsConnection.recheckMs = 60_000;
    }
  });

  it('stops following when the subscriber unsubscribes or disconnects', async () => {
    const live = hub.server.app.get(LiveEvents);
    const client = connect({ cookie: logisticsRep.cookie });
    const first = subscribe(client, ACTIVITY, { a: accountId });
    const second = subscribe(client, ACTIVITY, { a: accountId });
    await subscribed(hub, 'touchpoints', accountId, 2);
    first.stop();
    await until(() => live.subscribers('touchpoints', accountId) === 1, 'the unsubscribe');
    await client.dispose();
    await until(() => live.subscribers('touchpoints', accountId) === 0, 'the disconnect');
    void second;
  });
});
