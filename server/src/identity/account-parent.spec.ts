import { useTestDatabase } from '../testing/database';
import { accountHierarchy } from '../testing/hierarchy';
import { heldOpen, waitFor } from '../testing/races';

/**
 * setAccountParent: a person corrects where matching hung an account in its group (or clears it). Found by
 * exploratory testing: nothing could, so "Grumbleford Group plc" stayed the child of its own subsidiary.
 */
describe('setting and clearing the parent of an account (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const { admin, identity, setParent, parentOf, accounts, failure } = accountHierarchy(db);

  it('sets the parent, keeps who decided it and when, and puts before and after on the audit trail', async () => {
    const [plc, services] = await accounts('Grumbleford Group plc', 'Grumbleford Services Ltd');
    const { account, parent } = await setParent(services, plc, 'the plc owns the services company');
    expect(account).toMatchObject({ id: services, parentId: plc, parentSetBy: 'OURCUSTOMER_ADMIN_TOKEN', parentDecidedAt: expect.any(Date) });
    expect(parent).toMatchObject({ id: plc, name: 'Grumbleford Group plc' });
    const [entry] = await db.query(`SELECT actor_kind, before, after FROM audit_event WHERE action = 'SET_ACCOUNT_PARENT' AND target_id = $1`, [services]);
    expect(entry).toEqual({
      actor_kind: 'ADMIN_TOKEN', before: { parentId: null, parentSetBy: null, parentDecidedAt: null },
      after: { parentId: plc, parentSetBy: 'OURCUSTOMER_ADMIN_TOKEN', reason: 'the plc owns the services company' },
    });

    const cleared = await setParent(services, null, 'sold off');
    expect(cleared).toMatchObject({ account: { id: services, parentId: null }, parent: null });
    const [second] = await db.query(`SELECT before, after FROM audit_event WHERE action = 'SET_ACCOUNT_PARENT' AND target_id = $1 ORDER BY id DESC LIMIT 1`, [services]);
    expect(second.before).toMatchObject({ parentId: plc, parentSetBy: 'OURCUSTOMER_ADMIN_TOKEN' });
    expect(second.after).toEqual({ parentId: null, parentSetBy: 'OURCUSTOMER_ADMIN_TOKEN', reason: 'sold off' });
  });

  // Found in the team's notes: the parent it already had, set again, recorded a new decision and audit entry each time.
  it('answers without writing anything when a person already decided the parent asked for, and says nothing changed', async () => {
    const [group, plant, loose] = await accounts('Tamsin Group', 'Tamsin Plant Ltd', 'Tamsin Loose Ends');
    const decided = async (id: string) => (await db.query(
      `SELECT parent_id AS "parentId", parent_set_by AS "by", parent_decided_at AS "at", updated_at AS "updatedAt" FROM account WHERE id = $1`, [id]))[0];
    const audited = async (id: string) => (await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'SET_ACCOUNT_PARENT' AND target_id = $1`, [id]))[0].n;

    expect(await setParent(plant, group, 'the group owns the plant')).toMatchObject({ changed: true, account: { id: plant, parentId: group } });
    const first = await decided(plant);
    const again = await setParent(plant, group.toUpperCase(), 'checked again');
    expect(again).toMatchObject({ changed: false, account: { id: plant, parentId: group, parentDecidedAt: first.at }, parent: { id: group } });
    expect(await decided(plant)).toEqual(first);
    expect(await audited(plant)).toBe(1);

    // Cleared by a person, cleared again: nothing more either.
    expect(await setParent(loose, null, 'independent')).toMatchObject({ changed: true });
    const cleared = await decided(loose);
    expect(await setParent(loose, null, 'still independent')).toMatchObject({ changed: false, account: { id: loose, parentId: null }, parent: null });
    expect(await decided(loose)).toEqual(cleared);
    expect(await audited(loose)).toBe(1);

    // Where matching hung it (no person's decision), the same parent set by a person is one: matching never moves it again.
    await db.query(`UPDATE account SET parent_id = $2, parent_set_by = NULL, parent_decided_at = NULL WHERE id = $1`, [plant, group]);
    expect(await setParent(plant, group, 'confirmed by hand')).toMatchObject({ changed: true, account: { parentSetBy: 'OURCUSTOMER_ADMIN_TOKEN', parentDecidedAt: expect.any(Date) } });
    expect(await audited(plant)).toBe(2);
  });

  it('refuses the account as its own parent, ids that are none, unknown accounts, and a blank reason', async () => {
    const [a] = await accounts('Pellucid Mills');
    expect(await failure(setParent(a, a))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    expect(await failure(setParent('nope', null))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.accountId' });
    expect(await failure(setParent(a, 'nope'))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    expect(await failure(setParent(a, '00000000-0000-4000-8000-000000000000'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(setParent('00000000-0000-4000-8000-000000000000', a))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(setParent(a, null, '  '))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.reason' });
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1`, [a])).toEqual([{ n: 0 }]);
  });

  it('refuses an account merged away, naming its survivor as mergeAccounts does', async () => {
    const [survivor, merged, other] = await accounts('Quenby Tiles', 'Larkspur Optics', 'Mercer Holdings');
    await identity().merge(admin, survivor, merged, 'one customer');
    expect(await failure(setParent(merged, other))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`merged into ${survivor}; use that account`) });
    expect(await failure(setParent(other, merged))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`merged into ${survivor}`) });
  });

  it('refuses a parent below the account in its group: a loop, told with the chain', async () => {
    const [top, middle, bottom] = await accounts('Ravel Group', 'Ravel Freight', 'Ravel Depots');
    await setParent(middle, top);
    await setParent(bottom, middle);
    const refused = await failure(setParent(top, bottom));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    expect(refused!.message).toContain('"Ravel Depots" → "Ravel Freight" → "Ravel Group"');
    expect(await parentOf(top)).toBeNull();
  });

  /** Both calls wait behind a transaction holding the accounts, then run at once on their own connections. */
  async function atOnce(locked: string[], calls: (() => Promise<unknown>)[]) {
    const holder = await heldOpen(db, async (tx) => { await tx.query(`SELECT id FROM account WHERE id = ANY($1::uuid[]) FOR UPDATE`, [locked]); });
    const running = calls.map((call) => failure(call()));
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))[0].n >= calls.length);
    holder.release();
    await holder.committed;
    return Promise.all(running);
  }

  it('of two changes at once, A under B and B under A, lets one through and refuses the other: no loop', async () => {
    const [a, b] = await accounts('Sorrel Pumps', 'Brightwater Valves');
    const outcomes = await atOnce([a, b], [() => setParent(a, b), () => setParent(b, a)]);
    expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    expect(outcomes.find((o) => o !== null)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId', message: expect.stringContaining('loop') });
    expect([await parentOf(a), await parentOf(b)].filter((p) => p !== null)).toHaveLength(1);
  });

  it('of two changes at once that close a longer loop (X under Y above U, U under V above X), refuses one', async () => {
    const [x, y, u, v] = await accounts('Tamsin Looms', 'Yardley Copper', 'Ulverston Glass', 'Vantage Rope');
    await setParent(y, u);
    await setParent(v, x);
    // Neither change alone makes a loop; each reads a chain the other changes: X under Y (Y → U), U under V (V → X).
    const outcomes = await atOnce([x, y, u, v], [() => setParent(x, y), () => setParent(u, v)]);
    expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    expect(outcomes.find((o) => o !== null)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.parentId' });
    const loops: unknown[] = await db.query(
      `WITH RECURSIVE up AS (SELECT id AS start, parent_id AS id, 1 AS depth FROM account WHERE id = ANY($1::uuid[])
                             UNION ALL SELECT up.start, a.parent_id, up.depth + 1 FROM up JOIN account a ON a.id = up.id WHERE up.depth < 10)
       SELECT start FROM up WHERE id = start`, [[x, y, u, v]]);
    expect(loops).toEqual([]);
  });

  it('keeps a person\'s parent through a merge of the parent (the child follows to the survivor) and the split undoing it', async () => {
    const [parent, child, survivor] = await accounts('Umber Kiln Group', 'Umber Kiln Services', 'Umber Kiln Holdings');
    await setParent(child, parent);
    const records: { id: string }[] = await db.query(`SELECT id FROM source_account_record WHERE account_id = $1`, [parent]);
    await identity().merge(admin, survivor, parent, 'one company');
    expect(await parentOf(child)).toBe(survivor);
    await identity().split(admin, survivor, records.map((r) => r.id), 'two companies after all');
    expect(await parentOf(child)).toBe(parent);
    expect(await db.query(`SELECT parent_set_by FROM account WHERE id = $1`, [child])).toEqual([{ parent_set_by: 'OURCUSTOMER_ADMIN_TOKEN' }]);
  });
});
