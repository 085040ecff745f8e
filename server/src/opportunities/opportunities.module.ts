import { Module } from '@nestjs/common';
import { OpportunityFieldsResolver } from './opportunities.resolver';
import { OpportunitiesRepository } from './opportunities.repository';

@Module({
  providers: [OpportunitiesRepository, OpportunityFieldsResolver],
  exports: [OpportunitiesRepository],
})
export class OpportunitiesModule {}
