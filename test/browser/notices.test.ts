import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/demo/generator';
import { describeInBrowser, launchChromium, openAccounts, seriousA11yViolations, signedInContext } from '../support/browser';
import { ingest } from '../support/ingest';
import { startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

const ADMIN_EMAIL = 'admin@ourcompany.example';

describeInBrowser('notices in two tabs of Chromium', () => {
  let hub: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    hub = await startTestServer({ demo: { accounts: 12, seed: 5 } });
    browser = await launchChromium();
    // The admin watches a customer another division knows too; that division's touch raises a notice for them.
    const company = hub.company!;
    const admin = company.colleagues.find((c) => c.email === ADMIN_EMAIL)!;
    const customer = company.accounts.find((a) => a.records.some((r) => r.divisionKey !== admin.divisionKey) && hub.demoAccounts!.get(a.id)?.exact)!;
    const record = customer.records.find((r) => r.divisionKey !== admin.divisionKey)!;
    const asAdmin = await hub.signIn(ADMIN_EMAIL);
    const watched = await asAdmin('mutation($id: ID!) { watchAccount(input: { accountId: $id }) { watching } }', { id: hub.demoAccounts!.get(customer.id)!.accountId });
    expect(watched.errors).toBeUndefined();
    const sent = await ingest(hub.client({ bearer: TEST_ADMIN_TOKEN }), {
      division: record.divisionKey,
      sourceSystem: record.sourceSystem,
      touchpoints: [{ externalId: `two-tabs-${Date.now()}`, accountExternalId: record.externalId, type: 'CALL', occurredAt: new Date(Date.now() - 60_000).toISOString(), subject: 'Check-in call' }],
    });
    expect(sent.items[0].status).toBe('CREATED');
    const unread = await asAdmin<{ unreadNoticeCount: number }>('{ unreadNoticeCount }');
    expect(unread.data!.unreadNoticeCount).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  beforeEach(async () => {
    // Signed in through the API: the sign-in page is accounts.test.ts's.
    context = await signedInContext(browser, hub.url, ADMIN_EMAIL, DEMO_PASSWORD);
  });
  afterEach(() => context.close());

  it('marking notices read in one tab updates the bell of the other at once, not at its next poll', async () => {
    const first = await context.newPage();
    first.setDefaultTimeout(15_000);
    await openAccounts(first, hub.url);
    const firstBell = first.getByRole('banner').getByRole('link', { name: /^Notices, \d+ unread$/ });
    await firstBell.waitFor();

    const second = await context.newPage();
    second.setDefaultTimeout(15_000);
    await second.goto(`${hub.url}/notices`);
    await second.getByRole('heading', { level: 1, name: 'Notices' }).waitFor();
    await second.getByRole('list', { name: 'Notices' }).waitFor();
    await second.getByRole('button', { name: 'Mark all as read' }).click();
    await second.getByRole('banner').getByRole('link', { name: 'Notices, none unread' }).waitFor();
    expect(await seriousA11yViolations(second)).toEqual([]);

    // The other tab polls every 60 s; it hears of it well before.
    await first.getByRole('banner').getByRole('link', { name: 'Notices, none unread' }).waitFor({ timeout: 10_000 });
  });
});
