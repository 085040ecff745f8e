import { graphql } from '../gql';

/** One side of a review: the division's record as it was sent, and where it belongs now. */
export const matchSideFragment = graphql(`
  fragment MatchSideParts on MatchSide {
    recordId
    divisionId
    sourceSystem
    externalId
    name
    raw
    accountId
    stakeholderId
  }
`);

/** What a person needs to decide a review: both sides and the evidence, field by field. */
export const matchReviewFragment = graphql(`
  fragment MatchReviewParts on MatchReview {
    id
    kind
    score
    ruleVersion
    status
    createdAt
    evidence {
      field
      level
      weight
      note
    }
    record {
      ...MatchSideParts
    }
    candidate {
      ...MatchSideParts
      # What the candidate's account holds now (records since the review opened may have added to it): what SAME merges into.
      account {
        id
        name
        domains
        registryIds
        divisions {
          id
          name
        }
      }
    }
  }
`);

/** The open reviews, oldest first, with the divisions to name the sides' senders. */
export const matchReviewsQuery = graphql(`
  query MatchReviews($first: Int, $after: String) {
    divisions {
      id
      name
    }
    matchReviews(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...MatchReviewParts
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const resolveMatchReviewMutation = graphql(`
  mutation ResolveMatchReview($id: ID!, $decision: MatchDecision!, $reason: String, $override: Boolean) {
    resolveMatchReview(id: $id, decision: $decision, reason: $reason, override: $override) {
      review {
        id
        status
      }
      account {
        id
        name
      }
      stakeholderId
    }
  }
`);

/** The divisions' records of one account, oldest first, with how each is linked. */
export const sourceRecordsQuery = graphql(`
  query AccountSourceRecords($id: ID!, $first: Int, $after: String) {
    divisions {
      id
      name
    }
    account(id: $id) {
      id
      sourceRecords(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            divisionId
            sourceSystem
            externalId
            name
            version
            createdAt
            link {
              status
              score
              ruleVersion
              autoLinkThreshold
              linkedAt
              evidence
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

export const splitAccountMutation = graphql(`
  mutation SplitAccount($accountId: ID!, $sourceRecordIds: [ID!]!, $reason: String) {
    splitAccount(accountId: $accountId, sourceRecordIds: $sourceRecordIds, reason: $reason) {
      splitOff {
        id
        name
      }
      restoredMerge
      moved {
        table
        count
      }
    }
  }
`);

export const mergeAccountsMutation = graphql(`
  mutation MergeAccounts($survivorId: ID!, $mergedId: ID!, $reason: String, $override: Boolean) {
    mergeAccounts(survivorId: $survivorId, mergedId: $mergedId, reason: $reason, override: $override) {
      account {
        id
        name
      }
      moved {
        table
        count
      }
    }
  }
`);

/** The decided and settled reviews, the latest decision first: what was decided, by whom, when and why. */
export const decidedMatchReviewsQuery = graphql(`
  query DecidedMatchReviews($first: Int, $after: String) {
    divisions {
      id
      name
    }
    matchReviews(decided: true, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          kind
          status
          reason
          decidedAt
          decidedBy {
            id
            name
          }
          record {
            recordId
            divisionId
            name
          }
          candidate {
            recordId
            divisionId
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
`);

/** Where an account sits in its group, as the account page's group section shows it (after setAccountParent too). */
export const accountPlacementFragment = graphql(`
  fragment AccountPlacement on Account {
    id
    parent {
      id
      name
    }
    groupHead {
      id
      name
    }
    parentDecision {
      decider
      by
      at
      reason
      cleared
    }
  }
`);

export const setAccountParentMutation = graphql(`
  mutation SetAccountParent($input: SetAccountParentInput!) {
    setAccountParent(input: $input) {
      account {
        ...AccountPlacement
      }
      parent {
        id
        name
      }
    }
  }
`);
