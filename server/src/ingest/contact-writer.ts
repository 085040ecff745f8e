import { EntityManager } from 'typeorm';
import { engagementRollups } from '../engagement/rollups';
import { linkChangedContactRecords, linkContactRecords, lockContactLinking, refreshReportsTo, refreshStakeholders } from '../matching/contact-linker';
import { writeBlockingKeys } from '../matching/blocking';
import { contactBlockingKeys } from '../matching/blocking-keys';
import { CONTACT_FEATURE_COLUMNS, featureColumnTypes, featureColumnValues } from '../matching/feature-columns';
import { contactFeatures } from '../matching/features';
import { MATCH_RULES } from '../matching/rules';
import { matchReviews } from '../identity/match-reviews.repository';
import { KnownAccountRecord } from './account-writer';
import { ContactRecordInput } from './ingest.types';
import { rowsByExternalIds, unseen } from './natural-key';
import { contactAsRead, contentHash, formerContentHashes, hashForm, sourceUpdatedAtOf, versionContent } from './validation';
import { SourceRow, storedOtherwise, storedRows, UpsertOutcome, versionedUpsert, VersionedTable } from './versioned-upsert';

const CONTACT_RECORDS: VersionedTable = {
  table: 'source_contact_record',
  kind: 'CONTACT',
  columns: { account_external_id: 'text', account_id: 'uuid', raw: 'jsonb', name: 'text', received_at: 'timestamptz', ...featureColumnTypes(CONTACT_FEATURE_COLUMNS) },
  orderedIds: true,
};

export interface ContactLanding extends UpsertOutcome {
  accountId: string;
  stakeholderId: string;
}

/**
 * Stores contact records of known accounts and resolves the new ones to
 * stakeholders, and the changed ones alone in their person again
 * (linkChangedContactRecords); then touchpoints of the same source that
 * named these people before they arrived get them as participants.
 * `receivedAt`: when the hub received each input, if not now (it waited for
 * its account): the version it lands keeps it (received_at). `now`: the hub's Clock's (a birthday after it is none yet).
 */
export async function writeContacts(
  tx: EntityManager,
  divisionId: string,
  sourceSystem: string,
  inputs: ContactRecordInput[],
  accounts: Map<string, KnownAccountRecord>,
  now: Date,
  receivedAt: readonly (Date | undefined)[] = [],
): Promise<Map<string, ContactLanding>> {
  if (inputs.length === 0) return new Map();
  const stored = await storedRows(tx, CONTACT_RECORDS, divisionId, sourceSystem, inputs.map((i) => i.externalId));
  const rows = inputs.map((sent, i) => {
    // Stored as sent (raw, hash); read with a name's email address among the emails (contactAsRead).
    const raw = versionContent(sent);
    const input = contactAsRead(sent);
    const hash = contentHash(hashForm(raw));
    const features = contactFeatures(input, now);
    const accountId = accounts.get(input.accountExternalId)!.accountId;
    const row: SourceRow = {
      externalId: input.externalId,
      hash,
      // The hashes versions before stored for the same content, only for a record stored under another hash (storedOtherwise).
      formerHashes: storedOtherwise(stored, input.externalId, hash) ? formerContentHashes(sent, { hash }) : undefined,
      sourceUpdatedAt: sourceUpdatedAtOf(sent),
      values: {
        account_external_id: input.accountExternalId, account_id: accountId, raw, name: input.name.trim(), received_at: receivedAt[i] ?? null,
        ...featureColumnValues(CONTACT_FEATURE_COLUMNS, features),
      },
    };
    return { input, row, features, accountId };
  });
  const outcome = await versionedUpsert(tx, CONTACT_RECORDS, divisionId, sourceSystem, rows.map((r) => r.row), stored);
  await writeBlockingKeys(tx, rows.filter((r) => outcome.get(r.input.externalId)!.status !== 'UNCHANGED')
    .map((r) => ({ id: outcome.get(r.input.externalId)!.id, keys: contactBlockingKeys(r.features, r.accountId), fresh: outcome.get(r.input.externalId)!.status === 'CREATED' })));
  const toLink = ({ input, features, accountId }: (typeof rows)[number]) => ({
    id: outcome.get(input.externalId)!.id, accountId, name: input.name.trim(), title: input.title ?? null,
    department: input.department ?? null, interests: input.interests ?? [], features,
  });
  // Changed records alone in their person are matched again first: one that now joins another person takes its
  // person along, and a new record of this batch that matches either finds the one person left. A merge renames
  // people in touchpoints: the people-attaching lock (which this batch takes below anyway) is taken before, as a
  // touchpoint batch takes it (shared) before it writes its touchpoints, so neither holds a row the other waits for.
  // Before they are matched again where they are now: the reviews a moved record waited in were read where it was.
  await matchReviews.closeMovedApart(tx, rows.filter((r) => outcome.get(r.input.externalId)!.status === 'UPDATED').map((r) => outcome.get(r.input.externalId)!.id));
  await linkChangedContactRecords(tx, rows.filter((r) => outcome.get(r.input.externalId)!.status === 'UPDATED').map(toLink), MATCH_RULES,
    () => lockPeopleAttaching(tx, 'exclusive'));
  const created = rows.filter((r) => outcome.get(r.input.externalId)!.status === 'CREATED');
  await linkContactRecords(tx, created.map(toLink));
  const links = await stakeholdersOf(tx, [...outcome.values()].map((o) => o.id));
  const updatedRecords = rows.filter((r) => outcome.get(r.input.externalId)!.status === 'UPDATED').map((r) => outcome.get(r.input.externalId)!.id);
  await renamePeople(tx, updatedRecords);
  await refreshStakeholders(tx, [...new Set(updatedRecords.map((id) => links.get(id)!))]);
  const changed = rows.filter((r) => {
    const status = outcome.get(r.input.externalId)!.status;
    return status === 'UPDATED' || (status === 'CREATED' && r.input.reportsToExternalId);
  });
  await resolveReportsTo(tx, divisionId, sourceSystem, changed.map((r) => r.input.externalId), created.map((r) => r.input.externalId));
  if (rows.some((r) => outcome.get(r.input.externalId)!.status !== 'UNCHANGED')) await lockPeopleAttaching(tx, 'exclusive');
  await attachParticipants(tx, divisionId, sourceSystem, rows.map((r) => r.accountId),
    rows.filter((r) => outcome.get(r.input.externalId)!.status !== 'UNCHANGED').map((r) => r.input.externalId));
  return new Map(rows.map(({ input, accountId }) => {
    const landed = outcome.get(input.externalId)!;
    return [input.externalId, { ...landed, accountId, stakeholderId: links.get(landed.id)! }];
  }));
}

