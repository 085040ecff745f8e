import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { JSONValue } from '../common/json-scalar';
import { Connection } from '../common/relay/connection';

/** How a source record came to belong to its account. */
@ObjectType({ description: "How a division's record is linked to its account: by matching (with the evidence) or by a person." })
export class SourceRecordLink {
  @Field({ description: 'AUTO (matching linked it), REVIEW (a match review is open), CONFIRMED (a person decided) or REJECTED.' })
  status: string;

  @Field(() => Float, {
    nullable: true,
    description: 'The score (log-odds, bits) of the best candidate pair: the one it linked over, or, for a record that started its own account, the best it did not link to (below the threshold); null when blocking found no candidate.',
  })
  score: number | null;

  @Field(() => JSONValue, { nullable: true, description: 'The evidence of that pair: every field compared, its level and weight, and any veto.' })
  evidence: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Version of the matching rules that linked it.' })
  ruleVersion: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was linked.' })
  linkedAt: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The score at or above which those rules link a record to its best candidate\'s account: an AUTO record whose score is below it (or null) was linked to nothing and started an account of its own. Null for rules the hub does not know.',
  })
  autoLinkThreshold?: number | null;
}

/** What every division record shows: who sent it, from which system, under which id, and what it said. */
@ObjectType({ isAbstract: true })
export abstract class DivisionRecordFields {
  @Field(() => ID, { description: 'The division whose system sent it.' })
  divisionId: string;

  @Field({ description: 'The system it came from.' })
  sourceSystem: string;

  @Field({ description: "The record's id in that system." })
  externalId: string;

  @Field({ description: 'The name as the division spells it.' })
  name: string;

  @Field(() => JSONValue, { description: 'The record exactly as it was last sent.' })
  raw: Record<string, unknown>;
}

@ObjectType({ description: "What one division's system says about the customer, kept verbatim." })
export class SourceAccountRecord extends DivisionRecordFields {
  @Field(() => ID, { description: 'Stable identifier (use it to split the account).' })
  id: string;

  @Field({ description: 'How many versions the hub has received (older ones are kept).' })
  version: number;

  @Field(() => SourceRecordLink, { description: 'How it is linked to the account.' })
  link: SourceRecordLink;

  @Field({ description: 'When the hub first received it.' })
  createdAt: Date;
}

@ObjectType({ description: 'A page of source records.' })
export class SourceAccountRecordConnection extends Connection(SourceAccountRecord, 'source account record') {}
