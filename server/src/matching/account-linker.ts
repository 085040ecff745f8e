import { EntityManager } from 'typeorm';
import { nameKey } from '../accounts/name-key';
import { noticeConflictsOfMerge } from '../critical-info/conflict-notices';
import { accountMoves } from '../identity/account-moves.repository';
import { matchReviews } from '../identity/match-reviews.repository';
import { orderedId } from '../ingest/ordered-id';
import { accountScoring, ValueCounts } from './account-scoring';
import { accountCandidatesByKeys, StoredAccount, writeBlockingKeys } from './blocking';
import { accountBlockingKeys } from './blocking-keys';
import { Candidate, ClusterMerge, decideClusters, Decision } from './clustering';
import { AccountFeatures, samePhoneNumber } from './features';
import { putGroupHeadsOnTop } from './group-heads';
import { accountsKeptApart, openReviews, rejectedPairs, writeLinks } from './link-store';
import { RegistryMergeGuard } from './registry-merge-guard';
import { MATCH_RULES, MatchRules } from './rules';

/** A stored, not yet linked account record to resolve. */
export interface NewAccountRecord {
  id: string;
  name: string;
  industry: string | null;
  features: AccountFeatures;
  /** For a changed record alone in its account: that account (it stays, or moves whole into the match). */
  accountId?: string | null;
  /** Its blocking keys as written to `match_key` (default: computed from the features). */
  keys?: readonly string[];
  /** Its registry id as sent, for a review to name it so (registry-merge-guard.ts; default: as normalized). */
  registryIdAsSent?: string | null;
}

// One lock for all account linking: two ingests of the same new customer must
// not both decide "new account". Blocking and linking happen under it; the
// lock is released at commit, after which the next ingest sees the links.
const ACCOUNT_LINK_LOCK = 0x0c_ac_c0;

/**
 * Takes the account linking lock for the rest of the transaction (taken
 * again, it is only counted twice: both go at commit). Ingest takes it before it stores new account records
 * (they are inserted already linked), so every new account record is stored
 * under it: a check for stored records made after taking it sees all that
 * another ingest stored.
 */
export async function lockAccountLinking(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ACCOUNT_LINK_LOCK]);
}

/** Writes new records, not stored yet, with their decisions (cluster, status, score, evidence) under the rules `version`. */
export type InsertLinkedRecords = (decisions: readonly Decision[], version: string) => Promise<void>;

/**
 * How many distinct accounts among a record's candidates hold a value (a
 * candidate not linked yet counts as an account of its own). Counted when
 * scoring asks, which is only for agreeing names, domains and phones: most
 * pairs never need a count, so none is built up front.
 */
export function countsFrom(candidates: readonly StoredAccount[]): ValueCounts {
  const memo = new Map<string, number>();
  const count = (kind: string, value: string, holds: (c: StoredAccount) => boolean) => {
    const key = `${kind}${value}`;
    let n = memo.get(key);
    if (n === undefined) {
      const accounts = new Set<string>();
      for (const c of candidates) if (holds(c)) accounts.add(c.accountId ?? c.id);
      memo.set(key, (n = accounts.size));
    }
    return n;
  };
  return {
    // Only accounts already made count for a name or a phone: records of this batch not linked
    // yet are mostly the same customer sent twice, and counting each as an account of its own
    // made a customer's own duplicates look like a crowd sharing its name or a switchboard.
    name: (v) => count('n', v, (c) => c.accountId !== null && c.nameNorm === v),
    nameWord: (v) => count('w', v, (c) => c.accountId !== null && hasWord(c.nameNorm, v)),
    domain: (v) => count('d', v, (c) => c.domains.includes(v)),
    phone: (v) => count('p', v, (c) => c.accountId !== null && c.phone !== null && samePhoneNumber(c.phone, v)),
  };
}

/** Whether a normalised name (words separated by single spaces) has this whole word. */
function hasWord(name: string, word: string): boolean {
  return name.includes(word) && ` ${name} `.includes(` ${word} `);
}

/** A record's blocking keys as written to `match_key`. */
const keysOf = (r: NewAccountRecord): readonly string[] => r.keys ?? accountBlockingKeys(r.features);

