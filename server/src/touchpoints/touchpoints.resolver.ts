import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { found } from '../common/loaders';
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

/**
 * Per-item fields: each is batch-loaded, so a page costs the same number of
 * statements whatever its size.
 *
 * The methods take graphql-js's own arguments (source, args, context) and no
 * parameter decorators (@Parent, @Context): Nest then hands the bound method to
 * graphql-js as the field's resolver as it is. With decorators, every call goes
 * through Nest's per-call pipeline (parameter factories, the global
 * ValidationPipe, several promises a call): a timeline page of 50 makes about
 * 200 such calls, which cost 0.7 of the hub's 5.3 ms of CPU per page (read
 * bench data, first page; touchpoints.resolver.spec.ts checks the fields stay
 * unwrapped).
 * Fields that are plain properties of Touchpoint have no resolver at all.
 */
@Resolver(() => Touchpoint)
export class TouchpointFieldsResolver {
  @ResolveField(() => Account, { description: 'The account (the survivor, when accounts were merged).' })
  account(t: Touchpoint, _args: NoArgs, ctx: RequestContext): Promise<Account | null> {
    return ctx.loaders.account.load(t.accountId);
  }

  @ResolveField(() => Division, { description: 'The division whose system recorded it.' })
  division(t: Touchpoint, _args: NoArgs, ctx: RequestContext): Promise<Division> {
    return ctx.loaders.division.load(t.divisionId);
  }

  @ResolveField(() => [Colleague], { description: 'Our people who took part (those the hub knows by their email).' })
  colleagues(t: Touchpoint, _args: NoArgs, ctx: RequestContext): Colleague[] | Promise<Colleague[]> {
    if (t.colleagueEmails.length === 0) return [];
    return ctx.loaders.colleagueByEmail.loadMany(t.colleagueEmails).then(found);
  }

  @ResolveField(() => [Stakeholder], { description: "The customer's people who took part." })
  stakeholders(t: Touchpoint, _args: NoArgs, ctx: RequestContext): Stakeholder[] | Promise<Stakeholder[]> {
    // A merged-away id loads as its survivor, so two ids can be one person: distinct.
    const named = t.stakeholderIds.length ? ctx.loaders.stakeholder.loadMany(t.stakeholderIds).then((people) => asAt(t.accountId, distinctById(found(people)), ctx)) : null;
    // Usually empty: only touchpoints whose participants' contact records had not arrived need the lookup by contact.
    if (t.unresolvedParticipantIds.length === 0) return named ?? [];
    const byContact = t.unresolvedParticipantIds.map((externalId) => `${t.divisionId}|${t.sourceSystem}|${externalId}`);
    const contacted = ctx.loaders.stakeholderByContact.loadMany(byContact).then((people) => asAt(t.accountId, found(people), ctx));
    return Promise.all([named ?? [], contacted]).then(([a, b]) => distinctById([...a, ...b]));
  }

  @ResolveField(() => Opportunity, { nullable: true, description: 'The opportunity it was part of, if any; null when confidential to another division (see contentHidden).' })
  opportunity(t: Touchpoint, _args: NoArgs, ctx: RequestContext): Promise<Opportunity | null> | null {
    return t.opportunityId ? ctx.loaders.opportunity.load(`${t.accountId}|${t.opportunityId}`) : null;
  }
}

/** The fields above take no arguments (graphql-js passes an empty object). */
type NoArgs = Record<string, never>;

/**
 * The people as they are at the touchpoint's account, as its people list shows them: a person whose latest
 * account is another (a board member of two customers) has the title of their affiliation there, none if it has none
 * (found by exploratory testing: the timeline named them with their title at the other customer). For a person whose
 * time there ended it is the title they had there, at the time of the touchpoint; the list of those who moved on shows
 * the title they have now, beside where they were. People at home
 * there, nearly all, cost nothing; the loaders' objects are not changed (they are shared by the request).
 */
function asAt(accountId: string, people: Stakeholder[], ctx: RequestContext): Stakeholder[] | Promise<Stakeholder[]> {
  if (people.every((p) => p.accountId === accountId)) return people;
  return Promise.all(
    people.map(async (p) => {
      if (p.accountId === accountId) return p;
      const there = await ctx.loaders.affiliationAtAccount.load(`${accountId}|${p.id}`);
      return there ? { ...p, accountId, title: there.title } : p;
    }),
  );
}

/** One entry per person, first seen kept (a person may be both named and found by contact). */
function distinctById(people: Stakeholder[]): Stakeholder[] {
  const byId = new Map<string, Stakeholder>();
  for (const person of people) if (!byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()];
}
