import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/relay/connection';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';

@ObjectType({ description: 'A connection of customer accounts.' })
export class AccountConnection extends Connection(Account, 'account') {}

@ObjectType({ description: 'How one division names the account in its own system.' })
export class DivisionName {
  @Field(() => Division, { description: 'The division.' })
  division: Division;

  @Field({ description: "The account's name in that division's system." })
  name: string;
}

/** Who placed an account where it is in its group. */
export enum ParentDecider {
  PERSON = 'PERSON',
  MATCHING = 'MATCHING',
  MERGE = 'MERGE',
}

registerEnumType(ParentDecider, {
  name: 'ParentDecider',
  description: 'Who placed an account where it is in its group.',
  valuesMap: {
    PERSON: { description: 'A person (setAccountParent): matching never moves the account again.' },
    MATCHING: { description: 'Matching, which hangs a new company of a group under the group\'s head.' },
    MERGE: { description: 'A merge moved it: its parent was merged into another account (it hangs under the survivor now), or it took the place in its group of the account merged into it. `by` made the merge; the split undoing it gives back the placement before.' },
  },
});

@ObjectType({ description: 'How an account came to be where it is in its group: who placed it under its parent (or, a person, cleared it), when and why.' })
export class ParentDecision {
  @Field(() => ParentDecider, { description: 'A person or matching.' })
  decider: ParentDecider;

  @Field(() => String, { nullable: true, description: 'The person who decided (their email, or the admin token); for MERGE who made the merge (or "matching"); null when matching placed it.' })
  by: string | null;

  @Field(() => Date, { nullable: true, description: 'When; null when matching placed it before the hub kept the time.' })
  at: Date | null;

  @Field(() => String, { nullable: true, description: 'Why: the person\'s reason, what matching said when it put a group\'s head on top, or the merge that moved it ("moved with the merge of … into …"); null when none was given.' })
  reason: string | null;

  @Field({ description: 'True when the decision was to clear the parent: the account heads its own group.' })
  cleared: boolean;
}
