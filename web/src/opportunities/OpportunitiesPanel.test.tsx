import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountCriticalInfoQuery } from '../critical-info/operations';
import { renderApp } from '../test/renderApp';
import { accountPanelsMocks, EXHIBITS, LOGISTICS, opportunitiesMock, opportunityNode } from '../test/fixtures';

const ACME = { __typename: 'Account', id: 'a1', name: 'Acme Limited', lifecycleStage: 'ACTIVE', industry: null, domains: [], watchedByMe: false, ownedByMe: false, divisions: [EXHIBITS, LOGISTICS], knownAs: [] };

function accountMocks(): MockLink.MockedResponse[] {
  return [
    { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: ACME } } },
    { request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, delay: Number.POSITIVE_INFINITY },
  ];
}

const BOOTH = opportunityNode('o1', 'Booth 2027', {
  stage: 'Negotiation', amountText: '1234567.5678', currency: 'EUR', closeDate: '2027-01-15', ownerEmail: 'anna@ourco.example',
  owner: { __typename: 'Colleague', id: 'c1', name: 'Anna Exhibits' },
});
const FLEET = opportunityNode('o2', 'Fleet', { stage: 'Chiuso vinto', status: 'WON', amountText: '1.235', currency: 'KWD', closeDate: '2026-06-01', ownerEmail: 'lou@ourco.example', division: LOGISTICS });
const OLD = opportunityNode('o3', 'Old stand', { stage: 'Storniert', status: 'LOST' });

describe('OpportunitiesPanel', () => {
  it('lists open and closed opportunities: status, stage, division, the exact amount, close date and owner', async () => {
    // The panel's own mock first: the account page's panels answer with none otherwise.
    renderApp('/accounts/a1', [...accountMocks(), opportunitiesMock('a1', [BOOTH, FLEET, OLD]), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Opportunities' });
    const table = await within(panel).findByRole('table', { name: '3 opportunities: open ones first, soonest to close first; then closed ones, latest first' });
    const [booth, fleet, old] = within(table).getAllByRole('row').slice(1);
    expect(within(booth).getByRole('rowheader')).toHaveTextContent('Booth 2027');
    expect(within(booth).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      ['Open', 'Negotiation', 'Exhibits', '1,234,567.5678 EUR', expect.stringContaining('2027'), 'Anna Exhibits']);
    expect(within(booth).getAllByRole('cell')[4].querySelector('time')).toHaveAttribute('datetime', '2027-01-15');
    // An owner the hub does not know is named by their email; the amount is not rounded to cents.
    expect(within(fleet).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      ['Won', 'Chiuso vinto', 'Logistics', '1.235 KWD', expect.stringContaining('2026'), 'lou@ourco.example']);
    const oldCells = within(old).getAllByRole('cell');
    expect(oldCells[0]).toHaveTextContent('Lost');
    for (const i of [3, 4, 5]) expect(oldCells[i]).toHaveTextContent('not set');
  });

  it('says when there are none', async () => {
    renderApp('/accounts/a1', [...accountMocks(), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Opportunities' });
    expect(await within(panel).findByText('No opportunities yet')).toBeInTheDocument();
  });

  it('loads the next page with a button', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      opportunitiesMock('a1', [BOOTH], { hasNextPage: true }),
      opportunitiesMock('a1', [FLEET], { after: 'op-o1' }),
      ...accountPanelsMocks('a1'),
    ]);
    const panel = await screen.findByRole('region', { name: 'Opportunities' });
    await within(panel).findByRole('table', { name: /^The first 1 opportunity/ });
    await userEvent.click(within(panel).getByRole('button', { name: 'Load more opportunities' }));
    expect(await within(panel).findByRole('rowheader', { name: 'Fleet' })).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Load more opportunities' })).not.toBeInTheDocument();
  });
});
