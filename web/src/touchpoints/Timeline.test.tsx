import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountCriticalInfoQuery } from '../critical-info/operations';
import { renderApp } from '../test/renderApp';
import { timelineQuery } from './operations';
import { TIMELINE_PAGE_SIZE } from './useTimeline';
import { accountActivityMock, accountPanelsMocks, colleagueRef, EXHIBITS, LOGISTICS, timelineMock, touchpointNode } from '../test/fixtures';

const ACME = {
  __typename: 'Account',
  id: 'a1',
  name: 'Acme Limited',
  lifecycleStage: 'ACTIVE',
  industry: null,
  domains: [],
  watchedByMe: false,
  ownedByMe: false,
  divisions: [EXHIBITS, LOGISTICS],
  knownAs: [],
};

/** The account, and the critical-info panel kept waiting (not under test here). */
function accountMocks(): MockLink.MockedResponse[] {
  return [
    { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: ACME } } },
    { request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, delay: Number.POSITIVE_INFINITY },
  ];
}

const PLANNED = touchpointNode('t-planned', { type: 'CALL', occurredAt: '2099-01-15T09:00:00.000Z', subject: 'Kick-off call', division: LOGISTICS });
const REVIEW = touchpointNode('t-review', {
  subject: 'Quarterly review',
  summary: 'Went through the stand plans for Hanover.',
  outcome: 'Send a proposal by Friday',
  colleagues: [colleagueRef('c-erin', 'Erin Exhibits')],
  stakeholders: [{ __typename: 'Stakeholder', id: 's-carla', name: 'Carla Finance', title: 'CFO' }],
  opportunity: { __typename: 'Opportunity', id: 'o1', name: 'Hanover 2025 stand', stage: 'Proposal', amount: 120000, currency: 'EUR' },
});
const SECRET = touchpointNode('t-secret', {
  type: 'MEETING',
  occurredAt: '2025-02-01T10:00:00.000Z',
  subject: null,
  summary: null,
  outcome: null,
  confidential: true,
  contentHidden: true,
  division: LOGISTICS,
});

function items() {
  return within(screen.getByRole('list', { name: 'Touchpoints' })).getAllByRole('listitem', { hidden: false }).filter((li) => li.parentElement?.getAttribute('aria-label') === 'Touchpoints');
}

