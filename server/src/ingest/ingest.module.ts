import { Module } from '@nestjs/common';
import { Clock } from '../critical-info/clock';
import { DivisionsModule } from '../divisions/divisions.module';
import { IngestResolver, RejectedItemResolver } from './ingest.resolver';
import { IngestService } from './ingest.service';
import { RejectedItemsService } from './rejected-items.service';
import { WaitingItemsResolver } from './waiting-items.resolver';
import { WaitingItemsService } from './waiting-items.service';

@Module({
  imports: [DivisionsModule],
  providers: [Clock, IngestService, RejectedItemsService, IngestResolver, RejectedItemResolver, WaitingItemsService, WaitingItemsResolver],
  exports: [IngestService],
})
export class IngestModule {}
