import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { fakeJwt } from '../fixtures/hoverTokens';
import type { OidcTestServer } from '../fixtures/oidcServer.mjs';
import * as ui from './harness';

/**
 * The loop an engineer wants: sign in, keep the token fresh, export it to the terminal, call the
 * API with curl, and click a token printed in the terminal. Against a real oidc-provider 9 whose
 * access tokens live 20 s, so "fresh" is seen across a real expiry without anyone clicking.
 */
describe('UI: tokens in the terminal (Keep Fresh, Export to Terminals, links)', function () {
  this.timeout(240_000);
  let wb: ui.Workbench;
  let server: OidcTestServer;
  let device: typeof import('../fixtures/oidcDevice.mjs');
  let outputs = 0;
  const label = 'Terminal IdP';

  /** Runs `command` in a NEW terminal (new terminals get the exported variables) and returns what it wrote to its file. */
  async function runInNewTerminal(page: Page, command: (file: string) => string): Promise<string> {
    const file = join(wb.workspaceDir, `out-${++outputs}.txt`);
    const done = `${file}.done`;
    await ui.runCommand(page, 'Terminal: Create New Terminal');
    const terminal = page.locator('.terminal-wrapper.active .xterm');
    await ui.waitForState(page, terminal, 'a new terminal');
    await terminal.click();
    await page.keyboard.type(`${command(file)}; touch ${done}`);
    await page.keyboard.press('Enter');
    await ui.until(page, `the terminal to finish "${command('…')}"`, async () => (existsSync(done) ? true : undefined), 30_000);
    return readFileSync(file, 'utf8').trim();
  }

  before(async () => {
    device = await import('../fixtures/oidcDevice.mjs');
    const { startOidcServer } = await import('../fixtures/oidcServer.mjs');
    server = await startOidcServer({ features: device.deviceFeatures, clients: [device.deviceClient], ttl: { AccessToken: 20 } });
    wb = await ui.startWorkbench({
      workspaceFiles: { 'notes.txt': 'terminal\n' },
      userSettings: {
        'authlens.providers': [{ id: 'terminal-idp', kind: 'oidc', label, baseUrl: server.issuer, clientId: device.deviceClient.client_id }],
        'authlens.refreshAheadSeconds': 5,
        'terminal.integrated.gpuAcceleration': 'off',
      },
    });
    const { page } = wb;
    await ui.openActivityBarView(page, 'AuthLens');
    await ui.treeRow(page, label).first().waitFor({ timeout: 30_000 });
    await ui.runCommand(page, 'AuthLens: Sign In with a Code (OpenID Connect device flow)');
    const prompt = await ui.waitForNotification(page, /enter the code/, 30_000);
    const [, userCode, verificationUri] = /enter the code (\S+) at (\S+) /.exec((await prompt.innerText()).replace(/\s+/g, ' ')) ?? [];
    assert.ok(userCode && verificationUri, 'the code notification');
    await device.driveDeviceApproval(verificationUri, userCode, { login: 'terry' });
    await ui.waitForNotification(page, `Signed in to ${label} as Test terry`, 30_000);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });
  ui.screenshotOnFailure(() => wb?.page);

  it('exports the access token to new terminals, where curl calls userinfo with it', async () => {
    const { page } = wb;
    await ui.expandRow(ui.treeRow(page, label).first());
    const user = ui.treeRow(page, /Test terry/).first();
    await ui.waitForState(page, user, 'the signed-in user');
    await ui.contextMenu(page, user, 'Export to Terminals');
    await ui.answerQuickInput(page, 'AUTHLENS_TOKEN', /Name of the environment variable/);
    const token = await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`);
    assert.ok(token.length >= 20, `the exported token (${token.length} characters)`);
    assert.equal(await runInNewTerminal(page, (f) => `printenv AUTHLENS_AUTHORIZATION > ${f}`), `Bearer ${token}`);
    const me = JSON.parse(await runInNewTerminal(page, (f) => `curl -s -H "Authorization: $AUTHLENS_AUTHORIZATION" ${server.issuer}/me > ${f}`)) as {
      sub?: string;
    };
    assert.equal(me.sub, 'terry', 'userinfo answered for the exported token');
    await ui.screenshot(page, 'terminal-export-curl');
  });

  it('keeps the token fresh across its 20 s expiry without a click, and new terminals get the new one', async () => {
    const { page } = wb;
    const first = await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`);
    await ui.contextMenu(page, ui.treeRow(page, label).first(), 'Keep Fresh');
    await ui.waitForState(page, ui.treeRow(page, /kept fresh/).first(), 'the provider row saying "kept fresh"');
    // Refreshed 5 s before each expiry: wait until a new terminal sees another token.
    let next = first;
    await ui.until(
      page,
      'a new terminal to get the refreshed token',
      async () => {
        next = await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`);
        return next !== first ? true : undefined;
      },
      90_000,
    );
    const me = JSON.parse(await runInNewTerminal(page, (f) => `curl -s -H "Authorization: $AUTHLENS_AUTHORIZATION" ${server.issuer}/me > ${f}`)) as {
      sub?: string;
    };
    assert.equal(me.sub, 'terry', 'the refreshed token works');
    await ui.contextMenu(page, ui.treeRow(page, label).first(), 'Stop Keeping Fresh');
  });

  it('Stop Exporting: new terminals no longer get the variable', async () => {
    const { page } = wb;
    await ui.runCommand(page, 'AuthLens: Stop Exporting');
    assert.equal(await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`), '');
  });

  it('a JWT printed in the terminal is a link that opens the inspector', async () => {
    const { page } = wb;
    const nowS = Math.floor(Date.now() / 1000);
    const jwt = fakeJwt({ sub: 'printed-user', iss: 'https://issuer.test', exp: nowS + 600, iat: nowS });
    await runInNewTerminal(page, (f) => `echo ${jwt}; echo ok > ${f}`);
    // The last row that holds the token's start is the output line, which starts with it (the
    // first is the typed command, where "echo " comes first).
    const row = page.locator('.terminal-wrapper.active .xterm-rows > div', { hasText: jwt.slice(0, 24) }).last();
    await ui.waitForState(page, row, 'the printed token in the terminal');
    const box = await row.boundingBox();
    assert.ok(box, 'the row has a box');
    // Ctrl+click, as a person follows a terminal link (the link is the token itself).
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.click(box.x + 30, box.y + box.height / 2);
    await page.keyboard.up('Control');
    const frame = ui.webviewFrame(page);
    await ui.waitForState(page, frame.getByText('printed-user').first(), 'the inspector on the printed token', { timeout: 30_000 });
    await ui.screenshot(page, 'terminal-link-inspector');
  });
});
