import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decided match reviews are listed too (who decided, when, why), newest
 * decision first: the reason is kept with the review (it was in the audit
 * trail only, where reviews written before this migration keep it and from
 * where it is copied), and the decided ones get an index in that order.
 */
/** The reasons of reviews decided before, from the audit trail (the decision's own entry). */
export const COPY_REASONS_FROM_AUDIT = `UPDATE match_review r SET decision_reason = a.after->>'reason'
   FROM audit_event a
  WHERE a.action = 'RESOLVE_MATCH_REVIEW' AND a.outcome = 'SUCCESS' AND a.target_id = r.id::text AND a.after->>'reason' IS NOT NULL`;

export class MatchReviewDecisions1763901900000 implements MigrationInterface {
  name = 'MatchReviewDecisions1763901900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE match_review ADD COLUMN decision_reason text`);
    await q.query(COPY_REASONS_FROM_AUDIT);
    await q.query(`CREATE INDEX match_review_decided_idx ON match_review (decided_at DESC, id DESC) WHERE status <> 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX match_review_decided_idx`);
    await q.query(`ALTER TABLE match_review DROP COLUMN decision_reason`);
  }
}
