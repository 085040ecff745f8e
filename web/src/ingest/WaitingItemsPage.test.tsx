import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { renderApp } from '../test/renderApp';
import { colleague, EXHIBITS, LOGISTICS } from '../test/fixtures';
import { WAITING_ITEMS_PAGE_SIZE } from './WaitingItemsPage';
import { waitingItemsQuery } from './operations';

function item(id: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'WaitingItem', id, kind: 'TOUCHPOINT', divisionId: LOGISTICS.id, sourceSystem: 'sap', externalId: `T-${id}`, accountExternalId: '0042',
    receivedAt: '2026-11-20T09:00:00.000Z', raw: { externalId: `T-${id}`, accountExternalId: '0042', type: 'CALL', occurredAt: '2026-11-19T15:00:00.000Z' }, ...fields,
  };
}

function itemsMock(nodes: ReturnType<typeof item>[], page: { after?: string; hasNextPage?: boolean } = {}): MockLink.MockedResponse {
  const variables: Record<string, unknown> = { first: WAITING_ITEMS_PAGE_SIZE };
  if (page.after) variables.after = page.after;
  return {
    request: { query: waitingItemsQuery, variables },
    result: {
      data: {
        divisions: [EXHIBITS, LOGISTICS].map((d) => ({ __typename: 'Division', id: d.id, name: d.name })),
        waitingItems: {
          __typename: 'WaitingItemConnection',
          edges: nodes.map((node) => ({ __typename: 'WaitingItemEdge', cursor: `w-${node.id}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: page.hasNextPage ?? false, endCursor: nodes.length ? `w-${nodes[nodes.length - 1].id}` : null },
        },
      },
    },
  };
}

const VALUE = item('2', {
  kind: 'CRITICAL_INFO', externalId: null, divisionId: EXHIBITS.id, sourceSystem: 'crm', accountExternalId: 'A-7',
  raw: { accountExternalId: 'A-7', fieldKey: 'payment_terms', value: 'Net 30' },
});

describe('Waiting items', () => {
  it('is in the header for admins and shows what waits, from whom, since when, for which account record', async () => {
    const { router } = renderApp('/accounts', [itemsMock([item('1'), VALUE])]);
    await userEvent.click(await within(await screen.findByRole('banner')).findByRole('button', { name: 'Manage' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Waiting items' }));
    expect(router.state.location.pathname).toBe('/admin/waiting-items');
    const touchpoint = await screen.findByRole('listitem', { name: 'Touchpoint T-1' });
    expect(touchpoint).toHaveTextContent('Logistics · sap · received');
    expect(touchpoint).toHaveTextContent('Waits for account record 0042 of sap, which has not arrived.');
    expect(touchpoint).toHaveTextContent('"occurredAt": "2026-11-19T15:00:00.000Z"');
    expect(within(touchpoint).getByText('The item as sent')).toHaveTextContent(/^The item as sent: Touchpoint T-1$/);
    // A critical-info value has no external id: its field names it.
    const value = screen.getByRole('listitem', { name: 'Critical info payment_terms' });
    expect(value).toHaveTextContent('Exhibits · crm');
    expect(value).toHaveTextContent('Waits for account record A-7 of crm');
  });

  it('loads the next page on request', async () => {
    const many = Array.from({ length: WAITING_ITEMS_PAGE_SIZE + 1 }, (_, i) => item(`${i + 10}`));
    const firstPage = many.slice(0, WAITING_ITEMS_PAGE_SIZE);
    renderApp('/admin/waiting-items', [itemsMock(firstPage, { hasNextPage: true }), itemsMock(many.slice(WAITING_ITEMS_PAGE_SIZE), { after: `w-${firstPage.at(-1)!.id}` })]);
    await userEvent.click(await screen.findByRole('button', { name: 'Load more waiting items' }));
    expect(await screen.findByRole('listitem', { name: `Touchpoint T-${many.at(-1)!.id}` })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(many.length);
    expect(screen.queryByRole('button', { name: 'Load more waiting items' })).not.toBeInTheDocument();
  });

  it('says when nothing is waiting', async () => {
    renderApp('/admin/waiting-items', [itemsMock([])]);
    expect(await screen.findByText('Nothing is waiting')).toBeInTheDocument();
  });

  it('is for admins only', async () => {
    renderApp('/admin/waiting-items', [], { me: colleague('c-m', 'Mo Manager', 'mo@ourcompany.example', 'MANAGER', EXHIBITS) });
    expect(await screen.findByText('Only admins see the items waiting for their account.')).toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Manage' }));
    expect(await screen.findByRole('menuitem', { name: 'Match reviews' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Waiting items' })).not.toBeInTheDocument();
  });
});