/** Candidates as clustering takes them, made once per stored record however many records found it. */
function asCandidates(found: Map<string, StoredAccount[]>): Map<string, Candidate<AccountFeatures>[]> {
  const made = new Map<StoredAccount, Candidate<AccountFeatures>>();
  const as = (c: StoredAccount) => made.get(c) ?? made.set(c, { id: c.id, clusterId: c.accountId, features: c }).get(c)!;
  return new Map([...found].map(([id, list]) => [id, list.map(as)]));
}

/** A record whose row is not stored yet as the features select returns a stored one: its features, no account yet. */
function asUnstored(r: NewAccountRecord): StoredAccount {
  const f = r.features;
  return { id: r.id, accountId: null, nameNorm: f.nameNorm, domains: f.domains, registryId: f.registryId, phone: f.phone, addressNorm: f.addressNorm, postalCode: f.postalCode, legalForm: f.legalForm };
}

/** How linkAccountRecords links (see there). */
export interface LinkOptions {
  rules?: MatchRules;
  insert?: InsertLinkedRecords;
  prepare?: () => void;
  /** Now, by the hub's Clock; default: the machine's. */
  now?: Date;
}

/**
 * Links account records to accounts (existing or new), opening reviews for
 * the grey band. Without `insert`, the records are stored, their blocking
 * keys written, and their links are written on them; with it, they are not
 * stored yet (the caller holds the lock, see lockAccountLinking): blocking
 * finds them for each other, their keys are written here, and `insert`
 * stores them with their links once the accounts they link to exist.
 * `prepare`: what `insert` can do before the decisions (its rows' own
 * columns), done while PostgreSQL runs the blocking probe. `now`: the hub's
 * Clock's, at which the critical-info conflicts its merges make are read.
 */
export async function linkAccountRecords(
  tx: EntityManager, records: NewAccountRecord[], { rules = MATCH_RULES, insert, prepare, now = new Date() }: LinkOptions = {},
): Promise<Decision[]> {
  if (records.length === 0) return [];
  await lockAccountLinking(tx);
  const unstored = new Map(insert ? records.map((r) => [r.id, asUnstored(r)]) : []);
  // Unstored records' keys are written once blocking has probed (it adds them itself), while the batch is scored: the
  // insert is sent as soon as the probe is, and PostgreSQL runs it right after the probe, while Node reads the probe's
  // answer and scores (it is awaited once the records are inserted). The insert's rows are prepared meanwhile too.
  let keysWritten: Promise<void> | undefined;
  const whileProbing = insert ? () => {
    if (keysWritten) return;
    keysWritten = writeBlockingKeys(tx, records.map((r) => ({ id: r.id, keys: keysOf(r), fresh: true })));
    // Awaited below (also when a statement after it fails, to report its own error first).
    keysWritten.catch(() => undefined);
    prepare?.();
  } : undefined;
  let linking: Linking;
  try {
    linking = await decideLinks(tx, records, rules, unstored, whileProbing);
    // Decided on what blocking read without a lock: until the accounts it changes are locked as it read them, decide again.
    while (!(await lockDecided(tx, records, linking))) linking = await decideLinks(tx, records, rules, unstored, whileProbing);
  } catch (error) {
    // A failed key insert fails every statement after it ("transaction is aborted"): report its own error, unless it
    // failed only because a statement before it (the probe) did.
    const keysError: unknown = await keysWritten?.then(() => null, (e: unknown) => e);
    throw keysError && !abortedByAnother(keysError) ? keysError : error;
  }
  await keysWritten;
  const { decisions, merges } = linking;
  await writeAccountDecisions(tx, records, decisions, rules.version, insert, now);
  const mergeIds: string[] = [];
  for (const m of merges) {
    mergeIds.push(await absorbTelling(tx, m.from, m.into, `record ${m.recordId} matched both accounts strongly (rules ${rules.version}, score ${m.score.score})`, now));
  }
  if (merges.length > 0) {
    await refreshAccounts(tx, [...new Set(merges.map((m) => m.into))]);
    // Open reviews between the two accounts have nothing left to decide (until a split undoes the merge).
    await accountMoves.keepSettled(tx, mergeIds, await matchReviews.closeSettled(tx, null));
  }
  return decisions;
}

