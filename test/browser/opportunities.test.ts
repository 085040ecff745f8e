import type { Browser, Page } from 'playwright-core';
import { COLLEAGUE_PASSWORD, newColleague } from '../support/colleagues';
import { describeInBrowser, launchChromium, seriousA11yViolations, signedInContext } from '../support/browser';
import { createDivisions, ingest } from '../support/ingest';
import { startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

const ANNA = 'anna@ourco.example';
const deal = (externalId: string, stage: string, more: Record<string, unknown> = {}) => ({ externalId, accountExternalId: 'A-1', name: `Deal ${externalId}`, stage, ...more });

describeInBrowser('the opportunities panel in Chromium', () => {
  let hub: TestServer;
  let browser: Browser;
  let page: Page;
  let accountId: string;

  beforeAll(async () => {
    hub = await startTestServer({ demo: false });
    await createDivisions(hub, 'exhibits');
    await newColleague(hub, { email: ANNA, division: 'exhibits' });
    const result = await ingest(hub.client({ bearer: TEST_ADMIN_TOKEN }), {
      division: 'exhibits', sourceSystem: 'exhibits-crm',
      accounts: [{ externalId: 'A-1', name: 'Initrode Systems' }],
      opportunities: [
        deal('Late stand', 'Proposal', { amountText: '99999999999999.99', currency: 'USD', closeDate: '2020-01-15' }),
        deal('Booth 2199', 'Negotiation', { amountText: '0.01', currency: 'USD', closeDate: '2199-01-01' }),
        deal('Fleet', 'Closed Won', { amountText: '1234.50', currency: 'EUR', closeDate: '2020-02-01' }),
        deal('Old stand', 'Lost', { amount: 5, currency: 'EUR' }),
      ],
    });
    accountId = result.items[0].accountId!;
    browser = await launchChromium();
    // Signed in through the API: the sign-in page is accounts.test.ts's.
    page = await (await signedInContext(browser, hub.url, ANNA, COLLEAGUE_PASSWORD)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('filters by status, marks the overdue one, shows the exact totals of every listed opportunity; passes axe', async () => {
    await page.goto(`${hub.url}/accounts/${accountId}`);
    const panel = page.getByRole('region', { name: 'Opportunities' });
    const table = panel.getByRole('table', { name: /^4 opportunities/ });
    await table.waitFor();
    const late = table.getByRole('row', { name: /Deal Late stand/ });
    await late.getByText('Overdue').waitFor();
    expect(await table.getByText('Overdue').count()).toBe(1);
    const totals = panel.getByRole('list', { name: 'Total of every opportunity with an amount, all pages' });
    // Summed by the hub on the exact decimals: a float sum would say 100,000,000,000,000 USD.
    expect(await totals.getByRole('listitem').allTextContents()).toEqual([
      '1,239.50 EUR from 2 opportunities', '100,000,000,000,000.00 USD from 2 opportunities',
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The segments' radios are visually hidden: a person clicks their labels.
    const which = panel.getByRole('radiogroup', { name: 'Which opportunities' });
    await which.getByText('Open', { exact: true }).click();
    const open = panel.getByRole('table', { name: '2 open opportunities: soonest to close first' });
    await open.waitFor();
    expect(await panel.getByRole('list', { name: 'Total of every open opportunity with an amount, all pages' }).getByRole('listitem').allTextContents())
      .toEqual(['100,000,000,000,000.00 USD from 2 opportunities']);

    await which.getByText('Won', { exact: true }).click();
    await panel.getByRole('table', { name: '1 won opportunity: latest closed first' }).getByRole('rowheader', { name: 'Deal Fleet' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
