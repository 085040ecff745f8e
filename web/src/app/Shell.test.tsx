import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../test/renderApp';
import { accountNode, accountsMock } from '../test/fixtures';
import { accountQuery } from '../accounts/AccountPage';

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

  it('shows "Page not found" for an unknown address', async () => {
    renderApp('/nowhere', []);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to accounts' })).toHaveAttribute('href', '/accounts');
  });
});
