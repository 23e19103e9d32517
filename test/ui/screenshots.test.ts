import * as assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import type { Locator, Page } from 'playwright-core';
import type { OidcTestServer } from '../fixtures/oidcServer.mjs';
import { repoRoot } from '../support/codeServer';
import * as ui from './harness';
import { hoverToken, widenSideBar } from './marketplaceSteps';

/**
 * The README's pictures, taken from a real workbench: the Sessions tree on the sandbox, a
 * hover, the inspector in a dark and a light theme, and sign-in with a code against a real
 * oidc-provider. Each picture is cropped to its part of the screen after asserting that the
 * part shows what the README says it shows.
 *
 * `npm run screenshots` (scripts/screenshots.mjs) runs this with AUTHLENS_WRITE_SCREENSHOTS=1:
 * the pictures go to media/screenshots/. Otherwise (in `npm test`) they go to
 * test-results/readme-*.png and the tracked ones stay as they are.
 */
const writeReadme = process.env['AUTHLENS_WRITE_SCREENSHOTS'] === '1';
const outDir = writeReadme ? join(repoRoot, 'media', 'screenshots') : join(repoRoot, 'test-results');
/** The listing loads every picture of the README: each stays small. */
const maxBytes = 150 * 1024;

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest rectangle holding every box, `margin` px wider on each side, inside the page. */
function around(page: Page, boxes: readonly Clip[], margin = 12): Clip {
  const view = page.viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  return { x, y, width: right - x, height: bottom - y };
}

