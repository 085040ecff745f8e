import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Random } from '../demo/random';
import { createTestDatabase, TestDatabase } from '../testing/database';
import { deleteTouchpoints, rollupState } from '../testing/rollups';
import { timelineWords } from '../touchpoints/timeline-words';
import { ACCOUNT_RECORD_PARTS, Caller, EngagementRepository } from './engagement.repository';
import { engagementRollups } from './rollups';

/**
 * The engagement rollups (rollups.ts) against their definition, and
 * engagement read from them against engagement counted from every
 * touchpoint. A seeded random history of two accounts goes through every kind
 * of write the hub makes, as its writers make them (new touchpoints pending,
 * changed ones taken out and pending again, a merge moving rollup rows) —
 * batches of inserts, changed touchpoints, people merged and resolved late,
 * an account merge and its split, deletes. After each, before the fold, the
 * four rollups must equal a GROUP BY over the touchpoints not pending (the
 * rule of rollups.ts) and the figures, read from rollups plus pending
 * touchpoints, must equal the exact statement (the one engagement used before
 * the rollups, kept here as the oracle) at instants chosen to sit on the
 * edges: month starts and ends, the 90/365-day window boundaries; after the
 * fold, nothing is pending and both hold again.
 */

const DAY = 86_400_000;
const TYPES = ['MEETING', 'CALL', 'EMAIL', 'PROPOSAL', 'ORDER', 'CASE'];

