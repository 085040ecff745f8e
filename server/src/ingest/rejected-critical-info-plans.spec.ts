import { addDivision, undoMigrationsThrough, useTestDatabase } from '../testing/database';
import { explaining, Explained, scansOf } from '../testing/plans';
import { heldItems } from './held-items.repository';
import { IngestItemKind } from './ingest.types';
import { Rejection } from './validation';

/**
 * A refused critical-info item has no externalId: the open rejected item it is another copy of is found by its
 * content (its account, field key and value). Matched on the jsonb alone, every open refused critical-info item of
 * the division system was read and compared, so refusing one cost more the more were open (found in review, issue
 * 4). Found through the content hash (an index probe), as items with an externalId are through it. Real PostgreSQL,
 * statistics up to date.
 */
describe('rejected critical-info items: found by their content hash (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const OPEN = 20_000;
  let divisionId: string;
  const item = (n: number | string): Rejection => ({
    kind: IngestItemKind.CRITICAL_INFO, externalId: null, path: 'criticalInfo[0].value', reason: 'value must be a number',
    raw: { accountExternalId: `A-${n}`, fieldKey: 'fleet_size', value: `about ${n}` },
  });

  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    await db.query(
      `INSERT INTO rejected_item (division_id, source_system, kind, external_id, path, reason, raw)
       SELECT $1, 'crm', 'CRITICAL_INFO', NULL, 'criticalInfo[0].value', 'value must be a number',
              jsonb_build_object('accountExternalId', 'A-' || g, 'fieldKey', 'fleet_size', 'value', 'about ' || g)
         FROM generate_series(1, ${OPEN}) g`, [divisionId]);
    await db.query('ANALYZE rejected_item');
  });

  it('finds the open item a refused copy is by an index probe, not by reading the open items', async () => {
    const plans: Explained[] = [];
    const kept = await db.transaction((tx) => heldItems.reject(explaining(tx, (s) => plans.push(s)), divisionId, 'crm', [item(7), item('new')]));
    const reads = plans.flatMap(({ sql, plan }) => scansOf(plan).filter((s) => s.relation === 'rejected_item')
      .map((s) => `${s.type} ${s.index ?? ''}: ${sql.replace(/\s+/g, ' ').slice(0, 60)}`));
    expect(reads.filter((r) => r.startsWith('Seq Scan'))).toEqual([]);
    // The branch of items without an externalId goes by the content hash, not by every open item (external_id IS NULL).
    expect(reads.some((r) => r.includes('rejected_item_content_idx'))).toBe(true);
    // The same behaviour: the copy of item 7 is the open item 7, tried once more; the new one is an item of its own.
    const rows = await db.query(`SELECT id, attempts, raw->>'value' AS value FROM rejected_item WHERE id = ANY($1::uuid[]) ORDER BY attempts DESC`,
      [kept.map((k) => k.id)]);
    expect(rows.map((r: { attempts: number; value: string }) => [r.attempts, r.value])).toEqual([[2, 'about 7'], [1, 'about new']]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM rejected_item WHERE kind = 'CRITICAL_INFO' AND resolved_at IS NULL`);
    expect(n).toBe(OPEN + 1);
  });

  it('the migration gives the items stored before it their hash: a copy refused again is the item open already', async () => {
    await undoMigrationsThrough(db, 'RejectedItemsByContent1763906400000');
    // As the code before it stored them (it did not know the column).
    const before: { id: string }[] = [];
    for (const [externalId, n] of [[null, 'before'], ['K-1', 'with-key']]) {
      before.push(...await db.query(
        `INSERT INTO rejected_item (division_id, source_system, kind, external_id, path, reason, raw)
         VALUES ($1, 'crm', 'CRITICAL_INFO', $2, 'criticalInfo[0].value', 'value must be a number', $3::jsonb) RETURNING id`,
        [divisionId, externalId, JSON.stringify(item(n!).raw)]));
    }
    await db.runMigrations({ transaction: 'each' });
    const hashes = await db.query(`SELECT external_id AS "externalId", content_hash AS hash FROM rejected_item WHERE id = ANY($1::uuid[]) ORDER BY external_id NULLS FIRST`,
      [before.map((k) => k.id)]);
    expect(hashes).toEqual([{ externalId: null, hash: expect.stringMatching(/^[0-9a-f]{32}$/) }, { externalId: 'K-1', hash: null }]);
    const again = await db.transaction((tx) => heldItems.reject(tx, divisionId, 'crm', [item('before')]));
    expect(again.map((k) => k.id)).toEqual([before[0].id]);
    const [{ attempts }] = await db.query(`SELECT attempts FROM rejected_item WHERE id = $1`, [before[0].id]);
    expect(attempts).toBe(2);
  });
});
