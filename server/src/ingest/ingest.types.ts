import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsOptional, IsString } from 'class-validator';
import { JSONValue } from '../common/json-scalar';
import { UNCOUNTED_LIST } from '../hardening/list-items';

export enum TouchpointType {
  MEETING = 'MEETING',
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  PROPOSAL = 'PROPOSAL',
  ORDER = 'ORDER',
  CASE = 'CASE',
  EVENT = 'EVENT',
  NOTE = 'NOTE',
}
registerEnumType(TouchpointType, { name: 'TouchpointType', description: 'The kind of interaction a touchpoint was.' });

export enum IngestItemKind {
  ACCOUNT = 'ACCOUNT',
  CONTACT = 'CONTACT',
  TOUCHPOINT = 'TOUCHPOINT',
  OPPORTUNITY = 'OPPORTUNITY',
  CRITICAL_INFO = 'CRITICAL_INFO',
}
registerEnumType(IngestItemKind, { name: 'IngestItemKind', description: 'Which list of the batch an item came from.' });

/**
 * Text over GraphQL, read item by item as occurredAt is (validation.ts: a malformed one rejects this item, not the batch);
 * a Date from callers in this process. Critical info has assertedAt for the same purpose.
 */
const SOURCE_UPDATED_AT = {
  nullable: true,
  description: "When the division's system last changed this record; when given, an older version than the one stored is not applied "
    + '(answered UNCHANGED, its reason naming the stored version\'s time). An RFC 3339 date-time with its offset, such as "2026-11-23T09:30:00Z"; '
    + 'anything else, or a time more than 5 minutes ahead of the hub\'s clock, rejects this item (only), with the reason. '
    + 'Not part of the content: the same content with another time is UNCHANGED (a later time is kept, without a new version).',
};

export enum IngestItemStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  WAITING = 'WAITING',
  REJECTED = 'REJECTED',
}
registerEnumType(IngestItemStatus, {
  name: 'IngestItemStatus',
  description: 'What ingest did with one item.',
  valuesMap: {
    CREATED: { description: 'New: stored for the first time.' },
    UPDATED: { description: 'Known and changed: the new version is current, the previous one is kept in the history.' },
    UNCHANGED: {
      description: 'Nothing written for it: known and identical to what the hub holds; or a copy that a later, different copy of its record in the same batch '
        + 'replaced (the last copy sent lands, as in a later batch; of copies giving sourceUpdatedAt, the latest): its reason names that copy, and it is kept '
        + 'as a rejected item settled SUPERSEDED; or a version older (sourceUpdatedAt) than the one the hub holds: its reason says so, and nothing is written.',
    },
    WAITING: { description: 'Its account has not arrived yet: kept, and landed as soon as the account arrives.' },
    REJECTED: { description: 'Not stored as data: see reason and path. The raw item is kept as a rejected item and can be re-processed.' },
  },
});

@InputType({ description: "What a division's system knows about a customer organisation." })
export class AccountRecordInput {
  @Field({ description: "The record's id in the division's system; with the division and source system it is the natural key. At most 200 characters." })
  externalId: string;

  @Field(() => String, SOURCE_UPDATED_AT)
  sourceUpdatedAt?: Date | string | null;

  @Field({ description: 'The name as the division spells it. At most 300 characters.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Web site, e.g. "https://www.acme.com". At most 500 characters.' })
  website?: string | null;

  @Field(() => [String], { nullable: true, description: 'Web domains, e.g. ["acme.com"]. At most 100 entries of at most 253 characters each.' })
  domains?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Email addresses of the organisation (their domains count as evidence unless free-mail). At most 100 entries of at most 320 characters each.' })
  emails?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Company registry or tax id (e.g. VAT number). A German register number with its registry court, as in "HRB 12345 (Amtsgericht München)": the number is unique only at its court, and one number at two courts is two companies. At most 100 characters.' })
  registryId?: string | null;

