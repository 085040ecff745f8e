import { createHash } from 'node:crypto';
import { MATCH_RULES } from '../matching/rules';
import { addDivision, useTestDatabase } from '../testing/database';
import { heldOpen, waitingForALock } from '../testing/races';
import { ingestBatch } from './ingest.service';
import { IngestBatchInput, IngestItemResult, IngestResult } from './ingest.types';

/**
 * ingestBatch on a real PostgreSQL: what the set-based writers store, byte for
 * byte, whatever the text holds (they send each column as one array literal),
 * and the bookkeeping around them (waiting copies, names resolved in one query).
 */
describe('ingestBatch (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;
  const sourceSystem = 'awkward-crm';

  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('Rep.One@ourcompany.example', 'Rep One', $1)`, [divisionId]);
    await ingest({ accounts: [{ externalId: 'A-1', name: 'Acme' }, { externalId: 'A-2', name: 'Initech' }] });
  });

  // Items as a division's system sends them (the import command and the demo loader call ingestBatch the same way).
  function ingest(lists: Record<string, object[]>): Promise<IngestResult> {
    const batch = { division: 'exhibits', sourceSystem, ...lists } as unknown as IngestBatchInput;
    return db.transaction((tx) => ingestBatch(tx, divisionId, sourceSystem, batch));
  }
  const statuses = (items: IngestItemResult[]) => items.map((i) => i.status);

  // Everything an array literal or JSON gives meaning to, and what PostgreSQL reads as NULL or trims.
  const AWKWARD = ['quote " here', 'back\\slash', '\\"', '{braces}', 'a,b', 'NULL', 'null', '', '  padded  ', 'tab\tnew\nline', 'Grüße 你好 😀', "it's"];

  it('stores text, lists and JSON exactly as sent, and reports the same batch UNCHANGED when sent again', async () => {
    const touchpoints = AWKWARD.map((text, i) => ({
      externalId: `T-${i}`, accountExternalId: 'A-1', type: 'NOTE', occurredAt: new Date(Date.UTC(2025, 0, 1 + i, 9, 30)),
      subject: text, summary: `${text}|${text}`, outcome: i % 2 ? null : text, confidential: i % 3 === 0 ? true : undefined,
      colleagueEmails: ['rep.one@OURCOMPANY.example', 'Rep.One@ourcompany.example', 'not an email'],
      participantExternalIds: [text, 'C-1', text], participantEmails: ['x@y.example'], opportunityExternalId: text || undefined,
    }));
    const accounts = [{ externalId: 'A-3', name: `Awkward ${AWKWARD.join(' ')}`, domains: ['awkward-gmbh.de'], address: AWKWARD.join(','), phone: '+1 555 010 2030' }];
    const first = await ingest({ accounts, touchpoints });
    expect(statuses(first.items)).toEqual(Array(1 + AWKWARD.length).fill('CREATED'));

    const rows: { external_id: string; subject: string; summary: string; outcome: string | null; confidential: boolean; colleague_emails: string[]; colleague_ids: string[];
      participant_external_ids: string[]; participant_emails: string[]; opportunity_external_id: string | null; occurred_at: Date }[] = await db.query(
      `SELECT external_id, subject, summary, outcome, confidential, colleague_emails, colleague_ids, participant_external_ids, participant_emails, opportunity_external_id, occurred_at
         FROM touchpoint WHERE source_system = $1 ORDER BY occurred_at`, [sourceSystem]);
    const [{ id: rep }] = await db.query(`SELECT id FROM colleague WHERE email = 'Rep.One@ourcompany.example'`);
    expect(rows).toEqual(touchpoints.map((t) => ({
      external_id: t.externalId, subject: t.subject, summary: t.summary, outcome: t.outcome, confidential: t.confidential ?? false,
      colleague_emails: ['rep.one@ourcompany.example'], colleague_ids: [rep], participant_external_ids: [...new Set(t.participantExternalIds)],
      participant_emails: ['x@y.example'], opportunity_external_id: t.opportunityExternalId ?? null, occurred_at: t.occurredAt,
    })));
    const [account] = await db.query(`SELECT name, raw, domains FROM source_account_record WHERE external_id = 'A-3'`);
    expect(account).toEqual({ name: accounts[0].name, raw: accounts[0], domains: ['awkward-gmbh.de'] });

    const again = await ingest({ accounts, touchpoints });
    expect(statuses(again.items)).toEqual(Array(1 + AWKWARD.length).fill('UNCHANGED'));
    expect(again.items.map((i) => i.recordId)).toEqual(first.items.map((i) => i.recordId));
  });

  // New account records are linked before they are stored and inserted with their link: no row is ever stored unlinked.
  it('stores new account records already linked: account, status, score, evidence and rules version, found by each other within the batch', async () => {
    const outcome = await ingest({ accounts: [
      { externalId: 'L-1', name: 'Umbrella Logistics GmbH', website: 'https://www.umbrella-logistics.de/about', phone: '+49 30 1234 5678' },
      { externalId: 'L-2', name: 'Umbrella Logistics', domains: ['umbrella-logistics.de'], phone: '030 1234 5678' },
    ] });
    expect(statuses(outcome.items)).toEqual(['CREATED', 'CREATED']);
    const rows: { external_id: string; account_id: string; link_status: string; link_score: number | null; field_names: string[] | null; link_rule_version: string; linked: boolean }[] = await db.query(
      `SELECT external_id, account_id, link_status, link_score, (SELECT array_agg(e->>'field') FROM jsonb_array_elements(link_evidence->'evidence') e) AS field_names,
              link_rule_version, linked_at IS NOT NULL AS linked
         FROM source_account_record WHERE source_system = $1 AND external_id LIKE 'L-%' ORDER BY external_id`, [sourceSystem]);
    // The second found the first through their shared keys, though neither was stored when it looked.
    expect(rows.map((r) => [r.external_id, r.account_id, r.link_status, r.link_rule_version, r.linked])).toEqual([
      ['L-1', outcome.items[0].accountId, 'AUTO', MATCH_RULES.version, true],
      ['L-2', outcome.items[0].accountId, 'AUTO', MATCH_RULES.version, true],
    ]);
    expect(rows[1].link_score).toBeGreaterThanOrEqual(MATCH_RULES.account.autoLink);
    expect(rows[1].field_names).toEqual(expect.arrayContaining(['name', 'domain', 'phone']));
    const [account] = await db.query(`SELECT domains FROM account WHERE id = $1`, [outcome.items[0].accountId]);
    expect(account.domains).toEqual(['umbrella-logistics.de']);
  });

  it('updates a changed record to exactly what was sent and keeps the previous version', async () => {
    const changed = { externalId: 'T-0', accountExternalId: 'A-1', type: 'CALL', occurredAt: new Date('2025-02-01T10:00:00Z'), subject: AWKWARD.join(' '), participantEmails: AWKWARD };
    const outcome = await ingest({ touchpoints: [changed] });
    expect(statuses(outcome.items)).toEqual(['UPDATED']);
    const [row] = await db.query(`SELECT type, subject, participant_emails, version FROM touchpoint WHERE source_system = $1 AND external_id = 'T-0'`, [sourceSystem]);
    expect(row).toEqual({ type: 'CALL', subject: changed.subject, participant_emails: [], version: 2 });
    const versions = await db.query(`SELECT v.version, v.raw->>'subject' AS subject FROM source_record_version v JOIN touchpoint t ON t.id = v.record_id WHERE t.external_id = 'T-0'`);
    expect(versions).toEqual([{ version: 1, subject: AWKWARD[0] }]);
  });

  // Versions before empty lists were read as absent ones (757e511) kept `[]` in what they hashed and stored as raw: such
  // a row, sent again as it was, was UPDATED once, a version that changed nothing (reported in the team's notes).
  it('reports UNCHANGED a record stored with `[]` by versions before empty lists were read as absent ones, sent again as it was', async () => {
    const account = { externalId: 'E-1', name: 'Empty Lists AG', website: 'https://empty-lists.example', domains: [], emails: [] };
    const contact = { externalId: 'E-2', accountExternalId: 'E-1', name: 'Erika Empty', emails: ['erika@empty-lists.example'], phones: [], interests: [] };
    const touchpoint = { externalId: 'E-3', accountExternalId: 'E-1', type: 'CALL', occurredAt: new Date('2025-03-01T10:00:00Z'), subject: 'Hello',
      colleagueEmails: [], participantEmails: [], participantExternalIds: ['E-2'] };
    const batch = { accounts: [account], contacts: [contact], touchpoints: [touchpoint] };
    expect(statuses((await ingest(batch)).items)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    // Stored as those versions stored them: keys sorted, nulls left out, empty lists kept, instants as ISO text.
    const former = (item: Record<string, unknown>) => {
      const kept = Object.fromEntries(Object.keys(item).sort().map((k) => [k, item[k] instanceof Date ? (item[k] as Date).toISOString() : item[k]]));
      return { raw: kept, hash: createHash('sha256').update(JSON.stringify(kept)).digest('base64url') };
    };
    const tables = [['source_account_record', account], ['source_contact_record', contact], ['touchpoint', touchpoint]] as const;
    for (const [table, item] of tables) {
      const { raw, hash } = former(item);
      const rawSet = table === 'touchpoint' ? '' : ', raw = $4::jsonb';
      const [, count] = await db.query(`UPDATE ${table} SET content_hash = $1${rawSet} WHERE source_system = $2 AND external_id = $3`,
        [hash, sourceSystem, item.externalId, ...(rawSet ? [JSON.stringify(raw)] : [])]);
      expect(count).toBe(1);
    }

    const again = await ingest(batch);
    expect(statuses(again.items)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    for (const [table, item] of tables) {
      const [row] = await db.query(`SELECT version, (SELECT count(*)::int FROM source_record_version v WHERE v.record_id = t.id) AS kept FROM ${table} t
        WHERE source_system = $1 AND external_id = $2`, [sourceSystem, item.externalId]);
      expect([table, row]).toEqual([table, { version: 1, kept: 0 }]);
    }
    // A change is still one.
    expect(statuses((await ingest({ accounts: [{ ...account, name: 'Empty Lists SE' }] })).items)).toEqual(['UPDATED']);
  });

  // Versions before `confidential: false` was read as left out (558af88) kept it in what they hashed: such a touchpoint, sent
  // again as it was (or without the field, which says the same), was UPDATED once, a version that changed nothing (issue 4).
  // Those before 757e511 kept `[]` too; those between did not.
  it.each([
    ['CF-1', 'with confidential: false', { confidential: false }, { confidential: false }],
    ['CF-2', 'without it', { confidential: false }, {}],
    ['CF-3', 'with an empty list, hashed with [] kept', { confidential: false, colleagueEmails: [] }, { confidential: false, colleagueEmails: [] }],
    ['CF-4', 'with an empty list, hashed with [] dropped', { confidential: false }, { confidential: false, colleagueEmails: [] }],
  ])('reports UNCHANGED a touchpoint (%s) stored with confidential: false before it was read as left out, sent again %s', async (externalId, _, hashed, sent) => {
    const touchpoint = { externalId, accountExternalId: 'A-1', type: 'MEETING', occurredAt: new Date('2025-04-01T10:00:00Z'), subject: 'Lunch' };
    expect(statuses((await ingest({ touchpoints: [{ ...touchpoint, ...sent }] })).items)).toEqual(['CREATED']);
    // Hashed as those versions hashed it: keys sorted, nulls left out, `false` kept, instants as ISO text.
    const item: Record<string, unknown> = { ...touchpoint, ...hashed };
    const kept = Object.fromEntries(Object.keys(item).sort().map((k) => [k, item[k] instanceof Date ? (item[k] as Date).toISOString() : item[k]]));
    const [, count] = await db.query(`UPDATE touchpoint SET content_hash = $1 WHERE source_system = $2 AND external_id = $3`,
      [createHash('sha256').update(JSON.stringify(kept)).digest('base64url'), sourceSystem, externalId]);
    expect(count).toBe(1);

    expect(statuses((await ingest({ touchpoints: [{ ...touchpoint, ...sent }] })).items)).toEqual(['UNCHANGED']);
    const [row] = await db.query(`SELECT version, (SELECT count(*)::int FROM source_record_version v WHERE v.record_id = t.id) AS kept FROM touchpoint t
      WHERE source_system = $1 AND external_id = $2`, [sourceSystem, externalId]);
    expect(row).toEqual({ version: 1, kept: 0 });
    // A change is still one; and confidential: true is one.
    expect(statuses((await ingest({ touchpoints: [{ ...touchpoint, ...sent, confidential: true }] })).items)).toEqual(['UPDATED']);
  });

  // Found by exploratory testing (issue 4): the same emails in another order, `industry: ""` instead of leaving it out, or
  // a trailing space in a name made a new version each time, so a CRM that does not keep list order versioned every sync.
  it('reports UNCHANGED the same record sent in another form: lists in another order or repeated, empty strings, spaces around', async () => {
    const at = new Date('2025-05-01T10:00:00Z');
    const first = {
      accounts: [{ externalId: 'F-1', name: 'Form AG', industry: 'Tools', domains: ['form.example', 'form-ag.example'], emails: ['a@form.example', 'b@form.example'] }],
      contacts: [{ externalId: 'F-2', accountExternalId: 'F-1', name: 'Fritz Form', emails: ['fritz@form.example', 'f.form@form.example'], phones: ['+49 30 1', '+49 30 2'] }],
      touchpoints: [{ externalId: 'F-3', accountExternalId: 'F-1', type: 'CALL', occurredAt: at, subject: 'Hello',
        participantExternalIds: ['F-2', 'X-9'], participantEmails: ['p@form.example', 'q@form.example'], colleagueEmails: ['rep.one@ourcompany.example'] }],
      opportunities: [{ externalId: 'F-4', accountExternalId: 'F-1', name: 'Big deal', stage: 'Proposal' }],
    };
    const again = {
      accounts: [{ externalId: 'F-1', name: 'Form AG ', industry: 'Tools', domains: ['FORM-AG.example', 'form.example', 'form.example'], emails: ['B@form.example', 'a@form.example'], website: '' }],
      contacts: [{ externalId: 'F-2', accountExternalId: 'F-1', name: ' Fritz Form', title: '', emails: ['f.form@form.example', 'Fritz@form.example'], phones: ['+49 30 2', '+49 30 1 '] }],
      touchpoints: [{ externalId: 'F-3', accountExternalId: 'F-1', type: 'CALL', occurredAt: at, subject: 'Hello ', outcome: '',
        participantExternalIds: ['X-9', 'F-2', 'X-9'], participantEmails: ['Q@form.example', 'p@form.example'], colleagueEmails: ['Rep.One@ourcompany.example'] }],
      opportunities: [{ externalId: 'F-4', accountExternalId: 'F-1', name: 'Big deal  ', stage: ' Proposal', currency: '' }],
    };
    expect(statuses((await ingest(first)).items)).toEqual(['CREATED', 'CREATED', 'CREATED', 'CREATED']);
    expect(statuses((await ingest(again)).items)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(statuses((await ingest(first)).items)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    for (const table of ['source_account_record', 'source_contact_record', 'touchpoint', 'opportunity']) {
      const [row] = await db.query(`SELECT version FROM ${table} WHERE source_system = $1 AND external_id LIKE 'F-%'`, [sourceSystem]);
      expect([table, row]).toEqual([table, { version: 1 }]);
    }
    // What is stored verbatim stays as first sent; a real change is still one.
    const [account] = await db.query(`SELECT raw FROM source_account_record WHERE source_system = $1 AND external_id = 'F-1'`, [sourceSystem]);
    expect(account.raw).toEqual(first.accounts[0]);
    const changed = { ...again, accounts: [{ ...again.accounts[0], emails: ['a@form.example', 'c@form.example'] }], contacts: [], touchpoints: [], opportunities: [] };
    expect(statuses((await ingest(changed)).items)).toEqual(['UPDATED']);
  });

  // Found in review: ids were trimmed for the hash too, but are matched as sent; "C-9 " corrected to "C-9" was UNCHANGED
  // and the participant and opportunity it names were never linked.
  it('reports UPDATED a padded id corrected: ids are matched as sent, so they are hashed as sent', async () => {
    const at = new Date('2025-05-02T10:00:00Z');
    const padded = { externalId: 'F-6', accountExternalId: 'A-1', type: 'CALL', occurredAt: at, participantExternalIds: ['C-9 '], opportunityExternalId: 'O-1 ' };
    expect(statuses((await ingest({ touchpoints: [padded] })).items)).toEqual(['CREATED']);
    expect(statuses((await ingest({ touchpoints: [{ ...padded, participantExternalIds: ['C-9'] }] })).items)).toEqual(['UPDATED']);
    expect(statuses((await ingest({ touchpoints: [{ ...padded, participantExternalIds: ['C-9'], opportunityExternalId: 'O-1' }] })).items)).toEqual(['UPDATED']);
    const contact = { externalId: 'F-7', accountExternalId: 'A-1 ', name: 'Paula Padded' };
    // "A-1 " names no account: it waits; corrected, it lands.
    expect(statuses((await ingest({ contacts: [contact] })).items)).toEqual(['WAITING']);
    expect(statuses((await ingest({ contacts: [{ ...contact, accountExternalId: 'A-1' }] })).items)).toEqual(['CREATED']);
  });

  // Records stored before hashes were canonical hashed their content as sent (lists in the order sent, strings as they
  // were): sent again as they were, they are UNCHANGED. Every kind of record (the writers hash this former form only for
  // a record stored under another hash than its own).
  it.each([
    ['an account', 'source_account_record', 'accounts', { externalId: 'F-8', name: 'Order AG ', domains: ['z-order.example', 'a-order.example'], industry: '' }, { name: 'Order SE' }],
    ['a contact', 'source_contact_record', 'contacts', { externalId: 'F-5', accountExternalId: 'A-1', name: 'Olga Order ', emails: ['z@order.example', 'a@order.example'], department: '' }, { name: 'Olga Ordnung' }],
    ['a touchpoint', 'touchpoint', 'touchpoints', { externalId: 'F-9', accountExternalId: 'A-1', type: 'CALL', occurredAt: '2025-05-03T10:00:00.000Z', subject: 'Order ',
      participantEmails: ['z@order.example', 'a@order.example'] }, { subject: 'Reorder' }],
    ['an opportunity', 'opportunity', 'opportunities', { externalId: 'F-10', accountExternalId: 'A-1', name: 'Order deal ', stage: 'Proposal', currency: '' }, { stage: 'Won' }],
  ])('reports UNCHANGED %s stored under the hash of its content as sent, sent again as it was', async (_, table, list, item, change) => {
    expect(statuses((await ingest({ [list]: [item] })).items)).toEqual(['CREATED']);
    const hashedThen = Object.fromEntries(Object.keys(item).sort().map((k) => [k, item[k as keyof typeof item]]));
    const [, count] = await db.query(`UPDATE ${table} SET content_hash = $1 WHERE source_system = $2 AND external_id = $3`,
      [createHash('sha256').update(JSON.stringify(hashedThen)).digest('base64url'), sourceSystem, item.externalId]);
    expect(count).toBe(1);
    expect(statuses((await ingest({ [list]: [item] })).items)).toEqual(['UNCHANGED']);
    const [row] = await db.query(`SELECT version FROM ${table} WHERE source_system = $1 AND external_id = $2`, [sourceSystem, item.externalId]);
    expect(row).toEqual({ version: 1 });
    // A change is still one.
    expect(statuses((await ingest({ [list]: [{ ...item, ...change }] })).items)).toEqual(['UPDATED']);
  });

  // Found by exploratory testing (issue 4): a contact named as the issue writes them was stored with the whole string as the name, and no email.
  it('reads "Name <email>" in a contact\'s name as the name and one of their emails, saying so, and keeps the item as sent', async () => {
    const bob = { externalId: 'NE-1', accountExternalId: 'A-1', name: 'Bob Smithers <bob.smithers@harlowedynamics.com>', emails: ['bob@home.example'] };
    const alone = { externalId: 'NE-2', accountExternalId: 'A-1', name: 'ann.other@harlowedynamics.com' };
    const outcome = await ingest({ contacts: [bob, alone] });
    expect(outcome.items.map((i) => [i.status, i.warnings])).toEqual([
      ['CREATED', ['name "Bob Smithers <bob.smithers@harlowedynamics.com>" holds an email address: read as the name "Bob Smithers" and the email bob.smithers@harlowedynamics.com, added to emails; kept as sent']],
      ['CREATED', ['name "ann.other@harlowedynamics.com" is an email address: added to emails; the name kept as sent']],
    ]);
    const rows = await db.query(`SELECT c.name, c.emails, c.raw, st.name AS person, st.emails AS "personEmails" FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id
      WHERE c.source_system = $1 AND c.external_id IN ('NE-1', 'NE-2') ORDER BY c.external_id`, [sourceSystem]);
    expect(rows).toEqual([
      { name: 'Bob Smithers', emails: ['bob.smithers@harlowedynamics.com', 'bob@home.example'], raw: bob, person: 'Bob Smithers', personEmails: ['bob.smithers@harlowedynamics.com', 'bob@home.example'] },
      { name: 'ann.other@harlowedynamics.com', emails: ['ann.other@harlowedynamics.com'], raw: alone, person: 'ann.other@harlowedynamics.com', personEmails: ['ann.other@harlowedynamics.com'] },
    ]);
    expect(statuses((await ingest({ contacts: [bob, alone] })).items)).toEqual(['UNCHANGED', 'UNCHANGED']);
    // Corrected, the person takes the new name as any record's person does (found in review: the name as read was
    // compared with the previous version's name as sent, address and all, and never matched).
    expect(statuses((await ingest({ contacts: [{ ...bob, name: 'Robert Smithers <bob.smithers@harlowedynamics.com>' }] })).items)).toEqual(['UPDATED']);
    const [renamed] = await db.query(`SELECT st.name FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id
      WHERE c.source_system = $1 AND c.external_id = 'NE-1'`, [sourceSystem]);
    expect(renamed).toEqual({ name: 'Robert Smithers' });
  });

  // Used to fail the whole batch: PostgreSQL refuses U+0000 and lone surrogates in text and jsonb.
  it('rejects only the item with text PostgreSQL cannot store, with where and why, and lands the others', async () => {
    const at = new Date('2025-03-01T08:00:00Z');
    const outcome = await ingest({ touchpoints: [
      { externalId: 'N-1', accountExternalId: 'A-1', type: 'NOTE', occurredAt: at, subject: 'fine' },
      { externalId: 'N-2', accountExternalId: 'A-1', type: 'NOTE', occurredAt: at, subject: 'cut\u0000off' },
      { externalId: 'N-3', accountExternalId: 'A-1', type: 'NOTE', occurredAt: at, colleagueEmails: ['half\ud83d@x.example'] },
    ] });
    expect(outcome.items.map((i) => [i.status, i.path, i.reason])).toEqual([
      ['CREATED', null, null],
      ['REJECTED', 'touchpoints[1].subject', 'subject contains a NUL character (U+0000) or a lone UTF-16 surrogate, which cannot be stored'],
      ['REJECTED', 'touchpoints[2].colleagueEmails[0]', 'colleagueEmails[0] contains a NUL character (U+0000) or a lone UTF-16 surrogate, which cannot be stored'],
    ]);
    const kept = await db.query(`SELECT raw->>'subject' AS subject, raw->'colleagueEmails' AS emails FROM rejected_item WHERE id = ANY($1::uuid[]) ORDER BY path`,
      [[outcome.items[1].rejectedItemId, outcome.items[2].rejectedItemId]]);
    expect(kept).toEqual([{ subject: 'cut\ufffdoff', emails: null }, { subject: null, emails: ['half\ufffd@x.example'] }]);
  });

  it('drops the waiting copy of an item that lands under another account, and keeps the copies still waiting', async () => {
    const at = new Date('2025-04-01T08:00:00Z');
    const waiting = await ingest({ touchpoints: [
      { externalId: 'W-1', accountExternalId: 'LATE', type: 'NOTE', occurredAt: at },
      { externalId: 'W-2', accountExternalId: 'LATE', type: 'NOTE', occurredAt: at },
    ] });
    expect(statuses(waiting.items)).toEqual(['WAITING', 'WAITING']);
    const landed = await ingest({ touchpoints: [{ externalId: 'W-1', accountExternalId: 'A-2', type: 'NOTE', occurredAt: at }] });
    expect(statuses(landed.items)).toEqual(['CREATED']);
    expect(await db.query(`SELECT external_id FROM waiting_item WHERE source_system = $1`, [sourceSystem])).toEqual([{ external_id: 'W-2' }]);
  });

  // Touchpoints of known accounts reuse the account records found at the batch's start: safe only while the batch stores no
  // account record, since linking a new one may merge the accounts those records were found in.
  it('lands touchpoints on the survivor when a new account record of the same batch merges the accounts they were found in', async () => {
    const at = new Date('2025-04-02T08:00:00Z');
    const p = await ingest({ accounts: [{ externalId: 'SM-P', name: 'Quokka Works', domains: ['quokkaworks.com'], address: '1 Quokka Road, Springfield' }] });
    const q = await ingest({ accounts: [{ externalId: 'SM-Q', name: 'Quokka Works', domains: ['quokkagroup.com'], address: '99 Quokka Road, Springfield' }] });
    expect(p.items[0].accountId).not.toBe(q.items[0].accountId);
    const outcome = await ingest({
      accounts: [{ externalId: 'SM-R', name: 'Quokka Works', domains: ['quokkaworks.com', 'quokkagroup.com'] }],
      touchpoints: [
        { externalId: 'SM-T1', accountExternalId: 'SM-P', type: 'NOTE', occurredAt: at },
        { externalId: 'SM-T2', accountExternalId: 'SM-Q', type: 'NOTE', occurredAt: at },
      ],
    });
    expect(statuses(outcome.items)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    const survivor = outcome.items[0].accountId;
    expect([p.items[0].accountId, q.items[0].accountId]).toContain(survivor);
    expect(outcome.items.map((i) => i.accountId)).toEqual([survivor, survivor, survivor]);
    const rows = await db.query(`SELECT t.external_id, t.account_id = $2 AS on_survivor, a.merged_into_id IS NULL AS live
      FROM touchpoint t JOIN account a ON a.id = t.account_id WHERE t.source_system = $1 AND t.external_id LIKE 'SM-%' ORDER BY 1`, [sourceSystem, survivor]);
    expect(rows).toEqual([{ external_id: 'SM-T1', on_survivor: true, live: true }, { external_id: 'SM-T2', on_survivor: true, live: true }]);
  });

  it('resolves the opportunity and the people a touchpoint names, whichever of them a batch has', async () => {
    const at = new Date('2025-05-01T08:00:00Z');
    await ingest({
      contacts: [{ externalId: 'C-9', accountExternalId: 'A-2', name: 'Pat Doe', emails: ['pat@initech.example'] }],
      opportunities: [{ externalId: 'O-9', accountExternalId: 'A-2', name: 'Renewal', stage: 'Open' }],
    });
    await ingest({ touchpoints: [
      { externalId: 'R-1', accountExternalId: 'A-2', type: 'CALL', occurredAt: at, opportunityExternalId: 'O-9' },
      { externalId: 'R-2', accountExternalId: 'A-2', type: 'CALL', occurredAt: at, participantEmails: ['PAT@initech.example'] },
    ] });
    await ingest({ touchpoints: [{ externalId: 'R-3', accountExternalId: 'A-2', type: 'CALL', occurredAt: at, participantExternalIds: ['C-9'] }] });
    const rows = await db.query(
      `SELECT t.external_id, o.external_id AS opportunity, (SELECT array_agg(s.name) FROM stakeholder s WHERE s.id = ANY(t.stakeholder_ids)) AS people
         FROM touchpoint t LEFT JOIN opportunity o ON o.id = t.opportunity_id WHERE t.external_id LIKE 'R-%' ORDER BY 1`);
    expect(rows).toEqual([
      { external_id: 'R-1', opportunity: 'O-9', people: null },
      { external_id: 'R-2', opportunity: null, people: ['Pat Doe'] },
      { external_id: 'R-3', opportunity: null, people: ['Pat Doe'] },
    ]);
  });

  it('links a touchpoint to its opportunity when the opportunity arrives after it', async () => {
    const at = new Date(Date.UTC(2025, 5, 1, 9));
    await ingest({ touchpoints: [{ externalId: 'L-1', accountExternalId: 'A-1', type: 'PROPOSAL', occurredAt: at, opportunityExternalId: 'O-LATE' }] });
    const opportunityOf = async () => (await db.query(
      `SELECT o.external_id AS opportunity FROM touchpoint t LEFT JOIN opportunity o ON o.id = t.opportunity_id WHERE t.source_system = $1 AND t.external_id = 'L-1'`,
      [sourceSystem]))[0].opportunity;
    expect(await opportunityOf()).toBeNull();
    await ingest({ opportunities: [{ externalId: 'O-LATE', accountExternalId: 'A-1', name: 'Late deal', stage: 'Proposal' }] });
    expect(await opportunityOf()).toBe('O-LATE');
  });

  it('gives a touchpoint of one division the person another division registers later, by email', async () => {
    const logistics = await addDivision(db, 'logistics-x', 'Logistics X');
    const inLogistics = (lists: Record<string, object[]>) => db.transaction((tx) =>
      ingestBatch(tx, logistics, 'tms', { division: 'logistics-x', sourceSystem: 'tms', ...lists } as unknown as IngestBatchInput));
    await ingest({ accounts: [{ externalId: 'GX-1', name: 'Globex Corporation', website: 'https://globex-x.example' }] });
    const [theirs] = (await inLogistics({ accounts: [{ externalId: 'GL-1', name: 'Globex Corp', website: 'globex-x.example' }] })).items;
    const [ours] = await db.query(`SELECT account_id AS "accountId" FROM source_account_record WHERE external_id = 'GX-1'`);
    expect(theirs.accountId).toBe(ours.accountId); // one customer, known to both divisions
    await inLogistics({ touchpoints: [{ externalId: 'GL-T1', accountExternalId: 'GL-1', type: 'MEETING', occurredAt: new Date(Date.UTC(2025, 7, 1, 9)), participantEmails: ['Carol.Keys@globex-x.example'] }] });
    await ingest({ contacts: [{ externalId: 'GX-C1', accountExternalId: 'GX-1', name: 'Carol Keys', emails: ['carol.keys@globex-x.example'] }] });
    const [row] = await db.query(
      `SELECT t.stakeholder_ids = ARRAY[c.stakeholder_id] AS linked FROM touchpoint t, source_contact_record c WHERE t.external_id = 'GL-T1' AND c.external_id = 'GX-C1'`);
    expect(row.linked).toBe(true);
  });

  /**
   * Two batches at the same moment: the first in a transaction kept open until
   * the second waits for a lock it holds (or, without one, has ended), then
   * both commit.
   */
  async function besideEachOther(first: Record<string, object[]>, second: Record<string, object[]>): Promise<void> {
    const batch = { division: 'exhibits', sourceSystem, ...first } as unknown as IngestBatchInput;
    const { release, committed } = await heldOpen(db, async (tx) => { await ingestBatch(tx, divisionId, sourceSystem, batch); });
    const beside = ingest(second);
    await Promise.race([waitingForALock(db), beside]);
    release();
    await Promise.all([committed, beside]);
  }

  it.each([
    ['the touchpoint first, the opportunity beside it', 'touchpoints', 'opportunities'],
    ['the opportunity first, the touchpoint beside it', 'opportunities', 'touchpoints'],
  ])('links a touchpoint and its opportunity ingested at the same moment (%s)', async (_, first, second) => {
    const tag = first === 'touchpoints' ? 'TF' : 'OF';
    const lists: Record<string, object[]> = {
      touchpoints: [{ externalId: `${tag}-T`, accountExternalId: 'A-1', type: 'CALL', occurredAt: new Date(Date.UTC(2025, 6, 1, 9)), opportunityExternalId: `${tag}-O` }],
      opportunities: [{ externalId: `${tag}-O`, accountExternalId: 'A-1', name: 'Side by side', stage: 'Open' }],
    };
    await besideEachOther({ [first]: lists[first] }, { [second]: lists[second] });
    const [row] = await db.query(
      `SELECT o.external_id AS opportunity FROM touchpoint t LEFT JOIN opportunity o ON o.id = t.opportunity_id WHERE t.source_system = $1 AND t.external_id = $2`,
      [sourceSystem, `${tag}-T`]);
    expect(row.opportunity).toBe(`${tag}-O`);
  });

  it('links "reports to" whichever arrives first, the person or the manager', async () => {
    const bossOf = async (externalId: string): Promise<string | null> => {
      const [row] = await db.query(
        `SELECT st.reports_to_id AS boss FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id
          WHERE c.source_system = $1 AND c.external_id = $2`, [sourceSystem, externalId]);
      return row.boss;
    };
    const stakeholderOf = async (externalId: string): Promise<string> =>
      (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE source_system = $1 AND external_id = $2`, [sourceSystem, externalId]))[0].id;
    const contact = (externalId: string, name: string, reportsToExternalId?: string) =>
      ({ externalId, accountExternalId: 'A-1', name, emails: [`${externalId.toLowerCase()}@acme.example`], reportsToExternalId });

    // The person first: the manager is not known yet, nothing to link…
    await ingest({ contacts: [contact('R-SUB', 'Sam Underling', 'R-BOSS')] });
    expect(await bossOf('R-SUB')).toBeNull();
    // …until the manager arrives, in a later batch, together with a second report who names them.
    await ingest({ contacts: [contact('R-BOSS', 'Bea Chief'), contact('R-SUB2', 'Sue Second', 'R-BOSS')] });
    const boss = await stakeholderOf('R-BOSS');
    expect(await bossOf('R-SUB')).toBe(boss);
    expect(await bossOf('R-SUB2')).toBe(boss);
    expect(await bossOf('R-BOSS')).toBeNull();
  });

  describe('"reports to" follows what the records say now', () => {
    const bossOf = async (externalId: string): Promise<string | null> =>
      (await db.query(
        `SELECT st.reports_to_id AS boss FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id
          WHERE c.source_system = $1 AND c.external_id = $2`, [sourceSystem, externalId]))[0].boss;
    const stakeholderOf = async (externalId: string): Promise<string> =>
      (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE source_system = $1 AND external_id = $2`, [sourceSystem, externalId]))[0].id;
    const contact = (externalId: string, name: string, reportsToExternalId?: string) =>
      ({ externalId, accountExternalId: 'A-2', name, emails: [`${externalId.toLowerCase()}@initech.example`], reportsToExternalId });

    it('clears the manager when the only record naming one stops naming them, and follows a change of manager', async () => {
      await ingest({ contacts: [contact('RC-BOSS1', 'Bill Lumbergh'), contact('RC-BOSS2', 'Milton Waddams'), contact('RC-SUB', 'Peter Gibbons', 'RC-BOSS1')] });
      expect(await bossOf('RC-SUB')).toBe(await stakeholderOf('RC-BOSS1'));
      await ingest({ contacts: [contact('RC-SUB', 'Peter Gibbons', 'RC-BOSS2')] });
      expect(await bossOf('RC-SUB')).toBe(await stakeholderOf('RC-BOSS2'));
      const removed = await ingest({ contacts: [contact('RC-SUB', 'Peter Gibbons')] });
      expect(statuses(removed.items)).toEqual(['UPDATED']);
      expect(await bossOf('RC-SUB')).toBeNull();
    });

    it('keeps the manager another record of the same person still names, the latest record that names one deciding', async () => {
      // Two systems' records of one person (same email): each names a different manager.
      const other = 'second-crm';
      const fromOther = (lists: Record<string, object[]>) => {
        const batch = { division: 'exhibits', sourceSystem: other, ...lists } as unknown as IngestBatchInput;
        return db.transaction((tx) => ingestBatch(tx, divisionId, other, batch));
      };
      await ingest({ contacts: [contact('RK-BOSS1', 'Joanna Server'), contact('RK-SUB', 'Samir Nagheenanajar', 'RK-BOSS1')] });
      await fromOther({ accounts: [{ externalId: 'I-2', name: 'Initech' }] });
      await fromOther({ contacts: [{ ...contact('RK-BOSS2', 'Bob Slydell'), accountExternalId: 'I-2' }, { ...contact('RK-SUB', 'Samir Nagheenanajar', 'RK-BOSS2'), accountExternalId: 'I-2' }] });
      const [{ one }] = await db.query(`SELECT count(DISTINCT stakeholder_id) = 1 AS one FROM source_contact_record WHERE external_id = 'RK-SUB'`);
      expect(one).toBe(true);
      const boss2 = (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE source_system = $1 AND external_id = 'RK-BOSS2'`, [other]))[0].id;
      expect(await bossOf('RK-SUB')).toBe(boss2);
      // The second system stops naming a manager: the first system's record still names one.
      await fromOther({ contacts: [{ ...contact('RK-SUB', 'Samir Nagheenanajar'), accountExternalId: 'I-2' }] });
      expect(await bossOf('RK-SUB')).toBe(await stakeholderOf('RK-BOSS1'));
    });
  });

  it('follows a person who moves to another customer: the account is where their latest record is, and the old affiliation ends (and reopens on return)', async () => {
    const accountOf = async (externalId: string): Promise<string> =>
      (await db.query(`SELECT account_id AS id FROM source_account_record WHERE source_system = $1 AND external_id = $2`, [sourceSystem, externalId]))[0].id;
    const [acme, initech] = [await accountOf('A-1'), await accountOf('A-2')];
    const mover = (accountExternalId: string, title: string) =>
      ({ externalId: 'MV-1', accountExternalId, name: 'Maya Mover', title, emails: ['maya.mover@example.org'] });
    const state = async () => {
      const [person] = await db.query(
        `SELECT st.id, st.account_id AS "accountId", st.title FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id
          WHERE c.source_system = $1 AND c.external_id = 'MV-1'`, [sourceSystem]);
      const affiliations = await db.query(
        `SELECT account_id AS "accountId", title, started_on IS NOT NULL AS started, ended_on AS "endedOn" FROM stakeholder_affiliation
          WHERE stakeholder_id = $1 ORDER BY account_id = $2 DESC`, [person.id, acme]);
      return { accountId: person.accountId, title: person.title, affiliations };
    };
    const [{ today }] = await db.query(`SELECT current_date AS today`);

    await ingest({ contacts: [mover('A-1', 'Buyer')] });
    expect(await state()).toEqual({ accountId: acme, title: 'Buyer', affiliations: [{ accountId: acme, title: 'Buyer', started: true, endedOn: null }] });

    const moved = await ingest({ contacts: [mover('A-2', 'Head of Purchasing')] });
    expect(statuses(moved.items)).toEqual(['UPDATED']);
    expect(await state()).toEqual({
      accountId: initech, title: 'Head of Purchasing',
      affiliations: [{ accountId: acme, title: 'Buyer', started: true, endedOn: today }, { accountId: initech, title: 'Head of Purchasing', started: true, endedOn: null }],
    });

    await ingest({ contacts: [mover('A-1', 'Purchasing Director')] });
    expect(await state()).toEqual({
      accountId: acme, title: 'Purchasing Director',
      affiliations: [{ accountId: acme, title: 'Purchasing Director', started: true, endedOn: null }, { accountId: initech, title: 'Head of Purchasing', started: true, endedOn: today }],
    });
  });

  // Found by exploratory testing: "Chief Engineer" at her old customer showed as her title at the new one, which gave none.
  it('gives a person who moves the title they hold at their new customer, none when no record there gives one', async () => {
    const person = async () => (await db.query(
      `SELECT st.title, st.department FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id WHERE c.source_system = $1 AND c.external_id = 'TT-1'`,
      [sourceSystem]))[0];
    await ingest({ contacts: [{ externalId: 'TT-1', accountExternalId: 'A-1', name: 'Tilda Titled', title: 'Chief Engineer', department: 'R&D', emails: ['tilda.titled@example.org'] }] });
    expect(await person()).toEqual({ title: 'Chief Engineer', department: 'R&D' });
    await ingest({ contacts: [{ externalId: 'TT-1', accountExternalId: 'A-2', name: 'Tilda Titled', emails: ['tilda.titled@example.org'] }] });
    expect(await person()).toEqual({ title: null, department: null });
    // A record at her account that says nothing of her title (another system's, or the same one sent without it) keeps what one there said.
    await ingest({ contacts: [{ externalId: 'TT-1', accountExternalId: 'A-2', name: 'Tilda Titled', title: 'CTO', emails: ['tilda.titled@example.org'] }] });
    await ingest({ contacts: [{ externalId: 'TT-2', accountExternalId: 'A-2', name: 'Tilda Titled', emails: ['tilda.titled@example.org'], phones: ['+1 212 555 0199'] }] });
    expect(await person()).toEqual({ title: 'CTO', department: null });
  });

  it('keeps the people a touchpoint met when one of them moves to another customer and the touchpoint still waits for someone', async () => {
    const at = new Date(Date.UTC(2025, 10, 3, 14));
    // A meeting with Kim (by contact id) and a guest nobody registers: it keeps waiting for the guest.
    await ingest({
      contacts: [{ externalId: 'KM-1', accountExternalId: 'A-1', name: 'Kim Keeper', emails: ['kim.keeper@acme.example'] }],
      touchpoints: [{ externalId: 'KM-T', accountExternalId: 'A-1', type: 'MEETING', occurredAt: at, participantExternalIds: ['KM-1'], participantEmails: ['guest@acme.example'] }],
    });
    const [{ kim }] = await db.query(`SELECT stakeholder_id AS kim FROM source_contact_record WHERE source_system = $1 AND external_id = 'KM-1'`, [sourceSystem]);
    const metAtMeeting = async () => (await db.query(`SELECT stakeholder_ids AS ids FROM touchpoint WHERE source_system = $1 AND external_id = 'KM-T'`, [sourceSystem]))[0].ids;
    expect(await metAtMeeting()).toEqual([kim]);
    // Kim moves to Initech; later Acme's system sends a new colleague of hers.
    await ingest({ contacts: [{ externalId: 'KM-1', accountExternalId: 'A-2', name: 'Kim Keeper', emails: ['kim.keeper@initech.example'] }] });
    await ingest({ contacts: [{ externalId: 'KM-2', accountExternalId: 'A-1', name: 'Lee Later', emails: ['lee.later@acme.example'] }] });
    // Kim was at the meeting all the same.
    expect(await metAtMeeting()).toEqual([kim]);
  });

  it('ends the affiliation two records of one person leave at the same moment (both updated beside each other)', async () => {
    const record = (externalId: string, accountExternalId: string) => ({ externalId, accountExternalId, name: 'Paula Pair', emails: ['paula.pair@example.org'] });
    await ingest({ contacts: [record('PP-1', 'A-1'), record('PP-2', 'A-1')] });
    const [{ people }] = await db.query(`SELECT count(DISTINCT stakeholder_id)::int AS people FROM source_contact_record WHERE external_id IN ('PP-1', 'PP-2')`);
    expect(people).toBe(1);
    // Each batch moves one of the two records: neither sees the other's move before it commits.
    await besideEachOther({ contacts: [record('PP-1', 'A-2')] }, { contacts: [record('PP-2', 'A-2')] });
    const affiliations = await db.query(
      `SELECT r.external_id AS account, f.ended_on IS NOT NULL AS ended FROM stakeholder_affiliation f
         JOIN source_account_record r ON r.account_id = f.account_id AND r.source_system = $1
        WHERE f.stakeholder_id = (SELECT stakeholder_id FROM source_contact_record WHERE external_id = 'PP-1') ORDER BY r.external_id`, [sourceSystem]);
    expect(affiliations).toEqual([{ account: 'A-1', ended: true }, { account: 'A-2', ended: false }]);
  });

  it.each([
    ['the touchpoint first, the contact beside it', 'touchpoints', 'contacts'],
    ['the contact first, the touchpoint beside it', 'contacts', 'touchpoints'],
  ])('gives a touchpoint the person it names when both are ingested at the same moment (%s)', async (_, first, second) => {
    const tag = first === 'touchpoints' ? 'PT' : 'PC';
    const email = `${tag.toLowerCase()}.dana@acme.example`;
    const lists: Record<string, object[]> = {
      touchpoints: [{ externalId: `${tag}-T`, accountExternalId: 'A-1', type: 'MEETING', occurredAt: new Date(Date.UTC(2025, 8, 1, 9)), participantEmails: [email] }],
      contacts: [{ externalId: `${tag}-C`, accountExternalId: 'A-1', name: `Dana ${tag}`, emails: [email] }],
    };
    await besideEachOther({ [first]: lists[first] }, { [second]: lists[second] });
    const [row] = await db.query(
      `SELECT t.stakeholder_ids = ARRAY[c.stakeholder_id] AS linked FROM touchpoint t, source_contact_record c
        WHERE t.source_system = $1 AND t.external_id = $2 AND c.source_system = $1 AND c.external_id = $3`, [sourceSystem, `${tag}-T`, `${tag}-C`]);
    expect(row.linked).toBe(true);
  });

  it('links "reports to" when the manager is created beside a batch that changes the person to name them', async () => {
    const person = (name: string, reportsToExternalId?: string) =>
      ({ externalId: 'RB-SUB', accountExternalId: 'A-1', name, emails: ['rb-sub@acme.example'], reportsToExternalId });
    await ingest({ contacts: [person('Rob Report')] });
    await besideEachOther(
      { contacts: [{ externalId: 'RB-BOSS', accountExternalId: 'A-1', name: 'Rhea Boss', emails: ['rb-boss@acme.example'] }] },
      { contacts: [person('Rob Report', 'RB-BOSS')] });
    const [row] = await db.query(
      `SELECT st.reports_to_id = boss.stakeholder_id AS linked FROM source_contact_record c JOIN stakeholder st ON st.id = c.stakeholder_id,
              source_contact_record boss WHERE c.external_id = 'RB-SUB' AND boss.external_id = 'RB-BOSS' AND c.source_system = $1 AND boss.source_system = $1`,
      [sourceSystem]);
    expect(row.linked).toBe(true);
  });

  // A division system that pushes each record as it changes (webhooks) sends a new account and its first items at once.
  it.each([
    ['the account first, its items beside it', 'accounts', 'items'],
    ['the items first, their account beside them', 'items', 'accounts'],
  ])('lands the items of an account ingested at the same moment, none left waiting (%s)', async (_, first, second) => {
    const tag = first === 'accounts' ? 'AF' : 'IF';
    const account = `${tag}-A`;
    const lists: Record<string, Record<string, object[]>> = {
      accounts: { accounts: [{ externalId: account, name: `Simultaneous ${tag} Holdings` }] },
      items: {
        contacts: [{ externalId: `${tag}-C`, accountExternalId: account, name: `Sam ${tag}` }],
        touchpoints: [{ externalId: `${tag}-T`, accountExternalId: account, type: 'CALL', occurredAt: new Date(Date.UTC(2025, 9, 1, 9)) }],
        opportunities: [{ externalId: `${tag}-O`, accountExternalId: account, name: 'First deal', stage: 'Open' }],
        criticalInfo: [{ accountExternalId: account, fieldKey: 'decision_process', value: 'The board signs' }],
      },
    };
    await besideEachOther(lists[first], lists[second]);
    const [{ accountId }] = await db.query(`SELECT account_id AS "accountId" FROM source_account_record WHERE source_system = $1 AND external_id = $2`, [sourceSystem, account]);
    const landed = await db.query(
      `SELECT 'contact' AS kind, account_id FROM source_contact_record WHERE source_system = $1 AND external_id = $2
       UNION ALL SELECT 'touchpoint', account_id FROM touchpoint WHERE source_system = $1 AND external_id = $3
       UNION ALL SELECT 'opportunity', account_id FROM opportunity WHERE source_system = $1 AND external_id = $4
       UNION ALL SELECT 'critical info', a.account_id FROM critical_info_assertion a JOIN critical_info_field f ON f.id = a.field_id
                  WHERE a.source_system = $1 AND f.key = 'decision_process' AND a.account_id = $5`,
      [sourceSystem, `${tag}-C`, `${tag}-T`, `${tag}-O`, accountId]);
    expect(landed).toEqual(['contact', 'touchpoint', 'opportunity', 'critical info'].map((kind) => ({ kind, account_id: accountId })));
    expect(await db.query(`SELECT kind FROM waiting_item WHERE source_system = $1 AND account_external_id = $2`, [sourceSystem, account])).toEqual([]);
  });

  // Each round trip is a millisecond or two of a batch's 100 under load: a batch of touchpoints for known accounts used to look
  // its account records up four times (twice before its accounts were written, twice after, when it wrote none) and
  // asked which of no account records were stored.
  it('looks the account records of touchpoints for known accounts up once, and locks their accounts once', async () => {
    const sent: string[] = [];
    await db.transaction(async (tx) => {
      const query = tx.query.bind(tx);
      tx.query = ((sql: string, ...rest: unknown[]) => {
        sent.push(sql);
        return (query as (...args: unknown[]) => ReturnType<typeof query>)(sql, ...rest);
      }) as typeof tx.query;
      const touchpoints = ['A-1', 'A-2', 'A-1'].map((account, i) => ({ externalId: `K-${i}`, accountExternalId: account, type: 'NOTE', occurredAt: new Date(Date.UTC(2026, 1, 1 + i)) }));
      const outcome = await ingestBatch(tx, divisionId, sourceSystem, { division: 'exhibits', sourceSystem, touchpoints } as unknown as IngestBatchInput);
      expect(statuses(outcome.items)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    });
    const count = (pattern: RegExp) => sent.filter((sql) => pattern.test(sql)).length;
    // Found, then found again under the accounts' lock (lockedAccountRecords).
    expect(count(/FROM unnest\(\$3::text\[\]\) AS wanted\(external_id\)\s+CROSS JOIN LATERAL \(SELECT \* FROM source_account_record/)).toBe(2);
    expect(count(/FROM account WHERE id = ANY\(\$1::uuid\[\]\) ORDER BY id FOR KEY SHARE/)).toBe(1);
  });

  // One connection runs one statement at a time: pg queues overlapping ones with a deprecation warning, and pg 9 refuses them.
  it('sends the statements of a batch one at a time on its transaction\'s connection', async () => {
    let inFlight = 0;
    let most = 0;
    await db.transaction(async (tx) => {
      const query = tx.query.bind(tx);
      tx.query = (async (...args: Parameters<typeof query>) => {
        most = Math.max(most, ++inFlight);
        try {
          return await query(...args);
        } finally {
          inFlight--;
        }
      }) as typeof tx.query;
      const batch = {
        division: 'exhibits', sourceSystem,
        contacts: [{ externalId: 'C-9', accountExternalId: 'A-1', name: 'Paula Price', emails: ['paula@acme.example'] }],
        touchpoints: [{ externalId: 'T-9', accountExternalId: 'A-1', type: 'CALL', occurredAt: new Date(Date.UTC(2026, 0, 5)), subject: 'Budget' }],
        criticalInfo: [{ accountExternalId: 'A-1', fieldKey: 'economic_buyer', value: 'C-9', sourceTouchpointExternalId: 'T-9', assertedByEmail: 'rep.one@ourcompany.example' }],
      } as unknown as IngestBatchInput;
      await ingestBatch(tx, divisionId, sourceSystem, batch);
    });
    expect(most).toBe(1);
  });
});
