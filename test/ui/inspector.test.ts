import * as assert from 'node:assert/strict';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import type { FrameLocator, Page } from 'playwright-core';
import { scriptClaims, unsignedJwt } from '../fixtures/inspectorTokens';
import {
  expandRow,
  focusWorkbench,
  openActivityBarView,
  openFile,
  runCommand,
  screenshot,
  screenshotOnFailure,
  setClipboard,
  setTheme,
  startWorkbench,
  treeRow,
  clickRowAction,
  until,
  waitForState,
  webviewFrame,
  type Workbench,
} from './harness';
import { fill, openInspector, openTab } from './inspectorSteps';

/**
 * The token inspector as a person uses it: opened from the command palette and from the
 * Sessions tree (sandbox Authing session), countdowns ticking, a nested claim expanded, the
 * leaked Authing password revealed on click, the signature checked against the provider's JWKS
 * (valid) and a wrong key (invalid, with the reason), two tokens compared, hostile claims left
 * inert. Screenshots in dark, light and high contrast.
 */

/** Seconds now, read when a test needs it: mocha loads every UI file minutes before this suite runs. */
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const secret = new TextEncoder().encode('ui-inspector-secret-not-a-real-one-0123456789');

interface Globals {
  __pwned?: unknown;
}

function inspector(page: Page): FrameLocator {
  return webviewFrame(page);
}

