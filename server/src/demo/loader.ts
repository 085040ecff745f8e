import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/secrets';
import { ingestBatch } from '../ingest/ingest.service';
import { noticeSilentAccounts } from '../notices/notice-producers';

/** The silence threshold the demo's first sweep uses (the server's default). */
const DEMO_SILENT_DAYS = 60;
import {
  AccountRecordInput, ContactRecordInput, CriticalInfoRecordInput, IngestBatchInput, IngestItemStatus, IngestResult, OpportunityRecordInput, TouchpointRecordInput,
} from '../ingest/ingest.types';
import { MAX_BATCH_ITEMS } from '../ingest/validation';
import { demoCriticalInfo, DemoCriticalInfo } from './critical-info';
import { DEMO_PASSWORD, DemoCompany, DemoDivision, DemoSource } from './generator';
import { demoMoves } from './movers';

/** What loading the demo company stored, for the start-up and `npm run demo` lines. */
export interface DemoLoadSummary {
  batches: number;
  accountRecords: number;
  contacts: number;
  opportunities: number;
  touchpoints: number;
  /** People whose records were sent again from another customer (they changed jobs). */
  moved: number;
  /** Accounts and stakeholders the hub made of them (identity resolution). */
  accounts: number;
  stakeholders: number;
  ms: number;
}

type Item =
  | { list: 'accounts'; input: AccountRecordInput }
  | { list: 'contacts'; input: ContactRecordInput }
  | { list: 'opportunities'; input: OpportunityRecordInput }
  | { list: 'touchpoints'; input: TouchpointRecordInput }
  | { list: 'criticalInfo'; input: CriticalInfoRecordInput };

/** A record without where it came from: what the division's system sends. */
function sent<T extends DemoSource>(record: T): Omit<T, keyof DemoSource> {
  const { divisionKey: _division, sourceSystem: _system, ...input } = record;
  return input;
}

/**
 * Everything one division's system holds, in the order a system sends it:
 * its customers, then their people (managers before their teams), then
 * opportunities, then touchpoints (oldest first).
 */
function divisionItems(company: DemoCompany, division: DemoDivision, criticalInfo: DemoCriticalInfo[]): Item[] {
  const mine = <T extends DemoSource>(records: T[]) => records.filter((r) => r.divisionKey === division.key);
  const items: Item[] = [];
  for (const account of company.accounts) {
    for (const record of mine(account.records)) {
      const { createdAt: _createdAt, ...input } = sent(record);
      items.push({ list: 'accounts', input });
    }
  }
  for (const account of company.accounts) {
    for (const person of account.people) for (const record of mine(person.records)) items.push({ list: 'contacts', input: sent(record) });
  }
  for (const account of company.accounts) for (const record of mine(account.opportunities)) items.push({ list: 'opportunities', input: sent(record) });
  for (const account of company.accounts) for (const record of mine(account.touchpoints)) items.push({ list: 'touchpoints', input: sent(record) });
  // Last, the critical facts: they may name a contact (a buyer) or a touchpoint (where they were learned).
  for (const value of criticalInfo) if (value.divisionKey === division.key) items.push({ list: 'criticalInfo', input: value.input });
  return items;
}

function batchOf(division: DemoDivision, items: Item[]): IngestBatchInput {
  const batch: IngestBatchInput = { division: division.key, sourceSystem: division.system, accounts: [], contacts: [], opportunities: [], touchpoints: [], criticalInfo: [] };
  for (const item of items) (batch[item.list] as object[]).push(item.input);
  return batch;
}

/** Demo data is valid by construction: anything ingest does not store is a bug in the generator or in ingest. */
function checkLanded(division: DemoDivision, result: IngestResult): void {
  const problems = result.items.filter((i) => i.status === IngestItemStatus.REJECTED || i.status === IngestItemStatus.WAITING);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).map((p) => `${p.kind} ${p.externalId}: ${p.status} ${p.reason ?? ''} ${p.path ?? ''}`.trim());
  throw new Error(`demo data of ${division.key}: ${problems.length} items not stored, e.g. ${shown.join('; ')}`);
}

/**
 * Loads a generated company into an empty hub. Divisions and colleagues are
 * reference data, inserted directly; everything the divisions' systems know
 * (accounts, contacts, opportunities, touchpoints) goes through the real
 * ingest pipeline, division by division, in batches of at most
 * MAX_BATCH_ITEMS, one transaction per batch, so identity resolution decides
 * which records are one customer and one person, as it would for real data.
 * Afterwards each merged account gets the lifecycle stage and industry of the
 * demo customer its source records belong to (nothing else sets a stage yet).
 */
