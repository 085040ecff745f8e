import { addDivision, useTestDatabase } from '../testing/database';
import { orderedId } from '../ingest/ordered-id';
import { accountCandidatesByKeys, keyCap, writeBlockingKeys } from './blocking';

/**
 * Batch blocking (one probe per distinct key of a batch) must find exactly the
 * candidates per-record probes find: per (record, key) the first `cap`
 * holders other than the record, by record id (time-ordered ids: the oldest
 * records first). The reference below is one probe per record and key.
 */
const PER_RECORD = `WITH mine AS (SELECT k.record_id, k.key FROM match_key k WHERE k.record_id = ANY($1::uuid[])),
  hits AS (
    SELECT DISTINCT m.record_id, h.record_id AS candidate FROM mine m
     CROSS JOIN LATERAL (SELECT k.record_id FROM match_key k WHERE k.key = m.key AND k.record_id <> m.record_id ORDER BY k.record_id
       LIMIT CASE WHEN m.key LIKE 'A|w:%' THEN 20 WHEN m.key LIKE 'A|s:%' THEN 8 WHEN m.key LIKE 'C|%|s:%' THEN 15 ELSE 40 END) h)
  SELECT record_id AS "recordId", candidate FROM hits`;

describe('accountCandidatesByKeys (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;

  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
  });

  /** Stores `n` account records and their keys: crowded words and Soundex codes, rarer names, a few quoted keys. */
  async function store(n: number, prefix: string): Promise<{ id: string; keys: string[] }[]> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, name, raw, content_hash, name_norm)
       SELECT $1, 'crm', $2 || g, 'x', '{}', '', 'x' FROM generate_series(1, $3) g RETURNING id`,
      [divisionId, prefix, n],
    );
    const records = rows.map(({ id }, i) => ({
      id,
      keys: [`A|w:word${i % 3}`, `A|s:S${i % 5}00`, `A|n:name ${i % 70}`, `A|d:d${i % 200}.example`, ...(i % 9 === 0 ? ['A|n:quote " and \\ back'] : [])],
    }));
    await writeBlockingKeys(db, records.map((r) => ({ ...r, fresh: true })));
    return records;
  }

  it('finds the same candidates as one probe per record and key, crowded keys capped the same way', async () => {
    await store(300, 'old-');
    const batch = await store(120, 'new-');
    const found = await accountCandidatesByKeys(db, batch);
    const reference: { recordId: string; candidate: string }[] = await db.query(PER_RECORD, [batch.map((r) => r.id)]);
    const expected = new Map(batch.map((r) => [r.id, new Set<string>()]));
    for (const { recordId, candidate } of reference) expected.get(recordId)!.add(candidate);
    for (const r of batch) {
      expect(new Set(found.get(r.id)!.map((c) => c.id))).toEqual(expected.get(r.id));
    }
    // Crowded keys really were capped, and candidates came through several keys at once.
    expect(reference.length).toBeGreaterThan(batch.length * 30);
  });

  // Ingest links new records before it stores them: their keys are written, their rows are not, and they must find each other.
  it('finds records whose keys are written but whose rows are not from their features in memory, in key order like stored ones', async () => {
    const stored = await store(5, 'kept-');
    const features = { nameNorm: 'unstored', domains: ['unstored.example'], registryId: null, phone: null, addressNorm: null, postalCode: null, legalForm: null };
    const fresh = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'].map((id) => ({ id, keys: ['A|n:unstored', stored[0].keys[3]] }));
    await writeBlockingKeys(db, fresh.map((r) => ({ ...r, fresh: true })));
    const unstored = new Map(fresh.map((r) => [r.id, { id: r.id, accountId: null, ...features }]));
    const found = await accountCandidatesByKeys(db, fresh, unstored);
    const [a, b] = fresh.map((r) => found.get(r.id)!);
    expect(a[0]).toBe(unstored.get(fresh[1].id));
    expect(b[0]).toBe(unstored.get(fresh[0].id));
    // Through the shared domain key: the stored holders, read from the table, after the unstored record first in record id order.
    expect(a.slice(1).every((c) => c.nameNorm === 'x')).toBe(true);
    expect(a.map((c) => c.id)).toContain(stored[0].id);
    // Without its features, a holder whose row is not stored is dropped, as a join would drop it.
    expect((await accountCandidatesByKeys(db, fresh)).get(fresh[0].id)!.map((c) => c.id)).not.toContain(fresh[1].id);
  });

  // Ingest probes before it writes a new batch's keys (it writes them while it scores): the same candidates, in the same order.
  it('finds for records whose keys are not written yet what it finds once they are, crowded keys capped the same way', async () => {
    const features = { nameNorm: 'y', domains: [], registryId: null, phone: null, addressNorm: null, postalCode: null, legalForm: null };
    // Keys of their own: the records stored above have random ids, which time-ordered ones need not follow.
    const keysOf = (i: number, batch: boolean) => [`A|w:mid${i % 2}`, `A|n:pair ${i % 40}`, ...(batch ? [`A|w:batch${i % 3}`] : []), `A|d:mid${i % 7}.example`];
    // Stored records first (ids time-ordered, as ingest makes them), a few holding the keys the batch crowds.
    const older = Array.from({ length: 30 }, (_, i) => ({ id: orderedId(), keys: keysOf(i, false) }));
    await db.query(
      `INSERT INTO source_account_record (id, division_id, source_system, external_id, name, raw, content_hash, name_norm)
       SELECT id, $1, 'crm', 'mid-' || id, 'x', '{}', '', 'x' FROM unnest($2::uuid[]) AS id`,
      [divisionId, older.map((r) => r.id)],
    );
    await writeBlockingKeys(db, older.map((r) => ({ ...r, fresh: true })));
    const batch = Array.from({ length: 90 }, (_, i) => ({ id: orderedId(), keys: keysOf(i, true) }));
    const unstored = new Map(batch.map((r) => [r.id, { id: r.id, accountId: null, ...features }]));
    const ids = (found: Map<string, { id: string }[]>) => batch.map((r) => found.get(r.id)!.map((c) => c.id));

    const unwritten = ids(await accountCandidatesByKeys(db, batch, unstored));
    await writeBlockingKeys(db, batch.map((r) => ({ ...r, fresh: true })));
    expect(unwritten).toEqual(ids(await accountCandidatesByKeys(db, batch, unstored)));
    // The batch's own records fill crowded keys past their cap, and stored ones come first.
    expect(unwritten[0].filter((id) => unstored.has(id)).length).toBeGreaterThan(20);
    expect(unwritten[0][0]).toBe(older[0].id);
  });

  // Another hub whose clock is behind (or records stored with random ids): the batch's ids are not all newer than the stored holders'.
  it('finds the same for unwritten records whose ids are older than stored holders of their keys', async () => {
    const features = { nameNorm: 'z', domains: [], registryId: null, phone: null, addressNorm: null, postalCode: null, legalForm: null };
    const keysOf = (i: number) => [`A|w:skew${i % 2}`, `A|n:skew ${i % 25}`];
    const batch = Array.from({ length: 40 }, (_, i) => ({ id: orderedId(), keys: keysOf(i) }));
    const newer = Array.from({ length: 30 }, (_, i) => ({ id: orderedId(), keys: keysOf(i) }));
    await db.query(
      `INSERT INTO source_account_record (id, division_id, source_system, external_id, name, raw, content_hash, name_norm)
       SELECT id, $1, 'crm', 'skew-' || id, 'x', '{}', '', 'x' FROM unnest($2::uuid[]) AS id`,
      [divisionId, newer.map((r) => r.id)],
    );
    await writeBlockingKeys(db, newer.map((r) => ({ ...r, fresh: true })));
    const unstored = new Map(batch.map((r) => [r.id, { id: r.id, accountId: null, ...features }]));
    const ids = (found: Map<string, { id: string }[]>) => batch.map((r) => found.get(r.id)!.map((c) => c.id));

    const unwritten = ids(await accountCandidatesByKeys(db, batch, unstored));
    await writeBlockingKeys(db, batch.map((r) => ({ ...r, fresh: true })));
    expect(unwritten).toEqual(ids(await accountCandidatesByKeys(db, batch, unstored)));
    // The crowded word key's 20 taken are the batch's own (older ids), none of the stored.
    expect(unwritten[0].filter((id) => unstored.has(id)).length).toBeGreaterThanOrEqual(20);
  });

  it('caps each kind of key as the per-record statement does', () => {
    expect([keyCap('A|w:acme'), keyCap('A|s:A250'), keyCap('A|n:acme'), keyCap('C|acc|s:S530'), keyCap('C|e:x@y.z')]).toEqual([20, 8, 40, 15, 40]);
  });

  it('stores keys with quotes and backslashes exactly as written', async () => {
    const [{ id }] = await db.query(
      `INSERT INTO source_account_record (division_id, source_system, external_id, name, raw, content_hash) VALUES ($1, 'crm', 'q', 'q', '{}', '') RETURNING id`,
      [divisionId],
    );
    const keys = ['A|n:say "hi"', 'A|n:back\\slash', 'A|n:a,b {c}', 'A|n:NULL'];
    await writeBlockingKeys(db, [{ id, keys, fresh: true }]);
    const stored: { key: string }[] = await db.query(`SELECT key FROM match_key WHERE record_id = $1 ORDER BY key`, [id]);
    expect(stored.map((s) => s.key)).toEqual([...keys].sort());
  });
});
