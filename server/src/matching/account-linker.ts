import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { nameKey } from '../accounts/name-key';
import { accountMoves } from '../identity/account-moves.repository';
import { scoreAccountPair, ValueCounts } from './account-scoring';
import { AccountCandidate, accountCandidates } from './blocking';
import { Candidate, decideClusters, Decision } from './clustering';
import { AccountFeatures } from './features';
import { MATCH_RULES, MatchRules } from './rules';

/** A stored, not yet linked account record to resolve. */
export interface NewAccountRecord {
  id: string;
  name: string;
  industry: string | null;
  features: AccountFeatures;
  /** For a changed record alone in its account: that account (it stays, or moves whole into the match). */
  accountId?: string | null;
}

// One lock for all account linking: two ingests of the same new customer must
// not both decide "new account". Blocking and linking happen under it; the
// lock is released at commit, after which the next ingest sees the links.
const ACCOUNT_LINK_LOCK = 0x0c_ac_c0;

/** Counts, per value, the distinct clusters among a record's candidates that hold it. */
function countsFrom(candidates: AccountCandidate[], assigned: (c: AccountCandidate) => string): ValueCounts {
  const holders = (pick: (c: AccountCandidate) => string[]) => {
    const by = new Map<string, Set<string>>();
    for (const c of candidates) for (const v of pick(c)) (by.get(v) ?? by.set(v, new Set()).get(v)!).add(assigned(c));
    return (v: string) => by.get(v)?.size ?? 0;
  };
  const name = holders((c) => [c.nameNorm]);
  const domain = holders((c) => c.domains);
  const phone = holders((c) => (c.phone ? [c.phone] : []));
  // The record itself will hold the value too, but only its rivals make it common.
  return { name, domain, phone };
}

async function rejectedPairs(tx: EntityManager, kind: 'ACCOUNT' | 'STAKEHOLDER', ids: string[]): Promise<Set<string>> {
  const rows: { a: string; b: string }[] = await tx.query(
    `SELECT record_id AS a, candidate_record_id AS b FROM match_review
      WHERE kind = $1 AND status = 'DIFFERENT' AND (record_id = ANY($2::uuid[]) OR candidate_record_id = ANY($2::uuid[]))`,
    [kind, ids],
  );
  return new Set(rows.flatMap(({ a, b }) => [`${a}|${b}`, `${b}|${a}`]));
}

/** Links new account records to accounts (existing or new), opening reviews for the grey band. */
export async function linkAccountRecords(tx: EntityManager, records: NewAccountRecord[], rules: MatchRules = MATCH_RULES): Promise<Decision[]> {
  if (records.length === 0) return [];
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ACCOUNT_LINK_LOCK]);
  const ids = records.map((r) => r.id);
  const candidates = await accountCandidates(tx, ids);
  const rejected = await rejectedPairs(tx, 'ACCOUNT', ids);
  const byRecord = new Map<string, AccountCandidate[]>(ids.map((id) => [id, []]));
  for (const c of candidates) byRecord.get(c.recordId)!.push(c);
  const assigned = new Map<string, string>();
  const counts = new Map<string, ValueCounts>();
  const { decisions, merges } = decideClusters<AccountFeatures>({
    records: records.map((r) => ({ id: r.id, features: r.features, ownClusterId: r.accountId ?? null })),
    candidatesOf: (id) => byRecord.get(id)!.map((c): Candidate<AccountFeatures> => ({ id: c.id, clusterId: c.accountId, features: c })),
    score: (id, a, b) => {
      if (!counts.has(id)) counts.set(id, countsFrom(byRecord.get(id)!, (c) => assigned.get(c.id) ?? c.accountId ?? c.id));
      return scoreAccountPair(a, b, rules.account, counts.get(id)!);
    },
    rejected: (a, b) => rejected.has(`${a}|${b}`),
    autoLink: rules.account.autoLink,
    review: rules.account.review,
    newClusterId: () => randomUUID(),
    parentOf: (score) => score.evidence.some((c) => c.field === 'domain' && c.level === 'SHARED'),
    strongMerge: rules.account.strongMerge,
  });
  await writeAccountDecisions(tx, records, decisions, rules.version);
  for (const m of merges) {
    await absorbAccount(tx, m.from, m.into, `record ${m.recordId} matched both accounts strongly (rules ${rules.version}, score ${m.score.score})`);
  }
  if (merges.length > 0) await refreshAccounts(tx, [...new Set(merges.map((m) => m.into))]);
  return decisions;
}

