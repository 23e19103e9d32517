import * as assert from 'node:assert/strict';
import type { OidcTestServer } from '../fixtures/oidcServer.mjs';
import * as ui from './harness';

/**
 * A person whose VS Code cannot receive a browser redirect signs in with a code (RFC 8628)
 * against a real oidc-provider 9 with the device flow on: the code and the page show as plain
 * text in a notification, Copy Code puts the code on the clipboard, the approval happens in
 * "another browser" (driven over HTTP here), and the signed-in user appears in the tree.
 */
describe('UI: sign in with a code (device authorization grant, real oidc-provider)', function () {
  this.timeout(180_000);
  let wb: ui.Workbench;
  let server: OidcTestServer;
  let device: typeof import('../fixtures/oidcDevice.mjs');

  before(async () => {
    device = await import('../fixtures/oidcDevice.mjs');
    const { startOidcServer } = await import('../fixtures/oidcServer.mjs');
    server = await startOidcServer({ features: device.deviceFeatures, clients: [device.deviceClient] });
    wb = await ui.startWorkbench({
      workspaceFiles: { 'notes.txt': 'device\n' },
      userSettings: {
        'authlens.providers': [{ id: 'device-idp', kind: 'oidc', label: 'Device IdP', baseUrl: server.issuer, clientId: device.deviceClient.client_id }],
      },
    });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });
  ui.screenshotOnFailure(() => wb?.page);

  it('shows the code as text, copies it, and lists the user once the code is approved elsewhere', async () => {
    const { page } = wb;
    await ui.openActivityBarView(page, 'AuthLens');
    await ui.treeRow(page, 'Device IdP').first().waitFor({ timeout: 30_000 });
    await ui.runCommand(page, 'AuthLens: Sign In with a Code (OpenID Connect device flow)');
    const prompt = await ui.waitForNotification(page, /enter the code/, 30_000);
    const text = (await prompt.innerText()).replace(/\s+/g, ' ');
    const match = /enter the code (\S+) at (\S+) \(in any browser, within (\d+) minutes\)/.exec(text);
    assert.ok(match, `the code notification: ${text}`);
    const [, userCode, verificationUri, minutes] = match;
    assert.match(userCode!, /^[A-Z]{4}-[A-Z]{4}$/, 'oidc-provider user codes look like XFSJ-GHVB');
    assert.equal(verificationUri, `${server.issuer}/device`);
    assert.equal(minutes, '10', 'the server gives 600 s');
    await ui.screenshot(page, 'device-sign-in-code');

    await ui.clickButton(prompt, 'Copy Code');
    await ui.until(page, 'the clipboard to hold the user code', async () => ((await ui.readClipboard(page).catch(() => '')) === userCode ? true : undefined));

    const title = await device.driveDeviceApproval(verificationUri, userCode!, { login: 'dora' });
    assert.match(title, /Sign-in Success/);
    await ui.waitForNotification(page, 'Signed in to Device IdP as Test dora', 30_000);
    await ui.expandRow(ui.treeRow(page, 'Device IdP').first());
    const user = ui.treeRow(page, /Test dora/).first();
    await ui.waitForState(page, user, 'the signed-in user in the Sessions view', { timeout: 30_000 });
    await ui.screenshot(page, 'device-sign-in-user');
  });
});
