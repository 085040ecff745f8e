import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { accountQuery } from '../accounts/AccountPage';
import { accountCriticalInfoQuery } from '../critical-info/operations';
import { renderApp } from '../test/renderApp';
import { accountPanelsMocks, EXHIBITS, LOGISTICS, stakeholdersMock } from '../test/fixtures';
import { stakeholdersQuery } from './operations';
import { STAKEHOLDERS_PAGE_SIZE } from './StakeholdersPanel';
import { formatDate } from '../touchpoints/format';

const ACME = { __typename: 'Account', id: 'a1', name: 'Acme Limited', lifecycleStage: 'ACTIVE', industry: null, domains: [], watchedByMe: false, ownedByMe: false, divisions: [EXHIBITS, LOGISTICS], knownAs: [] };

function accountMocks(): MockLink.MockedResponse[] {
  return [
    { request: { query: accountQuery, variables: { id: 'a1' } }, result: { data: { account: ACME } } },
    { request: { query: accountCriticalInfoQuery, variables: { id: 'a1' } }, delay: Number.POSITIVE_INFINITY },
  ];
}

function stakeholder(id: string, name: string, fields: Record<string, unknown> = {}) {
  return { __typename: 'Stakeholder', id, name, title: null, divisions: [], colleagues: [], lastTouch: null, touchCount: 0, affiliations: [], ...fields };
}

const CARLA = stakeholder('s1', 'Carla Finance', {
  title: 'CFO',
  divisions: [EXHIBITS, LOGISTICS],
  colleagues: [
    { __typename: 'Colleague', id: 'c1', name: 'Erin Exhibits' },
    { __typename: 'Colleague', id: 'c2', name: 'Lou Logistics' },
  ],
  lastTouch: '2025-03-10T10:00:00.000Z',
  touchCount: 14,
});
const DAN = stakeholder('s2', 'Dan Engineer');

