import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';
import { accountsOfTwoCourts, rekeyRecords } from './rekey';

/**
 * A German register number (HRB, HRA…) is unique only at its registry court: "HRB 12345 (Amtsgericht München)" and
 * "HRB 12345 (Amtsgericht Hamburg)" are two companies. Found in review: the court dropped, they were one id and two
 * companies sent by two divisions were one account on it alone. Through ingest on a real PostgreSQL.
 */
describe('register numbers and their courts through ingest (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const divisions: Record<string, string> = {};

  beforeAll(async () => {
    divisions.bau = await addDivision(db, 'bau');
    divisions.tech = await addDivision(db, 'tech');
    divisions.ops = await addDivision(db, 'ops');
  });

  const send = async (division: 'bau' | 'tech' | 'ops', accounts: object[]) => (await db.transaction((tx) =>
    ingestBatch(tx, divisions[division], 'crm', { division, sourceSystem: 'crm', accounts } as unknown as IngestBatchInput))).items;
  const reviewsBetween = async (record: string, candidate: string): Promise<number> => (await db.query(
    `SELECT count(*)::int AS n FROM match_review r JOIN source_account_record a ON a.id = r.record_id JOIN source_account_record b ON b.id = r.candidate_record_id
      WHERE a.external_id = $1 AND b.external_id = $2`, [record, candidate]))[0].n;

  it('two divisions\' companies with one number at two courts are not linked', async () => {
    const [marrowgate] = await send('bau', [{ externalId: 'mg-1', name: 'Marrowgate Bau GmbH', registryId: 'HRB 12345 (Amtsgericht München)' }]);
    const [lunaforge] = await send('tech', [{ externalId: 'lf-1', name: 'Lunaforge Tech GmbH', registryId: 'HRB 12345 (Amtsgericht Hamburg)' }]);
    expect(lunaforge.accountId).not.toBe(marrowgate.accountId);
    expect(await reviewsBetween('lf-1', 'mg-1')).toBe(0);
    expect(await db.query(`SELECT registry_id AS "registryId" FROM account WHERE id = ANY($1::uuid[]) ORDER BY registry_id`, [[marrowgate.accountId, lunaforge.accountId]]))
      .toEqual([{ registryId: 'HRB12345@HAMBURG' }, { registryId: 'HRB12345@MUNCHEN' }]);
  });

  it('one company with its court in one division and without it in another is one account', async () => {
    const [withCourt] = await send('bau', [{ externalId: 'kr-1', name: 'Kranich Logistik GmbH', registryId: 'HRB 12346 (Amtsgericht München)' }]);
    const [without] = await send('tech', [{ externalId: 'kr-2', name: 'Kranich Logistik GmbH', registryId: 'HRB 12346' }]);
    expect(without.accountId).toBe(withCourt.accountId);
  });

  // Blocking keys on the number alone: records written with another spelling of the court, or none, still meet when
  // nothing else of theirs does.
  it('finds one court written two ways, and a court on one side only, by the number alone', async () => {
    const [a] = await send('bau', [{ externalId: 'ql-1', name: 'Quellwerk Anlagen GmbH', registryId: 'HRB 55501 (Amtsgericht München)' }]);
    const [b] = await send('tech', [{ externalId: 'ql-2', name: 'QWA Service GmbH', registryId: 'HRB 55501, AG Muenchen' }]);
    expect(b.accountId).toBe(a.accountId);
    const [c] = await send('tech', [{ externalId: 'ql-3', name: 'Brückner Montage GmbH', registryId: 'HRB 55501' }]);
    // The number without a court may be another court's: the names differ, so a person decides.
    expect(c.accountId).not.toBe(a.accountId);
    expect(await reviewsBetween('ql-3', 'ql-1') + await reviewsBetween('ql-3', 'ql-2')).toBe(1);
  });

  // Found in review (rev2): a word beside the number that names no court ("aktiv", "GmbH", "Company No.") was read as a
  // court, and one company's records were vetoed as two courts' companies.
  it('one company whose number one division writes with a status word, another with its court, is one account', async () => {
    const [withCourt] = await send('bau', [{ externalId: 'st-1', name: 'Stellwerk Anlagen GmbH', registryId: 'HRB 24680 (Amtsgericht München)' }]);
    const [status] = await send('tech', [{ externalId: 'st-2', name: 'Stellwerk Anlagen GmbH', registryId: 'HRB 24680 (aktiv)' }]);
    const [label] = await send('ops', [{ externalId: 'st-3', name: 'Stellwerk Anlagen GmbH', registryId: 'Company No. HRB 24680' }]);
    expect(status.accountId).toBe(withCourt.accountId);
    expect(label.accountId).toBe(withCourt.accountId);
  });

  // Ingest's own merges are guarded by the ids each account gives (registry-merge-guard.ts): a record without the court
  // matching two courts' companies strongly, by their name and number, counts at the court of the account it joins.
  it('a record without its court matching two courts\' companies strongly merges neither into the other', async () => {
    const [munich] = await send('bau', [{ externalId: 'wb-1', name: 'Wendelstein Bau GmbH', registryId: 'HRB 31415 (Amtsgericht München)' }]);
    const [hamburg] = await send('tech', [{ externalId: 'wb-2', name: 'Wendelstein Bau GmbH', registryId: 'HRB 31415 (Amtsgericht Hamburg)' }]);
    expect(hamburg.accountId).not.toBe(munich.accountId);
    const [bare] = await send('ops', [{ externalId: 'wb-3', name: 'Wendelstein Bau GmbH', registryId: 'HRB 31415' }]);
    expect([munich.accountId, hamburg.accountId]).toContain(bare.accountId);
    const accounts = await db.query(`SELECT DISTINCT account_id FROM source_account_record WHERE external_id IN ('wb-1', 'wb-2')`);
    expect(accounts).toHaveLength(2);
  });

  it('rekey gives records stored before fs-14 (their court dropped) the id with its court, and their accounts too', async () => {
    const [old] = await send('bau', [{ externalId: 'rk-1', name: 'Rekeyed Werkzeug GmbH', registryId: 'HRB 77701 (AG Köln)' }]);
    const [berlin] = await send('tech', [{ externalId: 'rk-2', name: 'Rekeyed Berlin GmbH', registryId: 'HRB 77702 B' }]);
    const state = `SELECT s.external_id AS "externalId", s.registry_id AS "registryId", a.registry_id AS "accountRegistryId",
        ARRAY(SELECT k.key FROM match_key k WHERE k.record_id = s.id AND k.key LIKE 'A|r:%') AS keys
        FROM source_account_record s JOIN account a ON a.id = s.account_id WHERE s.external_id IN ('rk-1', 'rk-2') ORDER BY s.external_id`;
    const current = [
      { externalId: 'rk-1', registryId: 'HRB77701@KOLN', accountRegistryId: 'HRB77701@KOLN', keys: ['A|r:HRB77701'] },
      { externalId: 'rk-2', registryId: 'HRB77702@CHARLOTTENBURG', accountRegistryId: 'HRB77702@CHARLOTTENBURG', keys: ['A|r:HRB77702'] },
    ];
    expect(await db.query(state)).toEqual(current);
    // As fs-13 stored them: the court dropped, Berlin's B glued on; keys on those.
    await db.query(`UPDATE source_account_record SET registry_id = CASE external_id WHEN 'rk-1' THEN 'HRB77701' ELSE 'HRB77702B' END WHERE external_id IN ('rk-1', 'rk-2')`);
    await db.query(`UPDATE account SET registry_id = CASE id WHEN $1 THEN 'HRB77701' ELSE 'HRB77702B' END WHERE id IN ($1, $2)`, [old.accountId, berlin.accountId]);
    await db.query(`UPDATE match_key k SET key = 'A|r:HRB77702B' FROM source_account_record s WHERE s.id = k.record_id AND s.external_id = 'rk-2' AND k.key LIKE 'A|r:%'`);
    const summary = await rekeyRecords(db);
    expect(summary.accounts).toMatchObject({ features: 2, keys: 1 });
    expect(await db.query(state)).toEqual(current);
  });

  // Links stay through rekey: two companies linked on the number before fs-14 are still one account, and rekey's CLI
  // names such accounts for a person to split.
  it('names the accounts whose records give one number at two courts, and no other', async () => {
    expect(await accountsOfTwoCourts(db)).toEqual([]);
    const [a] = await send('bau', [{ externalId: 'tc-1', name: 'Torfmoor Bau GmbH', registryId: 'HRB 88801 (Amtsgericht München)' }]);
    const [b] = await send('tech', [{ externalId: 'tc-2', name: 'Tidewell Tech GmbH', registryId: 'HRB 88801 (AG Hamburg)' }]);
    expect(b.accountId).not.toBe(a.accountId);
    // As rules before fs-14 linked them.
    await db.query(`UPDATE source_account_record SET account_id = $1 WHERE external_id = 'tc-2'`, [a.accountId]);
    expect(await accountsOfTwoCourts(db)).toEqual([
      { accountId: a.accountId, name: 'Torfmoor Bau GmbH', registryIds: ['HRB 88801 (AG Hamburg)', 'HRB 88801 (Amtsgericht München)'] },
    ]);
  });
});
