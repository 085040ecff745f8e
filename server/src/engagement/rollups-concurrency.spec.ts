import { DataSource } from 'typeorm';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { ConflictError, KeptApartError, NotFoundError, UserInputError } from '../common/errors';
import { isTransientFailure, retryTransient } from '../database/transient';
import { accountMoves } from '../identity/account-moves.repository';
import { IdentityService } from '../identity/identity.service';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput, TouchpointType } from '../ingest/ingest.types';
import { lockContactLinking, mergePeople } from '../matching/contact-linker';
import { Random } from '../demo/random';
import { createTestDatabase, foldEngagement, TestDatabase } from '../testing/database';
import { rollupState } from '../testing/rollups';
import { engagementRollups } from './rollups';
import { Clock } from '../critical-info/clock';

/**
 * The rule of rollups.ts (every touchpoint counted in the four rollups or
 * pending in the outbox, never both, never neither) under the hub's writers
 * running at once, each on its own connection: seeded random ingest batches
 * of new and changed touchpoints (time, type, colleagues, people, account
 * record) and of new and changed contacts (participants attached, people
 * merged), items waiting for their account and landing when it comes, account
 * merges and splits (IdentityService, undoing merges or not), people merges
 * (as a SAME decision makes them) and folds, all on a handful of overlapping
 * accounts. Transient failures are retried as the production callers do
 * (retryTransient). At each quiescent checkpoint: every outbox row is its
 * touchpoint as it is, the rollups are their definition over the touchpoints
 * not pending, and, once everything is folded, over every touchpoint.
 * ROLLUP_STRESS_SEED=<n> runs one other seed.
 */

function chooser(generator: Random) {
  const random = () => generator.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const some = <T>(list: readonly T[], most: number): T[] => [...new Set(Array.from({ length: Math.floor(random() * (most + 1)) }, () => pick(list)))];
  return { random, pick, some, chance: (p: number) => random() < p };
}

const SEEDS = process.env.ROLLUP_STRESS_SEED ? [Number(process.env.ROLLUP_STRESS_SEED)] : [20260517];
const ROUNDS = 3;
/** Per round and worker. */
const INGEST_BATCHES = 9;
const IDENTITY_MOVES = 6;
const PEOPLE_MERGES = 3;
/** A round stops its writers after this long, whatever they have left. */
const ROUND_MS = 5000;

const DIVISIONS = [{ key: 'sales', system: 'crm' }, { key: 'service', system: 'desk' }] as const;
const ACCOUNT_NAMES = ['Zephyr Quarries', 'Obsidian Looms', 'Marigold Freight', 'Tundra Optics', 'Velvet Foundry', 'Cobalt Orchards'];
/** A (division's) account record that arrives late, carried by an item naming it (accountName) or sent on its own. */
const LATE = ['A-6', 'A-7'];
const domainOf = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
const ACCOUNT_IDS = [...ACCOUNT_NAMES.map((_, i) => `A-${i}`), ...LATE];
const CONTACT_IDS = Array.from({ length: 12 }, (_, i) => `C-${i}`);
const TOUCHPOINT_IDS = Array.from({ length: 36 }, (_, i) => `T-${i}`);
/** Who a contact record can say it is: records saying the same may be one person (and a changed one merges people). */
const IDENTITIES = [
  { name: 'Ada Fernsby', email: 'ada.fernsby@customer.example' }, { name: 'Boris Kettleworth', email: 'boris@customer.example' },
  { name: 'Clara Ignatiou', email: 'clara.i@customer.example' }, { name: 'Dmitri Halloway', email: 'd.halloway@customer.example' },
  { name: 'Edith Quorne', email: 'edith.q@customer.example' }, { name: 'Felix Aberdane', email: 'felix@customer.example' },
];
const COLLEAGUE_EMAILS = ['rep.one@ourco.example', 'rep.two@ourco.example', 'Rep.Three@OurCo.example', 'stranger@elsewhere.example'];
const TYPES = [TouchpointType.MEETING, TouchpointType.CALL, TouchpointType.EMAIL, TouchpointType.ORDER];
const NOW = Date.now();
const monthStart = (offset: number) => { const d = new Date(NOW); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1); };
/** Instants on month edges (a change across one moves a touchpoint to another bucket), and some anywhere. */
const INSTANTS = [
  ...[-14, -3, -1, 0].flatMap((m) => [monthStart(m) - 1, monthStart(m), monthStart(m) + 3_600_000]),
  NOW - 400 * 86_400_000, NOW - 45 * 86_400_000, NOW - 2 * 86_400_000, NOW + 20 * 86_400_000,
].map((t) => new Date(t));

