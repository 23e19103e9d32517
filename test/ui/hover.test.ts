import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fakeJwt } from '../fixtures/hoverTokens';
import { openFile, screenshot, selectors, startWorkbench, webviewFrame, type Workbench } from './harness';
import { authLensHover, hoverText } from './hoverPointer';

// Made when the suite starts, not when the file loads: mocha loads every UI file minutes
// before this suite runs, and the hover's "expires in 4x min" is about the moment it is read.
let valid: string;
let expired: string;
let hostile: string;

function makeTokens(): void {
  const nowS = Math.floor(Date.now() / 1000);
  valid = fakeJwt({ iss: 'https://issuer.test', sub: 'ui-hover-user', aud: 'api', exp: nowS + 45 * 60, iat: nowS - 60 });
  expired = fakeJwt({ sub: 'ui-expired-user', exp: nowS - 2 * 86_400, iat: nowS - 3 * 86_400 });
  // Each value tries to act if rendered as markdown/HTML: set a flag on the page, open a terminal, show an icon.
  hostile = fakeJwt(
    {
      sub: "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
      iss: '[open a terminal](command:workbench.action.terminal.new)',
      name: '$(zap) **bold** <b>tag</b>',
      note: '<script>document.body.setAttribute("data-pwned","2")</script>',
      exp: nowS + 3600,
    },
    { alg: 'HS256', kid: '[k](command:workbench.action.terminal.new)' },
  );
}

/** The little of the DOM these page functions use (the test's tsconfig has no DOM library). */
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): ArrayLike<unknown>;
    body: { getAttribute(name: string): string | null };
  };
  getComputedStyle(element: unknown, pseudo: string): { content: string };
}

const hover = authLensHover;

async function hoverLinks(page: Page): Promise<string[]> {
  return hover(page)
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
}

describe('UI: AuthLens token hover', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    makeTokens();
    wb = await startWorkbench({
      workspaceFiles: {
        'request.http': `GET /api/me HTTP/1.1\nAuthorization: Bearer ${valid}\n\n# expired\nid_token=${expired}\n`,
        'hostile.env': `HOSTILE_TOKEN=${hostile}\n`,
      },
      userSettings: { 'editor.hover.delay': 150, 'authlens.decorations.expiredHint': true, 'editor.wordWrap': 'on' },
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the decoded token when the mouse rests on it, and Inspect opens the inspector', async () => {
    const { page } = wb;
    await openFile(page, 'request.http');
    await hoverText(page, valid);
    const text = await hover(page).innerText();
    for (const part of [
      'AuthLens',
      'JWT (signed)',
      'decoded, not verified',
      'Algorithm',
      'RS256',
      'ui-hover-user',
      'https://issuer.test',
      'expires in 4',
      'Inspect',
      'Copy Payload',
      'Copy as Authorization header',
    ]) {
      assert.ok(text.includes(part), `hover shows "${part}":\n${text}`);
    }
    const links = await hoverLinks(page);
    assert.equal(links.length, 3);
    for (const l of links) assert.ok(l.startsWith('command:authlens.hoverAction?'), l);
    await screenshot(page, 'hover-token');

    await hover(page).locator('a', { hasText: 'Inspect' }).click();
    await page
      .locator(selectors.activeTab)
      .filter({ hasText: /Token: ui-hover-user|Token Inspector/ })
      .waitFor({ timeout: 30_000 });
    // The inspector shows the token that was hovered.
    await webviewFrame(page).getByText('ui-hover-user').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'hover-inspect');
  });

  it('shows an inline hint after an expired token (setting on)', async () => {
    const { page } = wb;
    await openFile(page, 'request.http');
    const hint = await page
      .waitForFunction(
        () => {
          const g = globalThis as unknown as PageGlobals;
          const spans = Array.from(g.document.querySelectorAll('.view-lines .view-line span'));
          for (const s of spans) {
            const after = g.getComputedStyle(s, '::after').content;
            if (after && after.includes('expired')) return after;
          }
          return false;
        },
        undefined,
        { timeout: 15_000 },
      )
      .then((h) => h.jsonValue());
    assert.match(String(hint), /expired 2 days ago/);
    await screenshot(page, 'hover-expired-hint');
  });

  it('renders hostile claims as text: no HTML, no foreign command links, no icons from the token', async () => {
    const { page } = wb;
    await openFile(page, 'hostile.env');
    await hoverText(page, hostile, 30);
    const box = hover(page);
    const text = await box.innerText();
    assert.ok(text.includes('[open a terminal](command:workbench.action.terminal.new)'), `link shown as text:\n${text}`);
    assert.ok(text.includes('<img src=x onerror='), 'HTML shown as text');
    assert.equal(await box.locator('img, script, b').count(), 0, 'no elements from token text');
    assert.equal(await box.locator('.codicon-zap').count(), 0, 'no icon from token text');
    for (const l of await hoverLinks(page)) assert.ok(l.startsWith('command:authlens.hoverAction?'), l);
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.getAttribute('data-pwned')), null);
    await screenshot(page, 'hover-hostile');
    // Clicking where a link would be does nothing foreign: no terminal opens.
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.terminal-outer-container').count(), 0);
  });
});
