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
  mutation ResolveMatchReview($id: ID!, $decision: MatchDecision!, $reason: String) {
    resolveMatchReview(id: $id, decision: $decision, reason: $reason) {
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
