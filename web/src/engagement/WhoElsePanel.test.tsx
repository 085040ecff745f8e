import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountCriticalInfoQuery } from '../critical-info/operations';
import { renderApp } from '../test/renderApp';
import { accountPanelsMocks, activityMock, apiError, EXHIBITS, LOGISTICS, PRINT } from '../test/fixtures';
import { engagementQuery } from './operations';

const ACME = { __typename: 'Account', id: 'a1', name: 'Acme Limited', lifecycleStage: 'ACTIVE', industry: null, domains: [], watchedByMe: false, ownedByMe: false, divisions: [EXHIBITS, LOGISTICS, PRINT], knownAs: [] };

function accountMocks(): MockLink.MockedResponse[] {
  return [
    { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: ACME } } },
    { request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, delay: Number.POSITIVE_INFINITY },
  ];
}

const person = (id: string, name: string) => ({ __typename: 'Colleague', id, name });

function divisionRow(division: typeof EXHIBITS, fields: Record<string, unknown>) {
  return {
    __typename: 'DivisionEngagement',
    id: `a1:${division.id}`,
    division,
    owner: null,
    owners: [],
    ownerEmails: [],
    colleagues: [],
    touchCount: 0,
    touchCountsByType: [],
    firstTouch: null,
    lastTouch: null,
    nextPlannedTouch: null,
    openOpportunityCount: 0,
    openOpportunityTotals: [],
    ...fields,
  };
}

const ENGAGEMENT = {
  divisions: [
    divisionRow(LOGISTICS, {
      owner: person('c-lou', 'Lou Logistics'),
      owners: [person('c-lou', 'Lou Logistics')],
      ownerEmails: ['lou@ourco.example'],
      colleagues: [person('c-lou', 'Lou Logistics'), person('c-lena', 'Lena Freight')],
      touchCount: 12,
      touchCountsByType: [
        { __typename: 'TouchpointTypeCount', id: 't1', type: 'ORDER', count: 7 },
        { __typename: 'TouchpointTypeCount', id: 't2', type: 'CALL', count: 5 },
      ],
      firstTouch: '2024-01-10T10:00:00.000Z',
      lastTouch: '2025-03-10T10:00:00.000Z',
      nextPlannedTouch: '2099-04-02T09:00:00.000Z',
      openOpportunityCount: 2,
      openOpportunityTotals: [{ __typename: 'MoneyTotal', id: 'm1', amount: 50000, currency: 'EUR', opportunityCount: 2 }],
    }),
    divisionRow(PRINT, { ownerEmails: ['pat@print.example'] }),
  ],
  colleagues: [
    {
      __typename: 'ColleagueEngagement',
      id: 'a1:c-lou',
      colleague: person('c-lou', 'Lou Logistics'),
      division: LOGISTICS,
      touchCount: 9,
      touchesLast90Days: 3,
      lastTouch: '2025-03-10T10:00:00.000Z',
    },
  ],
  sinceMyLastTouch: {
    __typename: 'ActivitySinceMyLastTouch',
    id: 'a1:me',
    myLastTouch: '2025-02-01T10:00:00.000Z',
    touchCount: 4,
    divisions: [{ __typename: 'DivisionActivitySince', id: 'x', division: LOGISTICS, touchCount: 4, lastTouch: '2025-03-10T10:00:00.000Z' }],
  },
};

function engagement(fields: Record<string, unknown>): MockLink.MockedResponse {
  return {
    request: { query: engagementQuery, variables: { accountId: 'a1' } },
    result: { data: { account: { __typename: 'Account', id: 'a1', engagement: { __typename: 'AccountEngagement', id: 'a1', asOf: '2025-03-20T00:00:00.000Z', ...fields } } } },
  };
}

describe('WhoElsePanel', () => {
  it('shows each division with its owner, colleagues, touchpoints, last touch and open opportunity totals; and what is new since my last touch', async () => {
    renderApp('/accounts/a1', [...accountMocks(), engagement(ENGAGEMENT), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Who else is talking' });
    const table = await within(panel).findByRole('table', { name: /Each division’s relationship/ });
    const [logistics, print] = within(table).getAllByRole('row').slice(1);

    expect(within(logistics).getByRole('rowheader')).toHaveTextContent('Logistics');
    const cells = within(logistics).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('Lou Logistics');
    expect(cells[1]).toHaveTextContent('Lou Logistics, Lena Freight');
    expect(cells[2]).toHaveTextContent('12');
    expect(cells[2]).toHaveTextContent('7 order, 5 call');
    expect(cells[3]).toHaveTextContent(/Mar 10, 2025|10 Mar 2025|2025/);
    expect(cells[3]).toHaveTextContent(/Next planned/);
    expect(cells[4]).toHaveTextContent('2');
    expect(cells[4]).toHaveTextContent(/€50,000/);

    // An owner the hub does not know as a colleague shows by email; no touch yet says "Never".
    const printCells = within(print).getAllByRole('cell');
    expect(printCells[0]).toHaveTextContent('pat@print.example');
    expect(printCells[3]).toHaveTextContent('Never');
    expect(printCells[4]).toHaveTextContent('None');

    expect(within(panel).getByText(/Since your last touch on/)).toBeInTheDocument();
    expect(within(panel).getByText(/4 touchpoints by other divisions: Logistics 4/)).toBeInTheDocument();

    const colleagues = within(panel).getByRole('table', { name: /Our colleagues who talked/ });
    expect(within(colleagues).getByRole('rowheader', { name: 'Lou Logistics' })).toBeInTheDocument();
  });

  it('lists six colleagues, and all on demand', async () => {
    const many = Array.from({ length: 8 }, (_, i) => ({
      __typename: 'ColleagueEngagement',
      id: `a1:c${i}`,
      colleague: person(`c${i}`, `Colleague ${i + 1}`),
      division: EXHIBITS,
      touchCount: 1,
      touchesLast90Days: 0,
      lastTouch: '2025-01-01T00:00:00.000Z',
    }));
    renderApp('/accounts/a1', [...accountMocks(), engagement({ ...ENGAGEMENT, colleagues: many }), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Who else is talking' });
    const table = await within(panel).findByRole('table', { name: /Our colleagues who talked/ });
    expect(within(table).getAllByRole('row')).toHaveLength(7);
    const more = within(panel).getByRole('button', { name: 'Show all 8 colleagues' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(more);
    expect(within(table).getAllByRole('row')).toHaveLength(9);
    expect(within(panel).getByRole('button', { name: 'Show fewer colleagues' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('says so when it cannot load', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      { request: { query: engagementQuery, variables: { accountId: 'a1' } }, result: apiError('INTERNAL_SERVER_ERROR', 'Engagement is resting.') },
      activityMock('a1'),
      ...accountPanelsMocks('a1'),
    ]);
    const panel = await screen.findByRole('region', { name: 'Who else is talking' });
    expect(await within(panel).findByText('Could not load who else is talking')).toBeInTheDocument();
    expect(within(panel).getByText('Engagement is resting.')).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
