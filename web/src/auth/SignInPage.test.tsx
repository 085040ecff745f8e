import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { renderApp } from '../test/renderApp';
import { accountNode, accountsMock, ADMIN, apiError, type ColleagueFixture } from '../test/fixtures';
import { signInMutation } from './operations';

const PASSWORD = 'ourcustomer-demo';

function signInMock(email: string, password: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: signInMutation, variables: { email, password } }, result };
}

function signedIn(colleague: ColleagueFixture) {
  return { data: { signIn: { __typename: 'SignInPayload' as const, colleague } } };
}

async function signInWith(email: string, password: string) {
  await userEvent.type(await screen.findByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('has a titled page with labelled Email and Password, and the demo hint', () => {
    renderApp('/sign-in', [], { me: null });
    expect(screen.getByRole('main')).toContainElement(screen.getByRole('heading', { level: 1, name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('Email')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByText(/Demo install\? Sign in as admin@ourcompany\.example with the password ourcustomer-demo\./)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(document.title).toBe('Sign in · OurCustomer');
  });

  it('signs in and opens the page in ?next=, with the colleague in the header', async () => {
    const { router } = renderApp('/sign-in?next=%2Faccounts%2Fa1', [
      signInMock(ADMIN.email, PASSWORD, signedIn(ADMIN)),
      { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: null } } },
    ], { me: null });

    await signInWith(`  ${ADMIN.email} `, PASSWORD);

    expect(await screen.findByRole('heading', { level: 1, name: 'Account not found' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/accounts/a1');
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Ada Admin')).toBeInTheDocument();
    expect(within(banner).getByText('Exhibits')).toBeInTheDocument();
  });

  it('opens the accounts list when there is no ?next=', async () => {
    const { router } = renderApp('/sign-in', [
      signInMock(ADMIN.email, PASSWORD, signedIn(ADMIN)),
      accountsMock({}, [accountNode('a1', 'Acme Limited')]),
    ], { me: null });

    await signInWith(ADMIN.email, PASSWORD);

    expect(await screen.findByRole('link', { name: 'Acme Limited' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/accounts');
  });

  it('never follows ?next= to another site', async () => {
    const { router } = renderApp('/sign-in?next=%2F%2Fevil.example%2Fphish', [
      signInMock(ADMIN.email, PASSWORD, signedIn(ADMIN)),
      accountsMock({}, []),
    ], { me: null });

    await signInWith(ADMIN.email, PASSWORD);

    await waitFor(() => expect(router.state.location.pathname).toBe('/accounts'));
  });

  it('shows the server’s message for a wrong password, and stays on the page', async () => {
    const { router } = renderApp('/sign-in?next=%2Faccounts', [
      signInMock(ADMIN.email, 'wrong', apiError('UNAUTHENTICATED', 'Wrong email or password.')),
    ], { me: null });

    await signInWith(ADMIN.email, 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('?next=%2Faccounts');
    expect(screen.getByLabelText('Email')).toHaveValue(ADMIN.email);
  });

  // Found by exploratory testing: signing in, the button was disabled, which drops the keyboard focus to the page's body.
  it('keeps the focus on Sign in while it signs in, and after a wrong password', async () => {
    renderApp('/sign-in', [{ ...signInMock(ADMIN.email, 'wrong', apiError('UNAUTHENTICATED', 'Wrong email or password.')), delay: 300 }], { me: null });
    await signInWith(ADMIN.email, 'wrong');
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toBeEnabled();
    expect(button).toHaveFocus();
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(button).toHaveFocus();
  });

  it('shows the server’s message when there were too many failures', async () => {
    const message = 'Too many failed sign-ins: try again in 15 minutes.';
    renderApp('/sign-in', [signInMock(ADMIN.email, 'wrong', apiError('TOO_MANY_ATTEMPTS', message))], { me: null });

    await signInWith(ADMIN.email, 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent(message);
  });

  it('says so when the server cannot be reached', async () => {
    renderApp('/sign-in', [
      { request: { query: signInMutation, variables: { email: ADMIN.email, password: PASSWORD } }, error: new TypeError('Failed to fetch') },
    ], { me: null });

    await signInWith(ADMIN.email, PASSWORD);

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach OurCustomer');
  });

  it('offers single sign-on when the hub has it, keeping ?next=', async () => {
    renderApp('/sign-in?next=%2Faccounts%3Fsearch%3Dacme', [], { me: null, singleSignOn: true });
    const link = await screen.findByRole('link', { name: 'Sign in with single sign-on' });
    expect(link).toHaveAttribute('href', '/auth/oidc/start?next=%2Faccounts%3Fsearch%3Dacme');
  });

  it('has no single sign-on link when the hub has none', async () => {
    renderApp('/sign-in', [], { me: null });
    await screen.findByLabelText('Email');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Sign in with single sign-on' })).not.toBeInTheDocument());
  });

  it('shows why a single sign-on failed (?error= from the server)', async () => {
    renderApp('/sign-in?error=no-division', [], { me: null });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your account names no division of the hub; ask an admin to add you.');
  });

  // Found by exploratory testing: any text in ?error= was shown as the hub's word, so a link could make the sign-in
  // page say whatever its sender liked ("call the help desk at …").
  it('shows only its own words for ?error=: an unknown code gets the general message, never the text', async () => {
    const forged = 'Your password expired. Call the help desk at +1 555 0100 to reset it.';
    renderApp(`/sign-in?error=${encodeURIComponent(forged)}`, [], { me: null });
    expect(await screen.findByRole('alert')).toHaveTextContent('Single sign-on failed; please try again or sign in with your password.');
    expect(screen.queryByText(/help desk/)).not.toBeInTheDocument();
  });
});
