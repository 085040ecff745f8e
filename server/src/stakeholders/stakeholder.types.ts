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

/** A title a division gave a person in one stint at a customer, and since when. */
@ObjectType({ description: 'A title a division gave a person during one stint at a customer, and since when.' })
export class AffiliationTitle {
  @Field(() => ID, { description: 'Identifies this title as the division said it (for client caches).' })
  id: string;

  @Field(() => String, { nullable: true, description: "The title; null when the division stopped giving one there (its record there has none, or its records left the customer)." })
  title: string | null;

  /** The division that said it (resolved by the division loader); null for titles kept before the hub recorded who said them. */
  divisionId: string | null;

  @Field({ description: 'The day the division said it (YYYY-MM-DD): when its record giving this title reached the hub.' })
  since: string;
}

/** One stint of a person at one account, as their contact records tell it. */
@ObjectType({ description: "One stint of a person at a customer: recorded there by a division since `startedOn`; `endedOn` once no division's record puts them there any longer (they moved on). A person who comes back has a new stint; the one before keeps its dates and titles." })
export class StakeholderAffiliation {
  @Field(() => ID, { description: 'Identifies the stint (for client caches).' })
  id: string;

  /** The account (resolved by the account loader). */
  accountId: string;

  @Field(() => String, { nullable: true, description: 'Their title in this stint: the latest one a division still gives (see divisionTitles when divisions disagree).' })
  title: string | null;

  @Field({ description: 'The day a record put them there for this stint (YYYY-MM-DD).' })
  startedOn: string;

  @Field(() => String, { nullable: true, description: 'The day the last record there moved elsewhere (YYYY-MM-DD); null while they are there.' })
  endedOn: string | null;

  @Field({ description: 'True while a record still puts them there (endedOn is null).' })
  current: boolean;

  @Field(() => [AffiliationTitle], { description: 'Every title a division gave them in this stint, newest first (a change of title is kept, not overwritten).' })
  titles: AffiliationTitle[];

  @Field(() => [AffiliationTitle], { description: "Each division's title as it last gave it in this stint, newest first; divisions that give none are left out. Two divisions disagreeing show both." })
  divisionTitles: AffiliationTitle[];
}

/**
 * Each division's latest title of a stint's history (newest first), those
 * giving none left out: a division that gave a title and then none no longer
 * says it. Titles without a division (kept before divisions were recorded)
 * count as one more division.
 */
export function divisionTitlesOf(history: readonly AffiliationTitle[]): AffiliationTitle[] {
  const seen = new Set<string | null>();
  const latest: AffiliationTitle[] = [];
  for (const entry of history) {
    if (seen.has(entry.divisionId)) continue;
    seen.add(entry.divisionId);
    if (entry.title !== null) latest.push(entry);
  }
  return latest;
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
