import { SortKeyed } from '../common/relay/cursor';
import { keptRefusedCopyHolds, refusedCopyIsNewer } from './batch-plan';
import { parseInstant } from '../common/date-time.scalar';
import { DataSource, EntityManager } from 'typeorm';
import { IngestItemKind } from './ingest.types';
import { RejectedItemSettlement } from './rejected-items.types';
import { orderedId } from './ordered-id';
import { rowsByExternalIds, unseen } from './natural-key';
import { Rejection, storableCopy } from './validation';

/** An item kept aside: waiting for its account, or rejected with a reason. */
export interface WaitingItem {
  id: string;
  kind: IngestItemKind;
  externalId: string;
  raw: Record<string, unknown>;
  /** When the hub received it (a newer copy sent while it waited: when that came). */
  receivedAt: Date;
}

export interface RejectedItemRow {
  id: string;
  divisionId: string;
  sourceSystem: string;
  kind: IngestItemKind;
  externalId: string | null;
  path: string;
  reason: string;
  raw: Record<string, unknown>;
  receivedAt: Date;
  resolvedAt: Date | null;
  settledAs: RejectedItemSettlement | null;
  attempts: number;
}

/**
 * The rejected item an item was kept as: its id, and the copy it keeps (the newest of the same refused item, which may
 * be one sent before this one), with the path of why that copy was refused.
 */
export interface KeptRejection {
  id: string;
  raw: Record<string, unknown>;
  path: string;
}

