import { Module } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository';
import { AccountTimelineResolver, TouchpointFieldsResolver } from './touchpoints.resolver';
import { TouchpointsService } from './touchpoints.service';

@Module({
  providers: [TimelineRepository, TouchpointsService, AccountTimelineResolver, TouchpointFieldsResolver],
  exports: [TimelineRepository, TouchpointsService],
})
export class TouchpointsModule {}