/** Engagement counted from every touchpoint of the account ($4 stands for now). */
const ORACLE_SQL = `
WITH past AS MATERIALIZED (
  SELECT t.id, t.division_id, t.type, t.occurred_at, t.colleague_emails, t.stakeholder_ids
    FROM touchpoint t
   WHERE t.account_id = $1 AND t.occurred_at <= $4::timestamptz
),
-- Aggregate before joining: a key account has tens of thousands of touchpoints but hundreds of people
-- and dozens of colleagues, and joins of CTEs are planned on guessed row counts (1), which made
-- nested loops of people x touchpoints (seconds). Every join below is between small, grouped sets.
named AS (
  SELECT p.division_id, n.id AS named_id FROM past p CROSS JOIN LATERAL unnest(p.stakeholder_ids) AS n(id) GROUP BY 1, 2
),
person AS MATERIALIZED (
  SELECT s.id, coalesce(s.merged_into_id, s.id) AS stakeholder_id FROM stakeholder s WHERE s.id IN (SELECT named_id FROM named)
),
-- Per (colleague email, touchpoint division): ingest stores colleague_emails as a set of lower-case emails.
by_email AS (
  SELECT e.email, p.division_id, count(*)::int AS n, max(p.occurred_at) AS last_touch,
         count(*) FILTER (WHERE p.occurred_at > $4::timestamptz - interval '90 days')::int AS last90,
         count(*) FILTER (WHERE p.occurred_at > $4::timestamptz - interval '365 days')::int AS last365
    FROM past p CROSS JOIN LATERAL unnest(p.colleague_emails) AS e(email)
   GROUP BY 1, 2
),
-- Our colleagues the touchpoints name: probes of colleague_email_idx for the distinct emails.
us AS MATERIALIZED (
  SELECT c.id, c.email, c.division_id FROM colleague c WHERE c.email IN (SELECT email FROM by_email)
),
email_people AS (
  SELECT e.email, n.id AS named_id
    FROM past p CROSS JOIN LATERAL unnest(p.colleague_emails) AS e(email) CROSS JOIN LATERAL unnest(p.stakeholder_ids) AS n(id)
   GROUP BY 1, 2
),
touches AS (
  SELECT division_id, count(*)::int AS n, min(occurred_at) AS first_touch, max(occurred_at) AS last_touch FROM past GROUP BY division_id
),
by_type AS (
  SELECT division_id, jsonb_agg(jsonb_build_object('type', type, 'count', n) ORDER BY n DESC, type) AS counts
    FROM (SELECT division_id, type, count(*)::int AS n FROM past GROUP BY 1, 2) per_type
   GROUP BY division_id
),
planned AS (
  SELECT t.division_id, min(t.occurred_at) AS next_touch FROM touchpoint t WHERE t.account_id = $1 AND t.occurred_at > $4::timestamptz GROUP BY t.division_id
),
involved AS (
  SELECT division_id, array_agg(colleague_id ORDER BY last_touch DESC, colleague_id) AS ids
    FROM (SELECT b.division_id, u.id AS colleague_id, max(b.last_touch) AS last_touch FROM by_email b JOIN us u USING (email) GROUP BY 1, 2) per_colleague
   GROUP BY division_id
),
division_people AS (
  SELECT nd.division_id, array_agg(DISTINCT x.stakeholder_id) AS ids FROM named nd JOIN person x ON x.id = nd.named_id GROUP BY nd.division_id
),
${ACCOUNT_RECORD_PARTS}
known AS (
  SELECT division_id FROM source_account_record WHERE account_id = $1
  UNION SELECT division_id FROM touches
  UNION SELECT division_id FROM planned
  UNION SELECT division_id FROM open_deals
),
colleague_touches AS (
  SELECT u.id AS colleague_id, u.division_id AS colleague_division_id, sum(b.n)::int AS n, max(b.last_touch) AS last_touch,
         sum(b.last90)::int AS last90, sum(b.last365)::int AS last365
    FROM by_email b JOIN us u USING (email) GROUP BY 1, 2
),
colleague_people AS (
  SELECT u.id AS colleague_id, array_agg(DISTINCT x.stakeholder_id) AS ids
    FROM email_people ep JOIN us u USING (email) JOIN person x ON x.id = ep.named_id
   GROUP BY u.id
),
mine AS (
  SELECT max(occurred_at) AS last_touch FROM past WHERE $2::text = ANY(colleague_emails)
),
news AS (
  SELECT p.division_id, count(*)::int AS n, max(p.occurred_at) AS last_touch
    FROM past p, mine
   WHERE p.division_id <> $3::uuid AND (mine.last_touch IS NULL OR p.occurred_at > mine.last_touch)
   GROUP BY p.division_id
)
SELECT $4::timestamptz AS "asOf",
  (SELECT coalesce(jsonb_agg(jsonb_build_object(
            'divisionId', k.division_id, 'touchCount', coalesce(t.n, 0), 'firstTouch', t.first_touch, 'lastTouch', t.last_touch,
            'nextPlannedTouch', pl.next_touch, 'byType', coalesce(bt.counts, '[]'), 'colleagueIds', coalesce(iv.ids, '{}'),
            'stakeholderIds', coalesce(dp.ids, '{}'), 'ownerIds', coalesce(ow.ids, '{}'), 'ownerEmails', coalesce(ow.emails, '{}'),
            'openOpportunityIds', coalesce(od.ids, '{}'), 'openTotals', coalesce(ot.totals, '[]'))
          ORDER BY t.last_touch DESC NULLS LAST, k.division_id), '[]')
     FROM known k
     LEFT JOIN touches t USING (division_id) LEFT JOIN by_type bt USING (division_id) LEFT JOIN planned pl USING (division_id)
     LEFT JOIN involved iv USING (division_id) LEFT JOIN division_people dp USING (division_id) LEFT JOIN owners ow USING (division_id)
     LEFT JOIN open_deals od USING (division_id) LEFT JOIN open_totals ot USING (division_id)) AS divisions,
  (SELECT coalesce(jsonb_agg(jsonb_build_object(
            'colleagueId', ct.colleague_id, 'divisionId', ct.colleague_division_id, 'touchCount', ct.n, 'last90', ct.last90,
            'last365', ct.last365, 'lastTouch', ct.last_touch, 'stakeholderIds', coalesce(cp.ids, '{}'))
          ORDER BY ct.last_touch DESC, ct.colleague_id), '[]')
     FROM colleague_touches ct LEFT JOIN colleague_people cp USING (colleague_id)) AS colleagues,
  (SELECT last_touch FROM mine) AS "myLastTouch",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('divisionId', division_id, 'count', n, 'lastTouch', last_touch)
          ORDER BY last_touch DESC, division_id), '[]') FROM news) AS news`;

const MONTH = (at: string) => `(date_trunc('month', ${at} AT TIME ZONE 'UTC'))::date`;

