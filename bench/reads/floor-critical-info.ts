/**
 * The critical-info panel's floor: the answer of the web's
 * `AccountCriticalInfo` (the account's `criticalInfo` and `questionsToAsk`)
 * from one hand-written statement — the live fields of the catalogue and the
 * account's assertions up to "now", newest first, each with its division,
 * colleague, source touchpoint (content withheld when confidential to
 * another division) and, for a person, the survivor's name — and then, in
 * TypeScript as the hub does, each field's status, sides, completeness and
 * questions.
 *
 * The clock is the hub's: one "now" per request (the floor's own wall clock
 * when the request starts, as the hub's Clock), assertions after it left out,
 * a value stale once older than the field's window, a conflict when the
 * newest values of two divisions since the last resolution differ within it.
 * The wording (values in plain words, questions) and value equality are the
 * hub's own functions.
 */
import { questionText } from '../../server/src/critical-info/questions';
import { CriticalInfoType, CriticalValue, sameValue, valueText } from '../../server/src/critical-info/value';
import type { Queryable } from './floor';

export interface CriticalInfoParams {
  accountId: string;
  /** The caller's division: the content of other divisions' confidential source touchpoints is withheld. */
  viewerDivisionId: string;
  /** The caller (a rep): whether they deal with the account says whether they may assert, and resolve conflicts. */
  viewerEmail: string;
}

const DAY_MS = 86_400_000;

/** $1 account, $2 now, $3 the viewer's division, $4 their email. Times as epoch milliseconds (formatted once in JavaScript). */
const CRITICAL_INFO_SQL = `
WITH acc AS (SELECT a.id, a.lifecycle_stage FROM account a WHERE a.id = $1 AND a.merged_into_id IS NULL),
field AS MATERIALIZED (SELECT * FROM critical_info_field f WHERE f.retired_at IS NULL)
SELECT acc.id AS "accountId", acc.lifecycle_stage AS stage,
       (EXISTS (SELECT 1 FROM source_account_record r WHERE r.account_id = acc.id AND r.division_id = $3::uuid)
        OR EXISTS (SELECT 1 FROM engagement_colleague_month c WHERE c.account_id = acc.id AND c.email = lower($4) AND c.touch_count > 0)
        OR EXISTS (SELECT 1 FROM touchpoint_outbox o WHERE o.account_id = acc.id AND o.colleague_emails @> ARRAY[lower($4)])) AS "dealsWith",
       (SELECT json_agg(json_build_object(
                 'id', f.id, 'key', f.key, 'label', f.label, 'whyCritical', f.why_critical, 'howItHelps', f.how_it_helps, 'type', f.type,
                 'options', f.options, 'requiredInStages', f.required_stages, 'stalenessDays', f.staleness_days, 'position', f.position,
                 'retiredAt', f.retired_at,
                 'reliedOnBy', (SELECT coalesce(json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY k.n), '[]')
                                  FROM unnest(f.division_ids) WITH ORDINALITY AS k(id, n) JOIN division d ON d.id = k.id))
               ORDER BY f.position, f.key)
          FROM field f) AS fields,
       (SELECT coalesce(json_agg(json_build_object(
                 'id', a.id, 'fieldId', a.field_id, 'divisionId', a.division_id, 'value', a.value, 'note', a.note, 'resolvesConflict', a.resolves_conflict,
                 'at', extract(epoch FROM a.asserted_at) * 1000, 'sourceSystem', a.source_system, 'assertedByEmail', a.asserted_by_email,
                 'division', json_build_object('id', d.id, 'name', d.name),
                 'colleague', CASE WHEN c.id IS NOT NULL THEN json_build_object('id', c.id, 'name', c.name) END,
                 'touchpoint', CASE WHEN t.id IS NOT NULL THEN json_build_object(
                   'id', t.id, 'type', t.type, 'at', extract(epoch FROM t.occurred_at) * 1000,
                   'subject', CASE WHEN t.confidential AND t.division_id <> $3::uuid THEN NULL ELSE t.subject END,
                   'contentHidden', t.confidential AND t.division_id <> $3::uuid) END,
                 'person', CASE WHEN f.type = 'STAKEHOLDER_REF' THEN
                   (SELECT s.name FROM stakeholder k JOIN stakeholder s ON s.id = coalesce(k.merged_into_id, k.id) WHERE k.id = (a.value #>> '{}')::uuid) END)
               ORDER BY a.field_id, a.asserted_at DESC, a.recorded_at DESC, a.id DESC), '[]')
          FROM critical_info_assertion a
          JOIN field f ON f.id = a.field_id
          JOIN division d ON d.id = a.division_id
          LEFT JOIN colleague c ON c.id = a.colleague_id
          LEFT JOIN touchpoint te ON a.source_touchpoint_id IS NULL AND a.source_touchpoint_external_id IS NOT NULL
           AND te.account_id = a.account_id AND te.division_id = a.division_id AND te.source_system = a.source_system AND te.external_id = a.source_touchpoint_external_id
          LEFT JOIN touchpoint t ON t.account_id = a.account_id AND t.id = coalesce(a.source_touchpoint_id, te.id)
         WHERE a.account_id = acc.id AND a.asserted_at <= $2::timestamptz) AS assertions
  FROM acc`;

interface FieldRow {
  id: string;
  type: CriticalInfoType;
  label: string;
  whyCritical: string;
  requiredInStages: string[];
  stalenessDays: number;
  retiredAt: string | null;
  reliedOnBy: unknown[];
  [column: string]: unknown;
}

