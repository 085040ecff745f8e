import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inBackground } from '../database/background';
import { Notice } from './notice.types';

const COLUMNS = `n.id, n.colleague_id AS "colleagueId", n.account_id AS "accountId", n.kind, n.data, n.occurrences,
  n.created_at AS "createdAt", n.updated_at AS "updatedAt", n.updated_at::text AS "sortKey", n.read_at AS "readAt"`;

export type NoticeRow = Notice & { sortKey: string };

/** The SQL of notices and watches. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A colleague's notices, newest first (keyset on updated_at, id). */
  async inbox(colleagueId: string, limit: number, unreadOnly: boolean, after?: [string, string], accountId?: string): Promise<NoticeRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM notice n
        WHERE n.colleague_id = $1 AND (NOT $2 OR n.read_at IS NULL) AND ($6::uuid IS NULL OR n.account_id = $6::uuid)
          AND ($3::timestamptz IS NULL OR (n.updated_at, n.id) < ($3::timestamptz, $4::uuid))
        ORDER BY n.updated_at DESC, n.id DESC LIMIT $5`,
      [colleagueId, unreadOnly, after?.[0] ?? null, after?.[1] ?? null, limit + 1, accountId ?? null],
    );
  }

  async count(colleagueId: string, unreadOnly: boolean, accountId?: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM notice WHERE colleague_id = $1 AND (NOT $2 OR read_at IS NULL) AND ($3::uuid IS NULL OR account_id = $3::uuid)`,
      [colleagueId, unreadOnly, accountId ?? null]);
    return row.n;
  }

  /** Notices by id, only the colleague's own. */
  async findForColleague(colleagueId: string, ids: readonly string[]): Promise<NoticeRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM notice n WHERE n.colleague_id = $1 AND n.id = ANY($2::uuid[])`, [colleagueId, ids]);
  }

  async markRead(colleagueId: string, ids: readonly string[] | 'ALL'): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `WITH marked AS (UPDATE notice SET read_at = now()
          WHERE colleague_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id)
       SELECT id FROM marked`,
      [colleagueId, ids === 'ALL' ? null : ids],
    );
    return rows.map((r) => r.id);
  }

  async watch(colleagueId: string, accountId: string, db: DataSource | EntityManager = this.db): Promise<void> {
    await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2) ON CONFLICT (account_id, colleague_id) DO NOTHING`, [accountId, colleagueId]);
  }

  async unwatch(colleagueId: string, accountId: string, db: DataSource | EntityManager = this.db): Promise<void> {
    await db.query(`DELETE FROM account_watch WHERE account_id = $1 AND colleague_id = $2`, [accountId, colleagueId]);
  }

  /** Of these accounts, the ones the colleague watches (a DataLoader's batch). */
  async watched(colleagueId: string, accountIds: readonly string[]): Promise<Set<string>> {
    const rows: { accountId: string }[] = await this.db.query(
      `SELECT account_id AS "accountId" FROM account_watch WHERE colleague_id = $1 AND account_id = ANY($2::uuid[])`, [colleagueId, accountIds]);
    return new Set(rows.map((r) => r.accountId));
  }

  /** Of these accounts, the ones whose record in the colleague's division names them as owner. */
  async owned(colleague: { email: string; divisionId: string }, accountIds: readonly string[]): Promise<Set<string>> {
    const rows: { accountId: string }[] = await this.db.query(
      `SELECT DISTINCT account_id AS "accountId" FROM source_account_record
        WHERE account_id = ANY($1::uuid[]) AND lower(raw->>'ownerEmail') = $2 AND division_id = $3`,
      [accountIds, colleague.email.toLowerCase(), colleague.divisionId]);
    return new Set(rows.map((r) => r.accountId));
  }

  /** Runs `work` in a transaction (the sweep writes notices and announces them together). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Runs `work` on a connection of its own marked as background work (a sweep beside requests), one transaction per step. */
  background<T>(work: (inTransaction: <R>(step: (tx: EntityManager) => Promise<R>) => Promise<R>) => Promise<T>): Promise<T> {
    return inBackground(this.db, work);
  }
}
