import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONValue } from '../common/json-scalar';
import { Connection } from '../common/relay/connection';
import { IngestItemKind } from './ingest.types';

export enum RejectedItemSettlement {
  LANDED = 'LANDED',
  SUPERSEDED = 'SUPERSEDED',
  WAITING = 'WAITING',
}
registerEnumType(RejectedItemSettlement, {
  name: 'RejectedItemSettlement',
  description: 'How a re-processing settled a rejected item.',
  valuesMap: {
    LANDED: { description: 'It was stored (created, updated, or found unchanged).' },
    SUPERSEDED: { description: 'It was set aside, not applied: a newer version of its record had landed, or a newer copy was re-processed with it.' },
    WAITING: { description: 'It was taken and waits for its account to arrive (see waitingItems); it lands when the account does.' },
  },
});

@ObjectType({ description: 'An item ingest could not store, kept verbatim with where and why, to fix at the source and re-process.' })
export class RejectedItem {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  @Field(() => ID, { description: 'The division that sent it.' })
  divisionId: string;

  @Field({ description: 'The system it came from.' })
  sourceSystem: string;

  @Field(() => IngestItemKind, { description: 'Which list of the batch it was in.' })
  kind: IngestItemKind;

  @Field(() => String, { nullable: true, description: "The item's externalId, when it had one." })
  externalId: string | null;

  @Field({ description: 'Where in the batch, e.g. "contacts[1].emails[1]" (of the latest attempt).' })
  path: string;

  @Field({ description: 'Why it was rejected (of the latest attempt).' })
  reason: string;

  @Field(() => JSONValue, { description: 'The item exactly as it was sent.' })
  raw: Record<string, unknown>;

  @Field({ description: 'When it was first received.' })
  receivedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When a re-processing settled it (see settledAs); null while it is still rejected.' })
  resolvedAt: Date | null;

  @Field(() => RejectedItemSettlement, { nullable: true, description: 'How a re-processing settled it: landed, or set aside for a newer version; null while it is still rejected.' })
  settledAs: RejectedItemSettlement | null;

  @Field(() => Int, { description: 'How many times it was tried.' })
  attempts: number;
}

@ObjectType({ description: 'A page of rejected items.' })
export class RejectedItemConnection extends Connection(RejectedItem, 'rejected item') {}