/** The SQL of waiting and rejected items: nothing a division sent is lost. */
export const heldItems = {
  /**
   * Keeps items whose account has not arrived; a copy of the same item sent later replaces the one waiting, unless both
   * say when their system changed them (sourceUpdatedAt) and it is older: then the waiting one stays, and the returned
   * map gives, by the item's index, when that one was changed (a waiting copy replaced since, by a batch beside this
   * one: null). Time-ordered ids: items of one batch (received at the same instant) are taken back in the batch's order.
   */
  async wait(
    tx: EntityManager, divisionId: string, sourceSystem: string, items: { kind: IngestItemKind; externalId: string; accountExternalId: string; raw: object }[],
  ): Promise<Map<number, Date | null>> {
    if (items.length === 0) return new Map();
    const kept: { n: number; at: Date | null }[] = await tx.query(
      `WITH x AS (SELECT * FROM json_to_recordset($3::json) AS x(n int, id uuid, kind text, external_id text, account_external_id text, raw jsonb)),
            put AS (INSERT INTO waiting_item AS w (id, division_id, source_system, kind, external_id, account_external_id, raw)
                    SELECT id, $1, $2, kind, external_id, account_external_id, raw FROM x
                    ON CONFLICT (division_id, source_system, kind, external_id)
                    DO UPDATE SET raw = EXCLUDED.raw, account_external_id = EXCLUDED.account_external_id, received_at = now()
                    WHERE NOT ${olderThanWaiting('EXCLUDED.raw', 'w')}
                    RETURNING w.kind, w.external_id)
       SELECT x.n, (SELECT (w.raw->>'sourceUpdatedAt')::timestamptz FROM waiting_item w
                     WHERE w.division_id = $1 AND w.source_system = $2 AND w.kind = x.kind AND w.external_id = x.external_id) AS at
         FROM x WHERE NOT EXISTS (SELECT 1 FROM put WHERE put.kind = x.kind AND put.external_id = x.external_id)`,
      [divisionId, sourceSystem, JSON.stringify(items.map((i, n) => ({ n, id: orderedId(), kind: i.kind, external_id: i.externalId, account_external_id: i.accountExternalId, raw: i.raw })))],
    );
    return new Map(kept.map((k) => [k.n, k.at]));
  },

  /** Takes (and removes) the items that waited for any of these account records. */
  async takeWaiting(tx: EntityManager, divisionId: string, sourceSystem: string, accountExternalIds: string[]): Promise<WaitingItem[]> {
    if (accountExternalIds.length === 0) return [];
    return tx.query(
      `WITH taken AS (
         DELETE FROM waiting_item w USING ${rowsByExternalIds('waiting_item', 'x', { ids: '$3', column: 'account_external_id' })} WHERE w.id = x.id
         RETURNING w.id, w.kind, w.external_id AS "externalId", w.raw, w.received_at)
       SELECT id, kind, "externalId", raw, received_at AS "receivedAt" FROM taken ORDER BY received_at, id`,
      [divisionId, sourceSystem, accountExternalIds],
    );
  },

  /**
   * Drops waiting copies of items that have now landed (sent again with their account), given when their system
   * changed them (sourceUpdatedAt) when said: a waiting copy changed later stays, and lands when its account does.
   * Most batches have none to drop: when nothing of this system waits, one index probe says so and the items are
   * not looked up one by one.
   */
  async forgetWaiting(tx: EntityManager, divisionId: string, sourceSystem: string, items: { kind: IngestItemKind; externalId: string; sourceUpdatedAt?: Date | null }[]) {
    if (items.length === 0) return;
    await tx.query(
      `DELETE FROM waiting_item w USING unnest($3::text[], $4::text[], $5::timestamptz[]) AS x(kind, external_id, source_updated_at)
        WHERE w.division_id = ${unseen('$1', 'uuid')} AND w.source_system = ${unseen('$2', 'text')} AND w.kind = x.kind AND w.external_id = x.external_id
          AND EXISTS (SELECT 1 FROM waiting_item o WHERE o.division_id = $1 AND o.source_system = $2)
          AND CASE WHEN x.source_updated_at IS NULL OR w.kind = '${IngestItemKind.CRITICAL_INFO}' OR w.raw->>'sourceUpdatedAt' IS NULL THEN true
                   ELSE (w.raw->>'sourceUpdatedAt')::timestamptz <= x.source_updated_at END`,
      [divisionId, sourceSystem, items.map((i) => i.kind), items.map((i) => i.externalId), items.map((i) => i.sourceUpdatedAt?.toISOString() ?? null)],
    );
  },

  /**
   * Stores rejected items verbatim with where and why (text PostgreSQL cannot
   * store, which is itself a reason to reject, with U+FFFD in its place), each
   * received when the hub received it (an item that waited: when it came);
   * returns their ids in the order given. Time-ordered ids: the items of one
   * batch are re-processed in the batch's order; with the copy each keeps (KeptRejection). `superseded`: copies a later
   * copy of their record replaced, kept settled (SUPERSEDED) at once; the same
   * copy replaced again (the batch sent again) is the item kept already.
   */
  async reject(tx: EntityManager, divisionId: string, sourceSystem: string, rejections: Rejection[], { superseded = false } = {}): Promise<KeptRejection[]> {
    if (rejections.length === 0) return [];
    // The same item rejected again (a file imported again unfixed, a system sending on) is the rejected item already open
    // for it, tried once more and received again, not another copy of it (found by exploratory testing: they piled up).
    // Requests rejecting the same item at the same moment take turns, or each would find none open and add its own.
    await lockRejectedItems(tx, divisionId, sourceSystem, rejections);
    const sent = rejections.map((r, n) => storableCopy({
      n, id: orderedId(), kind: r.kind, external_id: r.externalId, path: r.path, reason: r.reason, raw: r.raw, received_at: r.receivedAt?.toISOString() ?? null,
    }) as { n: number; path: string; raw: Record<string, unknown> });
    // The same open item is the same content whenever its system changed it (refusedIdentity, issue 4: another
    // sourceUpdatedAt made a second one), and keeps its newest copy (keptRefusedCopyHolds), decided here: the times kept
    // may be any text. A copy a later one replaced ($4) is kept as sent: only the very same copy is the one kept already.
    // An item without an externalId (critical info: told by its account, field key and content) is the one without one of
    // the same content (found by review: each batch sending it again added another), found by its content hash (issue 4,
    // found in review: matched on the jsonb alone, every open one of the system was read); two joins, each by an index.
    const sameContent = `CASE WHEN $4 THEN r.raw = x.raw AND r.settled_as = 'SUPERSEDED' ELSE (r.raw - 'sourceUpdatedAt') = (x.raw - 'sourceUpdatedAt') AND r.resolved_at IS NULL END`;
    const same: { n: number; id: string; raw: Record<string, unknown>; path: string }[] = await tx.query(
      `WITH x AS (SELECT * FROM json_to_recordset($3::json) AS x(n int, kind text, external_id text, raw jsonb))
       SELECT DISTINCT ON (n) n, id, raw, path FROM (
         SELECT x.n, r.id, r.raw, r.path, r.received_at FROM x JOIN rejected_item r ON r.division_id = $1 AND r.source_system = $2 AND r.kind = x.kind
            AND r.external_id = x.external_id AND ${sameContent}
         UNION ALL
         SELECT x.n, r.id, r.raw, r.path, r.received_at FROM x JOIN rejected_item r ON r.division_id = $1 AND r.source_system = $2 AND r.kind = x.kind
            AND x.external_id IS NULL AND r.external_id IS NULL AND r.content_hash = ${REFUSED_CONTENT_HASH('x.raw')} AND ${sameContent}) s
        ORDER BY n, received_at DESC`,
      [divisionId, sourceSystem, JSON.stringify(sent.map(({ n, kind, external_id, raw }: Record<string, unknown>) => ({ n, kind, external_id, raw }))), superseded],
    );
    const found = new Map(same.map((r) => [r.n, r]));
    const rows: (KeptRejection & { n: number })[] = await tx.query(
      `WITH x AS (SELECT * FROM json_to_recordset($3::json)
                    AS x(n int, id uuid, same_id uuid, newer boolean, kind text, external_id text, path text, reason text, raw jsonb, received_at timestamptz)),
            again AS (UPDATE rejected_item r SET attempts = r.attempts + 1, received_at = coalesce(x.received_at, now()),
                             path = CASE WHEN x.newer THEN x.path ELSE r.path END, reason = CASE WHEN x.newer THEN x.reason ELSE r.reason END,
                             raw = CASE WHEN x.newer THEN x.raw ELSE r.raw END
                        FROM x WHERE r.id = x.same_id AND ($4 OR r.resolved_at IS NULL) RETURNING x.n, r.id, r.raw, r.path),
            added AS (INSERT INTO rejected_item (id, division_id, source_system, kind, external_id, path, reason, raw, received_at, resolved_at, settled_as)
                      SELECT id, $1, $2, kind, external_id, path, reason, raw, coalesce(received_at, now()),
                             CASE WHEN $4 THEN now() END, CASE WHEN $4 THEN 'SUPERSEDED' END
                        FROM x WHERE x.same_id IS NULL
                      RETURNING id)
       SELECT n, id, raw, path FROM again UNION ALL SELECT n, id, raw, path FROM x WHERE x.same_id IS NULL`,
      [divisionId, sourceSystem, JSON.stringify(sent.map((x) => {
        const kept = found.get(x.n);
        return { ...x, same_id: kept?.id ?? null, newer: kept ? !keptRefusedCopyHolds(x, kept) : false };
      })), superseded],
    );
    const keptOf = new Map(rows.map(({ n, ...kept }) => [n, kept]));
    // An open item settled (dismissed) by another request after it was found above is not folded into: the copy is an
    // item of its own, open (found in review: a newer refused copy hid in the dismissed item, the audit naming another).
    const settledMeanwhile = rejections.filter((_, n) => !keptOf.has(n));
    if (settledMeanwhile.length > 0) {
      const again = await heldItems.reject(tx, divisionId, sourceSystem, settledMeanwhile, { superseded });
      rejections.forEach((_, n) => { if (!keptOf.has(n)) keptOf.set(n, again.shift()!); });
    }
    return rejections.map((_, n) => keptOf.get(n)!);
  },
};

