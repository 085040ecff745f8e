import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { JSONValue } from '../common/json-scalar';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { Connection } from '../common/relay/connection';

@ObjectType({ description: 'One entry of the append-only audit trail: who did what, to what, when.' })
export class AuditEvent {
  @Field(() => ID, { description: 'Sequence number of the entry.' })
  id: string;

  @Field({ description: 'When it happened.' })
  at: Date;

  @Field({ description: 'COLLEAGUE, INTEGRATION, ADMIN_TOKEN or ANONYMOUS.' })
  actorKind: string;

  @Field(() => String, { nullable: true, description: 'Id of the colleague or integration token that acted.' })
  actorId: string | null;

  @Field({ description: 'Readable actor: an email, an integration name, or the admin token.' })
  actorLabel: string;

  @Field({ description: 'What was done, e.g. SIGN_IN, CREATE_COLLEAGUE, REVOKE_INTEGRATION_TOKEN.' })
  action: string;

  @Field({ description: 'SUCCESS or FAILURE.' })
  outcome: string;

  @Field(() => String, { nullable: true, description: 'Kind of the object acted on, e.g. Colleague.' })
  targetType: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the object acted on.' })
  targetId: string | null;

  @Field(() => JSONValue, { nullable: true, description: 'The object before the change, where it applies.' })
  before: unknown;

  @Field(() => JSONValue, { nullable: true, description: 'The object after the change, where it applies.' })
  after: unknown;

  @Field(() => String, { nullable: true, description: 'Client address of the request.' })
  ip: string | null;
}

@ObjectType({ description: 'A page of audit events, newest first.' })
export class AuditEventConnection extends Connection(AuditEvent, 'audit event') {}

@InputType({ description: 'Filters of the audit trail; all optional, combined with AND.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Only this action.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @Field(() => String, { nullable: true, description: 'Only this actor (colleague or token id).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorId?: string;

  @Field(() => String, { nullable: true, description: 'Only this kind of target.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetType?: string;

  @Field(() => String, { nullable: true, description: 'Only this target id.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetId?: string;

  @Field(() => Date, { nullable: true, description: 'Only events at or after this time.' })
  @IsOptional()
  @IsDate()
  since?: Date;

  @Field(() => Date, { nullable: true, description: 'Only events before this time.' })
  @IsOptional()
  @IsDate()
  until?: Date;
}
