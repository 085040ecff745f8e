import { DataSource } from 'typeorm';
import { colleagueClient } from '../support/colleagues';
import { ingest, startIngestHub } from '../support/ingest';
import { inBackground } from '../../server/src/database/background';
import { engagementRollups } from '../../server/src/engagement/rollups';
import { deleteTouchpoints } from '../../server/src/testing/rollups';
import { countStatements } from '../support/sql-counter';
import { Client, TestServer } from '../support/server';

const DAY = 86_400_000;
/** Touchpoints are placed relative to now: "last touch", 90/365-day counts and planned ones depend on it. */
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const TOUCHPOINT = 'externalId subject summary outcome confidential contentHidden occurredAt division { key } colleagues { email } stakeholders { name }';
const ENGAGEMENT = `query($id: ID!, $latest: Int) { account(id: $id) { engagement {
  id asOf
  divisions { id division { key } owner { email } owners { email } ownerEmails colleagues { email } stakeholders { name }
    touchCount touchCountsByType { type count } firstTouch lastTouch nextPlannedTouch
    openOpportunityCount openOpportunities { name } openOpportunityTotals { currency amount opportunityCount } }
  colleagues { colleague { email } division { key } lastTouch touchCount touchesLast90Days touchesLast365Days stakeholders { name } }
  sinceMyLastTouch { myLastTouch touchCount divisions { division { key } touchCount lastTouch } touchpoints(first: $latest) { ${TOUCHPOINT} } }
} } }`;
const STAKEHOLDERS = `query($id: ID!, $first: Int, $after: String) { account(id: $id) { stakeholders(first: $first, after: $after) {
  edges { cursor node { id name title touchCount lastTouch divisions { key } colleagues { email } } } pageInfo { hasNextPage endCursor } } } }`;
const MONTHS = `query($id: ID!, $months: Int) { account(id: $id) { activityByMonth(months: $months) {
  id month startsAt touchCount divisions { division { key } touchCount } } } }`;

