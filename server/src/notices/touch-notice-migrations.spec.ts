import { TOLD_BEFORE } from '../database/migrations/1763903900000-TouchpointsTold';
import { KEYED_WHERE_THEY_ARE } from '../database/migrations/1763904400000-TouchNoticesKeyedWhereTheyAre';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * What the migrations of OTHER_DIVISION_TOUCH notices do to data written
 * before them: touchpoints told under the rule before are marked told, and a
 * colleague's touch notices of one day at one account are one, keyed by it.
 */
describe('touch notice migrations (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let division: string;
  const accounts: Record<string, string> = {};
  const colleagues: Record<string, string> = {};
  const day = new Date().toISOString().slice(0, 10);
  const key = (account: string, on = day) => `OTHER_DIVISION_TOUCH|${accounts[account]}|${on}`;

  beforeAll(async () => {
    division = await addDivision(db, 'logistics');
    for (const name of ['A', 'B', 'C', 'W']) {
      [{ id: accounts[name] }] = await db.query(`INSERT INTO account (name, name_key) VALUES ($1, lower($1)) RETURNING id`, [`Account ${name}`]);
    }
    for (const name of ['c1', 'c2', 'c3', 'c4']) {
      [{ id: colleagues[name] }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ($1, $1, $2) RETURNING id`, [`${name}@ourco.example`, division]);
    }
  });

  it('marks told the last two weeks’ touchpoints that landed after they happened', async () => {
    const hoursAgo = (hours: number) => `now() - interval '${hours} hours'`;
    const add = (externalId: string, occurred: string, created: string) => db.query(
      `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, created_at, content_hash)
       VALUES ($1, $2, 's', $3, gen_random_uuid(), 'CALL', ${occurred}, ${created}, 'h')`, [accounts.A, division, externalId]);
    await add('landed-after', hoursAgo(30), hoursAgo(29));
    await add('planned-before', hoursAgo(30), hoursAgo(50));
    await add('history', hoursAgo(24 * 20), hoursAgo(1));
    await add('planned', 'now() + interval \'2 days\'', hoursAgo(1));
    await db.query(TOLD_BEFORE);
    expect(await db.query(`SELECT external_id AS "externalId", told_account_ids AS told FROM touchpoint WHERE account_id = $1 ORDER BY external_id`, [accounts.A]))
      .toEqual([
        { externalId: 'history', told: [] },
        { externalId: 'landed-after', told: [accounts.A] },
        { externalId: 'planned', told: [] },
        { externalId: 'planned-before', told: [] },
      ]);
  });

  it('makes a colleague’s touch notices of one day at one account one, keyed by that account', async () => {
    const notice = async (colleague: string, at: string, groupKey: string, occurrences: number, data: object, read = false): Promise<string> => (await db.query(
      `INSERT INTO notice (colleague_id, account_id, kind, group_key, data, occurrences, read_at) VALUES ($1, $2, 'OTHER_DIVISION_TOUCH', $3, $4, $5, $6) RETURNING id`,
      [colleagues[colleague], accounts[at], groupKey, JSON.stringify(data), occurrences, read ? new Date() : null]))[0].id;
    const records = (id: string, n: number) => ({ [id]: { n, lastAt: '2026-01-01T00:00:00Z', divisionId: division } });
    // c1 at A: its own notice and one an old merge of B brought (raised before records were kept); another day's from C.
    const own = await notice('c1', 'A', key('A'), 1, { divisionIds: ['d1'], touchpointIds: ['t1'], lastAt: '2026-01-02', records: records('r1', 1) });
    await notice('c1', 'A', key('B'), 2, { divisionIds: ['d2'], touchpointIds: ['t2', 't3'], lastAt: '2026-01-03' });
    const otherDay = await notice('c1', 'A', key('C', '2025-12-31'), 1, { divisionIds: ['d3'], touchpointIds: ['t4'], lastAt: '2025-12-31' });
    // c2 at A: two brought by old merges, none of A's own.
    await notice('c2', 'A', key('B'), 1, { divisionIds: ['d1'], touchpointIds: ['t5'], lastAt: '2026-01-01', records: records('r2', 1) }, true);
    await notice('c2', 'A', key('C'), 1, { divisionIds: ['d1'], touchpointIds: ['t6'], lastAt: '2026-01-02', records: records('r2', 1) }, true);
    // c3: A's key is held at W (an old merge of A into W, A split off since), and A holds one keyed by B.
    const atW = await notice('c3', 'W', key('A'), 1, { divisionIds: ['d1'], touchpointIds: ['t7'], lastAt: '2026-01-01' });
    const atA = await notice('c3', 'A', key('B'), 1, { divisionIds: ['d1'], touchpointIds: ['t8'], lastAt: '2026-01-01' });
    // Keyed where they are: left as they are.
    const fine = await notice('c4', 'A', key('A'), 4, { divisionIds: ['d1'], touchpointIds: ['t9'], lastAt: '2026-01-01' });
    const before = await db.query(`SELECT * FROM notice WHERE id = $1`, [fine]);

    await db.query(KEYED_WHERE_THEY_ARE.combine);
    const [{ ids }] = await db.query(KEYED_WHERE_THEY_ARE.aside);
    await db.query(KEYED_WHERE_THEY_ARE.rekey, [ids]);

    const rows = await db.query(
      `SELECT c.email AS colleague, n.account_id AS "accountId", n.group_key AS "groupKey", n.occurrences, n.data, n.read_at IS NOT NULL AS read, n.id
         FROM notice n JOIN colleague c ON c.id = n.colleague_id ORDER BY c.email, n.account_id, n.group_key`);
    expect(rows).toEqual([
      { colleague: 'c1@ourco.example', accountId: accounts.A, groupKey: key('A', '2025-12-31'), occurrences: 1, read: false, id: otherDay,
        data: { divisionIds: ['d3'], touchpointIds: ['t4'], lastAt: '2025-12-31' } },
      { colleague: 'c1@ourco.example', accountId: accounts.A, groupKey: key('A'), occurrences: 3, read: false, id: own,
        data: { divisionIds: ['d1', 'd2'], touchpointIds: ['t2', 't3', 't1'], lastAt: '2026-01-03', records: records('r1', 1) } },
      { colleague: 'c2@ourco.example', accountId: accounts.A, groupKey: key('A'), occurrences: 2, read: true, id: expect.any(String),
        data: { divisionIds: ['d1'], touchpointIds: ['t6', 't5'], lastAt: '2026-01-02', records: records('r2', 2) } },
      { colleague: 'c3@ourco.example', accountId: accounts.A, groupKey: key('A'), occurrences: 1, read: false, id: atA,
        data: { divisionIds: ['d1'], touchpointIds: ['t8'], lastAt: '2026-01-01' } },
      { colleague: 'c3@ourco.example', accountId: accounts.W, groupKey: key('W'), occurrences: 1, read: false, id: atW,
        data: { divisionIds: ['d1'], touchpointIds: ['t7'], lastAt: '2026-01-01' } },
      { colleague: 'c4@ourco.example', accountId: accounts.A, groupKey: key('A'), occurrences: 4, read: false, id: fine,
        data: { divisionIds: ['d1'], touchpointIds: ['t9'], lastAt: '2026-01-01' } },
    ].sort((a, b) => (a.colleague + a.accountId + a.groupKey < b.colleague + b.accountId + b.groupKey ? -1 : 1)));
    expect(await db.query(`SELECT * FROM notice WHERE id = $1`, [fine])).toEqual(before);
  });
});
