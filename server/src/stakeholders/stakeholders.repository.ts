import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { divisionTitlesOf, Stakeholder, StakeholderActivity, StakeholderAffiliation } from './stakeholder.types';

/** A stakeholder with its position in the by-name ordering (for its cursor). */
export type StakeholderRow = Stakeholder & { nameKey: string };

/** Which person at which account: the stakeholder's activity is counted on that account's touchpoints. */
export interface StakeholderActivityKey {
  accountId: string;
  stakeholderId: string;
}

export const STAKEHOLDER_COLUMNS = `s.id, s.account_id AS "accountId", s.name, s.title, s.department, s.emails, s.phones`;

/** The same, listed as people of the account of affiliation `f` (those who moved on keep the title they have now). */
const AFFILIATED_COLUMNS = STAKEHOLDER_COLUMNS.replace('s.account_id AS "accountId"', 'f.account_id AS "accountId"');

/**
 * The same for people current at account `f` whose home is another: with their title there, or none when no record
 * there gives one (a board member of two customers is "Chair" at one and "Board member" at the other; found by
 * exploratory testing: the title of their home account showed everywhere, and in review: also where the account's
 * records give no title). The timeline names them alike (touchpoints.resolver.ts).
 */
const AWAY_COLUMNS = AFFILIATED_COLUMNS.replace('s.title', 'f.title');

/** The keyset condition of a page: after the cursor ($2 name key, $3 id), if any. */
const AFTER_CURSOR = `($2::text IS NULL OR (s.name_key, s.id) > ($2::text COLLATE "C", $3::uuid))`;

/**
 * The current people of account $1 by name then id, page size $4 (+1),
 * listed as people of $1 (their activity there is counted): those whose
 * latest account it is, and those with an open affiliation there whose
 * latest account is another (open, not home: stakeholder_affiliation_away_idx;
 * the account check stays, so a mark not refreshed yet adds nothing). Each
 * part is ordered and limited on its own.
 */
export const CURRENT_PAGE_SQL = `SELECT * FROM (
  (SELECT ${STAKEHOLDER_COLUMNS}, s.name_key AS "nameKey" FROM stakeholder s
    WHERE s.account_id = $1 AND s.merged_into_id IS NULL AND ${AFTER_CURSOR}
    ORDER BY s.name_key, s.id LIMIT $4)
  UNION ALL
  (SELECT ${AWAY_COLUMNS}, s.name_key AS "nameKey"
     FROM stakeholder_affiliation f JOIN stakeholder s ON s.id = f.stakeholder_id
    WHERE f.account_id = $1 AND f.ended_on IS NULL AND NOT f.home AND s.account_id <> $1 AND s.merged_into_id IS NULL AND ${AFTER_CURSOR}
    ORDER BY s.name_key, s.id LIMIT $4)
) x ORDER BY "nameKey", id LIMIT $4`;

