import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ForAdmins, ForColleagues } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Division } from './division.entity';
import { CreateDivisionInput, CreateDivisionPayload } from './division.types';
import { DivisionsService } from './divisions.service';

@Resolver(() => Division)
export class DivisionsResolver {
  constructor(private readonly service: DivisionsService) {}

  @ForColleagues()
  @Query(() => [Division], { description: 'All divisions of our company, by name.' })
  divisions() {
    return this.service.list();
  }

  @ForAdmins()
  @Mutation(() => CreateDivisionPayload, { description: 'Adds a division (admins only).' })
  async createDivision(@Args('input') input: CreateDivisionInput, @Context() ctx: RequestContext) {
    return { division: await this.service.create(ctx.principal, input) };
  }
}
