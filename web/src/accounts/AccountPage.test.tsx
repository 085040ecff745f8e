import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { renderApp } from '../test/renderApp';
import { accountNode, accountPanelsMocks, accountsMock, accountsResult, EXHIBITS, LOGISTICS, PRINT } from '../test/fixtures';
import { PARENT_CANDIDATES } from '../identity/components/SetParentForm';
import { setAccountParentMutation } from '../identity/operations';
import { accountsQuery } from './components/AccountsResults';
import { unwatchAccountMutation, watchAccountMutation } from '../notices/operations';
import { accountQuery } from './AccountPage';

function accountMock(id: string, account: Record<string, unknown> | null): MockLink.MockedResponse {
  return { request: { query: accountQuery, variables: { id } }, result: { data: { account } } };
}

const ACME = {
  __typename: 'Account',
  id: 'a1',
  name: 'Acme Limited',
  lifecycleStage: 'RENEWAL',
  industry: 'Healthcare',
  domains: ['acme.com', 'acme.co.uk'],
  watchedByMe: false,
  ownedByMe: false,
  divisions: [LOGISTICS, PRINT],
  knownAs: [
    { __typename: 'DivisionName', name: 'ACME LTD', division: LOGISTICS },
    { __typename: 'DivisionName', name: 'Acme (UK) Limited', division: PRINT },
    { __typename: 'DivisionName', name: 'Acme Print Services', division: PRINT },
  ],
};