@Injectable()
export class StakeholdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stakeholders by id, for many at once (a DataLoader's batch). An id merged
   * into another person answers with the survivor, so touchpoints that name
   * the old id still show the right person.
   */
  async findByIds(ids: readonly string[]): Promise<Map<string, Stakeholder>> {
    const rows: (Stakeholder & { askedId: string })[] = await this.db.query(
      `SELECT asked.id AS "askedId", ${STAKEHOLDER_COLUMNS}
         FROM stakeholder asked
         JOIN stakeholder s ON s.id = COALESCE(asked.merged_into_id, asked.id)
        WHERE asked.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ askedId, ...s }) => [askedId, s]));
  }

  /**
   * Stakeholders by a division's contact id, keyed `divisionId|sourceSystem|externalId`:
   * touchpoint participants whose contact record arrived after the touchpoint.
   */
  async findByContacts(keys: readonly string[]): Promise<Map<string, Stakeholder>> {
    const parts = keys.map((k) => k.split('|'));
    const rows: (Stakeholder & { contactKey: string })[] = await this.db.query(
      `SELECT k.division_id || '|' || k.source_system || '|' || k.external_id AS "contactKey", ${STAKEHOLDER_COLUMNS}
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(division_id, source_system, external_id)
         JOIN source_contact_record c USING (division_id, source_system, external_id)
         JOIN stakeholder asked ON asked.id = c.stakeholder_id
         JOIN stakeholder s ON s.id = COALESCE(asked.merged_into_id, asked.id)`,
      [parts.map((p) => p[0]), parts.map((p) => p[1]), parts.map((p) => p.slice(2).join('|'))],
    );
    return new Map(rows.map(({ contactKey, ...s }) => [contactKey, s]));
  }

  /**
   * Titles of people at accounts that are not their latest one, keyed
   * `accountId|stakeholderId` (a DataLoader's batch): their affiliation's
   * title there (null: it has none). People never affiliated there are left out.
   */
  async titlesAt(keys: readonly string[]): Promise<Map<string, { title: string | null }>> {
    const parts = keys.map((k) => k.split('|'));
    const rows: { key: string; title: string | null }[] = await this.db.query(
      `SELECT k.account_id || '|' || k.stakeholder_id AS key, f.title
         FROM unnest($1::uuid[], $2::uuid[]) AS k(account_id, stakeholder_id)
         JOIN stakeholder_affiliation f ON f.stakeholder_id = k.stakeholder_id AND f.account_id = k.account_id`,
      [parts.map((p) => p[0]), parts.map((p) => p[1])],
    );
    return new Map(rows.map((r) => [r.key, { title: r.title }]));
  }

  /**
   * One account's people by name, then id: keyset on (name_key, id). Those
   * the account is the latest account of come from the index
   * stakeholder_account_idx as it is; people a record also puts at it now (a
   * board member of two customers: an open affiliation there, not their home)
   * are added from a partial index of those, a handful per account.
   * People merged into another are left out (their survivor stands for them).
   */
  async pageOfAccount(accountId: string, limit: number, after?: { nameKey: string; id: string }): Promise<StakeholderRow[]> {
    return this.db.query(CURRENT_PAGE_SQL, [accountId, after?.nameKey ?? null, after?.id ?? null, limit + 1]);
  }

  /**
   * The people whose time at an account ended (their records moved to
   * another customer) and who are not back there, by name then id (keyset).
   * Listed as people of that account: their activity is counted there.
   */
  async formerPageOfAccount(accountId: string, limit: number, after?: { nameKey: string; id: string }): Promise<StakeholderRow[]> {
    return this.db.query(
      `SELECT ${AFFILIATED_COLUMNS}, s.name_key AS "nameKey"
         FROM stakeholder_affiliation f
         JOIN stakeholder s ON s.id = f.stakeholder_id
        WHERE f.account_id = $1 AND f.ended_on IS NOT NULL AND s.account_id <> $1 AND s.merged_into_id IS NULL
          AND ${AFTER_CURSOR}
        ORDER BY s.name_key, s.id
        LIMIT $4`,
      [accountId, after?.nameKey ?? null, after?.id ?? null, limit + 1],
    );
  }

  /**
   * Every stint of these people at an account, each with its titles (newest
   * first), for many at once (a DataLoader's batch): current ones first, then
   * the latest ended. Stints at a merged-away account are left out: a merge
   * keeps them only where the survivor has its own affiliation for the person
   * (a split restores them).
   */
  async affiliations(stakeholderIds: readonly string[]): Promise<Map<string, StakeholderAffiliation[]>> {
    const rows: (Omit<StakeholderAffiliation, 'title' | 'divisionTitles'> & { stakeholderId: string })[] = await this.db.query(
      `SELECT f.stakeholder_id AS "stakeholderId", t.id, f.account_id AS "accountId",
              to_char(t.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(t.ended_on, 'YYYY-MM-DD') AS "endedOn", t.ended_on IS NULL AS current,
              coalesce((SELECT json_agg(json_build_object('id', h.id, 'title', h.title, 'divisionId', h.division_id, 'since', to_char(h.since, 'YYYY-MM-DD'))
                                        ORDER BY h.created_at DESC, h.id DESC)
                          FROM stakeholder_affiliation_title h WHERE h.stint_id = t.id), '[]') AS titles
         FROM stakeholder_affiliation f
         JOIN account a ON a.id = f.account_id AND a.merged_into_id IS NULL
         JOIN stakeholder_affiliation_stint t ON t.affiliation_id = f.id
        WHERE f.stakeholder_id = ANY($1::uuid[])
        ORDER BY f.stakeholder_id, t.ended_on DESC NULLS FIRST, t.started_on DESC, f.account_id, t.id`,
      [stakeholderIds],
    );
    const by = new Map<string, StakeholderAffiliation[]>();
    for (const { stakeholderId, ...stint } of rows) {
      const divisionTitles = divisionTitlesOf(stint.titles);
      (by.get(stakeholderId) ?? by.set(stakeholderId, []).get(stakeholderId)!).push({ ...stint, divisionTitles, title: divisionTitles[0]?.title ?? null });
    }
    return by;
  }

  /**
   * Who deals with these people and how lately, for many at once (a
   * DataLoader's batch), keyed `accountId|stakeholderId`. Starts from the
   * people: their ids and the ids merged into them are resolved first, so the
   * planner sees them and reads only the touchpoints naming them (GIN index
   * touchpoint_stakeholders_idx) instead of every touchpoint of their accounts
   * — on an account of 30,000 touchpoints a page of 20 people cost 0.65 s that
   * way (default bench profile).
   */
  async activity(keys: readonly StakeholderActivityKey[]): Promise<Map<string, StakeholderActivity>> {
    const asked = [...new Set(keys.map((k) => k.stakeholderId))];
    const known: { id: string; person: string }[] = await this.db.query(
      `SELECT s.id, s.id AS person FROM stakeholder s WHERE s.id = ANY($1::uuid[])
        UNION ALL
       SELECT s.id, s.merged_into_id FROM stakeholder s WHERE s.merged_into_id = ANY($1::uuid[])`,
      [asked],
    );
    const rows: (StakeholderActivity & StakeholderActivityKey)[] = await this.db.query(
      `WITH asked AS MATERIALIZED (
         SELECT DISTINCT k.account_id, k.stakeholder_id FROM unnest($1::uuid[], $2::uuid[]) AS k(account_id, stakeholder_id)
       ),
       -- Every id a touchpoint may name an asked person by, with the person it stands for.
       known AS MATERIALIZED (
         SELECT k.id, k.person FROM unnest($3::uuid[], $4::uuid[]) AS k(id, person)
       ),
       -- The touchpoints that name any of them, planned on its own (materialized): with the ids in sight the
       -- planner takes the GIN index on stakeholder_ids rather than walking each account once per person. No
       -- account condition here (met keeps each person's own account): it only added a bitmap of the whole account.
       naming AS MATERIALIZED (
         SELECT t.account_id, t.id, t.division_id, t.occurred_at, t.colleague_emails, t.stakeholder_ids
           FROM touchpoint t
          WHERE t.stakeholder_ids && $3::uuid[] AND t.occurred_at <= now()
       ),
       -- Each touchpoint once per person (whichever of their ids it names), then only on that person's own
       -- account (a semi-join: joining the asked pairs first made a row per touchpoint and person).
       named AS MATERIALIZED (
         SELECT DISTINCT t.account_id, k.person AS stakeholder_id, t.id, t.division_id, t.occurred_at, t.colleague_emails
           FROM naming t CROSS JOIN LATERAL unnest(t.stakeholder_ids) AS n(id)
           JOIN known k ON k.id = n.id
       ),
       met AS MATERIALIZED (
         SELECT m.* FROM named m WHERE (m.account_id, m.stakeholder_id) IN (SELECT account_id, stakeholder_id FROM asked)
       ),
       touches AS (
         SELECT account_id, stakeholder_id, count(*)::int AS n, max(occurred_at) AS last FROM met GROUP BY 1, 2
       ),
       divisions AS (
         SELECT x.account_id, x.stakeholder_id, array_agg(d.id ORDER BY d.name, d.id) AS ids
           FROM (SELECT account_id, stakeholder_id, division_id FROM met
                 UNION
                 SELECT a.account_id, a.stakeholder_id, c.division_id FROM asked a JOIN source_contact_record c ON c.stakeholder_id = a.stakeholder_id) x
           JOIN division d ON d.id = x.division_id
          GROUP BY 1, 2
       ),
       -- Per (person, email) first, then one probe of colleague_email_idx each: few pairs, however many touchpoints.
       colleagues AS (
         SELECT pe.account_id, pe.stakeholder_id, array_agg(c.id ORDER BY pe.last DESC, c.id) AS ids
           FROM (SELECT m.account_id, m.stakeholder_id, e.email, max(m.occurred_at) AS last
                   FROM met m CROSS JOIN LATERAL unnest(m.colleague_emails) AS e(email)
                  GROUP BY 1, 2, 3) pe
           JOIN colleague c ON c.email = pe.email
          GROUP BY 1, 2
       )
       SELECT a.account_id AS "accountId", a.stakeholder_id AS "stakeholderId", coalesce(t.n, 0) AS "touchCount", t.last AS "lastTouch",
              coalesce(d.ids, '{}') AS "divisionIds", coalesce(c.ids, '{}') AS "colleagueIds"
         FROM asked a
         LEFT JOIN touches t USING (account_id, stakeholder_id)
         LEFT JOIN divisions d USING (account_id, stakeholder_id)
         LEFT JOIN colleagues c USING (account_id, stakeholder_id)`,
      [keys.map((k) => k.accountId), keys.map((k) => k.stakeholderId), known.map((k) => k.id), known.map((k) => k.person)],
    );
    return new Map(rows.map(({ accountId, stakeholderId, ...activity }) => [`${accountId}|${stakeholderId}`, activity]));
  }
}
