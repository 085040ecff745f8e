import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Division } from '../divisions/division.entity';

@ObjectType({ description: "A division system's API token (the secret itself is never stored or shown again)." })
export class IntegrationToken {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  divisionId: string;

  @Field(() => Division, { description: 'The one division this token may ingest for.' })
  division?: Division;

  @Field({ description: 'What the token is for, e.g. the source system.' })
  name: string;

  @Field({ description: 'Who issued it.' })
  createdBy: string;

  @Field({ description: 'When it was issued.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; revoked tokens are rejected at once.' })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last used.' })
  lastUsedAt: Date | null;
}

@ObjectType({ description: 'Result of createIntegrationToken: the token secret, shown this once.' })
export class CreateIntegrationTokenPayload {
  @Field({ description: 'The bearer secret. Store it now: it is kept only as a hash and never shown again.' })
  token: string;

  @Field(() => IntegrationToken, { description: 'The token record.' })
  integrationToken: IntegrationToken;
}

@ObjectType({ description: 'Result of revokeIntegrationToken.' })
export class RevokeIntegrationTokenPayload {
  @Field(() => IntegrationToken, { description: 'The revoked token record.' })
  integrationToken: IntegrationToken;
}
