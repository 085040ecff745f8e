import { Module } from '@nestjs/common';
import { DivisionsModule } from '../divisions/divisions.module';
import { IngestResolver } from './ingest.resolver';
import { IngestService } from './ingest.service';

@Module({
  imports: [DivisionsModule],
  providers: [IngestService, IngestResolver],
  exports: [IngestService],
})
export class IngestModule {}
