import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateTime } from '../common/date-time.scalar';
import { Connection } from '../common/relay/connection';

/** Where an opportunity stands, as its stage says (opportunities/stage.ts). */
export enum OpportunityStatus {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
  CLOSED = 'CLOSED',
}

registerEnumType(OpportunityStatus, {
  name: 'OpportunityStatus',
  description: "Where an opportunity stands, read from its stage's words (in the languages the divisions' systems use).",
  valuesMap: {
    OPEN: { description: 'Still in the pipeline: the stage is no closing one ("Proposal", "Qualification (not lost yet)").' },
    WON: { description: 'Closed and won ("Closed Won", "Gewonnen", "Chiuso vinto", "受注").' },
    LOST: { description: 'Closed and not won: lost, cancelled, rejected, disqualified ("Closed Lost", "Storniert", "Perdido", "失注").' },
    CLOSED: { description: 'Closed without saying whether won or lost ("Closed", "Abgeschlossen", "Fechado").' },
  },
});

/** A sales opportunity as one division's system records it. */
@ObjectType({ description: "A sales opportunity as one division's system records it." })
export class Opportunity {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  accountId: string;
  divisionId: string;
  ownerId: string | null;

  @Field({ description: "The opportunity's id in the division's system." })
  externalId: string;

  @Field({ description: "The opportunity's name in the division's system." })
  name: string;

  @Field({ description: "Sales stage, in the division's own words." })
  stage: string;

  @Field(() => OpportunityStatus, { description: 'Open, won, lost, or closed without saying which: read from the stage (see OpportunityStatus).' })
  status: OpportunityStatus;

  @Field({ description: 'False once the stage is a closing one (status is not OPEN): it starts with a closing word such as closed, won, lost, cancelled, rejected (after a stage number such as "6 - "), or ends with one ("Deal lost"); in English, German, French, Spanish, Italian, Portuguese, Polish and Japanese. "Qualification (not lost yet)" is open.' })
  isOpen: boolean;

  @Field(() => Float, { nullable: true, description: 'Amount, in `currency`, as a floating-point number (the nearest one to amountText).' })
  amount: number | null;

  @Field(() => String, { nullable: true, description: 'Amount, in `currency`, as stored, a decimal number in text ("1.235", "1234.5678"): the number as it arrived, nothing rounded since, written as the version that landed sent it ("1234.50" sent as amountText reads "1234.50"; the same amount sent again otherwise, as 1234.5, is no change and leaves it so).' })
  amountText: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of the amount (upper-case).' })
  currency: string | null;

  @Field(() => String, { nullable: true, description: 'Expected or actual close date (YYYY-MM-DD); null also when the one sent was outside the years 1900 to 2200 (ignored with a warning).' })
  closeDate: string | null;

  @Field(() => String, { nullable: true, description: "The owner's email as the division's system names it (lower-case), a known colleague or not." })
  ownerEmail: string | null;

  @Field(() => DateTime, { description: 'When the hub first recorded it.' })
  recordedAt: Date;

  @Field(() => DateTime, { description: "When the hub last recorded a change of it (its division's system sent a new version)." })
  updatedAt: Date;
}

@ObjectType({ description: 'The sum of the amounts of the opportunities a list holds, in one currency (amounts in different currencies are never added up).' })
export class OpportunityTotal {
  @Field(() => ID, { description: "Stable identifier of this figure: the account, the listing's filter and the currency." })
  id: string;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency; null for amounts recorded without one.' })
  currency: string | null;

  @Field({ description: 'The exact sum of the amounts, as a decimal number in text ("10000000000002254.37"), summed by the database on the stored decimals, nothing rounded.' })
  amountText: string;

  @Field(() => Float, { description: 'The sum as a floating-point number: the nearest one to amountText (beyond 2^53, about 9 × 10^15, it has no cents).' })
  amount: number;

  @Field(() => Int, { description: 'How many of the opportunities have an amount in this currency.' })
  opportunityCount: number;
}

/** The filter a page was read with, for `totals` (which sums every page's opportunities, not only this one's). */
export interface OpportunityListing {
  accountId: string;
  filter: OpportunityFilter;
}

@ObjectType({ description: "A page of an account's opportunities (Relay connection)." })
export class OpportunityConnection extends Connection(Opportunity, 'opportunity', 'opportunities') {
  listing: OpportunityListing;
}

@InputType({ description: "Narrows an account's opportunities; every filter given must hold (AND); lists match any of their values (OR); an empty list does not filter (it says what leaving the list out says, as in TimelineFilter and ingest)." })
export class OpportunityFilter {
  @Field(() => [OpportunityStatus], { nullable: true, description: 'Only opportunities with these statuses (all closed ones: WON, LOST and CLOSED). Leave it out, or give an empty list, for every status.' })
  @IsOptional() @ArrayMaxSize(4) @IsEnum(OpportunityStatus, { each: true })
  statuses?: OpportunityStatus[];

  @Field(() => [ID], { nullable: true, description: 'Only opportunities of these divisions.' })
  @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  divisionIds?: string[];
}
