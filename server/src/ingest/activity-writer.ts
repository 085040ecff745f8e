import { EntityManager } from 'typeorm';
import { normalizeEmail } from '../matching/features';
import { stageStatus } from '../opportunities/stage';
import { KnownAccountRecord } from './account-writer';
import { lockPeopleAttaching } from './contact-writer';
import { rowsByExternalIds } from './natural-key';
import { OpportunityRecordInput, TouchpointRecordInput } from './ingest.types';
import { contentHash, formerContentHashes, hashForm, recordHash, plausibleCloseDate, sourceUpdatedAtOf, versionContent } from './validation';
import { settledByStored, storedOtherwise, storedRows, UpsertOutcome, versionedUpsert, VersionedTable } from './versioned-upsert';

const OPPORTUNITIES: VersionedTable = {
  table: 'opportunity',
  kind: 'OPPORTUNITY',
  columns: {
    account_id: 'uuid', source_account_record_id: 'uuid', name: 'text', stage: 'text', is_open: 'boolean', status: 'text', amount: 'numeric',
    currency: 'text', close_date: 'date', owner_email: 'text', owner_id: 'uuid', raw: 'jsonb',
    // When it was received, if it waited for its account (found by exploratory testing: dropped, so a copy rejected beside it
    // was set aside as older than a version that had only landed later).
    received_at: 'timestamptz',
  },
};

const TOUCHPOINTS: VersionedTable = {
  table: 'touchpoint',
  kind: 'TOUCHPOINT',
  columns: {
    account_id: 'uuid', source_account_record_id: 'uuid', type: 'text', occurred_at: 'timestamptz', subject: 'text', summary: 'text',
    outcome: 'text', confidential: 'boolean', opportunity_external_id: 'text', opportunity_id: 'uuid', colleague_emails: 'text[]',
    colleague_ids: 'uuid[]', participant_external_ids: 'text[]', participant_emails: 'text[]', stakeholder_ids: 'uuid[]', received_at: 'timestamptz',
  },
  counted: true,
};

/** The class of the opportunity linking locks (two-key advisory locks: this, and the division system's hash). */
const OPPORTUNITY_LINK_LOCK = 0x0c_0b_b0;

/**
 * The valid emails of a list, normalised, each once, in their order. `seen`
 * (one per batch) spares normalising the same address again: a division's
 * colleagues and a customer's people recur on most of its touchpoints.
 */
function lowerEmails(list: readonly string[] | null | undefined, seen?: Map<string, string | null>): string[] {
  const out: string[] = [];
  if (!list) return out;
  for (const raw of list) {
    let email = seen?.get(raw);
    if (email === undefined) {
      email = normalizeEmail(raw);
      seen?.set(raw, email);
    }
    if (email !== null && !out.includes(email)) out.push(email);
  }
  return out;
}

/** The values of a list, each once, in their order. */
function distinct(list: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  if (list) for (const value of list) if (!out.includes(value)) out.push(value);
  return out;
}

