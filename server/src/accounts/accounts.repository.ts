import { Injectable } from '@nestjs/common';
import { SortKeyed } from '../common/relay/cursor';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';
import { SourceAccountRecord } from './source-record.types';
import { likeEscape } from './name-key';
import { mergedAwayError, UserInputError } from '../common/errors';
import { isUuid } from '../common/ids';

export interface AccountRow extends Account {
  /** Sort values of the row in the current ordering (for its cursor). */
  sortKey: unknown[];
}

const ACCOUNT_COLUMNS = `a.id, a.name, a.name_key AS "nameKey", a.domains, a.industry,
  a.lifecycle_stage AS "lifecycleStage", a.parent_id AS "parentId",
  a.parent_set_by AS "parentSetBy", a.parent_decided_at AS "parentDecidedAt",
  a.parent_placed_at AS "parentPlacedAt", a.parent_reason AS "parentReason", a.parent_moved_by AS "parentMovedBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** Search terms shorter than this get no fuzzy matches: a trigram or two of them would find little but noise. */
export const FUZZY_MIN_LENGTH = 3;

/** One registry or tax id an account gives: normalized (`id`, as matching compares them) and as a record first wrote it. */
export interface GivenRegistryId {
  id: string;
  given: string;
}

/**
 * The registry or tax ids each account gives: its source records' (and its own registry_id, which is one of them), each
 * id once (ids equal once normalized are one), as the record that gave it first wrote it, the first given first. What
 * Account.registryIds shows and what a merge compares (registryConflict), read by one statement.
 */
export async function registryIdsOf(db: DataSource | EntityManager, accountIds: readonly string[]): Promise<Map<string, GivenRegistryId[]>> {
  const rows: ({ accountId: string } & GivenRegistryId)[] = await db.query(
    `WITH given AS (
       SELECT s.account_id, s.registry_id AS id, coalesce(nullif(btrim(s.raw->>'registryId'), ''), s.registry_id) AS given, s.created_at AS at, s.id::text AS tie
         FROM source_account_record s WHERE s.account_id = ANY($1::uuid[]) AND s.registry_id IS NOT NULL
       UNION ALL
       SELECT a.id, a.registry_id, a.registry_id, 'infinity'::timestamptz, '' FROM account a WHERE a.id = ANY($1::uuid[]) AND a.registry_id IS NOT NULL)
     SELECT g.account_id AS "accountId", g.id, (array_agg(g.given ORDER BY g.at, g.tie))[1] AS given
       FROM given g
      GROUP BY g.account_id, g.id
      ORDER BY g.account_id, min(g.at), g.id`,
    [accountIds],
  );
  const byAccount = new Map<string, GivenRegistryId[]>(accountIds.map((id) => [id, []]));
  for (const { accountId, id, given } of rows) byAccount.get(accountId)?.push({ id, given });
  return byAccount;
}

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
   * Search as you type, in tiers, each read only when the tiers before it did
   * not fill the page (one statement: each tier's scan sits behind a one-time
   * filter on how many rows the earlier tiers found, with its own LIMIT):
   *   0. names starting with the term, alphabetically: a range scan of the
   *      btree account_name_key_idx (name_key is COLLATE "C");
   *   1. names with a later word starting with it, alphabetically (the btree
   *      in order, or the GIN trigram index, as the planner sees fit);
   *   2. fuzzy, for terms of FUZZY_MIN_LENGTH characters or more: names with
   *      a stretch of words like the term (pg_trgm word similarity, `<%`,
   *      ≥ pg_trgm.word_similarity_threshold, 0.6), most similar first; the
   *      GIN trigram index finds them.
   * Every match once: a tier leaves out what the tiers before it matched.
   * Measured (100,000 names, typos of the first two words): plain similarity
   * (`%`, ≥ 0.3) found the intended account on the first page as often as
   * word similarity does, but its GIN candidates are every name sharing a
   * third of the term's trigrams ("corporation" for "coranion"), 50–80 ms at
   * p95 against 5 ms (a GiST index, KNN or not, read all of itself: 20–35 ms).
   * Keyset: `after` is the (tier, distance, name_key, id) of the last row
   * seen; the distance (1 − word similarity) is 0 in tiers 0 and 1.
   */
  async search(term: string, limit: number, after?: [number, number, string, string]): Promise<AccountRow[]> {
    const fromTier = after ? after[0] : 0;
    if (after && (![0, 1, 2].includes(fromTier) || typeof after[1] !== 'number' || typeof after[2] !== 'string' || typeof after[3] !== 'string' || !isUuid(after[3]))) {
      throw new UserInputError('after', 'a cursor returned by this same list (pageInfo.endCursor)');
    }
    const fuzzy = term.length >= FUZZY_MIN_LENGTH;
    // $1 prefix, $2 word prefix, $3 page size (+1: tells whether more follow), then the term (fuzzy tier only), then the cursor.
    const params: unknown[] = [likeEscape(term) + '%', '% ' + likeEscape(term) + '%', limit + 1];
    const param = (value: unknown) => `$${params.push(value)}`;
    const t = fuzzy ? param(term) : '';
    /** Where a tier continues: after the cursor in the tier it points into, from its start in later ones. */
    const keyset = (tier: number) => {
      if (!after || tier !== fromTier) return '';
      const byName = `${param(after[2])}::text COLLATE "C", ${param(after[3])}::uuid`;
      return tier < 2 ? `AND (a.name_key, a.id) > (${byName})` : `AND (${t} <<-> a.name_key, a.name_key, a.id) > (${param(after[1])}::real, ${byName})`;
    };
    const tiers: { name: string; sql: (guard: string, missing: string) => string }[] = [];
    if (fromTier <= 0) {
      tiers.push({ name: 't0', sql: (guard, missing) => `SELECT ${ACCOUNT_COLUMNS}, 0 AS tier, 0::real AS dist FROM account a
         WHERE a.name_key LIKE $1 AND a.merged_into_id IS NULL ${guard} ${keyset(0)}
         ORDER BY a.name_key, a.id LIMIT ${missing}` });
    }
    if (fromTier <= 1) {
      tiers.push({ name: 't1', sql: (guard, missing) => `SELECT ${ACCOUNT_COLUMNS}, 1 AS tier, 0::real AS dist FROM account a
         WHERE a.name_key LIKE $2 AND a.name_key NOT LIKE $1 AND a.merged_into_id IS NULL ${guard} ${keyset(1)}
         ORDER BY a.name_key, a.id LIMIT ${missing}` });
    }
    if (fuzzy) {
      tiers.push({ name: 't2', sql: (guard, missing) => `SELECT ${ACCOUNT_COLUMNS}, 2 AS tier, ${t} <<-> a.name_key AS dist FROM account a
         WHERE ${t} <% a.name_key AND a.name_key NOT LIKE $1 AND a.name_key NOT LIKE $2 AND a.merged_into_id IS NULL ${guard} ${keyset(2)}
         ORDER BY dist, a.name_key, a.id LIMIT ${missing}` });
    }
    if (tiers.length === 0) return [];
    // A tier reads only while the tiers before it found fewer rows than the page needs, and only the rows still missing.
    const ctes = tiers.map(({ name, sql }, i) => {
      const found = tiers.slice(0, i).map((earlier) => `(SELECT count(*) FROM ${earlier.name})`).join(' + ');
      return `${name} AS (${found ? sql(`AND ${found} < $3`, `$3 - (${found})`) : sql('', '$3')})`;
    });
    const rows: (Account & { tier: number; dist: number })[] = await this.db.query(
      `WITH ${ctes.join(',\n')}
       SELECT * FROM (${tiers.map(({ name }) => `SELECT * FROM ${name}`).join(' UNION ALL ')}) m
        ORDER BY m.tier, m.dist, m."nameKey", m.id`,
      params,
    );
    return rows.map(({ tier, dist, ...row }) => ({ ...row, sortKey: [tier, dist, row.nameKey, row.id] }));
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

  /**
   * The account a change names (argument `argument`): null when there is none; refused (mergedAwayError) when it was
   * merged away, naming the survivor findById answers with (the end of the merge chain). A read follows a merged-away
   * id to its survivor; a change must not act on the survivor without the caller knowing.
   */
  async findForChange(id: string, argument: string, db: DataSource | EntityManager = this.db): Promise<Account | null> {
    const account = await this.findById(id, db);
    if (account && account.id !== id.toLowerCase()) throw mergedAwayError(id, argument, account.id);
    return account;
  }

  /**
   * findForChange in a transaction that writes for the account, under the lock a row naming it takes anyway (FOR KEY
   * SHARE, as its foreign key does): a merge or split of it (which locks it FOR UPDATE, accountMoves.lockAccounts) either
   * waits for the change, then moves what it wrote, or commits first and the change is refused. Found in review: checked
   * outside, a merge committing between the check and the write left a watch or an assertion on the merged-away account.
   */
  async lockForChange(tx: EntityManager, id: string, argument: string): Promise<Account | null> {
    await tx.query(`SELECT 1 FROM account WHERE id = $1 FOR KEY SHARE`, [id]);
    return this.findForChange(id, argument, tx);
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

  /** The registry or tax ids each account gives (registryIdsOf). */
  registryIds(accountIds: readonly string[]): Promise<Map<string, GivenRegistryId[]>> {
    return registryIdsOf(this.db, accountIds);
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

  /**
   * A page of the children of each of these accounts (the live accounts whose parent it is), by name, then id, and how
   * many children each has in all; one statement for the pages, one for the counts (the account_parent_name_idx
   * range of each). `after` holds the (name_key, id) of the last child seen.
   */
  async childrenOf(parentIds: readonly string[], limit: number, after?: [string, string]): Promise<Map<string, { rows: AccountRow[]; totalCount: number }>> {
    const rows: (Account & { parentOf: string })[] = await this.db.query(
      `SELECT p.id AS "parentOf", c.* FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
         SELECT ${ACCOUNT_COLUMNS} FROM account a
          WHERE a.parent_id = p.id AND a.merged_into_id IS NULL AND ($2::text IS NULL OR (a.name_key, a.id) > ($2::text COLLATE "C", $3::uuid))
          ORDER BY a.name_key, a.id LIMIT $4) c`,
      [parentIds, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const counts: { parentId: string; n: number }[] = await this.db.query(
      `SELECT parent_id AS "parentId", count(*)::int AS n FROM account WHERE parent_id = ANY($1::uuid[]) AND merged_into_id IS NULL GROUP BY parent_id`, [parentIds]);
    const byParent = new Map(parentIds.map((id) => [id, { rows: [] as AccountRow[], totalCount: 0 }]));
    for (const { parentOf, ...row } of rows) byParent.get(parentOf)?.rows.push({ ...row, sortKey: [row.nameKey, row.id] });
    for (const c of counts) byParent.get(c.parentId)!.totalCount = c.n;
    return byParent;
  }

  /** The head of each account's group (the top of its chain of parents), for many at once; accounts without a parent have none. */
  async groupHeads(ids: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; head: string }[] = await this.db.query(
      `WITH RECURSIVE up AS (SELECT a.id AS start, a.parent_id AS id, 1 AS depth FROM account a WHERE a.id = ANY($1::uuid[]) AND a.parent_id IS NOT NULL
                             UNION ALL SELECT up.start, a.parent_id, up.depth + 1 FROM up JOIN account a ON a.id = up.id
                              WHERE a.parent_id IS NOT NULL AND a.parent_id <> up.start AND up.depth < 100)
       SELECT DISTINCT ON (start) start AS id, id AS head FROM up ORDER BY start, depth DESC`, [ids]);
    return new Map(rows.map((r) => [r.id, r.head]));
  }

  /** The source records of an account, oldest first (keyset on created_at, id). */
  async sourceRecords(accountId: string, limit: number, after?: [string, string]): Promise<SortKeyed<SourceAccountRecord>[]> {
    const rows: (Omit<SortKeyed<SourceAccountRecord>, 'link'> & { status: string; score: number | null; evidence: Record<string, unknown> | null; ruleVersion: string | null; linkedAt: Date | null })[] =
      await this.db.query(
        `SELECT id, division_id AS "divisionId", source_system AS "sourceSystem", external_id AS "externalId", name, raw, version,
                created_at AS "createdAt", created_at::text AS "sortKey", link_status AS status, link_score AS score, link_evidence AS evidence,
                link_rule_version AS "ruleVersion", linked_at AS "linkedAt"
           FROM source_account_record
          WHERE account_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
          ORDER BY created_at, id LIMIT $4`,
        [accountId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      );
    return rows.map(({ status, score, evidence, ruleVersion, linkedAt, ...record }) => ({ ...record, link: { status, score, evidence, ruleVersion, linkedAt } }));
  }
}
