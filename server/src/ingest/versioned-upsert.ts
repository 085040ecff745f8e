import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/transient';
import { engagementRollups } from '../engagement/rollups';
import { changesText, timelineWords } from '../touchpoints/timeline-words';
import { rowsByExternalIds, unseen } from './natural-key';
import { orderedId } from './ordered-id';

/** One record of a division's system, ready to store: its natural key, content hash and column values. */
export interface SourceRow {
  externalId: string;
  hash: string;
  /** The hashes versions before stored for the same content, where they differ (formerContentHashes). */
  formerHashes?: readonly string[];
  /** Column name → value, in the order of the spec's columns. */
  values: Record<string, unknown>;
  /** When the division's system last changed the record (sourceUpdatedAt), when it says: kept with the version, not part of its hash. */
  sourceUpdatedAt?: Date | null;
}

export type UpsertStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface UpsertOutcome {
  id: string;
  status: UpsertStatus;
  /** UNCHANGED for being older (sourceUpdatedAt) than the stored version: when that one was changed. Nothing was written. */
  olderThan?: Date;
}

/** A table keyed by (division_id, source_system, external_id) with `version` and `content_hash`. */
export interface VersionedTable {
  table: 'source_account_record' | 'source_contact_record' | 'touchpoint' | 'opportunity';
  kind: 'ACCOUNT' | 'CONTACT' | 'TOUCHPOINT' | 'OPPORTUNITY';
  /** Column name → PostgreSQL type. */
  columns: Record<string, string>;
  /**
   * Rows counted in the engagement rollups and in the timeline's word index (touchpoints): new ones, and those changed
   * in what the rollups count or in their text, become pending (engagement/rollups.ts, touchpoints/timeline-words.ts).
   */
  counted?: true;
  /**
   * New rows get time-ordered ids made here (ordered-id.ts) instead of random ones: blocking takes a crowded
   * key's first holders by record id, which are then the oldest, the same on every run (contact records).
   */
  orderedIds?: true;
}

/** What a table holds of some records: id, content hash and when its system changed the current version (if said), by external id. */
export type StoredRows = Map<string, StoredRow>;
export interface StoredRow {
  id: string;
  hash: string;
  sourceUpdatedAt: Date | null;
}

/**
 * Whether a record's former hashes (formerContentHashes) can matter: only against a stored row that holds another hash
 * than its own. Most of a batch is new or held as sent: those are not hashed a second time, which keeps the hot path
 * as fast (every writer asks this before it hashes them).
 */
export function storedOtherwise(stored: StoredRows, externalId: string, hash: string): boolean {
  const row = stored.get(externalId);
  return row !== undefined && row.hash !== hash;
}

/** Whether a stored row holds what a row sends: the same hash, or the one versions before stored for the same content. */
export function holdsSame(stored: { hash: string } | undefined, row: { hash: string; formerHashes?: readonly string[] }): boolean {
  return stored !== undefined && (stored.hash === row.hash || (row.formerHashes !== undefined && row.formerHashes.includes(stored.hash)));
}

/**
 * What the stored version alone decides of a row, before anything is written: UNCHANGED when it holds the same
 * content, or when the row is an older version than it (both say when their system changed them, the row earlier:
 * a delayed or re-sent old version, which must not regress the record); null when the row is to be written.
 * Equal times with other content go by arrival, as rows that do not say when.
 */
export function settledByStored(stored: StoredRow | undefined, row: { hash: string; formerHashes?: readonly string[]; sourceUpdatedAt?: Date | null }): UpsertOutcome | null {
  if (!stored) return null;
  if (holdsSame(stored, row)) return { id: stored.id, status: 'UNCHANGED' };
  const at = row.sourceUpdatedAt?.getTime() ?? null;
  const storedAt = stored.sourceUpdatedAt?.getTime() ?? null;
  if (at !== null && storedAt !== null && at < storedAt) return { id: stored.id, status: 'UNCHANGED', olderThan: stored.sourceUpdatedAt! };
  return null;
}

/** The same content as stored, said to be changed later than the stored version says (or than nothing): the time to keep. */
function laterTime(stored: StoredRow | undefined, row: SourceRow): boolean {
  return holdsSame(stored, row) && !!row.sourceUpdatedAt && !!stored && (!stored.sourceUpdatedAt || stored.sourceUpdatedAt < row.sourceUpdatedAt);
}

