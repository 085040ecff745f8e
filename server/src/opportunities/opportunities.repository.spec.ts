import { DataSource } from 'typeorm';
import { addAccountRecord, addAccounts, useTestDatabase } from '../testing/database';
import { explaining, Explained, PlanNode, scansOf } from '../testing/plans';
import { OpportunitiesRepository } from './opportunities.repository';
import { OpportunityStatus } from './opportunity.types';

function nodeTypes(node: PlanNode): string[] {
  return [node['Node Type'], ...(node.Plans ?? []).flatMap(nodeTypes)];
}

/**
 * An account's opportunities are read in the order of index opportunity_listing_idx, whose expressions the
 * repository spells again: if the two drift apart, a key account's listing sorts all its opportunities per page.
 */
describe('OpportunitiesRepository.listForAccount (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let accountId: string;

  beforeAll(async () => {
    [accountId] = await addAccounts(db, 1);
    const [division] = await db.query(`INSERT INTO division (key, name) VALUES ('d', 'D') RETURNING id`);
    const recordId = await addAccountRecord(db, division.id, 'A-1', accountId);
    await db.query(
      `INSERT INTO opportunity (division_id, source_system, external_id, account_id, source_account_record_id, name, stage, is_open, status, close_date, content_hash, raw)
       SELECT $1, 'crm', 'O-' || g, $2, $3, 'Deal ' || g, 'x', g % 3 <> 0, CASE WHEN g % 3 = 0 THEN 'WON' ELSE 'OPEN' END,
              CASE WHEN g % 7 = 0 THEN NULL ELSE DATE '2026-01-01' + g END, 'h', '{}'
         FROM generate_series(1, 300) g`,
      [division.id, accountId, recordId]);
  });

  it.each([
    ['the first page', {}, false],
    ['a page after a position', {}, true],
    ['closed ones only, after a position', { statuses: [OpportunityStatus.WON] }, true],
  ])('reads %s through opportunity_listing_idx, in its order', async (_, filter, paged) => {
    const plans: Explained[] = [];
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      await tx.query(`SET LOCAL enable_sort = off`);
      const repository = new OpportunitiesRepository(explaining(tx, (e) => plans.push(e)) as unknown as DataSource);
      const first = await repository.listForAccount(accountId, 10, filter);
      const after = paged ? first[9] : undefined;
      const rows = await repository.listForAccount(accountId, 10, filter, after && { group: after.group, key: after.key, id: after.id });
      expect(rows).toHaveLength(11);
    });
    for (const { plan } of plans) {
      expect(scansOf(plan).map((s) => s.index)).toEqual(['opportunity_listing_idx']);
      // No Sort nor Incremental Sort: the index gives the whole order.
      expect(nodeTypes(plan).filter((type) => type.includes('Sort'))).toEqual([]);
    }
  });
});