/** Colleague ids by email (our people), for the emails named in a batch. */
async function colleaguesByEmail(tx: EntityManager, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows: { email: string; id: string }[] = await tx.query(
    `SELECT lower(email) AS email, id FROM colleague WHERE lower(email) = ANY($1::text[])`,
    [[...new Set(emails)]],
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

export async function writeOpportunities(
  tx: EntityManager, divisionId: string, sourceSystem: string, inputs: OpportunityRecordInput[], accounts: Map<string, KnownAccountRecord>,
  receivedAt: readonly (Date | undefined)[] = [],
): Promise<Map<string, UpsertOutcome & { accountId: string }>> {
  const owners = await colleaguesByEmail(tx, inputs.flatMap((i) => lowerEmails(i.ownerEmail ? [i.ownerEmail] : [])));
  const stored = await storedRows(tx, OPPORTUNITIES, divisionId, sourceSystem, inputs.map((i) => i.externalId));
  const rows = inputs.map((input, i) => {
    const raw = versionContent(input);
    const hash = contentHash(hashForm(raw));
    const account = accounts.get(input.accountExternalId)!;
    const owner = lowerEmails(input.ownerEmail ? [input.ownerEmail] : [])[0] ?? null;
    const status = stageStatus(input.stage);
    return {
      externalId: input.externalId,
      hash,
      // The hashes versions before stored for the same content, only for a record stored under another hash (storedOtherwise).
      formerHashes: storedOtherwise(stored, input.externalId, hash) ? formerContentHashes(input, { hash }) : undefined,
      sourceUpdatedAt: sourceUpdatedAtOf(input),
      values: {
        account_id: account.accountId, source_account_record_id: account.recordId, name: input.name.trim(), stage: input.stage.trim(),
        is_open: status === 'OPEN', status,
        // As sent: the column keeps every decimal (found by exploratory testing: numeric(18, 2) rounded 1.235 KWD to 1.24);
        // the exact text when it was sent (validated by validateItem: a plain decimal), as text, so nothing rounds it.
        amount: input.amountText ?? input.amount ?? null,
        // Upper-cased by validation (validateItem); trimmed and upper-cased again for callers that did not validate.
        currency: input.currency?.trim().toUpperCase() || null,
        // One outside the years a deal closes in was ignored with a warning (validateItem); kept in raw.
        close_date: input.closeDate && plausibleCloseDate(input.closeDate) ? input.closeDate : null, owner_email: owner, owner_id: owner ? owners.get(owner) ?? null : null, raw, received_at: receivedAt[i] ?? null,
      },
    };
  });
  const outcome = await versionedUpsert(tx, OPPORTUNITIES, divisionId, sourceSystem, rows, stored);
  const created = rows.filter((r) => outcome.get(r.externalId)!.status === 'CREATED').map((r) => r.externalId);
  if (created.length > 0) {
    await lockOpportunityLinking(tx, divisionId, sourceSystem);
    await attachOpportunities(tx, divisionId, sourceSystem, created);
  }
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: String(r.values.account_id) }]));
}

/**
 * Touchpoints and the opportunities they name, when they arrive in two
 * transactions at once, cannot see each other before they commit: the
 * touchpoint would find no opportunity, and the opportunity no touchpoint
 * waiting for it. So a transaction that has created opportunities takes this
 * lock (per division system) before it looks for the touchpoints waiting for
 * them, and one whose touchpoints name opportunities it did not find takes it
 * and looks for them again before it stores them: whichever comes second sees
 * what the first committed.
 */
