import { MigrationInterface, QueryRunner } from 'typeorm';
import { stageStatus } from '../../opportunities/stage';

/**
 * An opportunity's status (OPEN, WON, LOST, or CLOSED without saying which), from its stage as `is_open` is, and both
 * recomputed for the stored rows: the closing words grew (found by exploratory testing: "Abgeschlossen", "Chiuso
 * vinto", "Fechado perdido", "受注" and more counted as open pipeline), and `is_open` was computed when a row was
 * written. Recomputed once per distinct stage, with the rule ingest applies (opportunities/stage.ts); the next change
 * of that rule needs a migration like this one. updated_at stays: no new version of the record arrived.
 *
 * The index serves Account.opportunities: open ones first by close date, then closed ones latest close first (the
 * listing's key, opportunities.repository.ts, spelled the same there).
 */
export class OpportunityStatus1763904200000 implements MigrationInterface {
  name = 'OpportunityStatus1763904200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunity ADD COLUMN status text NOT NULL DEFAULT 'OPEN'`);
    await recompute(q, stageStatus);
    // Not also `(status = 'OPEN') = is_open`: during a rolling upgrade, instances of the version before write closed
    // opportunities with is_open false and no status (the default), and every such batch would fail (found in review).
    // Such a row reads OPEN until it is sent again; ingest writes both from one rule (opportunities/stage.ts).
    await q.query(`ALTER TABLE opportunity ADD CONSTRAINT opportunity_status_check CHECK (status IN ('OPEN', 'WON', 'LOST', 'CLOSED'))`);
    await q.query(`CREATE INDEX opportunity_listing_idx ON opportunity (account_id,
      (CASE WHEN is_open THEN 0 ELSE 1 END),
      (CASE WHEN close_date IS NULL THEN 2147483647 WHEN is_open THEN close_date - DATE '2000-01-01' ELSE DATE '2000-01-01' - close_date END),
      id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX opportunity_listing_idx`);
    await q.query(`ALTER TABLE opportunity DROP COLUMN status`);
  }
}

/** Sets is_open and status of the stored opportunities from their stage, a few thousand stages a statement. */
export async function recompute(q: Pick<QueryRunner, 'query'>, status: (stage: string) => string): Promise<void> {
  const stages: { stage: string }[] = await q.query(`SELECT DISTINCT stage FROM opportunity`);
  for (let i = 0; i < stages.length; i += 5000) {
    const slice = stages.slice(i, i + 5000).map((r) => r.stage);
    await q.query(
      `UPDATE opportunity o SET status = x.status, is_open = x.status = 'OPEN' FROM unnest($1::text[], $2::text[]) AS x(stage, status)
        WHERE o.stage = x.stage AND (o.status IS DISTINCT FROM x.status OR o.is_open IS DISTINCT FROM (x.status = 'OPEN'))`,
      [slice, slice.map(status)],
    );
  }
}
