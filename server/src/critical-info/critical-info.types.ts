import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';
import { ArrayMaxSize, IsArray, IsDefined, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { JSONValue } from '../common/json-scalar';
import { Account, LifecycleStage } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { Division } from '../divisions/division.entity';
import { Stakeholder } from '../stakeholders/stakeholder.types';
import { assertionColleague, assertionDivision, assertionStakeholder, assertionText, fieldReliedOnBy, fieldRetired } from './field-middleware';
import { CriticalInfoStatus } from './status';
import { CriticalInfoType, CriticalValue, NumberRule } from './value';

registerEnumType(CriticalInfoType, {
  name: 'CriticalInfoType',
  description: 'The type of a critical-info field: what its values look like (JSON).',
  valuesMap: {
    TEXT: { description: 'A text of 1 to 2000 characters, e.g. "Board approves above EUR 50k".' },
    NUMBER: { description: 'A number, e.g. 1200, within the field\'s numberRule (whole numbers only, a minimum, a maximum).' },
    MONEY: { description: 'An amount with its ISO 4217 currency, e.g. {"amount": 250000, "currency": "EUR"}.' },
    DATE: { description: 'A date of the form YYYY-MM-DD, e.g. "2027-03-31".' },
    BOOLEAN: { description: 'true or false.' },
    ENUM: { description: 'One of the field\'s options, e.g. "Net 30" (case does not matter).' },
    MULTI_ENUM: { description: 'A list of one or more of the field\'s options, e.g. ["Freight", "Print"].' },
    STAKEHOLDER_REF: { description: 'The id of a stakeholder of the account (ingest: also the externalId of a contact of the same system).' },
  },
});

registerEnumType(CriticalInfoStatus, {
  name: 'CriticalInfoStatus',
  description: 'Where one field of an account stands.',
  valuesMap: {
    OK: { description: 'Known, within its staleness window, and the divisions agree.' },
    STALE: { description: "The current value is older than the field's staleness window: confirm it." },
    MISSING: { description: "Required in the account's lifecycle stage and never asserted: ask." },
    CONFLICT: { description: 'The newest values of two or more divisions differ within the window: resolve it.' },
    EMPTY: { description: "Never asserted, and not required in the account's stage." },
  },
});

export const FIELD_KEY = /^[a-z][a-z0-9_]{1,62}$/;
export const MAX_NOTE = 2000;

@ObjectType({ description: 'What a NUMBER field takes. Values stored before the rule was set or narrowed stay as they are; only new values are checked.' })
export class CriticalInfoNumberRule implements NumberRule {
  @Field({ description: 'Whole numbers only (no fractions), e.g. a count of employees.' })
  wholeNumbers: boolean;

  @Field(() => Float, { nullable: true, description: 'The smallest value allowed; null: no minimum.' })
  minimum: number | null;

  @Field(() => Float, { nullable: true, description: 'The largest value allowed; null: no maximum.' })
  maximum: number | null;
}

@InputType({ description: 'What a NUMBER field takes (admins). Values stored before stay readable; only new values are checked.' })
export class CriticalInfoNumberRuleInput {
  @Field({ defaultValue: false, description: 'Whole numbers only (default: false).' })
  wholeNumbers: boolean;

  @Field(() => Float, { nullable: true, description: 'The smallest value allowed (default: none).' })
  minimum?: number | null;

  @Field(() => Float, { nullable: true, description: 'The largest value allowed (default: none); not below the minimum.' })
  maximum?: number | null;
}

@ObjectType({ description: 'A fact the divisions agreed they all need about every customer: what it is, why it is critical, how it helps.' })
export class CriticalInfoField {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  @Field({ description: 'Stable key integrations send values under, e.g. "contract_renewal_date".' })
  key: string;

  @Field({ description: 'What people see, e.g. "Contract renewal date".' })
  label: string;

  @Field({ description: 'Why it is critical: what goes wrong when we do not know it.' })
  whyCritical: string;

  @Field({ description: 'How knowing it helps care for the customer.' })
  howItHelps: string;

  @Field(() => CriticalInfoType, { description: 'The type its values have.' })
  type: CriticalInfoType;

  @Field(() => [String], { description: 'The allowed values of ENUM and MULTI_ENUM fields, in display order; empty for other types.' })
  options: string[];

  @Field(() => CriticalInfoNumberRule, { nullable: true, description: 'What a NUMBER field takes (whole numbers only, a minimum, a maximum); null for other types.' })
  numberRule: CriticalInfoNumberRule | null;

  @Field(() => [LifecycleStage], { description: 'The lifecycle stages in which an account must have it (else it is MISSING).' })
  requiredInStages: LifecycleStage[];

  @Field(() => Int, { description: 'How many days a value stays fresh; older values are STALE.' })
  stalenessDays: number;

  /** The divisions that rely on it; empty: every division. */
  divisionIds: string[];

  @Field(() => [Division], { description: 'The divisions that rely on it; empty: every division.', middleware: [fieldReliedOnBy] })
  reliedOnBy?: Division[];

  @Field(() => Boolean, { description: 'True once retired.', middleware: [fieldRetired] })
  retired?: boolean;

  @Field(() => Int, { description: 'Display order in the catalogue (ascending).' })
  position: number;

  @Field(() => DateTime, { nullable: true, description: 'When it was retired; a retired field takes no new values and keeps its history.' })
  retiredAt: Date | null;

  @Field(() => DateTime, { description: 'When it was added to the catalogue.' })
  createdAt: Date;

  @Field(() => DateTime, { description: 'When it was last changed.' })
  updatedAt: Date;
}

@ObjectType({ description: 'One value of a field for an account, as a division asserted it: who, which division, when, from which touchpoint. Never overwritten.' })
export class CriticalInfoAssertion {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  accountId: string;
  fieldId: string;
  divisionId: string;
  colleagueId: string | null;
  sourceTouchpointId: string | null;
  /** Filled in by the service: the field's type, for the value in words. */
  type?: CriticalInfoType;

  @Field(() => JSONValue, { description: 'The value, shaped by the field type (see CriticalInfoType).' })
  value: CriticalValue;

  @Field(() => String, { nullable: true, description: 'Email of the person the division system names as its author, when it names one.' })
  assertedByEmail: string | null;

  @Field(() => String, { nullable: true, description: 'The division system it came from through ingest, e.g. "exhibits-crm"; null when a colleague asserted it in the hub.' })
  sourceSystem: string | null;

  @Field(() => String, { nullable: true, description: "The source touchpoint's id in the division system, when ingest named one." })
  sourceTouchpointExternalId: string | null;

  @Field(() => String, { nullable: true, description: 'A note: where the value comes from or, for a resolution, why it holds.' })
  note: string | null;

  @Field({ description: 'True when this assertion resolved a conflict: it says which value holds, and ends the conflict.' })
  resolvesConflict: boolean;

  @Field(() => [ID], { description: 'For a resolution: the assertions whose conflict it settled (they stay in the history).' })
  resolvedAssertionIds: string[];

  @Field(() => DateTime, { description: 'When the value was stated (by the division system, or now for a colleague).' })
  assertedAt: Date;

  @Field(() => DateTime, { description: 'When the hub recorded it.' })
  recordedAt: Date;

  // Provenance, batch-loaded through the request's DataLoaders (field middleware, see field-middleware.ts):
  // a history costs the same number of statements whatever its length. sourceTouchpoint: CriticalInfoAssertionResolver.

  @Field(() => Division, { description: 'The division that asserted it.', middleware: [assertionDivision] })
  division?: Division;

  @Field(() => Colleague, { nullable: true, description: 'The colleague who asserted it in the hub, or whom the division system named (when the hub knows them).', middleware: [assertionColleague] })
  colleague?: Colleague | null;

  @Field(() => Stakeholder, { nullable: true, description: 'For a STAKEHOLDER_REF field: the person the value names.', middleware: [assertionStakeholder] })
  stakeholder?: Stakeholder | null;

  @Field(() => String, { description: 'The value in plain words, e.g. "EUR 250,000", "Yes", "Freight, Print", a stakeholder\'s name.', middleware: [assertionText] })
  text?: string;
}

@ObjectType({ description: 'One field of the catalogue for one account: its current value, status, provenance and history.' })
export class CriticalInfoEntry {
  @Field(() => ID, { description: 'Identifies the pair account and field (for client caches).' })
  id: string;

  /** The account. */
  accountId: string;

  @Field(() => Boolean, {
    description: 'Whether you may resolve its conflict (false when it is in none): managers and admins may, and colleagues of a division that holds one of the conflicting values and deals with the account.',
  })
  viewerMayResolve?: boolean;

  @Field(() => CriticalInfoField, { description: 'The field.' })
  field: CriticalInfoField;

  @Field(() => CriticalInfoStatus, { description: 'OK, STALE, MISSING, CONFLICT or EMPTY.' })
  status: CriticalInfoStatus;

  @Field({ description: "Whether the field is required in the account's lifecycle stage." })
  required: boolean;

  @Field(() => CriticalInfoAssertion, { nullable: true, description: 'The value that holds now (the newest assertion), with its provenance; null when never asserted.' })
  current: CriticalInfoAssertion | null;

  @Field(() => [CriticalInfoAssertion], { description: "Each division's newest value since the last resolution, newest first: the sides of a conflict." })
  divisionValues: CriticalInfoAssertion[];

  @Field(() => [CriticalInfoAssertion], { description: 'Every assertion, newest first: nothing is overwritten.' })
  history: CriticalInfoAssertion[];

  @Field(() => DateTime, { nullable: true, description: 'When the current value becomes (or became) stale.' })
  staleAt: Date | null;
}

@ObjectType({ description: "What we know of an account's critical facts, and how complete it is for its stage." })
export class AccountCriticalInfo {
  @Field(() => ID, { description: 'The account id (for client caches).' })
  id: string;

  @Field(() => LifecycleStage, { description: 'The stage the requirements were taken from.' })
  stage: LifecycleStage;

  @Field(() => DateTime, { description: 'The instant the statuses were computed for.' })
  asOf: Date;

  @Field(() => Int, { description: 'Share of the fields required in the stage whose value is OK, 0 to 100 (100 when none is required).' })
  completeness: number;

  @Field(() => Int, { description: 'How many fields the stage requires.' })
  requiredCount: number;

  @Field(() => Int, { description: 'How many required fields are OK.' })
  completeCount: number;

  @Field(() => Int, { description: 'How many fields are MISSING.' })
  missingCount: number;

  @Field(() => Int, { description: 'How many fields are STALE.' })
  staleCount: number;

  @Field(() => Int, { description: 'How many fields are in CONFLICT.' })
  conflictCount: number;

  @Field(() => [CriticalInfoEntry], { description: 'One entry per field of the catalogue, in catalogue order.' })
  entries: CriticalInfoEntry[];

  @Field(() => Boolean, {
    description: "Whether you may record values for this account's fields: managers and admins may on any account, other colleagues when they deal with it (their division has an account record of it, or they took part in one of its touchpoints).",
  })
  viewerMayAssert?: boolean;
}

@ObjectType({ description: 'A question to ask the customer: a field that is missing, stale or in conflict.' })
export class QuestionToAsk {
  @Field(() => ID, { description: 'Identifies the pair account and field (for client caches).' })
  id: string;

  @Field(() => CriticalInfoField, { description: 'The field it is about.' })
  field: CriticalInfoField;

  @Field(() => CriticalInfoStatus, { description: 'Why to ask: MISSING, STALE or CONFLICT.' })
  reason: CriticalInfoStatus;

  @Field({ description: 'The question, built from the field label and what the divisions hold.' })
  question: string;

  @Field({ description: 'Why it matters (the field\'s whyCritical).' })
  why: string;
}

@InputType({ description: 'A new field of the catalogue (admins).' })
export class CreateCriticalInfoFieldInput {
  @Field({ description: 'Stable key: lower case letters, digits and _, 2 to 63 characters, starting with a letter; cannot change later.' })
  @Matches(FIELD_KEY, { message: 'key must be 2 to 63 lower-case letters, digits or _, starting with a letter' })
  key: string;

  @Field({ description: 'What people see.' })
  @IsString() @MinLength(1) @MaxLength(200)
  label: string;

  @Field({ description: 'Why it is critical.' })
  @IsString() @MinLength(1) @MaxLength(MAX_NOTE)
  whyCritical: string;

  @Field({ description: 'How it helps care for the customer.' })
  @IsString() @MinLength(1) @MaxLength(MAX_NOTE)
  howItHelps: string;

  @Field(() => CriticalInfoType, { description: 'The type of its values; cannot change later.' })
  @IsEnum(CriticalInfoType)
  type: CriticalInfoType;

  @Field(() => [String], { nullable: true, description: 'Allowed values, required for ENUM and MULTI_ENUM (2 to 50), none for other types.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true })
  options?: string[];

  @Field(() => CriticalInfoNumberRuleInput, { nullable: true, description: 'What a NUMBER field takes (default: any number); none for other types.' })
  @IsOptional()
  numberRule?: CriticalInfoNumberRuleInput | null;

  @Field(() => [LifecycleStage], { nullable: true, description: 'Stages in which it is required (default: none).' })
  @IsOptional() @IsArray() @IsEnum(LifecycleStage, { each: true })
  requiredInStages?: LifecycleStage[];

  @Field(() => Int, { description: 'Days a value stays fresh, 1 to 3650.' })
  @IsInt() @Min(1) @Max(3650)
  stalenessDays: number;

  @Field(() => [ID], { nullable: true, description: 'Divisions that rely on it (default: every division).' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  divisionIds?: string[];

  @Field(() => Int, { nullable: true, description: 'Display order (default: after the last field).' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  position?: number;
}

@InputType({ description: 'Changes to a field of the catalogue (admins); what is left out stays. Key and type never change: the history depends on them.' })
export class UpdateCriticalInfoFieldInput {
  @Field(() => ID, { description: 'The field.' })
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true, description: 'What people see.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  label?: string;

  @Field(() => String, { nullable: true, description: 'Why it is critical.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(MAX_NOTE)
  whyCritical?: string;

  @Field(() => String, { nullable: true, description: 'How it helps care for the customer.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(MAX_NOTE)
  howItHelps?: string;

  @Field(() => [String], { nullable: true, description: 'Allowed values (ENUM and MULTI_ENUM). Values asserted before keep their value.' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true })
  options?: string[];

  @Field(() => CriticalInfoNumberRuleInput, { nullable: true, description: 'What a NUMBER field takes, replacing its rule. Values asserted before keep their value and stay readable.' })
  @IsOptional()
  numberRule?: CriticalInfoNumberRuleInput | null;

  @Field(() => [LifecycleStage], { nullable: true, description: 'Stages in which it is required.' })
  @IsOptional() @IsArray() @IsEnum(LifecycleStage, { each: true })
  requiredInStages?: LifecycleStage[];

  @Field(() => Int, { nullable: true, description: 'Days a value stays fresh, 1 to 3650.' })
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  stalenessDays?: number;

  @Field(() => [ID], { nullable: true, description: 'Divisions that rely on it (empty: every division).' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  divisionIds?: string[];

  @Field(() => Int, { nullable: true, description: 'Display order.' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  position?: number;
}

@InputType({ description: 'A value for one field of one account, as you know it now.' })
export class AssertCriticalInfoInput {
  @Field(() => ID, { description: 'The account.' })
  @IsString()
  accountId: string;

  @Field({ description: 'The key of the field, e.g. "payment_terms".' })
  @IsString() @MaxLength(100)
  fieldKey: string;

  @Field(() => JSONValue, { description: 'The value, shaped by the field type (see CriticalInfoType); checked against the type and options.' })
  @IsDefined()
  value: unknown;

  @Field(() => ID, { nullable: true, description: "The touchpoint (meeting, call…) of this account where you learned it." })
  @IsOptional() @IsString()
  sourceTouchpointId?: string | null;

  @Field(() => String, { nullable: true, description: 'A note: where it comes from, how sure it is.' })
  @IsOptional() @IsString() @MaxLength(MAX_NOTE)
  note?: string | null;
}

@InputType({ description: 'Ends a conflict: which value holds, and why. Both sides stay in the history.' })
export class ResolveCriticalInfoConflictInput {
  @Field(() => ID, { description: 'The account.' })
  @IsString()
  accountId: string;

  @Field({ description: 'The key of the field in conflict.' })
  @IsString() @MaxLength(100)
  fieldKey: string;

  @Field(() => JSONValue, { description: 'The value that holds (one of the sides, or the correct one if neither is).' })
  @IsDefined()
  value: unknown;

  @Field({ description: 'Why this value holds (who confirmed it, where).' })
  @IsString() @MinLength(1) @MaxLength(MAX_NOTE)
  note: string;

  @Field(() => ID, { nullable: true, description: 'The touchpoint where it was confirmed, if any.' })
  @IsOptional() @IsString()
  sourceTouchpointId?: string | null;
}

@ObjectType({ description: 'The result of a change to the catalogue.' })
export class CriticalInfoFieldPayload {
  @Field(() => CriticalInfoField, { description: 'The field as it is now.' })
  field: CriticalInfoField;
}

@ObjectType({ description: 'The result of asserting a value.' })
export class AssertCriticalInfoPayload {
  @Field(() => CriticalInfoAssertion, { description: 'The new assertion.' })
  assertion: CriticalInfoAssertion;

  @Field(() => CriticalInfoEntry, { description: 'The field of the account as it stands now.' })
  entry: CriticalInfoEntry;

  @Field(() => Account, { description: 'The account (ask for criticalInfo to refresh completeness).' })
  account: Account;
}

@ObjectType({ description: 'The result of resolving a conflict.' })
export class ResolveCriticalInfoConflictPayload extends AssertCriticalInfoPayload {}
