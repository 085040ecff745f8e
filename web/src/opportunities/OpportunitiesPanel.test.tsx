import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountCriticalInfoQuery } from '../critical-info/operations';
import { renderApp } from '../test/renderApp';
import { accountPanelsMocks, EXHIBITS, LOGISTICS, opportunitiesMock, opportunityNode, opportunityTotal } from '../test/fixtures';

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

  it('marks an open opportunity whose close date has passed as overdue, in words', async () => {
    const LATE = opportunityNode('o4', 'Late stand', { closeDate: '2020-01-15', overdue: true });
    renderApp('/accounts/a1', [...accountMocks(), opportunitiesMock('a1', [LATE, BOOTH]), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Opportunities' });
    const [late, booth] = within(await within(panel).findByRole('table')).getAllByRole('row').slice(1);
    expect(within(late).getAllByRole('cell')[4]).toHaveTextContent(/2020.*Overdue$/);
    expect(within(booth).getAllByRole('cell')[4]).not.toHaveTextContent('Overdue');
  });

  it('shows the exact totals per currency of every listed opportunity, as the hub summed them', async () => {
    const totals = [opportunityTotal('EUR', '1234567.5678', 1), opportunityTotal('USD', '100000000000000.00', 2), opportunityTotal(null, '12', 1)];
    renderApp('/accounts/a1', [...accountMocks(), opportunitiesMock('a1', [BOOTH, FLEET, OLD], { totals }), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Opportunities' });
    const list = await within(panel).findByRole('list', { name: 'Total of every opportunity with an amount, all pages' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '1,234,567.5678 EUR from 1 opportunity', '100,000,000,000,000.00 USD from 2 opportunities', '12 (no currency) from 1 opportunity',
    ]);
  });

  it('filters by status: open, won, lost, or all again, each with its totals', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      opportunitiesMock('a1', [BOOTH, FLEET, OLD]),
      opportunitiesMock('a1', [BOOTH], { statuses: ['OPEN'], totals: [opportunityTotal('EUR', '1234567.5678', 1)] }),
      opportunitiesMock('a1', [FLEET], { statuses: ['WON'], totals: [opportunityTotal('KWD', '1.235', 1)] }),
      opportunitiesMock('a1', [], { statuses: ['LOST'] }),
      ...accountPanelsMocks('a1'),
    ]);
    const panel = await screen.findByRole('region', { name: 'Opportunities' });
    await within(panel).findByRole('table', { name: /^3 opportunities/ });
    const which = within(panel).getByRole('radiogroup', { name: 'Which opportunities' });
    expect(within(which).getByRole('radio', { name: 'All' })).toBeChecked();

    await userEvent.click(within(which).getByRole('radio', { name: 'Open' }));
    const open = await within(panel).findByRole('table', { name: '1 open opportunity: soonest to close first' });
    expect(within(open).getByRole('rowheader')).toHaveTextContent('Booth 2027');
    expect(within(panel).getByRole('list', { name: 'Total of every open opportunity with an amount, all pages' })).toHaveTextContent('1,234,567.5678 EUR');

    await userEvent.click(within(which).getByRole('radio', { name: 'Won' }));
    const won = await within(panel).findByRole('table', { name: '1 won opportunity: latest closed first' });
    expect(within(won).getByRole('rowheader')).toHaveTextContent('Fleet');

    await userEvent.click(within(which).getByRole('radio', { name: 'Lost' }));
    expect(await within(panel).findByText('No lost opportunities')).toBeInTheDocument();

    await userEvent.click(within(which).getByRole('radio', { name: 'All' }));
    expect(await within(panel).findByRole('table', { name: /^3 opportunities/ })).toBeInTheDocument();
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