/**
 * Stores records set-based (one statement per step, whatever the batch size):
 * new ones are inserted, changed ones updated with their previous version
 * copied to `source_record_version`, identical ones left alone. Identity is the
 * natural key; the content hash decides "changed". A version older than the
 * stored one (sourceUpdatedAt, when both say) is left alone too (settledByStored);
 * an identical one said to be changed later only moves the stored time on
 * (one statement, when there are such rows), without a new version: later
 * versions are compared with it. `stored` is what storedRows said of these
 * records, when the caller already asked. Rows it settles need no values.
 */
export async function versionedUpsert(
  tx: EntityManager,
  spec: VersionedTable,
  divisionId: string,
  sourceSystem: string,
  rows: readonly SourceRow[],
  stored?: StoredRows,
): Promise<Map<string, UpsertOutcome>> {
  const outcome = new Map<string, UpsertOutcome>();
  if (rows.length === 0) return outcome;
  const existing = stored ?? await storedRows(tx, spec, divisionId, sourceSystem, rows.map((r) => r.externalId));
  const fresh = rows.filter((r) => !existing.has(r.externalId));
  const changed: SourceRow[] = [];
  const retimed = rows.filter((r) => laterTime(existing.get(r.externalId), r));
  for (const row of rows) {
    if (!existing.has(row.externalId)) continue;
    const settled = settledByStored(existing.get(row.externalId), row);
    if (settled) outcome.set(row.externalId, settled);
    else changed.push(row);
  }
  for (const [externalId, id] of await insertRows(tx, spec, divisionId, sourceSystem, fresh)) {
    outcome.set(externalId, { id, status: 'CREATED' });
  }
  // Lost a race with a concurrent ingest of the same new record: it exists now, so treat it as an update.
  const raced = fresh.filter((r) => !outcome.has(r.externalId));
  if (raced.length > 0) {
    const now = await storedRows(tx, spec, divisionId, sourceSystem, raced.map((r) => r.externalId));
    for (const row of raced) {
      const settled = settledByStored(now.get(row.externalId)!, row);
      if (laterTime(now.get(row.externalId), row)) retimed.push(row);
      if (settled) outcome.set(row.externalId, settled);
      else changed.push(row);
    }
  }
  const { updated, settledNow, retimedNow } = await updateRows(tx, spec, divisionId, sourceSystem, changed);
  for (const [externalId, id] of updated) outcome.set(externalId, { id, status: 'UPDATED' });
  for (const [externalId, settled] of settledNow) outcome.set(externalId, settled);
  await keepLaterTimes(tx, spec, divisionId, sourceSystem, [...retimed, ...retimedNow]);
  return outcome;
}

/**
 * Moves the stored time of versions sent again the same, said to be changed later (laterTime), on to that time:
 * no new version (nothing else changed), but an older version arriving after it is compared with the later time.
 * Only onto the same content (its hash, or a former hash a record stored before empty lists or `confidential: false`
 * were dropped from hashes holds: holdsSame) and to a later time, checked again as each row is updated: a batch beside this one
 * may have changed the record or its time since it was read.
 */
