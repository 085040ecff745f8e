import { DataSource } from 'typeorm';
import { ACCOUNT_SCOPED_TABLES } from '../../server/src/identity/account-moves.repository';
import { ingest, INGEST, startIngestHub } from '../support/ingest';
import { Client } from '../support/server';

const MERGE = `mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "race") { account { id } mergeId } }`;
const RESOLVE = `mutation($id: ID!, $d: MatchDecision!) { resolveMatchReview(id: $id, decision: $d) { review { status } } }`;
const SPLIT = `mutation($a: ID!, $r: [ID!]!) { splitAccount(accountId: $a, sourceRecordIds: $r, reason: "race") { account { id } splitOff { id } restoredMerge } }`;

const FIRST = ['Ada', 'Ben', 'Cora', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Max', 'Nia', 'Oto', 'Pia', 'Rex', 'Sol', 'Tia', 'Uma'];
const LAST = ['Abbott', 'Brandt', 'Castro', 'Dunn', 'Ebert', 'Fischer', 'Garcia', 'Hale', 'Ibsen', 'Jansen', 'Kowalski', 'Lund', 'Moreau', 'Novak', 'Olsen', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Tanaka'];

const WORDS = ['Aurora', 'Basalt', 'Cobalt', 'Dynamo', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Indigo', 'Juniper', 'Kestrel', 'Lumen', 'Magnolia', 'Nimbus',
  'Obsidian', 'Pinnacle', 'Quartz', 'Redwood', 'Sequoia', 'Tundra', 'Ulysses', 'Vortex', 'Willow', 'Xenon', 'Yarrow', 'Zephyr', 'Acacia', 'Bramble', 'Cypress', 'Delta',
  'Esplanade', 'Falconer', 'Gossamer', 'Hyacinth', 'Ironbark', 'Jacaranda', 'Kingfisher', 'Larkspur', 'Mistral', 'Nightjar', 'Oleander', 'Periwinkle', 'Quillon', 'Rosemary'];

/** Rows that still point at an account merged away (affiliations and watches are kept there on purpose, for a split). */
async function orphans(db: DataSource): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of ACCOUNT_SCOPED_TABLES) {
    if (table === 'stakeholder_affiliation' || table === 'account_watch') continue;
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table} t JOIN account a ON a.id = t.account_id WHERE a.merged_into_id IS NOT NULL`);
    if (n > 0) found[table] = n;
  }
  return found;
}

/** Rows that are not on the account of the source record they came with. */
async function strays(db: DataSource): Promise<Record<string, number>> {
  const checks: Record<string, string> = {
    touchpoint: `SELECT count(*)::int AS n FROM touchpoint t JOIN source_account_record s ON s.id = t.source_account_record_id WHERE t.account_id <> s.account_id`,
    opportunity: `SELECT count(*)::int AS n FROM opportunity t JOIN source_account_record s ON s.id = t.source_account_record_id WHERE t.account_id <> s.account_id`,
    critical_info_assertion: `SELECT count(*)::int AS n FROM critical_info_assertion t JOIN source_account_record s ON s.id = t.source_account_record_id WHERE t.account_id <> s.account_id`,
    source_contact_record: `SELECT count(*)::int AS n FROM source_contact_record c JOIN source_account_record s
      ON s.division_id = c.division_id AND s.source_system = c.source_system AND s.external_id = c.account_external_id WHERE c.account_id <> s.account_id`,
    dead_account_record: `SELECT count(*)::int AS n FROM source_account_record s JOIN account a ON a.id = s.account_id WHERE a.merged_into_id IS NOT NULL`,
  };
  const found: Record<string, number> = {};
  for (const [what, sql] of Object.entries(checks)) {
    const [{ n }] = await db.query(sql);
    if (n > 0) found[what] = n;
  }
  return found;
}

/**
 * Deadlocks PostgreSQL detected in this database so far. The backend that
 * detects one counts it when it is idle again, before it answers its client
 * (it reports at most once a second, and finding a deadlock takes a second of
 * waiting: deadlock_timeout): once both sides of a race have answered, it is counted.
 */
async function deadlocks(db: DataSource): Promise<number> {
  const [{ n }] = await db.query(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`);
  return n;
}

/** Accounts merged away more than once (two merges of them not undone): the second moved nothing and hid the first. */
async function mergedTwice(db: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await db.query(`SELECT merged_id AS id FROM account_merge WHERE undone_at IS NULL GROUP BY merged_id HAVING count(*) > 1`);
  return rows.map((r) => r.id);
}

