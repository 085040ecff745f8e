import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/relay/connection';

/** A person at the customer: the merged record of every division's contact records of them. */
@ObjectType({ description: "A person at the customer: one merged record of every division's contact records of them." })
export class Stakeholder {
  @Field(() => ID, { description: 'Stable identifier (a merged-away id answers with its survivor).' })
  id: string;

  /** The account the person is (currently) affiliated with. */
  accountId: string;

  @Field({ description: 'Full name as the divisions know it.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Job title, if any division knows it.' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Department, if known.' })
  department: string | null;

  @Field(() => [String], { description: 'Work emails, lower-case.' })
  emails: string[];

  @Field(() => [String], { description: 'Phone numbers in E.164.' })
  phones: string[];
}

/** A person's time at one account, as their contact records tell it. */
@ObjectType({ description: "A person's time at one customer: recorded there by a division since `startedOn`; `endedOn` once no division's record puts them there any longer (they moved on)." })
export class StakeholderAffiliation {
  @Field(() => ID, { description: 'Identifies the pair person and account (for client caches).' })
  id: string;

  /** The account (resolved by the account loader). */
  accountId: string;

  @Field(() => String, { nullable: true, description: 'Their title there, as the latest record at that account says.' })
  title: string | null;

  @Field({ description: 'The day a record first put them there (YYYY-MM-DD).' })
  startedOn: string;

  @Field(() => String, { nullable: true, description: 'The day the last record there moved elsewhere (YYYY-MM-DD); null while they are there.' })
  endedOn: string | null;

  @Field({ description: 'True while a record still puts them there (endedOn is null).' })
  current: boolean;
}

/** Which of an account's people to list: those there now, or those who were and moved on. */
export enum StakeholderPresence {
  CURRENT = 'CURRENT',
  FORMER = 'FORMER',
}
registerEnumType(StakeholderPresence, {
  name: 'StakeholderPresence',
  description: "Which of an account's people: those there now, or those who were and moved on.",
  valuesMap: {
    CURRENT: { description: 'People a record puts at the account now (someone at two customers at once is listed at both).' },
    FORMER: { description: 'People whose time at the account ended: their records moved to another customer.' },
  },
});

@ObjectType({ description: "A page of the account's stakeholders, by name (Relay connection)." })
export class StakeholderConnection extends Connection(Stakeholder, 'stakeholder') {}

/**
 * Who at our company deals with a person, and how lately: derived from the
 * touchpoints of the person's account that happened (planned ones are not
 * contact yet) and from the divisions' contact records of them.
 */
export interface StakeholderActivity {
  divisionIds: string[];
  /** Most recent contact first. */
  colleagueIds: string[];
  lastTouch: Date | null;
  touchCount: number;
}
