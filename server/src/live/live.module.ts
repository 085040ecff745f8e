import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NoticesModule } from '../notices/notices.module';
import { TouchpointsModule } from '../touchpoints/touchpoints.module';
import { CatchUpRepository } from './catch-up.repository';
import { LiveEvents } from './live-events';
import { LiveFeeds } from './live-feeds';
import { LiveResolver } from './live.resolver';

/** Live updates: the LISTEN/NOTIFY bridge and the subscriptions it feeds. The graphql-ws server itself is set up in AppModule. */
@Module({
  imports: [AccountsModule, TouchpointsModule, NoticesModule],
  providers: [LiveEvents, CatchUpRepository, LiveFeeds, LiveResolver],
  exports: [LiveEvents],
})
export class LiveModule {}
