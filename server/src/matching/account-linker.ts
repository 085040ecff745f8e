import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { nameKey } from '../accounts/name-key';
import { accountMoves } from '../identity/account-moves.repository';
import { scoreAccountPair, ValueCounts } from './account-scoring';
import { AccountCandidate, accountCandidates } from './blocking';
import { Candidate, decideClusters, Decision } from './clustering';
import { AccountFeatures } from './features';
import { byRecord, holders, rejectedPairs, writeLinks } from './link-store';
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

function countsFrom(candidates: AccountCandidate[]): ValueCounts {
  const count = holders(candidates, (c) => c.accountId ?? c.id);
  return { name: count((c) => [c.nameNorm]), domain: count((c) => c.domains), phone: count((c) => (c.phone ? [c.phone] : [])) };
}

/** Links new account records to accounts (existing or new), opening reviews for the grey band. */
export async function linkAccountRecords(tx: EntityManager, records: NewAccountRecord[], rules: MatchRules = MATCH_RULES): Promise<Decision[]> {
  if (records.length === 0) return [];
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ACCOUNT_LINK_LOCK]);
  const ids = records.map((r) => r.id);
  const candidates = await accountCandidates(tx, ids);
  const rejected = await rejectedPairs(tx, 'ACCOUNT', ids);
  const found = byRecord(ids, candidates);
  const counts = new Map<string, ValueCounts>();
  const { decisions, merges } = decideClusters<AccountFeatures>({
    records: records.map((r) => ({ id: r.id, features: r.features, ownClusterId: r.accountId ?? null })),
    candidatesOf: (id) => found.get(id)!.map((c): Candidate<AccountFeatures> => ({ id: c.id, clusterId: c.accountId, features: c })),
    score: (id, a, b) => {
      if (!counts.has(id)) counts.set(id, countsFrom(found.get(id)!));
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
    await accountMoves.absorb(tx, m.from, m.into, `record ${m.recordId} matched both accounts strongly (rules ${rules.version}, score ${m.score.score})`, 'matching');
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
  await writeLinks(tx, 'ACCOUNT', decisions, version);
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
    await accountMoves.absorb(tx, own.get(d.recordId)!, d.clusterId, `changed record ${d.recordId} auto-linked (rules ${version}, score ${d.best?.score.score})`, 'matching');
  }
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
