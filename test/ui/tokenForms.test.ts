import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompactEncrypt, SignJWT } from 'jose';
import type { FrameLocator, Page } from 'playwright-core';
import {
  clickRowAction,
  expandRow,
  focusWorkbench,
  openActivityBarView,
  openFile,
  readClipboard,
  runCommand,
  screenshot,
  screenshotOnFailure,
  startWorkbench,
  treeRow,
  until,
  waitForState,
  webviewFrame,
  type Workbench,
} from './harness';
import { authLensHover, hoverText } from './hoverPointer';
import { fill, openInspector, openTab } from './inspectorSteps';

/**
 * Issue 16 in the workbench: every token an auth engineer meets. The seed's Authing cookie
 * decoded from an editor, the sandbox's Better Auth cookie verified with the sandbox's secret, a
 * JWE decrypted and its inner JWT inspected, and a token edited, re-signed with the sandbox's
 * HS256 key and accepted by the sandbox's AuthMS, then rejected after a payload change kept
 * the old signature.
 */

/** The example value of `authing_session` in seed 001 (the Authing `cas/session` document). */
const SEED_AUTHING_COOKIE = 's%3A594D7KjGtUeudyZ6P06caxODTMBoYXE9.z0nB110i75UvpgJxkYZGPACrXByT6WcTeaIdqZhJkaI';
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The sandbox's AuthMS base URL, from the provider entries it writes to the workspace settings. */
async function sandboxAuthmsUrl(page: Page, workspaceDir: string): Promise<string> {
  return until(
    page,
    'the sandbox providers in the workspace settings',
    async () => {
      const text = await readFile(join(workspaceDir, '.vscode', 'settings.json'), 'utf8').catch(() => '');
      const match = /"baseUrl"\s*:\s*"(http:\/\/127\.0\.0\.1:\d+\/authms)"/.exec(text);
      return match?.[1];
    },
    30_000,
  );
}

/** The edited payload: the Edit tab's JSON, changed by `change`. */
async function editPayload(frame: FrameLocator, change: (payload: Record<string, unknown>) => void): Promise<void> {
  const payloadBox = frame.locator('#edit-payload');
  if ((await frame.locator('#edit-start').count()) > 0) await frame.locator('#edit-start').click();
  await payloadBox.waitFor({ timeout: 15_000 });
  const text = await payloadBox.evaluate((el) => (el as unknown as { value: string }).value);
  const payload = JSON.parse(text) as Record<string, unknown>;
  change(payload);
  await fill(payloadBox, JSON.stringify(payload, null, 2));
}

/**
 * "Why would a server reject it?" then "Ask the server": the checks run, then the shown token is
 * sent to its provider; returns the HTTP status the server answered.
 */
async function askServer(page: Page, frame: FrameLocator): Promise<string> {
  await openTab(frame, 'verify');
  await frame.locator('#diagnose-run').click();
  await waitForState(page, frame.locator('#diagnose-result li[data-check="signature"]'), 'the rejection checks', { timeout: 20_000 });
  await waitForState(page, frame.locator('#probe-run'), 'the "Send to" button');
  await frame.locator('#probe-run').click();
  const result = frame.locator('#probe-result');
  await waitForState(page, result, 'the server’s answer', { timeout: 20_000 });
  return until(page, 'a status in the server’s answer', async () => (await result.getAttribute('data-status')) ?? undefined, 20_000);
}