async function boxOf(locator: Locator, what: string): Promise<Clip> {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is on screen`);
  return box;
}

/** Saves the clip as `<name>.png` (README name) and checks its size. */
async function picture(page: Page, name: string, clip: Clip, opts: { keepPointer?: boolean } = {}): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, writeReadme ? `${name}.png` : `readme-${name}.png`);
  // No stray pointer highlight, unless the picture is of what the pointer opened (a hover).
  if (!opts.keepPointer) await page.mouse.move(0, 0);
  await page.screenshot({ path: file, clip });
  const size = statSync(file).size;
  console.log(`      ${file.slice(repoRoot.length + 1)}: ${Math.round(clip.width)}x${Math.round(clip.height)}, ${(size / 1024).toFixed(1)} KB`);
  assert.ok(size <= maxBytes, `${name}.png is ${size} bytes (at most ${maxBytes})`);
}

describe('UI: README screenshots', function () {
  this.timeout(300_000);
  let wb: ui.Workbench;
  let idp: OidcTestServer;
  let device: typeof import('../fixtures/oidcDevice.mjs');
  let token: string;

  before(async () => {
    device = await import('../fixtures/oidcDevice.mjs');
    const { startOidcServer } = await import('../fixtures/oidcServer.mjs');
    idp = await startOidcServer({ features: device.deviceFeatures, clients: [device.deviceClient] });
    const now = Math.floor(Date.now() / 1000);
    const { privateKey } = await generateKeyPair('RS256');
    token = await new SignJWT({ scope: 'openid profile orders:read', email: 'ada@example.com', name: 'Ada Lovelace' })
      .setProtectedHeader({ alg: 'RS256', kid: 'readme-key-1', typ: 'at+jwt' })
      .setIssuer('https://auth.example.com')
      .setSubject('usr_ada')
      .setAudience('https://api.example.com')
      .setIssuedAt(now - 300)
      .setExpirationTime(now + 45 * 60)
      .setJti('readme-example')
      .sign(privateKey);
    wb = await ui.startWorkbench({
      theme: 'dark',
      workspaceFiles: { 'requests.http': `### Orders of the signed-in user\nGET https://api.example.com/orders HTTP/1.1\nAuthorization: Bearer ${token}\n` },
      userSettings: {
        'authlens.providers': [{ id: 'acme', kind: 'oidc', label: 'Acme IdP', baseUrl: idp.issuer, clientId: device.deviceClient.client_id }],
      },
    });
    assert.equal(await ui.executeCommand(wb, 'authlens.startSandbox'), true, 'the sandbox runs');
  });
  after(async () => {
    await wb?.close();
    await idp?.close();
  });
  ui.screenshotOnFailure(() => wb?.page);

  it('tree: the sandbox providers, a user and their sessions', async () => {
    const { page } = wb;
    await ui.openActivityBarView(page, 'AuthLens');
    await widenSideBar(page);
    await ui.expandRow(ui.treeRow(page, 'Sandbox: Better Auth').first());
    const session = ui.treeRow(page, /this credential/).first();
    await ui.waitForState(page, session, 'the credential’s own session', { timeout: 30_000 });
    await ui.expandRow(session);
    await ui.waitForState(page, ui.treeRow(page, /Session token/).first(), 'the session token row', { timeout: 30_000 });
    await ui.waitForState(page, ui.treeRow(page, /Sandbox: AuthMS.*100 of 250 sessions/).first(), 'the AuthMS page count', { timeout: 30_000 });
    const rows = await boxOf(page.locator('.part.sidebar .pane-body').first(), 'the Sessions view');
    const sideBar = await boxOf(page.locator('.part.sidebar'), 'the side bar');
    const lastRow = await boxOf(page.locator(`.part.sidebar ${ui.selectors.treeRow}`).last(), 'the last tree row');
    await picture(page, 'tree', {
      x: sideBar.x,
      y: sideBar.y,
      width: sideBar.width,
      height: Math.min(rows.y + rows.height, lastRow.y + lastRow.height + 12) - sideBar.y,
    });
  });

  it('hover: a JWT in a request file, decoded where it is', async () => {
    const { page } = wb;
    await ui.openFile(page, 'requests.http');
    const hover = await hoverToken(page, token);
    await ui.waitForState(page, hover.getByText('usr_ada').first(), 'the subject in the hover');
    const line = await boxOf(page.locator(`${ui.selectors.activeEditorLines} .view-line`, { hasText: 'Authorization' }).first(), 'the token line');
    const box = await boxOf(hover, 'the hover');
    const clip = around(page, [box, { ...line, width: Math.min(line.width, box.width) }]);
    await picture(page, 'hover', clip, { keepPointer: true });
    await page.keyboard.press('Escape');
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`inspector (${theme} theme): claims explained, times, warnings`, async () => {
      const { page } = wb;
      await ui.setTheme(wb, theme);
      await ui.executeCommand(wb, 'authlens.inspectToken', token);
      const frame = ui.webviewFrame(page);
      await frame.locator('#fact-sub', { hasText: 'usr_ada' }).waitFor({ timeout: 30_000 });
      await frame.locator('#countdown-exp').waitFor();
      await picture(page, `inspector-${theme}`, await boxOf(page.locator('.part.editor'), 'the editor area'));
    });
  }

  it('sign-in: the code to enter, as text, and the user once approved', async () => {
    const { page } = wb;
    await ui.setTheme(wb, 'dark');
    await ui.runCommand(page, 'AuthLens: Sign In with a Code (OpenID Connect device flow)');
    // The sandbox has an issuer too: the person picks theirs.
    await ui.pickQuickInput(page, 'Acme IdP', 'Choose an OpenID Connect provider');
    const prompt = await ui.waitForNotification(page, /enter the code/, 30_000);
    const text = (await prompt.innerText()).replace(/\s+/g, ' ');
    const match = /enter the code (\S+) at (\S+) /.exec(text);
    assert.ok(match, `the code notification: ${text}`);
    const sideBar = await boxOf(page.locator('.part.sidebar'), 'the side bar');
    const toast = await boxOf(prompt, 'the code notification');
    await picture(page, 'sign-in', around(page, [toast, { x: toast.x, y: sideBar.y + sideBar.height - 40, width: toast.width, height: 40 }]));
    await device.driveDeviceApproval(match[2]!, match[1]!, { login: 'ada' });
    await ui.waitForNotification(page, /Signed in to Acme IdP as/, 30_000);
  });
});
