import { graphql } from '../gql';

/** One assertion with its provenance: who, which division, when, from which touchpoint. */
export const criticalInfoAssertionFragment = graphql(`
  fragment CriticalInfoAssertionParts on CriticalInfoAssertion {
    id
    value
    text
    note
    resolvesConflict
    assertedAt
    sourceSystem
    assertedByEmail
    division {
      id
      name
    }
    colleague {
      id
      name
    }
    sourceTouchpoint {
      id
      type
      occurredAt
      subject
      contentHidden
    }
  }
`);

/** What the panel and the admin page show of a field. */
export const criticalInfoFieldFragment = graphql(`
  fragment CriticalInfoFieldParts on CriticalInfoField {
    id
    key
    label
    whyCritical
    howItHelps
    type
    options
    requiredInStages
    stalenessDays
    position
    retired
    retiredAt
    reliedOnBy {
      id
      name
    }
  }
`);

/** One field of one account: status, current value, each division's value, history. */
export const criticalInfoEntryFragment = graphql(`
  fragment CriticalInfoEntryParts on CriticalInfoEntry {
    id
    status
    viewerMayResolve
    required
    staleAt
    field {
      ...CriticalInfoFieldParts
    }
    current {
      ...CriticalInfoAssertionParts
    }
    divisionValues {
      ...CriticalInfoAssertionParts
    }
    history {
      ...CriticalInfoAssertionParts
    }
  }
`);

/** An account's critical info with completeness, and the questions to ask: what the panel shows and every write returns. */
export const accountCriticalInfoPartsFragment = graphql(`
  fragment AccountCriticalInfoParts on Account {
    id
    criticalInfo {
      id
      stage
      completeness
      requiredCount
      completeCount
      missingCount
      staleCount
      conflictCount
      viewerMayAssert
      entries {
        ...CriticalInfoEntryParts
      }
    }
    questionsToAsk {
      id
      reason
      question
      field {
        id
      }
    }
  }
`);

/** The panel's query. */
export const accountCriticalInfoQuery = graphql(`
  query AccountCriticalInfo($id: ID!) {
    account(id: $id) {
      ...AccountCriticalInfoParts
    }
  }
`);

/** Stakeholders and recent touchpoints to choose from while editing (a person for STAKEHOLDER_REF, the meeting it was learned in). */
export const criticalInfoChoicesQuery = graphql(`
  query CriticalInfoChoices($id: ID!) {
    account(id: $id) {
      id
      stakeholders(first: 100) {
        edges {
          node {
            id
            name
            title
          }
        }
      }
      timeline(first: 20) {
        edges {
          node {
            id
            type
            occurredAt
            subject
            contentHidden
          }
        }
      }
    }
  }
`);

/** Records a value; the payload refreshes the account's critical info in the cache. */
export const assertCriticalInfoMutation = graphql(`
  mutation AssertCriticalInfo($input: AssertCriticalInfoInput!) {
    assertCriticalInfo(input: $input) {
      assertion {
        id
      }
      account {
        ...AccountCriticalInfoParts
      }
    }
  }
`);

/** Ends a conflict: which value holds, and why. */
export const resolveCriticalInfoConflictMutation = graphql(`
  mutation ResolveCriticalInfoConflict($input: ResolveCriticalInfoConflictInput!) {
    resolveCriticalInfoConflict(input: $input) {
      assertion {
        id
      }
      account {
        ...AccountCriticalInfoParts
      }
    }
  }
`);

/** The catalogue, retired fields included (admin page). */
export const criticalInfoCatalogueQuery = graphql(`
  query CriticalInfoCatalogue {
    criticalInfoFields(includeRetired: true) {
      ...CriticalInfoFieldParts
    }
    divisions {
      id
      name
    }
  }
`);

export const createCriticalInfoFieldMutation = graphql(`
  mutation CreateCriticalInfoField($input: CreateCriticalInfoFieldInput!) {
    createCriticalInfoField(input: $input) {
      field {
        ...CriticalInfoFieldParts
      }
    }
  }
`);

export const updateCriticalInfoFieldMutation = graphql(`
  mutation UpdateCriticalInfoField($input: UpdateCriticalInfoFieldInput!) {
    updateCriticalInfoField(input: $input) {
      field {
        ...CriticalInfoFieldParts
      }
    }
  }
`);

export const retireCriticalInfoFieldMutation = graphql(`
  mutation RetireCriticalInfoField($id: ID!) {
    retireCriticalInfoField(input: { id: $id }) {
      field {
        ...CriticalInfoFieldParts
      }
    }
  }
`);

export const restoreCriticalInfoFieldMutation = graphql(`
  mutation RestoreCriticalInfoField($id: ID!) {
    restoreCriticalInfoField(input: { id: $id }) {
      field {
        ...CriticalInfoFieldParts
      }
    }
  }
`);
