import { Field, ID, ObjectType } from '@nestjs/graphql';
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
