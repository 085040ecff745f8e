import type { ReactNode } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useApolloClient } from '@apollo/client/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { MockLink } from '@apollo/client/testing';
import { createCache } from '../app/apollo';
import { UiProvider } from '../app/Providers';
import type { CriticalInfoStatus, CriticalInfoType } from '../gql/graphql';
import { apiError, EXHIBITS, LOGISTICS } from '../test/fixtures';
import { CriticalInfoPanel } from './CriticalInfoPanel';
import { accountCriticalInfoQuery, assertCriticalInfoMutation, criticalInfoChoicesQuery, resolveCriticalInfoConflictMutation } from './operations';
import { formatDate } from '../touchpoints/format';
import { markSessionEnded } from '../auth/keptDrafts';

/** The drafts kept in this tab (auth/keptDrafts.ts). */
const keptDrafts = () => Object.keys(window.sessionStorage).filter((key) => key.startsWith('ourcustomer.draft:'));

type DivisionRef = typeof EXHIBITS;

function field(id: string, key: string, label: string, type: CriticalInfoType, options: string[] = []) {
  return {
    __typename: 'CriticalInfoField' as const, id, key, label, type, options, whyCritical: `Why ${label} matters.`, howItHelps: 'It helps.',
    requiredInStages: ['ACTIVE' as const], stalenessDays: 365, position: 10, retired: false, retiredAt: null, reliedOnBy: [],
  };
}

function said(id: string, value: unknown, text: string, division: DivisionRef, more: Record<string, unknown> = {}) {
  return {
    __typename: 'CriticalInfoAssertion' as const, id, value, text, note: null, resolvesConflict: false, assertedAt: '2026-10-01T09:00:00.000Z',
    sourceSystem: null, assertedByEmail: null, division, colleague: { __typename: 'Colleague' as const, id: `c-${id}`, name: `Person ${id}` }, sourceTouchpoint: null, ...more,
  };
}

type Said = ReturnType<typeof said>;

function entry(f: ReturnType<typeof field>, status: CriticalInfoStatus, history: Said[], divisionValues: Said[] = history.slice(0, 1)) {
  return { __typename: 'CriticalInfoEntry' as const, id: `a1:${f.id}`, status, viewerMayResolve: status === 'CONFLICT', required: true, staleAt: null, field: f, current: history[0] ?? null, divisionValues, history };
}

const TERMS = field('f-terms', 'payment_terms', 'Payment terms', 'ENUM', ['Net 30', 'Net 60']);
const RENEWAL = field('f-renewal', 'contract_renewal_date', 'Contract renewal date', 'DATE');
const EXHIBITS_30 = said('s1', 'Net 30', 'Net 30', EXHIBITS);
const LOGISTICS_60 = said('s2', 'Net 60', 'Net 60', LOGISTICS);
const MEETING = { __typename: 'Touchpoint' as const, id: 't1', type: 'MEETING' as const, occurredAt: '2026-09-01T10:00:00.000Z', subject: 'Renewal kick-off', contentHidden: false };
const RENEWAL_SAID = said('s3', '2027-03-31', '2027-03-31', EXHIBITS, { note: 'Said by their CFO', sourceTouchpoint: MEETING });

function account(entries: ReturnType<typeof entry>[], questions: { reason: CriticalInfoStatus; question: string; fieldId: string }[] = [], viewerMayAssert = true) {
  const ok = entries.filter((e) => e.status === 'OK').length;
  return {
    __typename: 'Account' as const,
    id: 'a1',
    criticalInfo: {
      __typename: 'AccountCriticalInfo' as const, id: 'a1', stage: 'ACTIVE' as const, completeness: Math.floor((100 * ok) / entries.length), requiredCount: entries.length,
      completeCount: ok, missingCount: 0, staleCount: 0, conflictCount: entries.filter((e) => e.status === 'CONFLICT').length, viewerMayAssert, entries,
    },
    questionsToAsk: questions.map((q) => ({ __typename: 'QuestionToAsk' as const, id: `a1:${q.fieldId}`, reason: q.reason, question: q.question, field: { __typename: 'CriticalInfoField' as const, id: q.fieldId } })),
  };
}

