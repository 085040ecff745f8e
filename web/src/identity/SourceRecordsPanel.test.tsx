import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountsQuery } from '../accounts/components/AccountsResults';
import { renderApp } from '../test/renderApp';
import { signInMutation } from '../auth/operations';
import { accountNode, accountPanelsMocks, ADMIN, apiError, accountsResult, colleague, EXHIBITS, LOGISTICS, PRINT, sourceRecordNode, sourceRecordsMock } from '../test/fixtures';
import { MERGE_CANDIDATES } from './components/MergeForm';
import { mergeAccountsMutation, splitAccountMutation } from './operations';

const ACME = {
  __typename: 'Account', id: 'a1', name: 'Acme Limited', lifecycleStage: 'ACTIVE', industry: null, domains: [], watchedByMe: false, ownedByMe: false,
  divisions: [LOGISTICS, PRINT], knownAs: [],
};
const accountMock: MockLink.MockedResponse = { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: ACME } }, maxUsageCount: Number.POSITIVE_INFINITY };

const FIRST = sourceRecordNode('acme-1', 'ACME LTD');
const LINKED = sourceRecordNode('p-9', 'Acme Print Services', {
  divisionId: PRINT.id, sourceSystem: 'printshop', version: 3,
  link: {
    __typename: 'SourceRecordLink', status: 'AUTO', score: 12.5, ruleVersion: 'fs-9', autoLinkThreshold: 6, linkedAt: '2026-10-02T08:00:00.000Z',
    evidence: { score: 12.5, veto: null, evidence: [{ field: 'prior', level: 'PRIOR', weight: -4 }, { field: 'name', level: 'CONTAINED', weight: 6 }, { field: 'domain', level: 'SHARED', weight: 10.5, note: 'acme.com' }] },
  },
});
// Its best candidate was not enough to link: it started an account of its own, whatever score it carries.
const WEAK = sourceRecordNode('w-3', 'Acme Bakery', {
  link: { ...LINKED.link, score: 2.5, evidence: { score: 2.5, veto: null, evidence: [{ field: 'prior', level: 'PRIOR', weight: -4 }, { field: 'name', level: 'SIMILAR', weight: 3 }, { field: 'phone', level: 'SAME', weight: 3.5 }] } },
});
const CONFIRMED = sourceRecordNode('x-2', 'Acme Exhibits', { divisionId: EXHIBITS.id, sourceSystem: 'crm', link: { ...FIRST.link, status: 'CONFIRMED', score: 7 } });

function panel() {
  return screen.findByRole('region', { name: 'Source records' });
}

