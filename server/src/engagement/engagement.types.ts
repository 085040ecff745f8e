import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';
import { TouchpointType } from '../ingest/ingest.types';

/*
 * "Who else is talking": figures derived from an account's touchpoints,
 * opportunities and the divisions' account records. Touchpoints count once
 * they happened (occurredAt <= now); planned ones only show as `nextPlannedTouch`.
 * Every figure carries an id made of what it is about (account, division,
 * colleague, month…), so a client cache keeps them apart.
 * Properties without @Field are ids that field resolvers batch-load.
 */

@ObjectType({ description: 'How many touchpoints of one type.' })
export class TouchpointTypeCount {
  @Field(() => ID, { description: 'Stable identifier of this figure (account, division and type).' })
  id: string;

  @Field(() => TouchpointType, { description: 'The kind of touchpoint.' })
  type: TouchpointType;

  @Field(() => Int, { description: 'How many happened.' })
  count: number;
}

@ObjectType({ description: 'The sum of open opportunity amounts in one currency (amounts in different currencies are never added up).' })
export class MoneyTotal {
  @Field(() => ID, { description: 'Stable identifier of this figure (account, division and currency).' })
  id: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency; null for amounts recorded without one.' })
  currency: string | null;

  @Field(() => Float, { description: 'The sum of the amounts, as a floating-point number: the nearest one to amountText (beyond 2^53, about 9 × 10^15, it has no cents).' })
  amount: number;

  @Field({ description: 'The exact sum of the amounts, as a decimal number in text ("10000000000002254.37").' })
  amountText: string;

  @Field(() => Int, { description: 'How many opportunities with an amount in this currency.' })
  opportunityCount: number;
}

@ObjectType({ description: "One division's engagement with the account: who owns it there, who is involved, how much and how lately." })
export class DivisionEngagement {
  @Field(() => ID, { description: 'Stable identifier of this figure (account and division).' })
  id: string;

  accountId: string;
  divisionId: string;
  ownerIds: string[];
  colleagueIds: string[];
  stakeholderIds: string[];
  openOpportunityIds: string[];

  @Field(() => [String], { description: "Owner emails as the division's account records name them (lower-case), known colleagues or not." })
  ownerEmails: string[];

  @Field(() => Int, { description: 'How many touchpoints the division had with the account.' })
  touchCount: number;

  @Field(() => [TouchpointTypeCount], { description: 'The touchpoints by type, most frequent first.' })
  touchCountsByType: TouchpointTypeCount[];

  @Field(() => DateTime, { nullable: true, description: "The division's first touchpoint; null when none happened." })
  firstTouch: Date | null;

  @Field(() => DateTime, { nullable: true, description: "The division's latest touchpoint that happened; null when none." })
  lastTouch: Date | null;

  @Field(() => DateTime, { nullable: true, description: "The division's next planned touchpoint (in the future), if any." })
  nextPlannedTouch: Date | null;

  @Field(() => Int, { description: "How many of the division's opportunities are open." })
  openOpportunityCount: number;

  @Field(() => [MoneyTotal], { description: 'The total of the open opportunities, per currency.' })
  openOpportunityTotals: MoneyTotal[];
}

@ObjectType({ description: "One colleague's engagement with the account." })
export class ColleagueEngagement {
  @Field(() => ID, { description: 'Stable identifier of this figure (account and colleague).' })
  id: string;

  colleagueId: string;
  divisionId: string;
  stakeholderIds: string[];

  @Field(() => DateTime, { description: "The colleague's latest touchpoint with the account." })
  lastTouch: Date;

  @Field(() => Int, { description: 'How many touchpoints the colleague took part in.' })
  touchCount: number;

  @Field(() => Int, { description: 'How many of them in the last 90 days.' })
  touchesLast90Days: number;

  @Field(() => Int, { description: 'How many of them in the last 365 days.' })
  touchesLast365Days: number;
}

@ObjectType({ description: 'What one other division did with the account since your last touch.' })
export class DivisionActivitySince {
  @Field(() => ID, { description: 'Stable identifier of this figure (account, you and the division).' })
  id: string;

  divisionId: string;

  @Field(() => Int, { description: 'How many touchpoints the division had since your last touch.' })
  touchCount: number;

  @Field(() => DateTime, { description: "The division's latest touchpoint." })
  lastTouch: Date;
}

@ObjectType({ description: 'What the other divisions did with the account since your own last touch ("is anything new since my last meeting?").' })
export class ActivitySinceMyLastTouch {
  @Field(() => ID, { description: 'Stable identifier of this figure (account and you).' })
  id: string;

  accountId: string;
  /** The caller's division: "other divisions" are all but this one. */
  divisionId: string;
  /** When the figures were taken: the touchpoints listed are the ones counted. */
  asOf: Date;

  @Field(() => DateTime, { nullable: true, description: 'Your latest touchpoint with the account; null when you never had one (then everything counts as new).' })
  myLastTouch: Date | null;

  @Field(() => Int, { description: 'How many touchpoints the other divisions had since then.' })
  touchCount: number;

  @Field(() => [DivisionActivitySince], { description: 'Per other division, most recent first.' })
  divisions: DivisionActivitySince[];
}

@ObjectType({ description: '"Who else is talking" to the account: every division and colleague engaged with it, and what is new since your last touch.' })
export class AccountEngagement {
  @Field(() => ID, { description: 'Stable identifier of this figure (the account).' })
  id: string;

  @Field(() => DateTime, { description: 'When the figures were taken (touchpoints after this are planned, not counted).' })
  asOf: Date;

  @Field(() => [DivisionEngagement], { description: 'Every division that knows the account (records, touchpoints or opportunities), most recently active first.' })
  divisions: DivisionEngagement[];

  @Field(() => [ColleagueEngagement], { description: 'Every colleague who took part in a touchpoint with the account, most recently active first.' })
  colleagues: ColleagueEngagement[];

  @Field(() => ActivitySinceMyLastTouch, { nullable: true, description: 'What other divisions did since your last touch; null unless you are a signed-in colleague.' })
  sinceMyLastTouch: ActivitySinceMyLastTouch | null;
}

@ObjectType({ description: "One division's touchpoint count in one month." })
export class DivisionMonthCount {
  @Field(() => ID, { description: 'Stable identifier of this figure (account, month and division).' })
  id: string;

  divisionId: string;

  @Field(() => Int, { description: 'How many touchpoints the division had that month.' })
  touchCount: number;
}

@ObjectType({ description: 'The touchpoints of one calendar month (UTC), per division: one bar of the activity chart.' })
export class ActivityMonth {
  @Field(() => ID, { description: 'Stable identifier of this figure (account and month).' })
  id: string;

  @Field({ description: 'The month, "YYYY-MM" (UTC).' })
  month: string;

  @Field(() => DateTime, { description: 'The instant the month starts (UTC midnight of its first day).' })
  startsAt: Date;

  @Field(() => Int, { description: 'How many touchpoints all divisions had that month.' })
  touchCount: number;

  @Field(() => [DivisionMonthCount], { description: 'Per division with touchpoints that month, by division name; divisions without any are left out.' })
  divisions: DivisionMonthCount[];
}
