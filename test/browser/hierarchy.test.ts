import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { COLLEAGUE_PASSWORD, newColleague } from '../support/colleagues';
import { describeInBrowser, launchChromium, seriousA11yViolations, signedInContext } from '../support/browser';
import { ingest, startIngestHub } from '../support/ingest';
import { TestServer } from '../support/server';

const ADMIN_EMAIL = 'ada.admin@ourcompany.example';
const REP_EMAIL = 'rob.rep@ourcompany.example';

/**
 * Where an account sits in its group, set by an admin on the account page. Found by exploratory testing: the API had
 * setAccountParent, but no page offered it, nor said who placed an account where it is.
 */
describeInBrowser('the group of companies on the account page in Chromium', () => {
  let hub: TestServer;
  let db: DataSource;
  let close: () => Promise<void>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ferries: string;
  let shipping: string;

  beforeAll(async () => {
    let admin;
    ({ hub, db, admin, close } = await startIngestHub('sales'));
    await newColleague(hub, { email: ADMIN_EMAIL, division: 'sales', role: 'ADMIN' });
    await newColleague(hub, { email: REP_EMAIL, division: 'sales', role: 'REP' });
    const landed = await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      { externalId: 'B-1', name: 'Brackwater Shipping Ltd', registryId: 'GB300000001', website: 'brackwater-shipping.example' },
      { externalId: 'B-2', name: 'Brackwater Ferries Ltd', registryId: 'GB300000002', website: 'brackwater-ferries.example' },
    ] });
    [shipping, ferries] = landed.items.map((i) => i.accountId!);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });
  /** A page of a context signed in as `email` (through the API: the sign-in page is accounts.test.ts's). */
  const signedInPage = async (email: string): Promise<Page> => {
    context = await signedInContext(browser, hub.url, email, COLLEAGUE_PASSWORD);
    return (page = await context.newPage());
  };
  afterEach(() => context?.close());

  it('lets an admin put an account under its parent company with a reason, shows who did it, and refuses a loop in words; every state passes axe', async () => {
    await (await signedInPage(ADMIN_EMAIL)).goto(`${hub.url}/accounts/${ferries}`);
    const group = page.getByRole('region', { name: 'Group of companies' });
    await group.getByText('Belongs to no other company.').waitFor();
    await group.getByRole('button', { name: 'Set a parent' }).click();
    // The form opens on its search field; the keyboard alone finds and picks the parent.
    const search = group.getByLabel('Find the parent company by name');
    await expectFocused(search);
    await page.keyboard.type('brackwater');
    await page.keyboard.press('Enter');
    const form = group.getByRole('form', { name: 'Set the parent' });
    await form.getByRole('radio', { name: 'Brackwater Shipping Ltd (Sales)' }).waitFor();
    expect(await form.getByRole('radio').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await form.getByRole('radio', { name: 'Brackwater Shipping Ltd (Sales)' }).check();
    await form.getByRole('button', { name: 'Put Brackwater Ferries Ltd under Brackwater Shipping Ltd' }).click();
    await form.getByRole('alert').filter({ hasText: 'Say why it belongs there' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('textbox', { name: /^Reason/ }).fill('Ferries is owned by Shipping (registry)');
    await form.getByRole('button', { name: 'Put Brackwater Ferries Ltd under Brackwater Shipping Ltd' }).click();
    await group.getByRole('status').filter({ hasText: 'Brackwater Ferries Ltd is now part of Brackwater Shipping Ltd.' }).waitFor();
    await group.getByText(/^Part of Brackwater Shipping Ltd\.$/).waitFor();
    await group.getByText(`Placed here by ${ADMIN_EMAIL}`, { exact: false }).waitFor();
    expect(await group.getByText(/^Placed here by/).textContent()).toMatch(/Reason: Ferries is owned by Shipping \(registry\)$/);
    const [row] = await db.query(`SELECT parent_id, parent_set_by FROM account WHERE id = $1`, [ferries]);
    expect(row).toEqual({ parent_id: shipping, parent_set_by: ADMIN_EMAIL });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The parent's page lists it, and refuses to go under it: a loop, said in the server's words.
    await group.getByRole('link', { name: 'Brackwater Shipping Ltd' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brackwater Shipping Ltd' }).waitFor();
    const parentGroup = page.getByRole('region', { name: 'Group of companies' });
    await parentGroup.getByRole('list', { name: '1 company belongs to it:' }).getByRole('link', { name: 'Brackwater Ferries Ltd' }).waitFor();
    await parentGroup.getByRole('button', { name: 'Set a parent' }).click();
    await parentGroup.getByLabel('Find the parent company by name').fill('ferries');
    await parentGroup.getByRole('button', { name: 'Find' }).click();
    const loopForm = parentGroup.getByRole('form', { name: 'Set the parent' });
    await loopForm.getByRole('radio', { name: 'Brackwater Ferries Ltd (Sales)' }).check();
    await loopForm.getByRole('textbox', { name: /^Reason/ }).fill('Testing a loop');
    await loopForm.getByRole('button', { name: 'Put Brackwater Shipping Ltd under Brackwater Ferries Ltd' }).click();
    await loopForm.getByRole('alert').filter({ hasText: 'would make a loop' }).waitFor();
    expect(await loopForm.getByRole('alert').textContent()).toContain('Parent not changed');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [still] = await db.query(`SELECT parent_id FROM account WHERE id = $1`, [shipping]);
    expect(still.parent_id).toBeNull();
  });

  it('shows a rep the group and who placed the account there, without the control', async () => {
    await (await signedInPage(REP_EMAIL)).goto(`${hub.url}/accounts/${ferries}`);
    const group = page.getByRole('region', { name: 'Group of companies' });
    await group.getByText(/^Part of Brackwater Shipping Ltd\.$/).waitFor();
    await group.getByText(/^Placed here by/).waitFor();
    expect(await group.getByRole('button').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

async function expectFocused(locator: import('playwright-core').Locator): Promise<void> {
  expect(await locator.evaluate((el) => el === document.activeElement)).toBe(true);
}
