import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SANDBOX_PROVIDER_IDS, startSandbox, type SandboxHandle } from '../../src/sandbox/index';
import {
  answerQuickInput,
  clickButton,
  expandRow,
  readClipboard,
  openActivityBarView,
  pickQuickInput,
  runCommand,
  screenshot,
  screenshotOnFailure,
  selectors,
  startWorkbench,
  treeRow,
  until,
  waitForNotification,
  waitForState,
  webviewFrame,
  type Workbench,
} from './harness';

/**
 * A person adds an OpenID Connect provider for the sandbox's issuer through "Add Provider",
 * sets the client secret, gets a service token (a JWT for the sandbox API), inspects it, and
 * tries to revoke it: the server refuses, and AuthLens says the token stays valid until its exp.
 * Then signs in through the system browser (the sandbox approves at once) and sees the user.
 */

/** Answers the quick input step that shows `expect` (steps follow fast; the harness waits for the right one). */
async function answerStep(page: Page, expect: string, text: string): Promise<void> {
  await answerQuickInput(page, text, expect);
}

async function waitForClipboard(page: Page, pattern: RegExp): Promise<string> {
  return until(
    page,
    `the clipboard to hold ${String(pattern)}`,
    async () => {
      const text = await readClipboard(page).catch(() => '');
      return pattern.test(text) ? text : undefined;
    },
    10_000,
  );
}

describe('UI: OpenID Connect provider (sandbox issuer)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    wb = await startWorkbench({ workspaceFiles: { 'notes.txt': 'oidc\n' } });
  });
  after(async () => {
    await wb?.close();
    await sandbox?.close();
  });
  screenshotOnFailure(() => wb?.page);

  it('adds an oidc provider for the sandbox issuer and stores its client secret', async () => {
    const { page } = wb;
    await openActivityBarView(page, 'AuthLens');
    await runCommand(page, 'AuthLens: Add Provider');
    await answerStep(page, 'Which kind of auth server?', 'OpenID Connect');
    await answerStep(page, 'Base URL of the OpenID Connect API', sandbox.baseUrls.oidc);
    await answerStep(page, 'Name shown in the Sessions view', 'Sandbox OIDC');
    await answerStep(page, 'Client id registered at the issuer', 'authlens-service');
    await answerStep(page, 'Resource or API identifier', 'urn:authlens:sandbox-api');
    await answerStep(page, 'Where should the provider be saved?', 'Workspace settings');
    const added = await waitForNotification(page, 'Added "Sandbox OIDC"');
    await clickButton(added, 'Set Credential');
    // An oidc provider takes a client secret or a private key (private_key_jwt): the person picks.
    await pickQuickInput(page, 'Client secret', /Which credential for/);
    await answerStep(page, 'Client secret', sandbox.credentials[SANDBOX_PROVIDER_IDS.oidc]?.clientSecret ?? '');
    await treeRow(page, 'Sandbox OIDC').first().waitFor({ timeout: 20_000 });
  });

  it('gets a service token (JWT), inspects it', async () => {
    const { page } = wb;
    await runCommand(page, 'AuthLens: Get Service Token');
    const got = await waitForNotification(page, /Got a service token \(JWT\)/, 30_000);
    await clickButton(got, 'Inspect');
    const frame = webviewFrame(page);
    await frame.locator('body').getByText('at+jwt').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'oidc-inspect-service-token');
    assert.ok(await frame.locator('body').getByText('urn:authlens:sandbox-api').first().isVisible());
    await runCommand(page, 'View: Close All Editors');
    await treeRow(page, 'Sandbox OIDC').first().click();
    await treeRow(page, 'authlens-service').first().click();
    await treeRow(page, 'Access token').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'oidc-service-token-tree');
  });

  it('revoking the JWT: refused, and the exp it stays valid until is shown', async () => {
    const { page } = wb;
    await runCommand(page, 'AuthLens: Revoke Session');
    // One provider (no provider picker); the session picker lists the service token's session.
    await pickQuickInput(page, 'authlens-service', 'Choose a session');
    const dialog = page.locator('.monaco-dialog-box');
    await waitForState(page, dialog, 'the revoke confirmation');
    await clickButton(dialog, 'Revoke');
    const refused = await waitForNotification(page, /stays valid until exp \d{4}-/, 30_000);
    assert.match((await refused.textContent()) ?? '', /unsupported_token_type/);
    await screenshot(page, 'oidc-revoke-refused');
  });

  it('signs in through the browser: the loopback listener gets the code and the user shows up', async () => {
    const { page } = wb;
    const popup = wb.browser.context.waitForEvent('page', { timeout: 30_000 }).catch(() => undefined);
    await runCommand(page, 'AuthLens: Sign In (OpenID Connect)');
    // VS Code asks before opening an external site.
    // VS Code may ask before opening an external site (not when the host is already trusted):
    // wait for whichever comes, the question or AuthLens's offer to copy the URL.
    const ask = page.locator('.monaco-dialog-box');
    const offerToast = page
      .locator(selectors.notificationToast)
      .filter({ hasText: /If the sign-in page did not open/ })
      .first();
    const first = await until(page, 'the open-external question or the copy-URL offer', async () =>
      (await ask.isVisible()) ? 'ask' : (await offerToast.isVisible()) ? 'offer' : undefined,
    );
    if (first === 'ask') await clickButton(ask, 'Open');
    // code-server routes loopback URLs through its port proxy and drops path and query, so the
    // tab it opens is useless here; the person copies the URL instead, as AuthLens offers.
    await (await popup)?.close().catch(() => undefined);
    const offer = await waitForNotification(page, /If the sign-in page did not open/, 15_000);
    await clickButton(offer, 'Copy Sign-In URL');
    const url = await waitForClipboard(page, /\/oidc\/auth\?/);
    const authorize = new URL(url);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const tab = await wb.browser.context.newPage();
    await tab.goto(url);
    await tab.getByText('signed in').waitFor({ timeout: 15_000 });
    await screenshot(tab, 'oidc-sign-in-browser-tab');
    await tab.close();
    await page.bringToFront();
    // With a resource configured the access token is a JWT for the API, which userinfo refuses:
    // the user is known by the ID token's sub only.
    const signedIn = await waitForNotification(page, /Signed in to Sandbox OIDC as usr_/, 30_000);
    const sub = /as (usr_\w+)/.exec((await signedIn.textContent()) ?? '')?.[1] ?? 'usr_';
    await expandRow(treeRow(page, sub).first());
    await treeRow(page, 'Refresh token').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'oidc-signed-in-tree');
  });

  it('refreshes the tokens and shows the rotation', async () => {
    const { page } = wb;
    await runCommand(page, 'AuthLens: Refresh Tokens');
    await waitForNotification(page, /introspection confirms the old one is dead/, 30_000);
    await screenshot(page, 'oidc-refresh-rotation');
  });
});
