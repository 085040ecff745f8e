import { addDivision, useTestDatabase } from '../testing/database';
import { Explained, explaining, scansOf } from '../testing/plans';
import { ingestBatch } from './ingest.service';
import { IngestBatchInput } from './ingest.types';

/**
 * The people a batch of touchpoints names by email are found through the
 * contact records' email index, one probe per email. Looked up as
 * `emails && <every email of the batch>`, a batch naming a few hundred
 * people was planned as a read of every contact record, each row's emails
 * compared with all of the batch's (the planner costs an array overlap as
 * one comparison): 60 ms per batch of 1,000 touchpoints at 8,000 contacts,
 * 700 ms at 80,000, growing with the hub. And each probe read the index's
 * whole pending list of entries not yet in its tree (fastupdate), which
 * contacts arriving keep up to 4 MB: 460 ms per batch at 8,000 contacts
 * (migration ContactEmailsIndexed).
 */

describe('people named by email (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;
  const sourceSystem = 'crm';
  const CONTACTS = 10000;
  const NAMED = 600;

  // CONTACTS people of one account, each with a stakeholder and an email, analyzed; autovacuum kept
  // from tidying the emails index, as it would not have yet minutes after the contacts arrived.
  beforeAll(async () => {
    await db.query(`ALTER TABLE source_contact_record SET (autovacuum_enabled = false)`);
    divisionId = await addDivision(db, 'exhibits');
    const [{ id: accountId }] = await db.query(`INSERT INTO account (name, name_key) VALUES ('Loaded', 'loaded') RETURNING id`);
    await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, account_id, name, raw, content_hash, name_norm)
       VALUES ($1, $2, 'LOADED', $3, 'Loaded', '{}', '', 'loaded')`, [divisionId, sourceSystem, accountId]);
    await db.query(
      `WITH people AS (INSERT INTO stakeholder (account_id, name, name_key) SELECT $3, 'P ' || g, 'p ' || g FROM generate_series(1, ${CONTACTS}) g RETURNING id, name)
       INSERT INTO source_contact_record (division_id, source_system, external_id, account_external_id, account_id, stakeholder_id, content_hash, raw,
                                          name, name_key, first_key, last_key, emails)
       SELECT $1, $2, 'C-' || split_part(name, ' ', 2), 'LOADED', $3, id, '', '{}', name, lower(name), 'p', 'p' || split_part(name, ' ', 2),
              ARRAY['p' || split_part(name, ' ', 2) || '@loaded.example'] FROM people`,
      [divisionId, sourceSystem, accountId]);
    await db.query('ANALYZE');
  });

  it('finds each person through the email index, not by reading every contact record', async () => {
    const touchpoints = Array.from({ length: NAMED / 2 }, (_, i) => ({
      externalId: `T-${i}`, accountExternalId: 'LOADED', type: 'EMAIL', occurredAt: new Date(Date.UTC(2026, 0, 1 + (i % 28))),
      participantEmails: [`p${2 * i + 1}@loaded.example`, `P${2 * i + 2}@Loaded.example`],
    }));
    const batch = { division: 'exhibits', sourceSystem, touchpoints } as unknown as IngestBatchInput;
    const plans: Explained[] = [];
    const result = await db.transaction((tx) => ingestBatch(explaining(tx, (statement) => plans.push(statement), /^\s*SELECT\b/i), divisionId, sourceSystem, batch));
    expect(result.created).toBe(touchpoints.length);

    const lookups = plans.filter(({ sql }) => sql.includes('emails'));
    expect(lookups).toHaveLength(1);
    const contactScans = scansOf(lookups[0].plan).filter((s) => s.relation === 'source_contact_record');
    expect(contactScans.length).toBeGreaterThan(0);
    expect(contactScans.filter((s) => s.type === 'Seq Scan')).toEqual([]);
    // A probe reads a few pages of the index's tree and the contact's; with a pending list, all of the list's too.
    const [{ 'QUERY PLAN': [{ Plan: run }] }] = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${lookups[0].sql}`, lookups[0].params);
    const pages = (run['Shared Hit Blocks'] ?? 0) + (run['Shared Read Blocks'] ?? 0);
    expect(pages / NAMED).toBeLessThan(10);

    // Every person named was found.
    const rows: { external_id: string; people: string[] }[] = await db.query(
      `SELECT t.external_id, (SELECT array_agg(s.name ORDER BY s.name) FROM stakeholder s WHERE s.id = ANY(t.stakeholder_ids)) AS people
         FROM touchpoint t WHERE t.source_system = $1 ORDER BY t.external_id`, [sourceSystem]);
    const expected = touchpoints.map((_, i) => ({ external_id: `T-${i}`, people: [`P ${2 * i + 1}`, `P ${2 * i + 2}`].sort() })).sort((a, b) => a.external_id.localeCompare(b.external_id));
    expect(rows).toEqual(expected);
  });
});