async function keepLaterTimes(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE ${spec.table} t SET source_updated_at = x.source_updated_at
       FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS x(external_id, content_hash, source_updated_at, former_hashes)
      WHERE t.division_id = ${unseen('$1', 'uuid')} AND t.source_system = ${unseen('$2', 'text')} AND t.external_id = x.external_id
        AND (t.content_hash = x.content_hash OR t.content_hash = ANY(string_to_array(x.former_hashes, ' '))) AND (t.source_updated_at IS NULL OR t.source_updated_at < x.source_updated_at)`,
    [divisionId, sourceSystem, rows.map((r) => r.externalId), rows.map((r) => r.hash), rows.map((r) => r.sourceUpdatedAt!.toISOString()), rows.map((r) => r.formerHashes?.join(' ') ?? null)],
  );
}

/** The stored id and content hash of these records (those the table holds). */
export async function storedRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<StoredRows> {
  if (externalIds.length === 0) return new Map();
  const found: ({ externalId: string } & StoredRow)[] = await tx.query(
    `SELECT t.external_id AS "externalId", t.id, t.content_hash AS hash, t.source_updated_at AS "sourceUpdatedAt" FROM ${rowsByExternalIds(spec.table, 't', { ids: '$3' })}`,
    [divisionId, sourceSystem, arrayLiteral(externalIds, element)],
  );
  return new Map(found.map(({ externalId, ...row }) => [externalId, row]));
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/** An element of a PostgreSQL array literal: quoted, `\\` and `"` escaped; NULL for null. */
function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`;
}

/**
 * A PostgreSQL array literal: `{"a","b \\"c\\"",NULL}`. Made by one join, braces
 * included, so it is one flat string: the driver measures and encodes it as it
 * is instead of copying a rope of a megabyte first.
 */
function arrayLiteral<T>(values: readonly T[], toElement: (value: T) => string): string {
  if (values.length === 0) return '{}';
  const parts = values.map(toElement);
  parts[0] = `{${parts[0]}`;
  parts[parts.length - 1] += '}';
  return parts.join(',');
}

/**
 * An array value (text[], uuid[], …) as an element of the outer literal: its own literal, quoted. Written at once
 * when no value is null or holds a quote or backslash (nearly always: emails, ids): `"{\\"a\\",\\"b\\"}"`, as escaping
 * the inner literal gives, without making it and scanning it again; otherwise so.
 */
function nestedElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const list = value as readonly unknown[];
  let out = '"{';
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v === null || v === undefined) return element(arrayLiteral(list, element));
    const text = v instanceof Date ? v.toISOString() : String(v);
    if (NEEDS_ESCAPE.test(text)) return element(arrayLiteral(list, element));
    out += i === 0 ? `\\"${text}\\"` : `,\\"${text}\\"`;
  }
  return `${out}}"`;
}

/** A jsonb value as an element: its JSON text, quoted. */
const jsonElement = (value: unknown) => (value === null || value === undefined ? 'NULL' : element(JSON.stringify(value)));

/**
 * The rows as a derived table `x` (external_id, content_hash, then the spec's
 * columns, typed): one array parameter per column, from `$first` on, unnested
 * side by side in the select list. Cheaper for PostgreSQL than a JSON
 * recordset (no JSON to parse, no tuplestore) and for us: each parameter is
 * one array literal we write ourselves (array and jsonb columns travel as the
 * text of their values and are cast back).
 */
function rowsFrom(spec: VersionedTable, rows: readonly SourceRow[], first: number): { from: string; params: string[] } {
  const params = [arrayLiteral(rows, (r) => element(r.externalId)), arrayLiteral(rows, (r) => element(r.hash)), arrayLiteral(rows, (r) => element(r.sourceUpdatedAt))];
  for (const [name, type] of Object.entries(spec.columns)) params.push(columnParam(rows, name, type));
  return { from: unnestedFrom(spec.columns, first), params };
}

/** The derived table `x` of rowsFrom: its parameters unnested side by side, from `$first` on. */
function unnestedFrom(columns: Record<string, string>, first: number): string {
  const unnests = [`unnest($${first}::text[]) AS external_id`, `unnest($${first + 1}::text[]) AS content_hash`, `unnest($${first + 2}::timestamptz[]) AS source_updated_at`];
  for (const [name, type] of Object.entries(columns)) {
    const $n = `$${first + unnests.length}`;
    unnests.push(type.endsWith('[]') || type === 'jsonb' ? `unnest(${$n}::text[])::${type} AS ${name}` : `unnest(${$n}::${type}[]) AS ${name}`);
  }
  return `(SELECT ${unnests.join(', ')}) AS x`;
}

/** One column of the rows as the array literal rowsFrom sends (array and jsonb values as the text of their values). */
function columnParam(rows: readonly SourceRow[], name: string, type: string): string {
  if (type.endsWith('[]') || type === 'jsonb') {
    const toElement = type === 'jsonb' ? jsonElement : nestedElement;
    return arrayLiteral(rows, (r) => toElement(r.values[name]));
  }
  return arrayLiteral(rows, (r) => element(r.values[name]));
}