const principal: Principal = { kind: 'admin-token' };
/** Refusals a person's merge or split gets when a writer beside it changed the accounts since it looked: not failures. */
const refused = (error: unknown) => error instanceof ConflictError || error instanceof NotFoundError || error instanceof UserInputError || error instanceof KeptApartError;

interface Stats { batches: number; merges: number; splits: number; peopleMerges: number; refused: number; folds: number; counted: number; transient: number }

describe('engagement rollups under concurrent writers, randomized (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DataSource;
  const divisionIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.dataSource();
    for (const d of DIVISIONS) {
      const [{ id }]: { id: string }[] = await db.query(`INSERT INTO division (key, name) VALUES ($1, $1) RETURNING id`, [d.key]);
      divisionIds.push(id);
    }
    await db.query(`INSERT INTO colleague (email, name, division_id) VALUES ('rep.one@ourco.example', 'Rep One', $1), ('rep.three@ourco.example', 'Rep Three', $2)`, divisionIds);
  });
  afterAll(() => database.drop());

  async function rows(sql: string): Promise<unknown[]> {
    return db.query(sql);
  }

  /** (1) and (2): outbox rows are their touchpoints as they are, and the rollups their definition over the counted touchpoints. */
  async function expectRule(): Promise<void> {
    const { strayOutboxRows, rollups, strayWords } = await rollupState(db);
    expect(strayOutboxRows).toEqual([]);
    expect(strayWords).toEqual([]);
    for (const { table, stored, defined } of rollups) expect({ table, rows: stored }).toEqual({ table, rows: defined });
  }


  /** (3): once everything is folded, nothing is pending and the rollups are their definition over every touchpoint. */
  async function expectFoldedExact(): Promise<void> {
    await foldEngagement(db);
    expect(await rows(`SELECT count(*)::int AS pending FROM touchpoint_outbox`)).toEqual([{ pending: 0 }]);
    await expectRule();
  }

  function batchMaker(c: ReturnType<typeof chooser>) {
    const sent = new Map<string, Record<string, unknown>>();
    const accountOf = (id: string) => (c.chance(0.7) ? `A-${Number(id.slice(2)) % ACCOUNT_NAMES.length}` : c.pick(ACCOUNT_IDS));
    const carried = (accountExternalId: string) => (LATE.includes(accountExternalId) && c.chance(0.5) ? { accountName: `Late ${accountExternalId} Ventures` } : {});
    const touchpoint = (externalId: string): Record<string, unknown> => {
      const before = sent.get(externalId);
      // Sent again as it was, or with one thing changed, or anew.
      if (before && c.chance(0.15)) return before;
      const fresh = {
        externalId, accountExternalId: accountOf(externalId), type: c.pick(TYPES), occurredAt: c.pick(INSTANTS),
        colleagueEmails: c.some(COLLEAGUE_EMAILS, 3), participantExternalIds: c.some(CONTACT_IDS, 3),
        participantEmails: c.some(IDENTITIES.map((p) => p.email), 2), subject: `s${Math.floor(c.random() * 1000)}`,
      };
      if (before && c.chance(0.5)) {
        const field = c.pick(['accountExternalId', 'type', 'occurredAt', 'colleagueEmails', 'participantExternalIds'] as const);
        return { ...before, [field]: fresh[field], ...carried(fresh.accountExternalId) };
      }
      return { ...fresh, ...carried(fresh.accountExternalId) };
    };
    const accountRecord = (externalId: string, as: string | null) => {
      const name = as ?? ACCOUNT_NAMES[Number(externalId.slice(2))] ?? `Late ${externalId} Ventures`;
      return { externalId, name, domains: [domainOf(name)], industry: c.pick(['Mining', 'Textiles', null]) };
    };
    const contact = (externalId: string) => {
      const who = c.pick(IDENTITIES);
      const accountExternalId = accountOf(externalId);
      return { externalId, accountExternalId, name: who.name, emails: c.chance(0.8) ? [who.email] : [], title: c.pick(['Buyer', 'CTO', null]), ...carried(accountExternalId) };
    };
    return (division: (typeof DIVISIONS)[number]): IngestBatchInput => {
      const touchpoints = c.some(TOUCHPOINT_IDS, 6).map(touchpoint);
      for (const t of touchpoints) sent.set(t.externalId as string, t);
      // Account records sent again, changed: some now say they are another customer (matching merges their account into it).
      const accounts = c.chance(0.3) ? c.some(ACCOUNT_IDS, 2).map((id) => accountRecord(id, c.chance(0.3) ? c.pick(ACCOUNT_NAMES) : null)) : [];
      const contacts = c.chance(0.6) ? c.some(CONTACT_IDS, 3).map(contact) : [];
      return { division: division.key, sourceSystem: division.system, accounts, contacts, touchpoints } as unknown as IngestBatchInput;
    };
  }

  /** Runs one whole transaction as production callers do: again while it fails transiently (a few more times than they do). */
  async function transiently<T>(stats: Stats, work: () => Promise<T>): Promise<T> {
    return retryTransient(async () => {
      try {
        return await work();
      } catch (error) {
        if (isTransientFailure(error)) stats.transient++;
        throw error;
      }
    }, 8);
  }

  async function ingestWorker(ds: DataSource, c: ReturnType<typeof chooser>, stats: Stats, until: number): Promise<void> {
    const next = batchMaker(c);
    for (let i = 0; i < INGEST_BATCHES && Date.now() < until; i++) {
      const d = c.random() < 0.5 ? 0 : 1;
      const batch = next(DIVISIONS[d]);
      const outcome = await transiently(stats, () => ds.transaction((tx) => ingestBatch(tx, divisionIds[d], DIVISIONS[d].system, batch)));
      expect(outcome.items.filter((item) => item.status === 'REJECTED')).toEqual([]);
      stats.batches++;
    }
  }

  async function identityWorker(ds: DataSource, c: ReturnType<typeof chooser>, stats: Stats, until: number): Promise<void> {
    const identity = new IdentityService(ds, new AccountsRepository(ds), new AuditService(new AuditRepository(ds)), new Clock());
    for (let i = 0; i < IDENTITY_MOVES && Date.now() < until; i++) {
      const live: { id: string; records: string[] }[] = await ds.query(
        `SELECT a.id, array_agg(r.id ORDER BY r.id) AS records FROM account a JOIN source_account_record r ON r.account_id = a.id
          WHERE a.merged_into_id IS NULL GROUP BY a.id ORDER BY a.id`);
      const splittable = live.filter((a) => a.records.length >= 2);
      try {
        if (live.length >= 2 && (splittable.length === 0 || c.chance(live.length >= 5 ? 0.6 : 0.3))) {
          const survivor = c.pick(live);
          const merged = c.pick(live.filter((a) => a.id !== survivor.id));
          await identity.merge(principal, survivor.id, merged.id, 'stress', true);
          stats.merges++;
        } else if (splittable.length > 0) {
          const account = c.pick(splittable);
          // Half the time the records of a merge that stands (the split undoes it), else any part of the records.
          const [merge]: { records: string[] | null }[] = await ds.query(
            `SELECT ARRAY(SELECT jsonb_array_elements_text(moved->'source_account_record')) AS records FROM account_merge
              WHERE survivor_id = $1 AND undone_at IS NULL ORDER BY created_at DESC LIMIT 1`, [account.id]);
          const part = merge?.records?.length && merge.records.length < account.records.length && c.chance(0.5)
            ? merge.records
            : c.some(account.records, account.records.length - 1);
          if (part.length === 0 || part.length === account.records.length) continue;
          await identity.split(principal, account.id, part, 'stress');
          stats.splits++;
        }
      } catch (error) {
        if (!refused(error)) throw error;
        stats.refused++;
      }
    }
  }

  /** Two people of one account made one, as a person's SAME decision does (accounts locked first, then contact linking's lock). */
  async function peopleWorker(ds: DataSource, c: ReturnType<typeof chooser>, stats: Stats, until: number): Promise<void> {
    for (let i = 0; i < PEOPLE_MERGES && Date.now() < until; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100 + c.random() * 400));
      const groups: { accountId: string; people: string[] }[] = await ds.query(
        `SELECT account_id AS "accountId", array_agg(id ORDER BY id) AS people FROM stakeholder WHERE merged_into_id IS NULL
          GROUP BY account_id HAVING count(*) >= 2 ORDER BY account_id`);
      if (groups.length === 0) continue;
      const group = c.pick(groups);
      const from = c.pick(group.people);
      const into = c.pick(group.people.filter((p) => p !== from));
      const merged = await transiently(stats, () => ds.transaction(async (tx) => {
        await accountMoves.lockAccounts(tx, [group.accountId]);
        await lockContactLinking(tx);
        const still: { n: number }[] = await tx.query(
          `SELECT count(*)::int AS n FROM stakeholder WHERE id = ANY($1::uuid[]) AND merged_into_id IS NULL AND account_id = $2`, [[from, into], group.accountId]);
        if (still[0].n !== 2) return false;
        await mergePeople(tx, [{ from, into }]);
        return true;
      }));
      if (merged) stats.peopleMerges++;
    }
  }

  async function foldWorker(ds: DataSource, c: ReturnType<typeof chooser>, stats: Stats, writing: () => boolean): Promise<void> {
    let after: string | null = null;
    while (writing()) {
      const { counted, last } = await ds.transaction((tx) => engagementRollups.foldPending(tx, { accounts: 1 + Math.floor(c.random() * 3), after }));
      stats.folds++;
      stats.counted += counted;
      after = last;
      await new Promise((resolve) => setTimeout(resolve, c.random() * 30));
    }
  }

  // Found by the history below (seed 3, now and then): a person whose record left the merged account before the merge and came back
  // under its account record after it kept an affiliation there (ended) that the merge left behind; the split undoing the merge moved
  // the person's affiliation at the survivor onto it (duplicate key stakeholder_affiliation_key).
  it('a split undoing a merge takes back a person whose record came back since, who had been at the merged account before', async () => {
    const [divisionId] = divisionIds;
    const send = (lists: Record<string, object[]>) => db.transaction((tx) => ingestBatch(tx, divisionId, 'erp', { division: 'sales', sourceSystem: 'erp', ...lists } as unknown as IngestBatchInput));
    const landed = await send({ accounts: [{ externalId: 'RX', name: 'Harbor Quill Ltd', domains: ['harbor-quill.example'] }, { externalId: 'RM', name: 'Nimbus Ore AG', domains: ['nimbus-ore.example'] }] });
    const [x, m] = landed.items.map((i) => i.accountId!);
    const contact = (accountExternalId: string) => ({ contacts: [{ externalId: 'K-1', accountExternalId, name: 'Gustav Pennyworth', emails: ['gustav@nimbus-ore.example'] }] });
    await send(contact('RM'));
    await send(contact('RX'));
    const identity = new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
    await identity.merge(principal, x, m, null, true);
    await send(contact('RM'));
    await identity.split(principal, x, [landed.items[1].recordId!]);
    const [person] = await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE external_id = 'K-1' AND source_system = 'erp'`);
    expect(await db.query(`SELECT account_id FROM stakeholder WHERE id = $1`, [person.id])).toEqual([{ account_id: m }]);
    expect(await db.query(`SELECT account_id, ended_on IS NULL AS open FROM stakeholder_affiliation WHERE stakeholder_id = $1 ORDER BY account_id = $2`, [person.id, m]))
      .toEqual([{ account_id: x, open: false }, { account_id: m, open: true }]);
  });

  // Found by the history below (seed 5, about one run in ten): a person merged into another after an account merge brought
  // that one an affiliation at the merged account (the merged person's, which the merge had left there: they were at both
  // accounts); the split undoing the merge moved the survivor's affiliation back onto it (duplicate key stakeholder_affiliation_key).
  it('a split undoing a merge gives back a person who, merged with another since, already has an affiliation at the merged account', async () => {
    const divisionId = divisionIds[1];
    const send = (lists: Record<string, object[]>) => db.transaction((tx) => ingestBatch(tx, divisionId, 'crm-2', { division: DIVISIONS[1].key, sourceSystem: 'crm-2', ...lists } as unknown as IngestBatchInput));
    const landed = await send({ accounts: [{ externalId: 'SX', name: 'Quarry Lantern Inc', domains: ['quarry-lantern.example'] }, { externalId: 'SM', name: 'Velvet Anchor BV', domains: ['velvet-anchor.example'] }] });
    const [x, m] = landed.items.map((i) => i.accountId!);
    // Priya at M only; Quentin at M and at X (one person by his email).
    await send({ contacts: [
      { externalId: 'K-P', accountExternalId: 'SM', name: 'Priya Tallowmere', emails: ['priya@velvet-anchor.example'] },
      { externalId: 'K-Q1', accountExternalId: 'SM', name: 'Quentin Brasswick', emails: ['quentin@velvet-anchor.example'] },
    ] });
    await send({ contacts: [{ externalId: 'K-Q2', accountExternalId: 'SX', name: 'Quentin Brasswick', emails: ['quentin@velvet-anchor.example'] }] });
    const personOf = async (externalId: string) => (await db.query(`SELECT stakeholder_id AS id FROM source_contact_record WHERE external_id = $1 AND source_system = 'crm-2'`, [externalId]))[0].id as string;
    const [priya, quentin] = [await personOf('K-P'), await personOf('K-Q1')];
    expect(await personOf('K-Q2')).toBe(quentin);
    const identity = new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), new Clock());
    // The merge moves Priya's affiliation to X and leaves Quentin's at M (he has one at X).
    await identity.merge(principal, x, m, null, true);
    // Then someone finds Quentin and Priya are one person: hers gets his affiliation at M.
    await db.transaction((tx) => mergePeople(tx, [{ from: quentin, into: priya }]));
    await identity.split(principal, x, [landed.items[1].recordId!]);
    expect(await db.query(`SELECT account_id, ended_on IS NULL AS open FROM stakeholder_affiliation WHERE stakeholder_id = $1 ORDER BY account_id = $2`, [priya, m]))
      .toEqual([{ account_id: x, open: true }, { account_id: m, open: true }]);
  });

  for (const seed of SEEDS) {
    it(`keep every touchpoint counted or pending, exactly once, through a random concurrent history (seed ${seed})`, async () => {
      const stats: Stats = { batches: 0, merges: 0, splits: 0, peopleMerges: 0, refused: 0, folds: 0, counted: 0, transient: 0 };
      const sources = await Promise.all(Array.from({ length: 6 }, () => database.dataSource()));
      let round = 0;
      try {
        // The accounts first, each division's records of them (matching may put some together already).
        for (const [d, division] of DIVISIONS.entries()) {
          const accounts = ACCOUNT_NAMES.map((name, i) => ({ externalId: `A-${i}`, name, domains: [domainOf(name)] }));
          await db.transaction((tx) => ingestBatch(tx, divisionIds[d], division.system, { division: division.key, sourceSystem: division.system, accounts } as unknown as IngestBatchInput));
        }
        for (round = 1; round <= ROUNDS; round++) {
          const until = Date.now() + ROUND_MS;
          const random = (worker: number) => chooser(new Random(seed * 31 + round * 1009 + worker * 7919));
          const writers = [
            ingestWorker(sources[0], random(0), stats, until),
            ingestWorker(sources[1], random(1), stats, until),
            ingestWorker(sources[5], random(5), stats, until),
            identityWorker(sources[2], random(2), stats, until),
            peopleWorker(sources[3], random(3), stats, until),
          ];
          let writing = true;
          const folding = foldWorker(sources[4], random(4), stats, () => writing);
          const settled = await Promise.allSettled(writers);
          writing = false;
          await folding;
          const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
          if (failed) throw failed.reason;
          // Quiescent: the rule holds as the writers left it, then once all is folded.
          await expectRule();
          if (round === ROUNDS || round % 2 === 0) await expectFoldedExact();
        }
        const [shape] = await db.query(
          `SELECT (SELECT count(*)::int FROM touchpoint) AS touchpoints, (SELECT count(*)::int FROM account WHERE merged_into_id IS NULL) AS live_accounts,
                  (SELECT count(*)::int FROM stakeholder WHERE merged_into_id IS NOT NULL) AS merged_people,
                  (SELECT count(*)::int FROM touchpoint WHERE cardinality(stakeholder_ids) > 0) AS with_people,
                  (SELECT count(*)::int FROM account_merge WHERE undone_at IS NOT NULL) AS undone_merges,
                  (SELECT count(*)::int FROM account_merge WHERE merged_by = 'matching') AS matching_merges`);
        // The history did what it is for: touchpoints, merges and splits, people attached and merged, folds counting.
        expect(shape.touchpoints).toBeGreaterThan(20);
        expect(shape.with_people).toBeGreaterThan(0);
        expect(stats.merges + stats.splits).toBeGreaterThan(4);
        expect(stats.counted).toBeGreaterThan(0);
        if (process.env.ROLLUP_STRESS_VERBOSE) console.log(JSON.stringify({ seed, ...stats, ...shape }));
      } catch (error) {
        const e = error as Error;
        e.message = `seed ${seed} (ROLLUP_STRESS_SEED=${seed}), round ${round}: ${e.message}`;
        throw e;
      }
    }, 60_000);
  }
});
