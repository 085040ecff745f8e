import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every reader resolves a merged-away person in one step (`merged_into_id`),
 * but a person merged into someone who was later merged away pointed at that
 * one, merged away too. Merges now point such people at the survivor; this
 * does the same for the people merged before: each at the end of its chain.
 */
export class MergedPeopleFlattened1763902300000 implements MigrationInterface {
  name = 'MergedPeopleFlattened1763902300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH RECURSIVE chain AS (
        SELECT id, merged_into_id AS root FROM stakeholder WHERE merged_into_id IS NOT NULL
        UNION ALL
        SELECT c.id, s.merged_into_id FROM chain c JOIN stakeholder s ON s.id = c.root WHERE s.merged_into_id IS NOT NULL
      )
      UPDATE stakeholder st SET merged_into_id = c.root
        FROM chain c JOIN stakeholder r ON r.id = c.root AND r.merged_into_id IS NULL
       WHERE st.id = c.id AND st.merged_into_id IS DISTINCT FROM c.root`);
  }

  async down(): Promise<void> {
    // Where each person was merged first is not kept: the flattened pointers stay (they answer the same).
  }
}
