import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ForAdmins } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { CreateIntegrationTokenPayload, IntegrationToken, RevokeIntegrationTokenPayload } from './integration-token.types';
import { IntegrationTokensService } from './integration-tokens.service';

@Resolver(() => IntegrationToken)
export class IntegrationTokensResolver {
  constructor(private readonly service: IntegrationTokensService) {}

  @ForAdmins()
  @Query(() => [IntegrationToken], { description: 'All integration tokens, newest first (admins only).' })
  integrationTokens() {
    return this.service.list();
  }

  @ForAdmins()
  @Mutation(() => CreateIntegrationTokenPayload, { description: "Issues a token for a division's system; the secret is returned this once (admins only)." })
  createIntegrationToken(
    @Args('division', { description: 'Key of the division the token may ingest for.' }) division: string,
    @Context() ctx: RequestContext,
    @Args('name', { nullable: true, description: 'What the token is for, e.g. "exhibits-crm".' }) name?: string,
  ) {
    return this.service.create(ctx.principal, division, name);
  }

  @ForAdmins()
  @Mutation(() => RevokeIntegrationTokenPayload, { description: 'Revokes a token; it is rejected from the next request on (admins only).' })
  revokeIntegrationToken(@Args('id', { type: () => ID, description: 'The token id.' }) id: string, @Context() ctx: RequestContext) {
    return this.service.revoke(ctx.principal, id);
  }

  @ResolveField(() => Division, { description: 'The one division this token may ingest for.' })
  division(@Parent() token: IntegrationToken, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(token.divisionId);
  }
}
