import { Args, Context, Field, ID, InputType, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';
import { IsString } from 'class-validator';
import { Account } from '../accounts/account.entity';
import { Allow, ForAdmins, ForColleagues } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Touchpoint } from '../touchpoints/touchpoint.types';
import { criticalInfoLoader, dealtWithLoader, requestNow, sourceTouchpointLoader } from './critical-info.loaders';
import { CriticalInfoService, mayAssert, mayResolve } from './critical-info.service';
import {
  AccountCriticalInfo, AssertCriticalInfoInput, AssertCriticalInfoPayload, CreateCriticalInfoFieldInput, CriticalInfoAssertion, CriticalInfoEntry, CriticalInfoField,
  CriticalInfoFieldPayload, QuestionToAsk, ResolveCriticalInfoConflictInput, ResolveCriticalInfoConflictPayload, UpdateCriticalInfoFieldInput,
} from './critical-info.types';

@InputType({ description: 'Names one field of the catalogue.' })
export class CriticalInfoFieldRefInput {
  @Field(() => ID, { description: 'The field.' })
  @IsString()
  id: string;
}

@Resolver()
export class CriticalInfoResolver {
  constructor(private readonly service: CriticalInfoService) {}

  @Allow('REP', 'INTEGRATION')
  @Query(() => [CriticalInfoField], { description: 'The critical-info catalogue in display order: the fields every division needs (colleagues and integrations: keys and types to send).' })
  criticalInfoFields(@Args('includeRetired', { type: () => Boolean, defaultValue: false, description: 'Also the retired fields.' }) includeRetired: boolean) {
    return this.service.fields(includeRetired);
  }

  @ForAdmins()
  @Mutation(() => CriticalInfoFieldPayload, { description: 'Adds a field to the catalogue (admins).' })
  createCriticalInfoField(@Args('input') input: CreateCriticalInfoFieldInput, @Context() ctx: RequestContext) {
    return this.service.createField(ctx.principal, input);
  }

  @ForAdmins()
  @Mutation(() => CriticalInfoFieldPayload, { description: 'Changes a field of the catalogue; key and type stay (admins).' })
  updateCriticalInfoField(@Args('input') input: UpdateCriticalInfoFieldInput, @Context() ctx: RequestContext) {
    return this.service.updateField(ctx.principal, input);
  }

  @ForAdmins()
  @Mutation(() => CriticalInfoFieldPayload, { description: 'Retires a field: no new values, left out of statuses, completeness and questions; its history stays (admins).' })
  retireCriticalInfoField(@Args('input') input: CriticalInfoFieldRefInput, @Context() ctx: RequestContext) {
    return this.service.retireField(ctx.principal, input.id);
  }

  @ForAdmins()
  @Mutation(() => CriticalInfoFieldPayload, { description: 'Puts a retired field back in use, with its history (admins).' })
  restoreCriticalInfoField(@Args('input') input: CriticalInfoFieldRefInput, @Context() ctx: RequestContext) {
    return this.service.restoreField(ctx.principal, input.id);
  }

  @ForColleagues()
  @Mutation(() => AssertCriticalInfoPayload, {
    description: "Records a value for a field of an account, as you know it now, with your division and an optional source touchpoint. Nothing is overwritten: every assertion is history. The value is checked against the field's type and options. For colleagues of a division that deals with the account (an account record of it, or a touchpoint they took part in), and managers and admins; others are FORBIDDEN. A merged-away account id is refused (CONFLICT, extensions.mergedIntoId: its survivor), not acted on.",
  })
  assertCriticalInfo(@Args('input') input: AssertCriticalInfoInput, @Context() ctx: RequestContext) {
    return this.service.assert(ctx.principal, input);
  }

