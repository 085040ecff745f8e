import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stakeholder's phones kept one number per last nine digits, so of two numbers differing only before those
 * ("+1 212 555 0100" from one record, "+1 312 555 0100" from another) the person showed one; matching compares whole
 * numbers (issue 4). Their phones are computed again as refreshStakeholders now does (contact-linker.ts,
 * STAKEHOLDER_PHONES; written out here, as a migration imports nothing of the app): every international number, and a
 * national writing only when no international one is the same number, of those left the first of each last nine digits
 * (in that order, as distinctPhones: the other way round lost "9012345678" beside "0012345678" and "+4912345678"). A record that itself lost one of two such numbers
 * gets it back from `npm run rekey`, which refreshes its person's phones too.
 */
const PHONES = `coalesce((SELECT array_agg(p ORDER BY p) FROM (
    SELECT DISTINCT ON (k) p FROM (
      SELECT p, d, CASE WHEN p LIKE '+%' THEN p ELSE right(d, 9) END AS k, array_agg(d) FILTER (WHERE p LIKE '+%') OVER () AS intl
        FROM source_contact_record s, unnest(s.phones) p, regexp_replace(p, '\\D', '', 'g') d WHERE s.stakeholder_id = st.id) x
     WHERE p LIKE '+%' OR NOT EXISTS (SELECT 1 FROM unnest(intl) q WHERE CASE
       WHEN length(ltrim(d, '0')) BETWEEN 6 AND 8 THEN q LIKE '%' || ltrim(d, '0') ELSE right(q, 9) = right(d, 9) END)
     ORDER BY k, p) one), '{}')`;

export class StakeholderPhonesWholeNumbers1763905500000 implements MigrationInterface {
  name = 'StakeholderPhonesWholeNumbers1763905500000';

  /** Only people whose records give two phones or more can have lost one. */
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `WITH fresh AS (
         SELECT st.id, ${PHONES} AS phones FROM stakeholder st
          WHERE (SELECT count(DISTINCT p) FROM source_contact_record s, unnest(s.phones) p WHERE s.stakeholder_id = st.id) > 1)
       UPDATE stakeholder st SET phones = fresh.phones FROM fresh WHERE st.id = fresh.id AND st.phones IS DISTINCT FROM fresh.phones`);
  }

  /** One writing per last nine digits again, as before: an international one over a national one. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `WITH fresh AS (
         SELECT st.id, coalesce((SELECT array_agg(p ORDER BY p) FROM (
                  SELECT DISTINCT ON (right(regexp_replace(p, '\\D', '', 'g'), 9)) p FROM source_contact_record s, unnest(s.phones) p
                   WHERE s.stakeholder_id = st.id ORDER BY right(regexp_replace(p, '\\D', '', 'g'), 9), p LIKE '+%' DESC, p) one), '{}') AS phones
           FROM stakeholder st WHERE cardinality(st.phones) > 1)
       UPDATE stakeholder st SET phones = fresh.phones FROM fresh WHERE st.id = fresh.id AND st.phones IS DISTINCT FROM fresh.phones`);
  }
}

