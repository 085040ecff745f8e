import { graphql } from '../gql';

/** The customer's people at the account, by name, a page at a time. */
export const stakeholdersQuery = graphql(`
  query AccountStakeholders($accountId: ID!, $first: Int, $after: String, $presence: StakeholderPresence) {
    account(id: $accountId) {
      id
      stakeholders(first: $first, after: $after, presence: $presence) {
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
            affiliations {
              id
              account {
                id
                name
              }
              title
              startedOn
              endedOn
              current
              divisionTitles {
                id
                title
                since
                division {
                  id
                  name
                }
              }
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
