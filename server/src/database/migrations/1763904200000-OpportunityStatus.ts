import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The status a stage says, as this migration computes it: a frozen copy of opportunities/stage.ts's stageStatus, so
 * that later edits of the rule do not change what this migration writes on a fresh install.
 */
type StageStatus = 'OPEN' | 'WON' | 'LOST' | 'CLOSED';

// Accents are removed before the words are looked up ("Gagnée" → "gagnee", "Zamknięta" → "zamknieta").
const WON = ['won', 'closedwon', 'gewonnen', 'gagne', 'gagnee', 'ganado', 'ganada', 'vinto', 'vinta', 'ganho', 'ganha',
  'wygrana', 'wygrany', '受注'];
// Cancelled, rejected, disqualified: not won, so lost (a CRM's "Closed Lost" is where they go).
const LOST = ['lost', 'closedlost', 'cancelled', 'canceled', 'dead', 'abandoned', 'disqualified', 'outsold', 'rejected', 'omitted',
  'verloren', 'abgesagt', 'storniert', 'abgelehnt', 'perdu', 'perdue', 'annule', 'annulee', 'perdido', 'perdida', 'cancelado', 'cancelada',
  'perso', 'persa', 'annullato', 'annullata', 'stracona', 'stracony', 'przegrana', 'przegrany', '失注'];
// Closed without saying how.
const CLOSED = ['closed', 'geschlossen', 'abgeschlossen', 'ferme', 'fermee', 'cerrado', 'cerrada', 'chiuso', 'chiusa', 'fechado', 'fechada',
  'zamknieta', 'zamkniety'];

const OUTCOME = new Map<string, StageStatus>([...WON.map((w) => [w, 'WON'] as const), ...LOST.map((w) => [w, 'LOST'] as const), ...CLOSED.map((w) => [w, 'CLOSED'] as const)]);
// Words that close a stage at its end as well as at its start ("Deal lost", "Opportunity cancelled"). Not "dead",
// "omitted" nor "abandoned" at the end: "Not dead yet" ends otherwise, but "Nothing omitted" would not.
const NOT_LAST = new Set(['dead', 'omitted', 'abandoned', 'abgesagt']);

function words(stage: string): string[] {
  const out = stage.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    // "won't": one word, not "won".
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  // A stage number first ("6 - Closed Won", "Stage 5: Lost") is not the stage's name.
  while (out.length > 1 && (/^\d+$/.test(out[0]) || out[0] === 'stage')) out.shift();
  // "Out-sold": one word, as "Outsold".
  if (out[0] === 'out' && out[1] === 'sold') out.splice(0, 2, 'outsold');
  return out;
}

function stageStatus(stage: string): StageStatus {
  const w = words(stage);
  if (w.length === 0) return 'OPEN';
  const first = OUTCOME.get(w[0]);
  const last = w.length > 1 && !NOT_LAST.has(w[w.length - 1]) ? OUTCOME.get(w[w.length - 1]) : undefined;
  if (!first && !last) return 'OPEN';
  // Won or lost: said by the first word, else the second ("Closed Lost to competitor"), else the last ("Chiuso vinto").
  for (const said of [first, first ? OUTCOME.get(w[1] ?? '') : undefined, last]) if (said === 'WON' || said === 'LOST') return said;
  return 'CLOSED';
}

/**
 * An opportunity's status (OPEN, WON, LOST, or CLOSED without saying which), from its stage as `is_open` is, and both
 * recomputed for the stored rows: the closing words grew (found by exploratory testing: "Abgeschlossen", "Chiuso
 * vinto", "Fechado perdido", "受注" and more counted as open pipeline), and `is_open` was computed when a row was
 * written. Recomputed once per distinct stage, with the rule ingest applied when this was written (the copy above of
 * opportunities/stage.ts); the next change of that rule needs a migration like this one. updated_at stays: no new version of the record arrived.
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
