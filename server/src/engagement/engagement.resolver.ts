import { Args, Context, Info, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Account } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { asksFor } from '../common/lookahead';
import { found } from '../common/loaders';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { Opportunity } from '../opportunities/opportunity.types';
import { Stakeholder } from '../stakeholders/stakeholder.types';
import { Touchpoint } from '../touchpoints/touchpoint.types';
import { EngagementService, MAX_LATEST, MAX_MONTHS } from './engagement.service';
import {
  AccountEngagement, ActivityMonth, ActivitySinceMyLastTouch, ColleagueEngagement, DivisionActivitySince, DivisionEngagement, DivisionMonthCount,
} from './engagement.types';

@Resolver(() => Account)
export class AccountEngagementResolver {
  /**
   * The figures of each account (with or without people) computed once per request: a query can come back to an
   * account through its own people (stakeholders → affiliations → account), and computed each time, 1,500 people made
   * one query of cost 10 keep the database busy for 28 s (found by exploratory testing).
   */
  private readonly computed = new WeakMap<RequestContext, Map<string, Promise<AccountEngagement>>>();

  constructor(private readonly service: EngagementService) {}

  @ResolveField(() => AccountEngagement, { description: '"Who else is talking": every division and colleague engaged with this account, and what is new since your last touch.' })
  engagement(@Parent() account: Account, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Who met whom is thousands of pairs on a key account: read only when the query asks for them.
    const people = asksFor(info, ['divisions', 'stakeholders']) || asksFor(info, ['colleagues', 'stakeholders']);
    const computed = this.computed.get(ctx) ?? new Map<string, Promise<AccountEngagement>>();
    this.computed.set(ctx, computed);
    const key = `${account.id}|${people}`;
    let figures = computed.get(key);
    if (!figures) computed.set(key, (figures = this.service.ofAccount(ctx.principal, account.id, people)));
    return figures;
  }

  @ResolveField(() => [ActivityMonth], { description: 'Touchpoints per calendar month (UTC) and division, oldest month first, the current month included: the activity chart.' })
  activityByMonth(
    @Parent() account: Account,
    @Args('months', { type: () => Int, nullable: true, defaultValue: 24, description: `How many months, 1 to ${MAX_MONTHS}.` }) months: number | null,
  ) {
    return this.service.activityByMonth(account.id, months);
  }
}

/** Per-item fields of the engagement figures: each is batch-loaded. */
@Resolver(() => DivisionEngagement)
export class DivisionEngagementResolver {
  @ResolveField(() => Division, { description: 'The division.' })
  division(@Parent() d: DivisionEngagement, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(d.divisionId);
  }

  @ResolveField(() => Colleague, { nullable: true, description: "The division's account owner: the colleague its (most recently updated) account record names; null when none or not a known colleague." })
  async owner(@Parent() d: DivisionEngagement, @Context() ctx: RequestContext) {
    return d.ownerIds.length > 0 ? ctx.loaders.colleague.load(d.ownerIds[0]) : null;
  }

  @ResolveField(() => [Colleague], { description: "Every owner the division's account records name (a division may have several records), most recent first." })
  async owners(@Parent() d: DivisionEngagement, @Context() ctx: RequestContext) {
    return found(await ctx.loaders.colleague.loadMany(d.ownerIds));
  }

  @ResolveField(() => [Colleague], { description: "Colleagues who took part in the division's touchpoints, most recent first." })
  async colleagues(@Parent() d: DivisionEngagement, @Context() ctx: RequestContext) {
    return found(await ctx.loaders.colleague.loadMany(d.colleagueIds));
  }

  @ResolveField(() => [Stakeholder], { description: "The customer's people the division's touchpoints were with." })
  async stakeholders(@Parent() d: DivisionEngagement, @Context() ctx: RequestContext) {
    return found(await ctx.loaders.stakeholder.loadMany(d.stakeholderIds));
  }

  @ResolveField(() => [Opportunity], { description: "The division's open opportunities, by close date." })
  async openOpportunities(@Parent() d: DivisionEngagement, @Context() ctx: RequestContext) {
    return found(await ctx.loaders.opportunity.loadMany(d.openOpportunityIds.map((id) => `${d.accountId}|${id}`)));
  }
}

@Resolver(() => ColleagueEngagement)
export class ColleagueEngagementResolver {
  @ResolveField(() => Colleague, { description: 'The colleague.' })
  colleague(@Parent() c: ColleagueEngagement, @Context() ctx: RequestContext) {
    return ctx.loaders.colleague.load(c.colleagueId);
  }

  @ResolveField(() => Division, { description: "The colleague's own division (they may take part in other divisions' touchpoints)." })
  division(@Parent() c: ColleagueEngagement, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(c.divisionId);
  }

  @ResolveField(() => [Stakeholder], { description: "The customer's people the colleague's touchpoints were with." })
  async stakeholders(@Parent() c: ColleagueEngagement, @Context() ctx: RequestContext) {
    return found(await ctx.loaders.stakeholder.loadMany(c.stakeholderIds));
  }
}

@Resolver(() => ActivitySinceMyLastTouch)
export class ActivitySinceMyLastTouchResolver {
  constructor(private readonly service: EngagementService) {}

  @ResolveField(() => [Touchpoint], { description: "The other divisions' latest touchpoints since your last touch, newest first. Confidential content of other divisions is withheld." })
  touchpoints(
    @Parent() since: ActivitySinceMyLastTouch,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10, description: `How many, 1 to ${MAX_LATEST}.` }) first: number | null,
  ) {
    return this.service.latestSince(ctx.principal, since, first);
  }
}

@Resolver(() => DivisionActivitySince)
export class DivisionActivitySinceResolver {
  @ResolveField(() => Division, { description: 'The division.' })
  division(@Parent() d: DivisionActivitySince, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(d.divisionId);
  }
}

@Resolver(() => DivisionMonthCount)
export class DivisionMonthCountResolver {
  @ResolveField(() => Division, { description: 'The division.' })
  division(@Parent() d: DivisionMonthCount, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(d.divisionId);
  }
}
