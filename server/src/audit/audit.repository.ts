import { Injectable } from '@nestjs/common';
import { SortKeyed } from '../common/relay/cursor';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent, AuditEventFilter } from './audit.types';

export interface AuditRecord {
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  outcome?: 'SUCCESS' | 'FAILURE';
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

const COLUMNS = `id::text, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_label AS "actorLabel", action, outcome,
  target_type AS "targetType", target_id AS "targetId", before, after, ip`;

/** The SQL of the audit trail: insert and read, never update or delete (the table refuses both). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(record: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (actor_kind, actor_id, actor_label, action, outcome, target_type, target_id, before, after, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        record.actorKind, record.actorId, record.actorLabel, record.action, record.outcome ?? 'SUCCESS',
        record.targetType ?? null, record.targetId ?? null,
        record.before === undefined ? null : JSON.stringify(record.before),
        record.after === undefined ? null : JSON.stringify(record.after),
        record.ip ?? null,
      ],
    );
  }

  /** Newest first; keyset on (at, id). */
  list(filter: AuditEventFilter, limit: number, after?: [string, string]): Promise<SortKeyed<AuditEvent>[]> {
    return this.db.query(
      `SELECT ${COLUMNS}, at::text AS "sortKey" FROM audit_event
        WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR actor_id = $2)
          AND ($3::text IS NULL OR target_type = $3) AND ($4::text IS NULL OR target_id = $4)
          AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
          AND ($7::timestamptz IS NULL OR (at, id) < ($7::timestamptz, $8::bigint))
        ORDER BY at DESC, id DESC
        LIMIT $9`,
      [filter.action ?? null, filter.actorId ?? null, filter.targetType ?? null, filter.targetId ?? null,
        filter.since ?? null, filter.until ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }
}
