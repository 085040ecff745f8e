import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { Opportunity } from '../opportunities/opportunity.types';
import { Stakeholder } from '../stakeholders/stakeholder.types';
import { TimelineFilter, Touchpoint, TouchpointConnection } from './touchpoint.types';
import { TouchpointsService } from './touchpoints.service';

@Resolver(() => Account)
export class AccountTimelineResolver {
  constructor(private readonly service: TouchpointsService) {}

  @ResolveField(() => TouchpointConnection, {
    description: "Every division's touchpoints with this account, newest first (keyset on occurredAt, id). Confidential content of other divisions is withheld.",
  })
  timeline(
    @Parent() account: Account,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' }) after?: string,
    @Args('filter', { type: () => TimelineFilter, nullable: true, description: 'Narrows the timeline.' }) filter?: TimelineFilter,
  ) {
    return this.service.timeline(ctx.principal, account.id, { first, after, filter });
  }
}

/** Per-item fields: each is batch-loaded, so a page costs the same number of statements whatever its size. */
@Resolver(() => Touchpoint)
export class TouchpointFieldsResolver {
  @ResolveField(() => Account, { description: 'The account (the survivor, when accounts were merged).' })
  async account(@Parent() t: Touchpoint, @Context() ctx: RequestContext) {
    return ctx.loaders.account.load(t.accountId);
  }

  @ResolveField(() => Division, { description: 'The division whose system recorded it.' })
  division(@Parent() t: Touchpoint, @Context() ctx: RequestContext) {
    return ctx.loaders.division.load(t.divisionId);
  }

  @ResolveField(() => [Colleague], { description: 'Our people who took part (those the hub knows by their email).' })
  async colleagues(@Parent() t: Touchpoint, @Context() ctx: RequestContext) {
    const found = await ctx.loaders.colleagueByEmail.loadMany(t.colleagueEmails);
    return found.filter((c): c is Colleague => !!c && !(c instanceof Error));
  }

  @ResolveField(() => [Stakeholder], { description: "The customer's people who took part." })
  async stakeholders(@Parent() t: Touchpoint, @Context() ctx: RequestContext) {
    const byContact = t.unresolvedParticipantIds.map((externalId) => `${t.divisionId}|${t.sourceSystem}|${externalId}`);
    const [named, contacted] = await Promise.all([ctx.loaders.stakeholder.loadMany(t.stakeholderIds), ctx.loaders.stakeholderByContact.loadMany(byContact)]);
    const people = new Map<string, Stakeholder>();
    for (const s of [...named, ...contacted]) if (s && !(s instanceof Error)) people.set(s.id, s);
    return [...people.values()];
  }

  @ResolveField(() => Opportunity, { nullable: true, description: 'The opportunity it was part of, if any.' })
  opportunity(@Parent() t: Touchpoint, @Context() ctx: RequestContext) {
    return t.opportunityId ? ctx.loaders.opportunity.load(`${t.accountId}|${t.opportunityId}`) : null;
  }
}