/**
 * SQL: the content hash of a refused item without an externalId (its raw JSON), as rejected_item.content_hash holds it
 * (a generated column: migration 1763906400000 writes the same expression). Of the content as compared (sameContent:
 * without sourceUpdatedAt), so the same content has the same hash: raw comes as JSON text from here, whose numbers
 * JavaScript writes in one form each, and jsonb writes a value's text in one form. The content is still compared: the
 * hash only finds the candidates, by rejected_item_content_idx. A row written by hand with a number in another scale
 * ("1.50" where the hub wrote 1.5) is equal as jsonb but not found by its hash: the copy becomes an open item of its
 * own, a duplicate in the list, nothing lost (found in review).
 */
const REFUSED_CONTENT_HASH = (raw: string) => `md5((${raw} - 'sourceUpdatedAt')::text)`;

/**
 * SQL: whether a copy (its raw JSON) is older than the waiting item `w` of its record: both say when their system
 * changed them (sourceUpdatedAt, kept as ISO text) and it says earlier. Critical info says no such time (assertedAt).
 */
function olderThanWaiting(raw: string, w: string): string {
  return `CASE WHEN ${w}.kind = '${IngestItemKind.CRITICAL_INFO}' OR ${raw}->>'sourceUpdatedAt' IS NULL OR ${w}.raw->>'sourceUpdatedAt' IS NULL THEN false
               ELSE (${raw}->>'sourceUpdatedAt')::timestamptz < (${w}.raw->>'sourceUpdatedAt')::timestamptz END`;
}