  @ForColleagues()
  @Mutation(() => ResolveCriticalInfoConflictPayload, { description: 'Ends a conflict between divisions: a new assertion that says which value holds and why. Both sides stay in the history. For managers and admins, and colleagues of a division that holds one of the conflicting values and deals with the account; others are FORBIDDEN. A merged-away account id is refused (CONFLICT, extensions.mergedIntoId: its survivor), not acted on.' })
  resolveCriticalInfoConflict(@Args('input') input: ResolveCriticalInfoConflictInput, @Context() ctx: RequestContext) {
    return this.service.resolveConflict(ctx.principal, input);
  }
}

@Resolver(() => Account)
export class AccountCriticalInfoResolver {
  constructor(private readonly service: CriticalInfoService) {}

  @ResolveField(() => AccountCriticalInfo, { description: 'Every field of the critical-info catalogue for this account: value, provenance, history and status, with completeness for its stage.' })
  criticalInfo(
    @Parent() account: Account,
    @Context() ctx: RequestContext,
    @Args('asOf', { type: () => DateTime, nullable: true, description: 'Statuses as they stand at this instant (default: now), e.g. at an upcoming meeting; later assertions are left out.' }) asOf: Date | null,
    @Args('includeRetired', { type: () => Boolean, defaultValue: false, description: 'Also retired fields (with their history; never counted).' }) includeRetired: boolean,
  ) {
    return criticalInfoLoader(ctx, this.service, asOf ?? requestNow(ctx, this.service), includeRetired).load(account);
  }

  @ResolveField(() => [QuestionToAsk], { description: 'The missing, stale and conflicting critical facts as questions to ask the customer: conflicts first, then missing, then stale.' })
  async questionsToAsk(
    @Parent() account: Account,
    @Context() ctx: RequestContext,
    @Args('asOf', { type: () => DateTime, nullable: true, description: 'As of this instant (default: now).' }) asOf?: Date,
  ) {
    const view = await criticalInfoLoader(ctx, this.service, asOf ?? requestNow(ctx, this.service), false).load(account);
    return this.service.questions(view, ctx.loaders);
  }
}

/**
 * The source touchpoint of an assertion, batch-loaded: a history costs the same number of statements whatever its
 * length. (Its other provenance fields are field middleware: see field-middleware.ts.)
 */
@Resolver(() => CriticalInfoAssertion)
export class CriticalInfoAssertionResolver {
  constructor(private readonly service: CriticalInfoService) {}

  @ResolveField(() => Touchpoint, { nullable: true, description: 'The touchpoint (meeting, call…) it was learned in; content withheld when confidential to another division.' })
  sourceTouchpoint(@Parent() a: CriticalInfoAssertion, @Context() ctx: RequestContext) {
    return a.sourceTouchpointId ? sourceTouchpointLoader(ctx, this.service).load(`${a.accountId}|${a.sourceTouchpointId}`) : null;
  }
}

/** What the caller may do with an account's critical info, so that clients offer only that (the mutations check it again). */
@Resolver(() => AccountCriticalInfo)
export class CriticalInfoPermissionsResolver {
  constructor(private readonly service: CriticalInfoService) {}

  @ResolveField(() => Boolean, { description: "Whether you may record values for this account's fields (see assertCriticalInfo)." })
  async viewerMayAssert(@Parent() info: AccountCriticalInfo, @Context() ctx: RequestContext) {
    return mayAssert(ctx.principal, await dealtWithLoader(ctx, this.service).load(info.id));
  }
}

@Resolver(() => CriticalInfoEntry)
export class CriticalInfoEntryResolver {
  constructor(private readonly service: CriticalInfoService) {}

  @ResolveField(() => Boolean, { description: 'Whether you may resolve its conflict (see resolveCriticalInfoConflict); false when it is in none.' })
  async viewerMayResolve(@Parent() entry: CriticalInfoEntry, @Context() ctx: RequestContext) {
    return mayResolve(ctx.principal, await dealtWithLoader(ctx, this.service).load(entry.accountId), entry);
  }
}
