import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ForAdmins } from '../auth/allow.decorator';
import { AuditService } from './audit.service';
import { AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.types';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly service: AuditService) {}

  @ForAdmins()
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (admins only).' })
  auditEvents(
    @Args('filter', { type: () => AuditEventFilter, nullable: true, description: 'Narrows the list.' }) filter?: AuditEventFilter,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Args('after', { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
  ) {
    return this.service.list(filter ?? {}, first, after);
  }
}
