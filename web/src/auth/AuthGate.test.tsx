import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { accountsQuery, ACCOUNTS_PAGE_SIZE } from '../accounts/components/AccountsResults';
import { renderApp } from '../test/renderApp';
import { accountNode, accountsMock, ADMIN, apiError, meMock } from '../test/fixtures';
import { signOutMutation } from './operations';
import { draftKey, markSessionEnded, readDraft, sessionHasEnded, writeDraft } from './keptDrafts';

const signedOut = { data: { signOut: { __typename: 'SignOutPayload' as const, signedOut: true } } };

describe('AuthGate', () => {
  it('sends an anonymous visitor to /sign-in?next=<the page asked for>', async () => {
    const { router } = renderApp('/accounts?search=acme', [], { me: null });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/accounts?search=acme');
    expect(screen.queryByRole('banner')).not.toBeInTheDocument();
  });

  it('sends the colleague to sign in when the session ends (any UNAUTHENTICATED error)', async () => {
    const { router } = renderApp('/accounts', [
      {
        request: { query: accountsQuery, variables: { search: null, first: ACCOUNTS_PAGE_SIZE } },
        result: apiError('UNAUTHENTICATED', 'Sign in first.'),
      },
    ]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/accounts');
  });
});

describe('AuthGate: what was typed when the session ended', () => {
  it('says on the sign-in page that the session ended, only when it did', async () => {
    renderApp('/accounts', [], { me: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByText('Your session ended')).not.toBeInTheDocument();
  });

  it('keeps the drafts of the colleague who signs in again, and drops any other colleague\'s', async () => {
    writeDraft(draftKey(ADMIN.id, 'match-review:r1'), 'Same VAT number');
    writeDraft(draftKey('c-someone-else', 'match-review:r1'), 'Not for the next colleague');
    markSessionEnded();
    renderApp('/accounts', [accountsMock({}, [])]);

    await screen.findByRole('banner');
    await waitFor(() => expect(sessionHasEnded()).toBe(false));
    expect(readDraft(draftKey(ADMIN.id, 'match-review:r1'))).toBe('Same VAT number');
    expect(readDraft(draftKey('c-someone-else', 'match-review:r1'))).toBeUndefined();
  });
});

describe('Header: signed-in colleague and sign out', () => {
  it('shows who is signed in; "Sign out" ends the session, forgets the cache and opens the sign-in page', async () => {
    let signOutCalls = 0;
    const { router } = renderApp('/accounts', [
      accountsMock({}, [accountNode('a1', 'Acme Limited')]),
      {
        request: { query: signOutMutation },
        result: () => {
          signOutCalls += 1;
          return signedOut;
        },
      },
      // After sign-out nothing is cached: the gate has to ask again, and nobody is signed in.
      meMock(null),
    ]);

    const banner = await screen.findByRole('banner');
    expect(within(banner).getByText('Ada Admin')).toBeInTheDocument();
    expect(within(banner).getByText('Exhibits')).toBeInTheDocument();
    await screen.findByRole('link', { name: 'Acme Limited' });

    await userEvent.click(within(banner).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(signOutCalls).toBe(1);
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');

    // Back to the list: the cached colleague and accounts are gone, so the gate asks the server again.
    await act(() => router.navigate('/accounts'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(screen.queryByText('Acme Limited')).not.toBeInTheDocument();
  });

  it('stays and says so when signing out fails', async () => {
    const { router } = renderApp('/accounts', [
      accountsMock({}, []),
      { request: { query: signOutMutation }, error: new TypeError('Failed to fetch') },
    ]);

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not sign out');
    expect(router.state.location.pathname).toBe('/accounts');
  });
});