async function insertRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[]) {
  if (rows.length === 0) return new Map<string, string>();
  const columns = spec.orderedIds ? { id: 'uuid', ...spec.columns } : spec.columns;
  const names = Object.keys(columns);
  const { from, params } = rowsFrom({ ...spec, columns }, spec.orderedIds ? rows.map((r) => ({ ...r, values: { id: orderedId(), ...r.values } })) : rows, 3);
  const insertOnly = (onConflict: string) => `INSERT INTO ${spec.table} (division_id, source_system, external_id, content_hash, source_updated_at, ${names.join(', ')})
     SELECT $1, $2, x.external_id, x.content_hash, x.source_updated_at, ${names.map((n) => `x.${n}`).join(', ')} FROM ${from}
     ${onConflict}`;
  // Counted rows arrive pending, in the same statement (their ids are made by it: spec.orderedIds is not for counted tables).
  const insert = (onConflict: string) => (spec.counted
    ? `WITH added AS (${insertOnly(onConflict)} RETURNING external_id, ${engagementRollups.RETURNING}), pending AS (${engagementRollups.pendFrom('added', { inserted: !spec.orderedIds })})
       SELECT external_id AS "externalId", id FROM added`
    : `${insertOnly(onConflict)} RETURNING external_id AS "externalId", id`);
  // A plain INSERT is a fifth faster than ON CONFLICT's speculative insertion (measured). Only a concurrent
  // ingest of the same new records can collide: then this batch falls back to skipping what the other stored.
  await tx.query('SAVEPOINT versioned_insert');
  let inserted: { externalId: string; id: string }[];
  try {
    inserted = await tx.query(insert(''), [divisionId, sourceSystem, ...params]);
    await tx.query('RELEASE SAVEPOINT versioned_insert');
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT versioned_insert');
    inserted = await tx.query(insert('ON CONFLICT (division_id, source_system, external_id) DO NOTHING'), [divisionId, sourceSystem, ...params]);
  }
  return new Map(inserted.map((row) => [row.externalId, row.id]));
}

/** Columns a new row gets beyond its spec's: typed values in each row's `values`, and SQL expressions the same for every row. */
export interface ExtraColumns {
  typed: Record<string, string>;
  constant: Record<string, string>;
}

/**
 * Inserts rows the caller knows are new, with further columns (the id chosen
 * by the caller, a link decided before the insert): a plain INSERT, no
 * fallback, so the caller must make sure no concurrent ingest stores the same
 * records (account records: under the linking lock, see account-writer.ts).
 */
export async function insertNewRows(
  tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[], extra: ExtraColumns,
): Promise<void> {
  await prepareNewRows(tx, spec, divisionId, sourceSystem, rows, extra)();
}

/**
 * insertNewRows in two steps: the rows' own columns are written into the
 * statement's parameters now (most of the work: names, raw JSON, features),
 * and the returned function writes the extra columns, as `rows`' values hold
 * them when it is called, and inserts. A batch of new account records makes
 * the first part while PostgreSQL runs its blocking probe, before its links
 * are decided.
 */
export function prepareNewRows(
  tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[], extra: ExtraColumns,
): () => Promise<void> {
  if (rows.length === 0) return async () => undefined;
  const typed = { ...spec.columns, ...extra.typed };
  const { params } = rowsFrom(spec, rows, 3);
  const names = [...Object.keys(typed), ...Object.keys(extra.constant)];
  const values = [...Object.keys(typed).map((n) => `x.${n}`), ...Object.values(extra.constant)];
  const statement = `INSERT INTO ${spec.table} (division_id, source_system, external_id, content_hash, source_updated_at, ${names.join(', ')})
     SELECT $1, $2, x.external_id, x.content_hash, x.source_updated_at, ${values.join(', ')} FROM ${unnestedFrom(typed, 3)}`;
  return async () => {
    const extraParams = Object.entries(extra.typed).map(([name, type]) => columnParam(rows, name, type));
    await tx.query(statement, [divisionId, sourceSystem, ...params, ...extraParams]);
  };
}

/**
 * Updates changed rows, each after keeping the version it replaces. The rows are locked first (in id order, so two
 * batches never wait for each other in turn), and what they hold is read again once they are: a concurrent ingest
 * may have changed them since they were read unlocked. Without the lock, concurrent updates of one record each kept
 * the version they had read and the versions between were lost (found by exploratory testing: six at once kept one of
 * six); a row that already holds what this batch sends is UNCHANGED (`settledNow`), not a new version of the same, and so
 * is one older (sourceUpdatedAt) than what the row holds now (found: a change log imported again with --batch-size 1
 * --concurrency 8 wrote its old versions again over the newest, each batch having read the row before another wrote it).
 */
