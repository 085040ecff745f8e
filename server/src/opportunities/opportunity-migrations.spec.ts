import { addAccountRecord, addAccounts, undoMigrationsThrough, useTestDatabase } from '../testing/database';

/**
 * Opportunities stored before amounts kept their decimals and before the closing words grew: the migrations make
 * the amounts again from what was sent and recompute is_open and status from the stage, with ingest's rule.
 */
describe('opportunity migrations: amounts as sent, status from the stage (real PostgreSQL)', () => {
  const db = useTestDatabase();

  it('restores amounts rounded to cents from raw, and counts stages such as "Chiuso vinto" closed', async () => {
    await undoMigrationsThrough(db, 'OpportunityAmountsExact1763904100000');
    const [accountId] = await addAccounts(db, 1);
    const [division] = await db.query(`INSERT INTO division (key, name) VALUES ('d', 'D') RETURNING id`);
    const recordId = await addAccountRecord(db, division.id, 'A-1', accountId);
    // As the writer stored them before: is_open by the old words, amounts through numeric(18, 2).
    const rows: [string, string, boolean, number | null][] = [
      ['O-1', 'Chiuso vinto', true, 1.235], ['O-2', 'Fechado perdido', true, 0.004], ['O-3', 'Abgeschlossen', true, 1234.5678],
      ['O-4', 'Proposal', true, 10], ['O-5', 'Closed Won', false, null], ['O-6', '受注', true, 9999999999999998],
    ];
    await db.query(
      `INSERT INTO opportunity (division_id, source_system, external_id, account_id, source_account_record_id, name, stage, is_open, amount, content_hash, raw)
       SELECT $1, 'crm', x.id, $2, $3, x.id, x.stage, x.open, x.amount, 'h',
              jsonb_strip_nulls(jsonb_build_object('externalId', x.id, 'stage', x.stage, 'amount', x.amount))
         FROM unnest($4::text[], $5::text[], $6::boolean[], $7::numeric[]) AS x(id, stage, open, amount)`,
      [division.id, accountId, recordId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
    const before = await db.query(`SELECT external_id AS id, amount::text FROM opportunity ORDER BY 1`);
    expect(before.map((r: { amount: string | null }) => r.amount)).toEqual(['1.24', '0.00', '1234.57', '10.00', null, '9999999999999998.00']);

    await db.runMigrations({ transaction: 'all' });
    const after = await db.query(`SELECT external_id AS id, amount::text, is_open AS "isOpen", status FROM opportunity ORDER BY 1`);
    expect(after).toEqual([
      { id: 'O-1', amount: '1.235', isOpen: false, status: 'WON' },
      { id: 'O-2', amount: '0.004', isOpen: false, status: 'LOST' },
      { id: 'O-3', amount: '1234.5678', isOpen: false, status: 'CLOSED' },
      // The same number as sent: left as it was, not written again (a large table under the ALTER's lock).
      { id: 'O-4', amount: '10.00', isOpen: true, status: 'OPEN' },
      { id: 'O-5', amount: null, isOpen: false, status: 'WON' },
      { id: 'O-6', amount: '9999999999999998.00', isOpen: false, status: 'WON' },
    ]);
    // Written as an instance of the version before writes a closed one (no status) during a rolling upgrade: accepted.
    await db.query(`UPDATE opportunity SET is_open = true WHERE external_id = 'O-1'`);
    await expect(db.query(`UPDATE opportunity SET status = 'MAYBE' WHERE external_id = 'O-1'`)).rejects.toThrow(/opportunity_status_check/);
  });
});
