import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';
import { Account } from '../accounts/account.entity';
import { DivisionRecordFields } from '../accounts/source-record.types';
import { Connection } from '../common/relay/connection';

export enum MatchKind {
  ACCOUNT = 'ACCOUNT',
  STAKEHOLDER = 'STAKEHOLDER',
}
registerEnumType(MatchKind, { name: 'MatchKind', description: 'What a match review is about: two customers or two people.' });

export enum MatchDecision {
  SAME = 'SAME',
  DIFFERENT = 'DIFFERENT',
}
registerEnumType(MatchDecision, {
  name: 'MatchDecision',
  description: "A person's verdict on a match review.",
  valuesMap: {
    SAME: { description: 'One customer (or person): the two sides are merged.' },
    DIFFERENT: { description: 'Two customers (or people): never linked automatically again.' },
  },
});

export enum MatchReviewStatus {
  OPEN = 'OPEN',
  SAME = 'SAME',
  DIFFERENT = 'DIFFERENT',
  OBSOLETE = 'OBSOLETE',
}
registerEnumType(MatchReviewStatus, {
  name: 'MatchReviewStatus',
  description: 'Where a match review stands.',
  valuesMap: {
    OPEN: { description: 'Waiting for a person.' },
    SAME: { description: 'A person said one customer (or person): the sides were merged.' },
    DIFFERENT: { description: 'A person said two: the sides are never linked automatically again.' },
    OBSOLETE: { description: 'Settled without a decision: a merge put the two sides together meanwhile.' },
  },
});

@ObjectType({ description: 'How one field compared in a candidate pair, and what it weighed (in bits of log-odds).' })
export class MatchComparison {
  @Field({ description: 'The field compared, e.g. "name", "domain", "registryId", "prior".' })
  field: string;

  @Field({ description: 'The level of agreement, e.g. EXACT, CLOSE, SIMILAR, DIFFERENT, SHARED, CONFLICT.' })
  level: string;

  @Field(() => Float, { description: 'Weight added to the score: positive for agreement, negative for disagreement.' })
  weight: number;

  @Field(() => String, { nullable: true, description: 'Why the weight is what it is, e.g. "phone held by 12 accounts".' })
  note?: string | null;
}

@ObjectType({ description: "One side of a match review: a division's record." })
export class MatchSide extends DivisionRecordFields {
  @Field(() => ID, { description: 'The source record.' })
  recordId: string;

  @Field(() => ID, { nullable: true, description: 'The account the record belongs to now.' })
  accountId: string | null;

  @Field(() => ID, { nullable: true, description: 'For people: the stakeholder the record belongs to now.' })
  stakeholderId: string | null;
}

@ObjectType({ description: 'A candidate pair in the grey band: a person decides whether the two sides are one.' })
export class MatchReview {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  @Field(() => MatchKind, { description: 'Customers or people.' })
  kind: MatchKind;

  @Field(() => Float, { description: 'The match score (log-odds, bits): above the auto-link threshold would have linked.' })
  score: number;

  @Field({ description: 'Version of the matching rules that scored the pair.' })
  ruleVersion: string;

  @Field(() => [MatchComparison], { description: 'The evidence: every field compared, its level and weight.' })
  evidence: MatchComparison[];

  @Field(() => MatchReviewStatus, { description: 'Where the review stands: open, decided, or settled by a merge.' })
  status: MatchReviewStatus;

  @Field(() => MatchSide, { description: 'The record that arrived.' })
  record: MatchSide;

  @Field(() => MatchSide, { description: 'The best candidate it was compared with.' })
  candidate: MatchSide;

  @Field({ description: 'When the review was opened.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was decided or settled; null while open.' })
  decidedAt: Date | null;

  /** The colleague who decided (the decidedBy field resolves it through the request's colleague loader). */
  decidedById: string | null;

  @Field(() => String, { nullable: true, description: 'Why, as the person who decided wrote it; null when they gave no reason.' })
  reason: string | null;
}

@ObjectType({ description: 'A page of match reviews.' })
export class MatchReviewConnection extends Connection(MatchReview, 'match review') {}

@ObjectType({ description: 'How many rows of one table moved.' })
export class MovedRows {
  @Field({ description: 'The table, e.g. "touchpoint".' })
  table: string;

  @Field(() => Int, { description: 'How many rows moved.' })
  count: number;
}

@ObjectType({ description: 'The outcome of a merge.' })
export class MergeAccountsPayload {
  @Field(() => Account, { description: 'The survivor, now holding everything of both.' })
  account: Account;

  @Field(() => ID, { description: 'The merge, in the history (a split of the same records undoes it).' })
  mergeId: string;

  @Field(() => [MovedRows], { description: 'What moved from the merged account to the survivor.' })
  moved: MovedRows[];
}

@ObjectType({ description: 'The outcome of a split.' })
export class SplitAccountPayload {
  @Field(() => Account, { description: 'The account split from.' })
  account: Account;

  @Field(() => Account, { description: 'The account the records now belong to.' })
  splitOff: Account;

  @Field({ description: 'True when the split undid an earlier merge and restored the merged account as it was.' })
  restoredMerge: boolean;

  @Field(() => [MovedRows], { description: 'What moved to the split-off account.' })
  moved: MovedRows[];
}

@ObjectType({ description: 'The outcome of a review decision.' })
export class ResolveMatchReviewPayload {
  @Field(() => MatchReview, { description: 'The review, with its decision.' })
  review: MatchReview;

  @Field(() => Account, { nullable: true, description: 'For customers: the account the record belongs to after the decision.' })
  account: Account | null;

  @Field(() => ID, { nullable: true, description: 'For people: the stakeholder the record belongs to after the decision.' })
  stakeholderId: string | null;
}

@InputType({ description: "Where an account sits in its group: its parent, set or cleared by a person (admins only). Matching never moves it again." })
export class SetAccountParentInput {
  @Field(() => ID, { description: 'The account to place.' })
  @IsString()
  accountId: string;

  @Field(() => ID, { nullable: true, description: 'Its parent (the group company it belongs to); null clears it: the account heads its own group. Required: left out, it is refused.' })
  @IsOptional()
  @IsString()
  parentId?: string | null;

  @Field({ description: 'Why, for the audit trail (1 to 1000 characters).' })
  @IsString()
  reason: string;
}

@ObjectType({ description: 'The outcome of setting or clearing an account\'s parent.' })
export class SetAccountParentPayload {
  @Field(() => Account, { description: 'The account, placed as asked (parentSetBy and parentDecidedAt tell who and when).' })
  account: Account;

  @Field(() => Account, { nullable: true, description: 'Its parent now; null when it was cleared.' })
  parent: Account | null;

  @Field({
    description: 'False when a person had already decided this parent (or decided it has none): nothing was written, no new decision nor audit entry. '
      + 'True when the parent changed, or became a person\'s decision where matching had placed the account.',
  })
  changed: boolean;
}
