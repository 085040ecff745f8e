import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { demoCriticalInfo } from '../demo/critical-info';
import { generateDemoCompany } from '../demo/generator';
import { loadDemoCompany } from '../demo/loader';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { LiveEvents } from '../live/live-events';
import { StakeholdersRepository } from '../stakeholders/stakeholders.repository';
import { useTestDatabase } from '../testing/database';
import { CriticalInfoCatalogue } from './catalogue';
import { fixedClock } from './clock';
import { CriticalInfoService } from './critical-info.service';
import { CriticalInfoStatus } from './status';
import { IdentityService } from '../identity/identity.service';
import { ingestBatch } from '../ingest/ingest.service';
import { heldOpen, waitingForALock } from '../testing/races';
import { criticalInfoSql } from './critical-info.repository';

describe('CriticalInfoService on the demo company (real PostgreSQL, injected clock)', () => {
  const db = useTestDatabase();
  let service: CriticalInfoService;
  const clock = fixedClock(new Date());
  const company = generateDemoCompany({ accounts: 60, seed: 9 });

  beforeAll(async () => {
    await loadDemoCompany(db, company);
    // No LISTEN connection here: the catalogue is read every time (see catalogue.spec.ts for the copy).
    const notListening = { listening: false, onChange: () => () => undefined } as unknown as LiveEvents;
    service = new CriticalInfoService(
      db, new AccountsRepository(db), new DivisionsRepository(db), new StakeholdersRepository(db), new AuditService(new AuditRepository(db)), clock, new CriticalInfoCatalogue(db, notListening),
    );
  }, 120_000);

  async function allViews() {
    const accounts: { id: string; lifecycleStage: never }[] = await db.query(`SELECT id, lifecycle_stage AS "lifecycleStage" FROM account WHERE merged_into_id IS NULL`);
    return service.views(accounts, clock.now(), false);
  }

  it('lands every demo value through ingest, with real-looking values, some stale, some missing, a few conflicts', async () => {
    const sent = demoCriticalInfo(company, new Date());
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM critical_info_assertion`);
    expect(n).toBe(sent.length);
    const statuses = (await allViews()).flatMap((v) => v.entries.map((e) => e.status));
    for (const status of [CriticalInfoStatus.OK, CriticalInfoStatus.STALE, CriticalInfoStatus.MISSING, CriticalInfoStatus.CONFLICT]) {
      expect(statuses.filter((s) => s === status).length).toBeGreaterThan(0);
    }
    const [buyers] = await db.query(`SELECT count(*)::int AS n FROM critical_info_assertion a JOIN critical_info_field f ON f.id = a.field_id AND f.key = 'economic_buyer'`);
    expect(buyers.n).toBeGreaterThan(0);
  });

  it('turns OK into STALE as the clock moves past the window, without sleeping', async () => {
    const view = (await allViews()).find((v) => v.entries.some((e) => e.status === CriticalInfoStatus.OK))!;
    const ok = view.entries.find((e) => e.status === CriticalInfoStatus.OK)!;
    const account = { id: view.id, lifecycleStage: view.stage };
    const later = new Date(ok.staleAt!.getTime() + 1000);
    const [before] = await service.views([account], new Date(ok.staleAt!.getTime() - 1000), false);
    const [after] = await service.views([account], later, false);
    expect(before.entries.find((e) => e.id === ok.id)!.status).toBe(CriticalInfoStatus.OK);
    expect(after.entries.find((e) => e.id === ok.id)!.status).toBe(CriticalInfoStatus.STALE);
    clock.set(later);
    expect((await service.forAccount(view.id))!.entries.find((e) => e.id === ok.id)!.status).toBe(CriticalInfoStatus.STALE);
    const questions = await service.questionsToAsk(view.id);
    expect(questions.find((q) => q.field.id === ok.field.id)).toMatchObject({ reason: CriticalInfoStatus.STALE, why: ok.field.whyCritical });
  });

  /** Two colleagues of two divisions, and accounts with people and no assertion of `fieldKey` yet. */
  async function twoDivisions(fieldKey: string, accounts: number) {
    const colleagues: { id: string; email: string; name: string; divisionId: string }[] = await db.query(
      `SELECT DISTINCT ON (division_id) id, email, name, division_id AS "divisionId" FROM colleague WHERE role = 'REP' ORDER BY division_id, id LIMIT 2`);
    // Managers: they may record values on any account (a rep only where their division deals with it), whichever accounts these are.
    const as = (c: (typeof colleagues)[number]) => ({ kind: 'colleague' as const, ...c, role: 'MANAGER' as never, sessionId: 's' });
    const ids: { id: string }[] = await db.query(
      `SELECT a.id FROM account a WHERE a.merged_into_id IS NULL AND (SELECT count(*) FROM stakeholder s WHERE s.account_id = a.id AND s.merged_into_id IS NULL) >= 2
          AND NOT EXISTS (SELECT 1 FROM critical_info_assertion x JOIN critical_info_field f ON f.id = x.field_id WHERE x.account_id = a.id AND f.key = $1)
        ORDER BY a.id LIMIT $2`, [fieldKey, accounts]);
    return { reps: colleagues.map(as), accounts: ids.map((r) => r.id) };
  }

  // Found by exploratory testing: two divisions naming two records of one person stayed a conflict after the people were merged.
  it('reads a value naming a person merged since as the person they are now: no conflict between two records of one person', async () => {
    const { reps: [a, b], accounts: [accountId] } = await twoDivisions('economic_buyer', 1);
    const [p, q]: { id: string }[] = await db.query(`SELECT id FROM stakeholder WHERE account_id = $1 AND merged_into_id IS NULL ORDER BY id LIMIT 2`, [accountId]);
    await service.assert(a, { accountId, fieldKey: 'economic_buyer', value: p.id });
    const after = await service.assert(b, { accountId, fieldKey: 'economic_buyer', value: q.id });
    expect(after.entry.status).toBe(CriticalInfoStatus.CONFLICT);
    await db.query(`UPDATE stakeholder SET merged_into_id = $1 WHERE id = $2`, [p.id, q.id]);
    const entry = (await service.forAccount(accountId))!.entries.find((e) => e.field.key === 'economic_buyer')!;
    expect(entry.status).toBe(CriticalInfoStatus.OK);
    await db.query(`UPDATE stakeholder SET merged_into_id = NULL WHERE id = $1`, [q.id]);
  });

  // Found by exploratory testing: asserted at the same moment, two different values both answered OK and no one was told.
  it('tells a conflict between two values asserted at the same moment, every time', async () => {
    const { reps: [a, b], accounts } = await twoDivisions('decision_process', 6);
    expect(accounts).toHaveLength(6);
    const outcomes = await Promise.all(accounts.map((accountId) => Promise.all([
      service.assert(a, { accountId, fieldKey: 'decision_process', value: 'The board signs' }),
      service.assert(b, { accountId, fieldKey: 'decision_process', value: 'The CFO alone signs' }),
    ])));
    for (const pair of outcomes) expect(pair.map((o) => o.entry.status)).toContain(CriticalInfoStatus.CONFLICT);
    const [{ n }] = await db.query(`SELECT count(DISTINCT account_id)::int AS n FROM notice WHERE kind = 'CRITICAL_INFO_CONFLICT' AND account_id = ANY($1::uuid[])`, [accounts]);
    expect(n).toBe(6);
  });

  // Reported last round, not fixed then: ingest wrote critical info without the field's lock, so a division's
  // system and a colleague asserting two values at one moment could each miss the other's and tell nobody.
  it('tells a conflict between a colleague\'s value and a division system\'s value sent at the same moment', async () => {
    clock.set(new Date());
    const { reps: [a], accounts: [accountId] } = await twoDivisions('decision_process', 1);
    const [record]: { divisionId: string; division: string; sourceSystem: string; externalId: string }[] = await db.query(
      `SELECT r.division_id AS "divisionId", d.key AS division, r.source_system AS "sourceSystem", r.external_id AS "externalId"
         FROM source_account_record r JOIN division d ON d.id = r.division_id
        WHERE r.account_id = $1 AND r.division_id <> $2 ORDER BY r.id LIMIT 1`, [accountId, a.divisionId]);
    const [field]: { id: string }[] = await db.query(`SELECT id FROM critical_info_field WHERE key = 'decision_process'`);
    // The colleague's assertion, as `assert` writes it, held uncommitted: it has taken the lock and
    // found no other value, so it raises no notice itself.
    const colleague = await heldOpen(db, async (tx) => {
      await criticalInfoSql.lockAccountField(tx, accountId, field.id);
      await criticalInfoSql.insertAssertions(tx, [{
        accountId, fieldId: field.id, value: 'The board signs', divisionId: a.divisionId, colleagueId: a.id, sourceTouchpointId: null, note: null, assertedAt: new Date(),
      }]);
    });
    const ingested = db.transaction((tx) => ingestBatch(tx, record.divisionId, record.sourceSystem, {
      division: record.division, sourceSystem: record.sourceSystem, criticalInfo: [{ accountExternalId: record.externalId, fieldKey: 'decision_process', value: 'The CFO alone signs' }],
    }));
    // Ingest waits for the lock; before the fix it finished at once, blind to the uncommitted value.
    await Promise.race([waitingForALock(db), ingested]);
    colleague.release();
    await colleague.committed;
    expect((await ingested).items[0].status).toBe('CREATED');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notice WHERE kind = 'CRITICAL_INFO_CONFLICT' AND account_id = $1`, [accountId]);
    expect(n).toBeGreaterThan(0);
  });

  // Found by exploratory testing: Net 30 at one account, Net 60 at the other, merged: a conflict nobody was told of.
  it('tells the owners and watchers of the survivor of a conflict a merge makes', async () => {
    clock.set(new Date());
    const { reps: [a, b], accounts: [survivor, merged] } = await twoDivisions('payment_terms', 2);
    await service.assert(a, { accountId: survivor, fieldKey: 'payment_terms', value: 'Net 30' });
    await service.assert(b, { accountId: merged, fieldKey: 'payment_terms', value: 'Net 60' });
    await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [survivor, a.id]);
    const conflictNotices = async () => (await db.query(
      `SELECT count(*)::int AS n FROM notice n JOIN critical_info_field f ON f.key = 'payment_terms' AND n.data->>'fieldLabel' = f.label
        WHERE n.kind = 'CRITICAL_INFO_CONFLICT' AND n.account_id = $1`, [survivor]))[0].n;
    expect(await conflictNotices()).toBe(0);
    const identity = new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), clock);
    await identity.merge({ kind: 'admin-token' }, survivor, merged, 'one customer', true);
    expect((await service.forAccount(survivor))!.entries.find((e) => e.field.key === 'payment_terms')!.status).toBe(CriticalInfoStatus.CONFLICT);
    expect(await conflictNotices()).toBeGreaterThan(0);
  });

  // Found in review: the merge read the values at the machine's "now" while everything else reads the hub's Clock.
  it('reads the conflicts a merge makes at the hub\'s Clock, not the machine\'s', async () => {
    // Two years ago by the hub's Clock: by the machine's, values said then are past payment terms' 365-day window, no conflict.
    clock.set(new Date(Date.now() - 2 * 365 * 86_400_000));
    const { reps: [a, b], accounts: [survivor, merged] } = await twoDivisions('payment_terms', 2);
    await service.assert(a, { accountId: survivor, fieldKey: 'payment_terms', value: 'Net 15' });
    const said = await service.assert(b, { accountId: merged, fieldKey: 'payment_terms', value: 'Net 90' });
    await db.query(`INSERT INTO account_watch (account_id, colleague_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [survivor, a.id]);
    const identity = new IdentityService(db, new AccountsRepository(db), new AuditService(new AuditRepository(db)), clock);
    await identity.merge({ kind: 'admin-token' }, survivor, merged, 'one customer', true);
    const told: { assertionIds: string[] }[] = await db.query(
      `SELECT n.data->'assertionIds' AS "assertionIds" FROM notice n JOIN critical_info_field f ON f.key = 'payment_terms' AND n.data->>'fieldLabel' = f.label
        WHERE n.kind = 'CRITICAL_INFO_CONFLICT' AND n.account_id = $1 AND n.colleague_id = $2`, [survivor, a.id]);
    expect(told).toHaveLength(1);
    expect(told[0].assertionIds).toHaveLength(2);
    expect(told[0].assertionIds).toContain(said.entry.current!.id);
    clock.set(new Date());
  });
});
