import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { Opportunity } from './opportunity.types';

@Resolver(() => Opportunity)
export class OpportunityFieldsResolver {
  @ResolveField(() => Division, { description: 'The division whose system records the opportunity.' })
  division(@Parent() o: Opportunity, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(o.divisionId);
  }
}
