import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import { renderApp } from '../test/renderApp';
import { ADMIN, apiError, colleague, EXHIBITS, LOGISTICS } from '../test/fixtures';
import { signInMutation } from '../auth/operations';
import { MATCH_REVIEWS_PAGE_SIZE } from './MatchReviewsPage';
import { DECIDED_REVIEWS_PAGE_SIZE } from './components/DecidedReviewHistory';
import { decidedMatchReviewsQuery, matchReviewsQuery, resolveMatchReviewMutation } from './operations';

function side(recordId: string, name: string, divisionId: string, raw: Record<string, unknown>, accountId: string | null = null) {
  return { __typename: 'MatchSide', recordId, divisionId, sourceSystem: divisionId === EXHIBITS.id ? 'crm' : 'sap', externalId: recordId.toUpperCase(), name, raw, accountId, stakeholderId: null };
}

/** A candidate side with what its account holds now (the card shows it for customers). */
function candidate(base: ReturnType<typeof side>, holds: { name?: string; domains?: string[]; registryIds?: string[]; divisions?: { id: string; name: string }[] } = {}) {
  const account = base.accountId && {
    __typename: 'Account', id: base.accountId, name: holds.name ?? base.name, domains: holds.domains ?? [], registryIds: holds.registryIds ?? [],
    divisions: (holds.divisions ?? [EXHIBITS]).map((d) => ({ __typename: 'Division', id: d.id, name: d.name })),
  };
  return { ...base, account };
}

const NORTHWIND = {
  __typename: 'MatchReview', id: 'r1', kind: 'ACCOUNT', score: 9, ruleVersion: 'fs-9', status: 'OPEN', createdAt: '2026-11-20T09:00:00.000Z',
  evidence: [
    { __typename: 'MatchComparison', field: 'prior', level: 'BASE', weight: -3, note: null },
    { __typename: 'MatchComparison', field: 'name', level: 'CLOSE', weight: 10, note: null },
    { __typename: 'MatchComparison', field: 'phone', level: 'DIFFERENT', weight: -1, note: 'phone held by 2 accounts' },
    { __typename: 'MatchComparison', field: 'address', level: 'SAME', weight: 3, note: null },
  ],
  record: side('n2', 'Northwind Trader', LOGISTICS.id, { name: 'Northwind Trader', phone: '+1 555 010 2222', website: 'northwind.example' }, 'a2'),
  candidate: candidate(side('n1', 'Northwind Traders', EXHIBITS.id, { name: 'Northwind Traders', phone: '+1 555 010 1111' }, 'a1'), {
    domains: ['northwind.example', 'northwind-traders.example'], registryIds: ['DE 123 456 789'], divisions: [EXHIBITS, LOGISTICS],
  }),
};

const BAKKER = {
  ...NORTHWIND, id: 'r2', kind: 'STAKEHOLDER', score: 4,
  evidence: [{ __typename: 'MatchComparison', field: 'email', level: 'AS_NAMES', weight: 0, note: null }],
  record: side('p2', 'Laura Bakker', EXHIBITS.id, { name: 'Laura Bakker', emails: ['laura.bakker@danvia.example'], title: 'Buyer' }),
  candidate: candidate(side('p1', 'Clara Bakker', EXHIBITS.id, { name: 'Clara Bakker', emails: ['clara.bakker@danvia.example'] })),
};

