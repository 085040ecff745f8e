import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { renderApp } from '../test/renderApp';
import { accountsMock, LOGISTICS } from '../test/fixtures';
import { NOTICES_PAGE_SIZE } from './NoticesPage';
import { markNoticesReadMutation, myNoticesQuery, noticeAddedSubscription, unreadNoticeCountQuery } from './operations';
import { NOTICES_CHANNEL } from './noticesChannel';
import { NOTICE_POLL_MS } from './useLiveNotices';

function notice(id: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'Notice',
    id,
    kind: 'OTHER_DIVISION_TOUCH',
    title: 'Logistics touched Acme Limited',
    message: '3 touchpoints by Logistics today. Open the timeline to see what happened.',
    occurrences: 3,
    read: false,
    readAt: null,
    updatedAt: '2025-03-12T10:00:00.000Z',
    account: { __typename: 'Account', id: 'a1', name: 'Acme Limited' },
    divisions: [LOGISTICS],
    ...fields,
  };
}

function noticesMock(nodes: ReturnType<typeof notice>[], options: { unreadOnly?: boolean; after?: string; hasNextPage?: boolean; totalCount?: number } = {}): MockLink.MockedResponse {
  const variables: Record<string, unknown> = { first: NOTICES_PAGE_SIZE, unreadOnly: options.unreadOnly ?? false };
  if (options.after) variables.after = options.after;
  return {
    request: { query: myNoticesQuery, variables },
    result: {
      data: {
        myNotices: {
          __typename: 'NoticeConnection',
          totalCount: options.totalCount ?? nodes.length,
          edges: nodes.map((node) => ({ __typename: 'NoticeEdge', cursor: `n-${node.id}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: options.hasNextPage ?? false, endCursor: nodes.length ? `n-${nodes[nodes.length - 1].id}` : null },
        },
      },
    },
  };
}

function countMock(unread: number): MockLink.MockedResponse {
  return { request: { query: unreadNoticeCountQuery }, result: { data: { unreadNoticeCount: unread } } };
}

const TOUCHED = notice('n1');
const SILENT = notice('n2', { kind: 'ACCOUNT_SILENT', title: 'Initech went silent', message: 'Nobody touched Initech for 90 days.', occurrences: 1, read: true, readAt: '2025-03-01T00:00:00.000Z', account: { __typename: 'Account', id: 'a2', name: 'Initech' }, divisions: [] });

describe('Notices', () => {
  it('has a bell in the header that says how many notices are unread and leads to them', async () => {
    const { router } = renderApp('/accounts', [accountsMock({}, []), noticesMock([TOUCHED, SILENT])], { unreadNotices: 3 });
    const banner = await screen.findByRole('banner');
    const bell = await within(banner).findByRole('link', { name: 'Notices, 3 unread' });
    expect(bell).toHaveAttribute('href', '/notices');
    await userEvent.click(bell);
    expect(router.state.location.pathname).toBe('/notices');
    expect(await screen.findByRole('heading', { level: 1, name: 'Notices' })).toBeInTheDocument();
    expect(within(banner).getByRole('link', { name: 'Notices, 3 unread' })).toHaveAttribute('aria-current', 'page');
  });

  it('lists notices newest first: kind, title, message, account, divisions, read or not', async () => {
    renderApp('/notices', [noticesMock([TOUCHED, SILENT])], { unreadNotices: 1 });
    const list = await screen.findByRole('list', { name: 'Notices' });
    const [touched, silent] = within(list).getAllByRole('listitem').filter((li) => li.parentElement === list);
    expect(within(touched).getByRole('heading', { level: 2 })).toHaveTextContent('Logistics touched Acme Limited');
    expect(touched).toHaveTextContent('Another division touched');
    expect(touched).toHaveTextContent('Unread');
    expect(touched).toHaveTextContent('3 times');
    expect(within(touched).getByRole('link', { name: 'Open Acme Limited' })).toHaveAttribute('href', '/accounts/a1');
    expect(within(touched).getByRole('list', { name: 'Divisions concerned' })).toHaveTextContent('Logistics');
    expect(within(silent).getByRole('heading', { level: 2 })).toHaveTextContent('Initech went silent');
    expect(silent).toHaveTextContent('Gone silent');
    expect(silent).not.toHaveTextContent('Unread');
    expect(within(silent).queryByRole('button', { name: /Mark as read/ })).not.toBeInTheDocument();
    expect(screen.getByText('2 notices in all')).toBeInTheDocument();
    expect(document.title).toBe('Notices (1 unread) · OurCustomer');
  });

  it('leads from a "matches wait" notice to the match reviews', async () => {
    const waiting = notice('n3', { kind: 'MATCH_REVIEW_WAITING', title: 'Matches wait for review', message: '3 possible duplicates wait for a person to decide (1 new today).', account: null, divisions: [] });
    const { router } = renderApp('/notices', [noticesMock([waiting])], { unreadNotices: 1 });
    const item = await screen.findByRole('listitem', { name: 'Matches wait for review' });
    const link = within(item).getByRole('link', { name: 'Review the matches' });
    expect(link).toHaveAttribute('href', '/match-reviews');
    await userEvent.click(link);
    expect(router.state.location.pathname).toBe('/match-reviews');
  });

  it('marks a notice read: the bell counts one fewer', async () => {
    renderApp(
      '/notices',
      [
        noticesMock([TOUCHED, SILENT]),
        { request: { query: markNoticesReadMutation, variables: { input: { ids: ['n1'] } } }, result: { data: { markNoticesRead: { __typename: 'MarkNoticesReadPayload', markedIds: ['n1'], unreadCount: 0 } } } },
      ],
      { unreadNotices: 1 },
    );
    const banner = await screen.findByRole('banner');
    await within(banner).findByRole('link', { name: 'Notices, 1 unread' });
    await userEvent.click(await screen.findByRole('button', { name: /^Mark as read ?: Logistics touched Acme Limited$/ }));
    expect(await within(banner).findByRole('link', { name: 'Notices, none unread' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Mark as read/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
    // The button went: the focus goes to the page heading, not to the page's body (found by exploratory testing).
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Notices' })).toHaveFocus());
  });

  // Found by exploratory testing: one flag for all put every "Mark as read" and "Mark all as read" in a spinner.
  it('shows only the notice being marked as busy', async () => {
    const other = notice('n4', { title: 'Print touched Acme Limited' });
    renderApp(
      '/notices',
      [
        noticesMock([TOUCHED, other]),
        {
          request: { query: markNoticesReadMutation, variables: { input: { ids: ['n1'] } } },
          delay: 300,
          result: { data: { markNoticesRead: { __typename: 'MarkNoticesReadPayload', markedIds: ['n1'], unreadCount: 1 } } },
        },
      ],
      { unreadNotices: 2 },
    );
    const pressed = await screen.findByRole('button', { name: /^Mark as read ?: Logistics touched Acme Limited$/ });
    await userEvent.click(pressed);
    expect(pressed).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: /^Mark as read ?: Print touched Acme Limited$/ })).not.toHaveAttribute('aria-busy');
    expect(screen.getByRole('button', { name: 'Mark all as read' })).not.toHaveAttribute('aria-busy');
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Mark as read ?: Logistics touched Acme Limited$/ })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: /^Mark as read ?: Print touched Acme Limited$/ })).toBeEnabled();
  });

  // Found by exploratory testing: marked notices stayed in the unread view, which still counted them.
  it('asks for the unread view again once notices are marked read in it', async () => {
    renderApp(
      '/notices?show=unread',
      [
        noticesMock([TOUCHED], { unreadOnly: true }),
        { request: { query: markNoticesReadMutation, variables: { input: { all: true } } }, result: { data: { markNoticesRead: { __typename: 'MarkNoticesReadPayload', markedIds: ['n1'], unreadCount: 0 } } } },
        noticesMock([], { unreadOnly: true }),
      ],
      { unreadNotices: 1 },
    );
    await screen.findByRole('heading', { level: 2, name: 'Logistics touched Acme Limited' });
    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: 'Logistics touched Acme Limited' })).not.toBeInTheDocument();
  });

  it('shows the unread ones only, and says when all are read', async () => {
    renderApp('/notices', [noticesMock([SILENT]), noticesMock([], { unreadOnly: true })]);
    await screen.findByRole('heading', { level: 2, name: 'Initech went silent' });
    await userEvent.click(screen.getByRole('radio', { name: 'Unread' }));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
  });

  it('explains what notices are when there are none', async () => {
    renderApp('/notices', [noticesMock([])]);
    expect(await screen.findByText('No notices yet')).toBeInTheDocument();
    expect(screen.getByText(/Watch an account from its page/)).toBeInTheDocument();
  });

  // From the team's notes: read on another device, the notices stayed unread in the list (the bell's count alone followed).
  it('asks for the notices shown again when the bell’s poll finds fewer unread than the list shows', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const readElsewhere = notice('n1', { read: true, readAt: '2025-03-12T11:00:00.000Z' });
      renderApp('/notices', [noticesMock([TOUCHED, SILENT]), countMock(1), countMock(0), noticesMock([readElsewhere, SILENT])], { unreadNotices: 0 });
      const banner = await screen.findByRole('banner');
      await within(banner).findByRole('link', { name: 'Notices, 1 unread' });
      expect(await screen.findByRole('listitem', { name: 'Logistics touched Acme Limited' })).toHaveTextContent('Unread');

      await act(async () => {
        await jest.advanceTimersByTimeAsync(NOTICE_POLL_MS);
      });
      expect(await within(banner).findByRole('link', { name: 'Notices, none unread' })).toBeInTheDocument();
      await waitFor(() => expect(screen.getByRole('listitem', { name: 'Logistics touched Acme Limited' })).not.toHaveTextContent('Unread'));
      expect(screen.queryByRole('button', { name: /Mark as read/ })).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('adds a notice that arrives live to the list and the bell, and announces it', async () => {
    const fresh = notice('n3', { title: 'Print touched Acme Limited', divisions: [], occurrences: 1, updatedAt: '2025-03-13T10:00:00.000Z' });
    renderApp(
      '/notices',
      [
        noticesMock([TOUCHED]),
        countMock(1),
        { request: { query: noticeAddedSubscription }, result: { data: { noticeAdded: fresh } }, delay: 100 },
        countMock(2),
      ],
      { unreadNotices: 2 },
    );
    const list = await screen.findByRole('list', { name: 'Notices' });
    const banner = screen.getByRole('banner');
    await within(banner).findByRole('link', { name: 'Notices, 1 unread' });

    expect(await within(list).findByRole('heading', { level: 2, name: 'Print touched Acme Limited' })).toBeInTheDocument();
    const titles = within(list).getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual(['Print touched Acme Limited', 'Logistics touched Acme Limited']);
    expect(await within(banner).findByRole('link', { name: 'Notices, 2 unread' })).toBeInTheDocument();
    expect(screen.getByText('New notice: Print touched Acme Limited')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('2 notices in all')).toBeInTheDocument());
  });
});

/**
 * jsdom has no BroadcastChannel: this one carries messages between the instances of this test file, asynchronously
 * and never back to the sender, as browsers do. The test holds "another tab"'s instance.
 */
class FakeBroadcastChannel {
  static open = new Set<FakeBroadcastChannel>();
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(readonly name: string) {
    FakeBroadcastChannel.open.add(this);
  }
  postMessage(data: unknown) {
    for (const other of FakeBroadcastChannel.open) {
      if (other !== this && other.name === this.name) setTimeout(() => other.onmessage?.(new MessageEvent('message', { data })), 0);
    }
  }
  close() {
    FakeBroadcastChannel.open.delete(this);
  }
}

describe('Notices in several tabs', () => {
  let otherTab: FakeBroadcastChannel;
  let heard: unknown[];
  beforeEach(() => {
    Object.defineProperty(window, 'BroadcastChannel', { configurable: true, writable: true, value: FakeBroadcastChannel });
    otherTab = new FakeBroadcastChannel(NOTICES_CHANNEL);
    heard = [];
    otherTab.onmessage = (event) => heard.push(event.data);
  });
  afterEach(() => {
    otherTab.close();
    delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
  });

  it('tells the other tabs when notices are marked read here', async () => {
    renderApp(
      '/notices',
      [
        noticesMock([TOUCHED, SILENT]),
        { request: { query: markNoticesReadMutation, variables: { input: { ids: ['n1'] } } }, result: { data: { markNoticesRead: { __typename: 'MarkNoticesReadPayload', markedIds: ['n1'], unreadCount: 0 } } } },
      ],
      { unreadNotices: 1 },
    );
    await within(await screen.findByRole('banner')).findByRole('link', { name: 'Notices, 1 unread' });
    await waitFor(() => expect(heard).toEqual([{ unread: 1 }]));
    await userEvent.click(await screen.findByRole('button', { name: /^Mark as read ?: Logistics touched Acme Limited$/ }));
    await waitFor(() => expect(heard).toEqual([{ unread: 1 }, { unread: 0 }]));
  });

  it('asks for the count and the list again when another tab has another count, and does not tell it back', async () => {
    renderApp('/notices', [noticesMock([TOUCHED, SILENT]), countMock(1), noticesMock([notice('n1', { read: true, readAt: '2025-03-12T11:00:00.000Z' }), SILENT]), countMock(0)], { unreadNotices: 0 });
    const banner = await screen.findByRole('banner');
    await within(banner).findByRole('link', { name: 'Notices, 1 unread' });
    const touched = await screen.findByRole('listitem', { name: 'Logistics touched Acme Limited' });
    expect(touched).toHaveTextContent('Unread');
    await waitFor(() => expect(heard).toEqual([{ unread: 1 }]));

    // The other tab marked it read.
    otherTab.postMessage({ unread: 0 });
    expect(await within(banner).findByRole('link', { name: 'Notices, none unread' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Logistics touched Acme Limited' })).not.toHaveTextContent('Unread'));
    // It learned the count from the other tab: nothing to tell it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([{ unread: 1 }]);
  });

  it('asks for nothing when another tab has the same count', async () => {
    renderApp('/notices', [noticesMock([TOUCHED]), countMock(1)], { unreadNotices: 5 });
    const banner = await screen.findByRole('banner');
    await within(banner).findByRole('link', { name: 'Notices, 1 unread' });
    otherTab.postMessage({ unread: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Asked again, the bell would have had the 5 of the mocks that follow.
    expect(within(banner).getByRole('link', { name: 'Notices, 1 unread' })).toBeInTheDocument();
  });
});
