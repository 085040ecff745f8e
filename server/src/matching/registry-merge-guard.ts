import { EntityManager } from 'typeorm';
import { RegistryConflict, registryConflictMessage, shareAnId } from '../identity/registry-conflict';
import { registryKind } from './account-scoring';
import { ClusterHolding } from './clustering';
import { Comparison } from './rules';

/** A record of the batch as the guard reads it: its name and registry id (normalized, and as sent). */
export interface GuardedRecord {
  name: string;
  registryId: string | null;
  registryIdAsSent?: string | null;
}

/** A stored account's name and the registry ids its source records give, by the id normalized: as first written. */
interface StoredIds {
  name: string;
  ids: Map<string, string>;
}

/**
 * Ingest's own merges of accounts, guarded as a person's are (identity/registry-conflict.ts): two accounts that each
 * give registry ids, none of one being the other's (shareAnId), are not joined by matching alone, neither by a record's
 * strong edges to both nor by a changed record alone in one moving into the other. Clustering asks (`refuse`, its
 * joinRefused) at the moment it would join them, with what each holds then: the accounts stored before the batch (their
 * source records' ids, read here) and the batch's records decided into it (their own ids), so a second account and a
 * record matching both in one batch are guarded too (found in review: only a person's merges were, and a third record
 * matching both strongly merged "… GmbH", HRB …, and "… AG", CHE-…, which mergeAccounts refuses).
 *
 * Clustering's callback cannot wait for the database: the ids of an account asked about and not read yet count as none
 * (no refusal), and `read` says to decide again once it has read them. Accounts are asked about only when a decision
 * would join them, which few batches make: most never read anything. Only the source records' ids count, not the
 * account's registry_id, which is one of them but lags a changed record's new id until its account is refreshed.
 */
export class RegistryMergeGuard {
  private readonly stored = new Map<string, StoredIds>();
  private readonly unread = new Set<string>();

  constructor(private readonly records: ReadonlyMap<string, GuardedRecord>) {}

  /** Reads the ids of the accounts asked about and not read yet; true when there were some (decide again). */
  async read(tx: EntityManager): Promise<boolean> {
    if (this.unread.size === 0) return false;
    const ids = [...this.unread];
    this.unread.clear();
    for (const [id, s] of await idsOf(tx, ids)) this.stored.set(id, s);
    return true;
  }

  /**
   * Whether the accounts of these that the guard read give the ids they gave then. Asked once matching holds its locks
   * (lockDecided): the guard read without one, and a person's merge committed since may have given an account another
   * id (found in review: the merge of an account with a Swiss UID into one that gave none, between the read and the
   * lock, and matching merged that one with an account giving an HRB number). False: decide again.
   */
  async asRead(tx: EntityManager, accountIds: readonly string[]): Promise<boolean> {
    const read = [...new Set(accountIds)].filter((id) => this.stored.has(id));
    if (read.length === 0) return true;
    const keys = (s: StoredIds) => [...s.ids.keys()].sort().join('\u0000');
    const now = await idsOf(tx, read);
    return read.every((id) => keys(now.get(id)!) === keys(this.stored.get(id)!));
  }

  /**
   * Why `a` (the cluster the deciding record is in or joins) and `b` (its candidate's) may not be joined, as evidence
   * for the review that asks instead; null when they may.
   */
  readonly refuse = (a: ClusterHolding, b: ClusterHolding): Comparison | null => {
    const first = this.held(a);
    const second = this.held(b);
    if (first.ids.size === 0 || second.ids.size === 0) return null;
    if (shareAnId([...first.ids.keys()], [...second.ids.keys()])) return null;
    const sameKind = [...first.ids.keys()].some((x) => [...second.ids.keys()].some((y) => registryKind(x) === registryKind(y)));
    const conflict: RegistryConflict = {
      sameKind,
      accounts: [{ accountId: a.id, name: first.name, registryIds: [...first.ids.values()] }, { accountId: b.id, name: second.name, registryIds: [...second.ids.values()] }],
    };
    const message = registryConflictMessage(conflict, ["this record's account", "the candidate's account"]);
    return {
      field: 'registryId',
      level: 'ACCOUNTS_DIFFER',
      weight: 0,
      note: `Not merged by matching: ${message.charAt(0).toLowerCase()}${message.slice(1)} A person decides (SAME merges them only with override).`,
    };
  };

  /** The name a cluster goes by (its stored account's, or the first record's of a new one) and the ids it gives now. */
  private held(h: ClusterHolding): StoredIds {
    const ids = new Map<string, string>();
    let name: string | undefined;
    for (const c of h.stored) {
      const s = this.stored.get(c);
      if (!s) {
        this.unread.add(c);
        continue;
      }
      if (c === h.id) name = s.name;
      for (const [id, given] of s.ids) if (!ids.has(id)) ids.set(id, given);
    }
    for (const r of h.records) {
      const record = this.records.get(r);
      if (!record) continue;
      name ??= record.name;
      if (record.registryId && !ids.has(record.registryId)) ids.set(record.registryId, record.registryIdAsSent?.trim() || record.registryId);
    }
    return { name: name ?? '', ids };
  }
}

/** The name and the ids each account's source records give (as first written), read by one statement; none for an account not found. */
async function idsOf(tx: EntityManager, ids: readonly string[]): Promise<Map<string, StoredIds>> {
  const rows: { accountId: string; name: string; id: string | null; given: string | null }[] = await tx.query(
    `SELECT a.id AS "accountId", a.name, g.id, g.given
       FROM account a
       LEFT JOIN LATERAL (
         SELECT s.registry_id AS id, min(s.created_at) AS at,
                (array_agg(coalesce(nullif(btrim(s.raw->>'registryId'), ''), s.registry_id) ORDER BY s.created_at, s.id))[1] AS given
           FROM source_account_record s WHERE s.account_id = a.id AND s.registry_id IS NOT NULL
          GROUP BY s.registry_id) g ON true
      WHERE a.id = ANY($1::uuid[])
      ORDER BY a.id, g.at, g.id`,
    [ids],
  );
  // An account not found (merged away meanwhile: lockDecided decides again) counts as giving none.
  const stored = new Map<string, StoredIds>(ids.map((id) => [id, { name: '', ids: new Map() }]));
  for (const r of rows) {
    const s = stored.get(r.accountId)!;
    s.name = r.name;
    if (r.id !== null) s.ids.set(r.id, r.given ?? r.id);
  }
  return stored;
}
