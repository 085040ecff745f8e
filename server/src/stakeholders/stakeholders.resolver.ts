import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';
import { Account } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { found } from '../common/loaders';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { AffiliationTitle, Stakeholder, StakeholderAffiliation, StakeholderConnection, StakeholderPresence } from './stakeholder.types';
import { StakeholdersService } from './stakeholders.service';

@Resolver(() => Account)
export class AccountStakeholdersResolver {
  constructor(private readonly service: StakeholdersService) {}

  @ResolveField(() => StakeholderConnection, { description: "The customer's people at this account, by name, then id (keyset pages)." })
  stakeholders(
    @Parent() account: Account,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' }) after?: string,
    @Args('presence', { type: () => StakeholderPresence, defaultValue: StakeholderPresence.CURRENT, description: 'Those there now (default), or those who moved on.' }) presence?: StakeholderPresence,
  ) {
    return this.service.ofAccount(account.id, { first, after, presence });
  }
}

@Resolver(() => StakeholderAffiliation)
export class StakeholderAffiliationResolver {
  @ResolveField(() => Account, { nullable: true, description: 'The customer.' })
  account(@Parent() affiliation: StakeholderAffiliation, @Context() ctx: RequestContext) {
    return ctx.loaders.account.load(affiliation.accountId);
  }
}

@Resolver(() => AffiliationTitle)
export class AffiliationTitleResolver {
  @ResolveField(() => Division, { nullable: true, description: 'The division that said it; null for titles kept before the hub recorded who said them.' })
  division(@Parent() title: AffiliationTitle, @Context() ctx: RequestContext) {
    return title.divisionId ? ctx.loaders.division.load(title.divisionId) : null;
  }
}

/**
 * Who deals with a person, from the touchpoints of the person's account that
 * happened: each field is batch-loaded (one statement per page of people).
 */
@Resolver(() => Stakeholder)
export class StakeholderFieldsResolver {
  @ResolveField(() => [Division], { description: "The divisions that deal with this person: their contact records or touchpoints name them. By name." })
  async divisions(@Parent() s: Stakeholder, @Context() ctx: RequestContext) {
    const activity = await ctx.loaders.stakeholderActivity.load(`${s.accountId}|${s.id}`);
    return found(await ctx.loaders.division.loadMany(activity.divisionIds));
  }

  @ResolveField(() => [Colleague], { description: 'Our colleagues who had touchpoints with this person, most recent contact first.' })
  async colleagues(@Parent() s: Stakeholder, @Context() ctx: RequestContext) {
    const activity = await ctx.loaders.stakeholderActivity.load(`${s.accountId}|${s.id}`);
    return found(await ctx.loaders.colleague.loadMany(activity.colleagueIds));
  }

  @ResolveField(() => DateTime, { nullable: true, description: 'When any division last had a touchpoint with this person (planned ones not counted); null when never.' })
  async lastTouch(@Parent() s: Stakeholder, @Context() ctx: RequestContext) {
    return (await ctx.loaders.stakeholderActivity.load(`${s.accountId}|${s.id}`)).lastTouch;
  }

  @ResolveField(() => [StakeholderAffiliation], { description: 'Every stint this person had at a customer, one entry each (a person who left and came back has two there): current ones first, then the latest ended (people move: a champion who moved on is news, not a delete).' })
  affiliations(@Parent() s: Stakeholder, @Context() ctx: RequestContext) {
    return ctx.loaders.affiliationsOfStakeholder.load(s.id);
  }

  @ResolveField(() => Int, { description: 'How many touchpoints (of every division, planned ones not counted) this person took part in.' })
  async touchCount(@Parent() s: Stakeholder, @Context() ctx: RequestContext) {
    return (await ctx.loaders.stakeholderActivity.load(`${s.accountId}|${s.id}`)).touchCount;
  }
}
