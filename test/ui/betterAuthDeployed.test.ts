import * as assert from 'node:assert/strict';
import { signUp, spawnBetterAuth, type BetterAuthChild, type SignedIn } from '../fixtures/betterAuthClient';
import * as ui from './harness';

/**
 * Better Auth as a team deploys it (`basePath: '/auth'`, `advanced.cookiePrefix: 'myapp'`, the jwt
 * plugin), a real 1.7 server: the person pastes the browser's whole Cookie header, the session
 * shows with its JWT, and the JWT verifies with one click on the keys Better Auth serves at
 * `{baseUrl}/jwks` (its `/.well-known/openid-configuration` answers 404).
 */
describe('UI: Better Auth with a base path, a cookie prefix and the jwt plugin (real server)', function () {
  this.timeout(180_000);
  let wb: ui.Workbench;
  let server: BetterAuthChild;
  let alice: SignedIn;
  const label = 'Deployed Better Auth';

  before(async () => {
    server = await spawnBetterAuth(['--base-path', '/auth', '--cookie-prefix', 'myapp']);
    alice = await signUp(server, 'alice@deployed.test', 'password-123456', 'Alice Deployed');
    wb = await ui.startWorkbench({
      workspaceFiles: { 'notes.txt': 'better auth\n' },
      userSettings: { 'authlens.providers': [{ id: 'deployed-ba', kind: 'better-auth', label, baseUrl: server.baseUrl }] },
    });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });
  ui.screenshotOnFailure(() => wb?.page);

  it('takes a pasted Cookie header with the myapp prefix and lists the session with its JWT', async () => {
    const { page } = wb;
    await ui.openActivityBarView(page, 'AuthLens');
    const provider = ui.treeRow(page, label).first();
    await ui.waitForState(page, provider, 'the provider row', { timeout: 30_000 });
    await ui.contextMenu(page, provider, 'Set Credential');
    await ui.pickQuickInput(page, 'Session cookie', /Which credential/);
    await ui.answerQuickInput(page, `Cookie: theme=dark; ${alice.cookieName}=${alice.cookie}`, /session cookie value/);
    // The provider row says what the pasted cookie found before its children are opened.
    let seen = '';
    await ui
      .until(
        page,
        'the provider row to count one session',
        async () => {
          const rows = ui.treeRow(page, label);
          seen = `${await rows.count()} rows: ${(await rows.allTextContents()).join(' | ')}`;
          return /(?<!\d)1 session\b/.test(seen) ? true : undefined;
        },
        30_000,
      )
      .catch((err: unknown) => {
        throw new Error(`${String(err)}\nlast seen: ${seen}`);
      });
    await ui.expandRow(provider);
    const session = ui.treeRow(page, /this credential/).first();
    await ui.waitForState(page, session, 'the credential’s own session', { timeout: 30_000 });
  });

  it('verifies the jwt plugin’s token from the tree with one click on {baseUrl}/jwks', async () => {
    const { page } = wb;
    const session = ui.treeRow(page, /this credential/).first();
    await ui.expandRow(session);
    const jwtRow = ui.treeRow(page, 'JWT (jwt plugin)').first();
    await ui.waitForState(page, jwtRow, 'the JWT row under the session');
    const frame = ui.webviewFrame(page);
    await ui.clickRowAction(
      jwtRow,
      'Inspect Token',
      frame.locator('#fact-iss', { hasText: new URL(server.baseUrl).origin }),
      'the inspector on the jwt plugin’s token',
    );
    const verifyTab = frame.locator('vscode-tab-header[data-tab="verify"]');
    await ui.waitForState(page, verifyTab, 'the inspector’s Verify tab', { timeout: 30_000 });
    await verifyTab.click();
    await frame.locator('vscode-tab-panel[data-panel="verify"]').waitFor({ state: 'visible' });
    const candidate = frame.locator('#verify-jwks-0');
    await ui.waitForState(page, candidate, 'the offered key source');
    const offered = await frame.locator('.verify-block li').first().innerText();
    assert.ok(offered.includes(`${server.baseUrl}/jwks`), `the first key source is Better Auth's own: ${offered}`);
    assert.ok(!offered.includes('openid-configuration'), 'not the discovery URL Better Auth answers 404 on');
    await candidate.click();
    const result = frame.locator('#verify-result');
    await ui.waitForState(page, result, 'the verification result', { timeout: 20_000 });
    assert.equal(await result.getAttribute('data-valid'), 'true', await result.innerText());
    assert.match(await result.innerText(), /Signature valid/);
    await ui.screenshot(page, 'better-auth-jwt-verified');
  });
});
