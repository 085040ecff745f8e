import { Module } from '@nestjs/common';
import { Clock } from '../critical-info/clock';
import { AccountOpportunitiesResolver, OpportunityConnectionResolver, OpportunityFieldsResolver } from './opportunities.resolver';
import { OpportunitiesRepository } from './opportunities.repository';
import { OpportunitiesService } from './opportunities.service';

@Module({
  providers: [Clock, OpportunitiesRepository, OpportunitiesService, AccountOpportunitiesResolver, OpportunityConnectionResolver, OpportunityFieldsResolver],
  exports: [OpportunitiesRepository],
})
export class OpportunitiesModule {}
