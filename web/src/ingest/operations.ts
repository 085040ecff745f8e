import { graphql } from '../gql';

/** What ingest refused, newest first, with where and why (admins). */
export const rejectedItemsQuery = graphql(`
  query RejectedItems($first: Int, $after: String, $includeResolved: Boolean!) {
    divisions {
      id
      name
    }
    rejectedItems(first: $first, after: $after, includeResolved: $includeResolved) {
      edges {
        cursor
        node {
          id
          kind
          divisionId
          sourceSystem
          externalId
          path
          reason
          attempts
          receivedAt
          resolvedAt
          settledAs
          refusedForItsContent
          raw
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Sends rejected items through ingest again, as they were sent. */
export const reprocessRejectedItemsMutation = graphql(`
  mutation ReprocessRejectedItems($ids: [ID!]!) {
    reprocessRejectedItems(ids: $ids) {
      items {
        kind
        externalId
        status
        reason
        path
        rejectedItemId
      }
      rejected
    }
  }
`);

/** Dismisses rejected items that can never land: settled DISMISSED, kept as sent, the reason audited. */
export const dismissRejectedItemsMutation = graphql(`
  mutation DismissRejectedItems($input: DismissRejectedItemsInput!) {
    dismissRejectedItems(input: $input) {
      items {
        id
        outcome
        settledAs
      }
    }
  }
`);

/** What waits for its account record, longest waiting first (admins). */
export const waitingItemsQuery = graphql(`
  query WaitingItems($first: Int, $after: String) {
    divisions {
      id
      name
    }
    waitingItems(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          kind
          divisionId
          sourceSystem
          externalId
          accountExternalId
          receivedAt
          raw
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