async function lockOpportunityLinking(tx: EntityManager, divisionId: string, sourceSystem: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2 || '/' || $3))`, [OPPORTUNITY_LINK_LOCK, divisionId, sourceSystem]);
}

/**
 * Links touchpoints that named one of these opportunities (just created)
 * before it arrived: through touchpoint_awaiting_opportunity_idx, one probe
 * per opportunity.
 */
async function attachOpportunities(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<void> {
  if (externalIds.length === 0) return;
  await tx.query(
    `UPDATE touchpoint t SET opportunity_id = o.id, updated_at = now()
       FROM ${rowsByExternalIds('opportunity', 'o', { ids: '$3' })}
      WHERE t.division_id = o.division_id AND t.source_system = o.source_system AND t.opportunity_external_id = o.external_id
        AND t.opportunity_id IS NULL`,
    [divisionId, sourceSystem, externalIds],
  );
}

/** What a batch of touchpoints names, resolved: our colleagues, the customer's people (where already known) and the opportunities. */
interface Named {
  colleagues: Map<string, string>;
  /** Stakeholder by the source's contact id. */
  byContact: Map<string, string>;
  /** Stakeholder by `${accountId}|${email}`. */
  byEmail: Map<string, string>;
  opportunities: Map<string, string>;
}

/** Resolves what the touchpoints name in one round trip (one branch per kind of name the batch has). */
async function resolveNames(
  tx: EntityManager, divisionId: string, sourceSystem: string,
  names: { colleagueEmails: string[]; contactIds: string[]; participantEmails: string[]; opportunityIds: string[] },
): Promise<Named> {
  const named: Named = { colleagues: new Map(), byContact: new Map(), byEmail: new Map(), opportunities: new Map() };
  const params: unknown[] = [divisionId, sourceSystem];
  const branches: string[] = [];
  const branch = (values: string[], sql: (param: string) => string) => {
    if (values.length === 0) return;
    params.push(values);
    branches.push(sql(`$${params.length}`));
  };
  // Every branch names its columns: the first one present names them for all.
  branch(names.colleagueEmails, (p) => `SELECT 'colleague' AS kind, lower(email) AS name, id, NULL::uuid AS "accountId" FROM colleague WHERE lower(email) = ANY(${p}::text[])`);
  branch(names.contactIds, (p) => `SELECT 'contact' AS kind, c.external_id AS name, c.stakeholder_id AS id, c.account_id AS "accountId" FROM ${rowsByExternalIds('source_contact_record', 'c', { ids: p })}
      WHERE c.stakeholder_id IS NOT NULL`);
  // One probe of the emails index per email, kept apart by OFFSET 0: as `emails && <all the batch's emails>`, a batch naming
  // a few hundred people was planned as a read of every contact record (participant-emails.spec.ts). The index takes
  // entries into its tree at once (migration ContactEmailsIndexed): a pending list would be read by every probe.
  branch(names.participantEmails, (p) => `SELECT 'email' AS kind, wanted.email AS name, c.stakeholder_id AS id, c.account_id AS "accountId"
      FROM unnest(${p}::text[]) AS wanted(email)
      CROSS JOIN LATERAL (SELECT r.stakeholder_id, r.account_id FROM source_contact_record r
        WHERE r.emails @> ARRAY[wanted.email] AND r.stakeholder_id IS NOT NULL OFFSET 0) AS c`);
  branch(names.opportunityIds, (p) => `SELECT 'opportunity' AS kind, o.external_id AS name, o.id, NULL::uuid AS "accountId" FROM ${rowsByExternalIds('opportunity', 'o', { ids: p })}`);
  if (branches.length === 0) return named;
  // $1 and $2 typed even when no branch uses them.
  const rows: { kind: string; name: string; id: string; accountId: string | null }[] = await tx.query(
    `SELECT * FROM (${branches.join(' UNION ALL ')}) AS named WHERE $1::uuid IS NOT NULL AND $2::text IS NOT NULL`,
    params,
  );
  for (const row of rows) {
    if (row.kind === 'colleague') named.colleagues.set(row.name, row.id);
    else if (row.kind === 'contact') named.byContact.set(row.name, row.id);
    else if (row.kind === 'email') named.byEmail.set(`${row.accountId}|${row.name}`, row.id);
    else named.opportunities.set(row.name, row.id);
  }
  return named;
}

/**
 * Stores touchpoints of known accounts. Each is hashed first: those identical
 * to what the hub holds (a system sending its records again) are UNCHANGED and
 * cost nothing more; only the new and changed ones have their colleagues,
 * people and opportunity resolved and are written.
 */