describe('StakeholdersPanel', () => {
  it('lists the customer’s people: title, the divisions and colleagues dealing with them, last touch', async () => {
    renderApp('/accounts/a1', [...accountMocks(), stakeholdersMock('a1', [CARLA, DAN], { totalCount: 2 }), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    const table = await within(panel).findByRole('table', { name: '2 people, by name' });
    const [carla, dan] = within(table).getAllByRole('row').slice(1);
    expect(within(carla).getByRole('rowheader')).toHaveTextContent('Carla Finance');
    const cells = within(carla).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('CFO');
    expect(within(cells[1]).getByRole('list', { name: 'Divisions dealing with Carla Finance' })).toHaveTextContent('ExhibitsLogistics');
    expect(cells[2]).toHaveTextContent('Erin Exhibits, Lou Logistics');
    expect(cells[3]).toHaveTextContent('14 touchpoints');
    const danCells = within(dan).getAllByRole('cell');
    expect(danCells[0]).toHaveTextContent('not set');
    expect(danCells[2]).toHaveTextContent('Nobody yet');
    expect(danCells[3]).toHaveTextContent('Never');
  });

  it('loads the next page with a button', async () => {
    renderApp('/accounts/a1', [
      ...accountMocks(),
      stakeholdersMock('a1', [CARLA], { hasNextPage: true, totalCount: 2 }),
      stakeholdersMock('a1', [DAN], { after: 'st-s1', totalCount: 2 }),
      ...accountPanelsMocks('a1'),
    ]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    await within(panel).findByRole('table', { name: 'Showing 1 of 2 people, by name' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Load more stakeholders' }));
    expect(await within(panel).findByRole('rowheader', { name: 'Dan Engineer' })).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Load more stakeholders' })).not.toBeInTheDocument();
  });

  it('says where a person was before, and lists on request the people who moved on, with where they are now', async () => {
    const affiliation = (id: string, name: string, current: boolean, endedOn: string | null = null, title: string | null = null) =>
      ({ __typename: 'StakeholderAffiliation', id: `s:${id}`, account: { __typename: 'Account', id, name }, title, startedOn: '2024-01-01', endedOn, current, divisionTitles: [] });
    const moved = stakeholder('s3', 'Mia Mover', { affiliations: [affiliation('a1', 'Acme Limited', true), affiliation('a7', 'Initech', false, '2026-06-30')] });
    const gone = stakeholder('s4', 'Gus Gone', { title: 'CTO', touchCount: 3, lastTouch: '2025-01-10T10:00:00.000Z',
      affiliations: [affiliation('a9', 'Hooli', true, null, 'CTO'), affiliation('a1', 'Acme Limited', false, '2026-05-01', 'Head of IT')] });
    renderApp('/accounts/a1', [
      ...accountMocks(), stakeholdersMock('a1', [moved]),
      {
        request: { query: stakeholdersQuery, variables: { accountId: 'a1', first: STAKEHOLDERS_PAGE_SIZE, presence: 'FORMER' } },
        result: { data: { account: { __typename: 'Account', id: 'a1', stakeholders: { __typename: 'StakeholderConnection', totalCount: null,
          edges: [{ __typename: 'StakeholderEdge', cursor: 'st-s4', node: gone }], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'st-s4' } } } } },
      },
      ...accountPanelsMocks('a1'),
    ]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    const mia = await within(panel).findByRole('rowheader', { name: /Mia Mover/ });
    expect(mia).toHaveTextContent(`Formerly at Initech, ${formatDate('2024-01-01')} – ${formatDate('2026-06-30')}`);
    expect(within(mia).getByRole('link', { name: 'Initech' })).toHaveAttribute('href', '/accounts/a7');
    expect(mia).not.toHaveTextContent('Acme Limited');

    const toggle = within(panel).getByRole('button', { name: 'Show people who moved on' });
    await userEvent.click(toggle);
    const former = await within(panel).findByRole('table', { name: '1 person who moved on, by name (what we did with them here)' });
    const gus = within(former).getByRole('rowheader', { name: /Gus Gone/ });
    expect(gus).toHaveTextContent('Now at Hooli');
    expect(within(former).getAllByRole('row')[1]).toHaveTextContent('3 touchpoints');
    // The title he had here, not his new one.
    expect(within(former).getAllByRole('row')[1]).toHaveTextContent('Head of IT');
    expect(within(former).getAllByRole('row')[1]).not.toHaveTextContent('CTO');
    expect(within(panel).getByRole('button', { name: 'Hide people who moved on' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('says "Also at" of a person at another customer too, not "Now at" as of one who left', async () => {
    const affiliation = (id: string, name: string) =>
      ({ __typename: 'StakeholderAffiliation', id: `s:${id}`, account: { __typename: 'Account', id, name }, title: null, startedOn: '2024-01-01', endedOn: null, current: true, divisionTitles: [] });
    const both = stakeholder('s5', 'Bea Board', { affiliations: [affiliation('a1', 'Acme Limited'), affiliation('a8', 'Globex')] });
    renderApp('/accounts/a1', [...accountMocks(), stakeholdersMock('a1', [both]), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    const bea = await within(panel).findByRole('rowheader', { name: /Bea Board/ });
    expect(bea).toHaveTextContent('Also at Globex');
    expect(bea).not.toHaveTextContent('Now at');
    expect(within(bea).getByRole('link', { name: 'Globex' })).toHaveAttribute('href', '/accounts/a8');
  });
});

describe('a person’s stints and titles', () => {
  const stint = (id: string, account: { id: string; name: string }, startedOn: string, endedOn: string | null, title: string | null,
    divisionTitles: { title: string; division: { id: string; name: string } }[] = []) => ({
    __typename: 'StakeholderAffiliation', id, account: { __typename: 'Account', ...account }, title, startedOn, endedOn, current: endedOn === null,
    divisionTitles: divisionTitles.map((t, i) => ({ __typename: 'AffiliationTitle', id: `${id}-${i}`, since: startedOn, title: t.title, division: { __typename: 'Division', ...t.division } })),
  });
  const acme = { id: 'a1', name: 'Acme Limited' };
  const initech = { id: 'a7', name: 'Initech' };

  it('lists each stint with its dates, the one before a person came back too, and each division’s title when they disagree', async () => {
    const rita = stakeholder('s6', 'Rita Return', {
      title: 'VP Engineering',
      affiliations: [
        stint('t3', acme, '2025-09-01', null, 'VP Engineering', [
          { title: 'VP Engineering', division: { id: 'd2', name: 'Logistics' } },
          { title: 'CTO', division: { id: 'd1', name: 'Exhibits' } },
        ]),
        stint('t2', initech, '2024-04-01', '2025-08-31', 'Head of IT'),
        stint('t1', acme, '2022-01-10', '2024-03-31', 'Engineer', [{ title: 'Engineer', division: { id: 'd1', name: 'Exhibits' } }]),
      ],
    });
    renderApp('/accounts/a1', [...accountMocks(), stakeholdersMock('a1', [rita]), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    const name = await within(panel).findByRole('rowheader', { name: /Rita Return/ });
    expect(name).toHaveTextContent(`Formerly at Initech, ${formatDate('2024-04-01')} – ${formatDate('2025-08-31')}`);
    expect(name).toHaveTextContent(`Earlier here, ${formatDate('2022-01-10')} – ${formatDate('2024-03-31')}, as Engineer`);
    const titles = within(panel).getByRole('list', { name: 'Titles the divisions give Rita Return' });
    expect(within(titles).getAllByRole('listitem').map((i) => i.textContent)).toEqual(['VP Engineering (Logistics)', 'CTO (Exhibits)']);
  });

  it('shows one title when the divisions agree, and no earlier stint for a person who never left', async () => {
    const sam = stakeholder('s7', 'Sam Steady', {
      title: 'CFO',
      affiliations: [stint('t4', acme, '2023-02-01', null, 'CFO', [
        { title: 'CFO', division: { id: 'd1', name: 'Exhibits' } },
        { title: 'CFO', division: { id: 'd2', name: 'Logistics' } },
      ])],
    });
    renderApp('/accounts/a1', [...accountMocks(), stakeholdersMock('a1', [sam]), ...accountPanelsMocks('a1')]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    const row = (await within(panel).findByRole('rowheader', { name: /Sam Steady/ })).closest('tr')!;
    expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(/^CFO$/);
    expect(within(row).queryByRole('list', { name: /Titles the divisions give/ })).not.toBeInTheDocument();
    expect(within(row).getByRole('rowheader')).toHaveTextContent(/^Sam Steady$/);
  });
});

describe('the people who moved on', () => {
  it('loads them a page at a time: more than a page of them can all be seen', async () => {
    const former = (nodes: ReturnType<typeof stakeholder>[], hasNextPage: boolean, after?: string): MockLink.MockedResponse => ({
      request: { query: stakeholdersQuery, variables: { accountId: 'a1', first: STAKEHOLDERS_PAGE_SIZE, presence: 'FORMER', ...(after ? { after } : {}) } },
      result: { data: { account: { __typename: 'Account', id: 'a1', stakeholders: { __typename: 'StakeholderConnection', totalCount: null,
        edges: nodes.map((node) => ({ __typename: 'StakeholderEdge', cursor: `st-${node.id}`, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `st-${nodes[nodes.length - 1].id}` } } } } },
    });
    renderApp('/accounts/a1', [
      ...accountMocks(), stakeholdersMock('a1', [DAN]),
      former([stakeholder('s4', 'Gus Gone')], true), former([stakeholder('s5', 'Hal Hopped')], false, 'st-s4'),
      ...accountPanelsMocks('a1'),
    ]);
    const panel = await screen.findByRole('region', { name: 'Stakeholders' });
    await userEvent.click(await within(panel).findByRole('button', { name: 'Show people who moved on' }));
    expect(await within(panel).findByRole('rowheader', { name: /Gus Gone/ })).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole('button', { name: 'Load more people who moved on' }));
    expect(await within(panel).findByRole('rowheader', { name: /Hal Hopped/ })).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Load more people who moved on' })).not.toBeInTheDocument();
  });
});

describe('the client cache of stakeholders', () => {
  it('keeps what we did with a person at each account apart: the old account’s list of people who moved on and the new account’s list', async () => {
    const { createCache } = await import('../app/apollo');
    const cache = createCache();
    const list = (accountId: string, node: ReturnType<typeof stakeholder>, presence?: 'FORMER') => ({
      query: stakeholdersQuery,
      variables: { accountId, first: STAKEHOLDERS_PAGE_SIZE, ...(presence ? { presence } : {}) },
      data: { account: { __typename: 'Account', id: accountId, stakeholders: { __typename: 'StakeholderConnection', totalCount: null,
        edges: [{ __typename: 'StakeholderEdge', cursor: `st-${node.id}`, node }], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: `st-${node.id}` } } } },
    });
    // Gus met us 3 times at Acme (a1), which he left; at Hooli (a9), where he is now, never yet.
    const atAcme = list('a1', stakeholder('s4', 'Gus Gone', { touchCount: 3, lastTouch: '2025-01-10T10:00:00.000Z', divisions: [EXHIBITS] }), 'FORMER');
    const atHooli = list('a9', stakeholder('s4', 'Gus Gone'));
    cache.writeQuery(atAcme as never);
    cache.writeQuery(atHooli as never);
    const node = (q: typeof atAcme) => (cache.readQuery({ query: stakeholdersQuery, variables: q.variables }) as typeof q.data).account.stakeholders.edges[0].node;
    expect(node(atAcme)).toMatchObject({ touchCount: 3, lastTouch: '2025-01-10T10:00:00.000Z', divisions: [EXHIBITS] });
    expect(node(atHooli)).toMatchObject({ touchCount: 0, lastTouch: null, divisions: [] });
  });
});