describe('Timeline', () => {
  it('shows every division’s touchpoints newest first: division named, planned ones marked, confidential ones greyed with a lock', async () => {
    renderApp('/accounts/a1', [...accountMocks(), ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET])]);

    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await within(timeline).findByRole('heading', { level: 3, name: 'Kick-off call' });
    const [planned, review, secret] = items();

    expect(within(planned).getByText('Logistics')).toBeInTheDocument();
    expect(within(planned).getByText('Call')).toBeInTheDocument();
    expect(within(planned).getByText('Planned')).toBeInTheDocument();

    expect(within(review).getByText('Exhibits')).toBeInTheDocument();
    expect(within(review).queryByText('Planned')).not.toBeInTheDocument();
    expect(within(review).getByText('Went through the stand plans for Hanover.')).toBeInTheDocument();
    expect(review).toHaveTextContent('Outcome: Send a proposal by Friday');
    expect(review).toHaveTextContent('With Carla Finance (CFO)');
    expect(review).toHaveTextContent('Our side: Erin Exhibits');
    expect(review).toHaveTextContent(/Opportunity: Hanover 2025 stand · Proposal · .*120,000/);
    expect(review.querySelector('time')).toHaveAttribute('datetime', '2025-03-12T10:00:00.000Z');

    expect(within(secret).getByRole('img', { name: 'Confidential to Logistics' })).toBeInTheDocument();
    expect(within(secret).getByRole('heading', { level: 3 })).toHaveTextContent('Meeting of Logistics (content withheld)');
    expect(secret).toHaveTextContent('The subject, summary and outcome are confidential to Logistics');
    expect(secret).toHaveAttribute('data-content-hidden', 'true');

    expect(within(timeline).getByText('That is the whole story: 3 touchpoints.')).toBeInTheDocument();
  });

  it('loads the next page with “Load more touchpoints” (infinite scroll presses it where IntersectionObserver exists)', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      timelineMock('a1', [PLANNED, REVIEW], { hasNextPage: true }),
      timelineMock('a1', [SECRET], { after: 'tp-t-review' }),
      ...accountPanelsMocks('a1'),
    ]);
    await screen.findByRole('heading', { level: 3, name: 'Quarterly review' });
    expect(items()).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Load more touchpoints' }));

    await screen.findByRole('heading', { level: 3, name: 'Meeting of Logistics (content withheld)' });
    expect(items()).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more touchpoints' })).not.toBeInTheDocument();
    // The button had the focus and went with the last page: the focus is on the first item of that page, not lost
    // to the page's body (found by exploratory testing).
    await waitFor(() => expect(items()[2]).toHaveFocus());
  });

  // Found by exploratory testing: loading, the button was disabled, which drops the keyboard focus to the page's body.
  it('keeps “Load more touchpoints” focusable while the next page loads', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      timelineMock('a1', [PLANNED, REVIEW], { hasNextPage: true }),
      timelineMock('a1', [SECRET], { after: 'tp-t-review', hasNextPage: true, delay: 300 }),
      ...accountPanelsMocks('a1'),
    ]);
    await screen.findByRole('heading', { level: 3, name: 'Quarterly review' });
    const button = screen.getByRole('button', { name: 'Load more touchpoints' });
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toBeEnabled();
    expect(button).toHaveFocus();
    await screen.findByRole('heading', { level: 3, name: 'Meeting of Logistics (content withheld)' });
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(button).toHaveFocus();
  });

  it('filters by division with the keyboard, and says when nothing matches', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      timelineMock('a1', [PLANNED, SECRET], { filter: { divisionIds: ['d-logistics'] } }),
      timelineMock('a1', [], { filter: { divisionIds: ['d-logistics'], types: ['ORDER'] } }),
      ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET]),
    ]);
    await screen.findByRole('heading', { level: 3, name: 'Quarterly review' });
    const filters = screen.getByRole('search', { name: 'Filter the timeline' });

    const logistics = within(filters).getByRole('checkbox', { name: 'Logistics' });
    logistics.focus();
    await userEvent.keyboard(' ');
    expect(logistics).toBeChecked();
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'Quarterly review' })).not.toBeInTheDocument());
    expect(items()).toHaveLength(2);
    expect(items().every((li) => li.getAttribute('data-division') === 'logistics')).toBe(true);

    await userEvent.click(within(filters).getByRole('combobox', { name: 'Kinds' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Order', hidden: true }));
    expect(await screen.findByText('No touchpoint matches these filters')).toBeInTheDocument();

    await userEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Quarterly review' })).toBeInTheDocument();
    expect(logistics).not.toBeChecked();
  });

  it('keeps its filter in the URL: a link with one opens the timeline filtered, and changing it changes the link', async () => {
    const { router } = renderApp('/accounts/a1?division=d-logistics&kind=ORDER&kind=NOT-A-KIND&from=2025-13&words=', [
      ...accountMocks(),
      timelineMock('a1', [], { filter: { divisionIds: ['d-logistics'], types: ['ORDER'] } }),
      timelineMock('a1', [PLANNED, SECRET], { filter: { divisionIds: ['d-logistics'] } }),
      ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET]),
    ]);
    expect(await screen.findByText('No touchpoint matches these filters')).toBeInTheDocument();
    const filters = screen.getByRole('search', { name: 'Filter the timeline' });
    expect(within(filters).getByRole('checkbox', { name: 'Logistics' })).toBeChecked();
    await userEvent.click(within(filters).getByRole('combobox', { name: 'Kinds' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Order', hidden: true }));
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(router.state.location.search).toBe('?division=d-logistics');
    await userEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    expect(router.state.location.search).toBe('');
  });

  // Found by exploratory testing: such links showed the API's refusal with a Try again that could never succeed, or
  // filtered by a date the date box showed blank, or by a division no chip showed.
  it('leaves out of a link\'s filter what cannot be one: no day of the calendar, a division the account has not, words past 200 characters', async () => {
    const words = 'x'.repeat(300);
    renderApp(`/accounts/a1?from=2026-11-31&to=9999-99-99&division=abc&division=00000000-0000-0000-0000-000000000000&words=${words}`, [
      ...accountMocks(),
      timelineMock('a1', [REVIEW], { filter: { text: 'x'.repeat(200) } }),
      ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET]),
    ]);
    expect(await screen.findByRole('heading', { level: 3, name: 'Quarterly review' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Words' })).toHaveValue('x'.repeat(200));
    expect(screen.queryByText('Could not load the timeline')).not.toBeInTheDocument();
  });

  it('searches the words once typing pauses', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      timelineMock('a1', [REVIEW], { filter: { text: 'hanover stand' } }),
      ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET]),
    ]);
    await screen.findByRole('heading', { level: 3, name: 'Kick-off call' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Words' }), 'hanover stand');
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'Kick-off call' })).not.toBeInTheDocument());
    expect(items()).toHaveLength(1);
    expect(screen.getByText('That is all: 1 touchpoint match.')).toBeInTheDocument();
  });

  it('says under Words when the words are too common to search, instead of showing an empty timeline', async () => {
    const refused = 'Invalid filter.text: expected a word the search can use; "the or" has only words too common to search.';
    renderApp('/accounts/a1', [
      ...accountMocks(),
      {
        request: { query: timelineQuery, variables: { accountId: 'a1', first: TIMELINE_PAGE_SIZE, filter: { text: 'the or' } } },
        result: { errors: [{ message: refused, extensions: { code: 'BAD_USER_INPUT', argument: 'filter.text' } }], data: null },
      },
      ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET]),
    ]);
    await screen.findByRole('heading', { level: 3, name: 'Kick-off call' });
    const words = screen.getByRole('searchbox', { name: 'Words' });
    await userEvent.type(words, 'the or');
    expect(await screen.findByText('These words cannot be searched')).toBeInTheDocument();
    expect(words).toHaveAccessibleDescription('Too common to search: add a more specific word');
    expect(screen.queryByText('Could not load the timeline')).not.toBeInTheDocument();
  });

  it('adds a touchpoint that arrives live where it belongs, marked new and announced, without a reload', async () => {
    const live = touchpointNode('t-live', { type: 'CALL', occurredAt: '2025-03-19T08:00:00.000Z', subject: 'Follow-up on the proposal', division: LOGISTICS });
    renderApp('/accounts/a1', [...accountMocks(), accountActivityMock('a1', live, 100), ...accountPanelsMocks('a1', [PLANNED, REVIEW, SECRET])]);
    await screen.findByRole('heading', { level: 3, name: 'Quarterly review' });

    const heading = await screen.findByRole('heading', { level: 3, name: 'Follow-up on the proposal' });
    const all = items();
    expect(all).toHaveLength(4);
    // After the planned call (in the future), before the review of 12 March.
    expect(all[1]).toContainElement(heading);
    expect(within(all[1]).getByText('New')).toBeInTheDocument();
    expect(screen.getByText('New touchpoint: Call of Logistics: Follow-up on the proposal')).toBeInTheDocument();
  });

  it('says so when the timeline cannot be loaded, and tries again', async () => {
    renderApp('/accounts/a1', [...accountMocks(), timelineMock('a1', [], { error: 'The hub is having a moment.' }), ...accountPanelsMocks('a1', [REVIEW])]);
    const alert = await screen.findByText('Could not load the timeline');
    expect(screen.getByText('The hub is having a moment.')).toBeInTheDocument();
    await userEvent.click(within(alert.closest('[role="alert"]') ?? document.body).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Quarterly review' })).toBeInTheDocument();
  });

  it('says so when the account has no touchpoints yet', async () => {
    renderApp('/accounts/a1', [...accountMocks(), ...accountPanelsMocks('a1', [])]);
    expect(await screen.findByText('No touchpoints yet')).toBeInTheDocument();
  });
});
