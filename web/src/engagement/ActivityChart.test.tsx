import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountCriticalInfoQuery } from '../critical-info/operations';
import { renderApp } from '../test/renderApp';
import { accountPanelsMocks, activityMock, EXHIBITS, LOGISTICS } from '../test/fixtures';

const ACME = { __typename: 'Account', id: 'a1', name: 'Acme Limited', lifecycleStage: 'ACTIVE', industry: null, domains: [], watchedByMe: false, ownedByMe: false, divisions: [EXHIBITS, LOGISTICS], knownAs: [] };

function accountMocks(): MockLink.MockedResponse[] {
  return [
    { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: ACME } } },
    { request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, delay: Number.POSITIVE_INFINITY },
  ];
}

function month(key: string, counts: [typeof EXHIBITS, number][]) {
  return {
    __typename: 'ActivityMonth',
    id: `a1:${key}`,
    month: key,
    startsAt: `${key}-01T00:00:00.000Z`,
    touchCount: counts.reduce((sum, [, n]) => sum + n, 0),
    divisions: counts.map(([division, touchCount]) => ({ __typename: 'DivisionMonthCount', id: `a1:${key}:${division.id}`, division, touchCount })),
  };
}

describe('ActivityChart', () => {
  it('draws touchpoints per month by division, described in words, with the figures as a table', async () => {
    const months = [
      month('2025-01', [[EXHIBITS, 2]]),
      month('2025-02', []),
      month('2025-03', [
        [EXHIBITS, 1],
        [LOGISTICS, 4],
      ]),
    ];
    renderApp('/accounts/a1', [...accountMocks(), activityMock('a1', months), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Activity by month' });
    const chart = await within(panel).findByRole('img', { name: /Bar chart of touchpoints per month/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('Exhibits, Logistics'));
    expect(chart).toHaveAccessibleName(expect.stringContaining('7 touchpoints in all'));
    expect(chart).toHaveAccessibleName(expect.stringMatching(/the most in March 2025 \(5\)/));

    await userEvent.click(within(panel).getByText('Show the figures as a table'));
    const table = within(panel).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Month', 'Exhibits', 'Logistics', 'All divisions']);
    const rows = within(table).getAllByRole('row').slice(1);
    // Months without activity are left out of the table.
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('March 2025');
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '4', '5']);
  });

  it('says so when there was no activity', async () => {
    renderApp('/accounts/a1', [...accountMocks(), activityMock('a1', [month('2025-03', [])]), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Activity by month' });
    expect(await within(panel).findByText('No activity in the last two years')).toBeInTheDocument();
  });
});
