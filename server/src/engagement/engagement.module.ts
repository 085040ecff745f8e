import { Module } from '@nestjs/common';
import { TouchpointsModule } from '../touchpoints/touchpoints.module';
import { EngagementFolder } from './engagement-folder';
import { EngagementRepository } from './engagement.repository';
import {
  AccountEngagementResolver, ActivitySinceMyLastTouchResolver, ColleagueEngagementResolver, DivisionActivitySinceResolver, DivisionEngagementResolver,
  DivisionMonthCountResolver,
} from './engagement.resolver';
import { EngagementService } from './engagement.service';

/** "Who else is talking" and the activity chart: figures over an account's touchpoints. */
@Module({
  imports: [TouchpointsModule],
  providers: [
    EngagementRepository, EngagementService, EngagementFolder, AccountEngagementResolver, DivisionEngagementResolver, ColleagueEngagementResolver,
    ActivitySinceMyLastTouchResolver, DivisionActivitySinceResolver, DivisionMonthCountResolver,
  ],
})
export class EngagementModule {}
