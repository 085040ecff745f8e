import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';
import { SourceAccountRecord } from './source-record.types';
import { likeEscape } from './name-key';

export interface AccountRow extends Account {
  /** Sort values of the row in the current ordering (for its cursor). */
  sortKey: unknown[];
}

const ACCOUNT_COLUMNS = `a.id, a.name, a.name_key AS "nameKey", a.domains, a.industry,
  a.lifecycle_stage AS "lifecycleStage", a.parent_id AS "parentId",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;


/** The SQL of accounts. Keyset pagination throughout: never OFFSET. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** All accounts by name, then id. `after` holds the (name_key, id) of the last row seen. */
  async listByName(limit: number, after?: [string, string]): Promise<AccountRow[]> {
    const rows: Account[] = await this.db.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM account a
        WHERE a.merged_into_id IS NULL AND ($1::text IS NULL OR (a.name_key, a.id) > ($1::text COLLATE "C", $2::uuid))
        ORDER BY a.name_key, a.id
        LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return rows.map((row) => ({ ...row, sortKey: [row.nameKey, row.id] }));
  }

  /**
   * Search as you type: names starting with the term first, then names with a
   * word starting with it, then fuzzy (trigram) matches by similarity. Each
   * tier is served by an index (btree on name_key for the prefix, GIN trigram
   * for the rest; fuzzy means pg_trgm's `%`, similarity ≥ 0.3). `after` holds (tier, -similarity, name_key, id).
   */
  async search(term: string, limit: number, after?: [number, number, string, string]): Promise<AccountRow[]> {
    const prefix = likeEscape(term) + '%';
    const wordPrefix = '% ' + likeEscape(term) + '%';
    const rows: (Account & { tier: number; negSim: number })[] = await this.db.query(
      `WITH matches AS (
         SELECT ${ACCOUNT_COLUMNS},
           CASE WHEN a.name_key LIKE $1 THEN 0 WHEN a.name_key LIKE $2 THEN 1 ELSE 2 END AS tier,
           -round(similarity(a.name_key, $3)::numeric, 4)::float8 AS "negSim"
         FROM account a
         WHERE (a.name_key LIKE $1 OR a.name_key LIKE $2 OR a.name_key % $3) AND a.merged_into_id IS NULL
       )
       SELECT * FROM matches m
        WHERE $4::int IS NULL
           OR (m.tier, m."negSim", m."nameKey", m.id) > ($4::int, $5::float8, $6::text COLLATE "C", $7::uuid)
        ORDER BY m.tier, m."negSim", m."nameKey", m.id
        LIMIT $8`,
      [prefix, wordPrefix, term, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null, limit + 1],
    );
    return rows.map(({ tier, negSim, ...row }) => ({ ...row, sortKey: [tier, negSim, row.nameKey, row.id] }));
  }

  /** One account; the id of a merged account answers with the survivor it was merged into. */
  async findById(id: string, db: DataSource | EntityManager = this.db): Promise<Account | null> {
    const rows: Account[] = await db.query(
      `WITH RECURSIVE chain AS (
         SELECT a.*, 0 AS depth FROM account a WHERE a.id = $1
         UNION ALL
         SELECT a.*, c.depth + 1 FROM account a JOIN chain c ON a.id = c.merged_into_id WHERE c.depth < 20)
       SELECT ${ACCOUNT_COLUMNS} FROM chain a WHERE a.merged_into_id IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The divisions whose systems know each account (through their source records), for many accounts at once. */
  async divisionsKnowing(accountIds: readonly string[]): Promise<Map<string, Division[]>> {
    const rows: (Division & { accountId: string })[] = await this.db.query(
      `SELECT DISTINCT s.account_id AS "accountId", d.id, d.key, d.name, d.created_at AS "createdAt"
         FROM source_account_record s JOIN division d ON d.id = s.division_id
        WHERE s.account_id = ANY($1::uuid[])
        ORDER BY d.name`,
      [accountIds],
    );
    const byAccount = new Map<string, Division[]>(accountIds.map((id) => [id, []]));
    for (const { accountId, ...division } of rows) byAccount.get(accountId)?.push(division);
    return byAccount;
  }

  /** How each division names each account, for many accounts at once. */
  async namesByDivision(accountIds: readonly string[]): Promise<Map<string, { divisionId: string; name: string }[]>> {
    const rows: { accountId: string; divisionId: string; name: string }[] = await this.db.query(
      `SELECT DISTINCT s.account_id AS "accountId", s.division_id AS "divisionId", s.name
         FROM source_account_record s
        WHERE s.account_id = ANY($1::uuid[])
        ORDER BY s.name`,
      [accountIds],
    );
    const byAccount = new Map<string, { divisionId: string; name: string }[]>(accountIds.map((id) => [id, []]));
    for (const { accountId, ...known } of rows) byAccount.get(accountId)?.push(known);
    return byAccount;
  }

  /** Live accounts by id, for many at once (a DataLoader's batch). */
  async findByIds(ids: readonly string[]): Promise<Map<string, Account>> {
    const rows: Account[] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM account a WHERE a.id = ANY($1::uuid[]) AND a.merged_into_id IS NULL`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The source records of an account, oldest first (keyset on created_at, id). */
  async sourceRecords(accountId: string, limit: number, after?: [string, string]): Promise<SourceAccountRecord[]> {
    const rows: (Omit<SourceAccountRecord, 'link'> & { status: string; score: number | null; evidence: Record<string, unknown> | null; ruleVersion: string | null; linkedAt: Date | null })[] =
      await this.db.query(
        `SELECT id, division_id AS "divisionId", source_system AS "sourceSystem", external_id AS "externalId", name, raw, version,
                created_at AS "createdAt", link_status AS status, link_score AS score, link_evidence AS evidence,
                link_rule_version AS "ruleVersion", linked_at AS "linkedAt"
           FROM source_account_record
          WHERE account_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
          ORDER BY created_at, id LIMIT $4`,
        [accountId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      );
    return rows.map(({ status, score, evidence, ruleVersion, linkedAt, ...record }) => ({ ...record, link: { status, score, evidence, ruleVersion, linkedAt } }));
  }
}