export async function loadDemoCompany(db: DataSource, company: DemoCompany, batchItems = MAX_BATCH_ITEMS): Promise<DemoLoadSummary> {
  const started = Date.now();
  // One argon2id hash (salted once) serves every demo colleague: they share the documented demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx: EntityManager) => {
    const divisionId = new Map(company.divisions.map((d) => [d.key, d.id]));
    await tx.query(
      `INSERT INTO division (id, key, name) SELECT id, key, name FROM json_to_recordset($1::json) AS x(id uuid, key text, name text)`,
      [JSON.stringify(company.divisions)],
    );
    await tx.query(
      `INSERT INTO colleague (id, email, name, division_id, role, password_hash)
       SELECT id, email, name, division_id, role, $2 FROM json_to_recordset($1::json) AS x(id uuid, email text, name text, division_id uuid, role text)`,
      [JSON.stringify(company.colleagues.map((c) => ({ ...c, division_id: divisionId.get(c.divisionKey) }))), passwordHash],
    );
  });
  const summary = { batches: 0, accountRecords: 0, contacts: 0, opportunities: 0, touchpoints: 0 };
  // Critical info is dated relative to the day of loading, so fresh, stale and missing read the same whenever it is loaded.
  const criticalInfo = demoCriticalInfo(company, new Date());
  for (const division of company.divisions) {
    const items = divisionItems(company, division, criticalInfo);
    for (let from = 0; from < items.length; from += batchItems) {
      const batch = batchOf(division, items.slice(from, from + batchItems));
      const result = await db.transaction((tx) => ingestBatch(tx, division.id, division.system, batch));
      checkLanded(division, result);
      summary.batches++;
      summary.accountRecords += batch.accounts!.length;
      summary.contacts += batch.contacts!.length;
      summary.opportunities += batch.opportunities!.length;
      summary.touchpoints += batch.touchpoints!.length;
    }
  }
  const moved = await movePeople(db, company);
  await setLifecycleStages(db, company);
  await followDemoAccounts(db);
  const [counts]: { accounts: number; stakeholders: number }[] = await db.query(
    `SELECT (SELECT count(*)::int FROM account WHERE merged_into_id IS NULL) AS accounts,
            (SELECT count(*)::int FROM stakeholder WHERE merged_into_id IS NULL) AS stakeholders`,
  );
  return { ...summary, moved, ...counts, ms: Date.now() - started };
}

/** Sends the records of the demo's job changers again from their new customer (see demoMoves): how many moved. */
async function movePeople(db: DataSource, company: DemoCompany): Promise<number> {
  const move = demoMoves(company);
  if (!move) return 0;
  const batch: IngestBatchInput = { division: move.division.key, sourceSystem: move.division.system, contacts: move.contacts };
  const result = await db.transaction((tx) => ingestBatch(tx, move.division.id, move.division.system, batch));
  const notMoved = result.items.filter((i) => i.status !== IngestItemStatus.UPDATED);
  if (notMoved.length) throw new Error(`demo people who moved: ${notMoved.map((i) => `${i.externalId} ${i.status} ${i.reason ?? ''}`.trim()).join('; ')}`);
  return move.contacts.length;
}

/**
 * Lifecycle stage and industry of each merged account, from the demo truth of
 * its source records, in one statement. An account that holds records of
 * several demo customers (a false merge) takes the customer with most records
 * there (ties: the name first in order).
 */
async function setLifecycleStages(db: DataSource, company: DemoCompany): Promise<void> {
  const divisionId = new Map(company.divisions.map((d) => [d.key, d.id]));
  const truth = company.accounts.flatMap((account) => account.records.map((r) => ({
    division_id: divisionId.get(r.divisionKey), source_system: r.sourceSystem, external_id: r.externalId,
    customer: account.name, lifecycle_stage: account.lifecycleStage, industry: account.industry,
  })));
  await db.query(
    `WITH truth AS (
       SELECT * FROM json_to_recordset($1::json)
         AS x(division_id uuid, source_system text, external_id text, customer text, lifecycle_stage text, industry text)
     ), votes AS (
       SELECT s.account_id, t.customer, t.lifecycle_stage, t.industry, count(*) AS records
         FROM truth t
         JOIN source_account_record s ON s.division_id = t.division_id AND s.source_system = t.source_system AND s.external_id = t.external_id
        WHERE s.account_id IS NOT NULL
        GROUP BY 1, 2, 3, 4
     ), chosen AS (
       SELECT DISTINCT ON (account_id) account_id, lifecycle_stage, industry FROM votes ORDER BY account_id, records DESC, customer
     )
     UPDATE account a SET lifecycle_stage = c.lifecycle_stage, industry = c.industry
       FROM chosen c
      WHERE a.id = c.account_id`,
    [JSON.stringify(truth)],
  );
}

/** True when the hub holds no division yet: the only state in which demo data is loaded. */
export async function hubIsEmpty(db: DataSource): Promise<boolean> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM division`);
  return rows[0].n === 0;
}

/**
 * Watches and notices for the demo colleagues, so the bell has something on
 * first start: every rep and manager watches three accounts that other
 * divisions work with (owners already hear about theirs), and the silence
 * sweep runs once. Touches by other divisions raised their notices during ingest.
 */
async function followDemoAccounts(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO account_watch (account_id, colleague_id)
       SELECT account_id, colleague_id FROM (
         SELECT DISTINCT ON (c.id, r.account_id) c.id AS colleague_id, r.account_id,
                dense_rank() OVER (PARTITION BY c.id ORDER BY md5(c.id::text || r.account_id::text)) AS rank
           FROM colleague c JOIN source_account_record r ON r.division_id <> c.division_id AND r.account_id IS NOT NULL
          WHERE c.role IN ('REP', 'MANAGER')) x
        WHERE rank <= 3
       ON CONFLICT (account_id, colleague_id) DO NOTHING`,
    );
    await noticeSilentAccounts(tx, DEMO_SILENT_DAYS);
  });
}
