import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ForAdmins } from '../auth/allow.decorator';
import { WaitingItem, WaitingItemConnection } from './waiting-items.types';
import { WaitingItemsService } from './waiting-items.service';

@Resolver(() => WaitingItem)
export class WaitingItemsResolver {
  constructor(private readonly waiting: WaitingItemsService) {}

  @ForAdmins()
  @Query(() => WaitingItemConnection, {
    description: 'Items kept until the account record they name arrives from their division system, longest waiting first: nothing sent is lost, and an account that never comes shows here (admins only).',
  })
  waitingItems(
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
  ) {
    return this.waiting.list(first, after);
  }
}