describe('Source records panel', () => {
  it("shows each division's record, how it was linked, and the evidence on demand", async () => {
    renderApp('/accounts/a1', [accountMock, sourceRecordsMock('a1', [FIRST, LINKED, CONFIRMED, WEAK]), ...accountPanelsMocks('a1')]);
    const region = await panel();
    const row = await within(region).findByRole('row', { name: /Acme Print Services/ });
    expect(row).toHaveTextContent('Print · printshop #P-9');
    expect(row).toHaveTextContent('Linked by matching');
    expect(row).toHaveTextContent('12.5');
    expect(row).toHaveTextContent('3 versions');
    expect(within(region).getByRole('row', { name: /Acme Exhibits/ })).toHaveTextContent('Confirmed by a person');
    // The record that had nothing to link to when it arrived was not linked by matching, and has no score.
    const first = within(region).getByRole('row', { name: /ACME LTD/ });
    expect(first).toHaveTextContent('Started an account');
    expect(first).not.toHaveTextContent('Linked by matching');
    expect(first).not.toHaveTextContent('—');
    expect(first).toHaveTextContent('Nothing to link it to when it arrived');
    // A record whose best candidate scored below the threshold was not linked either (it read "Linked by matching").
    const weak = within(region).getByRole('row', { name: /Acme Bakery/ });
    expect(weak).toHaveTextContent('Started an account');
    expect(weak).not.toHaveTextContent('Linked by matching');
    expect(weak).toHaveTextContent('Its best candidate scored 2.5, below the 6.0 needed to link');

    await userEvent.click(within(row).getByRole('button', { name: 'Evidence of Acme Print Services' }));
    const evidence = within(region).getByRole('table', { name: /How matching compared them/ });
    expect(within(evidence).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'FieldAgreementWeightWhy', 'Starting pointbefore any evidence−4.0', 'Namecontained+6.0', 'Web domainshared+10.5acme.com', 'Score+12.5',
    ]);
    expect(within(row).getByRole('button', { name: 'Hide evidence of Acme Print Services' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('lets an admin split off records linked wrongly, and says where they went', async () => {
    renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST, LINKED, CONFIRMED]), ...accountPanelsMocks('a1'),
      {
        request: { query: splitAccountMutation, variables: { accountId: 'a1', sourceRecordIds: ['p-9'], reason: 'A print shop of another group' } },
        result: { data: { splitAccount: { __typename: 'SplitAccountPayload', splitOff: { __typename: 'Account', id: 'a9', name: 'Acme Print Services' }, restoredMerge: false,
          moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 1 }, { __typename: 'MovedRows', table: 'touchpoint', count: 5 }, { __typename: 'MovedRows', table: 'notice', count: 0 }] } } },
      },
    ]);
    const region = await panel();
    await userEvent.click(await within(region).findByRole('checkbox', { name: 'Split off Acme Print Services (Print #P-9)' }));
    const form = within(region).getByRole('form', { name: 'Split off the selected records' });
    expect(form).toHaveTextContent('Matching keeps the two sides apart from then on: only a merge puts them together again.');
    await userEvent.type(within(form).getByLabelText('Reason (optional)'), 'A print shop of another group');
    await userEvent.click(within(form).getByRole('button', { name: 'Split off 1 record' }));
    const done = await within(region).findByRole('status');
    expect(done).toHaveTextContent('Moved to Acme Print Services, a new account: 1 source record, 5 touchpoints.');
    expect(within(done).getByRole('link', { name: 'Acme Print Services' })).toHaveAttribute('href', '/accounts/a9');
    expect(within(region).queryByRole('form', { name: 'Split off the selected records' })).not.toBeInTheDocument();
    // The form went with the focus: the outcome has it.
    expect(done).toHaveFocus();
  });

  // Found by exploratory testing: "Split done: …" stayed next to the "Merged" of the same records merged back.
  // Found in the team's notes: the reason was kept across the end of a session, the ticked records were not.
  it('keeps the ticked records and the reason when the session ends before the split, and splits them after signing in', async () => {
    const reason = 'Two shops of another group';
    const split = { query: splitAccountMutation, variables: { accountId: 'a1', sourceRecordIds: ['p-9', 'x-2'], reason } };
    const { router } = renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST, LINKED, CONFIRMED]), ...accountPanelsMocks('a1'),
      { request: split, result: apiError('UNAUTHENTICATED', 'Sign in first.') },
      { request: { query: signInMutation, variables: { email: ADMIN.email, password: 'ourcustomer-demo' } }, result: { data: { signIn: { __typename: 'SignInPayload', colleague: ADMIN } } } },
      {
        request: split,
        result: { data: { splitAccount: { __typename: 'SplitAccountPayload', splitOff: { __typename: 'Account', id: 'a9', name: 'Acme Print Services' }, restoredMerge: false,
          moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 2 }] } } },
      },
    ]);
    const region = await panel();
    await userEvent.click(await within(region).findByRole('checkbox', { name: 'Split off Acme Print Services (Print #P-9)' }));
    await userEvent.click(within(region).getByRole('checkbox', { name: 'Split off Acme Exhibits (Exhibits #X-2)' }));
    await userEvent.type(within(region).getByLabelText('Reason (optional)'), reason);
    await userEvent.click(within(region).getByRole('button', { name: 'Split off 2 records' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Email'), ADMIN.email);
    await userEvent.type(screen.getByLabelText('Password'), 'ourcustomer-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const again = await panel();
    expect(router.state.location.pathname).toBe('/accounts/a1');
    expect(await within(again).findByRole('checkbox', { name: 'Split off Acme Print Services (Print #P-9)' })).toBeChecked();
    expect(within(again).getByRole('checkbox', { name: 'Split off Acme Exhibits (Exhibits #X-2)' })).toBeChecked();
    expect(within(again).getByRole('checkbox', { name: 'Split off ACME LTD (Logistics #ACME-1)' })).not.toBeChecked();
    expect(within(again).getByLabelText('Reason (optional)')).toHaveValue(reason);
    await userEvent.click(within(again).getByRole('button', { name: 'Split off 2 records' }));
    expect(await within(again).findByRole('status', { name: 'Split done' })).toBeInTheDocument();
    // Split: nothing is kept any more.
    expect(Object.keys(window.sessionStorage).filter((key) => key.startsWith('ourcustomer.draft'))).toEqual([]);
  });

  it('shows only the last repair\'s outcome: merging back clears the split\'s', async () => {
    renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST, LINKED]), ...accountPanelsMocks('a1'),
      {
        request: { query: splitAccountMutation, variables: { accountId: 'a1', sourceRecordIds: ['p-9'], reason: null } },
        result: { data: { splitAccount: { __typename: 'SplitAccountPayload', splitOff: { __typename: 'Account', id: 'a9', name: 'Acme Print Services' }, restoredMerge: false,
          moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 1 }] } } },
      },
      { request: { query: accountsQuery, variables: { search: 'acme print', first: MERGE_CANDIDATES + 1 } }, result: accountsResult([accountNode('a9', 'Acme Print Services')]) },
      {
        request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a9', reason: null, override: false } },
        result: { data: { mergeAccounts: { __typename: 'MergeAccountsPayload', account: { __typename: 'Account', id: 'a1', name: 'Acme Limited' },
          moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 1 }] } } },
      },
    ]);
    const region = await panel();
    await userEvent.click(await within(region).findByRole('checkbox', { name: 'Split off Acme Print Services (Print #P-9)' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Split off 1 record' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('Split done');
    await userEvent.type(within(region).getByLabelText('Find the duplicate by name'), 'acme print');
    await userEvent.click(within(region).getByRole('button', { name: 'Find' }));
    const merge = await within(region).findByRole('form', { name: 'Merge an account into this one' });
    await userEvent.click(within(merge).getByRole('radio', { name: 'Acme Print Services' }));
    await userEvent.click(within(merge).getByRole('button', { name: 'Merge Acme Print Services into Acme Limited' }));
    expect(await within(region).findByText(/is now part of Acme Limited/)).toBeInTheDocument();
    expect(within(region).getAllByRole('status').map((s) => s.textContent)).toEqual(['MergedAcme Print Services is now part of Acme Limited: 1 source record moved here.']);
  });

  it('says at once that a split cannot take every record, rather than letting the API refuse it', async () => {
    renderApp('/accounts/a1', [accountMock, sourceRecordsMock('a1', [FIRST, LINKED]), ...accountPanelsMocks('a1')]);
    const region = await panel();
    await userEvent.click(await within(region).findByRole('checkbox', { name: /^Split off ACME LTD/ }));
    const form = within(region).getByRole('form', { name: 'Split off the selected records' });
    expect(within(form).getByRole('button', { name: 'Split off 1 record' })).toBeEnabled();
    await userEvent.click(within(region).getByRole('checkbox', { name: /^Split off Acme Print Services/ }));
    expect(form).toHaveTextContent('Every record of this account is ticked, and at least one must stay: untick the records that belong to this customer.');
    expect(within(form).getByRole('button', { name: 'Split off 2 records' })).toBeDisabled();
  });

  it('lets an admin find a duplicate by name and merge it in', async () => {
    renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST]), ...accountPanelsMocks('a1'),
      { request: { query: accountsQuery, variables: { search: 'acme', first: MERGE_CANDIDATES + 1 } }, result: accountsResult([accountNode('a1', 'Acme Limited'), accountNode('a2', 'ACME Ltd.', { divisions: [EXHIBITS] })]) },
      {
        request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a2', reason: null, override: false } },
        result: { data: { mergeAccounts: { __typename: 'MergeAccountsPayload', account: { __typename: 'Account', id: 'a1', name: 'Acme Limited' },
          moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 2 }, { __typename: 'MovedRows', table: 'stakeholder', count: 1 }] } } },
      },
    ]);
    const region = await panel();
    await userEvent.type(await within(region).findByLabelText('Find the duplicate by name'), 'acme');
    await userEvent.click(within(region).getByRole('button', { name: 'Find' }));
    const merge = await within(region).findByRole('form', { name: 'Merge an account into this one' });
    // The account itself is not offered.
    expect(within(merge).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['a2']);
    expect(within(merge).getByRole('button', { name: 'Pick the account to merge in' })).toBeDisabled();
    await userEvent.click(within(merge).getByRole('radio', { name: 'ACME Ltd. (Exhibits)' }));
    await userEvent.click(within(merge).getByRole('button', { name: 'Merge ACME Ltd. into Acme Limited' }));
    const done = await within(region).findByRole('status');
    expect(done).toHaveTextContent('ACME Ltd. is now part of Acme Limited: 2 source records, 1 person moved here.');
    // The form with the candidates went with the focus: the outcome has it.
    expect(done).toHaveFocus();
  });

  it('tells an admin when a person kept the two accounts apart, and merges only when told to anyway', async () => {
    const refusal = 'These accounts were kept apart: Mia Manager decided they are different customers on 2026-11-20 ("two shops"). Merge with override: true to merge them anyway.';
    const merged = { data: { mergeAccounts: { __typename: 'MergeAccountsPayload', account: { __typename: 'Account', id: 'a1', name: 'Acme Limited' },
      moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 1 }] } } };
    renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST]), ...accountPanelsMocks('a1'),
      { request: { query: accountsQuery, variables: { search: 'acme', first: MERGE_CANDIDATES + 1 } },
        result: accountsResult([accountNode('a2', 'ACME Ltd.', { divisions: [EXHIBITS] }), accountNode('a3', 'Acme Bakery')]) },
      // The first refusal takes a moment, long enough to see the button busy.
      { request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a2', reason: 'same after all', override: false } },
        result: { errors: [{ message: refusal, extensions: { code: 'KEPT_APART' } }] }, delay: 300 },
      { request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a2', reason: 'same after all', override: false } },
        result: { errors: [{ message: refusal, extensions: { code: 'KEPT_APART' } }] } },
      { request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a2', reason: 'same after all', override: true } }, result: merged },
    ]);
    const region = await panel();
    await userEvent.type(await within(region).findByLabelText('Find the duplicate by name'), 'acme');
    await userEvent.click(within(region).getByRole('button', { name: 'Find' }));
    const merge = await within(region).findByRole('form', { name: 'Merge an account into this one' });
    await userEvent.click(within(merge).getByRole('radio', { name: 'ACME Ltd. (Exhibits)' }));
    await userEvent.type(within(merge).getByLabelText('Reason (optional)'), 'same after all');
    const mergeButton = within(merge).getByRole('button', { name: 'Merge ACME Ltd. into Acme Limited' });
    await userEvent.click(mergeButton);
    // Asking, the button stays focusable (found by exploratory testing: disabled, it dropped the focus to the page's body).
    expect(mergeButton).toHaveAttribute('aria-disabled', 'true');
    expect(mergeButton).toBeEnabled();
    const alert = await within(merge).findByRole('alert');
    // The button pressed went: the one that takes its place has the focus (found by exploratory testing: it fell to the page's body).
    expect(within(merge).getByRole('button', { name: 'Merge ACME Ltd. into Acme Limited anyway' })).toHaveFocus();
    // Who decided what, when and why; not the API's way past it (the form has a button for that).
    expect(alert).toHaveTextContent('Kept apart by a personThese accounts were kept apart: Mia Manager decided they are different customers on 2026-11-20 ("two shops").');
    expect(alert).not.toHaveTextContent('override');
    // Another pick is another question: the way past the refusal goes with it.
    await userEvent.click(within(merge).getByRole('radio', { name: 'Acme Bakery' }));
    expect(within(merge).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(merge).queryByRole('button', { name: /anyway/ })).not.toBeInTheDocument();
    await userEvent.click(within(merge).getByRole('radio', { name: 'ACME Ltd. (Exhibits)' }));
    await userEvent.click(within(merge).getByRole('button', { name: 'Merge ACME Ltd. into Acme Limited' }));
    await userEvent.click(await within(merge).findByRole('button', { name: 'Merge ACME Ltd. into Acme Limited anyway' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('ACME Ltd. is now part of Acme Limited: 1 source record moved here.');
  });

  // Found by exploratory testing: two accounts of different registry ids merged in one click, with no warning.
  it('tells an admin which account gives which registry id when they differ, and merges only when told to anyway', async () => {
    const refusal = 'These accounts give different registry ids, and no id of one is the other\'s: "Acme Limited" (the account that stays) gives HRB-998877; '
      + '"ACME AG" (the account merged into it) gives CHE-111.222.333. Ids of different kinds may be one company\'s (its register number and its VAT id) '
      + 'or two companies\': check that they are one. Merge with override: true to merge them anyway.';
    const registryIds = { sameKind: false, accounts: [{ accountId: 'a1', name: 'Acme Limited', registryIds: ['HRB-998877'] }, { accountId: 'a2', name: 'ACME AG', registryIds: ['CHE-111.222.333'] }] };
    const merged = { data: { mergeAccounts: { __typename: 'MergeAccountsPayload', account: { __typename: 'Account', id: 'a1', name: 'Acme Limited' },
      moved: [{ __typename: 'MovedRows', table: 'source_account_record', count: 1 }] } } };
    renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST]), ...accountPanelsMocks('a1'),
      { request: { query: accountsQuery, variables: { search: 'acme', first: MERGE_CANDIDATES + 1 } }, result: accountsResult([accountNode('a2', 'ACME AG', { divisions: [PRINT] })]) },
      { request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a2', reason: null, override: false } },
        result: { errors: [{ message: refusal, extensions: { code: 'KEPT_APART', keptApart: [], registryIds } }] } },
      { request: { query: mergeAccountsMutation, variables: { survivorId: 'a1', mergedId: 'a2', reason: null, override: true } }, result: merged },
    ]);
    const region = await panel();
    await userEvent.type(await within(region).findByLabelText('Find the duplicate by name'), 'acme');
    await userEvent.click(within(region).getByRole('button', { name: 'Find' }));
    const merge = await within(region).findByRole('form', { name: 'Merge an account into this one' });
    await userEvent.click(within(merge).getByRole('radio', { name: 'ACME AG (Print)' }));
    await userEvent.click(within(merge).getByRole('button', { name: 'Merge ACME AG into Acme Limited' }));
    const alert = await within(merge).findByRole('alert');
    // Not "kept apart by a person": no person decided anything; the ids, and which account gives which.
    expect(alert).toHaveTextContent(/^Their registry ids differThese accounts give different registry ids, .*"Acme Limited" \(the account that stays\) gives HRB-998877; "ACME AG" \(the account merged into it\) gives CHE-111\.222\.333\..*check that they are one\.$/);
    expect(alert).not.toHaveTextContent('override');
    const anyway = within(merge).getByRole('button', { name: 'Merge ACME AG into Acme Limited anyway' });
    expect(anyway).toHaveFocus();
    await userEvent.click(anyway);
    expect(await within(region).findByRole('status')).toHaveTextContent('ACME AG is now part of Acme Limited: 1 source record moved here.');
  });

  // Found by exploratory testing: a 250-character term was refused, and the form showed nothing at all.
  it('takes a search term as long as the API does, and shows why a search failed', async () => {
    renderApp('/accounts/a1', [
      accountMock, sourceRecordsMock('a1', [FIRST]), ...accountPanelsMocks('a1'),
      { request: { query: accountsQuery, variables: { search: 'acme', first: MERGE_CANDIDATES + 1 } }, result: apiError('BAD_USER_INPUT', 'Invalid search: something went wrong.') },
    ]);
    const region = await panel();
    const term = await within(region).findByLabelText('Find the duplicate by name');
    await userEvent.type(term, 'x'.repeat(250));
    expect(term).toHaveValue('x'.repeat(200));
    await userEvent.clear(term);
    await userEvent.type(term, 'acme');
    await userEvent.click(within(region).getByRole('button', { name: 'Find' }));
    expect(await within(region).findByText('Invalid search: something went wrong.')).toBeInTheDocument();
    expect(within(region).getByText('Could not search the accounts')).toBeInTheDocument();
  });

  it('shows reps the records without the repairs', async () => {
    renderApp('/accounts/a1', [accountMock, sourceRecordsMock('a1', [FIRST, LINKED]), ...accountPanelsMocks('a1')], { me: colleague('c-rep', 'Rita Rep', 'rita@ourcompany.example', 'REP', EXHIBITS) });
    const region = await panel();
    await within(region).findByRole('row', { name: /Acme Print Services/ });
    expect(within(region).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(within(region).queryByLabelText('Find the duplicate by name')).not.toBeInTheDocument();
  });
});
