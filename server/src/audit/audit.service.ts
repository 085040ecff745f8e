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

  /**
   * Appends an entry for `principal`; pass the transaction's manager so the entry commits with the change.
   * Its ip is the principal's (the address of the request it came with), unless the entry names one: callers
   * need not pass it (found: only sign-ins recorded one, merges, ingests and admin changes had none).
   */
  record(
    principal: Principal,
    entry: Omit<AuditRecord, 'actorKind' | 'actorId' | 'actorLabel'>,
    manager?: EntityManager,
  ): Promise<void> {
    const actor = actorLabel(principal);
    const ip = entry.ip ?? principal.ip ?? null;
    return this.audit.insert({ ...entry, actorKind: actor.kind, actorId: actor.id, actorLabel: actor.label, ip }, manager);
  }

  async list(filter: AuditEventFilter = {}, first?: number | null, after?: string | null) {
    const limit = pageSize(first);
    const cursor = after ? (decodeCursor(ORDERING, after, ['instant', 'serial'] as const)) : undefined;
    const rows = await this.audit.list(filter, limit, cursor);
    return sortKeyConnection(ORDERING, rows, limit);
  }
}
