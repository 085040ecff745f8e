import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';

/** Chromium from CHROMIUM_PATH or Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/**
 * Browser tests need a real Chromium. Without one they are skipped with a loud
 * message, except in CI (CI=true), where a missing browser fails the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  // A browser test visits several pages and runs axe on each: 10–20 s on a quiet machine, past the
  // suite's 30 s when the machine is busy (one timed out at load 11). A step that never comes still fails
  // on Playwright's own wait.
  if (HAS_CHROMIUM) {
    jest.setTimeout(90_000);
    return describe(name, body);
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
      });
    });
    return;
  }
  console.warn(`\n!!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. !!!\n`);
  describe.skip(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * axe-core with the WCAG 2.2 AA tags, run the quick way: every rule of those tags on the whole page, as before.
 * - Legacy mode: axe.run in the page itself. The default mode runs axe.runPartial in each frame and then
 *   axe.finishRun in a blank page it opens for the purpose, copying every partial result there; the app has
 *   no iframes, so both see the same document.
 * - resultTypes ['violations']: axe still evaluates every rule on every node, but builds the selectors and
 *   HTML of passing, incomplete and inapplicable nodes for one node per rule only (it does so for every node
 *   otherwise, the bulk of its time on a large page); violations keep all their nodes. The tests read only
 *   violations.
 * On an account page (about 1,400 elements) this took an axe check from 13–24 s to 2–3 s at load 9 on 2 cores.
 */
export function axeBuilder(page: Page): AxeBuilder {
  // options() replaces the options object: the tags must come after it.
  return new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
}

/** axe-core with the WCAG 2.2 AA tags: returns the serious and critical violations, described. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await axeBuilder(page).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * Signs in through the sign-in page, as a person does, and waits for the
 * accounts page (labels exact: the password field's show/hide button
 * mentions "password" too).
 */
export async function signInThroughPage(page: Page, hubUrl: string, email: string, password: string): Promise<void> {
  await page.goto(hubUrl);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
}

/** Opens one of the stewards' pages from the header's Manage menu, and waits for the menu to close. */
export async function openFromManageMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Manage' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}