async function updateRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, changed: readonly SourceRow[]) {
  const settledNow = new Map<string, UpsertOutcome>();
  if (changed.length === 0) return { updated: new Map<string, string>(), settledNow, retimedNow: [] };
  const current: ({ externalId: string } & StoredRow)[] = await tx.query(
    `SELECT t.external_id AS "externalId", t.id, t.content_hash AS hash, t.source_updated_at AS "sourceUpdatedAt"
       FROM ${rowsByExternalIds(spec.table, 't', { ids: '$3' })} ORDER BY t.id FOR UPDATE OF t`,
    [divisionId, sourceSystem, changed.map((r) => r.externalId)],
  );
  const now = new Map(current.map((c) => [c.externalId, c]));
  for (const r of changed) {
    const settled = settledByStored(now.get(r.externalId), r);
    if (settled) settledNow.set(r.externalId, settled);
  }
  const retimedNow = changed.filter((r) => laterTime(now.get(r.externalId), r));
  const rows = changed.filter((r) => !settledNow.has(r.externalId));
  return { updated: await overwriteRows(tx, spec, divisionId, sourceSystem, rows), settledNow, retimedNow };
}

/** Overwrites locked rows with their new content, keeping the version each replaces. */
async function overwriteRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[]) {
  if (rows.length === 0) return new Map<string, string>();
  const names = Object.keys(spec.columns);
  // Keep the version being replaced, whole, before it is overwritten.
  await tx.query(
    `INSERT INTO source_record_version (record_id, version, kind, raw)
     SELECT t.id, t.version, $4, to_jsonb(t) - 'content_hash' FROM ${rowsByExternalIds(spec.table, 't', { ids: '$3' })}
     ON CONFLICT DO NOTHING`,
    [divisionId, sourceSystem, rows.map((r) => r.externalId), spec.kind],
  );
  const { from, params } = rowsFrom(spec, rows, 3);
  // Counted rows whose account, time, type, colleagues or people change leave the engagement rollups and lose their words before
  // they change, and are pending after; rows whose text alone changes get their words written again after (touchpoints/
  // timeline-words.ts); a change of other content alone touches neither. Locked as they are read: a merge or split moving one of
  // them meanwhile is waited for and its account read after it (else the account read before it was taken out of, and the
  // touchpoint stayed counted where the merge had moved it as well as pending).
  const recounted = new Set<string>();
  let reworded: { accountId: string; id: string }[] = [];
  if (spec.counted) {
    const changing: { accountId: string; id: string; counted: boolean }[] = await tx.query(
      `SELECT t.account_id AS "accountId", t.id, ${engagementRollups.changesCounted('t', 'x')} AS counted FROM ${from}
         CROSS JOIN LATERAL (SELECT * FROM ${spec.table} r WHERE r.division_id = $1 AND r.source_system = $2 AND r.external_id = x.external_id OFFSET 0) t
        WHERE ${engagementRollups.changesCounted('t', 'x')} OR ${changesText('t', 'x')}
        FOR UPDATE OF t`,
      [divisionId, sourceSystem, ...params],
    );
    const moving = changing.filter((c) => c.counted);
    reworded = changing.filter((c) => !c.counted);
    // Every rollup lock this needs in one go (a fold writing their words now is waited for), then uncount takes its again.
    await engagementRollups.lock(tx, changing.map((c) => c.accountId));
    await engagementRollups.uncount(tx, moving);
    await timelineWords.forget(tx, moving);
    for (const m of moving) recounted.add(m.id);
  }
  const updated: { externalId: string; id: string; accountId: string }[] = await tx.query(
    `WITH changed AS (
       UPDATE ${spec.table} t SET ${names.map((n) => `${n} = x.${n}`).join(', ')},
         content_hash = x.content_hash, source_updated_at = x.source_updated_at, version = t.version + 1, updated_at = now()
       FROM ${from}
       WHERE t.division_id = ${unseen('$1', 'uuid')} AND t.source_system = ${unseen('$2', 'text')} AND t.external_id = x.external_id
       RETURNING t.external_id AS "externalId", t.id, t.account_id AS "accountId")
     SELECT * FROM changed`,
    [divisionId, sourceSystem, ...params],
  );
  await engagementRollups.pend(tx, updated.filter((u) => recounted.has(u.id)));
  await timelineWords.rewrite(tx, reworded);
  return new Map(updated.map((row) => [row.externalId, row.id]));
}
