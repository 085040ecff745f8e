import { writeTouchpoints } from '../ingest/activity-writer';
import { TouchpointType } from '../ingest/ingest.types';
import { addAccountRecord, addAccounts, addDivision, foldEngagement, useTestDatabase } from '../testing/database';
import { explaining, Explained, scansOf } from '../testing/plans';
import { criticalInfoSql } from './critical-info.repository';

/**
 * Whether a colleague deals with an account (who may assert critical info there): their division has a record there,
 * or they took part in one of its touchpoints, pending or counted. Asked on every critical-info panel a rep opens, so
 * it reads the engagement rollups, not the account's timeline (found in review: every touchpoint of the account was
 * read for a rep outside it, 800 buffers at 1,500 touchpoints, growing with the account).
 */
describe('the colleagues who deal with an account (real PostgreSQL)', () => {
  const db = useTestDatabase();

  it('counts a touchpoint they took part in, pending or folded, without reading the account\'s touchpoints', async () => {
    const [sales, service] = [await addDivision(db, 'sales'), await addDivision(db, 'service')];
    const [account, other] = await addAccounts(db, 2);
    const recordId = await addAccountRecord(db, sales, 'A1', account);
    const records = new Map([['A1', { recordId, accountId: account }]]);
    const dealt = async (divisionId: string, email: string) => [...await criticalInfoSql.accountsDealtWith(db, [account, other], divisionId, email)];
    expect(await dealt(service, 'Joan@OurCo.example')).toEqual([]);
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', [
      { externalId: 'T1', accountExternalId: 'A1', type: TouchpointType.MEETING, occurredAt: new Date('2025-05-01T09:00:00Z'), colleagueEmails: ['joan@ourco.example'] },
    ], records));
    expect(await dealt(service, 'Joan@OurCo.example')).toEqual([account]);
    await foldEngagement(db);
    expect(await dealt(service, 'joan@ourco.example')).toEqual([account]);
    expect(await dealt(sales, 'someone@ourco.example')).toEqual([account]);
    expect(await dealt(service, 'someone@ourco.example')).toEqual([]);

    const plans: Explained[] = [];
    await db.transaction((tx) => criticalInfoSql.accountsDealtWith(explaining(tx, (e) => plans.push(e)), [account], service, 'someone@ourco.example'));
    expect(plans.flatMap((p) => scansOf(p.plan)).map((s) => s.relation).filter((r) => r === 'touchpoint')).toEqual([]);
  });
});
