import { graphql } from '../gql';

/** "Who else is talking": each division's and colleague's engagement, and what is new since my last touch. */
export const engagementQuery = graphql(`
  query AccountEngagement($accountId: ID!) {
    account(id: $accountId) {
      id
      engagement {
        id
        asOf
        divisions {
          id
          division {
            id
            key
            name
          }
          owner {
            id
            name
          }
          owners {
            id
            name
          }
          ownerEmails
          colleagues {
            id
            name
          }
          touchCount
          touchCountsByType {
            id
            type
            count
          }
          firstTouch
          lastTouch
          nextPlannedTouch
          openOpportunityCount
          openOpportunityTotals {
            id
            amount
            currency
            opportunityCount
          }
        }
        colleagues {
          id
          colleague {
            id
            name
          }
          division {
            id
            key
            name
          }
          touchCount
          touchesLast90Days
          lastTouch
        }
        sinceMyLastTouch {
          id
          myLastTouch
          touchCount
          divisions {
            id
            division {
              id
              key
              name
            }
            touchCount
            lastTouch
          }
        }
      }
    }
  }
`);

/** Touchpoints per month and division: the activity chart. */
export const activityByMonthQuery = graphql(`
  query AccountActivityByMonth($accountId: ID!, $months: Int) {
    account(id: $accountId) {
      id
      activityByMonth(months: $months) {
        id
        month
        startsAt
        touchCount
        divisions {
          id
          touchCount
          division {
            id
            key
            name
          }
        }
      }
    }
  }
`);
