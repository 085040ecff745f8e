import { EntityManager } from 'typeorm';
import { Decision } from './clustering';

/**
 * What account linking and contact linking share: the people's rejections
 * they must respect, the value counts they score with, and how decisions are
 * written (the link on the source record, the reviews for the grey band).
 */
export type MatchKind = 'ACCOUNT' | 'STAKEHOLDER';

const LINKED = {
  ACCOUNT: { table: 'source_account_record', cluster: 'account_id' },
  STAKEHOLDER: { table: 'source_contact_record', cluster: 'stakeholder_id' },
} as const;

/** Pairs a person called DIFFERENT that involve these records, as "a|b" in both orders. */
export async function rejectedPairs(tx: EntityManager, kind: MatchKind, ids: string[]): Promise<Set<string>> {
  const rows: { a: string; b: string }[] = await tx.query(
    `SELECT record_id AS a, candidate_record_id AS b FROM match_review
      WHERE kind = $1 AND status = 'DIFFERENT' AND (record_id = ANY($2::uuid[]) OR candidate_record_id = ANY($2::uuid[]))`,
    [kind, ids],
  );
  return new Set(rows.flatMap(({ a, b }) => [`${a}|${b}`, `${b}|${a}`]));
}

/** Candidates grouped by the record they were found for. */
export function byRecord<C extends { recordId: string }>(ids: string[], candidates: C[]): Map<string, C[]> {
  const grouped = new Map<string, C[]>(ids.map((id) => [id, []]));
  for (const c of candidates) grouped.get(c.recordId)!.push(c);
  return grouped;
}

/**
 * Counts, per value, the distinct clusters among a record's candidates that
 * hold it (a candidate not linked yet counts as a cluster of its own). Only
 * the record's rivals make a value common.
 */
export function holders<C>(candidates: C[], clusterOf: (c: C) => string): (pick: (c: C) => readonly string[]) => (value: string) => number {
  return (pick) => {
    const by = new Map<string, Set<string>>();
    for (const c of candidates) for (const v of pick(c)) (by.get(v) ?? by.set(v, new Set()).get(v)!).add(clusterOf(c));
    return (value) => by.get(value)?.size ?? 0;
  };
}

/** Writes each decision on its source record (cluster, status, score, evidence, rules version) and opens its reviews. */
export async function writeLinks(tx: EntityManager, kind: MatchKind, decisions: Decision[], version: string): Promise<void> {
  const { table, cluster } = LINKED[kind];
  await tx.query(
    `UPDATE ${table} s SET ${cluster} = x.cluster_id, link_status = x.status, link_score = x.score,
        link_evidence = x.evidence, link_rule_version = $2, linked_at = now()
       FROM json_to_recordset($1::json) AS x(id uuid, cluster_id uuid, status text, score real, evidence jsonb)
      WHERE s.id = x.id`,
    [JSON.stringify(decisions.map((d) => ({ id: d.recordId, cluster_id: d.clusterId, status: d.status, score: d.best?.score.score ?? null, evidence: d.best?.score ?? null }))), version],
  );
  const reviews = decisions.flatMap((d) => d.reviews.map((r) => ({ record_id: d.recordId, candidate_record_id: r.candidateId, score: r.score.score, evidence: r.score })));
  if (reviews.length === 0) return;
  await tx.query(
    `INSERT INTO match_review (kind, record_id, candidate_record_id, score, evidence, rule_version)
     SELECT $3, record_id, candidate_record_id, score, evidence, $2
       FROM json_to_recordset($1::json) AS x(record_id uuid, candidate_record_id uuid, score real, evidence jsonb)
     ON CONFLICT (kind, record_id, candidate_record_id) DO NOTHING`,
    [JSON.stringify(reviews), version, kind],
  );
}
