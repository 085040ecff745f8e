import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NoticesRepository } from './notices.repository';
import { AccountFollowResolver, NoticesResolver } from './notices.resolver';
import { DueTouchSweep, NoticesService, SilenceSweep } from './notices.service';

@Module({
  imports: [AccountsModule],
  providers: [NoticesRepository, NoticesService, SilenceSweep, DueTouchSweep, NoticesResolver, AccountFollowResolver],
  exports: [NoticesService, SilenceSweep, DueTouchSweep],
})
export class NoticesModule {}
