import { DataSource, EntityManager } from 'typeorm';
import { LifecycleStage } from '../accounts/account.entity';
import { isUuid } from '../common/ids';
import { rowsByExternalIds } from '../ingest/natural-key';
import { orderedId } from '../ingest/ordered-id';
import { TOUCHPOINT_COLUMNS, TouchpointRow } from '../touchpoints/timeline.repository';
import { CriticalInfoAssertion, CriticalInfoField } from './critical-info.types';
import { CriticalInfoType, CriticalValue, NumberRule } from './value';

type Db = DataSource | EntityManager;

const FIELD_COLUMNS = `f.id, f.key, f.label, f.why_critical AS "whyCritical", f.how_it_helps AS "howItHelps", f.type, f.options,
  f.required_stages AS "requiredInStages", f.staleness_days AS "stalenessDays", f.division_ids AS "divisionIds", f.position,
  f.retired_at AS "retiredAt", f.created_at AS "createdAt", f.updated_at AS "updatedAt",
  CASE WHEN f.type = 'NUMBER' THEN jsonb_build_object('wholeNumbers', f.number_whole, 'minimum', f.number_min, 'maximum', f.number_max) END AS "numberRule"`;

/**
 * A value naming a person (STAKEHOLDER_REF: a stakeholder id as a JSON string) answers with the person it was merged
 * into: two divisions naming two records of one person were a conflict after the people were merged (found by
 * exploratory testing). The CASE keeps other strings from the uuid cast; merged_into_id is one step (merges flatten it).
 */
const MERGED_PERSON_ID = `CASE WHEN jsonb_typeof(a.value) = 'string'
    AND a.value #>> '{}' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (a.value #>> '{}')::uuid END`;

/**
 * An assertion whose source touchpoint ingest named by its externalId resolves
 * to that touchpoint when it has arrived, in the same account.
 */
const ASSERTION_COLUMNS = `a.id, a.account_id AS "accountId", a.field_id AS "fieldId",
  CASE WHEN merged.merged_into_id IS NOT NULL THEN to_jsonb(merged.merged_into_id::text) ELSE a.value END AS value, a.division_id AS "divisionId",
  a.colleague_id AS "colleagueId", a.asserted_by_email AS "assertedByEmail", a.source_system AS "sourceSystem",
  COALESCE(a.source_touchpoint_id, te.id) AS "sourceTouchpointId", a.source_touchpoint_external_id AS "sourceTouchpointExternalId",
  a.note, a.resolves_conflict AS "resolvesConflict", a.resolved_assertion_ids AS "resolvedAssertionIds",
  a.asserted_at AS "assertedAt", a.recorded_at AS "recordedAt"`;

const ASSERTION_FROM = `critical_info_assertion a
  LEFT JOIN touchpoint te ON a.source_touchpoint_id IS NULL AND a.source_touchpoint_external_id IS NOT NULL
   AND te.division_id = a.division_id AND te.source_system = a.source_system AND te.external_id = a.source_touchpoint_external_id
   AND te.account_id = a.account_id
  LEFT JOIN stakeholder merged ON merged.id = ${MERGED_PERSON_ID}`;

/** The class of the per-field locks (two-key advisory locks: this, and the hash of account and field). */
const CRITICAL_INFO_FIELD_LOCK = 0x0c_1f_10;
/** The class of the catalogue lock (two-key advisory lock: this, and 0). */
const CRITICAL_INFO_CATALOGUE_LOCK = 0x0c_1f_11;

/** The catalogue's editable parts, as the columns take them. */
export interface FieldValues {
  label: string;
  whyCritical: string;
  howItHelps: string;
  options: string[];
  requiredInStages: LifecycleStage[];
  stalenessDays: number;
  divisionIds: string[];
  position: number;
  /** What a NUMBER field takes (other types: no rule). */
  numberRule: NumberRule;
}

/** A new assertion, as written. */
export interface NewAssertion {
  accountId: string;
  fieldId: string;
  value: CriticalValue;
  divisionId: string;
  colleagueId: string | null;
  assertedByEmail?: string | null;
  sourceSystem?: string | null;
  sourceAccountRecordId?: string | null;
  sourceTouchpointId?: string | null;
  sourceTouchpointExternalId?: string | null;
  note?: string | null;
  resolvesConflict?: boolean;
  resolvedAssertionIds?: string[];
  assertedAt: Date;
}