export async function writeTouchpoints(
  tx: EntityManager, divisionId: string, sourceSystem: string, inputs: TouchpointRecordInput[], accounts: Map<string, KnownAccountRecord>,
  receivedAt: readonly (Date | undefined)[] = [],
): Promise<Map<string, UpsertOutcome & { accountId: string }>> {
  if (inputs.length === 0) return new Map();
  const stored = await storedRows(tx, TOUCHPOINTS, divisionId, sourceSystem, inputs.map((i) => i.externalId));
  const versions = inputs.map((input, i) => {
    const hash = recordHash(input);
    // The hashes versions before stored for the same content, only for a touchpoint stored under another hash (storedOtherwise).
    const formerHashes = storedOtherwise(stored, input.externalId, hash) ? formerContentHashes(input, { notConfidential: input.confidential !== true, hash }) : undefined;
    return { input, hash, formerHashes, sourceUpdatedAt: sourceUpdatedAtOf(input), receivedAt: receivedAt[i] };
  });
  // Identical to the stored version, or older than it: nothing to resolve (versionedUpsert settles them from `stored`, values unread).
  const settled = versions.filter((v) => settledByStored(stored.get(v.input.externalId), v));
  const landing = versions.filter((v) => !settledByStored(stored.get(v.input.externalId), v));
  const seen = new Map<string, string | null>();
  const named = landing.map(({ input }) => ({
    colleagueEmails: lowerEmails(input.colleagueEmails, seen),
    participantEmails: lowerEmails(input.participantEmails, seen),
    participantIds: distinct(input.participantExternalIds),
  }));
  const every = (pick: (n: (typeof named)[number]) => string[]) => {
    const all = new Set<string>();
    for (const n of named) for (const value of pick(n)) all.add(value);
    return [...all];
  };
  const opportunityIds = [...new Set(landing.map(({ input }) => input.opportunityExternalId).filter((o): o is string => !!o))];
  const contactIds = every((n) => n.participantIds);
  const { colleagues, byContact, byEmail, opportunities } = await resolveNames(tx, divisionId, sourceSystem, {
    colleagueEmails: every((n) => n.colleagueEmails), contactIds, participantEmails: every((n) => n.participantEmails),
    opportunityIds,
  });
  // Named but not found: perhaps being stored beside this batch. Under the locks (people first, then
  // opportunities: the order every batch takes them in) such a record is found now, or it finds these touchpoints.
  const missingIds = contactIds.filter((id) => !byContact.has(id));
  const missingEmails = [...new Set(landing.flatMap(({ input }, i) =>
    named[i].participantEmails.filter((e) => !byEmail.has(`${accounts.get(input.accountExternalId)!.accountId}|${e}`))))];
  const missingOpportunities = opportunityIds.filter((id) => !opportunities.has(id));
  if (missingIds.length + missingEmails.length > 0) await lockPeopleAttaching(tx, 'shared');
  if (missingOpportunities.length > 0) await lockOpportunityLinking(tx, divisionId, sourceSystem);
  if (missingIds.length + missingEmails.length + missingOpportunities.length > 0) {
    const found = await resolveNames(tx, divisionId, sourceSystem, { colleagueEmails: [], contactIds: missingIds, participantEmails: missingEmails, opportunityIds: missingOpportunities });
    for (const [key, id] of found.byContact) byContact.set(key, id);
    for (const [key, id] of found.byEmail) byEmail.set(key, id);
    for (const [key, id] of found.opportunities) opportunities.set(key, id);
  }
  const rows = landing.map(({ input, hash, formerHashes, sourceUpdatedAt, receivedAt: received }, i) => {
    const { colleagueEmails, participantEmails, participantIds } = named[i];
    const account = accounts.get(input.accountExternalId)!;
    const stakeholders: string[] = [];
    const involve = (id: string | undefined) => {
      if (id && !stakeholders.includes(id)) stakeholders.push(id);
    };
    for (const id of participantIds) involve(byContact.get(id));
    for (const email of participantEmails) involve(byEmail.get(`${account.accountId}|${email}`));
    const colleagueIds: string[] = [];
    for (const email of colleagueEmails) {
      const id = colleagues.get(email);
      if (id) colleagueIds.push(id);
    }
    return {
      externalId: input.externalId,
      hash,
      formerHashes,
      sourceUpdatedAt,
      values: {
        account_id: account.accountId, source_account_record_id: account.recordId, type: input.type, occurred_at: input.occurredAt,
        subject: input.subject ?? null, summary: input.summary ?? null, outcome: input.outcome ?? null, confidential: input.confidential ?? false,
        opportunity_external_id: input.opportunityExternalId ?? null, opportunity_id: input.opportunityExternalId ? opportunities.get(input.opportunityExternalId) ?? null : null,
        colleague_emails: colleagueEmails, colleague_ids: colleagueIds,
        participant_external_ids: participantIds, participant_emails: participantEmails, stakeholder_ids: stakeholders, received_at: received ?? null,
      },
    };
  });
  const outcome = await versionedUpsert(tx, TOUCHPOINTS, divisionId, sourceSystem, [...rows, ...settled.map((v) => ({ externalId: v.input.externalId, hash: v.hash, formerHashes: v.formerHashes, sourceUpdatedAt: v.sourceUpdatedAt, values: {} }))], stored);
  return new Map(inputs.map((input) => [input.externalId, { ...outcome.get(input.externalId)!, accountId: accounts.get(input.accountExternalId)!.accountId }]));
}
