import { GraphQLError } from 'graphql';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountsService } from '../accounts/accounts.service';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/principal';
import { CriticalInfoCatalogue } from '../critical-info/catalogue';
import { fixedClock } from '../critical-info/clock';
import { CriticalInfoService } from '../critical-info/critical-info.service';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { LiveEvents } from '../live/live-events';
import { NoticesRepository } from '../notices/notices.repository';
import { NoticesService } from '../notices/notices.service';
import { StakeholdersRepository } from '../stakeholders/stakeholders.repository';
import { addDivision, useTestDatabase } from '../testing/database';
import { accountHierarchy } from '../testing/hierarchy';
import { heldOpen, waitingForALock } from '../testing/races';
import { accountMoves } from './account-moves.repository';

/**
 * A change naming an account a merge takes away while the change runs. Found in review: watchAccount and
 * assertCriticalInfo checked the account was live, then wrote, neither in one transaction nor under a lock; a merge
 * committing between the two moved the account's watches and assertions, and the write landed on the merged-away
 * account, where the survivor never shows it and no merge lists it. Each merge here is held open (uncommitted) on its
 * own connection, after it locked its accounts as merges do (accountMoves.lockAccounts) and moved everything; the
 * change then runs into it, and the merge commits.
 */
describe('a change racing a merge of its account (real PostgreSQL, two connections)', () => {
  const db = useTestDatabase();
  const { accounts } = accountHierarchy(db);
  let me: Principal & { kind: 'colleague' };
  let notices: NoticesService;
  let criticalInfo: CriticalInfoService;

  beforeAll(async () => {
    const [{ id: divisionId }] = await db.query(`SELECT id FROM division LIMIT 1`);
    const [{ id }] = await db.query(`INSERT INTO colleague (email, name, division_id, role) VALUES ('racer@ourco.example', 'Racer', $1, 'MANAGER') RETURNING id`, [divisionId]);
    me = { kind: 'colleague', id, email: 'racer@ourco.example', name: 'Racer', role: 'MANAGER' as never, divisionId, sessionId: 's' };
    notices = new NoticesService(new NoticesRepository(db), new AccountsService(new AccountsRepository(db)));
    const notListening = { listening: false, onChange: () => () => undefined } as unknown as LiveEvents;
    criticalInfo = new CriticalInfoService(
      db, new AccountsRepository(db), new DivisionsRepository(db), new StakeholdersRepository(db), new AuditService(new AuditRepository(db)),
      fixedClock(new Date()), new CriticalInfoCatalogue(db, notListening),
    );
  });

  /** `merged` merged into `survivor` on another connection, uncommitted until released. */
  const mergeHeldOpen = (survivor: string, merged: string) => heldOpen(db, async (tx) => {
    await accountMoves.lockAccounts(tx, [survivor, merged]);
    await accountMoves.absorb(tx, merged, survivor, 'one company', 'OURCUSTOMER_ADMIN_TOKEN');
  });

  /** Runs `change` into the merge held open: it waits for the merge, which then commits. Resolves to the change's refusal. */
  async function racingTheMerge(survivor: string, merged: string, change: () => Promise<unknown>) {
    const merge = await mergeHeldOpen(survivor, merged);
    const changed = change().then(() => null, (error: GraphQLError) => ({ message: error.message, ...error.extensions }));
    await waitingForALock(db);
    merge.release();
    await merge.committed;
    return changed;
  }

  it('refuses a watch of the account a merge takes away meanwhile, naming the survivor, and leaves no watch behind', async () => {
    const [survivor, merged] = await accounts('Harrowgate Ropes', 'Harrowgate Cordage');
    const refused = await racingTheMerge(survivor, merged, () => notices.watch(me, merged, true));
    expect(refused).toMatchObject({ code: 'CONFLICT', mergedIntoId: survivor, argument: 'input.accountId' });
    expect(await db.query(`SELECT account_id FROM account_watch WHERE colleague_id = $1 AND account_id = ANY($2::uuid[])`, [me.id, [merged, survivor]])).toEqual([]);
  });

  it('refuses an unwatch of the account a merge takes away meanwhile: the watch the merge moved stays, told', async () => {
    const [survivor, merged] = await accounts('Ingleby Pumps', 'Ingleby Valves');
    await notices.watch(me, merged, true);
    const refused = await racingTheMerge(survivor, merged, () => notices.watch(me, merged, false));
    expect(refused).toMatchObject({ code: 'CONFLICT', mergedIntoId: survivor });
    expect(await db.query(`SELECT account_id AS "accountId" FROM account_watch WHERE colleague_id = $1 AND account_id = ANY($2::uuid[])`, [me.id, [merged, survivor]]))
      .toEqual([{ accountId: survivor }]);
  });

  it('refuses critical info asserted for the account a merge takes away meanwhile, and writes none', async () => {
    const [survivor, merged] = await accounts('Jessop Castings', 'Jessop Foundry');
    const refused = await racingTheMerge(survivor, merged,
      () => criticalInfo.assert(me, { accountId: merged, fieldKey: 'payment_terms', value: 'Net 30' } as never));
    expect(refused).toMatchObject({ code: 'CONFLICT', mergedIntoId: survivor, argument: 'input.accountId' });
    expect(await db.query(`SELECT account_id FROM critical_info_assertion WHERE account_id = ANY($1::uuid[])`, [[merged, survivor]])).toEqual([]);
  });

  it('refuses the resolution of a conflict of the account a merge takes away meanwhile, and writes none', async () => {
    const [survivor, merged] = await accounts('Lorimer Glass', 'Lorimer Glazing');
    const serviceId = await addDivision(db, 'racing-service');
    const [{ id }] = await db.query(`INSERT INTO colleague (email, name, division_id, role) VALUES ('other@ourco.example', 'Other', $1, 'MANAGER') RETURNING id`, [serviceId]);
    const other: Principal = { kind: 'colleague', id, email: 'other@ourco.example', name: 'Other', role: 'MANAGER' as never, divisionId: serviceId, sessionId: 's' };
    await criticalInfo.assert(me, { accountId: merged, fieldKey: 'payment_terms', value: 'Net 30' } as never);
    await criticalInfo.assert(other, { accountId: merged, fieldKey: 'payment_terms', value: 'Net 60' } as never);
    const refused = await racingTheMerge(survivor, merged,
      () => criticalInfo.resolveConflict(me, { accountId: merged, fieldKey: 'payment_terms', value: 'Net 30', note: 'finance confirmed' } as never));
    expect(refused).toMatchObject({ code: 'CONFLICT', mergedIntoId: survivor, argument: 'input.accountId' });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM critical_info_assertion WHERE account_id = ANY($1::uuid[])`, [[merged, survivor]]);
    expect(n).toBe(2);
  });

  it('lets a watch that got there first move with the merge', async () => {
    const [survivor, merged] = await accounts('Kelso Looms', 'Kelso Weavers');
    // The watch holds the account (as a row it writes refers to it) until it commits: the merge waits, then moves it.
    const watched = await heldOpen(db, async (tx) => {
      await tx.query(`SELECT 1 FROM account WHERE id = $1 FOR KEY SHARE`, [merged]);
      await tx.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2)`, [merged, me.id]);
    });
    const merging = db.transaction(async (tx) => {
      await accountMoves.lockAccounts(tx, [survivor, merged]);
      await accountMoves.absorb(tx, merged, survivor, 'one company', 'OURCUSTOMER_ADMIN_TOKEN');
    });
    await waitingForALock(db);
    watched.release();
    await Promise.all([watched.committed, merging]);
    expect(await db.query(`SELECT account_id AS "accountId" FROM account_watch WHERE colleague_id = $1 AND account_id = ANY($2::uuid[])`, [me.id, [merged, survivor]]))
      .toEqual([{ accountId: survivor }]);
  });
});
