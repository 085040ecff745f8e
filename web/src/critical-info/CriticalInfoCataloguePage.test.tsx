import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { renderApp } from '../test/renderApp';
import { ADMIN, apiError, EXHIBITS, LOGISTICS } from '../test/fixtures';
import { signInMutation } from '../auth/operations';
import { criticalInfoCatalogueQuery, retireCriticalInfoFieldMutation, updateCriticalInfoFieldMutation } from './operations';

function field(id: string, key: string, label: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'CriticalInfoField' as const, id, key, label, type: 'TEXT' as const, options: [], whyCritical: `Why ${label} matters.`, howItHelps: 'It helps.',
    requiredInStages: ['ACTIVE' as const], stalenessDays: 365, position: 10, retired: false, retiredAt: null, reliedOnBy: [], ...fields,
  };
}

const TERMS = field('f-terms', 'payment_terms', 'Payment terms', { position: 10 });
const RENEWAL = field('f-renewal', 'contract_renewal_date', 'Contract renewal date', { type: 'DATE', position: 20 });

const catalogueMock: MockLink.MockedResponse = {
  request: { query: criticalInfoCatalogueQuery },
  result: { data: { criticalInfoFields: [TERMS, RENEWAL], divisions: [EXHIBITS, LOGISTICS].map((d) => ({ __typename: 'Division', id: d.id, name: d.name })) } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

async function catalogue(mocks: MockLink.MockedResponse[] = []) {
  renderApp('/admin/critical-info', [catalogueMock, ...mocks]);
  return screen.findByRole('row', { name: /Payment terms/ });
}

describe('Critical-info catalogue', () => {
  // Found by exploratory testing: "New field" went when pressed, and Cancel went with the form: each time the focus fell to the
  // page's body. And a row's Edit opened the form at the top of the page, far above the button, and the focus stayed below.
  it.each([
    ['a new field', 'New field', 'New field', /^Key/],
    ['the field to edit', 'Edit Contract renewal date', 'Edit “Contract renewal date”', /^Label/],
  ])('moves the focus into the form of %s, and back to its opener on Cancel', async (_what, opener, formName, firstField) => {
    await catalogue();
    await userEvent.click(screen.getByRole('button', { name: opener }));
    const form = screen.getByRole('form', { name: formName });
    expect(within(form).getByRole('textbox', { name: firstField })).toHaveFocus();
    await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: formName })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: opener })).toHaveFocus();
  });

  it('keeps what was typed in a field\'s form when the session ends, and shows it when the form opens again after signing in', async () => {
    const why = 'Why Payment terms matters. Late payers cost us a quarter of our margin.';
    const input = {
      id: 'f-terms', label: 'Payment terms', whyCritical: why, howItHelps: 'It helps.', options: [], requiredInStages: ['ACTIVE'],
      stalenessDays: 365, divisionIds: [], position: 10,
    };
    await catalogue([
      { request: { query: updateCriticalInfoFieldMutation, variables: { input } }, result: apiError('UNAUTHENTICATED', 'Sign in first.') },
      { request: { query: signInMutation, variables: { email: ADMIN.email, password: 'ourcustomer-demo' } }, result: { data: { signIn: { __typename: 'SignInPayload', colleague: ADMIN } } } },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Payment terms' }));
    await userEvent.type(within(screen.getByRole('form', { name: 'Edit “Payment terms”' })).getByRole('textbox', { name: /^Why it is critical/ }), ' Late payers cost us a quarter of our margin.');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await userEvent.type(screen.getByLabelText('Email'), ADMIN.email);
    await userEvent.type(screen.getByLabelText('Password'), 'ourcustomer-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await userEvent.click(await screen.findByRole('button', { name: 'Edit Payment terms' }));
    const form = screen.getByRole('form', { name: 'Edit “Payment terms”' });
    expect(within(form).getByRole('status')).toHaveTextContent('What you typed was kept');
    expect(within(form).getByRole('textbox', { name: /^Why it is critical/ })).toHaveValue(why);
    await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Edit Payment terms' }));
    expect(within(screen.getByRole('form', { name: 'Edit “Payment terms”' })).getByRole('textbox', { name: /^Why it is critical/ })).toHaveValue('Why Payment terms matters.');
  });

  // Found by exploratory testing: clearing the box put 1 in it at once, so typing 30 gave 301.
  it('lets "Fresh for (days)" be cleared and typed again, and checks it on save', async () => {
    const input = {
      id: 'f-terms', label: 'Payment terms', whyCritical: 'Why Payment terms matters.', howItHelps: 'It helps.', options: [], requiredInStages: ['ACTIVE'],
      stalenessDays: 30, divisionIds: [], position: 10,
    };
    await catalogue([{
      request: { query: updateCriticalInfoFieldMutation, variables: { input } },
      result: { data: { updateCriticalInfoField: { __typename: 'UpdateCriticalInfoFieldPayload', field: { ...TERMS, stalenessDays: 30 } } } },
    }]);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Payment terms' }));
    const form = screen.getByRole('form', { name: 'Edit “Payment terms”' });
    const freshFor = within(form).getByRole('textbox', { name: /^Fresh for \(days\)/ });
    await userEvent.clear(freshFor);
    expect(freshFor).toHaveValue('');
    await userEvent.type(freshFor, '30');
    expect(freshFor).toHaveValue('30');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('30 days')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Edit “Payment terms”' })).not.toBeInTheDocument();
  });

  it('does not save "Fresh for (days)" left empty, and says what it takes', async () => {
    await catalogue();
    await userEvent.click(screen.getByRole('button', { name: 'Edit Payment terms' }));
    const form = screen.getByRole('form', { name: 'Edit “Payment terms”' });
    const freshFor = within(form).getByRole('textbox', { name: /^Fresh for \(days\)/ });
    await userEvent.clear(freshFor);
    fireEvent.submit(form);
    expect(await within(form).findByText('A whole number of days from 1 to 3650')).toBeInTheDocument();
    expect(freshFor).toHaveAccessibleDescription(/A whole number of days from 1 to 3650/);
  });

  // Found by exploratory testing: busy, the button was disabled, which drops the keyboard focus to the page's body.
  it('keeps the focus on Retire while the field is retired', async () => {
    await catalogue([{
      request: { query: retireCriticalInfoFieldMutation, variables: { id: 'f-terms' } },
      delay: 300,
      result: { data: { retireCriticalInfoField: { __typename: 'RetireCriticalInfoFieldPayload', field: { ...TERMS, retired: true, retiredAt: '2026-11-25T09:00:00.000Z' } } } },
    }]);
    const retire = screen.getByRole('button', { name: 'Retire Payment terms' });
    await userEvent.click(retire);
    expect(retire).toHaveAttribute('aria-disabled', 'true');
    expect(retire).toBeEnabled();
    expect(retire).toHaveFocus();
    const restore = await screen.findByRole('button', { name: 'Restore Payment terms' });
    expect(restore).toHaveFocus();
    expect(within(screen.getByRole('row', { name: /Payment terms/ })).getByText('Retired')).toBeInTheDocument();
  });

  // Found by exploratory testing: "1.5" reached the API and came back as GraphQL's raw refusal; a one-day field read "1 days".
  it('takes only a whole position, and says "1 day"', async () => {
    await catalogue([{
      request: { query: updateCriticalInfoFieldMutation, variables: { input: {
        id: 'f-terms', label: 'Payment terms', whyCritical: 'Why Payment terms matters.', howItHelps: 'It helps.', options: [], requiredInStages: ['ACTIVE'],
        stalenessDays: 1, divisionIds: [], position: 15,
      } } },
      result: { data: { updateCriticalInfoField: { __typename: 'UpdateCriticalInfoFieldPayload', field: { ...TERMS, stalenessDays: 1, position: 15 } } } },
    }]);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Payment terms' }));
    const form = screen.getByRole('form', { name: 'Edit “Payment terms”' });
    const position = within(form).getByRole('textbox', { name: /^Position/ });
    await userEvent.clear(position);
    await userEvent.type(position, '1.5');
    expect(position).toHaveValue('15');
    const freshFor = within(form).getByRole('textbox', { name: /^Fresh for \(days\)/ });
    await userEvent.clear(freshFor);
    await userEvent.type(freshFor, '1');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('1 day')).toBeInTheDocument();
  });
});
