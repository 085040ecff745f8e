import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/demo/generator';
import { DESKTOP, describeInBrowser, launchChromium, openAccounts, seriousA11yViolations, signedInContext } from '../support/browser';
import { ingest } from '../support/ingest';
import { startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

const ADMIN_EMAIL = 'admin@ourcompany.example';

/** Fills in the sign-in page (labels exact: the password field's show/hide button mentions "password" too). */
async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

describeInBrowser('the web app in Chromium', () => {
  let hub: TestServer;
  let browser: Browser;
  /** The test's context: a fresh one for the sign-in page and for signing out, else the signed-in one of 'signed in as the demo admin'. */
  let context: BrowserContext;
  let signedIn: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    hub = await startTestServer({ demo: { accounts: 80, seed: 11 } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  afterEach(async () => {
    await page.close();
    if (context !== signedIn) await context.close();
  });

  it('sends an anonymous visitor to an accessible sign-in page, and back to the page asked for once signed in', async () => {
    // axe-core/playwright needs pages of an explicit context.
    context = await browser.newContext(DESKTOP);
    page = await context.newPage();
    await page.goto(`${hub.url}/accounts?search=acme`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/accounts?search=acme');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · OurCustomer');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await fillSignIn(page, ADMIN_EMAIL, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await fillSignIn(page, ADMIN_EMAIL, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/accounts');
    expect(pathOf(page)).toBe('/accounts?search=acme');
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.getByRole('banner').getByText('Hub Admin').waitFor();
  });

  describe('signed in as the demo admin', () => {
    // Signed in once, through the API (the sign-in page is the test above's); a page of its own per test.
    beforeAll(async () => {
      signedIn = await signedInContext(browser, hub.url, ADMIN_EMAIL, DEMO_PASSWORD);
    });
    beforeEach(async () => {
      context = signedIn!;
      page = await context.newPage();
      await openAccounts(page, hub.url);
    });

    it('lists accounts, searches as you type, opens an account; every page passes axe (WCAG 2.2 AA)', async () => {
      // Demo data goes through ingest: the hub's accounts, ids and names come from identity resolution.
      // A customer two or more divisions know, which matching put together exactly.
      const shared = hub.company!.accounts.find((a) => new Set(a.records.map((r) => r.divisionKey)).size >= 2 && hub.demoAccounts!.get(a.id)?.exact)!;
      const landed = hub.demoAccounts!.get(shared.id)!;
      const ds = await hub.database.dataSource();
      const [firstByName]: { name: string }[] = await ds.query(`SELECT name FROM account ORDER BY name_key, id LIMIT 1`);
      await ds.destroy();
      await page.goto(hub.url);
      await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
      await page.getByRole('link', { name: firstByName.name, exact: true }).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('searchbox', { name: 'Search accounts' }).fill(landed.name.split(' ')[0]);
      await page.waitForURL(/search=/);
      const link = page.getByRole('link', { name: landed.name, exact: true });
      await link.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await link.click();
      await page.getByRole('heading', { level: 1, name: landed.name }).waitFor();
      expect(page.url()).toContain(`/accounts/${landed.accountId}`);
      const body = await page.locator('main').innerText();
      for (const record of shared.records) expect(body).toContain(record.name);
      for (const key of new Set(shared.records.map((r) => r.divisionKey))) {
        expect(body).toContain(hub.company!.divisions.find((d) => d.key === key)!.name);
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    it('on a phone, every table that scrolls sideways is reachable by keyboard: the accounts list, an account page, the catalogue pass axe', async () => {
      const shared = hub.company!.accounts.find((a) => new Set(a.records.map((r) => r.divisionKey)).size >= 2 && hub.demoAccounts!.get(a.id)?.exact)!;
      const landed = hub.demoAccounts!.get(shared.id)!;
      await page.setViewportSize({ width: 390, height: 844 });
      /** Boxes in the page that scroll sideways and that no keyboard can focus (axe: scrollable-region-focusable). */
      const unreachable = () => page.locator('main').evaluate((main) => [...main.querySelectorAll<HTMLElement>('*')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.tabIndex < 0)
        .map((e) => e.querySelector('th')?.textContent ?? e.className));
      for (const path of ['/accounts', `/accounts/${landed.accountId}`, '/admin/critical-info']) {
        await page.goto(`${hub.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.locator('main table').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect({ path, unreachable: await unreachable() }).toEqual({ path, unreachable: [] });
        expect(await seriousA11yViolations(page)).toEqual([]);
      }
    });

    it('shows a clear not-found page for an unknown account, also accessible', async () => {
      await page.goto(`${hub.url}/accounts/00000000-0000-4000-8000-000000000000`);
      await page.getByRole('heading', { level: 1, name: 'Account not found' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    // Found by exploratory testing: a 200-character word in a name or subject made pages 1,600-2,100 px wide.
    it('wraps a very long unbroken name and subject instead of widening the page, on a desktop and on a phone', async () => {
      const word = `Longword${'x'.repeat(192)}`;
      const landed = await ingest(hub.client({ bearer: TEST_ADMIN_TOKEN }), { division: hub.company!.divisions[0].key, sourceSystem: 'long-words',
        accounts: [{ externalId: 'LONG', name: word, registryId: 'LONG-1' }],
        touchpoints: [{ externalId: 'LONG-T', accountExternalId: 'LONG', type: 'NOTE', occurredAt: '2026-01-05T10:00:00Z', subject: word }] });
      const accountId = landed.items[0].accountId!;
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${hub.url}/accounts?search=${word}`);
        await page.getByRole('link', { name: word }).waitFor();
        expect(await overflow()).toBeLessThanOrEqual(0);
        await page.goto(`${hub.url}/accounts/${accountId}`);
        await page.getByRole('heading', { level: 3, name: word }).waitFor();
        expect(await overflow()).toBeLessThanOrEqual(0);
      }
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

    it('shows who is signed in; "Sign out" ends the session', async () => {
      // Signing out ends the session: this test's own, not the one the others share.
      await page.close();
      context = await signedInContext(browser, hub.url, ADMIN_EMAIL, DEMO_PASSWORD);
      page = await context.newPage();
      await openAccounts(page, hub.url);
      const banner = page.getByRole('banner');
      const admin = hub.company!.colleagues.find((c) => c.email === ADMIN_EMAIL)!;
      await banner.getByText(admin.name, { exact: true }).waitFor();
      await banner.getByText(hub.company!.divisions.find((d) => d.key === admin.divisionKey)!.name, { exact: true }).waitFor();

      await banner.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

      // The session cookie is gone: the app sends the visitor to sign in again.
      await page.goto(`${hub.url}/accounts`);
      await page.waitForURL((url) => url.pathname === '/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/accounts');
    });
  });
});