/** The class of the rejected-item locks (two-key advisory locks: this, and the hash of the item's natural key). */
const REJECTED_ITEM_LOCK = 0x0c_4e_1e;

/** Locks the natural keys of the items about to be rejected, in one order so two requests never wait for each other in turn. */
async function lockRejectedItems(tx: EntityManager, divisionId: string, sourceSystem: string, rejections: Rejection[]): Promise<void> {
  // An item without an externalId (critical info) by its account and field key: the same refused item has both.
  const key = (r: Rejection) => (r.externalId != null ? r.externalId : `~${JSON.stringify([r.raw.accountExternalId ?? null, r.raw.fieldKey ?? null])}`);
  const keys = [...new Set(rejections.map((r) => `${divisionId}/${sourceSystem}/${r.kind}/${key(r)}`))];
  if (keys.length === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest($2::text[]) AS x ORDER BY 1) keys`, [REJECTED_ITEM_LOCK, keys]);
}

/** The tables of the kinds of items that are versioned records (critical info is history, not versions). */
const VERSIONED_TABLES: Record<string, string> = {
  [IngestItemKind.ACCOUNT]: 'source_account_record',
  [IngestItemKind.CONTACT]: 'source_contact_record',
  [IngestItemKind.TOUCHPOINT]: 'touchpoint',
  [IngestItemKind.OPPORTUNITY]: 'opportunity',
};

/** The version of a record that landed after a rejected copy of it was received. */
export interface SupersedingVersion {
  recordId: string;
  accountId: string | null;
  version: number;
  receivedAt: Date;
  /** When its system changed it (sourceUpdatedAt), when said. */
  sourceUpdatedAt: Date | null;
  /** Superseding by that time (the rejected copy says an earlier one), not by arrival. */
  byTime: boolean;
}

const REJECTED_COLUMNS = `id, division_id AS "divisionId", source_system AS "sourceSystem", kind, external_id AS "externalId", path, reason, raw,
  received_at AS "receivedAt", resolved_at AS "resolvedAt", settled_as AS "settledAs", attempts`;

/** The SQL of the rejected-items list and its re-processing. */
export const rejectedItems = {
  /** Newest first (keyset on received_at, id); only the unresolved ones unless asked. */
  list(db: DataSource, includeResolved: boolean, limit: number, after?: [string, string]): Promise<SortKeyed<RejectedItemRow>[]> {
    return db.query(
      `SELECT ${REJECTED_COLUMNS}, received_at::text AS "sortKey" FROM rejected_item
        WHERE ($1 OR resolved_at IS NULL) AND ($2::timestamptz IS NULL OR (received_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY received_at DESC, id DESC LIMIT $4`,
      [includeResolved, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  },

  lock(tx: EntityManager, ids: string[]): Promise<RejectedItemRow[]> {
    return tx.query(`SELECT ${REJECTED_COLUMNS} FROM rejected_item WHERE id = ANY($1::uuid[]) ORDER BY received_at, id FOR UPDATE`, [ids]);
  },

  /**
   * Settles (SUPERSEDED) the open rejected copies of records a batch has landed, received before it: what the
   * system sent since holds (found by exploratory testing: a fixed version landed, its rejected copy stayed open).
   * Not a copy its system changed later (sourceUpdatedAt) than the landed one (`landedAt`, ms): that one is newer
   * than what landed and stays open, to be fixed and re-processed (issue 4: an older copy landing settled it). When
   * either does not say, or the copy was refused for its time (it says none to go by), arrival decides, as before.
   * Times are read here, not in SQL: a rejected copy's may be any text; only a copy still as read is settled.
   */
  async settleLanded(tx: EntityManager, divisionId: string, sourceSystem: string, landed: { kind: string; externalId: string; landedAt: number | null }[]): Promise<void> {
    if (landed.length === 0) return;
    const open: { id: string; raw: Record<string, unknown>; path: string; landedAt: Date | null }[] = await tx.query(
      `SELECT r.id, jsonb_build_object('sourceUpdatedAt', r.raw->'sourceUpdatedAt') AS raw, r.path, x.at AS "landedAt"
         FROM rejected_item r JOIN unnest($3::text[], $4::text[], $5::timestamptz[]) AS x(kind, external_id, at)
           ON r.division_id = $1 AND r.source_system = $2 AND r.kind = x.kind AND r.external_id = x.external_id
        WHERE r.resolved_at IS NULL AND r.received_at < now()`,
      [divisionId, sourceSystem, landed.map((l) => l.kind), landed.map((l) => l.externalId), landed.map((l) => (l.landedAt === null ? null : new Date(l.landedAt).toISOString()))]);
    const settled = open.filter((r) => !refusedCopyIsNewer(r.raw, r.path, r.landedAt?.getTime() ?? null));
    if (settled.length === 0) return;
    // Only the copy decided on: a request rejecting the same item meanwhile (reject) may have kept a newer copy of it, which
    // stays open (found by review: it was closed, re-checked only for being open). Read unlocked, so checked as it is now.
    await tx.query(
      `UPDATE rejected_item r SET resolved_at = now(), settled_as = 'SUPERSEDED' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, at, path)
        WHERE r.id = x.id AND r.resolved_at IS NULL AND r.path = x.path AND coalesce(r.raw->'sourceUpdatedAt', 'null'::jsonb) = x.at::jsonb`,
      [settled.map((r) => r.id), settled.map((r) => JSON.stringify(r.raw.sourceUpdatedAt ?? null)), settled.map((r) => r.path)]);
  },

  /** Settles (SUPERSEDED) rejected items a later copy of their record in the same batch has replaced. */
  async settleSuperseded(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await tx.query(`UPDATE rejected_item SET resolved_at = now(), settled_as = 'SUPERSEDED' WHERE id = ANY($1::uuid[]) AND resolved_at IS NULL`, [ids]);
  },

  /** Settles these open items DISMISSED (an admin's decision: they can never land); the rows, raw included, stay. */
  async dismiss(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await tx.query(`UPDATE rejected_item SET resolved_at = now(), settled_as = 'DISMISSED' WHERE id = ANY($1::uuid[]) AND resolved_at IS NULL`, [ids]);
  },

  /** Settles these items: they landed, or were set aside for a newer version or copy of their record. */
  async resolve(tx: EntityManager, ids: string[], as: RejectedItemSettlement): Promise<void> {
    if (ids.length) await tx.query(`UPDATE rejected_item SET resolved_at = now(), settled_as = $2, attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [ids, as]);
  },

  /**
   * Of these rejected items, those whose record the hub holds in a version
   * received after them (a later batch sent it changed, or sent it first),
   * with that version: the current version's arrival is when the hub
   * received it if it landed later (received_at: it waited for its account;
   * else a copy sent at t2 and rejected, re-processed after the account
   * arrived, was set aside for the t1 copy that waited and landed after t2),
   * else when the previous one was kept (source_record_version), or the
   * record's creation for a first version; a version that an earlier re-processing landed from a rejected
   * copy (settled LANDED in that same transaction) was received when that
   * copy was, not when it landed: else the older of two rejected copies,
   * re-processed first, set the newer one aside. A copy rejected beside the
   * version it lost to (a duplicate in one batch) is not superseded by it:
   * the two were received together. When both the copy and the version say when their system changed them
   * (sourceUpdatedAt) and the times differ, that decides instead: a copy changed later is not superseded by a
   * version received after it (it waited for its account), and one changed earlier is, whenever it came.
   */
  async superseded(tx: EntityManager, ids: string[]): Promise<Map<string, SupersedingVersion>> {
    if (ids.length === 0) return new Map();
    // Account records never wait: they have no received_at.
    const branches = Object.entries(VERSIONED_TABLES).map(([kind, table]) =>
      `SELECT t.id, t.account_id, t.version, t.created_at, ${kind === IngestItemKind.ACCOUNT ? 'NULL::timestamptz' : 't.received_at'} AS received_at, t.source_updated_at FROM ${table} t
        WHERE r.kind = '${kind}' AND t.division_id = r.division_id AND t.source_system = r.source_system AND t.external_id = r.external_id`);
    const rows: (Omit<SupersedingVersion, 'byTime'> & { id: string; raw: Record<string, unknown>; copyReceivedAt: Date })[] = await tx.query(
      `SELECT r.id, r.raw, r.received_at AS "copyReceivedAt", s.id AS "recordId", s.account_id AS "accountId", s.version, s.received_at AS "receivedAt",
              s.source_updated_at AS "sourceUpdatedAt"
         FROM rejected_item r
         CROSS JOIN LATERAL (
           SELECT a.id, a.account_id, a.version, a.source_updated_at,
                  coalesce((SELECT max(x.received_at) FROM rejected_item x
                             WHERE x.division_id = r.division_id AND x.source_system = r.source_system AND x.kind = r.kind
                               AND x.external_id = r.external_id AND x.settled_as = 'LANDED' AND x.resolved_at = a.arrived), a.arrived) AS received_at
             FROM (SELECT t.id, t.account_id, t.version, t.source_updated_at, coalesce(t.received_at, v.received_at, t.created_at) AS arrived
                     FROM (${branches.join(' UNION ALL ')}) t
                     LEFT JOIN source_record_version v ON v.record_id = t.id AND v.version = t.version - 1) a) s
        WHERE r.id = ANY($1::uuid[]) AND r.external_id IS NOT NULL`,
      [ids],
    );
    const superseding = new Map<string, SupersedingVersion>();
    for (const { id, raw, copyReceivedAt, ...version } of rows) {
      // The copy's time as it was sent (a rejected copy may say none, or one that is no instant).
      const copyAt = typeof raw.sourceUpdatedAt === 'string' ? parseInstant(raw.sourceUpdatedAt)?.getTime() ?? null : null;
      const heldAt = version.sourceUpdatedAt?.getTime() ?? null;
      const byTime = copyAt !== null && heldAt !== null && copyAt !== heldAt;
      if (byTime ? heldAt! > copyAt! : version.receivedAt > copyReceivedAt) superseding.set(id, { ...version, byTime });
    }
    return superseding;
  },

  async retry(tx: EntityManager, id: string, path: string, reason: string): Promise<void> {
    await tx.query(`UPDATE rejected_item SET path = $2, reason = $3, attempts = attempts + 1 WHERE id = $1`, [id, path, reason]);
  },
};
