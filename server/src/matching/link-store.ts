import { EntityManager } from 'typeorm';
import { Decision } from './clustering';
import { samePhoneNumber } from './features';

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
  if (ids.length === 0) return new Set();
  const rows: { a: string; b: string }[] = await tx.query(
    `SELECT record_id AS a, candidate_record_id AS b FROM match_review
      WHERE kind = $1 AND status = 'DIFFERENT' AND (record_id = ANY($2::uuid[]) OR candidate_record_id = ANY($2::uuid[]))`,
    [kind, ids],
  );
  return new Set(rows.flatMap(({ a, b }) => [`${a}|${b}`, `${b}|${a}`]));
}

/** A person's word that records of two accounts are different customers. */
export interface KeptApart {
  kind: 'DIFFERENT' | 'SPLIT';
  /** Who: the colleague's name, "the admin token", or the label a split was recorded with when no colleague has it. */
  by: string;
  at: Date;
  reason: string | null;
}

/**
 * The decisions that keep two of these accounts apart, oldest first, each
 * with the two accounts it stands between now: a DIFFERENT decision on two
 * records, or a split that took records of one from records of the other
 * (account_split), that sit in the two accounts now. Asked only for the
 * accounts a batch would merge or a changed record would leave its account
 * for, and for a person about to merge two: few calls.
 */
async function keptApartAmong(tx: EntityManager, accountIds: readonly string[]): Promise<(KeptApart & { id: string; a: string; b: string })[]> {
  const ids = [...new Set(accountIds)];
  if (ids.length < 2) return [];
  return tx.query(
    `WITH held AS MATERIALIZED (SELECT id, account_id FROM source_account_record WHERE account_id = ANY($1::uuid[])),
          every AS (SELECT array_agg(id) AS ids FROM held)
     SELECT r.id::text AS id, ra.account_id AS a, rb.account_id AS b, 'DIFFERENT' AS kind,
            coalesce(c.name, 'the admin token') AS by, r.decided_at AS at, r.decision_reason AS reason
       FROM held ra JOIN match_review r ON r.kind = 'ACCOUNT' AND r.record_id = ra.id AND r.status = 'DIFFERENT'
       JOIN held rb ON rb.id = r.candidate_record_id AND rb.account_id <> ra.account_id
       LEFT JOIN colleague c ON c.id = r.decided_by
     UNION ALL
     SELECT p.id::text, stayed.account_id, went.account_id, 'SPLIT',
            coalesce(c.name, CASE p.split_by WHEN 'OURCUSTOMER_ADMIN_TOKEN' THEN 'the admin token' ELSE p.split_by END), p.created_at, p.reason
       FROM account_split p CROSS JOIN every
       CROSS JOIN LATERAL (SELECT DISTINCT h.account_id FROM held h WHERE h.id = ANY(p.stayed_record_ids)) stayed
       CROSS JOIN LATERAL (SELECT DISTINCT h.account_id FROM held h WHERE h.id = ANY(p.split_record_ids)) went
       LEFT JOIN colleague c ON lower(c.email) = lower(p.split_by)
      WHERE p.stayed_record_ids && every.ids AND p.split_record_ids && every.ids AND stayed.account_id <> went.account_id
     ORDER BY at`,
    [ids],
  );
}

/** Of these accounts, the pairs a person kept apart, as "a|b" in both orders (keptApartAmong). */
export async function accountsKeptApart(tx: EntityManager, accountIds: readonly string[]): Promise<Set<string>> {
  const rows = await keptApartAmong(tx, accountIds);
  return new Set(rows.flatMap(({ a, b }) => [`${a}|${b}`, `${b}|${a}`]));
}

/** What keeps two accounts apart (keptApartAmong), each decision once, told in full for a person about to merge them. */
export async function keptApartDecisions(tx: EntityManager, a: string, b: string): Promise<KeptApart[]> {
  const seen = new Set<string>();
  return (await keptApartAmong(tx, [a, b])).filter((d) => !seen.has(d.id) && !!seen.add(d.id)).map(({ kind, by, at, reason }) => ({ kind, by, at, reason }));
}

/**
 * The DIFFERENT decisions between a record of one of these people and a
 * record of another person, oldest first, each with the two people it stands
 * between now (`a` one of these): what keeps two people apart. Matching never
 * asks about them again, and a person's SAME on another pair of their records
 * merges them only when told to, as for accounts.
 */
