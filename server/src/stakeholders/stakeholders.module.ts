import { Module } from '@nestjs/common';
import { StakeholdersRepository } from './stakeholders.repository';

@Module({
  providers: [StakeholdersRepository],
  exports: [StakeholdersRepository],
})
export class StakeholdersModule {}