/**
 * A person follows the record they are named after, as an account does: when the name a record had is
 * the person's and the record now spells it otherwise ("Jonh Smiht" corrected, a married name), the
 * person's name changes with it. Other records' spellings and merges leave the name people know.
 * (Found by exploratory testing: a person kept the name of their first record for good.)
 */
async function renamePeople(tx: EntityManager, recordIds: string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await tx.query(
    `UPDATE stakeholder st SET name = c.name, name_key = c.name_key, updated_at = now()
       FROM source_contact_record c JOIN source_record_version v ON v.record_id = c.id AND v.version = c.version - 1
      WHERE c.id = ANY($1::uuid[]) AND st.id = c.stakeholder_id AND st.name = v.raw->>'name' AND st.name <> c.name`,
    [recordIds]);
}

/** The class of the people-attaching lock (one key: every account's people). */
const PEOPLE_ATTACH_LOCK = 0x0c_9e_0b;

/**
 * Touchpoints and the contacts they name, when they arrive in two
 * transactions at once, cannot see each other before they commit: the
 * touchpoint would find no one, and the contact no touchpoint waiting for it.
 * A batch that stores contacts takes this lock exclusively before it attaches
 * the touchpoints waiting for people; a batch whose touchpoints name people
 * it did not find takes it shared (touchpoint batches do not wait for one
 * another) and looks for them again: whichever comes second sees what the
 * first committed. Taken before the opportunity linking lock, in every batch
 * (and after contact linking's); a batch whose changed contact merges two
 * people takes it before it renames them in touchpoints.
 */
export async function lockPeopleAttaching(tx: EntityManager, mode: 'shared' | 'exclusive'): Promise<void> {
  await tx.query(mode === 'shared' ? 'SELECT pg_advisory_xact_lock_shared($1)' : 'SELECT pg_advisory_xact_lock($1)', [PEOPLE_ATTACH_LOCK]);
}

async function stakeholdersOf(tx: EntityManager, recordIds: string[]): Promise<Map<string, string>> {
  const rows: { id: string; stakeholderId: string }[] = await tx.query(
    `SELECT id, stakeholder_id AS "stakeholderId" FROM source_contact_record WHERE id = ANY($1::uuid[])`,
    [recordIds],
  );
  return new Map(rows.map((r) => [r.id, r.stakeholderId]));
}

/**
 * "Reports to", named by the source's own contact ids, becomes a stakeholder
 * edge, recomputed (refreshReportsTo) for the people whose records changed
 * what they say (`changed`: created records that name a manager, and every
 * updated one, which may have stopped naming one) and for the people whose
 * stored records named one of `arrived` (the batch's new contacts) before it came.
 */
