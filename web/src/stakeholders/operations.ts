import { graphql } from '../gql';

/** The customer's people at the account, by name, a page at a time. */
export const stakeholdersQuery = graphql(`
  query AccountStakeholders($accountId: ID!, $first: Int, $after: String) {
    account(id: $accountId) {
      id
      stakeholders(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            name
            title
            divisions {
              id
              key
              name
            }
            colleagues {
              id
              name
            }
            lastTouch
            touchCount
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
