import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ForColleagues } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';
import { AccountConnection, DivisionName } from './account.types';
import { AccountsService } from './accounts.service';

@Resolver(() => Account)
export class AccountsResolver {
  constructor(private readonly service: AccountsService) {}

  @ForColleagues()
  @Query(() => AccountConnection, {
    description: 'Customer accounts, by name; with `search`, ranked: name prefix, then word prefix, then fuzzy matches.',
  })
  accounts(
    @Args('search', { nullable: true, description: 'Part of a name; accents and case do not matter; typos are forgiven.' })
    search?: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' })
    first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' })
    after?: string,
  ) {
    return this.service.list({ search, first, after });
  }

  @ForColleagues()
  @Query(() => Account, { nullable: true, description: 'One account by id; null when there is none.' })
  account(@Args('id', { type: () => ID, description: 'The account id.' }) id: string) {
    return this.service.get(id);
  }

  @ResolveField(() => [Division], { description: 'The divisions whose systems know this account.' })
  divisions(@Parent() account: Account, @Context() ctx: RequestContext) {
    return ctx.loaders.divisionsOfAccount.load(account.id);
  }

  @ResolveField(() => [DivisionName], { description: 'How each division names this account in its own system.' })
  async knownAs(@Parent() account: Account, @Context() ctx: RequestContext) {
    const names = await ctx.loaders.namesOfAccount.load(account.id);
    const divisions = await ctx.loaders.division.loadMany(names.map((n) => n.divisionId));
    return names.map((n, i) => ({ name: n.name, division: divisions[i] }));
  }
}
