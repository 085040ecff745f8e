import { graphql } from '../gql';

/** Every division's opportunities with the account, open ones first (soonest close first), then closed ones (latest first). */
export const opportunitiesQuery = graphql(`
  query AccountOpportunities($accountId: ID!, $first: Int, $after: String) {
    account(id: $accountId) {
      id
      opportunities(first: $first, after: $after) {
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
      }
    }
  }
`);
