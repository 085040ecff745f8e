import { screen, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { renderApp } from '../../test/renderApp';
import { accountGroupMock, accountPanelsMocks, LOGISTICS } from '../../test/fixtures';
import { accountQuery } from '../AccountPage';

const account = (id: string, name: string): MockLink.MockedResponse => ({
  request: { query: accountQuery, variables: { id } },
  result: { data: { account: {
    __typename: 'Account', id, name, lifecycleStage: 'ACTIVE', industry: null, domains: ['grumbleford.co.uk'], watchedByMe: false, ownedByMe: false,
    divisions: [LOGISTICS], knownAs: [],
  } } },
});
/** The account page's panels, with this group in place of none. */
const panels = (id: string, group: MockLink.MockedResponse) => [...accountPanelsMocks(id).slice(0, -1), group];

describe('AccountGroup on the account page', () => {
  it('shows the company the account belongs to, the head of the group above it, and the companies below it as links', async () => {
    renderApp('/accounts/svc', [account('svc', 'Grumbleford Services Ltd'), ...panels('svc', accountGroupMock('svc', {
      parent: { id: 'hold', name: 'Grumbleford Holdings Ltd' }, groupHead: { id: 'plc', name: 'Grumbleford Group plc' },
      children: [{ id: 'air', name: 'Grumbleford Air Ltd' }, { id: 'sea', name: 'Grumbleford Sea Ltd' }], totalCount: 23,
    }))]);
    const group = await screen.findByRole('region', { name: 'Group of companies' });
    expect(within(group).getByText(/^Part of/)).toHaveTextContent('Part of Grumbleford Holdings Ltd, in the group headed by Grumbleford Group plc.');
    expect(within(group).getByRole('link', { name: 'Grumbleford Holdings Ltd' })).toHaveAttribute('href', '/accounts/hold');
    expect(within(group).getByRole('link', { name: 'Grumbleford Group plc' })).toHaveAttribute('href', '/accounts/plc');
    const below = within(group).getByRole('list', { name: '23 companies belong to it:' });
    expect(within(below).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Grumbleford Air Ltd', '/accounts/air'], ['Grumbleford Sea Ltd', '/accounts/sea'],
    ]);
    expect(within(group).getByText('and 21 more.')).toBeInTheDocument();
  });

  it('names the parent once when it heads the group', async () => {
    renderApp('/accounts/svc', [account('svc', 'Grumbleford Services Ltd'), ...panels('svc', accountGroupMock('svc', { parent: { id: 'plc', name: 'Grumbleford Group plc' } }))]);
    const group = await screen.findByRole('region', { name: 'Group of companies' });
    expect(within(group).getByText(/^Part of/)).toHaveTextContent(/^Part of Grumbleford Group plc\.$/);
    expect(within(group).queryByRole('list')).toBeNull();
  });

  it('shows nothing for an account in no group', async () => {
    renderApp('/accounts/solo', [account('solo', 'Solo Ltd'), ...accountPanelsMocks('solo')]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Solo Ltd' })).toBeInTheDocument();
    // The group's answer comes with the other panels': wait for one of them before saying nothing showed.
    await screen.findByRole('heading', { name: /Known to/ });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: 'Group of companies' })).toBeNull();
  });
});
