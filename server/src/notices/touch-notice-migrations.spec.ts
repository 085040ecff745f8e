import { TOLD_BEFORE } from '../database/migrations/1763903900000-TouchpointsTold';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * What the migrations of OTHER_DIVISION_TOUCH notices do to data written
 * before them: touchpoints told under the rule before are marked told.
 */
describe('touch notice migrations (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let division: string;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    division = await addDivision(db, 'logistics');
    for (const name of ['A']) {
      [{ id: accounts[name] }] = await db.query(`INSERT INTO account (name, name_key) VALUES ($1, lower($1)) RETURNING id`, [`Account ${name}`]);
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
});
