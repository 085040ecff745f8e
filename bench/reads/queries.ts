/**
 * The GraphQL operations the read benches send: what the web sends, copied
 * from its operations (keep them in step when the web's selections change):
 * the accounts list's search, the account page's timeline and its "who else
 * is talking" panel. The floors (floor.ts) answer exactly these selections.
 */

/** web/src/accounts/components/AccountsResults.tsx and AccountRow.tsx, as the web sends them. */
export const SEARCH_QUERY = `query Accounts($search: String, $first: Int, $after: String) {
  accounts(search: $search, first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        ...AccountRowFields
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}

fragment AccountRowFields on Account {
  id
  name
  lifecycleStage
  industry
  divisions {
    id
    name
  }
}`;

/** web/src/touchpoints/operations.ts (`AccountTimeline` with its `TimelineTouchpoint` fragment), as the web sends it. */
export const TIMELINE_QUERY = `query AccountTimeline($accountId: ID!, $first: Int, $after: String, $filter: TimelineFilter) {
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
}`;

/** web/src/engagement/operations.ts (`AccountEngagement`, the "who else is talking" panel), as the web sends it. */
export const ENGAGEMENT_QUERY = `query AccountEngagement($accountId: ID!) {
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
}`;

export const SIGN_IN = 'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { colleague { id } } }';