  @Field(() => String, { nullable: true, description: 'Main phone number, any format. At most 100 characters.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address, one line. At most 1,000 characters.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code. At most 40 characters.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Industry, free text. At most 200 characters.' })
  industry?: string | null;

  @Field(() => String, { nullable: true, description: "Email of the division's colleague who owns the account. At most 320 characters." })
  ownerEmail?: string | null;
}

@InputType({ description: "What a division's system knows about a person at a customer." })
export class ContactRecordInput {
  @Field({ description: "The contact's id in the division's system. At most 200 characters." })
  externalId: string;

  @Field(() => String, SOURCE_UPDATED_AT)
  sourceUpdatedAt?: Date | string | null;

  @Field({ description: 'externalId of the account record (same division and source system) the person works for. At most 200 characters.' })
  accountExternalId: string;

  @Field(() => String, { nullable: true, description: "The account's name, used to create the account record if it has not arrived yet. At most 300 characters." })
  accountName?: string | null;

  @Field({ description: 'Full name, e.g. "Robert Smith" or "Smith, Robert". At most 300 characters.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Given name, when the system keeps it apart (it then wins over what `name` suggests). At most 200 characters.' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Family name, when the system keeps it apart. At most 200 characters.' })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title. At most 300 characters.' })
  title?: string | null;

  @Field(() => [String], { nullable: true, description: 'Email addresses. At most 100 entries of at most 320 characters each.' })
  emails?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Phone numbers, any format. At most 100 entries of at most 100 characters each.' })
  phones?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Department. At most 300 characters.' })
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'externalId of the contact this person reports to. At most 200 characters.' })
  reportsToExternalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Birthday as an ISO date (YYYY-MM-DD).' })
  birthday?: string | null;

  @Field(() => String, { nullable: true, description: 'City the person works in. At most 200 characters.' })
  city?: string | null;

  @Field(() => [String], { nullable: true, description: 'Interests, free text. At most 100 entries of at most 200 characters each.' })
  interests?: string[] | null;
}

@InputType({ description: 'One interaction of a division with a customer.' })
export class TouchpointRecordInput {
  @Field({ description: "The touchpoint's id in the division's system. At most 200 characters." })
  externalId: string;

  @Field(() => String, SOURCE_UPDATED_AT)
  sourceUpdatedAt?: Date | string | null;

  @Field({ description: 'externalId of the account record (same division and source system). At most 200 characters.' })
  accountExternalId: string;

  @Field(() => String, { nullable: true, description: "The account's name, used to create the account record if it has not arrived yet. At most 300 characters." })
  accountName?: string | null;

  @Field(() => TouchpointType, { description: 'Kind of interaction.' })
  type: TouchpointType;

  /**
   * Text over GraphQL, read item by item (validation.ts: a malformed one rejects this item, kept as sent, not the
   * batch); a Date from callers in this process (the import command, the demo). An instant once validated.
   */
  @Field(() => String, { description: 'When it happened (or is planned to happen): an RFC 3339 date-time with its offset, such as "2026-11-23T09:30:00Z" or "2026-11-23T10:30:00+01:00". Anything else rejects this item (only), with the reason.' })
  occurredAt: Date | string;

  @Field(() => String, { nullable: true, description: 'Subject line. At most 1,000 characters.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'What it was about. At most 20,000 characters.' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'What came out of it. At most 5,000 characters.' })
  outcome?: string | null;

  @Field(() => [String], { nullable: true, description: 'Emails of our colleagues involved. At most 100 entries of at most 320 characters each.' })
  colleagueEmails?: string[] | null;

  @Field(() => [String], { nullable: true, description: "externalIds of the customer's people involved (contacts of the same source system). At most 100 entries of at most 200 characters each." })
  participantExternalIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Emails of the customer's people involved. At most 100 entries of at most 320 characters each." })
  participantEmails?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'When true, only the own division and admins see subject, summary and outcome.' })
  confidential?: boolean | null;

  @Field(() => String, { nullable: true, description: 'externalId of the opportunity it belongs to. At most 200 characters.' })
  opportunityExternalId?: string | null;
}

