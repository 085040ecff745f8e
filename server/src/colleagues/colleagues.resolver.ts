import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ForAdmins, ForAnyone } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { Colleague } from './colleague.entity';
import { CreateColleagueInput, CreateColleaguePayload } from './colleague.types';
import { ColleaguesService } from './colleagues.service';

@Resolver(() => Colleague)
export class ColleaguesResolver {
  constructor(private readonly service: ColleaguesService) {}

  @ForAnyone()
  @Query(() => Colleague, { nullable: true, description: 'The signed-in colleague; null when nobody is signed in.' })
  me(@Context() ctx: RequestContext) {
    return this.service.me(ctx.principal);
  }

  @ForAdmins()
  @Mutation(() => CreateColleaguePayload, { description: 'Adds a colleague with a local password (admins only).' })
  async createColleague(@Args('input') input: CreateColleagueInput, @Context() ctx: RequestContext) {
    return { colleague: await this.service.create(ctx.principal, input) };
  }

  @ResolveField(() => Division, { description: 'The division the colleague belongs to.' })
  division(@Parent() colleague: Colleague, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(colleague.divisionId);
  }
}
