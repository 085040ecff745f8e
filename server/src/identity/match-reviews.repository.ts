import { DataSource, EntityManager } from 'typeorm';
import { PairScore } from '../matching/rules';
import { MatchKind, MatchReview, MatchSide } from './identity.types';

type Db = DataSource | EntityManager;

interface ReviewRow {
  id: string;
  kind: MatchKind;
  score: number;
  ruleVersion: string;
  evidence: PairScore;
  status: string;
  createdAt: Date;
  recordId: string;
  candidateRecordId: string;
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
        record: found.get(r.recordId)!, candidate: found.get(r.candidateRecordId)!,
      });
    }
  }
  return rows.map((r) => out.find((o) => o.id === r.id)!);
}

const COLUMNS = `id, kind, score, rule_version AS "ruleVersion", evidence, status, created_at AS "createdAt",
  record_id AS "recordId", candidate_record_id AS "candidateRecordId"`;

/** The SQL of match reviews. */
export const matchReviews = {
  /** Open reviews, oldest first (keyset on created_at, id). */
  async listOpen(db: Db, limit: number, after?: [string, string]): Promise<MatchReview[]> {
    const rows: ReviewRow[] = await db.query(
      `SELECT ${COLUMNS} FROM match_review
        WHERE status = 'OPEN' AND ($1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY created_at, id LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return withSides(db, rows);
  },

  async countOpen(db: Db): Promise<number> {
    return Number((await db.query(`SELECT count(*) AS n FROM match_review WHERE status = 'OPEN'`))[0].n);
  },

  async lock(tx: EntityManager, id: string): Promise<MatchReview | null> {
    const rows: ReviewRow[] = await tx.query(`SELECT ${COLUMNS} FROM match_review WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length ? (await withSides(tx, rows))[0] : null;
  },

  async get(db: Db, id: string): Promise<MatchReview> {
    const rows: ReviewRow[] = await db.query(`SELECT ${COLUMNS} FROM match_review WHERE id = $1`, [id]);
    return (await withSides(db, rows))[0];
  },

  async decide(tx: EntityManager, id: string, status: 'SAME' | 'DIFFERENT', colleagueId: string | null): Promise<void> {
    await tx.query(`UPDATE match_review SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [id, status, colleagueId]);
  },

  /** Open account reviews whose two sides now sit in one account: nothing left to decide. */
  async closeSettled(tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE match_review r SET status = 'OBSOLETE', decided_at = now()
         FROM source_account_record a, source_account_record b
        WHERE r.status = 'OPEN' AND r.kind = 'ACCOUNT' AND a.id = r.record_id AND b.id = r.candidate_record_id AND a.account_id = b.account_id`,
    );
    await tx.query(
      `UPDATE match_review r SET status = 'OBSOLETE', decided_at = now()
         FROM source_contact_record a, source_contact_record b
        WHERE r.status = 'OPEN' AND r.kind = 'STAKEHOLDER' AND a.id = r.record_id AND b.id = r.candidate_record_id AND a.stakeholder_id = b.stakeholder_id`,
    );
  },
};
