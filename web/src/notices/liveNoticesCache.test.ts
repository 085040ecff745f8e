import { createCache } from '../app/apollo';
import { myNoticesQuery } from './operations';
import { addLiveNotice } from './useLiveNotices';

function notice(id: string, extra: Record<string, unknown> = {}) {
  return { __typename: 'Notice' as const, id, kind: 'UPCOMING_COLLISION' as const, title: `t ${id}`, message: 'm', occurrences: 1, read: true, readAt: '2025-03-01T00:00:00.000Z',
    updatedAt: '2025-03-01T00:00:00.000Z', account: null, divisions: [], ...extra };
}
const page = (ids: string[], hasNextPage: boolean, total: number) => ({
  myNotices: { __typename: 'NoticeConnection' as const, totalCount: total,
    edges: ids.map((id) => ({ __typename: 'NoticeEdge' as const, cursor: `c-${id}`, node: notice(id) })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: `c-${ids[ids.length - 1]}` } },
});

/**
 * A notice raised again live goes to the top of the loaded list; a page asked for before it was raised may still bring it
 * at its old place. Listed once (found in review: twice, with duplicate React keys).
 */
it('lists a notice raised again live once, when a later page still brings it at its old place', () => {
  const cache = createCache();
  cache.writeQuery({ query: myNoticesQuery, variables: { first: 2 }, data: page(['n1', 'n2'], true, 3) as never });
  // n3, on page 2, is raised again while page 2 is on its way.
  addLiveNotice(cache, notice('n3', { read: false, readAt: null, updatedAt: '2025-03-13T00:00:00.000Z' }) as never);
  cache.writeQuery({ query: myNoticesQuery, variables: { first: 2, after: 'c-n2' }, data: page(['n3'], false, 3) as never });
  const read = cache.readQuery({ query: myNoticesQuery, variables: { first: 2 } }) as { myNotices: { totalCount: number; edges: { node: { id: string } }[] } };
  expect(read.myNotices.edges.map((e) => e.node.id)).toEqual(['n1', 'n2', 'n3']);
});
