import { graphql } from '../gql';

/** What a timeline item shows of a touchpoint. */
export const timelineTouchpointFields = graphql(`
  fragment TimelineTouchpoint on Touchpoint {
    id
    type
    occurredAt
    subject
    summary
    outcome
    confidential
    contentHidden
    sourceSystem
    recordedAt
    division {
      id
      key
      name
    }
    colleagues {
      id
      name
      email
    }
    stakeholders {
      id
      name
      title
    }
    opportunity {
      id
      name
      stage
      amount
      currency
    }
  }
`);

/** One page of an account's timeline, newest first (keyset cursors). */
export const timelineQuery = graphql(`
  query AccountTimeline($accountId: ID!, $first: Int, $after: String, $filter: TimelineFilter) {
    account(id: $accountId) {
      id
      timeline(first: $first, after: $after, filter: $filter) {
        edges {
          cursor
          node {
            ...TimelineTouchpoint
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** Touchpoints of the account as they are recorded or change (at least once: upsert by id). */
export const accountActivitySubscription = graphql(`
  subscription AccountActivity($accountId: ID!) {
    accountActivity(accountId: $accountId) {
      ...TimelineTouchpoint
    }
  }
`);
