import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { OpportunitiesService } from './opportunities.service';
import { Opportunity, OpportunityConnection, OpportunityFilter, OpportunityTotal } from './opportunity.types';

@Resolver(() => Account)
export class AccountOpportunitiesResolver {
  constructor(private readonly service: OpportunitiesService) {}

  @ResolveField(() => OpportunityConnection, {
    description: "Every division's opportunities with this account, open and closed: open ones first, the soonest to close first; then closed ones, "
      + 'the latest closed first; those without a close date last in each (keyset on that order and id). A merged-away account answers as the account it was merged into.',
  })
  opportunities(
    @Parent() account: Account,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' }) after?: string,
    @Args('filter', { type: () => OpportunityFilter, nullable: true, description: 'Narrows the opportunities.' }) filter?: OpportunityFilter,
  ) {
    return this.service.list(account.id, { first, after, filter });
  }
}

@Resolver(() => OpportunityConnection)
export class OpportunityConnectionResolver {
  constructor(private readonly service: OpportunitiesService) {}

  @ResolveField(() => [OpportunityTotal], {
    description: 'The amounts of every opportunity the filter lists, on every page (not only this one), summed per currency by the database on the '
      + 'exact decimals; currencies in alphabetical order, amounts without a currency last. Opportunities without an amount are not counted.',
  })
  totals(@Parent() connection: OpportunityConnection) {
    return this.service.totals(connection.listing);
  }
}

@Resolver(() => Opportunity)
export class OpportunityFieldsResolver {
  constructor(private readonly service: OpportunitiesService) {}

  @ResolveField(() => Boolean, {
    description: "True when it is still open (status OPEN) and its close date has passed: before today, the hub's day (UTC). "
      + 'False for one closing today or later, one without a close date, and every closed one.',
  })
  overdue(@Parent() o: Opportunity): boolean {
    return this.service.isOverdue(o);
  }

  @ResolveField(() => Division, { description: 'The division whose system records the opportunity.' })
  division(@Parent() o: Opportunity, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(o.divisionId);
  }

  @ResolveField(() => Colleague, { nullable: true, description: 'The colleague who owns it: the one with `ownerEmail`, when the hub knows them (also when they joined after the opportunity arrived).' })
  owner(@Parent() o: Opportunity, @Context() ctx: RequestContext) {
    if (o.ownerId) return ctx.loaders.colleague.load(o.ownerId);
    return o.ownerEmail ? ctx.loaders.colleagueByEmail.load(o.ownerEmail) : null;
  }
}
