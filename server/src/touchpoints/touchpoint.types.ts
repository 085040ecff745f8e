import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Connection } from '../common/relay/connection';
import { TouchpointType } from '../ingest/ingest.types';

/**
 * One interaction with the account, as the timeline shows it. Content fields
 * (subject, summary, outcome) are null when the touchpoint is confidential to
 * another division: that it happened stays visible.
 */
@ObjectType({ description: 'One interaction of a division with the account: a meeting, call, email, proposal, order, case…' })
export class Touchpoint {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  accountId: string;
  divisionId: string;
  opportunityId: string | null;
  colleagueEmails: string[];
  stakeholderIds: string[];
  /**
   * Contact ids of participants whose person is not among stakeholderIds yet
   * (their contact record had not arrived; ingest attaches them when it does).
   * Empty for the usual touchpoint, so reading its people needs no lookup by contact.
   */
  unresolvedParticipantIds: string[];

  @Field(() => TouchpointType, { description: 'What kind of interaction it was.' })
  type: TouchpointType;

  @Field(() => DateTime, { description: 'When it happened (or is planned to happen, when in the future).' })
  occurredAt: Date;

  @Field({ description: 'The division system it came from, e.g. "exhibits-crm".' })
  sourceSystem: string;

  @Field({ description: "Its id in that system." })
  externalId: string;

  @Field(() => String, { nullable: true, description: 'Subject line; null when confidential to another division (see contentHidden).' })
  subject: string | null;

  @Field(() => String, { nullable: true, description: 'What was discussed; null when confidential to another division.' })
  summary: string | null;

  @Field(() => String, { nullable: true, description: 'What came of it; null when confidential to another division.' })
  outcome: string | null;

  @Field({ description: 'Marked confidential by its division: only that division and admins read its content.' })
  confidential: boolean;

  @Field({ description: 'True when subject, summary, outcome and opportunity are withheld from you because the touchpoint is confidential to another division.' })
  contentHidden: boolean;

  @Field(() => DateTime, { description: 'When the hub first recorded it.' })
  recordedAt: Date;

  @Field(() => DateTime, { description: 'When the hub last recorded a change to it.' })
  updatedAt: Date;
}

@ObjectType({ description: 'A page of the timeline, newest first.' })
export class TouchpointConnection extends Connection(Touchpoint, 'touchpoint') {}

@InputType({ description: 'Narrows the timeline; every filter given must hold (AND); lists match any of their values (OR); an empty list does not filter.' })
export class TimelineFilter {
  @Field(() => [ID], { nullable: true, description: 'Only touchpoints of these divisions.' })
  @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  divisionIds?: string[];

  @Field(() => [TouchpointType], { nullable: true, description: 'Only touchpoints of these types.' })
  @IsOptional() @ArrayMaxSize(20) @IsEnum(TouchpointType, { each: true })
  types?: TouchpointType[];

  @Field(() => [ID], { nullable: true, description: 'Only touchpoints these colleagues took part in.' })
  @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  colleagueIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Only touchpoints with these stakeholders.' })
  @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  stakeholderIds?: string[];

  @Field(() => DateTime, { nullable: true, description: 'Only touchpoints at or after this instant.' })
  @IsOptional() @IsDate()
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: 'Only touchpoints before this instant.' })
  @IsOptional() @IsDate()
  to?: Date;

  @Field(() => String, { nullable: true, description: 'Words to find in subject, summary and outcome (web-search syntax: "quoted phrase", or, -not). Content you may not read is not searched. Words that are all too common to search (the, and, or) or hold no letter or digit are refused (BAD_USER_INPUT on filter.text) when nothing matches.' })
  @IsOptional() @IsString() @MaxLength(200)
  text?: string;
}
