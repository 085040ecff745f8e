import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';

@Module({
  providers: [AccountsRepository, AccountsService, AccountsResolver],
  exports: [AccountsRepository, AccountsService],
})
export class AccountsModule {}
