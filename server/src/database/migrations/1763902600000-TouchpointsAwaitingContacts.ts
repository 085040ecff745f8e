import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Touchpoints waiting for people they name by a division's contact id, by
 * that id: a contact id names one person of the division's system whatever
 * account the contact is filed under, so a contact that arrives after the
 * touchpoint finds it also when the touchpoint is another account's (the
 * index on account_id, TouchpointsAwaitingPeople, finds those of its own
 * account). Same predicate: only touchpoints still waiting for someone. Each
 * entry goes into the tree at once (fastupdate off): every batch of contacts
 * probes it, and a pending list would be read by every probe.
 */
export class TouchpointsAwaitingContacts1763902600000 implements MigrationInterface {
  name = 'TouchpointsAwaitingContacts1763902600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX touchpoint_awaiting_contacts_idx ON touchpoint USING gin (participant_external_ids) WITH (fastupdate = off)
        WHERE cardinality(stakeholder_ids) < cardinality(participant_external_ids) + cardinality(participant_emails)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX touchpoint_awaiting_contacts_idx`);
  }
}
