import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, seriousA11yViolations } from '../support/browser';

/**
 * The accessibility check every browser test relies on (test/support/browser.ts) runs axe in its quick
 * settings (in the page, violations' details only): it must still see what axe sees, every node of it.
 */
describeInBrowser('the axe check of the browser tests', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('reports serious and critical violations with all their nodes, and nothing on a clean page', async () => {
    await page.setContent(`<!doctype html><html lang="en"><head><title>Clean</title></head><body>
      <main><h1>Clean</h1><p>Readable text.</p><button type="button">Save</button></main></body></html>`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.setContent(`<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
      <h1>Broken</h1>
      <p id="pale-1" style="color:#ccc;background:#fff">Too pale to read</p>
      <p id="pale-2" style="color:#ddd;background:#fff">Paler still</p>
      <img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <button id="no-name" type="button"></button>
    </main></body></html>`);
    const violations = await seriousA11yViolations(page);
    expect(violations.map((v) => v.split(' ')[0]).sort()).toEqual(['button-name', 'color-contrast', 'image-alt']);
    expect(violations.find((v) => v.startsWith('color-contrast'))).toMatch(/#pale-1, #pale-2$/);
    expect(violations.find((v) => v.startsWith('image-alt'))).toMatch(/#no-alt$/);
  });
});