describe('UI: token inspector', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let plain: string;
  screenshotOnFailure(() => wb?.page);

  before(async () => {
    const nowS = nowSeconds();
    plain = await new SignJWT({ sub: 'ui-user', scope: 'openid profile', address: { country: 'CN', locality: 'Hangzhou' }, roles: ['reader', 'writer'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('https://issuer.example')
      .setIssuedAt(nowS - 300)
      .setExpirationTime(nowS + 200)
      .sign(secret);
    wb = await startWorkbench({ theme: 'dark', viewport: { width: 1400, height: 900 }, workspaceFiles: { 'notes.txt': 'notes\n' } });
  });
  after(async () => {
    await wb?.close();
  });

  it('opens from the command palette, ticks the countdown and expands a nested claim', async () => {
    const { page } = wb;
    await setClipboard(page, plain);
    const started = Date.now();
    await runCommand(page, 'AuthLens: Open Token Inspector');
    const frame = inspector(page);
    const countdown = frame.locator('#countdown-exp');
    await countdown.waitFor({ timeout: 30_000 });
    const openMs = Date.now() - started;
    const first = await countdown.innerText();
    // Two units, the second left out when it is zero ("3m left" once a minute).
    assert.match(first, /^\d+m( \d+s)? left$/);
    // The countdown ticks: wait for the next value (a state), not for a second to pass.
    const second = await until(
      page,
      'the countdown to tick',
      async () => {
        const t = await countdown.innerText();
        return t !== first ? t : undefined;
      },
      5_000,
    );
    assert.match(second, /\d+m \d+s left/);
    // Under five minutes left: the countdown is in the warning colour.
    assert.match((await countdown.getAttribute('class')) ?? '', /soon/);
    assert.equal(await frame.locator('#status-badge').getAttribute('data-status'), 'expiring');
    assert.equal(await frame.locator('#fact-sub').innerText(), 'ui-user');
    // Nested claim: expand `address` (in the Fields tab, whose body is built when it is shown).
    await openTab(frame, 'fields');
    const address = frame.locator('#table-payload tr[data-path="address"]');
    await address.locator('button.twisty').click();
    await frame.locator('#table-payload tr[data-path="address.locality"]').waitFor();
    assert.match(await frame.locator('#table-payload tr[data-path="address.locality"]').innerText(), /Hangzhou/);
    // Dates: switch to UTC.
    await frame.locator('#date-utc').click();
    assert.match(await frame.locator('#table-payload tr[data-path="exp"] .time').innerText(), /UTC$/);
    await screenshot(page, 'inspector-command-dark');
    console.log(`      (palette -> countdown visible: ${openMs} ms, includes typing the command)`);
    // Where the webview's own time goes (its document's clock): script loaded, ready, rendered.
    const timing = await frame.locator('body').evaluate(() => {
      const p = (globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number; responseEnd?: number; duration: number }[] } })
        .performance;
      const script = p.getEntriesByName(
        [...(globalThis as unknown as { document: { scripts: { src: string }[] } }).document.scripts].map((x) => x.src).find((x) => x.endsWith('webview.js')) ??
          '',
      )[0];
      return {
        scriptLoaded: script ? Math.round(script.responseEnd ?? 0) : undefined,
        ready: Math.round(p.getEntriesByName('authlens-ready')[0]?.startTime ?? -1),
        rendered: Math.round(p.getEntriesByName('authlens-rendered')[0]?.startTime ?? -1),
      };
    });
    console.log(`      (webview clock, ms since its document started: ${JSON.stringify(timing)})`);
  });

  it('pauses the countdown while the panel is hidden', async () => {
    const { page } = wb;
    const frame = await openInspector(page, plain, 'ui-user');
    assert.equal(await frame.locator('body').getAttribute('data-ticking'), 'true');
    await openFile(page, 'notes.txt');
    await frame.locator('body[data-ticking="false"]').waitFor({ state: 'attached', timeout: 10_000 });
    const hidden = await frame.locator('#countdown-exp').textContent();
    await page.waitForTimeout(1500);
    assert.equal(await frame.locator('#countdown-exp').textContent(), hidden, 'no tick while hidden');
    await page.locator('.tabs-container .tab', { hasText: 'Token: ui-user' }).click();
    await frame.locator('body[data-ticking="true"]').waitFor({ state: 'attached', timeout: 10_000 });
    assert.notEqual(await frame.locator('#countdown-exp').innerText(), hidden, 'ticks again when shown');
  });

  it('"Decode Token" opens the same panel', async () => {
    const { page } = wb;
    const other = unsignedJwt({ sub: 'second-user', exp: nowSeconds() + 3600, iat: nowSeconds() });
    await setClipboard(page, other);
    await focusWorkbench(page);
    await runCommand(page, 'AuthLens: Decode Token');
    const frame = inspector(page);
    await frame.locator('#fact-sub', { hasText: 'second-user' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('iframe.webview').count(), 1, 'one inspector panel');
  });

  it('opens from the Sessions tree: reveals the masked Authing password, verifies with the JWKS', async () => {
    const { page } = wb;
    await focusWorkbench(page);
    await runCommand(page, 'AuthLens: Start Sandbox');
    await openActivityBarView(page, 'AuthLens');
    await expandRow(treeRow(page, 'Sandbox: Authing').first(), 30_000);
    const session = treeRow(page, /this credential/).first();
    await expandRow(session, 30_000);
    const tokenRow = treeRow(page, /User token/).first();
    await tokenRow.waitFor({ timeout: 30_000 });
    // The row's inline action (the context menu's "Inspect Token" runs the same command). A panel
    // an earlier test left open may still show another token: the session's countdown is this one's.
    const frame = inspector(page);
    await clickRowAction(tokenRow, 'Inspect Token', frame.locator('#countdown-session, #countdown-provider').first(), 'the inspector on the Authing token');
    // Tab bodies are built when shown: the Fields tab, whichever tab an earlier test left selected.
    await openTab(frame, 'fields');
    await frame.locator('#part-user').waitFor({ timeout: 30_000 });
    // Session and idle expiry countdowns come from the session.
    await frame.locator('#countdown-exp').waitFor();
    assert.ok((await frame.locator('#countdown-provider, #countdown-session').count()) > 0, 'a session/provider countdown');

    // The leaked password is masked, flagged, and only revealed on click.
    const password = frame.locator('#table-user tr[data-path="password"]');
    assert.match(await password.innerText(), /••••••/);
    assert.match(await password.innerText(), /sensitive/);
    assert.doesNotMatch(await password.innerText(), /[0-9a-f]{32}/);
    await openTab(frame, 'warnings');
    assert.equal(await frame.locator('#warnings-error li[data-code="sensitive-field"]').count(), 2, 'password and salt flagged');
    await openTab(frame, 'fields');
    await screenshot(page, 'inspector-tree-authing-dark');
    await password.locator('vscode-button').click();
    await password.locator('.revealed').waitFor({ timeout: 10_000 });
    assert.match(await password.locator('.revealed').innerText(), /^[0-9a-f]{32}$/);
    await screenshot(page, 'inspector-revealed-dark');

    // Nested claim in the token: data.userPoolId.
    await frame.locator('#table-payload tr[data-path="data"] button.twisty').click();
    await frame.locator('#table-payload tr[data-path="data.userPoolId"]').waitFor();

    // Verify against the provider's JWKS (fetched only now, on click).
    await openTab(frame, 'verify');
    await frame.locator('#verify-jwks-0').click();
    const result = frame.locator('#verify-result');
    await result.waitFor({ timeout: 20_000 });
    assert.equal(await result.getAttribute('data-valid'), 'true', await result.innerText());
    assert.match(await result.innerText(), /RS256/);
    assert.match(await result.innerText(), /kid=sandbox-rs256/);
    assert.match(await frame.locator('#verified-badge').innerText(), /Signature verified \(RS256\)/);
    await screenshot(page, 'inspector-verify-valid-dark');

    // And against a wrong key: invalid, with the reason.
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    await fill(frame.locator('#verify-key'), await exportSPKI(publicKey));
    await frame.locator('#verify-key-button').click();
    await frame.locator('#verify-result[data-valid="false"]').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#verify-result').getAttribute('data-code'), 'bad-signature');
    assert.match(await frame.locator('#verify-result').innerText(), /Why: The RS256 signature does not match this key/);
    await screenshot(page, 'inspector-verify-invalid-dark');
  });

  it('compares two tokens side by side', async () => {
    const { page } = wb;
    const frame = await openInspector(page, plain, 'ui-user');
    await openTab(frame, 'compare');
    // Against a token with one claim changed (sub), one added (tenant) and some removed (address, roles).
    const other = unsignedJwt({ sub: 'ui-user-2', scope: 'openid profile', tenant: 'acme', iss: 'https://issuer.example', exp: nowSeconds() + 600 });
    await fill(frame.locator('#compare-input'), other);
    await frame.locator('#compare-button').click();
    await frame.locator('#compare-summary').waitFor({ timeout: 20_000 });
    assert.match(await frame.locator('#compare-summary').innerText(), /\d+ differences/);
    assert.ok((await frame.locator('tr[data-change="changed"]').count()) > 0);
    assert.ok((await frame.locator('tr[data-change="added"]').count()) > 0);
    assert.ok((await frame.locator('tr[data-change="removed"]').count()) > 0);
    await screenshot(page, 'inspector-compare-dark');
  });

  it('looks right in light and high-contrast themes', async () => {
    const { page } = wb;
    const frame = await openInspector(page, plain, 'ui-user');
    await openTab(frame, 'fields');
    for (const theme of ['light', 'high-contrast'] as const) {
      await setTheme(wb, theme);
      // The webview follows the theme live: VS Code puts the theme kind on its body.
      const bodyClass = theme === 'light' ? 'vscode-light' : 'vscode-high-contrast';
      await waitForState(page, frame.locator(`body.${bodyClass}`), `the inspector's body in ${theme}`);
      await screenshot(page, `inspector-fields-${theme}`);
      await openTab(frame, 'verify');
      await screenshot(page, `inspector-verify-${theme}`);
      await openTab(frame, 'compare');
      await screenshot(page, `inspector-compare-${theme}`);
      await openTab(frame, 'fields');
    }
    await setTheme(wb, 'dark');
  });

  it('comes back after a window reload without the token in the webview state', async () => {
    const { page } = wb;
    await openInspector(page, plain, 'ui-user');
    await focusWorkbench(page);
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    const frame = inspector(page);
    await waitForState(page, frame.locator('#fact-sub'), 'the restored inspector', { timeout: 60_000 });
    assert.equal(await frame.locator('#fact-sub').innerText(), 'ui-user');
    await screenshot(page, 'inspector-after-reload-dark');
  });

  it('keeps hostile claims inert and stays responsive', async () => {
    const { page } = wb;
    const hostile = unsignedJwt(
      {
        ...scriptClaims,
        sub: '<img src=x onerror="window.__pwned=11">',
        exp: nowSeconds() + 600,
        nest: { a: { b: { c: '<script>window.__pwned=12</script>' } } },
      },
      { alg: 'RS256', kid: '<svg onload="window.__pwned=13">', typ: 'JWT' },
    );
    await setClipboard(page, hostile);
    await focusWorkbench(page);
    await runCommand(page, 'AuthLens: Open Token Inspector');
    const frame = inspector(page);
    await frame.locator('#fact-sub', { hasText: '<img src=x' }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#fact-kid').innerText(), '<svg onload="window.__pwned=13">');
    await openTab(frame, 'fields');
    assert.match(await frame.locator('#table-payload tr[data-path="rtl"]').innerText(), /\\u202E/);
    await frame.locator('#table-payload tr[data-path="nest"] button.twisty').click();
    await frame.locator('#table-payload tr[data-path="nest.a"] button.twisty').click();
    await frame.locator('#table-payload tr[data-path="nest.a.b"] button.twisty').click();
    await frame.locator('#table-payload tr[data-path="nest.a.b.c"]').waitFor();
    const body = frame.locator('body');
    assert.equal(await body.evaluate(() => (globalThis as unknown as Globals).__pwned), undefined, 'nothing ran in the webview');
    assert.equal(await page.evaluate(() => (globalThis as unknown as Globals).__pwned), undefined, 'nothing ran in the workbench');
    // Light DOM only (the components' own shadow roots hold their SVG icons).
    const injected = await body.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      const scripts = d.querySelectorAll('script') as unknown as { textContent: string | null; getAttribute(n: string): string | null }[];
      return {
        tags: d.querySelectorAll('img, svg, iframe, object, embed, a[href], [onerror], [onload], [onfocus]').length,
        pwnScripts: [...scripts].filter((x) => (x.textContent ?? '').includes('pwned')).length,
        ours: [...scripts].filter((x) => (x.getAttribute('src') ?? '').endsWith('/dist/webview.js')).length,
      };
    });
    assert.deepEqual(injected, { tags: 0, pwnScripts: 0, ours: 1 }, 'no element came from token text');
    // Responsive: tabs still switch and the countdown still ticks.
    await openTab(frame, 'raw');
    await openTab(frame, 'fields');
    const a = await frame.locator('#countdown-exp').innerText();
    await until(
      page,
      'the countdown to tick after hostile claims',
      async () => ((await frame.locator('#countdown-exp').innerText()) !== a ? true : undefined),
      5_000,
    );
    await screenshot(page, 'inspector-hostile-dark');
  });
});
