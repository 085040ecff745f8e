import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NoticesRepository } from './notices.repository';
import { AccountFollowResolver, NoticesResolver } from './notices.resolver';
import { NoticesService, SilenceSweep } from './notices.service';

@Module({
  imports: [AccountsModule],
  providers: [NoticesRepository, NoticesService, SilenceSweep, NoticesResolver, AccountFollowResolver],
  exports: [NoticesService, SilenceSweep],
})
export class NoticesModule {}