@InputType({ description: 'A sales opportunity of a division with a customer.' })
export class OpportunityRecordInput {
  @Field({ description: "The opportunity's id in the division's system. At most 200 characters." })
  externalId: string;

  @Field(() => String, SOURCE_UPDATED_AT)
  sourceUpdatedAt?: Date | string | null;

  @Field({ description: 'externalId of the account record (same division and source system). At most 200 characters.' })
  accountExternalId: string;

  @Field(() => String, { nullable: true, description: "The account's name, used to create the account record if it has not arrived yet. At most 300 characters." })
  accountName?: string | null;

  @Field({ description: 'Name of the opportunity. At most 300 characters.' })
  name: string;

  @Field({ description: 'Sales stage as the division names it; its words say whether it is open, won, lost or closed ("Closed Won", "Lost", "Chiuso vinto", "Abgeschlossen": see OpportunityStatus). At most 100 characters.' })
  stage: string;

  @Field(() => Number, { nullable: true, description: 'Amount, from 0 to less than 10^16; kept as the number arrives, every decimal (1.235 KWD); a JSON number of more than about 15 significant digits arrives rounded: send amountText for those. More decimals than the currency has (10.123 EUR, 5.5 JPY) are kept, with a warning.' })
  amount?: number | null;

  @Field(() => String, { nullable: true, description: 'The amount exactly, as a plain decimal in text ("99999999999999.99", "1234.50": digits, a point before any decimals; no sign, exponent, spaces nor digit grouping), from 0 to less than 10^16; stored as it is, nothing rounded ("1234.50" reads back as amountText "1234.50"). One amount is one content whichever form it is sent in: amount 1234.5, amountText "1234.50" or "1234.5", and both, are UNCHANGED after one another, the writing first stored kept. With amount too, both must be the same amount (amount the floating-point number nearest to it), else the item is rejected (path amountText). More decimals than the currency has are kept, with a warning. At most 60 characters.' })
  amountText?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency code, e.g. "EUR"; any case, spaces around ignored; kept upper-case. At most 10 characters.' })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: 'Expected or actual close date, a day (YYYY-MM-DD); one outside the years 1900 to 2200 is ignored with a warning.' })
  closeDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Email of the owning colleague. At most 320 characters.' })
  ownerEmail?: string | null;
}

@InputType({ description: "A division system's value for a critical-info field of a customer (see criticalInfoFields for keys and types)." })
export class CriticalInfoRecordInput {
  @Field({ description: 'externalId of the account record (same division and source system). At most 200 characters.' })
  accountExternalId: string;

  @Field({ description: 'The key of the catalogue field, e.g. "contract_renewal_date". At most 100 characters.' })
  fieldKey: string;

  @Field(() => JSONValue, { description: "The value, checked against the field's type and options (see CriticalInfoType); a STAKEHOLDER_REF also takes the externalId of a contact of this system." })
  value: unknown;

  /** Text or a Date, as occurredAt of a touchpoint. */
  @Field(() => String, { nullable: true, description: 'When the division system learned or last confirmed it (default: now); staleness counts from here. An RFC 3339 date-time with its offset, such as "2026-11-23T09:30:00Z"; anything else rejects this item (only), with the reason.' })
  assertedAt?: Date | string | null;

  @Field(() => String, { nullable: true, description: 'externalId of the touchpoint (same system) it was learned in. At most 200 characters.' })
  sourceTouchpointExternalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Email of the colleague who recorded it in the division system. Linked to that colleague when they belong to this division; anyone else (a colleague of another division, someone unknown) stays the author as an email, a colleague of another division with a warning on the item. At most 320 characters.' })
  assertedByEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'A note: where it comes from, how sure it is. At most 2,000 characters.' })
  note?: string | null;
}

@InputType({ description: "One division's records from one of its systems. Idempotent: sending the same batch again changes nothing (a content hash of each item, the same however it is formatted: strings trimmed, empty strings as absent, lists of emails, domains, phones and participants as sets). At most 5,000 items in all lists together; a longer text or list refuses its item alone, naming the field and the limit." })
export class IngestBatchInput {
  @Field({ description: 'Division key; an integration token may only name its own division.' })
  @IsString()
  division: string;

