import { ingest, startIngestHub } from '../support/ingest';
import { Client } from '../support/server';

// Found in exploratory testing (branch explore): a person who is at two customers at once (a board member of both,
// or one person linked by email at two accounts) shows on an account's people list with their title there, but the
// timeline of that account names them with the title of their other (home) account.
describe('account.timeline: the people at a touchpoint carry their title at its account', () => {
  let admin: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ admin, close } = await startIngestHub('exhibits'));
  });
  afterAll(() => close());

  it('a board member of two customers is named with the title of the account whose timeline shows them', async () => {
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [
      { externalId: 'ps', name: 'Pied Sailing', website: 'pied-sailing.example.com' },
      { externalId: 'eb', name: 'Endframe Boats', website: 'endframe.example.com' },
    ] });
    const monica = (externalId: string, accountExternalId: string, title: string) => ({ externalId, accountExternalId, name: 'Monica Hall', title, emails: ['monica@hall-board.example.com'] });
    const first = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', contacts: [monica('mh-ps', 'ps', 'Board member')],
      touchpoints: [{ externalId: 'ps-1', accountExternalId: 'ps', type: 'MEETING', occurredAt: '2026-09-02T10:00:00Z', participantExternalIds: ['mh-ps'] }] });
    // Her record at Endframe Boats arrives later (it is her home now), as the chair there.
    const second = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', contacts: [monica('mh-eb', 'eb', 'Chair')] });
    expect(second.items[0].stakeholderId).toBe(first.items[0].stakeholderId);
    const pied = first.items[0].accountId!;

    type Shown = { account: { stakeholders: { edges: { node: { name: string; title: string } }[] }; timeline: { edges: { node: { stakeholders: { name: string; title: string }[] } }[] } } };
    const shown = await admin<Shown>(`query($id: ID!) { account(id: $id) { stakeholders(first: 10) { edges { node { name title } } }
      timeline(first: 10) { edges { node { stakeholders { name title } } } } } }`, { id: pied });
    expect(shown.errors).toBeUndefined();
    // The people list of Pied Sailing has it right...
    expect(shown.data!.account.stakeholders.edges.map((e) => e.node)).toEqual([{ name: 'Monica Hall', title: 'Board member' }]);
    // ...and the meeting at Pied Sailing names her as she is there, not as the chair of Endframe Boats (it did).
    expect(shown.data!.account.timeline.edges.map((e) => e.node.stakeholders)).toEqual([[{ name: 'Monica Hall', title: 'Board member' }]]);
  });
});