describe('UI: cookies, JWE, edit and re-sign', function () {
  this.timeout(300_000);
  let wb: Workbench;
  screenshotOnFailure(() => wb?.page);

  before(async () => {
    wb = await startWorkbench({
      viewport: { width: 1400, height: 900 },
      workspaceFiles: { 'cookies.txt': `# seed 001, GET /cas/session\nCookie: authing_session=${SEED_AUTHING_COOKIE}\n` },
      userSettings: { 'editor.hover.delay': 150 },
    });
  });
  after(async () => {
    await wb?.close();
  });

  it("decodes the seed's Authing cookie from an editor: hover with its parts, then the inspector", async () => {
    const { page } = wb;
    await openFile(page, 'cookies.txt');
    await hoverText(page, SEED_AUTHING_COOKIE, 10);
    const text = await authLensHover(page).innerText();
    for (const part of ['Signed session cookie', 'express-session', 'authing_session', '594D7KjGtUeudyZ6P06caxODTMBoYXE9', 'Signature not checked']) {
      assert.ok(text.includes(part), `the hover says "${part}":\n${text}`);
    }
    // The hover names the signature's length, never its text.
    assert.ok(!text.includes('z0nB110i75UvpgJxkYZGPACrXByT6WcTeaIdqZhJkaI'), text);
    await screenshot(page, 'cookie-hover-seed');
    await authLensHover(page).locator('a', { hasText: 'Inspect' }).click();
    const frame = webviewFrame(page);
    await waitForState(page, frame.locator('#kind-badge[data-kind="signed-cookie"]'), 'the inspector showing a signed cookie', { timeout: 30_000 });
    assert.match(await frame.locator('#fact-cookie-format').innerText(), /express-session/);
    await openTab(frame, 'fields');
    const parts = frame.locator('#cookie-parts[data-format="express-session"]');
    await waitForState(page, parts, 'the cookie parts');
    assert.match(await frame.locator('#table-cookie tr[data-part="session-id"]').innerText(), /594D7KjGtUeudyZ6P06caxODTMBoYXE9/);
    await screenshot(page, 'cookie-inspector-seed');
  });

  it("verifies the sandbox's Better Auth cookie with the sandbox's secret, and names a wrong secret", async () => {
    const { page } = wb;
    await focusWorkbench(page);
    await runCommand(page, 'AuthLens: Start Sandbox');
    await openActivityBarView(page, 'AuthLens');
    const provider = treeRow(page, 'Sandbox: Better Auth').first();
    await waitForState(page, provider, 'the sandbox providers', { timeout: 30_000 });
    await expandRow(provider);
    const session = treeRow(page, /this credential/).first();
    await waitForState(page, session, 'the credential’s own session', { timeout: 30_000 });
    await expandRow(session);
    const cookieRow = treeRow(page, /Session cookie/).first();
    await waitForState(page, cookieRow, 'the session’s cookie row', { timeout: 20_000 });
    const frame = webviewFrame(page);
    await clickRowAction(
      cookieRow,
      'Inspect Token',
      frame.locator('#fact-cookie-name', { hasText: 'better-auth.session_token' }),
      'the inspector on the cookie',
    );
    await waitForState(page, frame.locator('#cookie-session'), 'the session the cookie belongs to');
    await openTab(frame, 'verify');
    await fill(frame.locator('#cookie-secret'), 'not-the-server-secret');
    await frame.locator('#cookie-verify-button').click();
    const result = frame.locator('#cookie-verify-result');
    await waitForState(page, frame.locator('#cookie-verify-result[data-valid="false"]'), 'a failed check with a wrong secret', { timeout: 15_000 });
    assert.equal(await result.getAttribute('data-code'), 'wrong-secret');
    await frame.locator('#cookie-verify-sandbox').click();
    await waitForState(page, frame.locator('#cookie-verify-result[data-valid="true"]'), 'the cookie verified with the sandbox secret', { timeout: 15_000 });
    assert.match(await frame.locator('#verified-badge').innerText(), /HMAC-SHA256/);
    await screenshot(page, 'cookie-verified-sandbox');
  });

  it('decrypts a JWE with the key, inspects the inner JWT, and says a wrong key is wrong', async () => {
    const { page } = wb;
    const key = randomBytes(32);
    const inner = await new SignJWT({ sub: 'ui-jwe-user', scope: 'orders:read' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('https://issuer.example')
      .setExpirationTime(nowSeconds() + 3600)
      .sign(new TextEncoder().encode('ui-inner-secret-0123456789abcdef-xyz'));
    const jwe = await new CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM', cty: 'JWT' }).encrypt(key);
    const frame = await openInspector(page, jwe, 'Encrypted', '#kind-badge');
    await openTab(frame, 'verify');
    await waitForState(page, frame.locator('section#decrypt'), 'the Decrypt form');
    await fill(frame.locator('#decrypt-key'), randomBytes(32).toString('hex'));
    await frame.locator('#decrypt-button').click();
    await waitForState(page, frame.locator('#decrypt-result[data-ok="false"]'), 'a failed decryption', { timeout: 15_000 });
    assert.equal(await frame.locator('#decrypt-result').getAttribute('data-code'), 'wrong-key');
    await fill(frame.locator('#decrypt-key'), key.toString('hex'));
    await frame.locator('#decrypt-button').click();
    await waitForState(page, frame.locator('#decrypt-result[data-ok="true"]'), 'the decrypted plaintext', { timeout: 15_000 });
    await waitForState(page, frame.locator('#decrypt-inner[data-kind="jws"]'), 'the inner JWT');
    assert.equal((await frame.locator('#decrypt-plaintext').innerText()).trim(), inner);
    await screenshot(page, 'jwe-decrypted');
    await frame.locator('#decrypt-inspect-inner').click();
    await waitForState(page, frame.locator('#fact-sub', { hasText: 'ui-jwe-user' }), 'the inner token in the inspector', { timeout: 15_000 });
    assert.equal(await frame.locator('#derived-banner').getAttribute('data-derivation'), 'decrypted');
    await screenshot(page, 'jwe-inner-token');
  });

  it("re-signs an edited token with the sandbox's HS256 key: AuthMS accepts it, and rejects a later change that kept the signature", async () => {
    const { page } = wb;
    const authms = await sandboxAuthmsUrl(page, wb.workspaceDir);
    // A token for the sandbox's AuthMS user, signed with a key that is not the server's.
    const forged = await new SignJWT({ roles: ['user'], scope: 'sessions:read' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(authms)
      .setAudience('authms')
      .setSubject('usr_ada0250')
      .setIssuedAt()
      .setExpirationTime(nowSeconds() + 3600)
      .sign(new TextEncoder().encode('a-key-the-sandbox-does-not-know-0123456789'));
    let frame = await openInspector(page, forged, 'usr_ada0250');
    assert.equal(await askServer(page, frame), '401', 'the sandbox refuses a token it did not sign');
    assert.equal(await frame.locator('#diagnose-result li[data-check="signature"]').getAttribute('data-verdict'), 'fail');

    await openTab(frame, 'edit');
    await editPayload(frame, (p) => {
      p['purpose'] = 'ui-re-signed';
    });
    await frame.locator('#edit-sign-sandbox').click();
    await waitForState(page, frame.locator('#derived-banner[data-derivation="signed"]'), 'the banner of a token AuthLens signed', { timeout: 15_000 });
    assert.match(await frame.locator('#derived-banner').innerText(), /not by the server/);
    assert.equal(await askServer(page, frame), '200', 'the sandbox accepts the token re-signed with its key');
    assert.equal(await frame.locator('#probe-result').getAttribute('data-accepted'), 'true');
    assert.equal(await frame.locator('#diagnose-result li[data-check="signature"]').getAttribute('data-verdict'), 'pass');
    await screenshot(page, 'edit-resigned-accepted');

    // The re-signed token, opened as a token of its own: change the payload, keep its signature.
    await frame.locator('#copy-raw').first().click();
    const resigned = await until(page, 'the re-signed token on the clipboard', async () => {
      const text = await readClipboard(page);
      return text !== forged && text.split('.').length === 3 ? text : undefined;
    });
    frame = await openInspector(page, resigned, 'usr_ada0250');
    await waitForState(page, frame.locator('#derived-banner'), 'the re-signed token shown as the original', { state: 'detached' });
    await openTab(frame, 'edit');
    await editPayload(frame, (p) => {
      p['roles'] = ['admin'];
    });
    await frame.locator('#edit-keep-signature').click();
    await waitForState(page, frame.locator('#derived-banner[data-derivation="original-signature"]'), 'the banner of a changed payload', { timeout: 15_000 });
    assert.equal(await askServer(page, frame), '401', 'the sandbox rejects a payload changed without re-signing');
    await frame.locator('#diagnose-run').click();
    await waitForState(page, frame.locator('#diagnose-result li[data-check="signature"][data-verdict="fail"]'), 'the signature check failing', {
      timeout: 20_000,
    });
    await screenshot(page, 'edit-changed-rejected');
  });
});
