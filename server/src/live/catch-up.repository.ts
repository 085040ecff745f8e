import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * What changed while the bridge was not listening. Rows carry updated_at =
 * the writing transaction's start (now()), and NOTIFY fires at its commit: a
 * transaction that started before the loss may commit during it, hence the
 * margin. Delivery is therefore at least once: clients upsert by id.
 */
export const CATCH_UP_MARGIN_MS = 60_000;

@Injectable()
export class CatchUpRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Ids of an account's touchpoints written since `since`, oldest change first, at most `limit`. */
  async touchpointIds(accountId: string, since: Date, limit: number): Promise<string[]> {
    return this.ids(`SELECT id FROM touchpoint WHERE account_id = $1 AND updated_at >= $2 ORDER BY updated_at, id LIMIT $3`, [accountId, since, limit]);
  }

  /** Ids of a colleague's notices raised (or raised again) since `since`, oldest first, at most `limit`. */
  async noticeIds(colleagueId: string, since: Date, limit: number): Promise<string[]> {
    return this.ids(`SELECT id FROM notice WHERE colleague_id = $1 AND updated_at >= $2 ORDER BY updated_at, id LIMIT $3`, [colleagueId, since, limit]);
  }

  private async ids(sql: string, params: unknown[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(sql, params);
    return rows.map((row) => row.id);
  }
}
