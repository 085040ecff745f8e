import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsString } from 'class-validator';
import { JSONValue } from '../common/json-scalar';
import { Connection } from '../common/relay/connection';
import { IngestItemKind } from './ingest.types';

export enum RejectedItemSettlement {
  LANDED = 'LANDED',
  SUPERSEDED = 'SUPERSEDED',
  WAITING = 'WAITING',
  DISMISSED = 'DISMISSED',
}
registerEnumType(RejectedItemSettlement, {
  name: 'RejectedItemSettlement',
  description: 'How a rejected item was settled: by a re-processing, or dismissed by an admin.',
  valuesMap: {
    LANDED: { description: 'It was stored (created, updated, or found unchanged).' },
    SUPERSEDED: { description: 'It was set aside, not applied: a newer version of its record had landed, or a newer copy was re-processed with it.' },
    WAITING: { description: 'It was taken and waits for its account to arrive (see waitingItems); it lands when the account does.' },
    DISMISSED: { description: 'An admin dismissed it (dismissRejectedItems): it will never land; kept as sent, who, when and why in the audit trail.' },
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

  @Field(() => Date, { nullable: true, description: 'When a re-processing or a dismissal settled it (see settledAs); null while it is still rejected.' })
  resolvedAt: Date | null;

  @Field(() => RejectedItemSettlement, { nullable: true, description: 'How it was settled: landed, set aside for a newer version, waiting for its account, or dismissed; null while it is still rejected.' })
  settledAs: RejectedItemSettlement | null;

  @Field(() => Int, { description: 'How many times it was tried.' })
  attempts: number;
}

@ObjectType({ description: 'A page of rejected items.' })
export class RejectedItemConnection extends Connection(RejectedItem, 'rejected item') {}

export const MAX_DISMISS = 1000;
export const MAX_DISMISS_REASON = 2000;

@InputType({ description: 'Rejected items to dismiss: they can never land (e.g. a value a later valid one replaced, an item too big to store as sent). Nothing is deleted.' })
export class DismissRejectedItemsInput {
  @Field(() => [ID], { description: `The rejected items, 1 to ${MAX_DISMISS} (a repeated id counts each time; each item is dismissed once).` })
  @IsArray()
  @IsString({ each: true })
  ids: string[];

  @Field({ description: `Why they are dismissed, kept in the audit trail; required, at most ${MAX_DISMISS_REASON} characters.` })
  @IsString()
  reason: string;
}

export enum RejectedItemDismissal {
  DISMISSED = 'DISMISSED',
  ALREADY_SETTLED = 'ALREADY_SETTLED',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(RejectedItemDismissal, {
  name: 'RejectedItemDismissal',
  description: 'What dismissing one rejected item did.',
  valuesMap: {
    DISMISSED: { description: 'It was open and is now settled DISMISSED.' },
    ALREADY_SETTLED: { description: 'It was settled before (landed, set aside, waiting or dismissed): left as it was.' },
    NOT_FOUND: { description: 'No rejected item has this id.' },
  },
});

@ObjectType({ description: 'What dismissing one rejected item did.' })
export class DismissedRejectedItem {
  @Field(() => ID, { description: 'The id as given.' })
  id: string;

  @Field(() => RejectedItemDismissal, { description: 'Dismissed now, settled before, or not found.' })
  outcome: RejectedItemDismissal;

  @Field(() => RejectedItemSettlement, { nullable: true, description: 'How the item is settled now (DISMISSED, or what settled it before); null when not found.' })
  settledAs: RejectedItemSettlement | null;
}

@ObjectType({ description: 'The outcome of dismissRejectedItems, one entry per distinct id, in the order given.' })
export class DismissRejectedItemsResult {
  @Field(() => [DismissedRejectedItem])
  items: DismissedRejectedItem[];
}
