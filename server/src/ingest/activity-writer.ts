import { EntityManager } from 'typeorm';
import { normalizeEmail } from '../matching/features';
import { KnownAccountRecord } from './account-writer';
import { OpportunityRecordInput, TouchpointRecordInput } from './ingest.types';
import { canonical, contentHash } from './validation';
import { UpsertOutcome, versionedUpsert, VersionedTable } from './versioned-upsert';

const OPPORTUNITIES: VersionedTable = {
  table: 'opportunity',
  kind: 'OPPORTUNITY',
  columns: {
    account_id: 'uuid', source_account_record_id: 'uuid', name: 'text', stage: 'text', is_open: 'boolean', amount: 'numeric',
    currency: 'text', close_date: 'date', owner_email: 'text', owner_id: 'uuid', raw: 'jsonb',
  },
};

const TOUCHPOINTS: VersionedTable = {
  table: 'touchpoint',
  kind: 'TOUCHPOINT',
  columns: {
    account_id: 'uuid', source_account_record_id: 'uuid', type: 'text', occurred_at: 'timestamptz', subject: 'text', summary: 'text',
    outcome: 'text', confidential: 'boolean', opportunity_external_id: 'text', opportunity_id: 'uuid', colleague_emails: 'text[]',
    colleague_ids: 'uuid[]', participant_external_ids: 'text[]', participant_emails: 'text[]', stakeholder_ids: 'uuid[]',
  },
};

const CLOSED_STAGE = /\b(closed|won|lost|cancel+ed|dead)\b/i;

function lowerEmails(list: readonly string[] | null | undefined): string[] {
  return [...new Set((list ?? []).map(normalizeEmail).filter((e): e is string => e !== null))];
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
): Promise<Map<string, UpsertOutcome & { accountId: string }>> {
  const owners = await colleaguesByEmail(tx, inputs.flatMap((i) => lowerEmails(i.ownerEmail ? [i.ownerEmail] : [])));
  const rows = inputs.map((input) => {
    const raw = canonical(input);
    const account = accounts.get(input.accountExternalId)!;
    const owner = lowerEmails(input.ownerEmail ? [input.ownerEmail] : [])[0] ?? null;
    return {
      externalId: input.externalId,
      hash: contentHash(raw),
      values: {
        account_id: account.accountId, source_account_record_id: account.recordId, name: input.name.trim(), stage: input.stage.trim(),
        is_open: !CLOSED_STAGE.test(input.stage), amount: input.amount ?? null, currency: input.currency ?? null,
        close_date: input.closeDate ?? null, owner_email: owner, owner_id: owner ? owners.get(owner) ?? null : null, raw,
      },
    };
  });
  const outcome = await versionedUpsert(tx, OPPORTUNITIES, divisionId, sourceSystem, rows);
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: String(r.values.account_id) }]));
}

/** Participants named by the source's contact ids, resolved to stakeholders where already known. */
async function stakeholdersByContact(tx: EntityManager, divisionId: string, sourceSystem: string, inputs: TouchpointRecordInput[]) {
  const ids = [...new Set(inputs.flatMap((i) => i.participantExternalIds ?? []))];
  const emails = [...new Set(inputs.flatMap((i) => lowerEmails(i.participantEmails)))];
  if (ids.length === 0 && emails.length === 0) return { byId: new Map<string, string>(), byEmail: new Map<string, string>() };
  const rows: { externalId: string | null; email: string | null; stakeholderId: string; accountId: string }[] = await tx.query(
    `SELECT external_id AS "externalId", NULL AS email, stakeholder_id AS "stakeholderId", account_id AS "accountId" FROM source_contact_record
      WHERE division_id = $1 AND source_system = $2 AND external_id = ANY($3::text[]) AND stakeholder_id IS NOT NULL
     UNION ALL
     SELECT NULL, e, stakeholder_id, account_id FROM source_contact_record, unnest(emails) e
      WHERE emails && $4::text[] AND e = ANY($4::text[]) AND stakeholder_id IS NOT NULL`,
    [divisionId, sourceSystem, ids, emails],
  );
  const byId = new Map(rows.filter((r) => r.externalId).map((r) => [r.externalId!, r.stakeholderId]));
  const byEmail = new Map(rows.filter((r) => r.email).map((r) => [`${r.accountId}|${r.email}`, r.stakeholderId]));
  return { byId, byEmail };
}

export async function writeTouchpoints(
  tx: EntityManager, divisionId: string, sourceSystem: string, inputs: TouchpointRecordInput[], accounts: Map<string, KnownAccountRecord>,
): Promise<Map<string, UpsertOutcome & { accountId: string }>> {
  const colleagues = await colleaguesByEmail(tx, inputs.flatMap((i) => lowerEmails(i.colleagueEmails)));
  const people = await stakeholdersByContact(tx, divisionId, sourceSystem, inputs);
  const opportunities = await opportunityIds(tx, divisionId, sourceSystem, inputs.map((i) => i.opportunityExternalId).filter((o): o is string => !!o));
  const rows = inputs.map((input) => {
    const raw = canonical(input);
    const account = accounts.get(input.accountExternalId)!;
    const colleagueEmails = lowerEmails(input.colleagueEmails);
    const participantEmails = lowerEmails(input.participantEmails);
    const stakeholders = new Set([
      ...(input.participantExternalIds ?? []).map((id) => people.byId.get(id)),
      ...participantEmails.map((e) => people.byEmail.get(`${account.accountId}|${e}`)),
    ].filter((s): s is string => !!s));
    return {
      externalId: input.externalId,
      hash: contentHash(raw),
      values: {
        account_id: account.accountId, source_account_record_id: account.recordId, type: input.type, occurred_at: input.occurredAt,
        subject: input.subject ?? null, summary: input.summary ?? null, outcome: input.outcome ?? null, confidential: input.confidential ?? false,
        opportunity_external_id: input.opportunityExternalId ?? null, opportunity_id: input.opportunityExternalId ? opportunities.get(input.opportunityExternalId) ?? null : null,
        colleague_emails: colleagueEmails, colleague_ids: colleagueEmails.map((e) => colleagues.get(e)).filter((id): id is string => !!id),
        participant_external_ids: [...new Set(input.participantExternalIds ?? [])], participant_emails: participantEmails, stakeholder_ids: [...stakeholders],
      },
    };
  });
  const outcome = await versionedUpsert(tx, TOUCHPOINTS, divisionId, sourceSystem, rows);
  return new Map(rows.map((r) => [r.externalId, { ...outcome.get(r.externalId)!, accountId: String(r.values.account_id) }]));
}

async function opportunityIds(tx: EntityManager, divisionId: string, sourceSystem: string, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows: { externalId: string; id: string }[] = await tx.query(
    `SELECT external_id AS "externalId", id FROM opportunity WHERE division_id = $1 AND source_system = $2 AND external_id = ANY($3::text[])`,
    [divisionId, sourceSystem, [...new Set(externalIds)]],
  );
  return new Map(rows.map((r) => [r.externalId, r.id]));
}
