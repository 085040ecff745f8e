import { ingest, startIngestHub } from '../support/ingest';
import { Client } from '../support/server';

// Found in review of 35ef68f: a person's title at an account is their affiliation's title there, on the timeline and
// on the list of current people alike: also for people found by contact, and with no title there (none, not the other
// customer's). A person whose time there ended is named on the old account's timeline with the title they had there;
// the list of those who moved on shows them as they are now (test/api/identity.test.ts).
describe('account.timeline and account.stakeholders: a person at two customers, beyond the current titled case', () => {
  let admin: Client;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ admin, close } = await startIngestHub('exhibits'));
  });
  afterAll(() => close());

  type Person = { name: string; title: string | null; touchCount?: number };
  type Shown = { account: { current: { edges: { node: Person }[] }; former: { edges: { node: Person }[] }; timeline: { edges: { node: { subject: string | null; stakeholders: Person[] } }[] } } };
  const show = async (id: string) => {
    const shown = await admin<Shown>(`query($id: ID!) { account(id: $id) {
      current: stakeholders(first: 10) { edges { node { name title touchCount } } }
      former: stakeholders(first: 10, presence: FORMER) { edges { node { name title touchCount } } }
      timeline(first: 10) { edges { node { subject stakeholders { name title touchCount } } } } } }`, { id });
    expect(shown.errors).toBeUndefined();
    return shown.data!.account;
  };
  const accounts = (sys: string) => ingest(admin, { division: 'exhibits', sourceSystem: sys, accounts: [
    { externalId: 'ps', name: `Pied Sailing ${sys}`, website: `pied-${sys}.example.com` },
    { externalId: 'eb', name: `Endframe Boats ${sys}`, website: `endframe-${sys}.example.com` },
  ] });

  it('by contact: a touchpoint sent before its participant, who is then at two customers', async () => {
    const acc = await accounts('s1');
    const pied = acc.items[0].accountId!;
    await ingest(admin, { division: 'exhibits', sourceSystem: 's1',
      touchpoints: [{ externalId: 't1', accountExternalId: 'ps', type: 'MEETING', subject: 'by contact', occurredAt: '2026-09-02T10:00:00Z', participantExternalIds: ['c-ps'] }] });
    await ingest(admin, { division: 'exhibits', sourceSystem: 's1', contacts: [{ externalId: 'c-ps', accountExternalId: 'ps', name: 'Rita Row', title: 'Board member', emails: ['rita@row-board.example.com'] }] });
    await ingest(admin, { division: 'exhibits', sourceSystem: 's1', contacts: [{ externalId: 'c-eb', accountExternalId: 'eb', name: 'Rita Row', title: 'Chair', emails: ['rita@row-board.example.com'] }] });
    const a = await show(pied);
    expect(a.current.edges.map((e) => e.node.title)).toEqual(['Board member']);
    expect(a.timeline.edges.map((e) => e.node.stakeholders.map((p) => p.title))).toEqual([['Board member']]);
  });

  it('no title at this account: the timeline and the list give none (they showed the other customer\'s "Chair")', async () => {
    const acc = await accounts('s2');
    const pied = acc.items[0].accountId!;
    await ingest(admin, { division: 'exhibits', sourceSystem: 's2', contacts: [{ externalId: 'n-ps', accountExternalId: 'ps', name: 'Nora Notitle', emails: ['nora@notitle.example.com'] }],
      touchpoints: [{ externalId: 't2', accountExternalId: 'ps', type: 'MEETING', subject: 'no title', occurredAt: '2026-09-02T10:00:00Z', participantExternalIds: ['n-ps'] }] });
    await ingest(admin, { division: 'exhibits', sourceSystem: 's2', contacts: [{ externalId: 'n-eb', accountExternalId: 'eb', name: 'Nora Notitle', title: 'Chair', emails: ['nora@notitle.example.com'] }] });
    const a = await show(pied);
    expect({ list: a.current.edges.map((e) => e.node.title), timeline: a.timeline.edges.map((e) => e.node.stakeholders.map((p) => p.title)) })
      .toEqual({ list: [null], timeline: [[null]] });
  });

  it('ended: the old account\'s timeline names a person who moved on with the title they had there', async () => {
    const acc = await accounts('s3');
    const pied = acc.items[0].accountId!;
    await ingest(admin, { division: 'exhibits', sourceSystem: 's3', contacts: [{ externalId: 'm', accountExternalId: 'ps', name: 'Mo Mover', title: 'Skipper', emails: ['mo@mover.example.com'] }],
      touchpoints: [{ externalId: 't3', accountExternalId: 'ps', type: 'MEETING', subject: 'ended', occurredAt: '2026-09-02T10:00:00Z', participantExternalIds: ['m'] }] });
    await ingest(admin, { division: 'exhibits', sourceSystem: 's3', contacts: [{ externalId: 'm', accountExternalId: 'eb', name: 'Mo Mover', title: 'Chair', emails: ['mo@mover.example.com'] }] });
    const a = await show(pied);
    const listed = a.former.edges.map((e) => e.node);
    const onTimeline = a.timeline.edges.flatMap((e) => e.node.stakeholders);
    expect(listed).toEqual([{ name: 'Mo Mover', title: 'Chair', touchCount: 1 }]);
    expect(onTimeline).toEqual([{ name: 'Mo Mover', title: 'Skipper', touchCount: 1 }]);
  });
});
