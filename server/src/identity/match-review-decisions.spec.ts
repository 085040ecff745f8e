import { COPY_REASONS_FROM_AUDIT } from '../database/migrations/1763901900000-MatchReviewDecisions';
import { useTestDatabase } from '../testing/database';

/**
 * Reviews decided before reasons were kept with them: the migration copies
 * each one's reason from the audit entry of its decision, and nothing else.
 */
describe('copying decision reasons from the audit trail (real PostgreSQL)', () => {
  const db = useTestDatabase();


  it('gives each decided review the reason of its own successful decision', async () => {
    const reviews: { id: string }[] = await db.query(
      `INSERT INTO match_review (kind, record_id, candidate_record_id, score, evidence, rule_version, status, decided_at)
       SELECT 'ACCOUNT', gen_random_uuid(), gen_random_uuid(), 5, '{}', 'fs-9', s, now() FROM unnest(ARRAY['SAME', 'DIFFERENT', 'DIFFERENT']) s RETURNING id`,
    );
    const [withReason, withoutReason, refusedOnly] = reviews.map((r) => r.id);
    const audit = (id: string, outcome: string, reason: string | null) => db.query(
      `INSERT INTO audit_event (actor_kind, actor_label, action, outcome, target_type, target_id, after)
       VALUES ('colleague', 'mia@ourcompany.example', 'RESOLVE_MATCH_REVIEW', $2, 'MATCH_REVIEW', $1, jsonb_build_object('decision', 'SAME', 'reason', $3::text))`,
      [id, outcome, reason]);
    await audit(withReason, 'SUCCESS', 'same VAT number');
    await audit(withoutReason, 'SUCCESS', null);
    await audit(refusedOnly, 'FAILURE', 'a reason of a refused attempt');
    await db.query(COPY_REASONS_FROM_AUDIT);
    const rows: { id: string; reason: string | null }[] = await db.query(`SELECT id, decision_reason AS reason FROM match_review`);
    expect(new Map(rows.map((r) => [r.id, r.reason]))).toEqual(new Map([[withReason, 'same VAT number'], [withoutReason, null], [refusedOnly, null]]));
  });
});
