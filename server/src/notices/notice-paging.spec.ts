import { AccountsService } from '../accounts/accounts.service';
import { Principal } from '../auth/principal';
import { addDivision, useTestDatabase } from '../testing/database';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';

/**
 * Paging a colleague's notices (Relay cursor) while they change: a notice that grows (another touch folded in, a
 * meeting rescheduled) or is marked read keeps its place, so paging on neither skips nor repeats one.
 */
describe('paging notices while they change (real PostgreSQL)', () => {
  const db = useTestDatabase();
  // myNotices reads no account: the accounts service is not needed here.
  const service = () => new NoticesService(new NoticesRepository(db), null as unknown as AccountsService);
  let me: Principal;
  const ids: string[] = [];

  beforeAll(async () => {
    const division = await addDivision(db, 'sales');
    const [{ id }] = await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('pat@ourco.example', 'Pat', $1) RETURNING id`, [division]);
    me = { kind: 'colleague', id, email: 'pat@ourco.example', divisionId: division, role: 'REP' } as unknown as Principal;
    for (let i = 1; i <= 6; i++) {
      const [n] = await db.query(
        `INSERT INTO notice (colleague_id, kind, group_key, created_at, updated_at) VALUES ($1, 'MATCH_REVIEW_WAITING', $2, now() - make_interval(hours => $3), now() - make_interval(hours => $3)) RETURNING id`,
        [id, `MATCH_REVIEW_WAITING|n${i}`, 10 - i]);
      ids.push(n.id);
    }
  });

  it('lists each notice once when one not yet paged grows and one paged already is read while paging', async () => {
    const seen: string[] = [];
    let page = await service().myNotices(me, { first: 2 });
    seen.push(...page.edges.map((e) => e.node.id));
    // While the colleague reads the first page: the oldest notice grows (as a new touch folded into it does), and the
    // newest is marked read.
    await db.query(`UPDATE notice SET occurrences = occurrences + 1, updated_at = now(), read_at = NULL WHERE id = $1`, [ids[0]]);
    await service().markRead(me, { ids: [ids[5]] });
    while (page.pageInfo.hasNextPage) {
      page = await service().myNotices(me, { first: 2, after: page.pageInfo.endCursor! });
      seen.push(...page.edges.map((e) => e.node.id));
      await db.query(`UPDATE notice SET occurrences = occurrences + 1, updated_at = now() WHERE id = $1`, [seen[seen.length - 1]]);
    }
    expect(seen).toEqual([...ids].reverse());
  });
});
