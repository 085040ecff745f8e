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
});