async function writeAccountDecisions(tx: EntityManager, records: NewAccountRecord[], decisions: Decision[], version: string) {
  const record = new Map(records.map((r) => [r.id, r]));
  const fresh = decisions.filter((d) => d.isNewCluster).map((d) => {
    const r = record.get(d.recordId)!;
    return { id: d.clusterId, name: r.name, name_key: nameKey(r.name), domains: r.features.domains, registry_id: r.features.registryId, industry: r.industry, parent_id: d.parentClusterId };
  });
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO account (id, name, name_key, domains, registry_id, industry, parent_id)
       SELECT id, name, name_key, domains, registry_id, industry, parent_id
         FROM json_to_recordset($1::json) AS x(id uuid, name text, name_key text, domains text[], registry_id text, industry text, parent_id uuid)`,
      [JSON.stringify(fresh)],
    );
  }
  await foldMovedAccounts(tx, records, decisions, version);
  await tx.query(
    `UPDATE source_account_record s SET account_id = x.account_id, link_status = x.status, link_score = x.score,
        link_evidence = x.evidence, link_rule_version = $2, linked_at = now()
       FROM json_to_recordset($1::json) AS x(id uuid, account_id uuid, status text, score real, evidence jsonb)
      WHERE s.id = x.id`,
    [JSON.stringify(decisions.map((d) => ({ id: d.recordId, account_id: d.clusterId, status: d.status, score: d.best?.score.score ?? null, evidence: d.best?.score ?? null }))), version],
  );
  const reviews = decisions.flatMap((d) => d.reviews.map((r) => ({ record_id: d.recordId, candidate_record_id: r.candidateId, score: r.score.score, evidence: r.score })));
  if (reviews.length > 0) {
    await tx.query(
      `INSERT INTO match_review (kind, record_id, candidate_record_id, score, evidence, rule_version)
       SELECT 'ACCOUNT', record_id, candidate_record_id, score, evidence, $2
         FROM json_to_recordset($1::json) AS x(record_id uuid, candidate_record_id uuid, score real, evidence jsonb)
       ON CONFLICT (kind, record_id, candidate_record_id) DO NOTHING`,
      [JSON.stringify(reviews), version],
    );
  }
  await refreshAccounts(tx, [...new Set(decisions.filter((d) => !d.isNewCluster).map((d) => d.clusterId))]);
}

/**
 * A changed record that now auto-links elsewhere takes its whole (one-record)
 * account along: everything in it moves, the old account becomes a tombstone,
 * and the merge is kept in the history so a split can undo it.
 */
async function foldMovedAccounts(tx: EntityManager, records: NewAccountRecord[], decisions: Decision[], version: string) {
  const own = new Map(records.map((r) => [r.id, r.accountId ?? null]));
  for (const d of decisions.filter((x) => x.moved)) {
    await absorbAccount(tx, own.get(d.recordId)!, d.clusterId, `changed record ${d.recordId} auto-linked (rules ${version}, score ${d.best?.score.score})`);
  }
}

/** Matching's own merge: everything of `from` moves into `into`, recorded like a person's merge (a split undoes it). */
async function absorbAccount(tx: EntityManager, from: string, into: string, reason: string): Promise<void> {
  const [state] = await tx.query(`SELECT to_jsonb(a) AS state FROM account a WHERE id = $1`, [from]);
  const moved = await accountMoves.moveAll(tx, from, into);
  await tx.query(`UPDATE account SET merged_into_id = $1, updated_at = now() WHERE id = $2`, [into, from]);
  await tx.query(
    `INSERT INTO account_merge (survivor_id, merged_id, merged_state, moved, reason, merged_by) VALUES ($1, $2, $3, $4, $5, 'matching')`,
    [into, from, state.state, JSON.stringify(moved), reason],
  );
}

/**
 * Recomputes what an account takes from its source records, from them alone
 * (so a split gives each side back exactly its own): the union of domains,
 * the registry id most records agree on, the first industry named.
 */
export async function refreshAccounts(tx: EntityManager, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.query(
    `UPDATE account a SET
        domains = coalesce((SELECT array_agg(DISTINCT d ORDER BY d) FROM source_account_record s, unnest(s.domains) d WHERE s.account_id = a.id), '{}'),
        registry_id = (SELECT s.registry_id FROM source_account_record s WHERE s.account_id = a.id AND s.registry_id IS NOT NULL
                        GROUP BY s.registry_id ORDER BY count(*) DESC, s.registry_id LIMIT 1),
        industry = coalesce((SELECT s.raw->>'industry' FROM source_account_record s WHERE s.account_id = a.id AND s.raw ? 'industry'
                             ORDER BY s.created_at, s.id LIMIT 1), a.industry),
        updated_at = now()
      WHERE a.id = ANY($1::uuid[])`,
    [accountIds],
  );
}