/** Whether a statement failed only because one before it in the transaction did (SQLSTATE 25P02). */
function abortedByAnother(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  return (code ?? driverError?.code) === '25P02';
}

interface Linking {
  /** Each record's stored candidates, with the accounts blocking read them in. */
  found: Map<string, StoredAccount[]>;
  decisions: Decision[];
  merges: ClusterMerge[];
  /** The registry ids the decisions rest on, read without a lock: checked again under it (lockDecided). */
  guard: RegistryMergeGuard;
}

/** Finds, scores and decides: each record's account, its reviews, and the accounts its strong matches merge. */
async function decideLinks(
  tx: EntityManager, records: NewAccountRecord[], rules: MatchRules, unstored: Map<string, StoredAccount>, whileProbing?: () => void,
): Promise<Linking> {
  const found = await accountCandidatesByKeys(tx, records.map((r) => ({ id: r.id, keys: keysOf(r) })), unstored, whileProbing);
  // Only changed records that found someone can be in a pair a person rejected: a new record's id is in no review yet.
  const relinked = records.filter((r) => r.accountId && found.get(r.id)!.length > 0);
  const rejected = await rejectedPairs(tx, 'ACCOUNT', relinked.map((r) => r.id));
  const candidates = asCandidates(found);
  const counts = new Map<string, ValueCounts>();
  // Profiles of this batch's records and candidates, made once each and dropped with the batch.
  const scoring = accountScoring();
  const guard = new RegistryMergeGuard(new Map(records.map((r) => [r.id, { name: r.name, registryId: r.features.registryId, registryIdAsSent: r.registryIdAsSent }])));
  const decide = (keptApart: Set<string>) => decideClusters<AccountFeatures>({
    records: records.map((r) => ({ id: r.id, features: r.features, ownClusterId: r.accountId ?? null })),
    candidatesOf: (id) => candidates.get(id)!,
    score: (id, a, b) => {
      let c = counts.get(id);
      if (!c) counts.set(id, (c = countsFrom(found.get(id)!)));
      return scoring.score(a, b, rules.account, c);
    },
    // Pairs that cannot change a record's decision are not scored (two in three of the ingest bench's).
    bound: (_id, a, b) => scoring.bound(a, b, rules.account),
    rejected: (a, b) => rejected.size > 0 && rejected.has(`${a}|${b}`),
    autoLink: rules.account.autoLink,
    review: rules.account.review,
    newClusterId: () => orderedId(),
    parentOf: (score) => score.evidence.some((c) => c.field === 'domain' && c.level === 'SHARED'),
    strongMerge: rules.account.strongMerge,
    keptApart: (a, b) => keptApart.size > 0 && keptApart.has(`${a}|${b}`),
    // Accounts whose registry ids differ, none shared, are not merged by matching: a review asks, as a person's merge is refused.
    joinRefused: guard.refuse,
    oneReviewPerClusterPair: true,
  });
  // A changed record alone in its account does not join an account a person kept apart from its own.
  const apart = await accountsKeptApart(tx, relinked.flatMap((r) => [r.accountId!, ...found.get(r.id)!.flatMap((c) => c.accountId ?? [])]));
  let { decisions, merges } = decide(apart);
  // A strong match with two accounts merges them, unless a person said they are different customers: then decide
  // again without that merge (rare, so asked only when a batch would merge accounts; the next decision may merge others).
  // Likewise when the decision asked about registry ids of accounts the guard had not read yet (it took them for none).
  for (let asked = 0; ;) {
    const idsRead = await guard.read(tx);
    let more: string[] = [];
    if (merges.length > 0 && asked < 3) {
      asked++;
      more = [...await accountsKeptApart(tx, merges.flatMap((m) => [m.from, m.into]))].filter((pair) => !apart.has(pair));
      for (const pair of more) apart.add(pair);
    }
    if (!idsRead && more.length === 0) break;
    ({ decisions, merges } = decide(apart));
  }
  return { found, decisions, merges, guard };
}

