import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, ForAdmins } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { IdentityService } from './identity.service';
import { Colleague } from '../colleagues/colleague.entity';
import { Account } from '../accounts/account.entity';
import {
  MatchDecision, MatchReview, MatchSide, MatchReviewConnection, MergeAccountsPayload, ResolveMatchReviewPayload, SetAccountParentInput, SetAccountParentPayload, SplitAccountPayload,
} from './identity.types';

@Resolver()
export class IdentityResolver {
  constructor(private readonly service: IdentityService) {}

  @Allow('MANAGER')
  @Query(() => MatchReviewConnection, {
    description: 'Candidate pairs waiting for a person to decide, oldest first; or those decided, the latest decision first (managers and admins).',
  })
  matchReviews(
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
    @Args('decided', { defaultValue: false, description: 'False (default): the open reviews. True: the decided and settled ones, with who decided, when and why.' }) decided?: boolean,
  ) {
    return this.service.reviews(first, after, decided);
  }

  @Allow('MANAGER')
  @Mutation(() => ResolveMatchReviewPayload, {
    description: 'Decides a match review: SAME merges the two sides (settling the other open reviews they put together); DIFFERENT keeps them apart for good and decides the other open reviews between the same two accounts or people with it, their reason naming this review (managers and admins). The decision is kept as a label for tuning.',
  })
  resolveMatchReview(
    @Args('id', { type: () => ID, description: 'The match review.' }) id: string,
    @Args('decision', { type: () => MatchDecision, description: 'SAME or DIFFERENT.' }) decision: MatchDecision,
    @Context() ctx: RequestContext,
    @Args('reason', { nullable: true, description: 'Why, for the audit trail.' }) reason?: string,
    @Args('override', {
      nullable: true, defaultValue: false,
      description: 'SAME on customers or people a person kept apart (a DIFFERENT decision on other records of the two accounts or people, or for accounts a split, which opens again the reviews the merge it undid had settled), or on two accounts whose registry ids differ (each gives ids, and no id of one is the other\'s: maybe two legal entities): merge them even so. Without it such a SAME is refused with code KEPT_APART, the message and extensions telling who decided what, when and why (keptApart) and which account gives which ids (registryIds); with it the audit trail keeps what was overridden (overrode, overrodeRegistryIds). A merge of people cannot be undone.',
    }) override?: boolean,
  ) {
    return this.service.resolveReview(ctx.principal, id, decision, reason, override ?? false);
  }

  @ForAdmins()
  @Mutation(() => MergeAccountsPayload, {
    description: 'Merges one account into another: source records, contacts, stakeholders, touchpoints and opportunities move to the survivor; the merged id answers with the survivor from then on (admins only). Children of the merged account hang under the survivor, their parentDecision saying the merge moved them (MERGE). A merged-away id is refused (CONFLICT, extensions.mergedIntoId: its survivor).',
  })
  mergeAccounts(
    @Args('survivorId', { type: () => ID, description: 'The account that stays.' }) survivorId: string,
    @Args('mergedId', { type: () => ID, description: 'The account merged into it.' }) mergedId: string,
    @Context() ctx: RequestContext,
    @Args('reason', { nullable: true, description: 'Why, for the audit trail.' }) reason?: string,
    @Args('override', {
      nullable: true, defaultValue: false,
      description: 'Merge even though a person kept the two accounts apart (a DIFFERENT decision on their records, or a split), or their registry ids differ (each gives ids, and no id of one is the other\'s: maybe two legal entities). Without it such a merge is refused with code KEPT_APART, the message and extensions telling who decided what, when and why (keptApart, empty when no person did) and which account gives which ids (registryIds: sameKind, true when two ids of one kind differ, and accounts, each with its ids as written); with it the audit trail keeps what was overridden (overrode, overrodeRegistryIds).',
    }) override?: boolean,
  ) {
    return this.service.merge(ctx.principal, survivorId, mergedId, reason, override ?? false);
  }

  @ForAdmins()
  @Mutation(() => SplitAccountPayload, {
    description: 'Moves some source records (and what follows them) out of an account. Splitting exactly the records an earlier merge brought restores the merged account as it was, with where its children hung and how they were placed (admins only). A merged-away id is refused (CONFLICT, extensions.mergedIntoId: its survivor).',
  })
  splitAccount(
    @Args('accountId', { type: () => ID, description: 'The account to split.' }) accountId: string,
    @Args('sourceRecordIds', { type: () => [ID], description: 'The source records that leave, at most 1000 (a repeated id counts each time).' }) sourceRecordIds: string[],
    @Context() ctx: RequestContext,
    @Args('reason', { nullable: true, description: 'Why, for the audit trail.' }) reason?: string,
  ) {
    return this.service.split(ctx.principal, accountId, sourceRecordIds, reason);
  }

  @ForAdmins()
  @Mutation(() => SetAccountParentPayload, {
    description: 'Sets or clears the parent of an account (the group company it belongs to), correcting where matching hung it (admins only). A person\'s decision: matching never moves the account again. Refused for the account itself or an account below it (a loop); a merged-away id is refused naming its survivor. The parent a person already decided, asked for again, writes nothing (changed: false).',
  })
  setAccountParent(@Args('input') input: SetAccountParentInput, @Context() ctx: RequestContext) {
    return this.service.setParent(ctx.principal, input);
  }
}

@Resolver(() => MatchReview)
export class MatchReviewResolver {
  @ResolveField(() => Colleague, { nullable: true, description: 'Who decided; null while open, when a merge settled it, or when an integration decided it.' })
  decidedBy(@Parent() review: MatchReview, @Context() ctx: RequestContext) {
    return review.decidedById ? ctx.loaders.colleague.load(review.decidedById) : null;
  }
}

@Resolver(() => MatchSide)
export class MatchSideResolver {
  // The account as it is now, not as the record came: a person deciding needs what the candidate's account already holds
  // (its domains, divisions and registry ids), which records since the review opened may have changed.
  @ResolveField(() => Account, { nullable: true, description: 'The account the record belongs to now, with all it holds (its domains, divisions, registry ids); null for a contact record not in an account.' })
  account(@Parent() side: MatchSide, @Context() ctx: RequestContext) {
    return side.accountId ? ctx.loaders.account.load(side.accountId) : null;
  }
}
