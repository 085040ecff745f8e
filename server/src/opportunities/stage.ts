/**
 * What an opportunity's stage, as its division's system names it, says of
 * it: open, won, lost, or closed without saying which. Read as words, not as
 * text containing a word: "Qualification (not lost yet)" and "Won't know until
 * Q3" are open (a test for the words anywhere closed both). Closed: a stage
 * that starts with a closing word, after a stage number ("6 - Closed Won",
 * "07. Lost"), or ends with one ("Deal lost"), in English and the CRMs' usual
 * German, French, Spanish, Italian, Portuguese, Polish and Japanese
 * ("Verloren", "Gagné", "Chiuso vinto", "Fechado perdido", "Zamknięta
 * wygrana", "受注"). Won or lost: the first of the closing words that says
 * which ("Closed Lost to competitor" is lost); "Closed" or "Abgeschlossen"
 * alone is CLOSED.
 *
 * Stored with each opportunity when it is written (is_open, status): a change
 * of these lists needs a migration that recomputes the stored rows
 * (1763904200000-OpportunityStatus does it for every stage it finds).
 */
export type StageStatus = 'OPEN' | 'WON' | 'LOST' | 'CLOSED';

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

export function stageStatus(stage: string): StageStatus {
  const w = words(stage);
  if (w.length === 0) return 'OPEN';
  const first = OUTCOME.get(w[0]);
  const last = w.length > 1 && !NOT_LAST.has(w[w.length - 1]) ? OUTCOME.get(w[w.length - 1]) : undefined;
  if (!first && !last) return 'OPEN';
  // Won or lost: said by the first word, else the second ("Closed Lost to competitor"), else the last ("Chiuso vinto").
  for (const said of [first, first ? OUTCOME.get(w[1] ?? '') : undefined, last]) if (said === 'WON' || said === 'LOST') return said;
  return 'CLOSED';
}

/** Whether a stage is a closing one (won, lost or closed). */
export function isClosedStage(stage: string): boolean {
  return stageStatus(stage) !== 'OPEN';
}
