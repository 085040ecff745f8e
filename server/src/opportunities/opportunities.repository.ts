import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Opportunity } from './opportunity.types';

/** The key of an opportunity: the account leads its primary key, so lookups name both. */
export interface OpportunityKey {
  accountId: string;
  id: string;
}

@Injectable()
export class OpportunitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Opportunities by (account, id), for many at once; keyed `accountId|id`. */
  /**
   * Opportunities by the account they are expected at and their id (the primary key). One that is at another
   * account (a touchpoint moved to another customer, or its opportunity did) is looked up by id alone: the
   * touchpoint still was part of it. Keyed as asked.
   */
  async findByKeys(keys: readonly OpportunityKey[]): Promise<Map<string, Opportunity>> {
    const rows: Opportunity[] = await this.db.query(
      `SELECT ${COLUMNS} FROM opportunity o
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(account_id, id) ON (o.account_id, o.id) = (k.account_id, k.id)`,
      [keys.map((k) => k.accountId), keys.map((k) => k.id)],
    );
    const found = new Map(rows.map((row) => [`${row.accountId}|${row.id}`, row]));
    const elsewhere = keys.filter((k) => !found.has(`${k.accountId}|${k.id}`));
    if (elsewhere.length === 0) return found;
    const moved: Opportunity[] = await this.db.query(`SELECT ${COLUMNS} FROM opportunity o WHERE o.id = ANY($1::uuid[])`, [elsewhere.map((k) => k.id)]);
    const byId = new Map(moved.map((row) => [row.id, row]));
    for (const k of elsewhere) if (byId.has(k.id)) found.set(`${k.accountId}|${k.id}`, byId.get(k.id)!);
    return found;
  }
}

const COLUMNS = `o.id, o.account_id AS "accountId", o.division_id AS "divisionId", o.name, o.stage, o.is_open AS "isOpen",
  o.amount::float8 AS amount, o.currency, to_char(o.close_date, 'YYYY-MM-DD') AS "closeDate", o.created_at AS "recordedAt"`;
