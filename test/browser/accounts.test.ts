import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, seriousA11yViolations } from '../support/browser';
import { startTestServer, TestServer } from '../support/server';

describeInBrowser('the web app in Chromium', () => {
  let hub: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    hub = await startTestServer({ demo: { accounts: 80, seed: 11 } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  beforeEach(async () => {
    // axe-core/playwright needs pages of an explicit context.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('lists accounts, searches as you type, opens an account; every page passes axe (WCAG 2.2 AA)', async () => {
    const shared = hub.company!.accounts.find((a) => new Set(a.records.map((r) => r.divisionKey)).size >= 2)!;
    await page.goto(hub.url);
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.getByRole('link', { name: hub.company!.accounts.map((a) => a.name).sort((a, b) => a.localeCompare(b))[0] }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('searchbox', { name: 'Search accounts' }).fill(shared.name.split(' ')[0]);
    await page.waitForURL(/search=/);
    const link = page.getByRole('link', { name: shared.name, exact: true });
    await link.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await link.click();
    await page.getByRole('heading', { level: 1, name: shared.name }).waitFor();
    expect(page.url()).toContain(`/accounts/${shared.id}`);
    const body = await page.locator('main').innerText();
    for (const record of shared.records) expect(body).toContain(record.name);
    for (const key of new Set(shared.records.map((r) => r.divisionKey))) {
      expect(body).toContain(hub.company!.divisions.find((d) => d.key === key)!.name);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows a clear not-found page for an unknown account, also accessible', async () => {
    await page.goto(`${hub.url}/accounts/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Account not found' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('loads more accounts as the list scrolls (Relay pages)', async () => {
    await page.goto(`${hub.url}/accounts`);
    const rows = page.locator('main a[href^="/accounts/"]');
    await rows.first().waitFor();
    const before = await rows.count();
    await page.getByRole('button', { name: /load more/i }).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll('main a[href^="/accounts/"]').length > n, before);
    expect(await rows.count()).toBeGreaterThan(before);
  });
});
