import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Touchpoints that name people the hub did not know when they landed (by the
 * division's contact id or by email): when contacts arrive, the touchpoints of
 * their accounts waiting for people are looked at again, in every division (a
 * meeting one division had with bob@acme.com gets Bob when another division
 * registers him), found through this index instead of each account's whole
 * timeline. Touchpoints whose people are all known, or that name none, are
 * not in it.
 */
export class TouchpointsAwaitingPeople1763901700000 implements MigrationInterface {
  name = 'TouchpointsAwaitingPeople1763901700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX touchpoint_awaiting_people_idx ON touchpoint (account_id)
        WHERE cardinality(stakeholder_ids) < cardinality(participant_external_ids) + cardinality(participant_emails)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_awaiting_people_idx`);
  }
}