export async function peopleKeptApart(tx: EntityManager, people: readonly string[]): Promise<(KeptApart & { a: string; b: string })[]> {
  if (people.length === 0) return [];
  return tx.query(
    `SELECT mine.stakeholder_id AS a, theirs.stakeholder_id AS b, 'DIFFERENT' AS kind, coalesce(c.name, 'the admin token') AS by,
            r.decided_at AS at, r.decision_reason AS reason
       FROM source_contact_record mine
       JOIN match_review r ON r.kind = 'STAKEHOLDER' AND r.status = 'DIFFERENT' AND (r.record_id = mine.id OR r.candidate_record_id = mine.id)
       JOIN source_contact_record theirs ON theirs.id = CASE WHEN r.record_id = mine.id THEN r.candidate_record_id ELSE r.record_id END
       LEFT JOIN colleague c ON c.id = r.decided_by
      WHERE mine.stakeholder_id = ANY($1::uuid[]) AND theirs.stakeholder_id IS NOT NULL
      ORDER BY r.decided_at`,
    [people],
  );
}

/** The DIFFERENT decisions between two people (peopleKeptApart), told in full for a person about to make them one. */
export async function peopleKeptApartDecisions(tx: EntityManager, a: string, b: string): Promise<KeptApart[]> {
  return (await peopleKeptApart(tx, [a])).filter((d) => d.b === b).map(({ kind, by, at, reason }) => ({ kind, by, at, reason }));
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

/**
 * How many clusters (people) hold a phone as comparison reads it (samePhoneNumber): the same whole number, or a national
 * writing of it. By the last nine digits alone, "+1 212 555 0100" counted the holders of "+1 312 555 0100" too and
 * weighed less than it should (issue 4). Numbers that are one share at least their last six digits: only those are
 * compared.
 */
export function phoneHolders<C>(candidates: C[], clusterOf: (c: C) => string, phonesOf: (c: C) => readonly string[]): (phone: string) => number {
  const byEnd = new Map<string, { phone: string; cluster: string }[]>();
  for (const c of candidates) {
    for (const phone of phonesOf(c)) {
      const end = phone.replace(/\D/g, '').slice(-6);
      (byEnd.get(end) ?? byEnd.set(end, []).get(end)!).push({ phone, cluster: clusterOf(c) });
    }
  }
  return (phone) => {
    const same = (byEnd.get(phone.replace(/\D/g, '').slice(-6)) ?? []).filter((h) => samePhoneNumber(phone, h.phone));
    return new Set(same.map((h) => h.cluster)).size;
  };
}

/**
 * Writes each decision on its source record (cluster, status, score, evidence, rules version) and opens its reviews.
 * A record matched again and left where it was keeps the link that put it there (a person's REJECTED or
 * CONFIRMED, matching's first evidence): only a move, a new cluster or a new review is news to write.
 */
export async function writeLinks(tx: EntityManager, kind: MatchKind, all: Decision[], version: string): Promise<void> {
  const { table, cluster } = LINKED[kind];
  const decisions = all.filter((d) => !d.stayed || d.reviews.length > 0);
  if (decisions.length === 0) return;
  // One array per column, evidence as JSON text per element: one JSON document per pair, not one for the batch.
  await tx.query(
    `UPDATE ${table} s SET ${cluster} = x.cluster_id, link_status = x.status, link_score = x.score,
        link_evidence = x.evidence::jsonb, link_rule_version = $6, linked_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::real[], $5::text[]) AS x(id, cluster_id, status, score, evidence)
      WHERE s.id = x.id`,
    [
      decisions.map((d) => d.recordId), decisions.map((d) => d.clusterId), decisions.map((d) => d.status),
      decisions.map((d) => d.best?.score.score ?? null), decisions.map((d) => (d.best ? JSON.stringify(d.best.score) : null)), version,
    ],
  );
  await openReviews(tx, kind, decisions, version);
}

/** Opens the match reviews of these decisions (the grey band), once per pair. */
export async function openReviews(tx: EntityManager, kind: MatchKind, decisions: Decision[], version: string): Promise<void> {
  const reviews = decisions.flatMap((d) => d.reviews.map((r) => ({ recordId: d.recordId, ...r })));
  if (reviews.length === 0) return;
  await tx.query(
    `INSERT INTO match_review (kind, record_id, candidate_record_id, score, evidence, rule_version)
     SELECT $5, record_id, candidate_record_id, score, evidence::jsonb, $6
       FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::text[]) AS x(record_id, candidate_record_id, score, evidence)
     ON CONFLICT (kind, record_id, candidate_record_id) DO NOTHING`,
    [reviews.map((r) => r.recordId), reviews.map((r) => r.candidateId), reviews.map((r) => r.score.score), reviews.map((r) => JSON.stringify(r.score)), kind, version],
  );
}