/** The SQL of the field catalogue (a small global table) and of the account-scoped assertions. */
export const criticalInfoSql = {
  fields(db: Db, includeRetired: boolean): Promise<CriticalInfoField[]> {
    return db.query(`SELECT ${FIELD_COLUMNS} FROM critical_info_field f WHERE $1 OR f.retired_at IS NULL ORDER BY f.position, f.key`, [includeRetired]);
  },

  async fieldByKey(db: Db, key: string): Promise<CriticalInfoField | null> {
    const rows: CriticalInfoField[] = await db.query(`SELECT ${FIELD_COLUMNS} FROM critical_info_field f WHERE f.key = $1`, [key]);
    return rows[0] ?? null;
  },

  async lockField(tx: EntityManager, id: string): Promise<CriticalInfoField | null> {
    const rows: CriticalInfoField[] = await tx.query(`SELECT ${FIELD_COLUMNS} FROM critical_info_field f WHERE f.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  },

  /** Inserts unless the key exists; null on a duplicate key. */
  async insertField(tx: EntityManager, key: string, type: CriticalInfoType, v: Omit<FieldValues, 'position'> & { position: number | null }): Promise<CriticalInfoField | null> {
    const rows: CriticalInfoField[] = await tx.query(
      `WITH inserted AS (
         INSERT INTO critical_info_field (key, label, why_critical, how_it_helps, type, options, required_stages, staleness_days, division_ids, position,
                number_whole, number_min, number_max)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, (SELECT COALESCE(max(position), 0) + 10 FROM critical_info_field)), $11, $12, $13)
         ON CONFLICT (key) DO NOTHING RETURNING *)
       SELECT ${FIELD_COLUMNS} FROM inserted f`,
      [key, v.label, v.whyCritical, v.howItHelps, type, v.options, v.requiredInStages, v.stalenessDays, v.divisionIds, v.position,
        v.numberRule.wholeNumbers, v.numberRule.minimum, v.numberRule.maximum],
    );
    return rows[0] ?? null;
  },

  async updateField(tx: EntityManager, id: string, v: FieldValues): Promise<CriticalInfoField> {
    const rows: CriticalInfoField[] = await tx.query(
      `WITH updated AS (
         UPDATE critical_info_field SET label = $2, why_critical = $3, how_it_helps = $4, options = $5, required_stages = $6,
                staleness_days = $7, division_ids = $8, position = $9, number_whole = $10, number_min = $11, number_max = $12, updated_at = now()
          WHERE id = $1 RETURNING *)
       SELECT ${FIELD_COLUMNS} FROM updated f`,
      [id, v.label, v.whyCritical, v.howItHelps, v.options, v.requiredInStages, v.stalenessDays, v.divisionIds, v.position,
        v.numberRule.wholeNumbers, v.numberRule.minimum, v.numberRule.maximum],
    );
    return rows[0];
  },

  /** Serialises changes of the catalogue (rare: admins editing fields). */
  async lockCatalogue(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1, 0)`, [CRITICAL_INFO_CATALOGUE_LOCK]);
  },

  async setRetired(tx: EntityManager, id: string, retiredAt: Date | null): Promise<CriticalInfoField> {
    const rows: CriticalInfoField[] = await tx.query(
      `WITH updated AS (UPDATE critical_info_field SET retired_at = $2, updated_at = now() WHERE id = $1 RETURNING *)
       SELECT ${FIELD_COLUMNS} FROM updated f`,
      [id, retiredAt],
    );
    return rows[0];
  },

  /** Every assertion of these accounts (a DataLoader's batch), in no particular order. */
  assertionsOf(db: Db, accountIds: readonly string[]): Promise<CriticalInfoAssertion[]> {
    return db.query(`SELECT ${ASSERTION_COLUMNS} FROM ${ASSERTION_FROM} WHERE a.account_id = ANY($1::uuid[])`, [accountIds]);
  },

  /**
   * Takes the lock of one field of one account until commit: colleagues asserting or resolving it at the same moment go
   * one after the other, each reading the other's value (found by exploratory testing: two conflicting values asserted at
   * once both answered OK and raised no conflict notice, and two resolutions both held; locking the rows read missed the
   * rows the other was inserting).
   */
  async lockAccountField(tx: EntityManager, accountId: string, fieldId: string): Promise<void> {
    await this.lockAccountFields(tx, [{ accountId, fieldId }]);
  },

  /**
   * The same lock for many fields at once (ingest): taken in one order, by key, so that two batches
   * locking overlapping sets wait for each other instead of deadlocking.
   */
  async lockAccountFields(tx: EntityManager, pairs: { accountId: string; fieldId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await tx.query(
      `SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(a || '/' || f) AS k FROM unnest($2::text[], $3::text[]) AS p(a, f) ORDER BY 1) keys`,
      [CRITICAL_INFO_FIELD_LOCK, pairs.map((p) => p.accountId), pairs.map((p) => p.fieldId)]);
  },

  /** The assertions of one field of one account, locked against a concurrent resolution. */
  assertionsOfField(tx: EntityManager, accountId: string, fieldId: string): Promise<CriticalInfoAssertion[]> {
    return tx.query(`SELECT ${ASSERTION_COLUMNS} FROM ${ASSERTION_FROM} WHERE a.account_id = $1 AND a.field_id = $2 FOR UPDATE OF a`, [accountId, fieldId]);
  },

  /** Writes assertions, set-based; returns their ids in the order given. */
  async insertAssertions(tx: EntityManager, rows: NewAssertion[]): Promise<string[]> {
    if (rows.length === 0) return [];
    // Time-ordered ids: two values of one field said at the same instant (a batch's undated items) are
    // told apart by id (newestFirst), so the one sent later in the batch is the current one.
    const ids = rows.map(() => orderedId());
    await tx.query(
      `INSERT INTO critical_info_assertion (account_id, id, field_id, value, division_id, colleague_id, asserted_by_email, source_system,
              source_account_record_id, source_touchpoint_id, source_touchpoint_external_id, note, resolves_conflict, resolved_assertion_ids, asserted_at)
       SELECT account_id, id, field_id, value, division_id, colleague_id, asserted_by_email, source_system, source_account_record_id,
              source_touchpoint_id, source_touchpoint_external_id, note, resolves_conflict, resolved_assertion_ids, asserted_at
         FROM json_to_recordset($1::json) AS x(account_id uuid, id uuid, field_id uuid, value jsonb, division_id uuid, colleague_id uuid,
              asserted_by_email text, source_system text, source_account_record_id uuid, source_touchpoint_id uuid,
              source_touchpoint_external_id text, note text, resolves_conflict boolean, resolved_assertion_ids uuid[], asserted_at timestamptz)`,
      [JSON.stringify(rows.map((r, i) => ({
        account_id: r.accountId, id: ids[i], field_id: r.fieldId, value: r.value, division_id: r.divisionId, colleague_id: r.colleagueId,
        asserted_by_email: r.assertedByEmail ?? null, source_system: r.sourceSystem ?? null, source_account_record_id: r.sourceAccountRecordId ?? null,
        source_touchpoint_id: r.sourceTouchpointId ?? null, source_touchpoint_external_id: r.sourceTouchpointExternalId ?? null, note: r.note ?? null,
        resolves_conflict: r.resolvesConflict ?? false, resolved_assertion_ids: r.resolvedAssertionIds ?? [], asserted_at: r.assertedAt.toISOString(),
      })))],
    );
    return ids;
  },

  async assertion(db: Db, accountId: string, id: string): Promise<CriticalInfoAssertion> {
    const rows: CriticalInfoAssertion[] = await db.query(`SELECT ${ASSERTION_COLUMNS} FROM ${ASSERTION_FROM} WHERE a.account_id = $1 AND a.id = $2`, [accountId, id]);
    return rows[0];
  },

  /** Touchpoints by account and id (each on the primary key), before confidentiality is applied. */
  touchpoints(db: Db, keys: readonly { accountId: string; id: string }[]): Promise<TouchpointRow[]> {
    return db.query(
      `SELECT ${TOUCHPOINT_COLUMNS} FROM unnest($1::uuid[], $2::uuid[]) AS k(account_id, id) JOIN touchpoint t ON t.account_id = k.account_id AND t.id = k.id`,
      [keys.map((k) => k.accountId), keys.map((k) => k.id)],
    );
  },

  /** What a division system already said per account and field (for repeats: UNCHANGED), newest first. */
  sourceAssertions(tx: EntityManager, divisionId: string, sourceSystem: string, accountIds: string[]): Promise<{ accountId: string; fieldId: string; value: CriticalValue; assertedAt: Date }[]> {
    return tx.query(
      `SELECT account_id AS "accountId", field_id AS "fieldId", value, asserted_at AS "assertedAt" FROM critical_info_assertion
        WHERE account_id = ANY($1::uuid[]) AND division_id = $2 AND source_system = $3 ORDER BY asserted_at DESC, recorded_at DESC, id DESC`,
      [[...new Set(accountIds)], divisionId, sourceSystem],
    );
  },

  /** A division system's touchpoints by externalId, with their accounts. */
  async touchpointsByExternalId(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<Map<string, { id: string; accountId: string }>> {
    if (externalIds.length === 0) return new Map();
    const rows: { externalId: string; id: string; accountId: string }[] = await tx.query(
      `SELECT t.external_id AS "externalId", t.id, t.account_id AS "accountId" FROM ${rowsByExternalIds('touchpoint', 't', { ids: '$3' })}`,
      [divisionId, sourceSystem, [...new Set(externalIds)]],
    );
    return new Map(rows.map(({ externalId, ...t }) => [externalId, t]));
  },

  /**
   * The stakeholders references name: a stakeholder id (merged-away: its survivor) or, keyed `contact:<externalId>`,
   * a contact of the division system; each with the accounts the person belongs to.
   */
  async stakeholderRefs(tx: EntityManager, divisionId: string, sourceSystem: string, refs: string[]): Promise<Map<string, { id: string; accountIds: string[] }>> {
    if (refs.length === 0) return new Map();
    const rows: { ref: string; id: string; accountIds: string[] }[] = await tx.query(
      `WITH asked AS (
         SELECT s.id::text AS ref, s.id AS stakeholder_id FROM stakeholder s WHERE s.id = ANY($1::uuid[])
         UNION ALL
         SELECT 'contact:' || c.external_id, c.stakeholder_id FROM ${rowsByExternalIds('source_contact_record', 'c', { ids: '$2', division: '$3', system: '$4' })}
          WHERE c.stakeholder_id IS NOT NULL)
       SELECT a.ref, s.id, array_append(ARRAY(SELECT f.account_id FROM stakeholder_affiliation f WHERE f.stakeholder_id = s.id), s.account_id) AS "accountIds"
         FROM asked a JOIN stakeholder k ON k.id = a.stakeholder_id JOIN stakeholder s ON s.id = COALESCE(k.merged_into_id, k.id)`,
      [refs.filter(isUuid), refs, divisionId, sourceSystem],
    );
    return new Map(rows.map(({ ref, ...s }) => [ref, s]));
  },

  /** Colleagues (id, division and its key) by lower-case email. */
  async colleaguesByEmail(tx: EntityManager, emails: string[]): Promise<Map<string, { id: string; divisionId: string; divisionKey: string }>> {
    if (emails.length === 0) return new Map();
    const rows: { email: string; id: string; divisionId: string; divisionKey: string }[] = await tx.query(
      `SELECT lower(c.email) AS email, c.id, c.division_id AS "divisionId", d.key AS "divisionKey" FROM colleague c JOIN division d ON d.id = c.division_id
        WHERE lower(c.email) = ANY($1::text[])`, [[...new Set(emails)]]);
    return new Map(rows.map(({ email, ...c }) => [email, c]));
  },

  /**
   * Of these accounts, those a colleague deals with: their division has an account record there (its touchpoints and
   * opportunities hang on one), or they took part in one of the account's touchpoints (a joint meeting of another division):
   * counted in the engagement rollups, or pending there (engagement/rollups.ts), so the account's timeline is not read
   * (asked on every panel a rep opens; reading every touchpoint of the account grew with it, found in review).
   */
  async accountsDealtWith(db: Db, accountIds: readonly string[], divisionId: string, email: string): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const rows: { accountId: string }[] = await db.query(
      `SELECT k.id AS "accountId" FROM unnest($1::uuid[]) AS k(id)
        WHERE EXISTS (SELECT 1 FROM source_account_record r WHERE r.account_id = k.id AND r.division_id = $2)
           OR EXISTS (SELECT 1 FROM engagement_colleague_month c WHERE c.account_id = k.id AND c.email = lower($3) AND c.touch_count > 0)
           OR EXISTS (SELECT 1 FROM touchpoint_outbox p WHERE p.account_id = k.id AND p.colleague_emails @> ARRAY[lower($3)])`,
      [[...new Set(accountIds)], divisionId, email],
    );
    return new Set(rows.map((r) => r.accountId));
  },

  /** The stakeholder an id names (a merged-away id: its survivor), when the person is of this account. */
  async stakeholderOfAccount(db: Db, accountId: string, id: string): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `SELECT s.id FROM stakeholder asked JOIN stakeholder s ON s.id = COALESCE(asked.merged_into_id, asked.id)
        WHERE asked.id = $1 AND (s.account_id = $2 OR EXISTS (SELECT 1 FROM stakeholder_affiliation f WHERE f.stakeholder_id = s.id AND f.account_id = $2))`,
      [id, accountId],
    );
    return rows[0]?.id ?? null;
  },
};