const CONFLICTED = account(
  [entry(TERMS, 'CONFLICT', [LOGISTICS_60, EXHIBITS_30], [LOGISTICS_60, EXHIBITS_30]), entry(RENEWAL, 'OK', [RENEWAL_SAID])],
  [{ reason: 'CONFLICT', question: 'Payment terms: our divisions disagree (Logistics says "Net 60"; Exhibits says "Net 30"). Which is right?', fieldId: 'f-terms' }],
);

const choices: MockLink.MockedResponse = {
  request: { query: criticalInfoChoicesQuery, variables: { id: 'a1' } },
  result: { data: { account: { __typename: 'Account', id: 'a1', stakeholders: { __typename: 'StakeholderConnection', edges: [] }, timeline: { __typename: 'TouchpointConnection', edges: [{ __typename: 'TouchpointEdge', node: MEETING }] } } } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

function renderPanel(mocks: MockLink.MockedResponse[], beside?: ReactNode, shown: ReturnType<typeof account> = CONFLICTED) {
  const link = new MockLink([{ request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, result: { data: { account: shown } } }, choices, ...mocks], { defaultOptions: { delay: 0 } });
  return render(
    <MockedProvider link={link} cache={createCache()}>
      <UiProvider env="test">
        <CriticalInfoPanel accountId="a1" />
        {beside}
      </UiProvider>
    </MockedProvider>,
  );
}

const card = (label: string) => screen.getByRole('article', { name: label });

describe('CriticalInfoPanel', () => {
  it('shows completeness, the questions to ask, each field with its status, and provenance on expand', async () => {
    renderPanel([]);
    const panel = await screen.findByRole('region', { name: 'Critical info' });
    expect(within(panel).getByText('Completeness: 50%')).toBeInTheDocument();
    expect(within(panel).getByText('1 of 2 required at stage Active are OK')).toBeInTheDocument();
    expect(within(panel).getByRole('list', { name: 'Questions to ask (1)' })).toHaveTextContent('Payment terms: our divisions disagree');

    const renewal = card('Contract renewal date');
    expect(within(renewal).getByText('OK')).toBeInTheDocument();
    expect(within(renewal).getByText('2027-03-31')).toBeInTheDocument();
    const toggle = within(renewal).getByRole('button', { name: 'Provenance of Contract renewal date' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const history = within(renewal).getByRole('list');
    // Instants in the user's locale and time zone, as the timeline shows them (a UTC day disagreed with it; found by exploratory testing).
    expect(history).toHaveTextContent(`Person s3, Exhibits, ${formatDate('2026-10-01T09:00:00.000Z')} from the meeting on ${formatDate(MEETING.occurredAt)}: Renewal kick-off`);
    expect(history).toHaveTextContent('“Said by their CFO”');
  });

  // Found by exploratory testing: the panel offered every colleague to edit and to resolve; the server now refuses those who may not.
  it('offers editing and resolving only to those the server lets do it, and says who may', async () => {
    const terms = { ...entry(TERMS, 'CONFLICT', [LOGISTICS_60, EXHIBITS_30], [LOGISTICS_60, EXHIBITS_30]), viewerMayResolve: false };
    renderPanel([], undefined, account([terms, entry(RENEWAL, 'OK', [RENEWAL_SAID])], [], false));
    const panel = await screen.findByRole('region', { name: 'Critical info' });
    expect(within(panel).getByText('Values are recorded by colleagues of the divisions that deal with this account, and by managers and admins.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /^Edit / })).not.toBeInTheDocument();
    const conflict = within(card('Payment terms')).getByRole('region', { name: 'The conflict on Payment terms' });
    expect(conflict).toHaveTextContent('Logistics says');
    expect(conflict).toHaveTextContent('Exhibits says');
    expect(conflict).toHaveTextContent('A manager or an admin resolves it, or a colleague of Logistics or Exhibits who deals with this account.');
    expect(within(panel).queryByRole('form', { name: 'Resolve the conflict on Payment terms' })).not.toBeInTheDocument();
  });

  it("shows each division's value side by side and resolves the conflict with the chosen value and why", async () => {
    const resolved = account([entry(TERMS, 'OK', [said('s4', 'Net 60', 'Net 60', EXHIBITS, { resolvesConflict: true }), LOGISTICS_60, EXHIBITS_30]), entry(RENEWAL, 'OK', [RENEWAL_SAID])]);
    renderPanel([{
      request: { query: resolveCriticalInfoConflictMutation, variables: { input: { accountId: 'a1', fieldKey: 'payment_terms', value: 'Net 60', note: 'Confirmed in writing.' } } },
      result: { data: { resolveCriticalInfoConflict: { __typename: 'ResolveCriticalInfoConflictPayload', assertion: { __typename: 'CriticalInfoAssertion', id: 's4' }, account: resolved } } },
    }]);
    const terms = await screen.findByRole('article', { name: 'Payment terms' });
    expect(within(terms).getByText('Conflict')).toBeInTheDocument();
    const form = within(terms).getByRole('form', { name: 'Resolve the conflict on Payment terms' });
    expect(within(form).getByText('Logistics says')).toBeInTheDocument();
    expect(within(form).getByText('Exhibits says')).toBeInTheDocument();

    // Both parts are marked required before a first try says so.
    for (const choice of within(within(form).getByRole('radiogroup')).getAllByRole('radio')) expect(choice).toBeRequired();
    expect(within(form).getByRole('textbox', { name: 'Why this value holds' })).toBeRequired();
    await userEvent.click(within(form).getByRole('button', { name: 'Resolve conflict' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choose the value that holds.');
    // Another value: its input is required too, and a missing part is marked where it is (found by exploratory testing).
    await userEvent.click(within(form).getByRole('radio', { name: 'Another value holds' }));
    expect(within(form).getByRole('combobox', { name: /^Payment terms/ })).toBeRequired();
    await userEvent.click(within(form).getByRole('radio', { name: "Logistics' value holds" }));
    await userEvent.click(within(form).getByRole('button', { name: 'Resolve conflict' }));
    expect(within(form).getByRole('textbox', { name: 'Why this value holds' })).toBeInvalid();
    expect(within(form).getByRole('textbox', { name: 'Why this value holds' })).toHaveAccessibleDescription(/Say why this value holds/);
    await userEvent.type(within(form).getByRole('textbox', { name: 'Why this value holds' }), 'Confirmed in writing.');
    await userEvent.click(within(form).getByRole('button', { name: 'Resolve conflict' }));

    expect(await within(terms).findByText('OK')).toBeInTheDocument();
    expect(within(terms).queryByRole('form')).not.toBeInTheDocument();
    // The form went with the focus: the field's heading has it.
    expect(within(terms).getByRole('heading', { name: 'Payment terms' })).toHaveFocus();
  });

  // Found by exploratory testing: a split of the account asks for everything again; the conflict was gone in the new
  // answer, and the focus (and the page) jumped from the split's outcome to this field's heading.
  it('leaves the focus where it is when a conflict ends without being resolved here', async () => {
    const settled = account([entry(TERMS, 'OK', [LOGISTICS_60, EXHIBITS_30]), entry(RENEWAL, 'OK', [RENEWAL_SAID])]);
    function SomethingElse() {
      const client = useApolloClient();
      return <button type="button" onClick={() => void client.refetchQueries({ include: 'active' })}>Split elsewhere</button>;
    }
    renderPanel([{ request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, result: { data: { account: settled } } }], <SomethingElse />);
    const terms = await screen.findByRole('article', { name: 'Payment terms' });
    expect(within(terms).getByText('Conflict')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Split elsewhere' }));
    expect(await within(terms).findByText('OK')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Split elsewhere' })).toHaveFocus();
  });

  it('edits a field inline with the input of its type, and shows the server\'s reason when it refuses', async () => {
    const input = { accountId: 'a1', fieldKey: 'contract_renewal_date', value: '2027-06-30', note: null, sourceTouchpointId: 't1' };
    renderPanel([{
      request: { query: assertCriticalInfoMutation, variables: { input } },
      result: apiError('BAD_USER_INPUT', 'Invalid input.value: expected a date of the form YYYY-MM-DD for field "contract_renewal_date" (DATE); got the text "2027-06-30".'),
    }]);
    const renewal = await screen.findByRole('article', { name: 'Contract renewal date' });
    await userEvent.click(within(renewal).getByRole('button', { name: 'Edit Contract renewal date' }));
    const form = within(renewal).getByRole('form', { name: 'Edit Contract renewal date' });
    const date = within(form).getByLabelText('Contract renewal date');
    expect(date).toHaveAttribute('type', 'date');
    expect(date).toHaveValue('2027-03-31');
    await userEvent.clear(date);
    await userEvent.type(date, '2027-06-30');
    await within(form).findByRole('option', { name: /Renewal kick-off/ });
    await userEvent.selectOptions(within(form).getByLabelText('Learned in (optional)'), 't1');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('expected a date of the form YYYY-MM-DD for field "contract_renewal_date" (DATE)');
  });

  // Found in the team's notes: a value asserted for a merged-away account went to its survivor without a word; the server now refuses it.
  it('shows the refusal of a value for an account merged away meanwhile with a link to the account it was merged into', async () => {
    const input = { accountId: 'a1', fieldKey: 'contract_renewal_date', value: '2027-06-30', note: null, sourceTouchpointId: null };
    const refusal = 'Account a1 (input.accountId) was merged into a9; use that account.';
    renderPanel([{
      request: { query: assertCriticalInfoMutation, variables: { input } },
      result: { errors: [{ message: refusal, extensions: { code: 'CONFLICT', mergedIntoId: 'a9', argument: 'input.accountId' } }], data: null },
    }]);
    const renewal = await screen.findByRole('article', { name: 'Contract renewal date' });
    await userEvent.click(within(renewal).getByRole('button', { name: 'Edit Contract renewal date' }));
    const form = within(renewal).getByRole('form', { name: 'Edit Contract renewal date' });
    const date = within(form).getByLabelText('Contract renewal date');
    await userEvent.clear(date);
    await userEvent.type(date, '2027-06-30');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent(`${refusal} Open the account it was merged into`);
    expect(within(alert).getByRole('link', { name: 'Open the account it was merged into' })).toHaveAttribute('href', '/accounts/a9');
  });

  it('shows the refusal of a resolution for an account merged away meanwhile with a link to the account it was merged into', async () => {
    const refusal = 'Account a1 (input.accountId) was merged into a9; use that account.';
    renderPanel([{
      request: { query: resolveCriticalInfoConflictMutation, variables: { input: { accountId: 'a1', fieldKey: 'payment_terms', value: 'Net 60', note: 'Confirmed in writing.' } } },
      result: { errors: [{ message: refusal, extensions: { code: 'CONFLICT', mergedIntoId: 'a9', argument: 'input.accountId' } }], data: null },
    }]);
    const terms = await screen.findByRole('article', { name: 'Payment terms' });
    const form = within(terms).getByRole('form', { name: 'Resolve the conflict on Payment terms' });
    await userEvent.click(within(form).getByRole('radio', { name: "Logistics' value holds" }));
    await userEvent.type(within(form).getByRole('textbox', { name: 'Why this value holds' }), 'Confirmed in writing.');
    await userEvent.click(within(form).getByRole('button', { name: 'Resolve conflict' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent(`${refusal} Open the account it was merged into`);
    expect(within(alert).getByRole('link', { name: 'Open the account it was merged into' })).toHaveAttribute('href', '/accounts/a9');
  });

  it('offers the options of a list field', async () => {
    renderPanel([]);
    const terms = await screen.findByRole('article', { name: 'Payment terms' });
    await userEvent.click(within(terms).getByRole('button', { name: 'Edit Payment terms' }));
    const select = within(within(terms).getByRole('form', { name: 'Edit Payment terms' })).getByLabelText('Payment terms');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'Net 30', 'Net 60']);
    expect(select).toHaveValue('Net 60');
  });

  describe('when the session ends while a colleague types', () => {
    /** Opens the renewal date's editor, changes the date and types a note. */
    async function typeInEditor() {
      const renewal = await screen.findByRole('article', { name: 'Contract renewal date' });
      await userEvent.click(within(renewal).getByRole('button', { name: 'Edit Contract renewal date' }));
      const form = within(renewal).getByRole('form', { name: 'Edit Contract renewal date' });
      await userEvent.clear(within(form).getByLabelText('Contract renewal date'));
      await userEvent.type(within(form).getByLabelText('Contract renewal date'), '2027-06-30');
      await userEvent.type(within(form).getByLabelText('Note (optional)'), 'Their CFO on the phone');
    }

    it('keeps the editor\'s text, opens the editor with it again (saying so), and saves it', async () => {
      const input = { accountId: 'a1', fieldKey: 'contract_renewal_date', value: '2027-06-30', note: 'Their CFO on the phone', sourceTouchpointId: null };
      const first = renderPanel([]);
      await typeInEditor();
      // The auth error link marks the session ended; the auth gate then takes the page away (to sign in).
      markSessionEnded();
      first.unmount();
      expect(keptDrafts()).toHaveLength(1);

      renderPanel([{ request: { query: assertCriticalInfoMutation, variables: { input } }, result: { data: { assertCriticalInfo: { __typename: 'AssertCriticalInfoPayload', assertion: { __typename: 'CriticalInfoAssertion', id: 's9' }, account: CONFLICTED } } } }]);
      const renewal = await screen.findByRole('article', { name: 'Contract renewal date' });
      const form = within(renewal).getByRole('form', { name: 'Edit Contract renewal date' });
      expect(within(form).getByRole('status')).toHaveTextContent('Your session ended before this was saved');
      expect(within(form).getByLabelText('Contract renewal date')).toHaveValue('2027-06-30');
      expect(within(form).getByLabelText('Note (optional)')).toHaveValue('Their CFO on the phone');
      await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(within(renewal).queryByRole('form')).not.toBeInTheDocument());
      expect(keptDrafts()).toEqual([]);
    });

    it('forgets the kept text when the editor is cancelled', async () => {
      const first = renderPanel([]);
      await typeInEditor();
      markSessionEnded();
      first.unmount();

      renderPanel([]);
      const renewal = await screen.findByRole('article', { name: 'Contract renewal date' });
      await userEvent.click(within(within(renewal).getByRole('form', { name: 'Edit Contract renewal date' })).getByRole('button', { name: 'Cancel' }));
      expect(keptDrafts()).toEqual([]);
    });

    it('keeps nothing when the editor closes while the session lasts, or nothing was typed', async () => {
      const first = renderPanel([]);
      await typeInEditor();
      first.unmount();
      expect(keptDrafts()).toEqual([]);

      const second = renderPanel([]);
      const renewal = await screen.findByRole('article', { name: 'Contract renewal date' });
      await userEvent.click(within(renewal).getByRole('button', { name: 'Edit Contract renewal date' }));
      markSessionEnded();
      second.unmount();
      expect(keptDrafts()).toEqual([]);
    });

    it('keeps the conflict\'s choice and why, and shows them again', async () => {
      const first = renderPanel([]);
      const terms = await screen.findByRole('article', { name: 'Payment terms' });
      const form = within(terms).getByRole('form', { name: 'Resolve the conflict on Payment terms' });
      await userEvent.click(within(form).getByRole('radio', { name: "Logistics' value holds" }));
      await userEvent.type(within(form).getByRole('textbox', { name: 'Why this value holds' }), 'Confirmed in writing.');
      markSessionEnded();
      first.unmount();

      renderPanel([]);
      const again = within(await screen.findByRole('article', { name: 'Payment terms' })).getByRole('form', { name: 'Resolve the conflict on Payment terms' });
      expect(within(again).getByRole('status')).toHaveTextContent('What you typed was kept');
      expect(within(again).getByRole('radio', { name: "Logistics' value holds" })).toBeChecked();
      expect(within(again).getByRole('textbox', { name: 'Why this value holds' })).toHaveValue('Confirmed in writing.');
    });
  });

  // Found by exploratory testing: closing the editor dropped the focus to the page's body; so did opening it (the Edit button goes).
  it('moves the focus into the editor when it opens, and back to the Edit button when it closes', async () => {
    renderPanel([]);
    const terms = await screen.findByRole('article', { name: 'Payment terms' });
    await userEvent.click(within(terms).getByRole('button', { name: 'Edit Payment terms' }));
    expect(within(within(terms).getByRole('form', { name: 'Edit Payment terms' })).getByLabelText('Payment terms')).toHaveFocus();
    await userEvent.click(within(within(terms).getByRole('form', { name: 'Edit Payment terms' })).getByRole('button', { name: 'Cancel' }));
    expect(within(terms).getByRole('button', { name: 'Edit Payment terms' })).toHaveFocus();
  });
});