describe('races: merges, splits and ingest at the same moment', () => {
  let admin: Client;
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ admin, db, close } = await startIngestHub('exhibits', 'logistics'));
  });
  afterAll(() => close());

  /** Names are used once: a second account of the same name would match the first. */
  let made = 0;
  const names = new Map<string, string>();
  /** Two accounts that matching keeps apart: exhibits/crm `a-<tag>` and logistics/sap `b-<tag>`. */
  async function twoAccounts(tag: string): Promise<[string, string]> {
    const [x, y] = [WORDS[made++ % WORDS.length], WORDS[made++ % WORDS.length]];
    names.set(tag, x);
    const a = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `a-${tag}`, name: x, website: `${x.toLowerCase()}.example` }] });
    const b = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `b-${tag}`, name: y, website: `${y.toLowerCase()}.example` }] });
    expect(a.items[0].accountId).not.toBe(b.items[0].accountId);
    return [a.items[0].accountId!, b.items[0].accountId!];
  }

  /** A batch of everything that hangs on account record `a-<tag>`; `update` also sends the record again, changed (an industry). */
  function dependents(tag: string, update = false) {
    return {
      division: 'exhibits', sourceSystem: 'crm',
      accounts: update ? [{ externalId: `a-${tag}`, name: names.get(tag)!, website: `${names.get(tag)!.toLowerCase()}.example`, industry: 'Tiles' }] : undefined,
      contacts: Array.from({ length: 20 }, (_, i) => ({ externalId: `${tag}-c${i}`, accountExternalId: `a-${tag}`, name: `${FIRST[i]} ${LAST[i]}`, emails: [`p${i}@${tag}.example`] })),
      opportunities: Array.from({ length: 20 }, (_, i) => ({ externalId: `${tag}-o${i}`, accountExternalId: `a-${tag}`, name: `Deal ${i}`, stage: 'open' })),
      touchpoints: Array.from({ length: 60 }, (_, i) => ({
        externalId: `${tag}-t${i}`, accountExternalId: `a-${tag}`, type: 'MEETING', occurredAt: '2026-10-01T09:00:00Z', subject: `Meeting ${i}`,
        participantExternalIds: [`${tag}-c${i % 20}`], opportunityExternalId: `${tag}-o${i % 20}`,
      })),
      criticalInfo: [{ accountExternalId: `a-${tag}`, fieldKey: 'payment_terms', value: 'Net 30' }],
    };
  }

  it('leaves nothing an ingest lands on an account merged at the same moment', async () => {
    for (let round = 0; round < 6; round++) {
      const tag = `mi${round}`;
      const [a, b] = await twoAccounts(tag);
      const [landed, merged] = await Promise.all([
        admin(INGEST, { batch: dependents(tag) }),
        new Promise((r) => setTimeout(r, (round % 3) * 15)).then(() => admin(MERGE, { s: b, m: a })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect(merged.errors).toBeUndefined();
      expect(await orphans(db)).toEqual({});
      expect(await strays(db)).toEqual({});
    }
  });

  it('puts what an ingest lands for a record on the side a split at the same moment takes the record to', async () => {
    for (let round = 0; round < 6; round++) {
      const tag = `si${round}`;
      const [a, b] = await twoAccounts(tag);
      expect((await admin(MERGE, { s: b, m: a })).errors).toBeUndefined();
      const [record] = await db.query(`SELECT id FROM source_account_record WHERE external_id = $1`, [`a-${tag}`]);
      const [landed, split] = await Promise.all([
        admin(INGEST, { batch: dependents(tag) }),
        new Promise((r) => setTimeout(r, (round % 3) * 15)).then(() => admin<{ splitAccount: { splitOff: { id: string } } }>(SPLIT, { a: b, r: [record.id] })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect(split.errors).toBeUndefined();
      expect(split.data!.splitAccount.splitOff.id).toBe(a);
      expect(await orphans(db)).toEqual({});
      expect(await strays(db)).toEqual({});
      expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint WHERE account_id = $1`, [a])).toEqual([{ n: 60 }]);
    }
  });

  it('merges and splits while an ingest changes the account record and lands what hangs on it, without an internal error', async () => {
    for (let round = 0; round < 8; round++) {
      const tag = `mu${round}`;
      const [a, b] = await twoAccounts(tag);
      const split = round % 2 === 1;
      if (split) expect((await admin(MERGE, { s: b, m: a })).errors).toBeUndefined();
      const [record] = await db.query(`SELECT id FROM source_account_record WHERE external_id = $1`, [`a-${tag}`]);
      const [landed, changed] = await Promise.all([
        admin(INGEST, { batch: dependents(tag, true) }),
        new Promise((r) => setTimeout(r, (round % 4) * 10)).then(() => (split ? admin(SPLIT, { a: b, r: [record.id] }) : admin(MERGE, { s: b, m: a }))),
      ]);
      expect(landed.errors).toBeUndefined();
      expect(changed.errors).toBeUndefined();
      expect(await orphans(db)).toEqual({});
      expect(await strays(db)).toEqual({});
    }
  });

  /** Where these account records are now (external id → account), and that each account is live. */
  async function accountsOf(externalIds: string[]): Promise<Record<string, string>> {
    const rows: { externalId: string; accountId: string; mergedInto: string | null }[] = await db.query(
      `SELECT s.external_id AS "externalId", s.account_id AS "accountId", a.merged_into_id AS "mergedInto"
         FROM source_account_record s JOIN account a ON a.id = s.account_id WHERE s.external_id = ANY($1::text[])`, [externalIds]);
    expect(rows.filter((r) => r.mergedInto !== null)).toEqual([]);
    expect(rows.map((r) => r.externalId).sort()).toEqual([...externalIds].sort());
    return Object.fromEntries(rows.map((r) => [r.externalId, r.accountId]));
  }

  /** What a race left that it must not: rows on an account merged away or off their record's account, accounts merged twice, deadlocks. */
  async function expectClean(deadlocksBefore: number) {
    expect(await orphans(db)).toEqual({});
    expect(await strays(db)).toEqual({});
    expect(await mergedTwice(db)).toEqual([]);
    expect(await deadlocks(db)).toBe(deadlocksBefore);
  }

  /** A batch of 5 contacts and 10 touchpoints on account record `id` (of `division`/`system`), and the account record itself when given. */
  function hangingOn(division: string, sourceSystem: string, id: string, account?: Record<string, unknown>) {
    return {
      division, sourceSystem, accounts: account ? [{ externalId: id, ...account }] : undefined,
      contacts: Array.from({ length: 5 }, (_, i) => ({ externalId: `${id}-c${i}`, accountExternalId: id, name: `${FIRST[i]} ${LAST[i]}` })),
      touchpoints: Array.from({ length: 10 }, (_, i) => ({ externalId: `${id}-t${i}`, accountExternalId: id, type: 'CALL', occurredAt: '2026-10-02T09:00:00Z', subject: `Call ${i}` })),
    };
  }

  it('merges a changed record\'s account into the one it now matches while an admin merges either away: nothing lands on an account merged away', async () => {
    const words = ['Kelpie', 'Lorikeet', 'Marmoset', 'Narwhal', 'Ocelot', 'Pangolin', 'Quokka', 'Rhea'];
    const before = await deadlocks(db);
    for (let round = 0; round < words.length; round++) {
      const [w, phone] = [words[round], (n: number) => `+1 555 06${n} ${1000 + round}`];
      // Y and X: one customer that matching only reviews (another phone); Z: another customer.
      const y = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `y-${round}`, name: `${w} Traders`, phone: phone(1) }] });
      const x = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `x-${round}`, name: `${w} Trader`, phone: phone(2) }] });
      const z = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `z-${round}`, name: `Orbital ${w} Holdings`, website: `z${round}.example` }] });
      const [X, Y, Z] = [x.items[0].accountId!, y.items[0].accountId!, z.items[0].accountId!];
      expect(new Set([X, Y, Z]).size).toBe(3);
      // X's record again with Y's phone, and what hangs on it: it now links, and matching merges X into Y.
      const batch = hangingOn('logistics', 'sap', `x-${round}`, { name: `${w} Trader`, phone: phone(1) });
      const [survivor, merged] = [[Z, X], [X, Z], [Z, Y], [Y, Z]][round % 4];
      const [landed, merging] = await Promise.all([
        admin(INGEST, { batch }),
        new Promise((r) => setTimeout(r, (round % 3) * 8)).then(() => admin(MERGE, { s: survivor, m: merged })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect((merging.errors ?? []).map((e) => e.extensions?.code)).toEqual(merging.errors ? ['CONFLICT'] : []);
      const at = await accountsOf([`x-${round}`, `y-${round}`, `z-${round}`]);
      if (merged === X && !merging.errors) {
        // The admin's merge came first: X's record shares its account with Z's now, and stays there.
        expect([at[`x-${round}`], at[`y-${round}`]]).toEqual([at[`z-${round}`], Y]);
      } else if (survivor === X && !merging.errors) {
        // Either order holds: matching merged X into Y first (the admin's merge then follows X there: all three in one
        // account), or the admin's merge of Z into X came first, and x, no longer alone in its account, stays with z
        // (matching does not take apart what a person put together).
        expect(at[`x-${round}`]).toBe(at[`z-${round}`]);
        expect([X, at[`y-${round}`]]).toContain(at[`x-${round}`]);
      } else {
        expect(at[`x-${round}`]).toBe(at[`y-${round}`]);
        if (!merging.errors) expect(at[`z-${round}`]).toBe(at[`y-${round}`]);
      }
      await expectClean(before);
    }
  });

  it('merges two accounts a new record matches strongly while an admin merges either away: nothing lands on an account merged away, none is merged twice', async () => {
    const words = ['Aardvark', 'Binturong', 'Caracal', 'Dugong', 'Echidna', 'Fossa', 'Gerenuk', 'Hoatzin'];
    const before = await deadlocks(db);
    for (let round = 0; round < words.length; round++) {
      const w = words[round].toLowerCase();
      // P and Q: one name, other domains and house numbers (kept apart); R, new, has both domains: it matches both strongly.
      const p = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `p-${round}`, name: `${words[round]} Works`, domains: [`${w}works.com`], address: `1 ${words[round]} Road, Springfield` }] });
      const q = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `q-${round}`, name: `${words[round]} Works`, domains: [`${w}group.com`], address: `99 ${words[round]} Road, Springfield` }] });
      const z = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `zz-${round}`, name: `Orbital ${words[round]} Holdings`, website: `zz${round}.example` }] });
      const [P, Q, Z] = [p.items[0].accountId!, q.items[0].accountId!, z.items[0].accountId!];
      expect(new Set([P, Q, Z]).size).toBe(3);
      const batch = hangingOn('logistics', 'erp', `r-${round}`, { name: `${words[round]} Works`, domains: [`${w}works.com`, `${w}group.com`] });
      const [survivor, merged] = [[Z, P], [P, Z], [Z, Q], [Q, Z]][round % 4];
      const [landed, merging] = await Promise.all([
        admin(INGEST, { batch }),
        new Promise((r) => setTimeout(r, (round % 3) * 8)).then(() => admin(MERGE, { s: survivor, m: merged })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect((merging.errors ?? []).map((e) => e.extensions?.code)).toEqual(merging.errors ? ['CONFLICT'] : []);
      // P, Q and R are one customer whoever went first; Z joins them when the admin's merge went through.
      const at = await accountsOf([`p-${round}`, `q-${round}`, `r-${round}`, `zz-${round}`]);
      expect(new Set([at[`p-${round}`], at[`q-${round}`], at[`r-${round}`]]).size).toBe(1);
      expect(at[`zz-${round}`] === at[`p-${round}`]).toBe(!merging.errors);
      await expectClean(before);
    }
  });

  it('decides a review and merges its two accounts at the same moment: they wait for each other, one answers CONFLICT, no deadlock', async () => {
    const words = ['Sparrowhawk', 'Tamarind', 'Umbrella', 'Vermilion', 'Wolfram', 'Yellowtail', 'Albatross', 'Bergamot'];
    const before = await deadlocks(db);
    for (let round = 0; round < words.length; round++) {
      const a = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `g-${round}`, name: `${words[round]} Traders`, phone: `+1 555 020 ${1000 + round}` }] });
      const b = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `h-${round}`, name: `${words[round]} Trader`, phone: `+1 555 030 ${1000 + round}` }] });
      const [review] = await db.query(`SELECT id FROM match_review WHERE record_id = $1 AND status = 'OPEN'`, [b.items[0].recordId]);
      const [decided, merged] = await Promise.all([
        admin(RESOLVE, { id: review.id, d: 'SAME' }),
        admin(MERGE, { s: b.items[0].accountId, m: a.items[0].accountId }),
      ]);
      const errors = [...(decided.errors ?? []), ...(merged.errors ?? [])];
      expect(errors.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
      expect(await db.query(`SELECT status FROM match_review WHERE id = $1`, [review.id])).toEqual([{ status: decided.errors ? 'OBSOLETE' : 'SAME' }]);
      expect(await orphans(db)).toEqual({});
    }
    // Not one deadlock: the retry that answers CONFLICT after one is a second's stall each time.
    expect(await deadlocks(db)).toBe(before);
  });

  it('keeps the two sides of a review apart while an admin merges their accounts: the later one finds the outcome of the other, no deadlock', async () => {
    const words = ['Cormorant', 'Dogwood', 'Egret', 'Foxglove', 'Gannet', 'Heliotrope', 'Ibis', 'Jasmine'];
    const before = await deadlocks(db);
    for (let round = 0; round < words.length; round++) {
      const a = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `k-${round}`, name: `${words[round]} Traders`, phone: `+1 555 040 ${1000 + round}` }] });
      const b = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `l-${round}`, name: `${words[round]} Trader`, phone: `+1 555 050 ${1000 + round}` }] });
      const [review] = await db.query(`SELECT id FROM match_review WHERE record_id = $1 AND status = 'OPEN'`, [b.items[0].recordId]);
      const [decided, merged] = await Promise.all([
        admin(RESOLVE, { id: review.id, d: 'DIFFERENT' }),
        // The review's record (b) is on the side merged away: the merge moves the row the decision marks.
        admin(MERGE, { s: a.items[0].accountId, m: b.items[0].accountId }),
      ]);
      // The later one finds the outcome of the other: a decision after the merge has nothing left to decide; a merge
      // after the decision is refused (a person kept the two apart; an admin would have to override it).
      const codes = (r: typeof merged) => r.errors?.map((e) => e.extensions?.code);
      expect([codes(decided), codes(merged)]).toEqual(decided.errors ? [['CONFLICT'], undefined] : [undefined, ['KEPT_APART']]);
      expect(await db.query(`SELECT status FROM match_review WHERE id = $1`, [review.id])).toEqual([{ status: decided.errors ? 'OBSOLETE' : 'DIFFERENT' }]);
      expect(await orphans(db)).toEqual({});
    }
    expect(await deadlocks(db)).toBe(before);
  });
  it('links a person\'s new record while a SAME decision merges them into another person: nothing is left on the person merged away', async () => {
    const before = await deadlocks(db);
    for (let round = 0; round < 6; round++) {
      const w = ['Veldhoven', 'Oosterhout', 'Zuidlaren', 'Westkapelle', 'Noordwijk', 'Middelburg'][round];
      const mail = (first: string) => `${first}.${w.toLowerCase()}@${w.toLowerCase()}.example`;
      await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `pv-${round}`, name: `${w} Holding`, website: `${w.toLowerCase()}.example` }],
        contacts: [{ externalId: `cv-${round}`, accountExternalId: `pv-${round}`, name: `Clara ${w}`, emails: [mail('clara')] }] });
      const laura = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', contacts: [{ externalId: `lv-${round}`, accountExternalId: `pv-${round}`, name: `Laura ${w}`, emails: [mail('laura')] }] });
      const [review] = await db.query(`SELECT id FROM match_review WHERE kind = 'STAKEHOLDER' AND record_id = $1 AND status = 'OPEN'`, [laura.items[0].recordId]);
      expect(review).toBeDefined();
      // Logistics knows Laura at another customer (her email finds her anywhere): her record links to her, and meets us
      // there, as the decision merges her into Clara. The decision locks Clara's account, the ingest only the other one.
      const batch = {
        division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `PV${round}`, name: `Orbital ${w} Freight`, website: `orbital-${w.toLowerCase()}.example` }],
        contacts: [{ externalId: `LV${round}`, accountExternalId: `PV${round}`, name: `Laura ${w}`, emails: [mail('laura')] }],
        touchpoints: [{ externalId: `PT${round}`, accountExternalId: `PV${round}`, type: 'CALL', occurredAt: '2026-10-02T09:00:00Z', participantExternalIds: [`LV${round}`] }],
      };
      // Either goes first by a few milliseconds: the decision's merge lands before, between or after the ingest's linking.
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const [landed, decided] = await Promise.all([
        wait(round % 2 === 0 ? 0 : (round % 3) * 6).then(() => admin(INGEST, { batch })),
        wait(round % 2 === 1 ? 0 : (round % 3) * 6).then(() => admin(RESOLVE, { id: review.id, d: 'SAME' })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect(decided.errors).toBeUndefined();
      const [left] = await db.query(
        `SELECT (SELECT count(*)::int FROM source_contact_record c JOIN stakeholder s ON s.id = c.stakeholder_id WHERE s.merged_into_id IS NOT NULL) AS records,
                (SELECT count(*)::int FROM stakeholder_affiliation f JOIN stakeholder s ON s.id = f.stakeholder_id WHERE s.merged_into_id IS NOT NULL) AS affiliations,
                (SELECT count(*)::int FROM touchpoint t JOIN stakeholder s ON s.id = ANY(t.stakeholder_ids) WHERE s.merged_into_id IS NOT NULL) AS touchpoints`);
      expect(left).toEqual({ records: 0, affiliations: 0, touchpoints: 0 });
      const people = await db.query(`SELECT DISTINCT stakeholder_id FROM source_contact_record WHERE external_id = ANY($1::text[])`, [[`cv-${round}`, `lv-${round}`, `LV${round}`]]);
      expect(people).toHaveLength(1);
      await expectClean(before);
    }
  });

  /** A split's answer with the account as it left it (read in its transaction): its domains tell whether an ingest came before it. */
  const SPLIT_SEEN = `mutation($a: ID!, $r: [ID!]!) { splitAccount(accountId: $a, sourceRecordIds: $r, reason: "race") { account { id domains } splitOff { id } } }`;
  type SplitSeen = { splitAccount: { account: { domains: string[] }; splitOff: { id: string } } };
  const codes = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);
  const recordOf = async (externalId: string): Promise<string> => (await db.query(`SELECT id FROM source_account_record WHERE external_id = $1`, [externalId]))[0].id;

  it('folds a changed record\'s account into the one it now matches while an admin splits off the record it matches: it follows that record, nothing is left behind', async () => {
    const words = ['Gharial', 'Hyrax', 'Jerboa', 'Kinkajou', 'Loris', 'Margay', 'Numbat', 'Olingo'];
    const before = await deadlocks(db);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let round = 0; round < words.length; round++) {
      const w = words[round];
      const phone = (n: number) => `+1 555 07${n} ${1000 + round}`;
      // Y: y1 and y2 (y2 put there by an admin's merge in even rounds, by matching in odd ones); X: x, which matching only reviews against Y.
      const y1 = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `fy1-${round}`, name: `${w} Traders`, phone: phone(1) }] });
      const y2 = round % 2 === 0
        ? await ingest(admin, { division: 'exhibits', sourceSystem: 'erp', accounts: [{ externalId: `fy2-${round}`, name: `Orbital ${w} Freight`, website: `${w.toLowerCase()}freight.com` }] })
        : await ingest(admin, { division: 'exhibits', sourceSystem: 'erp', accounts: [{ externalId: `fy2-${round}`, name: `${w} Traders`, phone: phone(1) }] });
      const Y = y1.items[0].accountId!;
      if (round % 2 === 0) expect((await admin(MERGE, { s: Y, m: y2.items[0].accountId })).errors).toBeUndefined();
      else expect(y2.items[0].accountId).toBe(Y);
      const x = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `fx-${round}`, name: `${w} Trader`, phone: phone(3) }] });
      expect(x.items[0].accountId).not.toBe(Y);
      // x again, changed: in even rounds as y2 (its name and website, which y1 lacks), in odd ones with Y's phone: it links, and matching folds X into Y.
      const batch = hangingOn('logistics', 'sap', `fx-${round}`, round % 2 === 0 ? { name: `Orbital ${w} Freight`, website: `${w.toLowerCase()}freight.com` } : { name: `${w} Trader`, phone: phone(1), website: `${w.toLowerCase()}trader.com` });
      const y2id = await recordOf(`fy2-${round}`);
      const [landed, split] = await Promise.all([
        wait(round % 2 === 0 ? 0 : (round % 3) * 6).then(() => admin(INGEST, { batch })),
        wait(round % 2 === 1 ? 0 : (round % 3) * 6).then(() => admin<SplitSeen>(SPLIT_SEEN, { a: Y, r: [y2id] })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect(codes(split)).toEqual(split.errors ? ['CONFLICT'] : []);
      const at = await accountsOf([`fx-${round}`, `fy1-${round}`, `fy2-${round}`]);
      if (!split.errors) {
        expect(at[`fy2-${round}`]).toBe(split.data!.splitAccount.splitOff.id);
        expect(at[`fy1-${round}`]).toBe(Y);
        expect(at[`fy2-${round}`]).not.toBe(Y);
      }
      // Y as the split left it has a domain only if x was in it (y1 has none): the ingest came first, and the split left x with y1.
      // Split first, x links to a record where the split left it: in even rounds y2 (x now has y2's name and website), never with y1
      // on a decision made before the split (matching locks Y, then finds its candidate y2 moved and decides again).
      const ingestFirst = split.errors !== undefined || split.data!.splitAccount.account.domains.length > 0;
      if (ingestFirst) expect(at[`fx-${round}`]).toBe(at[`fy1-${round}`]);
      else if (round % 2 === 0) expect(at[`fx-${round}`]).toBe(at[`fy2-${round}`]);
      else expect([at[`fy1-${round}`], at[`fy2-${round}`]]).toContain(at[`fx-${round}`]);
      await expectClean(before);
    }
  });

  it('merges two accounts a new record matches strongly while an admin splits one of them: nothing is left behind, none is merged twice', async () => {
    const words = ['Axolotl', 'Bonobo', 'Coati', 'Dhole', 'Eland', 'Galago', 'Indri', 'Kakapo'];
    const before = await deadlocks(db);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let round = 0; round < words.length; round++) {
      const w = words[round].toLowerCase();
      const p = await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: `sp-${round}`, name: `${words[round]} Works`, domains: [`${w}works.com`], address: `1 ${words[round]} Road, Springfield` }] });
      const q = await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: `sq-${round}`, name: `${words[round]} Works`, domains: [`${w}group.com`], address: `99 ${words[round]} Road, Springfield` }] });
      const o = await ingest(admin, { division: 'exhibits', sourceSystem: 'erp', accounts: [{ externalId: `so-${round}`, name: `Orbital ${words[round]} Holdings`, website: `so${round}.example` }] });
      const [P, Q, O] = [p.items[0].accountId!, q.items[0].accountId!, o.items[0].accountId!];
      expect(new Set([P, Q, O]).size).toBe(3);
      // One of P and Q gets a second record (O's, by an admin's merge): the split takes off the one R matches (a new account), or O's (undoing the merge).
      const [holder, off] = [[Q, `sq-${round}`], [P, `sp-${round}`], [Q, `so-${round}`], [P, `so-${round}`]][round % 4];
      expect((await admin(MERGE, { s: holder, m: O })).errors).toBeUndefined();
      const offId = await recordOf(off);
      const batch = hangingOn('logistics', 'erp', `sr-${round}`, { name: `${words[round]} Works`, domains: [`${w}works.com`, `${w}group.com`] });
      const [landed, split] = await Promise.all([
        wait(round % 2 === 0 ? 0 : (round % 3) * 6).then(() => admin(INGEST, { batch })),
        wait(round % 2 === 1 ? 0 : (round % 3) * 6).then(() => admin<SplitSeen>(SPLIT_SEEN, { a: holder, r: [offId] })),
      ]);
      expect(landed.errors).toBeUndefined();
      expect(codes(split)).toEqual(split.errors ? ['CONFLICT'] : []);
      const at = await accountsOf([`sp-${round}`, `sq-${round}`, `sr-${round}`, `so-${round}`]);
      // The holder as the split left it has both domains only if R had merged P and Q already: the ingest came first.
      const ingestFirst = split.errors !== undefined || [`${w}works.com`, `${w}group.com`].every((d) => split.data!.splitAccount.account.domains.includes(d));
      const withR = ['sp', 'sq', 'so'].filter((k) => at[`${k}-${round}`] === at[`sr-${round}`]).map((k) => `${k}-${round}`);
      // Ingest first: R merged P and Q (with O's record), and the split took one record off again (or found its account merged away: CONFLICT).
      // Split first: R merges the accounts of P's and Q's records where the split left them (a new account of the record split off too), not O's.
      if (ingestFirst) expect(withR).toEqual([`sp-${round}`, `sq-${round}`, `so-${round}`].filter((k) => split.errors || k !== off));
      else expect(withR).toEqual([`sp-${round}`, `sq-${round}`]);
      if (!split.errors && off.startsWith('so')) expect(at[off]).toBe(O);
      await expectClean(before);
    }
  });
});
