/**
 * The GraphQL operations the read benches send are the web's own, taken from
 * its generated documents (web/src/gql, made from the operations in web/src
 * by `npm run codegen -w web`): the accounts list's search, the account
 * page's timeline, its "who else is talking", critical-info and stakeholders
 * panels. When the web's selections change, the bench measures the new ones;
 * the floors (floor.ts) answer these selections, and every run compares
 * their answers field for field before measuring.
 */
import { print } from 'graphql';
import {
  AccountCriticalInfoDocument, AccountEngagementDocument, AccountsDocument, AccountStakeholdersDocument, AccountTimelineDocument, SignInDocument,
} from '../../web/src/gql/graphql';

/** web/src/accounts/components/AccountsResults.tsx (`Accounts` with `AccountRowFields`). */
export const SEARCH_QUERY = print(AccountsDocument);

/** web/src/touchpoints/operations.ts (`AccountTimeline` with its `TimelineTouchpoint` fragment). */
export const TIMELINE_QUERY = print(AccountTimelineDocument);

/** web/src/engagement/operations.ts (`AccountEngagement`). */
export const ENGAGEMENT_QUERY = print(AccountEngagementDocument);

/** web/src/critical-info/operations.ts (`AccountCriticalInfo` with `AccountCriticalInfoParts` and the entry, field and assertion fragments). */
export const CRITICAL_INFO_QUERY = print(AccountCriticalInfoDocument);

/** web/src/stakeholders/operations.ts (`AccountStakeholders`), as StakeholdersPanel sends it: `first: STAKEHOLDERS_PAGE_SIZE`. */
export const STAKEHOLDERS_QUERY = print(AccountStakeholdersDocument);

/** web/src/auth/operations.ts (`SignIn`): the bench signs in as a rep, as the web does. */
export const SIGN_IN = print(SignInDocument);
