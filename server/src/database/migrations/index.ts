import { Foundation1763900000000 } from './1763900000000-Foundation';
import { Auth1763900100000 } from './1763900100000-Auth';
import { Ingest1763900200000 } from './1763900200000-Ingest';
import { Notices1763900300000 } from './1763900300000-Notices';
import { ReadPaths1763900500000 } from './1763900500000-ReadPaths';
import { CriticalInfo1763900400000 } from './1763900400000-CriticalInfo';
import { TimelinePaths1763900700000 } from './1763900700000-TimelinePaths';
import { TimelineText1763900900000 } from './1763900900000-TimelineText';
import { EngagementRollups1763901100000 } from './1763901100000-EngagementRollups';
import { SessionAnnouncements1763901200000 } from './1763901200000-SessionAnnouncements';
import { AccountLegalForm1763901300000 } from './1763901300000-AccountLegalForm';
import { ContactReportsTo1763901500000 } from './1763901500000-ContactReportsTo';
import { TouchpointsAwaitingOpportunity1763901600000 } from './1763901600000-TouchpointsAwaitingOpportunity';
import { ContactEmailsIndexed1763901650000 } from './1763901650000-ContactEmailsIndexed';
import { TouchpointsAwaitingPeople1763901700000 } from './1763901700000-TouchpointsAwaitingPeople';
import { ContactLikeness1763901800000 } from './1763901800000-ContactLikeness';
import { MatchReviewDecisions1763901900000 } from './1763901900000-MatchReviewDecisions';
import { WaitingItemsListed1763902000000 } from './1763902000000-WaitingItemsListed';
import { SplitsKeepApart1763902100000 } from './1763902100000-SplitsKeepApart';
import { MergedPeopleFlattened1763902300000 } from './1763902300000-MergedPeopleFlattened';
import { RejectedItemSettlement1763902700000 } from './1763902700000-RejectedItemSettlement';
import { TouchpointsAwaitingContacts1763902600000 } from './1763902600000-TouchpointsAwaitingContacts';
import { VersionsReceivedWhenWaiting1763902900000 } from './1763902900000-VersionsReceivedWhenWaiting';
import { EngagementOutbox1763903000000 } from './1763903000000-EngagementOutbox';
import { AffiliationsAway1763903100000 } from './1763903100000-AffiliationsAway';
import { TimelineWords1763903200000 } from './1763903200000-TimelineWords';

/** Every migration, oldest first. `npm run migration:generate` writes new files here: add them to this list. */
export const MIGRATIONS = [Foundation1763900000000, Auth1763900100000, Ingest1763900200000, Notices1763900300000, CriticalInfo1763900400000, ReadPaths1763900500000, TimelinePaths1763900700000, TimelineText1763900900000, EngagementRollups1763901100000, SessionAnnouncements1763901200000, AccountLegalForm1763901300000, ContactReportsTo1763901500000, TouchpointsAwaitingOpportunity1763901600000, ContactEmailsIndexed1763901650000, TouchpointsAwaitingPeople1763901700000, ContactLikeness1763901800000, MatchReviewDecisions1763901900000, WaitingItemsListed1763902000000, SplitsKeepApart1763902100000, MergedPeopleFlattened1763902300000, TouchpointsAwaitingContacts1763902600000, RejectedItemSettlement1763902700000, VersionsReceivedWhenWaiting1763902900000, EngagementOutbox1763903000000, AffiliationsAway1763903100000, TimelineWords1763903200000];
