import { criticalInfoSql } from '../critical-info/critical-info.repository';
import { addDivision, useTestDatabase } from '../testing/database';
import { explaining, PlanNode } from '../testing/plans';
import { ingestBatch } from './ingest.service';
import { IngestBatchInput } from './ingest.types';

/**
 * Every lookup of a division system's records by external ids probes the
 * natural-key index with the whole key, also for a division the planner's
 * statistics do not know yet (a new division importing its history into an
 * established hub). Before natural-key.ts, `external_id = ANY(ids)` was
 * planned there as a read of all the division system's rows by the key's
 * first two columns, the ids a filter: an import slowed down as it grew
 * (1,000,000 touchpoints: from 5,000 to 1,800 rows/s).
 *
 * Each statement ingest sends is also EXPLAINed, on the same connection and
 * with the same parameters, and every use of a natural-key index in the plans
 * must name the external id in its index condition.
 */

/** Index → the column that completes its key (the first two are division and source system). */
const NATURAL_KEYS: Record<string, string> = {
  source_account_record_natural_key: 'external_id',
  source_contact_record_natural_key: 'external_id',
  touchpoint_natural_key: 'external_id',
  opportunity_natural_key: 'external_id',
  waiting_item_account_idx: 'account_external_id',
  waiting_item_key: 'external_id',
  // Contacts that named a manager before the manager arrived: probed per manager arrived.
  source_contact_record_reports_to_idx: 'reportsToExternalId',
  // Touchpoints that named an opportunity before it arrived: probed per opportunity arrived.
  touchpoint_awaiting_opportunity_idx: 'opportunity_external_id',
};

/** The tables a plan reads whole (Seq Scan). */
function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

/**
 * The uses of natural-key indexes in a plan, with their index conditions. An
 * InitPlan other than a CTE runs once per statement, not per id: the one
 * there is the "does anything of this system wait?" probe, which stops at its
 * first row.
 */
function naturalKeyScans(node: PlanNode, out: { index: string; cond: string }[] = []): { index: string; cond: string }[] {
  if (node['Parent Relationship'] === 'InitPlan' && !node['Subplan Name']?.startsWith('CTE ')) return out;
  if (node['Index Name'] && node['Index Name'] in NATURAL_KEYS) out.push({ index: node['Index Name'], cond: node['Index Cond'] ?? '' });
  for (const child of node.Plans ?? []) naturalKeyScans(child, out);
  return out;
}

