import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marks each affiliation that is at the person's own account (`home`: the
 * account of their latest record, stakeholder.account_id), so an account's
 * people page finds those at it now whose own account is another (a board
 * member of two customers) through a partial index of the open affiliations
 * that are not home: a handful per account. Without the mark it read every
 * open affiliation of the account (every person it has) and joined each to
 * its person, or scanned the whole stakeholder table (90 ms at an account of
 * 3,000 people among 300,000, against 21 index entries for a page).
 * refreshStakeholders keeps the mark (every account a person has records at,
 * their own among them, in the statement that writes those affiliations);
 * rows written elsewhere start not home, which at worst adds a row the page
 * query filters out (it checks the person's account too). The people who
 * moved on from an account (ended affiliations) get a partial index of their
 * own for the same reason: they were found among all of its affiliations.
 */
export class AffiliationsAway1763903100000 implements MigrationInterface {
  name = 'AffiliationsAway1763903100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stakeholder_affiliation ADD COLUMN home boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE stakeholder_affiliation f SET home = true FROM stakeholder s WHERE s.id = f.stakeholder_id AND s.account_id = f.account_id`,
    );
    await q.query(`CREATE INDEX stakeholder_affiliation_away_idx ON stakeholder_affiliation (account_id) WHERE ended_on IS NULL AND NOT home`);
    await q.query(`CREATE INDEX stakeholder_affiliation_ended_idx ON stakeholder_affiliation (account_id) WHERE ended_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stakeholder_affiliation_ended_idx`);
    await q.query(`DROP INDEX stakeholder_affiliation_away_idx`);
    await q.query(`ALTER TABLE stakeholder_affiliation DROP COLUMN home`);
  }
}
