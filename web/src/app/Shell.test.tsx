import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../test/renderApp';
import { accountNode, accountsMock } from '../test/fixtures';
import { accountQuery } from '../accounts/AccountPage';
import { decidedMatchReviewsQuery, matchReviewsQuery } from '../identity/operations';
import { DECIDED_REVIEWS_PAGE_SIZE } from '../identity/components/DecidedReviewHistory';
import { MATCH_REVIEWS_PAGE_SIZE } from '../identity/MatchReviewsPage';
import { EXHIBITS } from '../test/fixtures';

const noReviews = {
  request: { query: matchReviewsQuery, variables: { first: MATCH_REVIEWS_PAGE_SIZE } },
  result: { data: {
    divisions: [{ __typename: 'Division', id: EXHIBITS.id, name: EXHIBITS.name }],
    matchReviews: { __typename: 'MatchReviewConnection', totalCount: 0, edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } },
  } },
};
const noneDecided = {
  request: { query: decidedMatchReviewsQuery, variables: { first: DECIDED_REVIEWS_PAGE_SIZE } },
  result: { data: { ...noReviews.result.data } },
};

describe('Shell', () => {
  it('has the product name, the main navigation, a labelled search and the page in main', async () => {
    renderApp('/accounts', [accountsMock({}, [accountNode('a1', 'Acme Limited')])]);

    const banner = await screen.findByRole('banner');
    expect(within(banner).getByRole('link', { name: 'OurCustomer' })).toHaveAttribute('href', '/');
    const nav = within(banner).getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Accounts' })).toHaveAttribute('aria-current', 'page');
    expect(within(banner).getByRole('search')).toContainElement(screen.getByRole('searchbox', { name: 'Search accounts' }));

    const main = screen.getByRole('main');
    expect(within(main).getByRole('heading', { level: 1, name: 'Accounts' })).toBeInTheDocument();
    expect(await within(main).findByRole('link', { name: 'Acme Limited' })).toBeInTheDocument();
  });

  it('searches from any page: Enter shows /accounts?search=…', async () => {
    const { router } = renderApp('/accounts/a1', [
      { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: null } } },
      accountsMock({ search: 'acme corp' }, [accountNode('a1', 'Acme Corporation')]),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Account not found' });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search accounts' }), '  acme corp {Enter}');

    expect(router.state.location.pathname).toBe('/accounts');
    expect(new URLSearchParams(router.state.location.search).get('search')).toBe('acme corp');
    expect(await screen.findByRole('link', { name: 'Acme Corporation' })).toBeInTheDocument();
  });

  it('moves the focus to the new page\'s h1 after choosing a page, not on the first load nor when only the query string changes', async () => {
    const { router } = renderApp('/accounts', [accountsMock({}, [accountNode('a1', 'Acme Limited')]), noReviews, noneDecided]);
    const first = await screen.findByRole('heading', { level: 1, name: 'Accounts' });
    expect(first).not.toHaveFocus();
    const manage = within(screen.getByRole('banner')).getByRole('button', { name: 'Manage' });
    await userEvent.click(manage);
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Match reviews' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Match reviews' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(heading).toHaveAttribute('tabindex', '-1');
    expect(manage).not.toHaveFocus();

    // A tab of the same page (?view=decided): the focus stays on the tab.
    const decided = await screen.findByRole('tab', { name: 'Decided' });
    await userEvent.click(decided);
    expect(router.state.location.search).toBe('?view=decided');
    expect(await screen.findByText('Nothing decided yet')).toBeInTheDocument();
    expect(decided).toHaveFocus();
  });

  it('shows "Page not found" for an unknown address', async () => {
    renderApp('/nowhere', []);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to accounts' })).toHaveAttribute('href', '/accounts');
  });
});
