import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ColleaguesModule } from '../colleagues/colleagues.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { OpportunitiesModule } from '../opportunities/opportunities.module';
import { StakeholdersModule } from '../stakeholders/stakeholders.module';
import { LoadersFactory } from './loaders';

@Module({
  imports: [AccountsModule, DivisionsModule, ColleaguesModule, StakeholdersModule, OpportunitiesModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
export class LoadersModule {}
