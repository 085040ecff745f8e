import { graphql } from '../gql';

/** What a notice shows. */
export const noticeFields = graphql(`
  fragment NoticeFields on Notice {
    id
    kind
    title
    message
    occurrences
    read
    readAt
    updatedAt
    account {
      id
      name
    }
    divisions {
      id
      key
      name
    }
  }
`);

/** The bell's number. */
export const unreadNoticeCountQuery = graphql(`
  query UnreadNoticeCount {
    unreadNoticeCount
  }
`);

/** My notices, newest first, a page at a time. */
export const myNoticesQuery = graphql(`
  query MyNotices($first: Int, $after: String, $unreadOnly: Boolean) {
    myNotices(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      edges {
        cursor
        node {
          ...NoticeFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const markNoticesReadMutation = graphql(`
  mutation MarkNoticesRead($input: MarkNoticesReadInput!) {
    markNoticesRead(input: $input) {
      markedIds
      unreadCount
    }
  }
`);

/** My notices as they are raised or raised again (at least once: upsert by id). */
export const noticeAddedSubscription = graphql(`
  subscription NoticeAdded {
    noticeAdded {
      ...NoticeFields
    }
  }
`);

export const watchAccountMutation = graphql(`
  mutation WatchAccount($input: WatchAccountInput!) {
    watchAccount(input: $input) {
      watching
      owner
      account {
        id
        watchedByMe
        ownedByMe
      }
    }
  }
`);

export const unwatchAccountMutation = graphql(`
  mutation UnwatchAccount($input: WatchAccountInput!) {
    unwatchAccount(input: $input) {
      watching
      owner
      account {
        id
        watchedByMe
        ownedByMe
      }
    }
  }
`);
