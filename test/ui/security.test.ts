import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { deepObject, scriptClaims, unsignedJwt, wideObject } from '../fixtures/inspectorTokens';
import { openFile, runCommand, screenshot, screenshotOnFailure, selectors, setClipboard, startWorkbench, webviewFrame, type Workbench } from './harness';
import { authLensHover, hoverText } from './hoverPointer';

/**
 * Issue 9, as a person: hostile tokens opened in the inspector ("AuthLens: Decode Token" with
 * the token on the clipboard) and in the hover. Every payload would set `window.__pwned` if any
 * of it ran; the flag must stay unset in the webview frame and in the workbench page, no element
 * may come from token text, and the panel must stay responsive. Screenshots in test-results/.
 */

/** The little of the DOM the page functions use (the test tsconfig has no DOM library). */
interface Globals {
  __pwned?: unknown;
  document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }>; body: { innerText: string } };
}

const pwnClaims: Record<string, string> = {
  ...scriptClaims,
  imgEq: '<img src=x onerror="window.__pwned=1">',
  scriptEq: '<script>window.__pwned=1</script>',
  link: '[x](command:workbench.action.terminal.new)',
  jsLink: 'javascript:window.__pwned=1',
};

// Made when the suite starts (mocha loads every UI file minutes before it runs), so each token
// is still within its validity period when it is shown.
let tokens: Record<string, string> = {};
let normal = '';

function makeTokens(): void {
  const nowS = Math.floor(Date.now() / 1000);
  tokens = {
    scripts: unsignedJwt(
      { ...pwnClaims, sub: '<img src=x onerror="window.__pwned=1">', iss: 'javascript:window.__pwned=1', exp: nowS + 3600, iat: nowS - 60 },
      { alg: 'RS256', kid: '<script>window.__pwned=1</script>', typ: '<svg onload="window.__pwned=1">', jku: 'https://evil.example/jwks.json' },
    ),
    names: unsignedJwt({ ...Object.fromEntries(Object.values(pwnClaims).map((v, i) => [v, i])), sub: 'names', exp: nowS + 600 }),
    wide: unsignedJwt({ sub: 'wide', exp: nowS + 600, ...wideObject(10_000) }),
    deep: unsignedJwt({ sub: 'deep', exp: nowS + 600, nest: deepObject(1000) }),
    big: unsignedJwt({ sub: 'big', exp: nowS + 600, big: `<img src=x onerror="window.__pwned=1">${'A'.repeat(150_000)}` }),
  };
  normal = unsignedJwt({ sub: 'after-the-attack', exp: nowS + 600 });
}

const pwned = (page: Page): Promise<unknown> => page.evaluate(() => (globalThis as unknown as Globals).__pwned);
const framePwned = (frame: Locator): Promise<unknown> => frame.evaluate(() => (globalThis as unknown as Globals).__pwned);

/** Elements in the webview document that token text could have produced. */
async function foreignElements(frame: Locator): Promise<string[]> {
  return frame.evaluate(() => {
    const g = globalThis as unknown as Globals;
    const out: string[] = [];
    for (const n of Array.from(
      g.document.querySelectorAll('img, svg:not(.codicon svg), iframe, object, embed, a[href], [onerror], [onload], [onfocus], [srcdoc]'),
    )) {
      out.push(`${(n as unknown as { tagName: string }).tagName}`);
    }
    // Ours (dist/webview.js) and VS Code's injected `acquireVsCodeApi` host script; anything else came from data.
    const scripts = Array.from(g.document.querySelectorAll('script')) as unknown as { getAttribute(n: string): string | null; textContent: string | null }[];
    for (const s of scripts) {
      const src = s.getAttribute('src') ?? '';
      if (src.includes('webview.js')) continue;
      if (src === '' && /acquireVsCodeApi/.test(s.textContent ?? '')) continue;
      out.push(`SCRIPT ${src.slice(0, 80)} ${(s.textContent ?? '').slice(0, 80)}`);
    }
    return out;
  });
}

/**
 * Hands keyboard focus back from a webview to the workbench with a plain mouse click on the
 * (inert) title bar, where the window title sits.
 */