describe('lookups by external id (real PostgreSQL, a division newer than the statistics)', () => {
  const db = useTestDatabase();
  let divisionId: string;
  const sourceSystem = 'crm';
  const ROWS = 5000;

  /** A division system with ROWS records of each kind, all of one account ('LOADED'), and ROWS items waiting for accounts. */
  async function load(division: string): Promise<void> {
    const [{ id: accountId }] = await db.query(`INSERT INTO account (name, name_key) VALUES ('Loaded', 'loaded') RETURNING id`);
    const [{ id: recordId }] = await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, account_id, name, raw, content_hash, name_norm)
       VALUES ($1, $2, 'LOADED', $3, 'Loaded', '{}', '', 'loaded') RETURNING id`, [division, sourceSystem, accountId]);
    const series = `FROM generate_series(1, ${ROWS}) g`;
    const seeds = [
      `INSERT INTO source_account_record (division_id, source_system, external_id, account_id, name, raw, content_hash, name_norm)
       SELECT $1, $2, 'A-' || g, $3, 'Loaded ' || g, '{}', '', 'loaded ' || g ${series}`,
      `INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, content_hash, raw, name, name_key, first_key, last_key)
       SELECT $1, $2, 'C-' || g, 'LOADED', $3, '', '{}', 'P ' || g, 'p ' || g, 'p', 'p' || g ${series}`,
      // Each contact its own person (the reporting lines are recomputed per person).
      `WITH person AS (INSERT INTO stakeholder (account_id, name, name_key) SELECT $3, 'P ' || g, 'p ' || g ${series} RETURNING id, name)
       UPDATE source_contact_record c SET stakeholder_id = person.id FROM person WHERE c.division_id = $1 AND c.source_system = $2 AND c.name = person.name`,
      `INSERT INTO touchpoint (division_id, source_system, external_id, account_id, source_account_record_id, type, occurred_at, content_hash)
       SELECT $1, $2, 'T-' || g, $3, $4, 'NOTE', now() - g * interval '1 hour', '' ${series}`,
      `INSERT INTO opportunity (division_id, source_system, external_id, account_id, source_account_record_id, name, stage, is_open, content_hash, raw)
       SELECT $1, $2, 'O-' || g, $3, $4, 'Deal ' || g, 'Open', true, '', '{}' ${series}`,
      `INSERT INTO waiting_item (division_id, source_system, kind, external_id, account_external_id, raw)
       SELECT $1, $2, 'TOUCHPOINT', 'W-' || g, 'NOT-YET-' || g,
              jsonb_build_object('externalId', 'W-' || g, 'accountExternalId', 'NOT-YET-' || g, 'type', 'NOTE', 'occurredAt', '2025-01-01T09:00:00Z') ${series}`,
    ];
    // Each statement gets the parameters it names ($1 … $n).
    const params = [division, sourceSystem, accountId, recordId];
    for (const sql of seeds) await db.query(sql, params.slice(0, Math.max(...[...sql.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))));
  }

  // A hub whose statistics know its divisions, then a new division's history loaded before the next ANALYZE:
  // for the planner the new division system holds a row or two.
  beforeAll(async () => {
    for (const table of ['source_account_record', 'source_contact_record', 'touchpoint', 'opportunity', 'waiting_item']) {
      await db.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    }
    const established = await addDivision(db, 'logistics');
    await load(established);
    await db.query('ANALYZE');
    divisionId = await addDivision(db, 'exhibits');
    await load(divisionId);
  });

  it('ingest probes the natural key with the external id: new and changed accounts, contacts, opportunities, touchpoints and what waited', async () => {
    const batch = {
      division: 'exhibits', sourceSystem,
      accounts: [{ externalId: 'A-1', name: 'Loaded 1, renamed' }, { externalId: 'NOT-YET-1', name: 'Arrived at last' }],
      contacts: [
        { externalId: 'C-1', accountExternalId: 'LOADED', name: 'Pat Changed', reportsToExternalId: 'C-2' },
        { externalId: 'C-NEW', accountExternalId: 'LOADED', name: 'Newly Arrived' },
      ],
      opportunities: [
        { externalId: 'O-1', accountExternalId: 'LOADED', name: 'Deal 1', stage: 'Closed won' },
        { externalId: 'O-NEW', accountExternalId: 'LOADED', name: 'Deal named before it came', stage: 'Open' },
      ],
      touchpoints: [
        { externalId: 'T-1', accountExternalId: 'LOADED', type: 'CALL', occurredAt: new Date('2026-01-05T10:00:00Z'), participantExternalIds: ['C-3'], opportunityExternalId: 'O-2' },
        { externalId: 'T-NEW', accountExternalId: 'LOADED', type: 'MEETING', occurredAt: new Date('2026-01-06T10:00:00Z'), participantExternalIds: ['C-4'] },
      ],
    } as unknown as IngestBatchInput;
    const plans: { sql: string; plan: PlanNode }[] = [];
    const result = await db.transaction((tx) => ingestBatch(explaining(tx, (statement) => plans.push(statement)), divisionId, sourceSystem, batch));
    expect(result.items.filter((i) => i.status === 'REJECTED')).toEqual([]);

    const scans = plans.flatMap(({ sql, plan }) => naturalKeyScans(plan).map((scan) => ({ ...scan, sql: sql.replace(/\s+/g, " ").slice(0, 160) })));
    // Each table's lookups were planned (the ingest did look them up)…
    expect(new Set(scans.map((s) => s.index))).toEqual(new Set(Object.keys(NATURAL_KEYS)));
    // …and none reads the division system by its first two columns only, nor any of these tables whole.
    expect(scans.filter((s) => !s.cond.includes(NATURAL_KEYS[s.index]))).toEqual([]);
    // (The statements of natural-key.ts: the lookups, and the UPDATE with the division hidden.)
    const byExternalId = plans.filter(({ sql }) => /AS wanted\(external_id\)|\(SELECT \$1::uuid\)/.test(sql));
    expect(byExternalId.length).toBeGreaterThanOrEqual(8);
    const loaded = ['source_account_record', 'source_contact_record', 'touchpoint', 'opportunity', 'waiting_item'];
    const reportingLines = plans.filter(({ sql }) => sql.includes('SET reports_to_id = named.boss'));
    expect(reportingLines).toHaveLength(1);
    expect([...byExternalId, ...reportingLines].flatMap(({ sql, plan }) => seqScans(plan).filter((t) => loaded.includes(t)).map((t) => `${t}: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`))).toEqual([]);
  });

  it('critical info finds touchpoints and people by their external ids through the whole key', async () => {
    const plans: { sql: string; plan: PlanNode }[] = [];
    await db.transaction(async (tx) => {
      const probe = explaining(tx, (statement) => plans.push(statement));
      await criticalInfoSql.touchpointsByExternalId(probe, divisionId, sourceSystem, ['T-2', 'T-3']);
      await criticalInfoSql.stakeholderRefs(probe, divisionId, sourceSystem, ['C-2']);
    });
    const scans = plans.flatMap(({ plan }) => naturalKeyScans(plan));
    expect(scans.map((s) => s.index).sort()).toEqual(['source_contact_record_natural_key', 'touchpoint_natural_key']);
    expect(scans.filter((s) => !s.cond.includes('external_id'))).toEqual([]);
  });
});
