import { DataSource, EntityManager } from 'typeorm';
import { SortKeyed } from '../common/relay/cursor';
import { PairScore } from '../matching/rules';
import { MatchKind, MatchReview, MatchReviewStatus, MatchSide } from './identity.types';

type Db = DataSource | EntityManager;

interface ReviewRow {
  id: string;
  kind: MatchKind;
  score: number;
  ruleVersion: string;
  evidence: PairScore;
  status: MatchReviewStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedById: string | null;
  reason: string | null;
  recordId: string;
  candidateRecordId: string;
  sortKey?: string;
}

const SIDE = (alias: string) => `${alias}.id AS "recordId", ${alias}.division_id AS "divisionId", ${alias}.source_system AS "sourceSystem",
  ${alias}.external_id AS "externalId", ${alias}.name, ${alias}.account_id AS "accountId", ${alias}.raw`;

async function sides(db: Db, kind: MatchKind, ids: string[]): Promise<Map<string, MatchSide>> {
  const rows: MatchSide[] = kind === MatchKind.ACCOUNT
    ? await db.query(`SELECT ${SIDE('s')}, NULL AS "stakeholderId" FROM source_account_record s WHERE s.id = ANY($1::uuid[])`, [ids])
    : await db.query(`SELECT ${SIDE('s')}, s.stakeholder_id AS "stakeholderId" FROM source_contact_record s WHERE s.id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.recordId, r]));
}

async function withSides(db: Db, rows: ReviewRow[]): Promise<MatchReview[]> {
  const out: MatchReview[] = [];
  for (const kind of [MatchKind.ACCOUNT, MatchKind.STAKEHOLDER]) {
    const mine = rows.filter((r) => r.kind === kind);
    if (mine.length === 0) continue;
    const found = await sides(db, kind, mine.flatMap((r) => [r.recordId, r.candidateRecordId]));
    for (const r of mine) {
      out.push({
        id: r.id, kind, score: r.score, ruleVersion: r.ruleVersion, evidence: r.evidence.evidence, status: r.status, createdAt: r.createdAt,
        decidedAt: r.decidedAt, decidedById: r.decidedById, reason: r.reason,
        record: found.get(r.recordId)!, candidate: found.get(r.candidateRecordId)!,
      });
    }
  }
  return rows.map((r) => out.find((o) => o.id === r.id)!);
}

const COLUMNS = `id, kind, score, rule_version AS "ruleVersion", evidence, status, created_at AS "createdAt",
  decided_at AS "decidedAt", decided_by AS "decidedById", decision_reason AS reason,
  record_id AS "recordId", candidate_record_id AS "candidateRecordId"`;

/** The SQL of match reviews. */
export const matchReviews = {
  /** Open reviews, oldest first (keyset on created_at, id). */
  async listOpen(db: Db, limit: number, after?: [string, string]): Promise<SortKeyed<MatchReview>[]> {
    const rows: ReviewRow[] = await db.query(
      `SELECT ${COLUMNS}, created_at::text AS "sortKey" FROM match_review
        WHERE status = 'OPEN' AND ($1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY created_at, id LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const reviews = await withSides(db, rows);
    return reviews.map((review, i) => ({ ...review, sortKey: rows[i].sortKey! }));
  },

  /** Decided and settled reviews, the latest decision first (keyset on decided_at, id; match_review_decided_idx). */
  async listDecided(db: Db, limit: number, after?: [string, string]): Promise<SortKeyed<MatchReview>[]> {
    const rows: ReviewRow[] = await db.query(
      `SELECT ${COLUMNS}, decided_at::text AS "sortKey" FROM match_review
        WHERE status <> 'OPEN' AND ($1::timestamptz IS NULL OR (decided_at, id) < ($1::timestamptz, $2::uuid))
        ORDER BY decided_at DESC, id DESC LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const reviews = await withSides(db, rows);
    return reviews.map((review, i) => ({ ...review, sortKey: rows[i].sortKey! }));
  },

  async count(db: Db, decided: boolean): Promise<number> {
    return Number((await db.query(`SELECT count(*) AS n FROM match_review WHERE (status <> 'OPEN') = $1`, [decided]))[0].n);
  },

  /** The review locked FOR UPDATE, with its sides as they are once it is locked. */
  async lock(tx: EntityManager, id: string): Promise<MatchReview | null> {
    const rows: ReviewRow[] = await tx.query(`SELECT ${COLUMNS} FROM match_review WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length ? (await withSides(tx, rows))[0] : null;
  },

  /** The review with its sides, read without a lock; null when there is none. */
  async find(db: Db, id: string): Promise<MatchReview | null> {
    const rows: ReviewRow[] = await db.query(`SELECT ${COLUMNS} FROM match_review WHERE id = $1`, [id]);
    return rows.length ? (await withSides(db, rows))[0] : null;
  },

  async decide(tx: EntityManager, id: string, status: 'SAME' | 'DIFFERENT', colleagueId: string | null, reason: string | null): Promise<void> {
    await tx.query(`UPDATE match_review SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`, [id, status, colleagueId, reason]);
  },

  /**
   * Closes the open reviews whose two sides are already in one account (or
   * one person): nothing left to decide (OBSOLETE). Their records stop
   * waiting too, unless another review of theirs is still open. CONFIRMED
   * means a person decided: so only where a person's merge or decision has
   * just put the two sides together (`confirmedIn`, that account or person);
   * any other settled review was settled by matching (its own merges call this
   * with none), and its record reads AUTO, keeping the score and evidence of
   * its link. (The statement sees match_review as before its own UPDATE,
   * hence the reviews it closed are left out by id.) Returns the ids of the
   * reviews it closed: a merge keeps them, so the split that undoes it opens
   * them again (reopenSettled).
   */
  async closeSettled(tx: EntityManager, confirmedIn: { kind: MatchKind; clusterId: string } | null): Promise<string[]> {
    const closed: string[] = [];
    for (const [kind, table, cluster] of [[MatchKind.ACCOUNT, 'source_account_record', 'account_id'], [MatchKind.STAKEHOLDER, 'source_contact_record', 'stakeholder_id']] as const) {
      const rows: { id: string }[] = await tx.query(
        `WITH settled AS (
           UPDATE match_review r SET status = 'OBSOLETE', decided_at = now()
             FROM ${table} a, ${table} b
            WHERE r.status = 'OPEN' AND r.kind = $1 AND a.id = r.record_id AND b.id = r.candidate_record_id AND a.${cluster} = b.${cluster}
           RETURNING r.id, r.record_id),
         stopped AS (
           UPDATE ${table} s SET link_status = CASE WHEN s.${cluster} = $2::uuid THEN 'CONFIRMED' ELSE 'AUTO' END, linked_at = now()
            WHERE s.id IN (SELECT record_id FROM settled) AND s.link_status = 'REVIEW'
              AND NOT EXISTS (SELECT 1 FROM match_review o WHERE o.kind = $1 AND o.record_id = s.id AND o.status = 'OPEN' AND o.id NOT IN (SELECT id FROM settled))
           RETURNING s.id)
         SELECT id FROM settled`,
        [kind, confirmedIn?.kind === kind ? confirmedIn.clusterId : null],
      );
      closed.push(...rows.map((r) => r.id));
    }
    return closed;
  },

  /**
   * Decides DIFFERENT, as review `decidedId` was just decided, the other open reviews of its kind whose two sides sit
   * in the same two accounts (or people), `a` and `b`: they ask what the person has answered (found in the team's
   * notes: a reviewer was asked the same again). Kept as decisions, labels like the one they follow, with its decider
   * and a reason naming it; their records stop waiting (REJECTED) unless another review of theirs is still open.
   * Returns the ids of the reviews it decided, for the decision's audit entry. (SAME needs no such step: the merge puts
   * the two sides together and closeSettled settles those reviews.)
   */
  async settleSamePair(tx: EntityManager, kind: MatchKind, decidedId: string, a: string, b: string, colleagueId: string | null, reason: string): Promise<string[]> {
    const { table, cluster } = kind === MatchKind.ACCOUNT
      ? { table: 'source_account_record', cluster: 'account_id' } : { table: 'source_contact_record', cluster: 'stakeholder_id' };
    const rows: { id: string }[] = await tx.query(
      `WITH settled AS (
         UPDATE match_review r SET status = 'DIFFERENT', decided_by = $5, decided_at = now(), decision_reason = $6
           FROM ${table} x, ${table} y
          WHERE r.status = 'OPEN' AND r.kind = $1 AND r.id <> $2 AND x.id = r.record_id AND y.id = r.candidate_record_id
            AND ((x.${cluster} = $3 AND y.${cluster} = $4) OR (x.${cluster} = $4 AND y.${cluster} = $3))
         RETURNING r.id, r.record_id),
       stopped AS (
         UPDATE ${table} s SET link_status = 'REJECTED', linked_at = now()
          WHERE s.id IN (SELECT record_id FROM settled) AND s.link_status = 'REVIEW'
            AND NOT EXISTS (SELECT 1 FROM match_review o WHERE o.kind = $1 AND o.record_id = s.id AND o.status = 'OPEN' AND o.id NOT IN (SELECT id FROM settled))
         RETURNING s.id)
       SELECT id FROM settled ORDER BY id`,
      [kind, decidedId, a, b, colleagueId, reason],
    );
    return rows.map((r) => r.id);
  },

  /**
   * Settles (OBSOLETE) the open reviews of people naming a record, among `recordIds` (changed ones), that has moved to
   * another customer since its previous version: its evidence was read where it was (people meet by name only within
   * their account), and the record is matched again where it is now. A record that waited for such a review alone
   * stays in its own person (AUTO). (Found by exploratory testing: SAME on such a review merged a customer's CEO with
   * a person who had moved to another customer, on the old customer's evidence; a merge of people cannot be undone.)
   */
  async closeMovedApart(tx: EntityManager, recordIds: string[]): Promise<string[]> {
    if (recordIds.length === 0) return [];
    const rows: { id: string }[] = await tx.query(
      `WITH moved AS (
         SELECT c.id FROM source_contact_record c JOIN source_record_version v ON v.record_id = c.id AND v.version = c.version - 1
          WHERE c.id = ANY($1::uuid[]) AND (v.raw->>'account_id')::uuid IS DISTINCT FROM c.account_id),
       settled AS (
         UPDATE match_review r SET status = 'OBSOLETE', decided_at = now()
          WHERE r.status = 'OPEN' AND r.kind = 'STAKEHOLDER' AND (r.record_id IN (SELECT id FROM moved) OR r.candidate_record_id IN (SELECT id FROM moved))
         RETURNING r.id, r.record_id),
       stopped AS (
         UPDATE source_contact_record s SET link_status = 'AUTO', linked_at = now()
          WHERE s.id IN (SELECT record_id FROM settled) AND s.link_status = 'REVIEW'
            AND NOT EXISTS (SELECT 1 FROM match_review o WHERE o.kind = 'STAKEHOLDER' AND o.record_id = s.id AND o.status = 'OPEN' AND o.id NOT IN (SELECT id FROM settled))
         RETURNING s.id)
       SELECT id FROM settled`,
      [recordIds],
    );
    return rows.map((r) => r.id);
  },

  /**
   * Drops the reviews of people a merge opened (`ids`, kept with it) that no
   * person decided, when the split undoing it puts the two sides apart again:
   * they asked only because the merge brought the people together. Decided
   * ones stay (a SAME put the two people together: they stay so).
   */
  async dropOpened(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`DELETE FROM match_review WHERE id = ANY($1::uuid[]) AND kind = 'STAKEHOLDER' AND status IN ('OPEN', 'OBSOLETE')`, [ids]);
  },

  /**
   * Opens again the reviews a merge settled (`ids`, kept with it) whose two
   * sides the split undoing it has put apart again, and their records wait
   * for a person again (REVIEW): the question was never answered, only made
   * moot by the merge. Reviews a person decided stay decided.
   */
  async reopenSettled(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `WITH reopened AS (
         UPDATE match_review r SET status = 'OPEN', decided_at = NULL
           FROM source_account_record a, source_account_record b
          WHERE r.id = ANY($1::uuid[]) AND r.status = 'OBSOLETE' AND r.kind = 'ACCOUNT'
            AND a.id = r.record_id AND b.id = r.candidate_record_id AND a.account_id IS DISTINCT FROM b.account_id
         RETURNING r.record_id)
       UPDATE source_account_record s SET link_status = 'REVIEW', linked_at = now() WHERE s.id IN (SELECT record_id FROM reopened)`,
      [ids],
    );
  },
};