/** Every instant as an ISO string (jsonb writes "+00:00", Date "Z"), so both sides compare by value. */
function instants<T>(value: T): T;
function instants(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map(instants);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, instants(v)]));
  return value;
}

describe('engagement rollups', () => {
  let database: TestDatabase;
  let db: DataSource;
  let repository: EngagementRepository;
  // The same history on every run.
  const generator = new Random(20261124);
  const random = () => generator.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const some = <T>(list: readonly T[], most: number): T[] => [...new Set(Array.from({ length: Math.floor(random() * (most + 1)) }, () => pick(list)))];

  const accounts = [randomUUID(), randomUUID()];
  const divisions = [randomUUID(), randomUUID(), randomUUID()];
  const colleagues = divisions.flatMap((d, i) => [0, 1].map((j) => ({ id: randomUUID(), email: `c${i}${j}@ourco.example`, divisionId: d })));
  // Emails on touchpoints: our colleagues, and one nobody in the hub has.
  const emails = [...colleagues.map((c) => c.email), 'stranger@elsewhere.example'];
  const people = Array.from({ length: 8 }, () => randomUUID());
  // Fixed instants make the history the same on every run; now is the real clock's (the rollups' month of now moves).
  const NOW = Date.now();
  const monthStart = (offset: number) => { const d = new Date(NOW); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1); };
  /** Instants the figures are compared at: now, month edges, and where the 90/365-day windows begin on a month edge. */
  const INSTANTS = [
    NOW, monthStart(0), monthStart(0) - 1, monthStart(-1) + 5 * DAY, monthStart(-3) + 90 * DAY, monthStart(-3) + 90 * DAY - 1,
    monthStart(-12) + 365 * DAY + 1, monthStart(-7) + 12 * 3600_000, NOW + 40 * DAY,
  ].map((t) => new Date(t));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.dataSource();
    repository = new EngagementRepository(db);
    for (const [i, id] of divisions.entries()) await db.query(`INSERT INTO division (id, key, name) VALUES ($1, $2, $3)`, [id, `d${i}`, `Division ${i}`]);
    for (const c of colleagues) await db.query(`INSERT INTO colleague (id, email, name, division_id) VALUES ($1, $2, $2, $3)`, [c.id, c.email, c.divisionId]);
    for (const [i, id] of accounts.entries()) await db.query(`INSERT INTO account (id, name, name_key) VALUES ($1, $2, $2)`, [id, `Account ${i}`]);
    for (const [i, id] of people.entries()) {
      await db.query(`INSERT INTO stakeholder (id, account_id, name, name_key) VALUES ($1, $2, $3, $3)`, [id, accounts[0], `Person ${i}`]);
    }
  });
  afterAll(() => database.drop());

  /** A touchpoint between 800 days ago and 60 days ahead, often close to a month edge. */
  function touchpoint(accountId: string) {
    const edge = monthStart(-Math.floor(random() * 26) + 2) + (random() < 0.5 ? -1 : 1) * Math.floor(random() * 3 * DAY);
    const at = random() < 0.3 ? edge : NOW - 800 * DAY + Math.floor(random() * 860 * DAY);
    return {
      account_id: accountId, division_id: pick(divisions), type: pick(TYPES), occurred_at: new Date(at).toISOString(),
      colleague_emails: some(emails, 2), stakeholder_ids: some(people, 3),
    };
  }

  const INSERT = `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, colleague_emails, stakeholder_ids, content_hash)
       SELECT x.account_id, x.division_id, 'test', gen_random_uuid()::text, gen_random_uuid(), x.type, x.occurred_at, x.colleague_emails, x.stakeholder_ids, 'h'
         FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, division_id uuid, type text, occurred_at timestamptz, colleague_emails text[], stakeholder_ids uuid[])
       RETURNING ${engagementRollups.RETURNING}`;

  /** New touchpoints as ingest stores them: pending from the statement that inserts them. */
  async function insert(rows: ReturnType<typeof touchpoint>[], on: DataSource | EntityManager = db): Promise<void> {
    await on.query(`WITH added AS (${INSERT}), pending AS (${engagementRollups.pendFrom('added')}) SELECT 1`, [JSON.stringify(rows)]);
  }

  /**
   * Changes the touchpoints `where` selects as the hub's writers do: out of the rollups and without words (the
   * timeline's word index, touchpoints/timeline-words.ts: `set` may change their text), changed (`set`), pending.
   * `params` with their types: both statements name them all.
   */
  async function change(where: string, set: string, params: [unknown, string][] = [], on: DataSource = db): Promise<void> {
    const typed = params.map(([, type], i) => `$${i + 1}::${type}`);
    const values = params.map(([value]) => value);
    await on.transaction(async (tx) => {
      const rows: { accountId: string; id: string }[] = await tx.query(
        `SELECT account_id AS "accountId", id FROM touchpoint WHERE (${typed.length ? `ROW(${typed.join(', ')}) IS NULL OR ` : ''}true) AND ${where} FOR UPDATE`, values);
      await engagementRollups.uncount(tx, rows);
      await timelineWords.forget(tx, rows);
      const changed = await tx.query(
        `WITH changed AS (UPDATE touchpoint SET ${set}
            WHERE (${typed.length ? `ROW(${typed.join(', ')}) IS NULL OR ` : ''}true)
              AND (account_id, id) IN (SELECT * FROM unnest($${params.length + 1}::uuid[], $${params.length + 2}::uuid[]))
            RETURNING account_id AS "accountId", id)
         SELECT * FROM changed`,
        [...values, rows.map((r) => r.accountId), rows.map((r) => r.id)],
      );
      await engagementRollups.pend(tx, changed);
    });
  }

  async function fold(): Promise<void> {
    while ((await db.transaction((tx) => engagementRollups.foldPending(tx))).counted > 0);
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`)).toEqual([{ n: 0 }]);
  }

  /** The rule and the figures with touchpoints pending, and again once folded. */
  async function expectExactBeforeAndAfterFold(): Promise<void> {
    expect((await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`))[0].n).toBeGreaterThan(0);
    await expectRollupsExact();
    await expectFiguresExact();
    await fold();
    await expectRollupsExact();
    await expectFiguresExact();
  }

  async function expectRollupsExact(): Promise<void> {
    const { strayOutboxRows, rollups, strayWords } = await rollupState(db);
    expect(strayOutboxRows).toEqual([]);
    expect(strayWords).toEqual([]);
    for (const { table, stored, defined } of rollups) expect({ table, rows: stored }).toEqual({ table, rows: defined });
  }

  async function expectFiguresExact(): Promise<void> {
    const callers: (Caller | null)[] = [null, ...colleagues.map((c) => ({ email: c.email, divisionId: c.divisionId }))];
    // The comparison must cover figures that are not trivially empty or zero.
    const seen = { news: 0, windows: 0, people: 0, planned: 0 };
    for (const asOf of INSTANTS) {
      for (const caller of callers) {
        const [exact] = await db.query(ORACLE_SQL, [accounts[0], caller?.email ?? null, caller?.divisionId ?? null, asOf]);
        const figures = await repository.figures(accounts[0], caller, { asOf });
        const { divisions: d, colleagues: c, news, myLastTouch } = figures;
        seen.news += news.length;
        // Without the people: the same figures, every stakeholder list empty.
        const lean = await repository.figures(accounts[0], caller, { asOf, people: false });
        expect(lean.divisions.every((x) => x.stakeholderIds.length === 0) && lean.colleagues.every((x) => x.stakeholderIds.length === 0)).toBe(true);
        const unnamed = <T extends { stakeholderIds: string[] }>(list: T[]) => list.map((x) => ({ ...x, stakeholderIds: [] }));
        expect({ ...lean, divisions: unnamed(lean.divisions), colleagues: unnamed(lean.colleagues) })
          .toEqual({ ...figures, divisions: unnamed(figures.divisions), colleagues: unnamed(figures.colleagues) });
        seen.windows += c.filter((x) => x.last90 > 0 && x.last365 > x.last90 && x.touchCount > x.last365).length;
        seen.people += c.filter((x) => x.stakeholderIds.length > 0).length + d.filter((x) => x.stakeholderIds.length > 0).length;
        seen.planned += d.filter((x) => x.nextPlannedTouch !== null).length;
        expect({ asOf, caller, ...instants({ d, c, news, myLastTouch }) }).toEqual({
          asOf, caller, ...instants({ d: exact.divisions, c: exact.colleagues, news: exact.news, myLastTouch: exact.myLastTouch }),
        });
      }
      const monthly = await repository.monthly(accounts[0], 30, asOf);
      const exactMonthly: { month: string; divisionId: string; count: number }[] = await db.query(
        `SELECT to_char(${MONTH('occurred_at')}, 'YYYY-MM') AS month, division_id AS "divisionId", count(*)::int AS count
           FROM touchpoint WHERE account_id = $1 AND occurred_at <= $2
            AND ${MONTH('occurred_at')} > (${MONTH('$2::timestamptz')} - interval '30 months')::date
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [accounts[0], asOf],
      );
      const counted = monthly.filter((m) => m.divisionId !== null).map(({ month, divisionId, count }) => ({ month, divisionId, count }));
      expect(counted.sort((a, b) => a.month.localeCompare(b.month) || a.divisionId!.localeCompare(b.divisionId!))).toEqual(exactMonthly);
      expect(new Set(monthly.map((m) => m.month)).size).toBe(30);
    }
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  }

  it('start empty and count batches of new touchpoints in, also several in one statement for one bucket', async () => {
    await expectRollupsExact();
    for (let batch = 0; batch < 4; batch++) await insert(Array.from({ length: 120 }, () => touchpoint(pick(accounts))));
    await expectExactBeforeAndAfterFold();
  });

  it('follow changed touchpoints: moved in time, other colleagues and people, another type; content-only changes count nothing', async () => {
    await change(`id IN (SELECT id FROM touchpoint ORDER BY id LIMIT 60)`, `occurred_at = occurred_at - interval '40 days'`);
    await change(`$1 = ANY(colleague_emails)`, `colleague_emails = array_remove(colleague_emails, $1), type = 'NOTE'`, [[emails[0], 'text']]);
    // Some pending, some counted, when the next change comes.
    await db.transaction((tx) => engagementRollups.foldPending(tx, { accounts: 1 }));
    await change(`NOT ($1::uuid = ANY(stakeholder_ids)) AND occurred_at > now() - interval '200 days'`, `stakeholder_ids = stakeholder_ids || $1::uuid`, [[people[7], 'uuid']]);
    await insert(Array.from({ length: 40 }, () => touchpoint(accounts[0])));
    await expectExactBeforeAndAfterFold();
    const before = await db.query(`SELECT * FROM engagement_month ORDER BY 1, 2, 3, 4`);
    await change('true', `subject = 'changed', version = version + 1`);
    await expectRollupsExact();
    await fold();
    await expectRollupsExact();
    expect(await db.query(`SELECT * FROM engagement_month ORDER BY 1, 2, 3, 4`)).toEqual(before);
  });

  it('follow a stakeholder merge (ids rewritten on touchpoints) and people resolved late', async () => {
    await db.query(`UPDATE stakeholder SET merged_into_id = $1 WHERE id = $2`, [people[1], people[2]]);
    await change(`$2::uuid = ANY(stakeholder_ids)`, `stakeholder_ids = array(SELECT DISTINCT unnest(array_replace(stakeholder_ids, $2::uuid, $1::uuid)))`, [[people[1], 'uuid'], [people[2], 'uuid']]);
    await change(`cardinality(stakeholder_ids) = 0`, `stakeholder_ids = ARRAY[$1::uuid]`, [[people[3], 'uuid']]);
    // A merged person whose id touchpoints still carry is shown as the survivor.
    await db.query(`UPDATE stakeholder SET merged_into_id = $1 WHERE id = $2`, [people[5], people[4]]);
    expect((await db.query(`SELECT count(*)::int AS n FROM touchpoint WHERE $1::uuid = ANY(stakeholder_ids)`, [people[4]]))[0].n).toBeGreaterThan(0);
    await expectExactBeforeAndAfterFold();
  });

  it('follow an account merge and its split (touchpoints move between accounts), and deletes', async () => {
    // Pending touchpoints of both accounts when they merge.
    await insert(Array.from({ length: 60 }, () => touchpoint(pick(accounts))));
    const moved: { id: string }[] = await db.transaction(async (tx) => {
      const ids = await tx.query(`WITH m AS (UPDATE touchpoint SET account_id = $1 WHERE account_id = $2 RETURNING id) SELECT * FROM m`, [accounts[0], accounts[1]]);
      await engagementRollups.moveAll(tx, accounts[1], accounts[0]);
      await timelineWords.move(tx, accounts[1], accounts[0], null);
      return ids;
    });
    expect(await db.query(`SELECT count(*)::int AS n FROM engagement_month WHERE account_id = $1`, [accounts[1]])).toEqual([{ n: 0 }]);
    await expectExactBeforeAndAfterFold();
    await change(`id = ANY($1::uuid[])`, `account_id = $2`, [[moved.map((m) => m.id), 'uuid[]'], [accounts[1], 'uuid']]);
    await deleteTouchpoints(db, `id IN (SELECT id FROM touchpoint ORDER BY occurred_at DESC LIMIT 25)`);
    await deleteTouchpoints(db, `account_id = $1 AND type = 'CALL'`, [accounts[1]]);
    await expectExactBeforeAndAfterFold();
  });

  it('count everything again from scratch after SQL that bypassed the writers (recountAll)', async () => {
    await db.query(INSERT, [JSON.stringify(Array.from({ length: 30 }, () => touchpoint(accounts[1])))]);
    await db.query(`UPDATE touchpoint SET type = 'EMAIL' WHERE id IN (SELECT id FROM touchpoint ORDER BY id LIMIT 20)`);
    await db.transaction((tx) => engagementRollups.recountAll(tx));
    expect(await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`)).toEqual([{ n: 0 }]);
    await expectRollupsExact();
    await expectFiguresExact();
  });

  it('stay exact when sessions add to, change and fold the same buckets at once', async () => {
    const other = await database.dataSource();
    const third = await database.dataSource();
    const rows = () => Array.from({ length: 200 }, () => ({ ...touchpoint(accounts[0]), division_id: divisions[0], type: 'CALL' }));
    const write = (ds: DataSource, batch: ReturnType<typeof rows>) => ds.transaction((tx) => insert(batch, tx));
    const folding = (ds: DataSource) => ds.transaction((tx) => engagementRollups.foldPending(tx));
    await Promise.all([
      write(db, rows()), write(other, rows()), folding(third), write(db, rows()), folding(other),
      change(`division_id = $1 AND type = 'CALL' AND occurred_at < now() - interval '300 days'`, `type = 'MEETING'`, [[divisions[0], 'uuid']], third),
      write(other, rows()), folding(third),
    ]);
    await expectRollupsExact();
    await fold();
    await expectRollupsExact();
    await other.destroy();
    await third.destroy();
  });

  it('fold on from the account after where the last fold stopped, and say where they stopped', async () => {
    const [low, high] = [...accounts].sort();
    await insert([touchpoint(low), touchpoint(high), touchpoint(high)]);
    const pendingOf = async (id: string) => (await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox WHERE account_id = $1`, [id]))[0].n;
    expect(await db.transaction((tx) => engagementRollups.foldPending(tx, { after: low }))).toEqual({ counted: 2, last: high });
    expect([await pendingOf(low), await pendingOf(high)]).toEqual([1, 0]);
    expect(await db.transaction((tx) => engagementRollups.foldPending(tx, { after: high }))).toEqual({ counted: 0, last: null });
    expect(await db.transaction((tx) => engagementRollups.foldPending(tx, { accounts: 1 }))).toEqual({ counted: 1, last: low });
    // A pass stopped by its row limit does not move on: the next one takes the same accounts again.
    await insert([touchpoint(high), touchpoint(high), touchpoint(high)]);
    expect(await db.transaction((tx) => engagementRollups.foldPending(tx, { rows: 2, after: low }))).toEqual({ counted: 2, last: low });
    expect(await db.transaction((tx) => engagementRollups.foldPending(tx, { rows: 2, after: low }))).toEqual({ counted: 1, last: high });
    await expectRollupsExact();
  });
});
