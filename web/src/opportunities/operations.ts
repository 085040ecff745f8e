import { graphql } from '../gql';

/**
 * Every division's opportunities with the account (those of the filter's statuses, when given), open ones first
 * (soonest close first), then closed ones (latest first); with the exact totals per currency of all of them.
 */
export const opportunitiesQuery = graphql(`
  query AccountOpportunities($accountId: ID!, $first: Int, $after: String, $filter: OpportunityFilter) {
    account(id: $accountId) {
      id
      opportunities(first: $first, after: $after, filter: $filter) {
        edges {
          cursor
          node {
            id
            name
            stage
            status
            amountText
            currency
            closeDate
            overdue
            ownerEmail
            owner {
              id
              name
            }
            division {
              id
              key
              name
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totals {
          id
          currency
          amountText
          opportunityCount
        }
      }
    }
  }
`);
