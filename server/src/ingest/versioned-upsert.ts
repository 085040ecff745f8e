import { EntityManager } from 'typeorm';

/** One record of a division's system, ready to store: its natural key, content hash and column values. */
export interface SourceRow {
  externalId: string;
  hash: string;
  /** Column name → value, in the order of the spec's columns. */
  values: Record<string, unknown>;
}

export type UpsertStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface UpsertOutcome {
  id: string;
  status: UpsertStatus;
}

/** A table keyed by (division_id, source_system, external_id) with `version` and `content_hash`. */
export interface VersionedTable {
  table: 'source_account_record' | 'source_contact_record' | 'touchpoint' | 'opportunity';
  kind: 'ACCOUNT' | 'CONTACT' | 'TOUCHPOINT' | 'OPPORTUNITY';
  /** Column name → PostgreSQL type, for json_to_recordset. */
  columns: Record<string, string>;
}

/**
 * Stores records set-based (one statement per step, whatever the batch size):
 * new ones are inserted, changed ones updated with their previous version
 * copied to `source_record_version`, identical ones left alone. Identity is the
 * natural key; the content hash decides "changed".
 */
export async function versionedUpsert(
  tx: EntityManager,
  spec: VersionedTable,
  divisionId: string,
  sourceSystem: string,
  rows: readonly SourceRow[],
): Promise<Map<string, UpsertOutcome>> {
  const outcome = new Map<string, UpsertOutcome>();
  if (rows.length === 0) return outcome;
  const existing = await existingRows(tx, spec, divisionId, sourceSystem, rows.map((r) => r.externalId));
  const fresh = rows.filter((r) => !existing.has(r.externalId));
  const changed = rows.filter((r) => existing.has(r.externalId) && existing.get(r.externalId)!.hash !== r.hash);
  for (const row of rows) {
    const known = existing.get(row.externalId);
    if (known && known.hash === row.hash) outcome.set(row.externalId, { id: known.id, status: 'UNCHANGED' });
  }
  for (const [externalId, id] of await insertRows(tx, spec, divisionId, sourceSystem, fresh)) {
    outcome.set(externalId, { id, status: 'CREATED' });
  }
  // Lost a race with a concurrent ingest of the same new record: it exists now, so treat it as an update.
  const raced = fresh.filter((r) => !outcome.has(r.externalId));
  if (raced.length > 0) {
    const now = await existingRows(tx, spec, divisionId, sourceSystem, raced.map((r) => r.externalId));
    for (const row of raced) {
      const known = now.get(row.externalId)!;
      if (known.hash === row.hash) outcome.set(row.externalId, { id: known.id, status: 'UNCHANGED' });
      else changed.push(row);
    }
  }
  for (const [externalId, id] of await updateRows(tx, spec, divisionId, sourceSystem, changed)) {
    outcome.set(externalId, { id, status: 'UPDATED' });
  }
  return outcome;
}

async function existingRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, externalIds: string[]) {
  const found: { externalId: string; id: string; hash: string }[] = await tx.query(
    `SELECT external_id AS "externalId", id, content_hash AS hash FROM ${spec.table}
      WHERE division_id = $1 AND source_system = $2 AND external_id = ANY($3::text[])`,
    [divisionId, sourceSystem, externalIds],
  );
  return new Map(found.map((row) => [row.externalId, row]));
}

function recordset(spec: VersionedTable): string {
  const columns = Object.entries(spec.columns).map(([name, type]) => `${name} ${type}`);
  return `json_to_recordset($3::json) AS x(external_id text, content_hash text, ${columns.join(', ')})`;
}

function payload(rows: readonly SourceRow[]): string {
  return JSON.stringify(rows.map((r) => ({ external_id: r.externalId, content_hash: r.hash, ...r.values })));
}

async function insertRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[]) {
  if (rows.length === 0) return new Map<string, string>();
  const names = Object.keys(spec.columns);
  const insert = (onConflict: string) => `INSERT INTO ${spec.table} (division_id, source_system, external_id, content_hash, ${names.join(', ')})
     SELECT $1, $2, x.external_id, x.content_hash, ${names.map((n) => `x.${n}`).join(', ')} FROM ${recordset(spec)}
     ${onConflict}
     RETURNING external_id AS "externalId", id`;
  const params = [divisionId, sourceSystem, payload(rows)];
  // A plain INSERT is a fifth faster than ON CONFLICT's speculative insertion (measured). Only a concurrent
  // ingest of the same new records can collide: then this batch falls back to skipping what the other stored.
  await tx.query('SAVEPOINT versioned_insert');
  let inserted: { externalId: string; id: string }[];
  try {
    inserted = await tx.query(insert(''), params);
    await tx.query('RELEASE SAVEPOINT versioned_insert');
  } catch (error) {
    const failure = error as { code?: string; driverError?: { code?: string } };
    if ((failure.driverError?.code ?? failure.code) !== '23505') throw error;
    await tx.query('ROLLBACK TO SAVEPOINT versioned_insert');
    inserted = await tx.query(insert('ON CONFLICT (division_id, source_system, external_id) DO NOTHING'), params);
  }
  return new Map(inserted.map((row) => [row.externalId, row.id]));
}

async function updateRows(tx: EntityManager, spec: VersionedTable, divisionId: string, sourceSystem: string, rows: readonly SourceRow[]) {
  if (rows.length === 0) return new Map<string, string>();
  const names = Object.keys(spec.columns);
  // Keep the version being replaced, whole, before it is overwritten.
  await tx.query(
    `INSERT INTO source_record_version (record_id, version, kind, raw)
     SELECT t.id, t.version, $4, to_jsonb(t) - 'content_hash' FROM ${spec.table} t
       JOIN ${recordset(spec)} ON x.external_id = t.external_id
      WHERE t.division_id = $1 AND t.source_system = $2
     ON CONFLICT DO NOTHING`,
    [divisionId, sourceSystem, payload(rows), spec.kind],
  );
  const updated: { externalId: string; id: string }[] = await tx.query(
    `WITH changed AS (
       UPDATE ${spec.table} t SET ${names.map((n) => `${n} = x.${n}`).join(', ')},
         content_hash = x.content_hash, version = t.version + 1, updated_at = now()
       FROM ${recordset(spec)}
       WHERE t.division_id = $1 AND t.source_system = $2 AND t.external_id = x.external_id
       RETURNING t.external_id AS "externalId", t.id)
     SELECT * FROM changed`,
    [divisionId, sourceSystem, payload(rows)],
  );
  return new Map(updated.map((row) => [row.externalId, row.id]));
}
