import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository';
import { AccountsResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { SourceRecordLinkResolver } from './source-record-link.resolver';

@Module({
  providers: [AccountsRepository, AccountsService, AccountsResolver, SourceRecordLinkResolver],
  exports: [AccountsRepository, AccountsService],
})
export class AccountsModule {}
