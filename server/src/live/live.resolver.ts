import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { AccountsService } from '../accounts/accounts.service';
import { ForColleagues } from '../auth/allow.decorator';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { Notice } from '../notices/notice.types';
import { TouchpointRow } from '../touchpoints/timeline.repository';
import { Touchpoint } from '../touchpoints/touchpoint.types';
import { TouchpointsService } from '../touchpoints/touchpoints.service';
import { LiveFeeds } from './live-feeds';

/**
 * Live updates over graphql-ws (see graphql-ws.options.ts). Each event is
 * executed with a context of its own (fresh loaders, the subscriber's current
 * principal), and touchpoints pass the confidentiality rule per subscriber.
 */
@Resolver()
export class LiveResolver {
  constructor(
    private readonly feeds: LiveFeeds,
    private readonly accounts: AccountsService,
    private readonly touchpoints: TouchpointsService,
  ) {}

  @ForColleagues()
  @Subscription(() => Touchpoint, {
    description:
      'Touchpoints of the account as they are recorded or change, from every division and every server instance; confidential content of other divisions is withheld (contentHidden). A merged-away id follows its survivor. Delivery is at least once: upsert by id.',
    resolve(this: LiveResolver, row: TouchpointRow, _args: unknown, ctx: RequestContext): Touchpoint {
      return this.touchpoints.visible(ctx.principal, [row])[0];
    },
  })
  async accountActivity(@Args('accountId', { type: () => ID, description: 'The account to follow.' }) accountId: string) {
    const account = await this.accounts.get(accountId);
    if (!account) throw new NotFoundError('Account');
    return this.feeds.touchpoints(account.id);
  }

  @ForColleagues()
  @Subscription(() => Notice, {
    description: 'Your notices as they are raised (or raised again), from every server instance. Delivery is at least once: upsert by id.',
    resolve: (notice: Notice) => notice,
  })
  noticeAdded(@Context() ctx: RequestContext) {
    // Tokens have no inbox: only a signed-in colleague has notices.
    if (ctx.principal.kind !== 'colleague') throw new ForbiddenError();
    return this.feeds.notices(ctx.principal);
  }
}
