import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { SEARCH_DEBOUNCE_MS } from '../app/HeaderSearch';
import type { AccountsQueryVariables } from '../gql/graphql';
import { renderApp } from '../test/renderApp';
import { accountNode, accountsMock, accountsResult, EXHIBITS, LOGISTICS, PRINT } from '../test/fixtures';
import { accountsQuery } from './components/AccountsResults';

const ACME = accountNode('a1', 'Acme Limited', { lifecycleStage: 'AT_RISK', industry: 'Healthcare', divisions: [LOGISTICS, PRINT] });
const GLOBEX = accountNode('a2', 'Globex Corporation', { lifecycleStage: 'PROSPECT', industry: null, divisions: [] });
const INITECH = accountNode('a3', 'Initech', { divisions: [EXHIBITS] });
const UMBRELLA = accountNode('a4', 'Umbrella plc', { lifecycleStage: 'CHURNED', divisions: [EXHIBITS, LOGISTICS] });

/** The body rows of the accounts table. */
function rows() {
  return within(screen.getByRole('table')).getAllByRole('row').slice(1);
}

/** The body rows, once the table shows. */
async function accountRows() {
  await screen.findByRole('table');
  return rows();
}

describe('AccountsPage', () => {
  afterEach(() => {
    jest.useRealTimers();
    delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
  });

  it('lists accounts with their stage, industry and the divisions that know them', async () => {
    // The gate asks who is signed in first; then the page loads the list, which takes a moment.
    renderApp('/accounts', [{ ...accountsMock({}, [ACME, GLOBEX]), delay: 50 }]);

    // Found is the check: on a busy machine the data may replace it before a later assertion could run.
    await screen.findByText('Loading accounts…');
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeInTheDocument();

    const rows = await accountRows();
    expect(rows).toHaveLength(2);

    const acme = within(rows[0]);
    expect(acme.getByRole('link', { name: 'Acme Limited' })).toHaveAttribute('href', '/accounts/a1');
    expect(acme.getByText('At risk')).toBeInTheDocument();
    expect(acme.getByText('Healthcare')).toBeInTheDocument();
    const divisions = acme.getByRole('list', { name: 'Divisions' });
    expect(within(divisions).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Logistics', 'Print']);

    const globex = within(rows[1]);
    expect(globex.getByRole('link', { name: 'Globex Corporation' })).toHaveAttribute('href', '/accounts/a2');
    expect(globex.getByText('Prospect')).toBeInTheDocument();
    expect(globex.queryByRole('list', { name: 'Divisions' })).not.toBeInTheDocument();
    expect(globex.getAllByText('not set')).toHaveLength(2); // no industry, no division

    expect(screen.queryByRole('button', { name: /load more/i })).not.toBeInTheDocument();
    expect(document.title).toBe('Accounts · OurCustomer');
  });

  it('searches as you type, once typing pauses, and keeps the term in the URL', async () => {
    jest.useFakeTimers();
    const requested: AccountsQueryVariables[] = [];
    const anySearch: MockLink.MockedResponse = {
      request: { query: accountsQuery, variables: () => true },
      maxUsageCount: Number.POSITIVE_INFINITY,
      result: (variables: AccountsQueryVariables) => {
        requested.push(variables);
        return accountsResult(variables.search === 'acme' ? [ACME] : [ACME, GLOBEX, INITECH]);
      },
    };
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    const { router } = renderApp('/accounts', [anySearch]);
    expect(await accountRows()).toHaveLength(3);

    const box = screen.getByRole('searchbox', { name: 'Search accounts' });
    await user.type(box, 'acme');
    // Typing has only just stopped: no search yet.
    expect(router.state.location.search).toBe('');
    await act(() => jest.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 50));
    expect(router.state.location.search).toBe('');

    await act(() => jest.advanceTimersByTimeAsync(100));
    expect(router.state.location.pathname).toBe('/accounts');
    expect(router.state.location.search).toBe('?search=acme');

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole('link', { name: 'Acme Limited' })).toBeInTheDocument();
    expect(screen.getByText('Matching “acme”')).toBeInTheDocument();
    // One request for the list, one for the whole term: none per keystroke.
    expect(requested.map((variables) => variables.search)).toEqual([null, 'acme']);
    expect(requested[1]).toEqual({ search: 'acme', first: 20 });
  });

  it('starts from the search term in the URL', async () => {
    renderApp('/accounts?search=acme', [accountsMock({ search: 'acme' }, [ACME])]);
    expect(await accountRows()).toHaveLength(1);
    expect(screen.getByRole('searchbox', { name: 'Search accounts' })).toHaveValue('acme');
    expect(document.title).toBe('Accounts matching “acme” · OurCustomer');
  });

  it('loads the next page after the last cursor with "Load more", keeping the first page', async () => {
    renderApp('/accounts', [
      accountsMock({}, [ACME, GLOBEX], { hasNextPage: true, totalCount: 4 }),
      accountsMock({ after: 'cursor-a2' }, [INITECH, UMBRELLA], { hasNextPage: false, totalCount: 4 }),
    ]);
    expect(await accountRows()).toHaveLength(2);
    expect(screen.getByText('Showing 2 of 4 accounts')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more accounts' }));

    await waitFor(() => expect(rows()).toHaveLength(4));
    const names = rows().map((row) => within(row).getByRole('link').textContent);
    expect(names).toEqual(['Acme Limited', 'Globex Corporation', 'Initech', 'Umbrella plc']);
    expect(screen.getByText('4 accounts')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more accounts' })).not.toBeInTheDocument();
  });

  it('loads the next page by itself when the end of the list scrolls into view', async () => {
    const observers: { callback: IntersectionObserverCallback; elements: Element[] }[] = [];
    class FakeIntersectionObserver {
      elements: Element[] = [];
      constructor(public callback: IntersectionObserverCallback) {
        observers.push(this);
      }
      observe(element: Element) {
        this.elements.push(element);
      }
      disconnect() {
        observers.splice(observers.indexOf(this), 1);
      }
    }
    (window as { IntersectionObserver?: unknown }).IntersectionObserver = FakeIntersectionObserver;

    renderApp('/accounts', [
      accountsMock({}, [ACME, GLOBEX], { hasNextPage: true }),
      accountsMock({ after: 'cursor-a2' }, [INITECH], { hasNextPage: false }),
    ]);
    expect(await accountRows()).toHaveLength(2);
    expect(screen.getByText('Showing the first 2 accounts')).toBeInTheDocument();
    expect(observers).toHaveLength(1);
    expect(observers[0].elements[0]).toContainElement(screen.getByRole('button', { name: 'Load more accounts' }));

    act(() => {
      const observer = observers[0];
      observer.callback([{ isIntersecting: true, target: observer.elements[0] } as IntersectionObserverEntry], observer as unknown as IntersectionObserver);
    });

    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByRole('link', { name: 'Initech' })).toBeInTheDocument();
    expect(observers).toHaveLength(0);
  });

  it('says so when no account matches the search', async () => {
    renderApp('/accounts?search=zzz', [accountsMock({ search: 'zzz' }, [])]);
    expect(await screen.findByText('No account matches “zzz”')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  // Found by exploratory testing: with the server down it said "Failed to fetch", and offered no way to try again.
  it('says the hub could not be reached when the accounts cannot be loaded, and tries again', async () => {
    renderApp('/accounts', [
      { request: { query: accountsQuery, variables: { search: null, first: 20 } }, error: new TypeError('Failed to fetch') },
      accountsMock({}, [INITECH]),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load accounts');
    expect(alert).toHaveTextContent('Could not reach OurCustomer. Check your connection and try again.');
    expect(alert).not.toHaveTextContent('Failed to fetch');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Initech' })).toBeInTheDocument();
  });

  it('says in the header search that it takes at most 200 characters', async () => {
    renderApp('/accounts', [accountsMock({}, [INITECH])]);
    expect(await screen.findByRole('searchbox', { name: 'Search accounts' })).toHaveAttribute('maxlength', '200');
  });

  it('lists accounts at the home page too', async () => {
    renderApp('/', [accountsMock({}, [INITECH])]);
    expect(await screen.findByRole('link', { name: 'Initech' })).toHaveAttribute('href', '/accounts/a3');
  });
});