async function leaveWebview(page: Page): Promise<void> {
  const title = page.locator('.part.titlebar .window-title').first();
  const box = (await title.isVisible().catch(() => false)) ? await title.boundingBox() : null;
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Opens a token the way a person would: copy it, run "AuthLens: Decode Token". */
async function inspectFromClipboard(wb: Workbench, token: string, expectSub: string): Promise<Locator> {
  await leaveWebview(wb.page);
  await setClipboard(wb.page, token);
  await runCommand(wb.page, 'AuthLens: Decode Token');
  // The panel's title names the subject, so it tells this token's content from the last one's.
  await wb.page
    .locator(selectors.activeTab)
    .filter({ hasText: `Token: ${expectSub.slice(0, 20)}` })
    .waitFor({ timeout: 30_000 });
  const frame = webviewFrame(wb.page);
  await frame.locator('main#app[data-content="token"]').waitFor({ timeout: 30_000 });
  await frame
    .locator('body')
    .filter({ hasText: expectSub.slice(0, 20) })
    .waitFor({ timeout: 15_000 });
  return frame.locator('body');
}

describe('UI: security (hostile tokens, as a person)', function () {
  this.timeout(240_000);
  let wb: Workbench;

  before(async () => {
    makeTokens();
    wb = await startWorkbench({
      workspaceFiles: { 'hostile.env': `HOSTILE=${tokens['scripts']}\n` },
      userSettings: { 'editor.hover.delay': 150, 'editor.wordWrap': 'on' },
    });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb?.page);

  it('the inspector shows script-like claims as text and runs none of them', async () => {
    const body = await inspectFromClipboard(wb, tokens['scripts']!, '<img src=x onerror=');
    await wb.page.waitForTimeout(500);
    const text = await body.innerText();
    assert.ok(text.includes('<script>window.__pwned=1</script>'), 'the kid is shown as text');
    assert.ok(text.includes('[x](command:workbench.action.terminal.new)'), 'the markdown link is shown as text');
    assert.deepEqual(await foreignElements(body), [], 'elements made from token text');
    assert.equal(await framePwned(body), undefined, 'window.__pwned in the webview');
    assert.equal(await pwned(wb.page), undefined, 'window.__pwned in the workbench');
    await screenshot(wb.page, 'security-inspector-scripts');
  });

  it('stays responsive through 10,000 keys, 1,000-deep nesting, a 150 KB value and hostile claim names', async () => {
    for (const [name, sub] of [
      ['names', 'names'],
      ['wide', 'wide'],
      ['deep', 'deep'],
      ['big', 'big'],
    ] as const) {
      const started = Date.now();
      const body = await inspectFromClipboard(wb, tokens[name]!, sub);
      const ms = Date.now() - started;
      assert.ok(ms < 30_000, `${name}: ${ms} ms`);
      assert.deepEqual(await foreignElements(body), [], `${name}: elements made from token text`);
      assert.equal(await framePwned(body), undefined, `${name}: window.__pwned in the webview`);
      await screenshot(wb.page, `security-inspector-${name}`);
    }
    // Still answers: the next token replaces the content, and a click in the panel works.
    const body = await inspectFromClipboard(wb, normal, 'after-the-attack');
    const tabs = webviewFrame(wb.page).locator('vscode-tab-header');
    if ((await tabs.count()) > 1) {
      await tabs.nth(1).click();
      await tabs.nth(0).click();
    }
    assert.ok((await body.innerText()).includes('after-the-attack'));
    assert.equal(await pwned(wb.page), undefined);
  });

  it('the hover shows the same token as text and sets no flag', async () => {
    const { page } = wb;
    await leaveWebview(page);
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'hostile.env');
    const token = tokens['scripts']!;
    await hoverText(page, token);
    const hover = authLensHover(page);
    const text = await hover.innerText();
    assert.ok(text.includes('<img src=x onerror='), `HTML shown as text:\n${text.slice(0, 400)}`);
    assert.equal(await hover.locator('img, script, svg:not(.codicon svg), iframe').count(), 0, 'elements from token text');
    const links = await hover.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
    for (const l of links) assert.ok(l.startsWith('command:authlens.hoverAction?'), `foreign link ${l.slice(0, 80)}`);
    assert.equal(await pwned(page), undefined);
    await screenshot(page, 'security-hover-scripts');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.terminal-outer-container').count(), 0, 'no terminal opened');
  });
});
