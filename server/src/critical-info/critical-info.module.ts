import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { StakeholdersModule } from '../stakeholders/stakeholders.module';
import { Clock } from './clock';
import { AccountCriticalInfoResolver, CriticalInfoAssertionResolver, CriticalInfoFieldResolver, CriticalInfoResolver } from './critical-info.resolver';
import { CriticalInfoService } from './critical-info.service';

/** Critical info: the field catalogue, assertions, statuses, completeness and questions to ask. */
@Module({
  imports: [AccountsModule, DivisionsModule, StakeholdersModule],
  providers: [Clock, CriticalInfoService, CriticalInfoResolver, AccountCriticalInfoResolver, CriticalInfoFieldResolver, CriticalInfoAssertionResolver],
  exports: [CriticalInfoService],
})
export class CriticalInfoModule {}
