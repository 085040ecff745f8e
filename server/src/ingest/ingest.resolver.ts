import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, ForAdmins } from '../auth/allow.decorator';
import { RequestContext } from '../common/request-context';
import { IngestBatchInput, IngestResult } from './ingest.types';
import { IngestService } from './ingest.service';
import { DismissRejectedItemsInput, DismissRejectedItemsResult, RejectedItem, RejectedItemConnection } from './rejected-items.types';
import { refusedForItsContent, RejectedItemsService } from './rejected-items.service';

/**
 * The batch as GraphQL coerced it. A type alias, not the class, on purpose:
 * the parameter's reflected type is then Object, so the global ValidationPipe
 * hands it over as it is instead of copying up to 5,000 items with
 * class-transformer (a tenth of a batch's JavaScript) to check the seven
 * decorated fields GraphQL has already checked. Ingest checks every item
 * itself and rejects a bad one alone, with its path and reason (validation.ts).
 */
type CoercedBatch = IngestBatchInput;

@Resolver()
export class IngestResolver {
  constructor(
    private readonly service: IngestService,
    private readonly rejected: RejectedItemsService,
  ) {}

  @Allow('INTEGRATION', 'ADMIN')
  @Mutation(() => IngestResult, {
    description:
      "Stores one division's records from one of its systems and resolves them to accounts and stakeholders. Idempotent; " +
      'reports per item CREATED, UPDATED, UNCHANGED, WAITING (for its account) or REJECTED (with reason and path). ' +
      'Of copies of one record in the batch, the last valid one sent lands, as it would in a later batch. ' +
      'Integration tokens may only ingest for their own division.',
  })
  ingest(@Args('batch', { type: () => IngestBatchInput, description: 'The records; at most 5000 items in all.' }) batch: CoercedBatch, @Context() ctx: RequestContext) {
    return this.service.ingest(ctx.principal, batch);
  }

  @ForAdmins()
  @Query(() => RejectedItemConnection, { description: 'Items ingest refused, newest first, with where and why; nothing sent is lost (admins only).' })
  rejectedItems(
    @Args('includeResolved', { defaultValue: false, description: 'Also those a re-processing has since landed.' }) includeResolved: boolean,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
  ) {
    return this.rejected.list(includeResolved, first, after);
  }

  @ForAdmins()
  @Mutation(() => IngestResult, {
    description: 'Sends rejected items through ingest again, as they were sent (e.g. after adding the colleague or division they named). Landed ones are marked resolved; the others keep their new reason. Items landed before are left alone; an id that names no rejected item refuses the call (admins only).',
  })
  reprocessRejectedItems(@Args('ids', { type: () => [ID], description: 'The rejected items, at most 1000 (a repeated id counts each time; each item is re-processed once).' }) ids: string[], @Context() ctx: RequestContext) {
    return this.rejected.reprocess(ctx.principal, ids);
  }

  @ForAdmins()
  @Mutation(() => DismissRejectedItemsResult, {
    description: 'Dismisses rejected items that can never land (settled DISMISSED): nothing is deleted, the item stays as it was sent; who, when and why are audited. Per id: DISMISSED, ALREADY_SETTLED (left as it was) or NOT_FOUND (admins only).',
  })
  dismissRejectedItems(@Args('input', { type: () => DismissRejectedItemsInput }) input: DismissRejectedItemsInput, @Context() ctx: RequestContext) {
    return this.rejected.dismiss(ctx.principal, input.ids, input.reason);
  }
}

@Resolver(() => RejectedItem)
export class RejectedItemResolver {
  @ResolveField(() => Boolean, {
    description: 'True when the item is refused for its own content, whenever it is sent (a value that is not what its field takes, too long, malformed), or was kept with U+FFFD in place of what cannot be stored: re-processing cannot land it; its system must send it corrected, or an admin dismisses it. False when the cause lies outside the item and may change (a field of the catalogue, a person or record it names, a newer copy, a time still in the future): re-processing may land it once that is fixed.',
  })
  refusedForItsContent(@Parent() item: RejectedItem): boolean {
    return refusedForItsContent(item);
  }
}