/**
 * Locks the existing accounts the decisions change, then checks they are as
 * blocking read them (it reads without a lock, and an admin's merge or split
 * may have committed since: records and rows went into an account merged away,
 * an account was merged twice). Accounts to merge away (a moved record's own,
 * a strong merge's `from`) are locked FOR UPDATE as merges lock them
 * (accountMoves.lockAccounts, which also waits for an ingest writing into
 * them); accounts records join or hang under, FOR KEY SHARE as ingest locks
 * the accounts it writes into. Then no merge or split changes them before
 * commit. False when one is merged away, or a candidate a decision rests on is
 * no longer in the account it was read in, or an account the registry id guard
 * read gives other ids now (a person's merge brought it another): decide again.
 */
async function lockDecided(tx: EntityManager, records: NewAccountRecord[], { found, decisions, merges, guard }: Linking): Promise<boolean> {
  const own = new Map(records.map((r) => [r.id, r.accountId ?? null]));
  const fresh = new Set(decisions.filter((d) => d.isNewCluster).map((d) => d.clusterId));
  const away = new Set([...decisions.filter((d) => d.moved).map((d) => own.get(d.recordId)!), ...merges.map((m) => m.from)]);
  const joined = new Set([...decisions.flatMap((d) => [d.clusterId, d.parentClusterId]), ...merges.map((m) => m.into)]
    .filter((id): id is string => id !== null && !fresh.has(id) && !away.has(id)));
  if (away.size + joined.size === 0) return true;
  const locked = [...await accountMoves.lockAccounts(tx, [...away]), ...await lockToJoin(tx, [...joined])];
  if (locked.length < away.size + joined.size || locked.some((a) => a.mergedIntoId !== null)) return false;
  // The account each decisive candidate was read in, looked up among its record's candidates (one object per stored
  // record, whichever records found it), not in a map of every candidate of the batch (~30,000: 30 ms per batch).
  const readIn = (recordId: string, id: string) => found.get(recordId)!.find((c) => c.id === id)?.accountId ?? null;
  const decisive: [string, string | null][] = [
    ...decisions.filter((d) => d.best && !d.isNewCluster && d.clusterId !== own.get(d.recordId)).map((d) => [d.best!.candidateId, readIn(d.recordId, d.best!.candidateId)] as [string, string | null]),
    ...merges.map((m) => [m.candidateId, readIn(m.recordId, m.candidateId)] as [string, string | null]),
  ];
  return await candidatesStayed(tx, new Map(decisive.filter((x): x is [string, string] => x[1] !== null)))
    && guard.asRead(tx, [...away, ...joined]);
}

/** Locks accounts FOR KEY SHARE in id order (only a merge or split waits for it) and says where each was merged. */
async function lockToJoin(tx: EntityManager, ids: string[]): Promise<{ id: string; mergedIntoId: string | null }[]> {
  if (ids.length === 0) return [];
  return tx.query(`SELECT id, merged_into_id AS "mergedIntoId" FROM account WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`, [ids]);
}

/** Whether these account records are all still in the accounts given. */
async function candidatesStayed(tx: EntityManager, accountOf: Map<string, string>): Promise<boolean> {
  if (accountOf.size === 0) return true;
  const [{ moved }]: { moved: number }[] = await tx.query(
    `SELECT count(*)::int AS moved FROM unnest($1::uuid[], $2::uuid[]) AS x(id, account_id)
       JOIN source_account_record s ON s.id = x.id WHERE s.account_id IS DISTINCT FROM x.account_id`,
    [[...accountOf.keys()], [...accountOf.values()]],
  );
  return moved === 0;
}

