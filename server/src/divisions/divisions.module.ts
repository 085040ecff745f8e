import { Module } from '@nestjs/common';
import { DivisionsRepository } from './divisions.repository';
import { DivisionsResolver } from './divisions.resolver';
import { DivisionsService } from './divisions.service';

@Module({
  providers: [DivisionsRepository, DivisionsService, DivisionsResolver],
  exports: [DivisionsRepository, DivisionsService],
})
export class DivisionsModule {}