interface Engagement {
  id: string; asOf: string;
  divisions: {
    id: string; division: { key: string }; owner: { email: string } | null; owners: { email: string }[]; ownerEmails: string[]; colleagues: { email: string }[];
    stakeholders: { name: string }[]; touchCount: number; touchCountsByType: { type: string; count: number }[]; firstTouch: string | null; lastTouch: string | null;
    nextPlannedTouch: string | null; openOpportunityCount: number; openOpportunities: { name: string }[];
    openOpportunityTotals: { currency: string | null; amount: number; opportunityCount: number }[];
  }[];
  colleagues: { colleague: { email: string }; division: { key: string }; lastTouch: string; touchCount: number; touchesLast90Days: number; touchesLast365Days: number; stakeholders: { name: string }[] }[];
  sinceMyLastTouch: null | {
    myLastTouch: string | null; touchCount: number; divisions: { division: { key: string }; touchCount: number; lastTouch: string }[];
    touchpoints: { externalId: string; subject: string | null; summary: string | null; outcome: string | null; confidential: boolean; contentHidden: boolean; division: { key: string } }[];
  };
}
interface StakeholderNode { id: string; name: string; title: string | null; touchCount: number; lastTouch: string | null; divisions: { key: string }[]; colleagues: { email: string }[] }
type StakeholderPage = { account: { stakeholders: { edges: { cursor: string; node: StakeholderNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
type Month = { id: string; month: string; startsAt: string; touchCount: number; divisions: { division: { key: string }; touchCount: number }[] };

const ANNA = 'anna@ourco.example';
const BEN = 'ben@ourco.example';
const LEA = 'lea@ourco.example';
const SECRET = { subject: 'Secret pricing', summary: 'Discount of 40 percent', outcome: 'Agreed in principle' };

/**
 * The fixture, one account known to two divisions:
 *   exhibits  E-1 MEETING -400d anna (Hank) · E-2 CALL -200d anna+ben (Hank, Peggy) · E-3 EMAIL -10d ben (Peggy)
 *             E-4 MEETING -5d anna (Rusty and Dale: Rusty is later merged into Dale), confidential · E-5 MEETING +10d anna (planned)
 *   logistics L-1 CALL -100d lea (Dale) · L-2 MEETING -20d lea (Dale, Hank by email) · L-3 ORDER -50d nobody
 */
const TOUCHPOINTS = {
  exhibits: [
    { externalId: 'E-1', type: 'MEETING', occurredAt: daysAgo(400), colleagueEmails: ['Anna@OurCo.example'], participantExternalIds: ['C-1'], subject: 'Intro' },
    { externalId: 'E-2', type: 'CALL', occurredAt: daysAgo(200), colleagueEmails: [ANNA, BEN], participantExternalIds: ['C-1', 'C-2'], subject: 'Budget' },
    { externalId: 'E-3', type: 'EMAIL', occurredAt: daysAgo(10), colleagueEmails: [BEN], participantExternalIds: ['C-2'], subject: 'Follow-up' },
    { externalId: 'E-4', type: 'MEETING', occurredAt: daysAgo(5), colleagueEmails: [ANNA], participantExternalIds: ['C-3'], participantEmails: ['dale@initrode.example'], confidential: true, ...SECRET },
    { externalId: 'E-5', type: 'MEETING', occurredAt: daysAgo(-10), colleagueEmails: [ANNA], participantExternalIds: ['C-1'], subject: 'Planned visit' },
  ],
  logistics: [
    { externalId: 'L-1', type: 'CALL', occurredAt: daysAgo(100), colleagueEmails: [LEA], participantExternalIds: ['LC-1'], subject: 'Freight rates' },
    { externalId: 'L-2', type: 'MEETING', occurredAt: daysAgo(20), colleagueEmails: [LEA], participantExternalIds: ['LC-1'], participantEmails: ['hank@initrode.example'], subject: 'Warehouse tour' },
    { externalId: 'L-3', type: 'ORDER', occurredAt: daysAgo(50) },
  ],
};

describe('account.engagement, account.stakeholders and account.activityByMonth', () => {
  let hub: TestServer;
  let admin: Client;
  let db: DataSource;
  let close: () => Promise<void>;
  let accountId: string;
  let anna: Client;
  let ben: Client;
  let lea: Client;

  async function engagementAs(client: Client, latest = 10): Promise<Engagement> {
    const response = await client<{ account: { engagement: Engagement } }>(ENGAGEMENT, { id: accountId, latest });
    expect(response.errors).toBeUndefined();
    return response.data!.account.engagement;
  }

  beforeAll(async () => {
    ({ hub, admin, db, close } = await startIngestHub('exhibits', 'logistics'));
    anna = await colleagueClient(hub, { email: ANNA, division: 'exhibits' });
    lea = await colleagueClient(hub, { email: LEA, division: 'logistics' });
    const account = { name: 'Initrode Systems', website: 'https://initrode.example', registryId: 'US-555-0100' };
    const exhibits = { division: 'exhibits', sourceSystem: 'exhibits-crm' };
    const first = await ingest(admin, {
      ...exhibits,
      accounts: [{ externalId: 'A-1', ...account, ownerEmail: 'Anna@OurCo.example' }],
      contacts: [
        { externalId: 'C-1', accountExternalId: 'A-1', name: 'Hank Hill', title: 'Plant manager', emails: ['hank@initrode.example'] },
        { externalId: 'C-2', accountExternalId: 'A-1', name: 'Peggy Hill', title: 'Buyer', emails: ['peggy@initrode.example'] },
        { externalId: 'C-3', accountExternalId: 'A-1', name: 'Rusty Shackleford', emails: ['rusty@mail.example'] },
        ...['Bobby Dauterive', 'Luanne Platter', 'Kahn Souphanousinphone', 'Cotton Strickland', 'Nancy Gribble-Hicks'].map((name, i) => (
          { externalId: `C-X${i}`, accountExternalId: 'A-1', name, emails: [`${name.split(' ')[0].toLowerCase()}@initrode.example`] })),
      ],
      opportunities: [
        { externalId: 'O-1', accountExternalId: 'A-1', name: 'Booth 2027', stage: 'Proposal', amount: 12000, currency: 'USD', closeDate: '2027-03-01' },
        { externalId: 'O-2', accountExternalId: 'A-1', name: 'Banners', stage: 'Negotiation', amount: 3000.5, currency: 'USD', closeDate: '2027-01-15' },
        { externalId: 'O-3', accountExternalId: 'A-1', name: 'Old stand', stage: 'Closed Won', amount: 5000, currency: 'USD' },
        { externalId: 'O-4', accountExternalId: 'A-1', name: 'Euro stand', stage: 'Qualification', amount: 1000, currency: 'EUR' },
      ],
    });
    accountId = first.items[0].accountId!;
    const second = await ingest(admin, {
      division: 'logistics', sourceSystem: 'sap',
      accounts: [{ externalId: '0042', ...account, ownerEmail: LEA }],
      contacts: [{ externalId: 'LC-1', accountExternalId: '0042', name: 'Dale Gribble', title: 'Exterminator', emails: ['dale@initrode.example'] }],
      touchpoints: TOUCHPOINTS.logistics.map((t) => ({ ...t, accountExternalId: '0042' })),
    });
    expect(second.items[0].accountId).toBe(accountId);
    await ingest(admin, { ...exhibits, touchpoints: TOUCHPOINTS.exhibits.map((t) => ({ ...t, accountExternalId: 'A-1' })) });
    // Ben joins after his touchpoints arrived: our people are found by the emails touchpoints name, when read.
    ben = await colleagueClient(hub, { email: BEN, division: 'exhibits' });
    // A person decides Rusty is Dale: his contact record follows; touchpoints may still name the merged-away id.
    const [rusty] = await db.query(`SELECT id FROM stakeholder WHERE name = 'Rusty Shackleford'`);
    const [dale] = await db.query(`SELECT id FROM stakeholder WHERE name = 'Dale Gribble'`);
    await db.query(`UPDATE source_contact_record SET stakeholder_id = $1 WHERE stakeholder_id = $2`, [dale.id, rusty.id]);
    await db.query(`UPDATE stakeholder SET merged_into_id = $1 WHERE id = $2`, [dale.id, rusty.id]);
    const [e4] = await db.query(`SELECT stakeholder_ids FROM touchpoint WHERE external_id = 'E-4'`);
    expect([...e4.stakeholder_ids].sort()).toEqual([dale.id, rusty.id].sort());
  });
  afterAll(() => close());

  it('gives exact per-division figures: owner, colleagues, counts by type, first and last touch, open opportunities', async () => {
    const { divisions } = await engagementAs(admin);
    expect(divisions.map((d) => d.division.key)).toEqual(['exhibits', 'logistics']);
    const [exhibits, logistics] = divisions;
    expect(exhibits).toMatchObject({
      id: expect.stringContaining(accountId),
      owner: { email: ANNA }, owners: [{ email: ANNA }], ownerEmails: [ANNA],
      colleagues: [{ email: ANNA }, { email: BEN }],
      touchCount: 4,
      touchCountsByType: [{ type: 'MEETING', count: 2 }, { type: 'CALL', count: 1 }, { type: 'EMAIL', count: 1 }],
      firstTouch: daysAgo(400), lastTouch: daysAgo(5), nextPlannedTouch: daysAgo(-10),
      openOpportunityCount: 3,
      openOpportunities: [{ name: 'Banners' }, { name: 'Booth 2027' }, { name: 'Euro stand' }],
      openOpportunityTotals: [{ currency: 'EUR', amount: 1000, opportunityCount: 1 }, { currency: 'USD', amount: 15000.5, opportunityCount: 2 }],
    });
    // Rusty was merged into Dale: E-4 names both, and Dale counts once.
    expect(exhibits.stakeholders.map((s) => s.name).sort()).toEqual(['Dale Gribble', 'Hank Hill', 'Peggy Hill']);
    expect(logistics).toMatchObject({
      owner: { email: LEA }, owners: [{ email: LEA }], ownerEmails: [LEA], colleagues: [{ email: LEA }],
      touchCount: 3,
      touchCountsByType: [{ type: 'CALL', count: 1 }, { type: 'MEETING', count: 1 }, { type: 'ORDER', count: 1 }],
      firstTouch: daysAgo(100), lastTouch: daysAgo(20), nextPlannedTouch: null,
      openOpportunityCount: 0, openOpportunities: [], openOpportunityTotals: [],
    });
    expect(logistics.stakeholders.map((s) => s.name).sort()).toEqual(['Dale Gribble', 'Hank Hill']);
  });

  it('has the running hub count what ingest left pending into the rollups within seconds, answering the same after', async () => {
    // Nothing else folds here: only the hub's EngagementFolder empties the outbox ingest wrote.
    const before = await engagementAs(anna);
    const pending = async (): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`))[0].n;
    for (let i = 0; i < 100 && (await pending()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await pending()).toBe(0);
    expect(await db.query(`SELECT sum(touch_count)::int AS n FROM engagement_month WHERE account_id = $1`, [accountId])).toEqual([{ n: 8 }]);
    expect(await engagementAs(anna)).toEqual({ ...before, asOf: expect.any(String) });
  });

  it('gives per-colleague division, last touch, 90- and 365-day counts and stakeholders (planned touchpoints not counted)', async () => {
    const { colleagues } = await engagementAs(admin);
    const figures = colleagues.map((c) => ({ ...c, stakeholders: c.stakeholders.map((s) => s.name).sort() }));
    expect(figures).toEqual([
      { colleague: { email: ANNA }, division: { key: 'exhibits' }, lastTouch: daysAgo(5), touchCount: 3, touchesLast90Days: 1, touchesLast365Days: 2,
        stakeholders: ['Dale Gribble', 'Hank Hill', 'Peggy Hill'] },
      { colleague: { email: BEN }, division: { key: 'exhibits' }, lastTouch: daysAgo(10), touchCount: 2, touchesLast90Days: 1, touchesLast365Days: 2,
        stakeholders: ['Hank Hill', 'Peggy Hill'] },
      { colleague: { email: LEA }, division: { key: 'logistics' }, lastTouch: daysAgo(20), touchCount: 2, touchesLast90Days: 1, touchesLast365Days: 2,
        stakeholders: ['Dale Gribble', 'Hank Hill'] },
    ]);
  });

  it('answers the same without the people when the query does not ask for them (as the web\'s panel), through fragments too', async () => {
    const full = await engagementAs(admin);
    const withoutPeople = ENGAGEMENT.replace(/ stakeholders \{ name \}/g, '');
    expect(withoutPeople).not.toContain('stakeholders');
    const lean = (await admin<{ account: { engagement: Engagement } }>(withoutPeople, { id: accountId, latest: 10 })).data!.account.engagement;
    const withoutStakeholders = (e: Engagement) => JSON.parse(JSON.stringify({ ...e, asOf: null }, (key, value) => (key === 'stakeholders' ? undefined : value)));
    expect(withoutStakeholders(lean)).toEqual(withoutStakeholders(full));
    expect(lean.colleagues.length).toBeGreaterThan(0);
    // Asked through a fragment, the people are there.
    const viaFragment = await admin<{ account: { engagement: { colleagues: { stakeholders: { name: string }[] }[] } } }>(
      `query($id: ID!) { account(id: $id) { engagement { ...E } } } fragment E on AccountEngagement { colleagues { ... on ColleagueEngagement { stakeholders { name } } } }`,
      { id: accountId });
    expect(viaFragment.data!.account.engagement.colleagues[0].stakeholders.map((s) => s.name).sort()).toEqual(['Dale Gribble', 'Hank Hill', 'Peggy Hill']);
  });

  it("tells a colleague what other divisions did since their own last touch, withholding another division's confidential content", async () => {
    const asLea = await engagementAs(lea);
    expect(asLea.sinceMyLastTouch).toMatchObject({
      myLastTouch: daysAgo(20), touchCount: 2, divisions: [{ division: { key: 'exhibits' }, touchCount: 2, lastTouch: daysAgo(5) }],
    });
    expect(asLea.sinceMyLastTouch!.touchpoints).toEqual([
      expect.objectContaining({ externalId: 'E-4', confidential: true, contentHidden: true, subject: null, summary: null, outcome: null, division: { key: 'exhibits' } }),
      expect.objectContaining({ externalId: 'E-3', contentHidden: false, subject: 'Follow-up' }),
    ]);
    // That it happened stays visible: who, with whom.
    const e4 = (await lea<{ account: { engagement: { sinceMyLastTouch: { touchpoints: { colleagues: { email: string }[]; stakeholders: { name: string }[] }[] } } } }>(
      ENGAGEMENT, { id: accountId, latest: 1 })).data!.account.engagement.sinceMyLastTouch.touchpoints[0];
    expect(e4).toMatchObject({ colleagues: [{ email: ANNA }], stakeholders: [{ name: 'Dale Gribble' }] });
    // Nowhere in the whole answer.
    const raw = JSON.stringify(await lea(ENGAGEMENT, { id: accountId, latest: 50 }));
    for (const secret of Object.values(SECRET)) expect(raw).not.toContain(secret);
  });

  it('shows confidential content to admins and to its own division', async () => {
    const logisticsAdmin = await colleagueClient(hub, { email: 'ada@ourco.example', division: 'logistics', role: 'ADMIN' });
    const asAdmin = await engagementAs(logisticsAdmin);
    // Ada never touched the account: everything other divisions did is new to her.
    expect(asAdmin.sinceMyLastTouch).toMatchObject({ myLastTouch: null, touchCount: 4 });
    expect(asAdmin.sinceMyLastTouch!.touchpoints.map((t) => t.externalId)).toEqual(['E-4', 'E-3', 'E-2', 'E-1']);
    expect(asAdmin.sinceMyLastTouch!.touchpoints[0]).toMatchObject({ contentHidden: false, ...SECRET });
    // Exhibits' own people: their division's touchpoints are never "other divisions", but the timeline shows them the content.
    const asBen = await engagementAs(ben);
    expect(asBen.sinceMyLastTouch).toMatchObject({ myLastTouch: daysAgo(10), touchCount: 0, divisions: [], touchpoints: [] });
    const timeline = await ben<{ account: { timeline: { edges: { node: { externalId: string; contentHidden: boolean; summary: string | null } }[] } } }>(
      `query($id: ID!) { account(id: $id) { timeline(first: 2) { edges { node { externalId contentHidden summary } } } } }`, { id: accountId });
    // The planned E-5 comes first on the timeline, then E-4.
    expect(timeline.data!.account.timeline.edges[1].node).toEqual({ externalId: 'E-4', contentHidden: false, summary: SECRET.summary });
    // The admin token has no touchpoints of its own: no "since my last touch".
    expect((await engagementAs(admin)).sinceMyLastTouch).toBeNull();
    // Anna's last touch is the latest of all: nothing new.
    expect((await engagementAs(anna)).sinceMyLastTouch).toMatchObject({ myLastTouch: daysAgo(5), touchCount: 0, touchpoints: [] });
  });

  it('pages the stakeholders by name, each exactly once, merged-away people left out', async () => {
    const seen: StakeholderNode[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const response: { data?: StakeholderPage; errors?: unknown } = await anna<StakeholderPage>(STAKEHOLDERS, { id: accountId, first: 3, after });
      expect(response.errors).toBeUndefined();
      const connection = response.data!.account.stakeholders;
      seen.push(...connection.edges.map((e) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const expected: { id: string }[] = await db.query(
      `SELECT id FROM stakeholder WHERE account_id = $1 AND merged_into_id IS NULL ORDER BY name_key, id`, [accountId]);
    expect(seen.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(seen).toHaveLength(8);
    expect(seen.map((s) => s.name)).not.toContain('Rusty Shackleford');
    expect(seen.map((s) => s.name)).toEqual([...seen.map((s) => s.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('tells for each stakeholder which divisions and colleagues deal with them, the last touch and the count (merged people once)', async () => {
    const response = await anna<StakeholderPage>(STAKEHOLDERS, { id: accountId, first: 100 });
    const byName = new Map(response.data!.account.stakeholders.edges.map((e) => [e.node.name, e.node]));
    expect(byName.get('Dale Gribble')).toMatchObject({
      title: 'Exterminator', touchCount: 3, lastTouch: daysAgo(5), divisions: [{ key: 'exhibits' }, { key: 'logistics' }], colleagues: [{ email: ANNA }, { email: LEA }],
    });
    const hank = byName.get('Hank Hill')!;
    expect(hank).toMatchObject({ touchCount: 3, lastTouch: daysAgo(20), divisions: [{ key: 'exhibits' }, { key: 'logistics' }] });
    expect(hank.colleagues[0]).toEqual({ email: LEA });
    expect(hank.colleagues.map((c) => c.email).sort()).toEqual([ANNA, BEN, LEA]);
    expect(byName.get('Peggy Hill')).toMatchObject({ touchCount: 2, lastTouch: daysAgo(10), divisions: [{ key: 'exhibits' }], colleagues: [{ email: BEN }, { email: ANNA }] });
    expect(byName.get('Luanne Platter')).toMatchObject({ touchCount: 0, lastTouch: null, divisions: [{ key: 'exhibits' }], colleagues: [] });
  });

  it('batch-loads: a page of 2 stakeholders costs the same SQL statements as a page of 8', async () => {
    // Start the small page at Dale and Hank, who have colleagues and divisions to load like the large page has.
    const opening = await anna<StakeholderPage>(STAKEHOLDERS, { id: accountId, first: 2 });
    const after = opening.data!.account.stakeholders.pageInfo.endCursor;
    const small = await countStatements(async () => {
      const page = await anna<StakeholderPage>(STAKEHOLDERS, { id: accountId, first: 2, after });
      expect(page.data!.account.stakeholders.edges.map((e) => e.node.name)).toEqual(['Dale Gribble', 'Hank Hill']);
    });
    const large = await countStatements(() => anna(STAKEHOLDERS, { id: accountId, first: 8 }));
    expect(small).toBeGreaterThan(1);
    expect(large).toBe(small);
  });

  it('counts touchpoints per month and division for the activity chart, every month of the window present', async () => {
    const response = await anna<{ account: { activityByMonth: Month[] } }>(MONTHS, { id: accountId });
    expect(response.errors).toBeUndefined();
    const months = response.data!.account.activityByMonth;
    expect(months).toHaveLength(24);
    expect(months.map((m) => m.month)).toEqual(monthWindow(24));
    expect(months[23].startsAt).toBe(`${monthWindow(1)[0]}-01T00:00:00.000Z`);
    expect(chart(months)).toEqual(expectedChart(24));
    for (const month of months) expect(month.touchCount).toBe(month.divisions.reduce((sum, d) => sum + d.touchCount, 0));
    // E-1 (400 days ago) falls outside 12 months; the planned E-5 never counts.
    const recent = (await anna<{ account: { activityByMonth: Month[] } }>(MONTHS, { id: accountId, months: 12 })).data!.account.activityByMonth;
    expect(recent).toHaveLength(12);
    expect(chart(recent)).toEqual(expectedChart(12));
    expect(recent.reduce((sum, m) => sum + m.touchCount, 0)).toBe(6);
  });

  it('refuses bad arguments with specific errors', async () => {
    const none = await anna(MONTHS, { id: accountId, months: 0 });
    expect(none.errors![0].message).toBe('Invalid months: expected an integer from 1 to 120.');
    const tooMany = await lea(ENGAGEMENT, { id: accountId, latest: 51 });
    expect(tooMany.errors![0].message).toBe('Invalid first: expected an integer from 1 to 50.');
    const badCursor = await anna(STAKEHOLDERS, { id: accountId, after: 'bogus' });
    expect(badCursor.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('counts the statements of a request without the background work beside it (the fold runs every second on its own connection)', async () => {
    const alone = await countStatements(() => engagementAs(lea));
    const beside = await countStatements(() => Promise.all([
      engagementAs(lea), inBackground(db, (inTransaction) => inTransaction((tx) => engagementRollups.foldPending(tx))),
    ]));
    expect(beside).toBe(alone);
  });

  it('costs the same SQL statements however many divisions, colleagues and stakeholders are engaged', async () => {
    const before = await countStatements(() => engagementAs(lea));
    await colleagueClient(hub, { email: 'max@ourco.example', division: 'logistics' });
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', touchpoints: [
      { externalId: 'L-9', accountExternalId: '0042', type: 'CALL', occurredAt: daysAgo(30), colleagueEmails: ['max@ourco.example'], participantExternalIds: ['LC-1'],
        participantEmails: ['peggy@initrode.example', 'luanne@initrode.example'] },
    ] });
    const after = await countStatements(() => engagementAs(lea));
    expect(after).toBe(before);
    await deleteTouchpoints(db, `external_id = 'L-9'`);
  });
});

/** The last `n` calendar months (UTC), oldest first, as "YYYY-MM". */
function monthWindow(n: number): string[] {
  const now = new Date(NOW);
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1 - i), 1)).toISOString().slice(0, 7));
}

/** The chart as "month division" → count, for comparison. */
function chart(months: Month[]): Record<string, number> {
  return Object.fromEntries(months.flatMap((m) => m.divisions.map((d) => [`${m.month} ${d.division.key}`, d.touchCount])));
}

/** What the fixture's touchpoints that happened add up to in the last `n` months. */
function expectedChart(n: number): Record<string, number> {
  const window = new Set(monthWindow(n));
  const out: Record<string, number> = {};
  for (const [division, list] of Object.entries(TOUCHPOINTS)) {
    for (const t of list) {
      const month = t.occurredAt.slice(0, 7);
      if (t.occurredAt > new Date(NOW).toISOString() || !window.has(month)) continue;
      out[`${month} ${division}`] = (out[`${month} ${division}`] ?? 0) + 1;
    }
  }
  return out;
}
