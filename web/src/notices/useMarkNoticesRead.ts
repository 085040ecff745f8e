import { useMutation } from '@apollo/client/react';
import { markNoticesReadMutation, unreadNoticeCountQuery } from './operations';

/** Marks notices read (some, or all): the cache learns which, and the bell its new count. */
export function useMarkNoticesRead() {
  const [mutate, state] = useMutation(markNoticesReadMutation, {
    update(cache, { data }) {
      const result = data?.markNoticesRead;
      if (!result) return;
      const now = new Date().toISOString();
      for (const id of result.markedIds) {
        cache.modify({
          id: cache.identify({ __typename: 'Notice', id }),
          fields: { read: () => true, readAt: (value) => value ?? now },
        });
      }
      cache.writeQuery({ query: unreadNoticeCountQuery, data: { unreadNoticeCount: result.unreadCount } });
    },
  });
  const markRead = (ids: string[]) => mutate({ variables: { input: { ids } } });
  const markAllRead = () => mutate({ variables: { input: { all: true } } });
  return { markRead, markAllRead, ...state };
}
