import { Module } from '@nestjs/common';
import { AccountOpportunitiesResolver, OpportunityFieldsResolver } from './opportunities.resolver';
import { OpportunitiesRepository } from './opportunities.repository';
import { OpportunitiesService } from './opportunities.service';

@Module({
  providers: [OpportunitiesRepository, OpportunitiesService, AccountOpportunitiesResolver, OpportunityFieldsResolver],
  exports: [OpportunitiesRepository],
})
export class OpportunitiesModule {}
