import { Module } from '@nestjs/common';
import { AccountStakeholdersResolver, StakeholderFieldsResolver } from './stakeholders.resolver';
import { StakeholdersRepository } from './stakeholders.repository';
import { StakeholdersService } from './stakeholders.service';

@Module({
  providers: [StakeholdersRepository, StakeholdersService, AccountStakeholdersResolver, StakeholderFieldsResolver],
  exports: [StakeholdersRepository],
})
export class StakeholdersModule {}
