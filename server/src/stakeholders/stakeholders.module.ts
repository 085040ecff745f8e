import { Module } from '@nestjs/common';
import { AccountStakeholdersResolver, AffiliationTitleResolver, StakeholderAffiliationResolver, StakeholderFieldsResolver } from './stakeholders.resolver';
import { StakeholdersRepository } from './stakeholders.repository';
import { StakeholdersService } from './stakeholders.service';

@Module({
  providers: [StakeholdersRepository, StakeholdersService, AccountStakeholdersResolver, StakeholderFieldsResolver, StakeholderAffiliationResolver, AffiliationTitleResolver],
  exports: [StakeholdersRepository],
})
export class StakeholdersModule {}
