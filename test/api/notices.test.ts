import { DataSource } from 'typeorm';
import { ingestBatch } from '../../server/src/ingest/ingest.service';
import { TouchpointType } from '../../server/src/ingest/ingest.types';
import { colleagueClient } from '../support/colleagues';
import { createDivisions, ingest } from '../support/ingest';
import { Client, startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

const NOTICES = `query($unreadOnly: Boolean) { myNotices(first: 50, unreadOnly: $unreadOnly) { totalCount edges { node {
  id kind title message occurrences read account { id name } divisions { key } } } } unreadNoticeCount }`;
const MARK = `mutation($input: MarkNoticesReadInput!) { markNoticesRead(input: $input) { markedIds unknownIds unreadCount } }`;
const WATCH = `mutation($id: ID!) { watchAccount(input: { accountId: $id }) { account { id watchedByMe ownedByMe } watching owner } }`;

interface NoticeNode { id: string; kind: string; title: string; message: string; occurrences: number; read: boolean; account: { id: string; name: string } | null; divisions: { key: string }[] }

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('notices', () => {
  let hub: TestServer;
  let admin: Client;
  let db: DataSource;
  let erin: Client; // exhibits, owns Acme in exhibits
  let lou: Client; // logistics
  let dana: Client; // digital, watches Acme
  let boss: Client; // an admin colleague
  let acmeId: string;

  async function notices(client: Client, unreadOnly = false) {
    const response = await client<{ myNotices: { totalCount: number; edges: { node: NoticeNode }[] }; unreadNoticeCount: number }>(NOTICES, { unreadOnly });
    expect(response.errors).toBeUndefined();
    return { list: response.data!.myNotices.edges.map((e) => e.node), total: response.data!.myNotices.totalCount, unread: response.data!.unreadNoticeCount };
  }
  const touch = (division: string, system: string, account: string, externalId: string, extra: Record<string, unknown> = {}) =>
    ingest(admin, { division, sourceSystem: system, touchpoints: [{ externalId, accountExternalId: account, type: 'CALL', occurredAt: daysFromNow(-1), ...extra }] });

  beforeAll(async () => {
    hub = await startTestServer({ demo: false, env: { OURCUSTOMER_SILENT_DAYS: '30', OURCUSTOMER_COLLISION_WINDOW_DAYS: '3', OURCUSTOMER_NOTICE_SWEEP_MINUTES: '0' } });
    await createDivisions(hub, 'exhibits', 'logistics', 'digital');
    admin = hub.client({ bearer: TEST_ADMIN_TOKEN });
    db = await hub.database.dataSource();
    erin = await colleagueClient(hub, { email: 'erin@ourco.example', division: 'exhibits' });
    lou = await colleagueClient(hub, { email: 'lou@ourco.example', division: 'logistics' });
    dana = await colleagueClient(hub, { email: 'dana@ourco.example', division: 'digital' });
    boss = await colleagueClient(hub, { email: 'boss@ourco.example', division: 'exhibits', role: 'ADMIN' });
    const acme = { name: 'Acme Corporation', website: 'acme.example', registryId: 'DE123456789' };
    const landed = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'A1', ...acme, ownerEmail: 'Erin@OurCo.example' }],
      contacts: [{ externalId: 'C1', accountExternalId: 'A1', name: 'Carla Finance', emails: ['carla@acme.example'] }] });
    acmeId = landed.items[0].accountId!;
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: '900', ...acme, name: 'ACME Corp.' }] });
  });
  afterAll(async () => {
    await db.destroy();
    await hub.close();
  });

  it('owners watch automatically; watchAccount adds a watcher and says who owns', async () => {
    const asOwner = await erin<{ watchAccount: { watching: boolean; owner: boolean; account: { ownedByMe: boolean } } }>(WATCH, { id: acmeId });
    expect(asOwner.data!.watchAccount).toMatchObject({ watching: true, owner: true, account: { ownedByMe: true } });
    await erin(`mutation($id: ID!) { unwatchAccount(input: { accountId: $id }) { watching } }`, { id: acmeId });
    const asWatcher = await dana<{ watchAccount: { watching: boolean; owner: boolean; account: { watchedByMe: boolean } } }>(WATCH, { id: acmeId });
    expect(asWatcher.data!.watchAccount).toMatchObject({ watching: true, owner: false, account: { watchedByMe: true } });
    const missing = await dana(WATCH, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('groups another division’s touches into one notice per account per day, unread again when it grows', async () => {
    await touch('logistics', 'sap', '900', 'L1');
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', touchpoints: [
      { externalId: 'L2', accountExternalId: '900', type: 'ORDER', occurredAt: daysFromNow(-2) },
      { externalId: 'L3', accountExternalId: '900', type: 'MEETING', occurredAt: daysFromNow(-3), confidential: true, subject: 'Secret discount' },
    ] });
    const forErin = await notices(erin);
    expect(forErin.list).toHaveLength(1);
    expect(forErin.list[0]).toMatchObject({ kind: 'OTHER_DIVISION_TOUCH', occurrences: 3, read: false, account: { id: acmeId }, divisions: [{ key: 'logistics' }],
      title: 'Logistics touched Acme Corporation' });
    expect(forErin.list[0].message).toBe(`3 touchpoints by Logistics, the latest on ${daysFromNow(-1).slice(0, 10)}. Open the timeline to see what happened.`);
    expect(forErin.list[0].message).not.toMatch(/Secret|discount/);
    expect((await notices(dana)).list).toHaveLength(1);
    const onAccount = await erin<{ account: { notices: { totalCount: number; edges: { node: { id: string } }[] } } }>(
      `query($id: ID!) { account(id: $id) { notices(first: 5) { totalCount edges { node { id } } } } }`, { id: acmeId });
    expect(onAccount.data!.account.notices.edges.map((e) => e.node.id)).toEqual([forErin.list[0].id]);
    // Their own division's touches tell Lou nothing; the sender's re-send (UNCHANGED) tells nobody again.
    expect((await notices(lou)).list).toHaveLength(0);
    await touch('logistics', 'sap', '900', 'L1');
    expect((await notices(erin)).list[0].occurrences).toBe(3);

    const marked = await erin<{ markNoticesRead: { markedIds: string[]; unreadCount: number } }>(MARK, { input: { ids: [forErin.list[0].id] } });
    expect(marked.data!.markNoticesRead).toEqual({ markedIds: [forErin.list[0].id], unknownIds: [], unreadCount: 0 });
    await touch('digital', 'web', 'D-ACME', 'D1', { accountName: 'Acme Corporation' });
    const grown = await notices(erin, true);
    expect(grown.unread).toBe(1);
    expect(grown.list[0].divisions.map((d) => d.key).sort()).toEqual(['digital', 'logistics']);
    expect(grown.list[0].occurrences).toBeGreaterThanOrEqual(3);
  });

  it('starts a new notice on a new day', async () => {
    await db.query(`UPDATE notice SET group_key = replace(group_key, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '2000-01-01') WHERE kind = 'OTHER_DIVISION_TOUCH'`);
    await touch('logistics', 'sap', '900', 'L4');
    const list = (await notices(erin)).list.filter((n) => n.kind === 'OTHER_DIVISION_TOUCH');
    expect(list).toHaveLength(2);
    expect(list[0].occurrences).toBe(1);
  });

  it('does not ring for history (touches older than two weeks) nor for plans (touches still to come)', async () => {
    const before = (await notices(dana)).list.map((n) => [n.id, n.occurrences]);
    await touch('logistics', 'sap', '900', 'OLD1', { occurredAt: daysFromNow(-200) });
    await touch('logistics', 'sap', '900', 'SOON1', { occurredAt: daysFromNow(60) });
    expect((await notices(dana)).list.map((n) => [n.id, n.occurrences])).toEqual(before);
  });

  it('warns both sides of an upcoming collision before the meetings, and only within the window', async () => {
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', touchpoints: [
      { externalId: 'PLAN-E', accountExternalId: 'A1', type: 'MEETING', occurredAt: daysFromNow(4), colleagueEmails: ['erin@ourco.example'], participantExternalIds: ['C1'] },
      { externalId: 'PLAN-FAR', accountExternalId: 'A1', type: 'MEETING', occurredAt: daysFromNow(30), colleagueEmails: ['erin@ourco.example'] },
    ] });
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', touchpoints: [
      { externalId: 'PLAN-L', accountExternalId: '900', type: 'CALL', occurredAt: daysFromNow(6), colleagueEmails: ['lou@ourco.example'], participantEmails: ['carla@acme.example'] },
    ] });
    for (const client of [erin, lou]) {
      const collisions = (await notices(client)).list.filter((n) => n.kind === 'UPCOMING_COLLISION');
      expect(collisions).toHaveLength(1);
      expect(collisions[0].title).toBe('Exhibits and Logistics both plan to meet Acme Corporation');
      expect(collisions[0].message).toBe(`Planned on ${daysFromNow(4).slice(0, 10)} and ${daysFromNow(6).slice(0, 10)}, with the same stakeholder. Talk to each other before the meetings.`);
    }
    // Dana is on neither meeting and owns nothing here, but watches the account (found by exploratory testing: watchers never heard).
    expect((await notices(dana)).list.filter((n) => n.kind === 'UPCOMING_COLLISION')).toHaveLength(1);
    // Rescheduled out of the window: no new collision; moved within it again: the same notice, updated.
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', touchpoints: [
      { externalId: 'PLAN-L', accountExternalId: '900', type: 'CALL', occurredAt: daysFromNow(5), colleagueEmails: ['lou@ourco.example'], participantEmails: ['carla@acme.example'] },
    ] });
    expect((await notices(lou)).list.filter((n) => n.kind === 'UPCOMING_COLLISION')).toHaveLength(1);
    // Reported last session: moved out of the window, the call left both sides warned of a collision that was gone.
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', touchpoints: [
      { externalId: 'PLAN-L', accountExternalId: '900', type: 'CALL', occurredAt: daysFromNow(20), colleagueEmails: ['lou@ourco.example'], participantEmails: ['carla@acme.example'] },
    ] });
    for (const client of [erin, lou, dana]) expect((await notices(client)).list.filter((n) => n.kind === 'UPCOMING_COLLISION')).toEqual([]);
    // Back within the window of the meeting on day 4: warned again.
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', touchpoints: [
      { externalId: 'PLAN-L', accountExternalId: '900', type: 'CALL', occurredAt: daysFromNow(5), colleagueEmails: ['lou@ourco.example'], participantEmails: ['carla@acme.example'] },
    ] });
    for (const client of [erin, lou]) expect((await notices(client)).list.filter((n) => n.kind === 'UPCOMING_COLLISION')).toHaveLength(1);
  });

  it('tells admins once a day that matches wait for review', async () => {
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'nw', name: 'Northwind Traders', phone: '+1 555 010 1111' }] });
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: '77', name: 'Northwind Trader', phone: '+1 555 010 2222' }] });
    const waiting = (await notices(boss)).list.filter((n) => n.kind === 'MATCH_REVIEW_WAITING');
    expect(waiting).toHaveLength(1);
    expect(waiting[0].title).toBe('Matches wait for review');
    expect((await notices(erin)).list.filter((n) => n.kind === 'MATCH_REVIEW_WAITING')).toHaveLength(0);
  });

  it('raises ACCOUNT_SILENT once per silence from the sweep', async () => {
    const quiet = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'Q1', name: 'Quiet Quarries', registryId: 'NL777', ownerEmail: 'erin@ourco.example' }],
      touchpoints: [{ externalId: 'Q-T1', accountExternalId: 'Q1', type: 'CALL', occurredAt: daysFromNow(-45) }] });
    const sweep = await admin<{ runSilenceSweep: number }>(`mutation { runSilenceSweep }`);
    expect(sweep.errors).toBeUndefined();
    const silent = (await notices(erin)).list.filter((n) => n.kind === 'ACCOUNT_SILENT');
    expect(silent.map((n) => n.account!.id)).toEqual([quiet.items[0].accountId]);
    expect(silent[0].message).toMatch(/^No touchpoint from any division for 4[56] days/);
    expect((await admin<{ runSilenceSweep: number }>(`mutation { runSilenceSweep }`)).data!.runSilenceSweep).toBe(0);
  });

  it('marks only your own notices read and says which ids were not yours', async () => {
    const erinsId = (await notices(erin)).list[0].id;
    const mark = await lou<{ markNoticesRead: { markedIds: string[]; unknownIds: string[] } }>(MARK, { input: { ids: [erinsId] } });
    expect(mark.errors).toBeUndefined();
    expect(mark.data!.markNoticesRead).toMatchObject({ markedIds: [], unknownIds: [erinsId] });
    expect((await notices(erin)).list.find((n) => n.id === erinsId)!.read).toBe(false);
    const empty = await erin(MARK, { input: {} });
    expect(empty.errors![0].message).toBe('Invalid input: expected ids (one or more of your notice ids) or all: true.');
    const all = await erin<{ markNoticesRead: { unreadCount: number } }>(MARK, { input: { all: true } });
    expect(all.data!.markNoticesRead.unreadCount).toBe(0);
  });

  it('keeps notices with the ingest transaction: none when it rolls back, all when it commits, whether or not anyone was listening', async () => {
    const [{ id: logisticsId }] = await db.query(`SELECT id FROM division WHERE key = 'logistics'`);
    const count = async () => Number((await db.query(`SELECT coalesce(sum(occurrences), 0) AS n FROM notice WHERE kind = 'OTHER_DIVISION_TOUCH'`))[0].n);
    const batch = { division: 'logistics', sourceSystem: 'sap', touchpoints: [{ externalId: 'TX1', accountExternalId: '900', type: TouchpointType.CALL, occurredAt: new Date(daysFromNow(-1)) }] };
    const before = await count();
    // A crash after landing, before commit: the transaction rolls back with its notices and touchpoints.
    await expect(db.transaction(async (tx) => {
      await ingestBatch(tx, logisticsId, 'sap', batch);
      expect(Number((await tx.query(`SELECT coalesce(sum(occurrences), 0) AS n FROM notice WHERE kind = 'OTHER_DIVISION_TOUCH'`))[0].n)).toBeGreaterThan(before);
      throw new Error('crash');
    })).rejects.toThrow('crash');
    expect(await count()).toBe(before);
    expect(await db.query(`SELECT id FROM touchpoint WHERE external_id = 'TX1'`)).toEqual([]);
    // Committed by a process that nobody subscribes to (no live delivery at all): the notices are there to read.
    await db.transaction((tx) => ingestBatch(tx, logisticsId, 'sap', batch));
    expect(await count()).toBe(before + 2);
    expect((await notices(erin, true)).list.some((n) => n.kind === 'OTHER_DIVISION_TOUCH')).toBe(true);
  });
});
