import { DataSource } from 'typeorm';
import { colleagueClient } from '../support/colleagues';
import { ingest, startIngestHub } from '../support/ingest';
import { Client, TestServer } from '../support/server';

const SET_PARENT = `mutation($input: SetAccountParentInput!) { setAccountParent(input: $input) {
  account { id parent { id } parentSetBy parentDecidedAt } parent { id name } } }`;
const DECISION = `query($id: ID!) { account(id: $id) { id parentDecision { decider by at reason cleared } } }`;
const GROUP = `query($id: ID!, $first: Int, $after: String) { account(id: $id) { id name parent { id } groupHead { id }
  children(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } } }`;

interface GroupView {
  id: string; name: string; parent: { id: string } | null; groupHead: { id: string } | null;
  children: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; name: string } }[] };
}

/**
 * The account hierarchy through the API. Found by exploratory testing: "Grumbleford Group plc" sent after its
 * subsidiary became the subsidiary's child, and nothing could correct it, nor list an account's children.
 */
describe('account hierarchy: group heads, children, and a person setting the parent', () => {
  let admin: Client;
  let rep: Client;
  let db: DataSource;
  let hub: TestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ admin, db, hub, close } = await startIngestHub('sales', 'service'));
    rep = await colleagueClient(hub, { email: 'rep@ourco.example', division: 'sales' });
  });
  afterAll(() => close());

  // Each company gives its own registry id (GB…): merges of two of them below say override: true, refused without it.
  const company = (externalId: string, name: string, registryId: string, website = 'grumbleford-zq.co.uk') => ({ externalId, name, website, registryId });
  const decision = async (client: Client, id: string) => {
    const response = await client<{ account: { parentDecision: Record<string, unknown> | null } }>(DECISION, { id });
    expect(response.errors).toBeUndefined();
    return response.data!.account.parentDecision;
  };
  const view = async (client: Client, id: string, first?: number, after?: string) => {
    const response = await client<{ account: GroupView }>(GROUP, { id, first, after });
    expect(response.errors).toBeUndefined();
    return response.data!.account;
  };

  it('makes the plc the head of its group although its subsidiary came first, and says why on the audit trail', async () => {
    const services = (await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [company('S', 'Grumbleford Services Ltd', 'GB222222222')] })).items[0].accountId!;
    const plc = (await ingest(admin, { division: 'service', sourceSystem: 'desk', accounts: [company('P', 'Grumbleford Group plc', 'GB111111111')] })).items[0].accountId!;
    expect(plc).not.toBe(services);
    // Any colleague reads the group: the plc's children, the subsidiary's parent and head.
    expect(await view(rep, plc)).toMatchObject({ parent: null, groupHead: null, children: { totalCount: 1, edges: [{ node: { id: services, name: 'Grumbleford Services Ltd' } }] } });
    expect(await view(rep, services)).toMatchObject({ parent: { id: plc }, groupHead: { id: plc }, children: { totalCount: 0, edges: [] } });
    const trail = await admin<{ auditEvents: { edges: { node: { before: unknown; after: Record<string, unknown> } }[] } }>(
      `{ auditEvents(filter: { action: "SET_ACCOUNT_PARENT", targetId: "${services}" }) { edges { node { before after } } } }`);
    expect(trail.data!.auditEvents.edges.map((e) => e.node)).toEqual([{
      before: { parentId: null },
      after: { parentId: plc, by: 'matching', reason: expect.stringContaining('"Grumbleford Group plc" names a group\'s head ("group")') },
    }]);
    // The account page tells who placed it there (matching), when and why; the head, which no one placed, has none.
    const before = Date.now();
    expect(await decision(rep, services)).toEqual({
      decider: 'MATCHING', by: null, at: expect.any(String), reason: expect.stringContaining('"Grumbleford Group plc" names a group\'s head'), cleared: false,
    });
    expect(Date.parse((await decision(rep, services))!.at as string)).toBeLessThanOrEqual(before);
    expect(await decision(rep, plc)).toBeNull();
  });

  // Issue 4: only the former head moved under the new one; its other companies stayed a level below.
  it("takes the former head's companies under the new head, each on the audit trail with the parent it had", async () => {
    const website = 'grumbleford-zx.co.uk';
    const [services, logistics] = (await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      company('XS', 'Grumbleford Services Ltd', 'GB222222202', website), company('XL', 'Grumbleford Logistics Ltd', 'GB222222203', website),
    ] })).items.map((i) => i.accountId!);
    const plc = (await ingest(admin, { division: 'service', sourceSystem: 'desk', accounts: [company('XP', 'Grumbleford Group plc', 'GB111111101', website)] })).items[0].accountId!;
    expect(await view(rep, plc)).toMatchObject({ parent: null, children: { totalCount: 2 } });
    expect(await view(rep, logistics)).toMatchObject({ parent: { id: plc }, groupHead: { id: plc } });
    const trail = await admin<{ auditEvents: { edges: { node: { before: unknown; after: Record<string, unknown> } }[] } }>(
      `{ auditEvents(filter: { action: "SET_ACCOUNT_PARENT", targetId: "${logistics}" }) { edges { node { before after } } } }`);
    expect(trail.data!.auditEvents.edges.map((e) => e.node)).toEqual([{
      before: { parentId: services },
      after: { parentId: plc, by: 'matching', reason: expect.stringContaining('"Grumbleford Group plc" heads the group of "Grumbleford Services Ltd"') },
    }]);
  });

  it('lets an admin set and clear the parent, and not a rep; a person\'s placement is not moved by matching later', async () => {
    const website = 'brackwater-zq.co.uk';
    const landed = await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      company('B-1', 'Brackwater Shipping Ltd', 'GB300000001', website), company('B-2', 'Brackwater Ferries Ltd', 'GB300000002', 'brackwater-ferries-zq.co.uk'),
    ] });
    const [shipping, ferries] = landed.items.map((i) => i.accountId!);
    const input = { accountId: ferries, parentId: shipping, reason: 'Ferries is owned by Shipping (registry)' };
    const refused = await rep(SET_PARENT, { input });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await view(admin, ferries)).toMatchObject({ parent: null });

    const set = await admin<{ setAccountParent: { account: { id: string; parent: { id: string }; parentSetBy: string; parentDecidedAt: string }; parent: { id: string; name: string } } }>(SET_PARENT, { input });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setAccountParent).toMatchObject({
      account: { id: ferries, parent: { id: shipping }, parentSetBy: 'OURCUSTOMER_ADMIN_TOKEN', parentDecidedAt: expect.any(String) },
      parent: { id: shipping, name: 'Brackwater Shipping Ltd' },
    });
    // Matching placed neither of the two (no group): no decision until the admin's.
    expect(await decision(rep, shipping)).toBeNull();
    expect(await decision(rep, ferries)).toEqual({
      decider: 'PERSON', by: 'OURCUSTOMER_ADMIN_TOKEN', at: set.data!.setAccountParent.account.parentDecidedAt, reason: 'Ferries is owned by Shipping (registry)', cleared: false,
    });
    const loop = await admin(SET_PARENT, { input: { accountId: shipping, parentId: ferries, reason: 'oops' } });
    expect(loop.errors![0]).toMatchObject({ message: expect.stringContaining('would make a loop'), extensions: { code: 'BAD_USER_INPUT', argument: 'input.parentId' } });
    const self = await admin(SET_PARENT, { input: { accountId: shipping, parentId: shipping, reason: 'oops' } });
    expect(self.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    // Found by exploratory testing: a parentId left out cleared the parent; ids in upper case were NOT_FOUND.
    const omitted = await admin(SET_PARENT, { input: { accountId: ferries, reason: 'forgot the parent' } });
    expect(omitted.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    expect(await view(admin, ferries)).toMatchObject({ parent: { id: shipping } });
    const upper = await admin(SET_PARENT, { input: { ...input, accountId: ferries.toUpperCase(), parentId: shipping.toUpperCase() } });
    expect(upper.errors).toBeUndefined();

    // A person says Shipping heads its group (no parent): a holding of the group arriving later hangs under it.
    expect((await admin(SET_PARENT, { input: { accountId: shipping, parentId: null, reason: 'Shipping is the top company' } })).errors).toBeUndefined();
    expect(await decision(rep, shipping)).toMatchObject({ decider: 'PERSON', by: 'OURCUSTOMER_ADMIN_TOKEN', reason: 'Shipping is the top company', cleared: true });
    const holding = (await ingest(admin, { division: 'service', sourceSystem: 'desk', accounts: [company('B-H', 'Brackwater Holding plc', 'GB300000009', website)] })).items[0].accountId!;
    expect(await view(rep, shipping)).toMatchObject({ parent: null, children: { totalCount: 2 } });
    expect(await view(rep, holding)).toMatchObject({ parent: { id: shipping } });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'SET_ACCOUNT_PARENT' AND target_id = $1`, [shipping]);
    expect(n).toBe(1);
  });

  it('pages through the children by name, with their total', async () => {
    const website = 'corvid-zq.co.uk';
    const landed = await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      company('C-0', 'Corvid Group plc', 'GB400000000', website), company('C-3', 'Corvid Tanks Ltd', 'GB400000003', website),
      company('C-1', 'Corvid Air Ltd', 'GB400000001', website), company('C-2', 'Corvid Marine Ltd', 'GB400000002', website),
    ] });
    const head = landed.items[0].accountId!;
    const first = await view(rep, head, 2);
    expect(first.children.totalCount).toBe(3);
    expect(first.children.edges.map((e) => e.node.name)).toEqual(['Corvid Air Ltd', 'Corvid Marine Ltd']);
    expect(first.children.pageInfo.hasNextPage).toBe(true);
    const next = await view(rep, head, 2, first.children.pageInfo.endCursor!);
    expect(next.children.edges.map((e) => e.node.name)).toEqual(['Corvid Tanks Ltd']);
    expect(next.children.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses to place an account merged away, naming the survivor in the error for the page that still shows it', async () => {
    const landed = await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      company('D-1', 'Dunmore Pumps Ltd', 'GB500000001', 'dunmore-zq.co.uk'), company('D-2', 'Dunmore Pumps UK', 'GB500000002', 'dunmore-uk-zq.co.uk'),
      company('D-3', 'Dunmore Valves Ltd', 'GB500000003', 'dunmore-valves-zq.co.uk'),
    ] });
    const [survivor, merged, valves] = landed.items.map((i) => i.accountId!);
    const merge = await admin(`mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "same", override: true) { account { id } } }`, { s: survivor, m: merged });
    expect(merge.errors).toBeUndefined();
    const refused = await admin(SET_PARENT, { input: { accountId: merged, parentId: valves, reason: 'from a stale page' } });
    expect(refused.errors![0]).toMatchObject({ message: expect.stringContaining(`was merged into ${survivor}`), extensions: { code: 'CONFLICT', mergedIntoId: survivor } });
    const asParent = await admin(SET_PARENT, { input: { accountId: valves, parentId: merged, reason: 'from a stale page' } });
    expect(asParent.errors![0].extensions).toMatchObject({ code: 'CONFLICT', mergedIntoId: survivor });
    expect(await view(admin, valves)).toMatchObject({ parent: null });

    // Merged on (D-1 into D-3): every refusal names the account at the end of the chain, not D-1 that went too (found in review).
    expect((await admin(`mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "same group", override: true) { account { id } } }`, { s: valves, m: survivor })).errors).toBeUndefined();
    const mergeStale = await admin(`mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "stale", override: true) { account { id } } }`, { s: valves, m: merged });
    expect(mergeStale.errors![0]).toMatchObject({ message: expect.stringContaining(`was merged into ${valves}`), extensions: { code: 'CONFLICT', mergedIntoId: valves } });
    const parentStale = await admin(SET_PARENT, { input: { accountId: merged, parentId: null, reason: 'from a stale page' } });
    expect(parentStale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', mergedIntoId: valves });
  });

  // Found in the team's notes: a child placed under B by a person went on saying "placed under B by …" once a merge of B into A moved it.
  it('tells who merged the parent away, when and why, on the child the merge moved; the split undoing it gives back the note before', async () => {
    const landed = await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      company('F-1', 'Fenwick Mills Ltd', 'GB600000001', 'fenwick-mills-zq.co.uk'), company('F-2', 'Fenwick Weaving Ltd', 'GB600000002', 'fenwick-weaving-zq.co.uk'),
      company('F-3', 'Fenwick Yarns Ltd', 'GB600000003', 'fenwick-yarns-zq.co.uk'),
    ] });
    const [survivor, merged, child] = landed.items.map((i) => i.accountId!);
    const mergedRecord = landed.items[1].recordId!;
    expect((await admin(SET_PARENT, { input: { accountId: child, parentId: merged, reason: 'Weaving owns Yarns (registry)' } })).errors).toBeUndefined();
    const placed = await decision(rep, child);
    expect(placed).toMatchObject({ decider: 'PERSON', by: 'OURCUSTOMER_ADMIN_TOKEN', reason: 'Weaving owns Yarns (registry)' });

    const merge = await admin<{ mergeAccounts: { mergeId: string } }>(
      `mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "one mill", override: true) { mergeId } }`, { s: survivor, m: merged });
    expect(merge.errors).toBeUndefined();
    expect(await view(rep, child)).toMatchObject({ parent: { id: survivor } });
    const moved = await decision(rep, child);
    expect(moved).toEqual({ decider: 'MERGE', by: 'OURCUSTOMER_ADMIN_TOKEN', at: expect.any(String), reason: 'moved with the merge of "Fenwick Weaving Ltd" into "Fenwick Mills Ltd"', cleared: false });
    const trail = await admin<{ auditEvents: { edges: { node: { at: string; after: Record<string, unknown> } }[] } }>(
      `{ auditEvents(filter: { action: "MERGE_ACCOUNTS", targetId: "${survivor}" }) { edges { node { at after } } } }`);
    const [entry] = trail.data!.auditEvents.edges.map((e) => e.node);
    expect(entry.after).toMatchObject({ mergedId: merged, parentsMoved: [{ accountId: child, parentBefore: merged, parentAfter: survivor }] });
    // The note's time is the merge's (one transaction).
    expect(Math.abs(Date.parse(moved!.at as string) - Date.parse(entry.at))).toBeLessThan(1000);

    const split = await admin(`mutation($a: ID!, $r: [ID!]!) { splitAccount(accountId: $a, sourceRecordIds: $r, reason: "two mills") { restoredMerge } }`, { a: survivor, r: [mergedRecord] });
    expect(split.errors).toBeUndefined();
    expect(await view(rep, child)).toMatchObject({ parent: { id: merged } });
    expect(await decision(rep, child)).toEqual(placed);
  });
});
