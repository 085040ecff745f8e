import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Account } from '../accounts/account.entity';
import { ForAdmins, ForColleagues } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { Division } from '../divisions/division.entity';
import { MarkNoticesReadInput, MarkNoticesReadPayload, Notice, NoticeConnection, WatchAccountInput, WatchAccountPayload } from './notice.types';
import { noticeText } from './notice-text';
import { NoticesService, SilenceSweep } from './notices.service';

@Resolver(() => Notice)
export class NoticesResolver {
  constructor(private readonly service: NoticesService, private readonly sweep: SilenceSweep) {}

  @ForColleagues()
  @Query(() => NoticeConnection, { description: 'Your notices, newest first; totalCount counts all that match.' })
  myNotices(
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
    @Args('unreadOnly', { nullable: true, description: 'True: only notices you have not marked read.' }) unreadOnly?: boolean,
  ) {
    return this.service.myNotices(ctx.principal, { first, after, unreadOnly });
  }

  @ForColleagues()
  @Query(() => Int, { description: 'How many of your notices are unread (the bell).' })
  unreadNoticeCount(@Context() ctx: RequestContext) {
    return this.service.unreadCount(ctx.principal);
  }

  @ForColleagues()
  @Mutation(() => MarkNoticesReadPayload, { description: 'Marks your notices read: the listed ones, or all.' })
  markNoticesRead(@Context() ctx: RequestContext, @Args('input') input: MarkNoticesReadInput) {
    return this.service.markRead(ctx.principal, input);
  }

  @ForColleagues()
  @Mutation(() => WatchAccountPayload, { description: 'Start watching an account: you hear when other divisions touch it, when it goes silent, when meetings collide. A merged-away account id is refused (CONFLICT, extensions.mergedIntoId: its survivor), not acted on.' })
  watchAccount(@Context() ctx: RequestContext, @Args('input') input: WatchAccountInput) {
    return this.service.watch(ctx.principal, input.accountId, true);
  }

  @ForColleagues()
  @Mutation(() => WatchAccountPayload, { description: 'Stop watching an account (owners keep hearing about their accounts). A merged-away account id is refused (CONFLICT, extensions.mergedIntoId: its survivor), not acted on.' })
  unwatchAccount(@Context() ctx: RequestContext, @Args('input') input: WatchAccountInput) {
    return this.service.watch(ctx.principal, input.accountId, false);
  }

  @ForAdmins()
  @Mutation(() => Int, { description: 'Runs the silence sweep now (it also runs on its own every OURCUSTOMER_NOTICE_SWEEP_MINUTES); returns how many notices it raised.' })
  runSilenceSweep() {
    return this.sweep.run();
  }

  @ResolveField(() => Account, { nullable: true, description: 'The account the notice is about, if any.' })
  account(@Parent() notice: Notice, @Context() ctx: RequestContext) {
    return notice.accountId ? ctx.loaders.account.load(notice.accountId) : null;
  }

  @ResolveField(() => [Division], { description: 'The divisions the notice is about (who touched, who plans to meet).' })
  divisions(@Parent() notice: Notice, @Context() ctx: RequestContext) {
    return ctx.loaders.division.loadMany(notice.data.divisionIds ?? []);
  }

  @ResolveField(() => String, { description: 'One line saying what happened.' })
  async title(@Parent() notice: Notice, @Context() ctx: RequestContext) {
    return (await this.text(notice, ctx)).title;
  }

  @ResolveField(() => String, { description: 'What happened and what to do about it, in a sentence or two.' })
  async message(@Parent() notice: Notice, @Context() ctx: RequestContext) {
    return (await this.text(notice, ctx)).message;
  }

  @ResolveField(() => Boolean, { description: 'True once you marked it read.' })
  read(@Parent() notice: Notice) {
    return notice.readAt !== null;
  }

  private async text(notice: Notice, ctx: RequestContext) {
    const [account, divisions] = await Promise.all([
      notice.accountId ? ctx.loaders.account.load(notice.accountId) : null,
      ctx.loaders.division.loadMany(notice.data.divisionIds ?? []),
    ]);
    const names = divisions.filter((d): d is Division => !!d && !(d instanceof Error)).map((d) => d.name).sort();
    return noticeText(notice.kind, notice.data, notice.occurrences, { account: account?.name ?? null, divisions: names });
  }
}

/** Per request: which accounts the caller watches and owns, loaded in one go for a whole list. */
const followLoaders = new WeakMap<RequestContext, DataLoader<string, { watching: boolean; owner: boolean }>>();

@Resolver(() => Account)
export class AccountFollowResolver {
  constructor(private readonly service: NoticesService) {}

  @ResolveField(() => NoticeConnection, { description: 'Your notices about this account, newest first.' })
  notices(
    @Parent() account: Account,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
    @Args('unreadOnly', { nullable: true, description: 'True: only notices you have not marked read.' }) unreadOnly?: boolean,
  ) {
    return this.service.ofAccount(ctx.principal, account.id, { first, after, unreadOnly });
  }

  @ResolveField(() => Boolean, { description: 'True when you watch this account.' })
  async watchedByMe(@Parent() account: Account, @Context() ctx: RequestContext) {
    return (await this.loader(ctx).load(account.id)).watching;
  }

  @ResolveField(() => Boolean, { description: "True when your division's record of this account names you as its owner." })
  async ownedByMe(@Parent() account: Account, @Context() ctx: RequestContext) {
    return (await this.loader(ctx).load(account.id)).owner;
  }

  private loader(ctx: RequestContext) {
    let loader = followLoaders.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const { watched, owned } = await this.service.followed(ctx.principal, ids);
        return ids.map((id) => ({ watching: watched.has(id), owner: owned.has(id) }));
      });
      followLoaders.set(ctx, loader);
    }
    return loader;
  }
}