describe('AccountPage', () => {
  it('shows the account, and how each division that knows it names it', async () => {
    // The gate asks who is signed in first; then the page loads the account, which takes a moment.
    renderApp('/accounts/a1', [{ ...accountMock('a1', ACME), delay: 50 }, ...accountPanelsMocks('a1')]);
    // Found is the check: on a busy machine the data may replace it before a later assertion could run.
    await screen.findByText('Loading the account…');

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Limited' })).toBeInTheDocument();
    expect(document.title).toBe('Acme Limited · OurCustomer');
    expect(screen.getByText('Renewal')).toBeInTheDocument();
    expect(screen.getByText('Healthcare')).toBeInTheDocument();
    expect(screen.getByText('acme.com')).toBeInTheDocument();
    expect(screen.getByText('acme.co.uk')).toBeInTheDocument();

    const knownTo = screen.getByRole('region', { name: 'Known to 2 divisions' });
    expect(within(knownTo).getByRole('heading', { level: 2 })).toHaveTextContent('Known to 2 divisions');
    const rows = within(knownTo).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Logistics', 'Print']);
    expect(within(rows[0]).getByRole('cell')).toHaveTextContent('ACME LTD');
    expect(within(rows[1]).getByRole('cell')).toHaveTextContent('Acme (UK) Limited, Acme Print Services');

    expect(screen.getByRole('link', { name: '← All accounts' })).toHaveAttribute('href', '/accounts');
  });

  it('says "1 division" for an account known to one division', async () => {
    renderApp('/accounts/a2', [
      accountMock('a2', { ...ACME, id: 'a2', name: 'Initech', divisions: [EXHIBITS], knownAs: [{ __typename: 'DivisionName', name: 'INITECH', division: EXHIBITS }] }),
      ...accountPanelsMocks('a2'),
    ]);
    expect(await screen.findByRole('heading', { level: 2, name: 'Known to 1 division' })).toBeInTheDocument();
  });

  // Found by exploratory testing: an old link to an account merged since showed the survivor under it, without a word.
  it('says when the account a link names was merged into the one it shows, and links to its own page', async () => {
    renderApp('/accounts/merged-away', [accountMock('merged-away', ACME), ...accountPanelsMocks('a1')]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Limited' })).toBeInTheDocument();
    expect(screen.getByText(/The account this link named was merged into Acme Limited: this is it now\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open its own page' })).toHaveAttribute('href', '/accounts/a1');
  });

  it('says nothing of a merge when the account is the one the link names', async () => {
    renderApp('/accounts/a1', [accountMock('a1', ACME), ...accountPanelsMocks('a1')]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Limited' })).toBeInTheDocument();
    expect(screen.queryByText(/was merged into/)).toBeNull();
  });

  // Found by exploratory testing: the id in upper case told of a merge that never was.
  it('says nothing of a merge when the link names the account in upper case', async () => {
    const id = '3f2b8c1e-7d4a-4e8b-9c1d-2a5e6f7b8c9d';
    renderApp(`/accounts/${id.toUpperCase()}`, [accountMock(id.toUpperCase(), { ...ACME, id }), ...accountPanelsMocks(id)]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Limited' })).toBeInTheDocument();
    expect(screen.queryByText(/was merged into/)).toBeNull();
  });

  it('says when there is no such account', async () => {
    renderApp('/accounts/missing', [accountMock('missing', null)]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Account not found' })).toBeInTheDocument();
    expect(document.title).toBe('Account not found · OurCustomer');
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('goes back to the accounts list', async () => {
    const { router } = renderApp('/accounts/missing', [accountMock('missing', null), accountsMock({}, [accountNode('a3', 'Initech')])]);
    await userEvent.click(await screen.findByRole('link', { name: '← All accounts' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/accounts');
    expect(await screen.findByRole('link', { name: 'Initech' })).toBeInTheDocument();
  });

  it('shows who else is talking, the activity, the stakeholders and the timeline, each saying when there is nothing yet', async () => {
    renderApp('/accounts/a1', [accountMock('a1', ACME), ...accountPanelsMocks('a1')]);
    await screen.findByRole('heading', { level: 1, name: 'Acme Limited' });
    const names = ['Who else is talking', 'Activity by month', 'Stakeholders', 'Timeline'];
    for (const name of names) expect(screen.getByRole('region', { name })).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Who else is talking' })).findByText('Nobody yet')).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Activity by month' })).findByText('No activity in the last two years')).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Stakeholders' })).findByText('No stakeholders yet')).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Timeline' })).findByText('No touchpoints yet')).toBeInTheDocument();
    // The timeline comes last: it scrolls on.
    const regions = screen.getAllByRole('region').map((r) => r.getAttribute('aria-labelledby') && document.getElementById(r.getAttribute('aria-labelledby')!)?.textContent);
    expect(regions[regions.length - 1]).toBe('Timeline');
  });

  it('watches the account from its header, and stops', async () => {
    const payload = (watching: boolean) => ({
      __typename: 'WatchAccountPayload',
      watching,
      owner: false,
      account: { __typename: 'Account', id: 'a1', watchedByMe: watching, ownedByMe: false },
    });
    renderApp('/accounts/a1', [
      accountMock('a1', ACME),
      ...accountPanelsMocks('a1'),
      { request: { query: watchAccountMutation, variables: { input: { accountId: 'a1' } } }, result: { data: { watchAccount: payload(true) } } },
      { request: { query: unwatchAccountMutation, variables: { input: { accountId: 'a1' } } }, result: { data: { unwatchAccount: payload(false) } } },
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Watch this account' }));
    expect(await screen.findByRole('button', { name: 'Stop watching' })).toBeInTheDocument();
    expect(screen.getByText('You hear when other divisions touch it, and when it goes silent.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop watching' }));
    expect(await screen.findByRole('button', { name: 'Watch this account' })).toBeInTheDocument();
  });

  // Found by exploratory testing: busy, the button was disabled, which drops the keyboard focus to the page's body.
  it('keeps the focus on the watch button while it is busy, and after', async () => {
    renderApp('/accounts/a1', [
      accountMock('a1', ACME),
      ...accountPanelsMocks('a1'),
      {
        request: { query: watchAccountMutation, variables: { input: { accountId: 'a1' } } },
        delay: 300,
        result: { data: { watchAccount: { __typename: 'WatchAccountPayload', watching: true, owner: false, account: { __typename: 'Account', id: 'a1', watchedByMe: true, ownedByMe: false } } } },
      },
    ]);
    const button = await screen.findByRole('button', { name: 'Watch this account' });
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toBeEnabled();
    expect(button).toHaveFocus();
    expect(await screen.findByRole('button', { name: 'Stop watching' })).toHaveFocus();
  });

  // Found by exploratory testing: with the server down it said "Could not change watching: Failed to fetch".
  it('says the hub could not be reached when watching fails for want of a connection', async () => {
    renderApp('/accounts/a1', [
      accountMock('a1', ACME),
      ...accountPanelsMocks('a1'),
      { request: { query: watchAccountMutation, variables: { input: { accountId: 'a1' } } }, error: new TypeError('Failed to fetch') },
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Watch this account' }));
    expect(await screen.findByText(/Could not change watching: Could not reach OurCustomer/)).toBeInTheDocument();
    expect(screen.queryByText(/Failed to fetch/)).not.toBeInTheDocument();
  });

  it('tells an owner they hear about the account either way', async () => {
    renderApp('/accounts/a1', [accountMock('a1', { ...ACME, ownedByMe: true, watchedByMe: true }), ...accountPanelsMocks('a1')]);
    expect(await screen.findByText('You own this account in your division: you hear about it either way.')).toBeInTheDocument();
  });

  // Found by exploratory testing: a page open in another tab went on showing, and acting on, an account merged away since.
  describe('an account merged into another while its page is open', () => {
    const ACME_LTD = { ...ACME, id: 'a-old', name: 'Acme Ltd' };
    /** The old id answers as itself first, then (merged meanwhile) as the survivor it was merged into. */
    const beforeAndAfter = (): MockLink.MockedResponse[] => [accountMock('a-old', ACME_LTD), accountMock('a-old', ACME)];
    const merged = async () => {
      const alert = await screen.findByRole('alert', { name: 'Merged' });
      expect(alert).toHaveTextContent('This account (Acme Ltd) was merged into Acme Limited: the page now shows Acme Limited.');
      expect(within(alert).getByRole('link', { name: 'Open its own page' })).toHaveAttribute('href', '/accounts/a1');
      expect(screen.getByRole('heading', { level: 1, name: 'Acme Limited' })).toBeInTheDocument();
    };

    it('notices it when the page is looked at again', async () => {
      renderApp('/accounts/a-old', [...beforeAndAfter(), ...accountPanelsMocks('a-old'), ...accountPanelsMocks('a1')]);
      expect(await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' })).toBeInTheDocument();
      expect(screen.queryByText(/was merged into/)).toBeNull();
      act(() => {
        window.dispatchEvent(new Event('focus'));
      });
      await merged();
    });

    it('notices it when a change is refused because the account is gone, and says so rather than act on it', async () => {
      const refusal = 'Account a-old (input.accountId) was merged into a1; use that account.';
      renderApp('/accounts/a-old', [
        ...beforeAndAfter(), ...accountPanelsMocks('a-old'), ...accountPanelsMocks('a1'),
        { request: { query: accountsQuery, variables: { search: 'globex', first: PARENT_CANDIDATES + 2 } }, result: accountsResult([accountNode('g1', 'Globex')]) },
        {
          request: { query: setAccountParentMutation, variables: { input: { accountId: 'a-old', parentId: 'g1', reason: 'Part of Globex' } } },
          result: { errors: [{ message: refusal, extensions: { code: 'CONFLICT', mergedIntoId: 'a1' } }], data: null },
        },
      ]);
      expect(await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' })).toBeInTheDocument();
      const group = await screen.findByRole('region', { name: 'Group of companies' });
      await userEvent.click(within(group).getByRole('button', { name: 'Set a parent' }));
      await userEvent.type(within(group).getByLabelText('Find the parent company by name'), 'globex{Enter}');
      await userEvent.click(await within(group).findByRole('radio', { name: 'Globex' }));
      await userEvent.type(within(group).getByRole('textbox', { name: /^Reason/ }), 'Part of Globex');
      await userEvent.click(within(group).getByRole('button', { name: 'Put Acme Ltd under Globex' }));
      await merged();
    });

    // Found in the team's notes: watching a merged-away account watched its survivor without a word; the server now refuses it.
    it('says so when watching it is refused, with a link to the account it was merged into, and watches nothing', async () => {
      const refusal = 'Account a-old (input.accountId) was merged into a1; use that account.';
      renderApp('/accounts/a-old', [
        ...beforeAndAfter(), ...accountPanelsMocks('a-old'), ...accountPanelsMocks('a1'),
        {
          request: { query: watchAccountMutation, variables: { input: { accountId: 'a-old' } } },
          result: { errors: [{ message: refusal, extensions: { code: 'CONFLICT', mergedIntoId: 'a1', argument: 'input.accountId' } }], data: null },
        },
      ]);
      expect(await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' })).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Watch this account' }));
      await merged();
      const told = await screen.findByText(/^Could not change watching:/);
      expect(told).toHaveTextContent(`Could not change watching: ${refusal} Open the account it was merged into`);
      expect(within(told).getByRole('link', { name: 'Open the account it was merged into' })).toHaveAttribute('href', '/accounts/a1');
      // The survivor is not watched behind the reader's back: its button still offers to.
      expect(screen.getByRole('button', { name: 'Watch this account' })).toBeInTheDocument();
    });
  });
});