async function writeAccountDecisions(tx: EntityManager, records: NewAccountRecord[], decisions: Decision[], version: string, insert: InsertLinkedRecords | undefined, now: Date) {
  const record = new Map(records.map((r) => [r.id, r]));
  const fresh = decisions.filter((d) => d.isNewCluster);
  if (fresh.length > 0) {
    const of = fresh.map((d) => record.get(d.recordId)!);
    // One array per column (domains as the text of their array literal): no JSON to build or parse.
    await tx.query(
      `INSERT INTO account (id, name, name_key, domains, registry_id, industry, parent_id, parent_placed_at)
       SELECT id, name, name_key, domains::text[], registry_id, industry, parent_id, CASE WHEN parent_id IS NOT NULL THEN now() END
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])
           AS x(id, name, name_key, domains, registry_id, industry, parent_id)`,
      [
        fresh.map((d) => d.clusterId), of.map((r) => r.name), of.map((r) => nameKey(r.name)), of.map((r) => textArray(r.features.domains)),
        of.map((r) => r.features.registryId), of.map((r) => r.industry), fresh.map((d) => d.parentClusterId),
      ],
    );
  }
  const hung = fresh.filter((d) => d.parentClusterId);
  await hangUnderGroupHeads(tx, hung.map((d) => d.clusterId));
  await putGroupHeadsOnTop(tx, hung.map((d) => ({ id: d.clusterId, name: record.get(d.recordId)!.name })));
  await foldMovedAccounts(tx, records, decisions, version, now);
  if (insert) {
    // Inserted already linked: no second version of every row, nor of its index entries, as an UPDATE would make.
    await insert(decisions, version);
    await openReviews(tx, 'ACCOUNT', decisions, version);
  } else {
    await writeLinks(tx, 'ACCOUNT', decisions, version);
  }
  await refreshAccounts(tx, [...new Set(decisions.filter((d) => !d.isNewCluster).map((d) => d.clusterId))]);
}

/** A text[] literal of plain values (domains: letters, digits, dots and dashes), quoted all the same. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * New accounts of a group (a shared domain, another registry id) hang under the group's head: the top of the parent
 * chain of the account they were found beside, which may itself be a company of the group (found by exploratory
 * testing: "Initrode Services" was filed under its sibling "Initrode Logistics", not under "Initrode Holding").
 * A new one named as a group's head then takes the head's place (group-heads.ts, putGroupHeadsOnTop).
 */
async function hangUnderGroupHeads(tx: EntityManager, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.query(
    `WITH RECURSIVE up AS (
       SELECT a.id AS child, a.parent_id AS head, 1 AS depth FROM account a WHERE a.id = ANY($1::uuid[]) AND a.parent_id IS NOT NULL
       UNION ALL
       SELECT up.child, p.parent_id, up.depth + 1 FROM up JOIN account p ON p.id = up.head
        WHERE p.parent_id IS NOT NULL AND p.parent_id <> up.child AND up.depth < 20)
     UPDATE account a SET parent_id = top.head, parent_placed_at = now()
       FROM (SELECT DISTINCT ON (child) child, head FROM up ORDER BY child, depth DESC) top
      WHERE a.id = top.child AND a.parent_id <> top.head`,
    [accountIds]);
}

/**
 * A changed record that now auto-links elsewhere takes its whole (one-record)
 * account along: everything in it moves, the old account becomes a tombstone,
 * and the merge is kept in the history so a split can undo it.
 */
async function foldMovedAccounts(tx: EntityManager, records: NewAccountRecord[], decisions: Decision[], version: string, now: Date) {
  const own = new Map(records.map((r) => [r.id, r.accountId ?? null]));
  const moved = decisions.filter((x) => x.moved);
  const mergeIds: string[] = [];
  for (const d of moved) {
    mergeIds.push(await absorbTelling(tx, own.get(d.recordId)!, d.clusterId, `changed record ${d.recordId} auto-linked (rules ${version}, score ${d.best?.score.score})`, now));
  }
  // Open reviews between a moved record's old account and its new one have nothing left to decide (until a split undoes the merge).
  if (moved.length > 0) await accountMoves.keepSettled(tx, mergeIds, await matchReviews.closeSettled(tx, null));
}

/**
 * Matching's merge of `from` into `into`, telling the critical-info conflicts it makes as a person's merge does
 * (identity.service.ts, mergeIn: found in review, matching's merges told nobody), the notices kept with the merge for
 * the split undoing it. Only batches that merge accounts get here: the hot path of new accounts reads nothing more.
 */
async function absorbTelling(tx: EntityManager, from: string, into: string, reason: string, now: Date): Promise<string> {
  const noticeNewConflicts = await noticeConflictsOfMerge(tx, into, from, now);
  const { mergeId } = await accountMoves.absorb(tx, from, into, reason, 'matching');
  await accountMoves.keepRaisedNotices(tx, mergeId, await noticeNewConflicts());
  return mergeId;
}

/**
 * Recomputes what an account takes from its source records, from them alone
 * (so a split gives each side back exactly its own): the union of domains,
 * the registry id most records agree on, the first industry named (also after `npm run rekey` rewrote their features).
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