interface AssertionRow {
  id: string;
  fieldId: string;
  divisionId: string;
  value: CriticalValue;
  note: string | null;
  resolvesConflict: boolean;
  at: number;
  sourceSystem: string | null;
  assertedByEmail: string | null;
  division: { id: string; name: string };
  colleague: { id: string; name: string } | null;
  touchpoint: { id: string; type: string; at: number; subject: string | null; contentHidden: boolean } | null;
  person: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function criticalInfoFloor(db: Queryable, p: CriticalInfoParams): Promise<unknown> {
  const now = Date.now();
  const { rows } = await db.query(CRITICAL_INFO_SQL, [p.accountId, new Date(now), p.viewerDivisionId, p.viewerEmail]);
  if (!rows.length) return { account: null };
  const accountId = rows[0].accountId as string;
  const stage = rows[0].stage as string;
  // The viewer is a rep: they may assert where they deal with the account, and resolve a conflict their division is party to there.
  const dealsWith = rows[0].dealsWith as boolean;
  const fields = (rows[0].fields ?? []) as FieldRow[];
  const assertions = rows[0].assertions as AssertionRow[];
  // The assertions come grouped by field, newest first within each.
  const byField = new Map<string, AssertionRow[]>();
  for (const a of assertions) (byField.get(a.fieldId) ?? byField.set(a.fieldId, []).get(a.fieldId)!).push(a);

  let required = 0, complete = 0, missing = 0, stale = 0, conflicts = 0;
  const open: { status: string; entry: Record<string, unknown>; field: FieldRow; current: AssertionRow | null; sides: AssertionRow[] }[] = [];
  const entries = fields.map((f) => {
    const history = byField.get(f.id) ?? [];
    const type = f.type;
    const isRequired = f.retiredAt === null && f.requiredInStages.includes(stage);
    const current = history[0] ?? null;
    // Each division's newest since the newest resolution (that one included).
    const sides: AssertionRow[] = [];
    const seen = new Set<string>();
    for (const a of history) {
      if (!seen.has(a.divisionId)) {
        seen.add(a.divisionId);
        sides.push(a);
      }
      if (a.resolvesConflict) break;
    }
    let status: string;
    let staleAt: number | null = null;
    if (!current) status = isRequired ? 'MISSING' : 'EMPTY';
    else {
      staleAt = current.at + f.stalenessDays * DAY_MS;
      const from = now - f.stalenessDays * DAY_MS;
      const fresh = sides.filter((a) => a.at >= from);
      const conflict = fresh.some((a) => fresh.some((b) => b.divisionId !== a.divisionId && !sameValue(type, a.value, b.value)));
      status = conflict ? 'CONFLICT' : staleAt < now ? 'STALE' : 'OK';
    }
    if (isRequired) required++;
    if (isRequired && status === 'OK') complete++;
    if (status === 'MISSING') missing++;
    else if (status === 'STALE') stale++;
    else if (status === 'CONFLICT') conflicts++;
    const shown = (a: AssertionRow) => ({
      id: a.id, value: a.value, text: valueText(type, a.value, a.person), note: a.note, resolvesConflict: a.resolvesConflict, assertedAt: iso(a.at),
      sourceSystem: a.sourceSystem, assertedByEmail: a.assertedByEmail, division: a.division, colleague: a.colleague,
      sourceTouchpoint: a.touchpoint && { id: a.touchpoint.id, type: a.touchpoint.type, occurredAt: iso(a.touchpoint.at), subject: a.touchpoint.subject, contentHidden: a.touchpoint.contentHidden },
    });
    const { retiredAt, type: _type, ...rest } = f;
    const entry = {
      id: `${accountId}:${f.id}`, status, required: isRequired, staleAt: staleAt === null ? null : iso(staleAt),
      viewerMayResolve: status === 'CONFLICT' && dealsWith && sides.some((a) => a.divisionId === p.viewerDivisionId),
      field: { ...rest, type, retired: retiredAt !== null, retiredAt: retiredAt === null ? null : iso(Date.parse(retiredAt)) },
      current: current && shown(current), divisionValues: sides.map(shown), history: history.map(shown),
    };
    if (status === 'CONFLICT' || status === 'MISSING' || status === 'STALE') open.push({ status, entry, field: f, current, sides });
    return entry;
  });
  const said = (f: FieldRow, a: AssertionRow) => ({ division: a.division.name, text: valueText(f.type, a.value, a.person), assertedAt: new Date(a.at) });
  const questionsToAsk = ['CONFLICT', 'MISSING', 'STALE'].flatMap((status) => open.filter((o) => o.status === status)).map((o) => ({
    id: o.entry.id, reason: o.status, field: { id: o.field.id },
    question: questionText({
      label: o.field.label, whyCritical: o.field.whyCritical, stalenessDays: o.field.stalenessDays, status: o.status as Parameters<typeof questionText>[0]['status'],
      current: o.current && said(o.field, o.current), divisionValues: o.sides.map((a) => said(o.field, a)),
    }),
  }));
  return {
    account: {
      id: accountId,
      criticalInfo: {
        id: accountId, stage, completeness: required === 0 ? 100 : Math.floor((100 * complete) / required), requiredCount: required, completeCount: complete,
        missingCount: missing, staleCount: stale, conflictCount: conflicts, entries, viewerMayAssert: dealsWith,
      },
      questionsToAsk,
    },
  };
}