async function resolveReportsTo(tx: EntityManager, divisionId: string, sourceSystem: string, changed: string[], arrived: string[]): Promise<void> {
  const people: string[] = [];
  if (changed.length > 0) {
    // A manager created beside this batch is found once it commits (its batch holds the lock until then);
    // or, if this batch goes first, that batch's `arrived` step finds these contacts.
    await lockContactLinking(tx);
    const rows: { id: string }[] = await tx.query(
      `SELECT c.stakeholder_id AS id FROM ${rowsByExternalIds('source_contact_record', 'c', { ids: '$3' })}`,
      [divisionId, sourceSystem, changed],
    );
    people.push(...rows.map((r) => r.id));
  }
  if (arrived.length > 0) {
    // Through source_contact_record_reports_to_idx: one probe per manager arrived.
    const rows: { id: string }[] = await tx.query(
      `SELECT c.stakeholder_id AS id FROM ${rowsByExternalIds('source_contact_record', 'boss', { ids: '$3' })}
         JOIN source_contact_record c ON c.division_id = boss.division_id AND c.source_system = boss.source_system
          AND c.raw->>'reportsToExternalId' = boss.external_id`,
      [divisionId, sourceSystem, arrived],
    );
    people.push(...rows.map((r) => r.id));
  }
  // (A condition on stakeholder_id in the statements above tempted the planner into its index, read whole.)
  await refreshReportsTo(tx, people.filter((id) => id !== null));
}

/**
 * Resolves the people of touchpoints that named participants not known when
 * they arrived: by the contact id of the touchpoint's own division system,
 * whatever account that contact is filed under (as when the contact was there
 * first: the id names one person of that system), or by email whichever
 * division's contact it is, of the touchpoint's account. The touchpoints
 * looked at are those of these accounts (in every division) and those of this
 * division system naming one of these new or changed contacts by id, still
 * waiting for someone: through touchpoint_awaiting_people_idx and
 * touchpoint_awaiting_contacts_idx, one scan of each in one statement. The
 * people found are added to those the touchpoint already has: someone
 * resolved when it landed stays, also after their record moved to another
 * customer (they were at that meeting all the same).
 */
export async function attachParticipants(tx: EntityManager, divisionId: string, sourceSystem: string, accountIds: string[], contactIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  const resolved = `
         SELECT t2.account_id, t2.id,
                coalesce(array_agg(DISTINCT s.stakeholder_id) FILTER (WHERE s.stakeholder_id IS NOT NULL AND s.stakeholder_id <> ALL (t2.stakeholder_ids)), '{}') AS ids
           FROM touchpoint t2
           LEFT JOIN LATERAL (
             SELECT c.stakeholder_id FROM source_contact_record c
              WHERE c.division_id = t2.division_id AND c.source_system = t2.source_system AND c.external_id = ANY(t2.participant_external_ids)
             UNION ALL
             SELECT c.stakeholder_id FROM source_contact_record c WHERE c.account_id = t2.account_id AND c.emails && t2.participant_emails
           ) s ON true
          -- The division system hidden from the planner (natural-key.ts): for one newer than the statistics it would read
          -- all of its touchpoints by the natural key's first columns instead of probing the ids.
          WHERE (t2.account_id = ANY($1::uuid[])
                 OR (t2.participant_external_ids && $4::text[] AND t2.division_id = ${unseen('$2', 'uuid')} AND t2.source_system = ${unseen('$3', 'text')}))
            -- Only touchpoints with people not resolved yet (the indexes' predicate): large accounts have many touchpoints.
            AND cardinality(t2.stakeholder_ids) < cardinality(t2.participant_external_ids) + cardinality(t2.participant_emails)
          GROUP BY t2.account_id, t2.id`;
  const params = [[...new Set(accountIds)], divisionId, sourceSystem, [...new Set(contactIds)]];
  // Read without a lock, then locked (rows before rollup locks, as every writer of touchpoints takes them: fewer
  // lock cycles between writers). A merge or split that moved one meanwhile leaves it out of the lock (its account is
  // another now): resolved again, where it is, until every one is locked as read.
  let changing: { accountId: string; id: string; ids: string[] }[];
  for (;;) {
    changing = await tx.query(`SELECT r.account_id AS "accountId", r.id, r.ids FROM (${resolved}) r WHERE cardinality(r.ids) > 0`, params);
    if (changing.length === 0) return;
    const [{ locked }]: { locked: number }[] = await tx.query(
      `WITH l AS (SELECT 1 FROM touchpoint t JOIN unnest($1::uuid[], $2::uuid[]) AS x(account_id, id) ON t.account_id = x.account_id AND t.id = x.id
                   FOR UPDATE OF t)
       SELECT count(*)::int AS locked FROM l`,
      [changing.map((c) => c.accountId), changing.map((c) => c.id)],
    );
    if (locked === changing.length) break;
  }
  // The people they meet are counted in the engagement rollups: out of them before they change, pending after.
  await engagementRollups.uncount(tx, changing);
  await tx.query(
    `UPDATE touchpoint t SET stakeholder_ids = t.stakeholder_ids || ARRAY(SELECT n FROM unnest(x.ids) AS n WHERE n <> ALL (t.stakeholder_ids))
       FROM jsonb_to_recordset($1::jsonb) AS x("accountId" uuid, id uuid, ids uuid[])
      WHERE t.account_id = x."accountId" AND t.id = x.id`,
    [JSON.stringify(changing)],
  );
  await engagementRollups.pend(tx, changing);
}
