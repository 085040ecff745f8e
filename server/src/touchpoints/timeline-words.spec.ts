import { DataSource } from 'typeorm';
import { engagementRollups } from '../engagement/rollups';
import { writeTouchpoints } from '../ingest/activity-writer';
import { TouchpointType } from '../ingest/ingest.types';
import { addAccountRecord, addAccounts, addDivision, foldEngagement, useTestDatabase } from '../testing/database';
import { Explained, explaining, scansOf } from '../testing/plans';
import { rollupState } from '../testing/rollups';
import { TimelineQuery, TimelineRepository } from './timeline.repository';

/**
 * The word filter over the timeline's word index (timeline-words.ts): the
 * same answers for touchpoints pending (no words yet, text read on the fly)
 * and folded (words through the index), pages across both, and plans that
 * read one account's entries of the index.
 */
describe('the timeline filtered by words (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let timeline: TimelineRepository;
  let sales: string;
  let service: string;

  beforeAll(async () => {
    timeline = new TimelineRepository(db);
    sales = await addDivision(db, 'sales');
    service = await addDivision(db, 'service');
  });

  async function accountWithRecord(externalId: string): Promise<{ accountId: string; records: Map<string, { recordId: string; accountId: string }> }> {
    const [accountId] = await addAccounts(db, 1);
    const id = await addAccountRecord(db, sales, externalId, accountId);
    return { accountId, records: new Map([[externalId, { recordId: id, accountId }]]) };
  }

  const pendingCount = async () => (await db.query(`SELECT count(*)::int AS n FROM touchpoint_outbox`))[0].n as number;
  const externalIds = async (q: TimelineQuery) => (await timeline.page(q)).map((t) => t.externalId);

  it('finds a touchpoint by its words while it is pending and once folded; a new text is found by its new words only', async () => {
    const { accountId, records } = await accountWithRecord('A1');
    const call = (subject: string, summary?: string) => ({
      externalId: 'T1', accountExternalId: 'A1', type: TouchpointType.CALL, occurredAt: new Date('2025-03-01T09:00:00Z'), subject, summary,
    });
    const search = (text: string) => externalIds({ accountId, limit: 10, text, readsConfidentialOf: 'ALL' });
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', [call('Budget planning', 'They plan to renew')], records));
    expect(await pendingCount()).toBe(1);
    // Stemmed as the index is: "budgets" finds "Budget", "renewal" does not find "renew" (another stem), "plans" finds "planning".
    expect([await search('budgets'), await search('plans'), await search('tender')]).toEqual([['T1'], ['T1'], []]);
    await foldEngagement(db);
    expect(await pendingCount()).toBe(0);
    expect([await search('budgets'), await search('plans'), await search('tender')]).toEqual([['T1'], ['T1'], []]);

    // Its system rewrites the notes: the words follow at once (no fold needed), and the old ones find nothing.
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', [call('Tender for the new hall')], records));
    expect(await pendingCount()).toBe(0);
    expect([await search('budget'), await search('tender hall')]).toEqual([[], ['T1']]);
    const { strayWords } = await rollupState(db);
    expect(strayWords).toEqual([]);
  });

  it('finds words with or without their accents, pending or folded: "cafe" finds "Café", "Müller" finds "Muller"', async () => {
    const { accountId, records } = await accountWithRecord('A5');
    const meeting = (externalId: string, subject: string) => ({
      externalId, accountExternalId: 'A5', type: TouchpointType.MEETING, occurredAt: new Date('2025-04-01T09:00:00Z'), subject,
    });
    const search = (text: string) => externalIds({ accountId, limit: 10, text, readsConfidentialOf: 'ALL' });
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', [
      meeting('T-accented', 'Übernahme der Logistik für Café Müller'), meeting('T-plain', 'Lunch at Cafe Muller with São Paulo team'),
    ], records));
    const expectations = async () => [
      await search('cafe'), await search('Café'), await search('Muller'), await search('müller'), await search('ubernahme'), await search('Sao Paulo'), await search('paolo'),
    ];
    const found = [['T-plain', 'T-accented'], ['T-plain', 'T-accented'], ['T-plain', 'T-accented'], ['T-plain', 'T-accented'], ['T-accented'], ['T-plain'], []];
    expect((await expectations()).map((ids) => ids.sort())).toEqual(found.map((ids) => ids.sort()));
    await foldEngagement(db);
    expect(await pendingCount()).toBe(0);
    expect((await expectations()).map((ids) => ids.sort())).toEqual(found.map((ids) => ids.sort()));
  });

  it('pages through folded and pending touchpoints in one order, each once', async () => {
    const { accountId, records } = await accountWithRecord('A2');
    const meeting = (n: number) => ({
      externalId: `M${n}`, accountExternalId: 'A2', type: TouchpointType.MEETING,
      occurredAt: new Date(Date.UTC(2025, 0, 1 + n)), subject: n % 3 === 0 ? `Stand design ${n}` : `Catering ${n}`,
    });
    // Every third a stand; the older half folded, the newer half pending, and a pending new version of a folded one.
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', Array.from({ length: 20 }, (_, i) => meeting(i)), records));
    await foldEngagement(db);
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', Array.from({ length: 20 }, (_, i) => meeting(20 + i)), records));
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', [{ ...meeting(4), subject: 'Stand lighting', occurredAt: new Date(Date.UTC(2025, 0, 25, 12)) }], records));
    expect(await pendingCount()).toBeGreaterThan(20);

    const seen: string[] = [];
    let after: TimelineQuery['after'];
    for (;;) {
      const rows = await timeline.page({ accountId, limit: 3, after, text: 'stands', readsConfidentialOf: 'ALL' });
      seen.push(...rows.slice(0, 3).map((r) => r.externalId));
      if (rows.length <= 3) break;
      const last = rows[2];
      after = { occurredAt: last.sortKey, id: last.id };
    }
    const stands = [...Array.from({ length: 40 }, (_, n) => n).filter((n) => n % 3 === 0), 4].map((n) => `M${n}`);
    const newestFirst = (id: string) => (id === 'M4' ? 24.5 : Number(id.slice(1)));
    expect(seen).toEqual(stands.sort((a, b) => newestFirst(b) - newestFirst(a)));
  });

  it('searches confidential text only for those who may read it, pending or folded', async () => {
    const { accountId, records } = await accountWithRecord('A3');
    await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', [{
      externalId: 'C1', accountExternalId: 'A3', type: TouchpointType.ORDER, occurredAt: new Date('2025-05-01T09:00:00Z'), subject: 'Discount agreed', confidential: true,
    }], records));
    const asDivision = (divisionId: string) => externalIds({ accountId, limit: 10, text: 'discount', readsConfidentialOf: { divisionId } });
    const before = [await asDivision(sales), await asDivision(service), await externalIds({ accountId, limit: 10, text: 'discount', readsConfidentialOf: 'ALL' })];
    expect(before).toEqual([['C1'], [], ['C1']]);
    await foldEngagement(db);
    expect([await asDivision(sales), await asDivision(service), await externalIds({ accountId, limit: 10, text: 'discount', readsConfidentialOf: 'ALL' })]).toEqual(before);
  });

  describe('plans on a filled table', () => {
    let big: string;
    beforeAll(async () => {
      // 4,000 touchpoints at one account and 2,000 at each of 18 others, as a hub of many accounts has them: "tender"
      // on every other one elsewhere and on two here, "pavilion" only on those two; "stand" on half of those here.
      const [here, ...others] = await addAccounts(db, 19);
      big = here;
      await db.query(
        `INSERT INTO touchpoint (account_id, division_id, source_system, external_id, source_account_record_id, type, occurred_at, subject, content_hash)
         SELECT a.id, $3, 'bulk', a.n || '-' || g, gen_random_uuid(), 'MEETING', timestamptz '2025-01-01' - g * interval '1 hour',
                CASE WHEN a.n > 1 AND g % 2 = 0 THEN 'tender review' WHEN a.n = 1 AND g IN (17, 2017) THEN 'tender opens at the pavilion'
                     WHEN a.n = 1 AND g % 2 = 0 THEN 'stand design' ELSE 'catering' END, 'h'
           FROM (SELECT $1::uuid AS id, 1 AS n, 4000 AS size UNION ALL SELECT o, 1 + i, 2000 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(o, i)) a,
                generate_series(1, a.size) g`,
        [here, others, sales],
      );
      // Loaded around the writers: counted and given words as after a bulk load (rollups.ts, recountAll).
      await db.transaction((tx) => engagementRollups.recountAll(tx));
      // Vacuumed, as autovacuum does after such a load: the index's pending entries (fastupdate) merged into it.
      await db.query(`VACUUM (ANALYZE) touchpoint, touchpoint_words`);
    });

    async function plan(text: string): Promise<string> {
      const sent = { sql: '', parameters: [] as unknown[] };
      const standIn = { query: async (sql: string, parameters: unknown[]) => Object.assign(sent, { sql, parameters }) && [] };
      await new TimelineRepository(standIn as unknown as DataSource).page({ accountId: big, limit: 50, text, readsConfidentialOf: 'ALL' });
      // A few thousand rows fit in a few pages, which PostgreSQL rightly reads whole: what is asked here is which index
      // serves the page when the table is too big for that (the default bench profile's plans are in bench/results).
      return db.transaction(async (tx) => {
        await tx.query(`SET LOCAL enable_seqscan = off`);
        const rows: { 'QUERY PLAN': string }[] = await tx.query(`EXPLAIN ${sent.sql}`, sent.parameters);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }

    it('writes the words of new touchpoints by one probe each, not by reading every touchpoint the hub holds', async () => {
      // Found measuring the fold's CPU: joined to the outbox rows it deleted, the words were planned as a Seq Scan of
      // `touchpoint` anti-joined to `touchpoint_words` (a probe per touchpoint held), then merged with the few new ones.
      const { accountId, records } = await accountWithRecord('A-FOLD');
      // A second's worth of touchpoints against the 40,000 held (the old plan's hash join read them all at this ratio).
      const meetings = Array.from({ length: 2000 }, (_, i) => ({
        externalId: `F${i}`, accountExternalId: 'A-FOLD', type: TouchpointType.MEETING, occurredAt: new Date(Date.UTC(2025, 2, 1, 0, i)),
        subject: i % 100 === 0 ? `kiosk visit ${i}` : `stand visit ${i}`,
      }));
      await db.transaction((tx) => writeTouchpoints(tx, sales, 'crm', meetings, records));
      // As autovacuum's ANALYZE sees the outbox after such a burst.
      await db.query(`ANALYZE touchpoint_outbox`);
      const plans: Explained[] = [];
      while ((await db.transaction((tx) => engagementRollups.foldPending(explaining(tx, (p) => plans.push(p), /touchpoint_words/)))).counted > 0);
      expect(plans.length).toBeGreaterThan(0);
      for (const { plan: folded } of plans) {
        const scans = scansOf(folded).filter((x) => x.relation === 'touchpoint' || x.relation === 'touchpoint_words');
        expect(scans.filter((x) => x.type === 'Seq Scan')).toEqual([]);
      }
      expect(await externalIds({ accountId, limit: 50, text: 'kiosk', readsConfidentialOf: 'ALL' })).toHaveLength(20);
      expect((await db.query(`SELECT count(*)::int AS n FROM touchpoint_words WHERE account_id = $1`, [accountId]))[0].n).toBe(2000);
      expect((await rollupState(db)).strayWords).toEqual([]);
    });

    it('finds a rare word through the account\'s entries of touchpoint_words_idx', async () => {
      expect(await plan('pavilion')).toMatch(/Bitmap Index Scan on touchpoint_words_idx.*\n\s+Index Cond: \(\(account_id = '[0-9a-f-]+'::uuid\) AND \(words @@ /);
      expect(await externalIds({ accountId: big, limit: 50, text: 'pavilion', readsConfidentialOf: 'ALL' })).toEqual(['1-17', '1-2017']);
    });

    it('reads only the account\'s words for a word common elsewhere or here, then a page of touchpoints by key, never the account\'s timeline', async () => {
      for (const word of ['tender', 'stand']) {
        const plain = await plan(word);
        expect(plain).toMatch(/Bitmap Index Scan on touchpoint_words_(idx|pkey).*\n\s+Index Cond: \(+account_id = '[0-9a-f-]+'::uuid\)/);
        expect(plain).toMatch(/Index Scan using touchpoint_pkey on touchpoint t\b/);
        expect(plain).not.toMatch(/touchpoint_timeline_idx/);
      }
      expect(await externalIds({ accountId: big, limit: 50, text: 'tender', readsConfidentialOf: 'ALL' })).toEqual(['1-17', '1-2017']);
      expect(await externalIds({ accountId: big, limit: 50, text: 'stands', readsConfidentialOf: 'ALL' })).toEqual(
        Array.from({ length: 51 }, (_, i) => `1-${2 * (i + 1)}`));
    });
  });
});
