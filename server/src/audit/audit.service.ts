import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { actorLabel, Principal } from '../auth/principal';
import { decodeCursor, pageSize, sortKeyConnection } from '../common/relay/cursor';
import { AuditRecord, AuditRepository } from './audit.repository';
import { AuditEventFilter } from './audit.types';

const ORDERING = 'audit:at';

/** Records every write, sign-in and token change, and lists them for admins. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Appends an entry for `principal`; pass the transaction's manager so the entry commits with the change. */
  record(
    principal: Principal,
    entry: Omit<AuditRecord, 'actorKind' | 'actorId' | 'actorLabel'>,
    manager?: EntityManager,
  ): Promise<void> {
    const actor = actorLabel(principal);
    return this.audit.insert({ ...entry, actorKind: actor.kind, actorId: actor.id, actorLabel: actor.label }, manager);
  }

  async list(filter: AuditEventFilter = {}, first?: number | null, after?: string | null) {
    const limit = pageSize(first);
    const cursor = after ? (decodeCursor(ORDERING, after, ['instant', 'serial'] as const)) : undefined;
    const rows = await this.audit.list(filter, limit, cursor);
    return sortKeyConnection(ORDERING, rows, limit);
  }
}
