import * as assert from 'node:assert/strict';
import { fakeJwt } from '../fixtures/hoverTokens';
import * as ui from './harness';
import {
  clickStepButton,
  hoverToken,
  openWalkthrough,
  signInToSandboxInBrowser,
  stepDone,
  waitForStepDone,
  walkthroughStep,
  walkthroughStepIds,
} from './marketplaceSteps';

/**
 * The "Get Started with AuthLens" walkthrough as a new user meets it: every step starts
 * unchecked, and each one ticks when its thing really happens (a context key the extension
 * sets), driven through the walkthrough's own buttons where it has one:
 * 1. "Start Sandbox" → the sandbox runs, its providers are in the Sessions view;
 * 2. a hover on a JWT → its Inspect link → the inspector renders the token;
 * 3. Add Provider (palette) → "Set Credential" from the notification → a credential is stored;
 * 4. "Sign In (OpenID Connect)" → the sandbox issuer's sign-in page in the browser → signed in.
 */
describe('UI: walkthrough "Get Started with AuthLens"', function () {
  this.timeout(300_000);
  let wb: ui.Workbench;
  let token: string;

  before(async () => {
    const now = Math.floor(Date.now() / 1000);
    token = fakeJwt({ iss: 'https://issuer.test', sub: 'walkthrough-user', aud: 'api', exp: now + 3600, iat: now - 60 });
    wb = await ui.startWorkbench({ workspaceFiles: { 'request.http': `GET /api/me HTTP/1.1\nAuthorization: Bearer ${token}\n` } });
  });
  after(async () => {
    await wb?.close();
  });
  ui.screenshotOnFailure(() => wb?.page);

  it('starts with four unchecked steps, and checks each when its event happens', async () => {
    const { page } = wb;
    await openWalkthrough(wb);
    for (const id of walkthroughStepIds) {
      await ui.waitForState(page, walkthroughStep(page, id), `the step "${id}"`);
      assert.equal(await stepDone(page, id), false, `"${id}" starts unchecked`);
    }
    await ui.screenshot(page, 'walkthrough-start');

    // 1. The sandbox: its button, then its providers in the Sessions view.
    await clickStepButton(page, 'sandbox', 'Start Sandbox');
    await waitForStepDone(page, 'sandbox', 60_000);
    await ui.openActivityBarView(page, 'AuthLens');
    await ui.waitForState(page, ui.treeRow(page, 'Sandbox: OpenID Connect').first(), 'the sandbox providers in the Sessions view', { timeout: 30_000 });
    assert.equal(await stepDone(page, 'inspect'), false, 'starting the sandbox checks only its own step');

    // 2. Hover a token, then its Inspect link: the inspector renders it.
    await ui.openFile(page, 'request.http');
    const hover = await hoverToken(page, token);
    await hover.locator('a', { hasText: 'Inspect' }).first().click();
    await ui.webviewFrame(page).getByText('walkthrough-user').first().waitFor({ timeout: 30_000 });
    await openWalkthrough(wb);
    await waitForStepDone(page, 'inspect');

    // 3. Add Provider, then Set Credential from its notification. From the palette, with the
    // walkthrough behind an editor: a visible walkthrough page can take focus back while its step
    // re-renders, which closed this four-question quick input in one run out of several.
    await ui.openFile(page, 'request.http');
    await ui.runCommand(page, 'AuthLens: Add Provider');
    await ui.pickQuickInput(page, 'Better Auth', 'Which kind of auth server?');
    await ui.answerQuickInput(page, 'http://127.0.0.1:3000/api/auth', 'Base URL of the Better Auth API');
    await ui.answerQuickInput(page, 'My app', 'Name shown in the Sessions view');
    await ui.pickQuickInput(page, 'Workspace settings', 'Where should the provider be saved?');
    await openWalkthrough(wb);
    assert.equal(await stepDone(page, 'provider'), false, 'a provider without a credential is not the step yet');
    await ui.openFile(page, 'request.http');
    // From the notification list: its toast may have hidden itself while the walkthrough was shown.
    await ui.executeCommand(wb, 'notifications.showList');
    const added = page.locator('.notifications-center .monaco-list-row').filter({ hasText: 'Added "My app"' }).first();
    await ui.clickButton(await ui.waitForState(page, added, 'the notification "Added "My app""'), 'Set Credential');
    await ui.pickQuickInput(page, /cookie/i, /Which credential for/);
    await ui.answerQuickInput(page, 'walkthrough-cookie-value-not-real', /cookie/i);
    await openWalkthrough(wb);
    await waitForStepDone(page, 'provider');

    // 4. Sign in to the sandbox's OpenID Connect issuer from the walkthrough's button.
    const tab = await signInToSandboxInBrowser(wb, () => clickStepButton(page, 'signIn', 'Sign In (OpenID Connect)'));
    await tab.close();
    await ui.waitForNotification(page, /Signed in to Sandbox: OpenID Connect/, 30_000);
    await openWalkthrough(wb);
    await waitForStepDone(page, 'signIn');
    for (const id of walkthroughStepIds) assert.equal(await stepDone(page, id), true, `"${id}" is checked`);
    await ui.screenshot(page, 'walkthrough-done');
  });
});
