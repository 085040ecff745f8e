import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ForColleagues } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';
import { AccountConnection, DivisionName, ParentDecision } from './account.types';
import { AccountsService, parentDecisionOf } from './accounts.service';
import { SourceAccountRecordConnection } from './source-record.types';

@Resolver(() => Account)
export class AccountsResolver {
  constructor(private readonly service: AccountsService) {}

  @ForColleagues()
  @Query(() => AccountConnection, {
    description: 'Customer accounts, by name; with `search`, in tiers: names starting with the term, then names with a word starting with it (each alphabetically), then fuzzy matches, most alike first.',
  })
  accounts(
    @Args('search', { nullable: true, description: 'Part of a name; accents and case do not matter; typos are forgiven from 3 characters on.' })
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

  @ResolveField(() => [String], {
    description: 'The company registry or tax ids (e.g. VAT numbers) the divisions\' records of this customer give, each once (one id written two ways, e.g. "DE 123.456.789" and "de123456789", is one), as the record that gave it first wrote it, the first given first.',
  })
  registryIds(@Parent() account: Account, @Context() ctx: RequestContext) {
    return ctx.loaders.registryIdsOfAccount.load(account.id);
  }

  @ResolveField(() => SourceAccountRecordConnection, { description: "The divisions' records of this customer, oldest first, each with how it is linked (status, score, evidence)." })
  sourceRecords(
    @Parent() account: Account,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
  ) {
    return this.service.sourceRecords(account.id, first, after);
  }

  @ResolveField(() => Account, { nullable: true, description: 'The group this account belongs to (e.g. a subsidiary sharing its domain), if any.' })
  parent(@Parent() account: Account, @Context() ctx: RequestContext) {
    return account.parentId ? ctx.loaders.account.load(account.parentId) : null;
  }

  @ResolveField(() => ParentDecision, {
    nullable: true,
    description: 'Who placed this account under its parent (a person or matching), when and why; a person who cleared the parent too. Null when it has no parent and no person decided so.',
  })
  parentDecision(@Parent() account: Account) {
    return parentDecisionOf(account);
  }

  @ResolveField(() => AccountConnection, {
    description: 'The companies of the group directly below this account (those whose parent it is), by name; totalCount tells how many in all.',
  })
  children(
    @Parent() account: Account,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
  ) {
    return this.service.children(ctx.loaders, account.id, first, after);
  }

  @ResolveField(() => Account, { nullable: true, description: "The head of this account's group: the top of its chain of parents; null when it has no parent (it heads its group, if any)." })
  async groupHead(@Parent() account: Account, @Context() ctx: RequestContext) {
    const head = await ctx.loaders.groupHeadOfAccount.load(account.id);
    return head ? ctx.loaders.account.load(head) : null;
  }

  @ResolveField(() => [DivisionName], { description: 'How each division names this account in its own system.' })
  async knownAs(@Parent() account: Account, @Context() ctx: RequestContext) {
    const names = await ctx.loaders.namesOfAccount.load(account.id);
    const divisions = await ctx.loaders.division.loadMany(names.map((n) => n.divisionId));
    return names.map((n, i) => ({ name: n.name, division: divisions[i] }));
  }
}
