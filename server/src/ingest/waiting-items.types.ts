import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONValue } from '../common/json-scalar';
import { Connection } from '../common/relay/connection';
import { IngestItemKind } from './ingest.types';

@ObjectType({
  description: 'An item kept until the account record it names arrives from the same division system; it lands with the batch that brings that account, or when sent again with accountName.',
})
export class WaitingItem {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  @Field(() => ID, { description: 'The division that sent it.' })
  divisionId: string;

  @Field({ description: 'The system it came from, whose account record it waits for.' })
  sourceSystem: string;

  @Field(() => IngestItemKind, { description: 'Which list of the batch it was in.' })
  kind: IngestItemKind;

  @Field(() => String, { nullable: true, description: "The item's externalId; null for critical-info values, which have none." })
  externalId: string | null;

  @Field({ description: 'The externalId of the account record it waits for (accountExternalId as sent).' })
  accountExternalId: string;

  @Field(() => JSONValue, { description: 'The item as it was sent, its times written out in full (the latest copy, if it was sent again while waiting).' })
  raw: Record<string, unknown>;

  @Field({ description: 'When it (its latest copy) was received.' })
  receivedAt: Date;
}

@ObjectType({ description: 'A page of waiting items.' })
export class WaitingItemConnection extends Connection(WaitingItem, 'waiting item') {}
