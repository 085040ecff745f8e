import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { IngestBatchInput, IngestResult } from './ingest.types';
import { IngestService } from './ingest.service';

@Resolver()
export class IngestResolver {
  constructor(private readonly service: IngestService) {}

  @Allow('INTEGRATION', 'ADMIN')
  @Mutation(() => IngestResult, {
    description:
      "Stores one division's records from one of its systems and resolves them to accounts and stakeholders. Idempotent; " +
      'reports per item CREATED, UPDATED, UNCHANGED, WAITING (for its account) or REJECTED (with reason and path). ' +
      'Integration tokens may only ingest for their own division.',
  })
  ingest(@Args('batch', { description: 'The records; at most 5000 items in all.' }) batch: IngestBatchInput, @Context() ctx: RequestContext) {
    return this.service.ingest(ctx.principal, batch);
  }
}