function reviewsMock(nodes: unknown[], page: { after?: string; hasNextPage?: boolean; delay?: number; first?: number } = {}): MockLink.MockedResponse {
  const first = page.first ?? MATCH_REVIEWS_PAGE_SIZE;
  return {
    request: { query: matchReviewsQuery, variables: page.after ? { first, after: page.after } : { first } },
    delay: page.delay,
    result: {
      data: {
        divisions: [EXHIBITS, LOGISTICS].map((d) => ({ __typename: 'Division', id: d.id, name: d.name })),
        matchReviews: {
          __typename: 'MatchReviewConnection', totalCount: nodes.length,
          edges: nodes.map((node, i) => ({ __typename: 'MatchReviewEdge', cursor: `c${page.after ?? ''}${i}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: page.hasNextPage ?? false, endCursor: nodes.length ? `c${page.after ?? ''}${nodes.length - 1}` : null },
        },
      },
    },
  };
}

function resolveMock(id: string, decision: string, reason: string | null, account: { id: string; name: string } | null, override = false): MockLink.MockedResponse {
  return {
    request: { query: resolveMatchReviewMutation, variables: { id, decision, reason, override } },
    result: {
      data: {
        resolveMatchReview: {
          __typename: 'ResolveMatchReviewPayload', review: { __typename: 'MatchReview', id, status: decision },
          account: account && { __typename: 'Account', ...account }, stakeholderId: null,
        },
      },
    },
  };
}

describe('Match reviews', () => {
  it('is in the header for managers and admins, and shows both sides with the evidence', async () => {
    const { router } = renderApp('/accounts', [reviewsMock([NORTHWIND, BAKKER])]);
    await userEvent.click(await within(await screen.findByRole('banner')).findByRole('button', { name: 'Manage' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Match reviews' }));
    expect(router.state.location.pathname).toBe('/match-reviews');
    expect(await screen.findByRole('heading', { level: 1, name: 'Match reviews' })).toBeInTheDocument();
    expect(await screen.findByText('2 pairs waiting')).toBeInTheDocument();

    const card = screen.getByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    expect(within(card).getByText('Customers')).toBeInTheDocument();
    expect(within(card).getByText('Logistics · sap')).toBeInTheDocument();
    expect(within(card).getByText('northwind.example')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Open the account of Northwind Traders' })).toHaveAttribute('href', '/accounts/a1');
    const rows = within(within(card).getByRole('table')).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['FieldAgreementWeightWhy', 'Starting pointbefore any evidence−3.0', 'Nameclose+10.0', 'Phonedifferent−1.0phone held by 2 accounts', 'Addresssame+3.0', 'Score+9.0']);

    const people = screen.getByRole('listitem', { name: 'Laura Bakker and Clara Bakker' });
    expect(within(people).getByText('People')).toBeInTheDocument();
    expect(within(people).getByText('Buyer')).toBeInTheDocument();
    expect(within(people).getByRole('button', { name: 'Same person' })).toBeInTheDocument();
  });

  // Found in review: the card showed the candidate record alone, not what its account holds meanwhile, which a steward needs to decide.
  it('shows what the candidate\'s account holds now (domains, divisions, registry ids) on a review of customers, a long list shortened', async () => {
    const many = Array.from({ length: 9 }, (_, i) => `bay${i + 1}.example`);
    const BAYSIDE = {
      ...NORTHWIND, id: 'r5',
      record: side('b2', 'Bayside Freight', LOGISTICS.id, { name: 'Bayside Freight' }, 'a6'),
      candidate: candidate(side('b1', 'Bayside Frieght', EXHIBITS.id, { name: 'Bayside Frieght' }, 'a5'), { name: 'Bayside Group', domains: many }),
    };
    renderApp('/match-reviews', [reviewsMock([NORTHWIND, BAYSIDE, BAKKER])]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    const holds = within(card).getByRole('group', { name: 'What the account Northwind Traders holds now' });
    expect(within(holds).getByRole('heading', { level: 4, name: 'What the account Northwind Traders holds now' })).toBeInTheDocument();
    const facts = (region: HTMLElement) => Object.fromEntries(within(region).getAllByRole('term').map((term) => [term.textContent, term.nextElementSibling?.textContent]));
    expect(facts(holds)).toEqual({ 'Web domains': 'northwind.example, northwind-traders.example', Divisions: 'Exhibits, Logistics', 'Registry ids': 'DE 123 456 789' });
    // Only the candidate's: the arrived record's account is the one it would be merged out of.
    expect(within(card).getAllByRole('group', { name: /holds now$/ })).toHaveLength(1);

    // Nothing given says so; a long list names the first few and how many more (the account page has them all).
    const bayside = screen.getByRole('listitem', { name: 'Bayside Freight and Bayside Frieght' });
    expect(facts(within(bayside).getByRole('group', { name: 'What the account Bayside Group holds now' }))).toEqual({
      'Web domains': 'bay1.example, bay2.example, bay3.example, bay4.example, bay5.example and 4 more', Divisions: 'Exhibits', 'Registry ids': 'none',
    });
    // A review of people: the account is where they work, not what is decided.
    expect(within(screen.getByRole('listitem', { name: 'Laura Bakker and Clara Bakker' })).queryByRole('group', { name: /holds now$/ })).toBeNull();
  });

  // Found in review: two reviews of one candidate account made two landmarks of one name (axe's landmark-unique).
  it('names no two landmarks alike when two reviews have the same candidate account', async () => {
    const AGAIN = {
      ...NORTHWIND, id: 'r6',
      record: side('n3', 'Northwind Trading', EXHIBITS.id, { name: 'Northwind Trading' }, 'a7'),
    };
    renderApp('/match-reviews', [reviewsMock([NORTHWIND, AGAIN])]);
    const cards = [
      await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' }),
      screen.getByRole('listitem', { name: 'Northwind Trading and Northwind Traders' }),
    ];
    // Every landmark by role and accessible name, as axe compares them: none twice.
    const landmarks: string[] = [];
    for (const role of ['banner', 'main', 'navigation', 'region', 'form', 'search', 'complementary', 'contentinfo']) {
      screen.queryAllByRole(role, { name: (name) => { landmarks.push(`${role}: ${name}`); return true; } });
    }
    expect(landmarks).toContain('form: Decide: Northwind Trading (Exhibits #N3) and Northwind Traders (Exhibits #N1)');
    expect(landmarks.filter((l, i) => landmarks.indexOf(l) !== i)).toEqual([]);
    // Each card still names what the account holds now, for a screen reader entering it.
    for (const card of cards) expect(within(card).getByRole('group', { name: 'What the account Northwind Traders holds now' })).toBeInTheDocument();
  });

  it('decides SAME with a reason and links the merged account; DIFFERENT says they stay apart; the queue is asked for again after each', async () => {
    renderApp('/match-reviews', [
      reviewsMock([NORTHWIND, BAKKER]),
      resolveMock('r1', 'SAME', 'Same VAT number on their invoices', { id: 'a1', name: 'Northwind Traders' }),
      reviewsMock([BAKKER]),
      resolveMock('r2', 'DIFFERENT', null, null),
      reviewsMock([]),
    ]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    const form = within(card).getByRole('form', { name: 'Decide: Northwind Trader (Logistics #N2) and Northwind Traders (Exhibits #N1)' });
    await userEvent.type(within(form).getByLabelText('Reason (optional)'), 'Same VAT number on their invoices');
    await userEvent.click(within(form).getByRole('button', { name: 'Same customer' }));
    const done = await screen.findByRole('status', { name: 'Decisions made during this visit' });
    expect(await within(done).findByText(/Northwind Trader and Northwind Traders: same customer, now/)).toBeInTheDocument();
    expect(within(done).getByRole('link', { name: 'Northwind Traders' })).toHaveAttribute('href', '/accounts/a1');
    // Asked for again: the decided pair has left the queue, and the count says so.
    expect(await screen.findByText('1 pair waiting')).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: 'Northwind Trader and Northwind Traders' })).not.toBeInTheDocument();
    // The decided card took the focus with it: the review now in its place has it, not the top of the page.
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Laura Bakker and Clara Bakker' })).toHaveFocus());

    const people = screen.getByRole('listitem', { name: 'Laura Bakker and Clara Bakker' });
    await userEvent.click(within(people).getByRole('button', { name: 'Different people' }));
    expect(await within(done).findByText(/Laura Bakker and Clara Bakker: different people: they stay apart and will not be linked automatically again/)).toBeInTheDocument();
    expect(await screen.findByText('Nothing to review')).toBeInTheDocument();
    // None left: what was decided has it.
    await waitFor(() => expect(within(done).getByRole('heading', { name: 'Decided during this visit' })).toHaveFocus());
  });

  // Found by exploratory testing: deciding a card of the second page asked for the first page only, and the list fell back to 10 cards.
  it('keeps the pages loaded when a review further down is decided, and the focus on the card that took its place', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      ...NORTHWIND, id: `m${i}`,
      record: side(`m${i}b`, `Marlow ${i} Ltd`, LOGISTICS.id, { name: `Marlow ${i} Ltd` }), candidate: candidate(side(`m${i}a`, `Marlow ${i} Limited`, EXHIBITS.id, { name: `Marlow ${i} Limited` })),
    }));
    const remaining = many.filter((r) => r.id !== 'm10');
    renderApp('/match-reviews', [
      reviewsMock(many.slice(0, 10), { hasNextPage: true }),
      reviewsMock(many.slice(10), { after: 'c9' }),
      resolveMock('m10', 'DIFFERENT', null, null),
      reviewsMock(remaining, { first: 12 }),
    ]);
    await screen.findByRole('listitem', { name: 'Marlow 0 Ltd and Marlow 0 Limited' });
    await userEvent.click(screen.getByRole('button', { name: 'Load more match reviews' }));
    const card = await screen.findByRole('listitem', { name: 'Marlow 10 Ltd and Marlow 10 Limited' });
    await userEvent.click(within(card).getByRole('button', { name: 'Different customers' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Marlow 10 Ltd and Marlow 10 Limited' })).not.toBeInTheDocument());
    expect(screen.getByRole('listitem', { name: 'Marlow 11 Ltd and Marlow 11 Limited' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Marlow 11 Ltd and Marlow 11 Limited' })).toHaveFocus());
  });

  it('names each review\'s form by its two records: two reviews of the same two names are told apart', async () => {
    // Two records of one person in each division: two open reviews with the same two names.
    const MERCIER = {
      ...BAKKER, id: 'r3',
      record: side('p3', 'Susanne Mercier', EXHIBITS.id, { name: 'Susanne Mercier' }),
      candidate: candidate(side('p4', 'Sanne Moreno', LOGISTICS.id, { name: 'Sanne Moreno' })),
    };
    const MERCIER_AGAIN = { ...MERCIER, id: 'r4', record: side('p5', 'Susanne Mercier', EXHIBITS.id, { name: 'Susanne Mercier' }) };
    renderApp('/match-reviews', [reviewsMock([MERCIER, MERCIER_AGAIN])]);
    const cards = await screen.findAllByRole('listitem', { name: 'Susanne Mercier and Sanne Moreno' });
    expect(cards).toHaveLength(2);
    const forms = screen.getAllByRole('form').map((form) => form.getAttribute('aria-label'));
    expect(forms).toEqual([
      'Decide: Susanne Mercier (Exhibits #P3) and Sanne Moreno (Logistics #P4)',
      'Decide: Susanne Mercier (Exhibits #P5) and Sanne Moreno (Logistics #P4)',
    ]);
  });

  it('sends a long reason whole: the box takes the 1,000 characters the API keeps', async () => {
    const reason = `${'The two records share the delivery address, the VAT number and the buyer. '.repeat(10)}`.trim();
    expect(reason.length).toBeGreaterThan(700);
    renderApp('/match-reviews', [reviewsMock([NORTHWIND]), resolveMock('r1', 'DIFFERENT', reason, null), reviewsMock([])]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    const box = within(card).getByRole('textbox', { name: 'Reason (optional)' });
    expect(box).toHaveAccessibleDescription('Kept in the audit trail with your decision. Up to 1,000 characters.');
    await userEvent.click(box);
    await userEvent.paste(reason);
    expect(box).toHaveValue(reason);
    await userEvent.click(within(card).getByRole('button', { name: 'Different customers' }));
    expect(await screen.findByText(/Northwind Trader and Northwind Traders: different customers/)).toBeInTheDocument();
  });

  it('keeps the reason typed when the session ends before the decision, and offers it again after signing in', async () => {
    const reason = 'Same VAT number on their invoices';
    const { router } = renderApp('/match-reviews', [
      reviewsMock([NORTHWIND]),
      { request: { query: resolveMatchReviewMutation, variables: { id: 'r1', decision: 'SAME', reason, override: false } }, result: apiError('UNAUTHENTICATED', 'Sign in first.') },
      { request: { query: signInMutation, variables: { email: ADMIN.email, password: 'ourcustomer-demo' } }, result: { data: { signIn: { __typename: 'SignInPayload', colleague: ADMIN } } } },
      reviewsMock([NORTHWIND]),
      resolveMock('r1', 'SAME', reason, { id: 'a1', name: 'Northwind Traders' }),
      reviewsMock([]),
    ]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    await userEvent.type(within(card).getByLabelText('Reason (optional)'), reason);
    await userEvent.click(within(card).getByRole('button', { name: 'Same customer' }));

    // The session had ended: the sign-in page says so, and leads back here.
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session ended');
    await userEvent.type(screen.getByLabelText('Email'), ADMIN.email);
    await userEvent.type(screen.getByLabelText('Password'), 'ourcustomer-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const again = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    expect(router.state.location.pathname).toBe('/match-reviews');
    expect(within(again).getByLabelText('Reason (optional)')).toHaveValue(reason);
    expect(within(again).getByRole('status')).toHaveTextContent('What you typed was kept: review it and save again.');
    await userEvent.click(within(again).getByRole('button', { name: 'Same customer' }));
    expect(await screen.findByText(/Northwind Trader and Northwind Traders: same customer/)).toBeInTheDocument();
    // Decided: nothing is kept any more.
    expect(Object.keys(window.sessionStorage).filter((key) => key.startsWith('ourcustomer.'))).toEqual([]);
  });

  // Found by exploratory testing: a review a merge had settled meanwhile kept its buttons and said it was "already decided".
  it('says when a review was settled meanwhile, offers the list again instead of the decision, and refreshes it', async () => {
    const settled = 'This match review was settled meanwhile (OBSOLETE): a merge put its two sides together, so nothing is left to decide.';
    renderApp('/match-reviews', [
      reviewsMock([NORTHWIND]),
      { request: { query: resolveMatchReviewMutation, variables: { id: 'r1', decision: 'SAME', reason: null, override: false } }, result: { errors: [{ message: settled, extensions: { code: 'CONFLICT' } }] } },
      reviewsMock([]),
    ]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    await userEvent.click(within(card).getByRole('button', { name: 'Same customer' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent(settled);
    expect(within(card).queryByRole('button', { name: 'Same customer' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Different customers' })).toBeNull();
    await userEvent.click(within(card).getByRole('button', { name: 'Refresh the list' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Northwind Trader and Northwind Traders' })).toBeNull());
  });

  it('tells who kept the two customers apart when SAME is refused, and merges only when told to anyway', async () => {
    const refusal = 'These accounts were kept apart: Mia Manager split them apart on 2026-11-20 ("two shops"). Decide SAME with override: true to merge them anyway.';
    renderApp('/match-reviews', [
      reviewsMock([NORTHWIND]),
      { request: { query: resolveMatchReviewMutation, variables: { id: 'r1', decision: 'SAME', reason: 'same owner', override: false } },
        result: { errors: [{ message: refusal, extensions: { code: 'KEPT_APART' } }] } },
      resolveMock('r1', 'SAME', 'same owner', { id: 'a1', name: 'Northwind Traders' }, true),
      reviewsMock([]),
    ]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    await userEvent.type(within(card).getByLabelText('Reason (optional)'), 'same owner');
    await userEvent.click(within(card).getByRole('button', { name: 'Same customer' }));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Kept apart by a person');
    expect(alert).toHaveTextContent('These accounts were kept apart: Mia Manager split them apart on 2026-11-20 ("two shops").');
    expect(alert).not.toHaveTextContent('override');
    expect(within(card).queryByRole('button', { name: 'Same customer' })).not.toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Same customer anyway' }));
    expect(await screen.findByText(/Northwind Trader and Northwind Traders: same customer, now/)).toBeInTheDocument();
  });

  it('says the accounts\' registry ids differ when SAME is refused for them, and merges only when told to anyway', async () => {
    const refusal = 'These accounts give different registry ids, and no id of one is the other\'s: "Northwind Traders" (the best candidate\'s account) gives HRB 1234; '
      + '"Northwind Trader" (the arrived record\'s account) gives HRB 5678. Two ids of one kind that differ are most likely two legal entities\' ids. Decide SAME with override: true to merge them anyway.';
    const registryIds = { sameKind: true, accounts: [{ accountId: 'a1', name: 'Northwind Traders', registryIds: ['HRB 1234'] }, { accountId: 'a2', name: 'Northwind Trader', registryIds: ['HRB 5678'] }] };
    renderApp('/match-reviews', [
      reviewsMock([NORTHWIND]),
      { request: { query: resolveMatchReviewMutation, variables: { id: 'r1', decision: 'SAME', reason: null, override: false } },
        result: { errors: [{ message: refusal, extensions: { code: 'KEPT_APART', keptApart: [], registryIds } }] } },
      resolveMock('r1', 'SAME', null, { id: 'a1', name: 'Northwind Traders' }, true),
      reviewsMock([]),
    ]);
    const card = await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    await userEvent.click(within(card).getByRole('button', { name: 'Same customer' }));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent(/^Their registry ids differThese accounts give different registry ids, .* gives HRB 1234; .* gives HRB 5678\. Two ids of one kind that differ are most likely two legal entities' ids\.$/);
    expect(alert).not.toHaveTextContent('override');
    await userEvent.click(within(card).getByRole('button', { name: 'Same customer anyway' }));
    expect(await screen.findByText(/Northwind Trader and Northwind Traders: same customer, now/)).toBeInTheDocument();
  });

  it('lists the decided reviews under Decided: the verdict, who gave it, when and why; the link to the tab keeps it', async () => {
    const decided = (id: string, status: string, reason: string | null, decidedBy: { id: string; name: string } | null, names: [string, string], from = LOGISTICS.id) => ({
      __typename: 'MatchReview', id, kind: 'ACCOUNT', status, reason, decidedAt: '2026-11-21T10:30:00.000Z',
      decidedBy: decidedBy && { __typename: 'Colleague', ...decidedBy },
      record: { __typename: 'MatchSide', recordId: `${id}-a`, divisionId: from, name: names[0] },
      candidate: { __typename: 'MatchSide', recordId: `${id}-b`, divisionId: EXHIBITS.id, name: names[1] },
    });
    const nodes = [
      decided('d1', 'DIFFERENT', 'Two shops of one family', { id: 'c-mia', name: 'Mia Manager' }, ['Westwind Trader', 'Westwind Traders']),
      decided('d2', 'SAME', null, null, ['Initech', 'Initech Inc']),
      decided('d3', 'OBSOLETE', null, null, ['Eastwind Trader', 'Eastwind Traders']),
      decided('d4', 'DIFFERENT', null, null, ['Danvia', 'Danvia Group'], EXHIBITS.id),
    ];
    const { router } = renderApp('/match-reviews', [reviewsMock([NORTHWIND]), {
      request: { query: decidedMatchReviewsQuery, variables: { first: DECIDED_REVIEWS_PAGE_SIZE } },
      result: { data: {
        divisions: [EXHIBITS, LOGISTICS].map((d) => ({ __typename: 'Division', id: d.id, name: d.name })),
        matchReviews: { __typename: 'MatchReviewConnection', totalCount: 4, edges: nodes.map((node, i) => ({ __typename: 'MatchReviewEdge', cursor: `d${i}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'd3' } },
      } },
    }]);
    await userEvent.click(await screen.findByRole('tab', { name: 'Decided' }));
    expect(router.state.location.search).toBe('?view=decided');
    const list = await screen.findByRole('list', { name: 'Decided match reviews' });
    const items = within(list).getAllByRole('listitem').map((item) => item.textContent);
    expect(items[0]).toMatch(/^Westwind Trader and Westwind TradersDifferent customersLogistics and Exhibits · Decided by Mia Manager on .+Two shops of one family$/);
    expect(items[1]).toMatch(/^Initech and Initech IncSame customerLogistics and Exhibits · Decided through the API on /);
    expect(items[2]).toMatch(/^Eastwind Trader and Eastwind TradersSettled by a mergeLogistics and Exhibits · No decision needed: a merge put the two sides together on /);
    // Both sides from one division: said once.
    expect(items[3]).toMatch(/^Danvia and Danvia GroupDifferent customersBoth from Exhibits · Decided through the API on /);
    expect(screen.getByText('4 pairs decided or settled, the latest first')).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: 'Northwind Trader and Northwind Traders' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Waiting (1)' }));
    expect(await screen.findByRole('listitem', { name: 'Northwind Trader and Northwind Traders' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  // Found by exploratory testing: loading, the button was disabled, which drops the keyboard focus to the page's body.
  it('keeps “Load more match reviews” focusable while the next page loads', async () => {
    renderApp('/match-reviews', [reviewsMock([NORTHWIND], { hasNextPage: true }), reviewsMock([BAKKER], { after: 'c0', hasNextPage: true, delay: 300 })]);
    const button = await screen.findByRole('button', { name: 'Load more match reviews' });
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toBeEnabled();
    expect(button).toHaveFocus();
    await screen.findByRole('form', { name: /Clara Bakker/ });
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(button).toHaveFocus();
  });

  it('says when nothing waits', async () => {
    renderApp('/match-reviews', [reviewsMock([])]);
    expect(await screen.findByText('Nothing to review')).toBeInTheDocument();
  });

  it('is not offered to reps, and tells them who decides', async () => {
    renderApp('/match-reviews', [], { me: colleague('c-rep', 'Rita Rep', 'rita@ourcompany.example', 'REP', EXHIBITS) });
    expect(await screen.findByText('Only managers and admins decide match reviews.')).toBeInTheDocument();
    expect(within(screen.getByRole('banner')).queryByRole('button', { name: 'Manage' })).not.toBeInTheDocument();
  });
});
