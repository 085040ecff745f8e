import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Opportunity, OpportunityStatus, OpportunityTotal } from './opportunity.types';

/** The key of an opportunity: the account leads its primary key, so lookups name both. */
export interface OpportunityKey {
  accountId: string;
  id: string;
}

/** Where an opportunity stands in its account's listing: open ones, then closed ones (`group`), each by `key`, then id. */
export interface ListingPosition {
  group: number;
  key: number;
  id: string;
}

export type ListedOpportunity = Opportunity & ListingPosition;

/**
 * The listing's order, as index opportunity_listing_idx has it (migration OpportunityStatus; spelled the same):
 * open ones first, soonest close date first; then closed ones, latest close date first; those without a close
 * date last in each. As one ascending key (days from 2000-01-01, negated for closed ones), so a page continues
 * after a row by one row comparison.
 */
const GROUP = `(CASE WHEN o.is_open THEN 0 ELSE 1 END)`;
const KEY = `(CASE WHEN o.close_date IS NULL THEN 2147483647 WHEN o.is_open THEN o.close_date - DATE '2000-01-01' ELSE DATE '2000-01-01' - o.close_date END)`;

@Injectable()
export class OpportunitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Opportunities by the account they are expected at and their id (the primary key). One that is at another
   * account (a touchpoint moved to another customer, or its opportunity did) is looked up by id alone: the
   * touchpoint still was part of it. Keyed `accountId|id`, as asked.
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

  /** A page of an account's opportunities in the listing's order (index opportunity_listing_idx), `limit + 1` rows. */
  async listForAccount(
    accountId: string, limit: number, filter: OpportunityListFilter, after?: ListingPosition,
  ): Promise<ListedOpportunity[]> {
    const params: unknown[] = [accountId];
    const where = filtered(params, filter);
    if (after) where.push(`(${GROUP}, ${KEY}, o.id) > ($${params.push(after.group)}::int, $${params.push(after.key)}::int, $${params.push(after.id)}::uuid)`);
    return this.db.query(
      `SELECT ${COLUMNS}, ${GROUP} AS "group", ${KEY} AS "key" FROM opportunity o
        WHERE ${where.join(' AND ')}
        ORDER BY ${GROUP}, ${KEY}, o.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
  }

  /**
   * The amounts of every opportunity of the account the filter lists (every page), summed per currency by PostgreSQL
   * on the stored numeric (exact), as text and once as the nearest double; currencies in order, none last.
   */
  async totalsForAccount(accountId: string, filter: OpportunityListFilter): Promise<Omit<OpportunityTotal, 'id'>[]> {
    const params: unknown[] = [accountId];
    const where = filtered(params, filter);
    return this.db.query(
      `SELECT o.currency, sum(o.amount)::text AS "amountText", sum(o.amount)::float8 AS amount, count(*)::int AS "opportunityCount"
         FROM opportunity o
        WHERE ${where.join(' AND ')} AND o.amount IS NOT NULL
        GROUP BY o.currency ORDER BY o.currency NULLS LAST`,
      params,
    );
  }
}

export interface OpportunityListFilter {
  statuses?: OpportunityStatus[] | null;
  divisionIds?: string[] | null;
}

/** The conditions of the account's listing and its filter ($1: the account); an empty list does not filter. */
function filtered(params: unknown[], filter: OpportunityListFilter): string[] {
  const where = ['o.account_id = $1'];
  if (filter.statuses?.length) where.push(`o.status = ANY($${params.push(filter.statuses)}::text[])`);
  if (filter.divisionIds?.length) where.push(`o.division_id = ANY($${params.push(filter.divisionIds)}::uuid[])`);
  return where;
}

/** Amounts: the exact decimal as text, and the nearest double once from it (PostgreSQL rounds correctly). */
const COLUMNS = `o.id, o.account_id AS "accountId", o.division_id AS "divisionId", o.external_id AS "externalId", o.name, o.stage,
  o.status, o.is_open AS "isOpen", o.amount::float8 AS amount, o.amount::text AS "amountText", o.currency,
  to_char(o.close_date, 'YYYY-MM-DD') AS "closeDate", o.owner_email AS "ownerEmail", o.owner_id AS "ownerId",
  o.created_at AS "recordedAt", o.updated_at AS "updatedAt"`;
