import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { COLLEAGUE_PASSWORD, newColleague } from '../support/colleagues';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInThroughPage } from '../support/browser';
import { ingest, startIngestHub } from '../support/ingest';
import { TestServer } from '../support/server';

const MANAGER_EMAIL = 'mona.manager@ourcompany.example';

describeInBrowser('match reviews in Chromium', () => {
  jest.setTimeout(90_000);
  let hub: TestServer;
  let db: DataSource;
  let close: () => Promise<void>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    let admin;
    ({ hub, db, admin, close } = await startIngestHub('exhibits', 'logistics'));
    await newColleague(hub, { email: MANAGER_EMAIL, division: 'exhibits', role: 'MANAGER' });
    // Two spellings of one customer that matching is not sure of (close names, different phones)…
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'nw', name: 'Northwind Traders', phone: '+1 555 010 1111' }] });
    await ingest(admin, { division: 'logistics', sourceSystem: 'sap', accounts: [{ externalId: '77', name: 'Northwind Trader', phone: '+1 555 010 2222', website: 'northwind-trader.example' }] });
    // …and two people of one surname whose addresses differ only by their first names.
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'danvia', name: 'Danvia Foods', website: 'danvia.co.uk' }] });
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', contacts: [{ externalId: 'c', accountExternalId: 'danvia', name: 'Clara Bakker', emails: ['clara.bakker@danvia.co.uk'] }] });
    await ingest(admin, { division: 'exhibits', sourceSystem: 'crm', contacts: [{ externalId: 'l', accountExternalId: 'danvia', name: 'Laura Bakker', emails: ['laura.bakker@danvia.co.uk'] }] });
    const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM match_review WHERE status = 'OPEN'`);
    expect(open).toBe(2);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInThroughPage(page, hub.url, MANAGER_EMAIL, COLLEAGUE_PASSWORD);
  });
  afterEach(() => context.close());

  it('lets a manager decide both kinds of review, with a reason kept in the audit trail; the page passes axe', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Match reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Match reviews' }).waitFor();
    await page.getByText('2 pairs waiting').waitFor();
    const customers = page.getByRole('listitem', { name: 'Northwind Trader and Northwind Traders' });
    await customers.getByText('northwind-trader.example').waitFor();
    expect(await customers.getByRole('table').innerText()).toMatch(/Name\s+close\s+\+\d+\.\d/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await customers.getByLabel('Reason (optional)').fill('Same delivery address on both systems');
    await customers.getByRole('button', { name: 'Same customer' }).click();
    const merged = customers.getByRole('status');
    await merged.getByText('Decided: same customer').waitFor();
    await merged.getByRole('link', { name: 'Northwind Traders' }).waitFor();

    const people = page.getByRole('listitem', { name: 'Laura Bakker and Clara Bakker' });
    await people.getByRole('button', { name: 'Different people' }).click();
    await people.getByRole('status').getByText('They stay apart and will not be linked automatically again.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const decided = await db.query(`SELECT kind, status FROM match_review ORDER BY kind`);
    expect(decided).toEqual([{ kind: 'ACCOUNT', status: 'SAME' }, { kind: 'STAKEHOLDER', status: 'DIFFERENT' }]);
    const [audit] = await db.query(`SELECT actor_label, after->>'reason' AS reason FROM audit_event WHERE action = 'RESOLVE_MATCH_REVIEW' AND after->>'decision' = 'SAME'`);
    expect(audit).toEqual({ actor_label: MANAGER_EMAIL, reason: 'Same delivery address on both systems' });
    const [{ accounts }] = await db.query(`SELECT count(DISTINCT account_id)::int AS accounts FROM source_account_record WHERE external_id IN ('nw', '77')`);
    expect(accounts).toBe(1);

    // The merged account opens from the outcome; back on the queue, nothing waits.
    await merged.getByRole('link', { name: 'Northwind Traders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders' }).waitFor();
    await page.goto(`${hub.url}/match-reviews`);
    await page.getByText('Nothing to review').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