  @Field({ description: 'The system the records come from, e.g. "exhibits-crm".' })
  @IsString()
  sourceSystem: string;

  // Items are checked one by one by ingest itself, so one bad item never fails the batch.
  @Field(() => [AccountRecordInput], { nullable: true, description: 'Customer organisations. The batch holds at most 5,000 items in all.' })
  @IsOptional()
  @IsArray()
  accounts?: AccountRecordInput[] | null;

  @Field(() => [ContactRecordInput], { nullable: true, description: "The customers' people. The batch holds at most 5,000 items in all." })
  @IsOptional()
  @IsArray()
  contacts?: ContactRecordInput[] | null;

  @Field(() => [TouchpointRecordInput], { nullable: true, description: 'Interactions. The batch holds at most 5,000 items in all.' })
  @IsOptional()
  @IsArray()
  touchpoints?: TouchpointRecordInput[] | null;

  @Field(() => [OpportunityRecordInput], { nullable: true, description: 'Sales opportunities. The batch holds at most 5,000 items in all.' })
  @IsOptional()
  @IsArray()
  opportunities?: OpportunityRecordInput[] | null;

  @Field(() => [CriticalInfoRecordInput], { nullable: true, description: 'Values for critical-info fields; the same value again from the same system is UNCHANGED, a new one is kept as history.' })
  @IsOptional()
  @IsArray()
  criticalInfo?: CriticalInfoRecordInput[] | null;
}

@ObjectType({ description: 'What ingest did with one item of the batch.' })
export class IngestItemResult {
  @Field(() => IngestItemKind, { description: 'Which list the item came from.' })
  kind: IngestItemKind;

  @Field(() => String, { nullable: true, description: "The item's externalId, when it had one." })
  externalId: string | null;

  @Field(() => IngestItemStatus, { description: 'What happened.' })
  status: IngestItemStatus;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or is waiting, or why an UNCHANGED item was not applied (a later copy, an older version).' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'Where in the batch: e.g. "touchpoints[3].occurredAt".' })
  path: string | null;

  @Field(() => [String], { description: 'Values ignored in an item that was stored (e.g. a malformed email), with where and why.' })
  warnings: string[];

  @Field(() => ID, { nullable: true, description: 'The merged account the item landed in.' })
  accountId: string | null;

  @Field(() => ID, { nullable: true, description: 'The stakeholder a contact landed in.' })
  stakeholderId: string | null;

  @Field(() => ID, { nullable: true, description: 'The touchpoint or opportunity id in the hub (for critical info: the assertion).' })
  recordId: string | null;

  @Field(() => ID, { nullable: true, description: 'For a rejected item: the stored rejected item, to re-process later.' })
  rejectedItemId: string | null;
}

@ObjectType({ description: 'The outcome of one ingest call, per item.' })
export class IngestResult {
  // What the batch did, with its transaction committed: never refused for its size (hardening/list-items.ts).
  @Extensions(UNCOUNTED_LIST)
  @Field(() => [IngestItemResult], { description: 'One result per item sent, in the order of the batch (accounts, contacts, touchpoints, opportunities, criticalInfo).' })
  items: IngestItemResult[];

  @Extensions(UNCOUNTED_LIST)
  @Field(() => [IngestItemResult], { description: 'Items of earlier batches that were waiting for an account of this batch and have now landed.' })
  resumed: IngestItemResult[];

  @Field(() => Int, { description: 'How many items were created.' })
  created: number;

  @Field(() => Int, { description: 'How many items were updated.' })
  updated: number;

  @Field(() => Int, { description: 'How many items were unchanged.' })
  unchanged: number;

  @Field(() => Int, { description: 'How many items wait for their account.' })
  waiting: number;

  @Field(() => Int, { description: 'How many items were rejected.' })
  rejected: number;
}
