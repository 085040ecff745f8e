import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';

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

/** The desktop window every browser test starts in (tests of phones and small screens resize their page). */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/**
 * A browser context signed in as `email` through the API: the signIn mutation sent by the context's own request
 * client, so the session cookie lands in the context's cookie jar as the sign-in page would leave it. The tests
 * of the sign-in page fill it in (accounts.test.ts, and critical-info's signing in again after a session
 * ended); every other test starts here, sparing a sign-in page and its form (1.5–3 s on a busy machine). A file
 * keeps one such context for its tests and opens a page per test in it (what a person's next tab would be:
 * same cookie, same cached scripts, its own sessionStorage and in-memory state), except for a test that ends
 * or changes the session, which takes a context of its own.
 */
export async function signedInContext(browser: Browser, hubUrl: string, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext(DESKTOP);
  const response = await context.request.post(`${hubUrl}/graphql`, {
    data: { query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { colleague { id } } }', variables: { e: email, p: password } },
  });
  const body = (await response.json()) as { data?: { signIn?: { colleague: { id: string } } }; errors?: unknown };
  if (!response.ok() || !body.data?.signIn) {
    await context.close();
    throw new Error(`sign-in as ${email} failed: ${response.status()} ${JSON.stringify(body)}`);
  }
  return context;
}

/** Opens the hub in `page`, signed in: the accounts page, where signing in lands. */
export async function openAccounts(page: Page, hubUrl: string): Promise<void> {
  await page.goto(hubUrl);
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
}

/** Opens one of the stewards' pages from the header's Manage menu, and waits for the menu to close. */
export async function openFromManageMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Manage' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}
