import { Module } from '@nestjs/common';
import { AccountStakeholdersResolver, StakeholderAffiliationResolver, StakeholderFieldsResolver } from './stakeholders.resolver';
import { StakeholdersRepository } from './stakeholders.repository';
import { StakeholdersService } from './stakeholders.service';

@Module({
  providers: [StakeholdersRepository, StakeholdersService, AccountStakeholdersResolver, StakeholderFieldsResolver, StakeholderAffiliationResolver],
  exports: [StakeholdersRepository],
})
export class StakeholdersModule {}
