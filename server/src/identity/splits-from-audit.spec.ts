import { SPLITS_FROM_AUDIT } from '../database/migrations/1763902100000-SplitsKeepApart';
import { keptApartDecisions } from '../matching/link-store';
import { useTestDatabase } from '../testing/database';

/**
 * Splits made before splits were kept: the migration reads each successful
 * one from the audit trail, the records still in its account standing for
 * those that stayed; matching and merges then see the two sides kept apart.
 */
describe('keeping apart the splits of the audit trail (real PostgreSQL)', () => {
  const db = useTestDatabase();


  it('keeps each successful split of the trail, with who, when and why; a refused one keeps nothing', async () => {
    const [{ id: division }] = await db.query(`INSERT INTO division (key, name) VALUES ('exhibits', 'Exhibits') RETURNING id`);
    const [stayedIn, splitOff] = (await db.query(`INSERT INTO account (name, name_key) VALUES ('Acme', 'acme'), ('Acme Print', 'acme print') RETURNING id`))
      .map((r: { id: string }) => r.id);
    const record = async (externalId: string, accountId: string): Promise<string> => (await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, name, raw, account_id) VALUES ($1, 'crm', $2, $2, '{}', $3) RETURNING id`,
      [division, externalId, accountId]))[0].id;
    const [a, b, c] = [await record('a', stayedIn), await record('b', stayedIn), await record('c', splitOff)];
    const split = (outcome: string, reason: string | null) => db.query(
      `INSERT INTO audit_event (actor_kind, actor_label, action, outcome, target_type, target_id, after)
       VALUES ('colleague', 'ada@ourcompany.example', 'SPLIT_ACCOUNT', $1, 'ACCOUNT', $2, jsonb_build_object('accountId', $2::text, 'sourceRecordIds', jsonb_build_array($3::text), 'reason', $4::text))`,
      [outcome, stayedIn, c, reason]);
    await split('SUCCESS', 'the print shop is another company');
    await split('FAILURE', 'a refused attempt');
    expect(await keptApartDecisions(db.manager, stayedIn, splitOff)).toEqual([]);
    await db.query(SPLITS_FROM_AUDIT);
    const kept = await db.query(`SELECT stayed_record_ids AS stayed, split_record_ids AS split, split_by AS by, reason FROM account_split`);
    expect(kept).toEqual([{ stayed: [a, b].sort(), split: [c], by: 'ada@ourcompany.example', reason: 'the print shop is another company' }]);
    expect(await keptApartDecisions(db.manager, stayedIn, splitOff)).toEqual([
      { kind: 'SPLIT', by: 'ada@ourcompany.example', at: expect.any(Date), reason: 'the print shop is another company' },
    ]);
  });
});
