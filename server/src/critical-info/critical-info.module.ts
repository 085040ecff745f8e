import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { LiveModule } from '../live/live.module';
import { StakeholdersModule } from '../stakeholders/stakeholders.module';
import { CriticalInfoCatalogue } from './catalogue';
import { Clock } from './clock';
import {
  AccountCriticalInfoResolver, CriticalInfoAssertionResolver, CriticalInfoEntryResolver, CriticalInfoPermissionsResolver, CriticalInfoResolver,
} from './critical-info.resolver';
import { CriticalInfoService } from './critical-info.service';

/** Critical info: the field catalogue, assertions, statuses, completeness and questions to ask. */
@Module({
  imports: [AccountsModule, DivisionsModule, StakeholdersModule, LiveModule],
  providers: [Clock, CriticalInfoCatalogue, CriticalInfoService, CriticalInfoResolver, AccountCriticalInfoResolver, CriticalInfoAssertionResolver, CriticalInfoPermissionsResolver, CriticalInfoEntryResolver],
  exports: [CriticalInfoService],
})
export class CriticalInfoModule {}
