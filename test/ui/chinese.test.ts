import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { fakeJwt } from '../fixtures/hoverTokens';
import {
  executeCommand,
  expandRow,
  openActivityBarView,
  openFile,
  screenshot,
  screenshotOnFailure,
  selectors,
  startWorkbench,
  treeRow,
  waitForNotification,
  waitForState,
  webviewFrame,
  type Workbench,
} from './harness';
import { hoverToken, openWalkthrough, walkthroughStep, walkthroughStepIds } from './marketplaceSteps';
import { englishLeft, hasChinese, nls, zh } from './translations';

/**
 * AuthLens in a workbench started in Simplified Chinese (stub language pack, see
 * test/support/languagePack.ts), as a Chinese user meets it: the Sessions tree with a session's
 * tooltip and the status bar, a hover on a token, the inspector opened from it (every tab, the
 * countdown), an error (Decode Token on a malformed selection, run from the palette by its
 * Chinese title), a notification (Copy Payload) and the walkthrough. On each surface: Chinese
 * is shown, none of our English phrases that have a translation are, and durations carry
 * Chinese units ("剩余3天5小时", not "3d 5h").
 */

/** Chinese on the surface, and none of our translated English phrases. */
function assertChinese(surface: string, text: string): void {
  assert.ok(hasChinese(text), `${surface} shows Chinese:\n${text}`);
  assert.deepEqual(englishLeft(text), [], `${surface} shows our English where a translation exists:\n${text}`);
}

/** A duration with English unit letters ("6d 21h", "4m 12s"). */
const englishUnits = /\d+[dhms]\b/;
/** A date as Intl writes it for zh-CN ("2026年12月2日 08:10:05"). */
const chineseDate = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}/;

async function widenSideBar(page: Page, to = 700): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(to, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Rests the mouse on a tree row's label until its tooltip (containing `expect`) shows. */
async function rowTooltip(page: Page, row: Locator, expect: string): Promise<Locator> {
  const tooltip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: expect }).first();
  const box = await row.boundingBox();
  if (!box) throw new Error('the row is not on screen');
  // Onto the label from outside the row, in steps: the tree shows a tooltip for a pointer that
  // entered and rests. Once more a little further if the first entry came too early.
  for (const dx of [0, 20]) {
    await page.mouse.move(box.x + 150 + dx, box.y - 40);
    await page.mouse.move(box.x + 130 + dx, box.y + box.height / 2, { steps: 5 });
    if (
      await tooltip.waitFor({ state: 'visible', timeout: 8_000 }).then(
        () => true,
        () => false,
      )
    )
      return tooltip;
  }
  return waitForState(page, tooltip, `the tooltip "${expect}"`, { timeout: 5_000 });
}

/**
 * Runs a command from the palette by its title, as `runCommand` does, but without the Escape
 * that closes other quick inputs first: in an editor, Escape also drops the selection.
 */
async function paletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator(selectors.quickInputBox);
  await waitForState(page, input, 'the command palette');
  await input.fill(`>${title}`);
  const row = page
    .locator(selectors.quickInputRow)
    .filter({ has: page.locator('.label-name', { hasText: title }) })
    .first();
  await waitForState(page, row, `"${title}" in the command palette`);
  await screenshot(page, 'zh-palette');
  await row.click();
}

describe('UI: AuthLens in Simplified Chinese', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let token: string;
  screenshotOnFailure(() => wb?.page);

  before(async () => {
    const now = Math.floor(Date.now() / 1000);
    token = fakeJwt({ iss: 'https://issuer.test', sub: 'zh-user', aud: 'api', exp: now + 3 * 86_400 + 5 * 3600 + 40 * 60, iat: now - 60 });
    wb = await startWorkbench({
      locale: 'zh-cn',
      theme: 'dark',
      viewport: { width: 1400, height: 900 },
      workspaceFiles: {
        'request.http': `GET /api/me HTTP/1.1\nAuthorization: Bearer ${token}\n`,
        'broken.txt': 'eyJhbGciOiJIUzI1NiJ9.broken\n',
      },
      userSettings: { 'editor.hover.delay': 150, 'workbench.hover.delay': 300 },
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the Sessions tree, a session tooltip and the status bar in Chinese, with Chinese durations and dates', async () => {
    const { page } = wb;
    assert.equal(await executeCommand(wb, 'authlens.startSandbox'), true, 'the sandbox runs');
    await openActivityBarView(page, 'AuthLens');
    await widenSideBar(page);
    await expandRow(treeRow(page, 'Sandbox: Better Auth').first());
    const own = treeRow(page, zh('this credential')).first();
    await waitForState(page, own, 'the session of the stored credential', { timeout: 30_000 });
    await expandRow(own);
    const sidebar = await page.locator('.part.sidebar').innerText();
    assertChinese('the Sessions view', sidebar);
    assert.match(sidebar, new RegExp(zh('{0} sessions').replace('{0}', '\\d+')), sidebar);
    assert.doesNotMatch(sidebar, englishUnits, sidebar);

    const status = page
      .locator('.part.statusbar .statusbar-item')
      .filter({ hasText: zh('{0} left').replace('{0}', '') })
      .first();
    await waitForState(page, status, 'the session countdown in the status bar');
    const statusText = await status.innerText();
    assert.match(statusText, /剩余\d+天\d+小时|剩余\d+(小时|分钟|秒)/, statusText);
    assert.doesNotMatch(statusText, englishUnits, statusText);

    const tooltip = await rowTooltip(page, own, zh('Session fields as sent by the server'));
    const tip = await tooltip.innerText();
    assertChinese('the session tooltip', tip.split(zh('Session fields as sent by the server'))[0] ?? tip);
    assert.match(tip, chineseDate, `the tooltip's dates read as Chinese dates:\n${tip}`);
    assert.doesNotMatch(tip, englishUnits, tip);
    await screenshot(page, 'zh-sessions-tooltip');
    await page.mouse.move(900, 500);
  });

  it('shows a hover on a token and the inspector opened from it in Chinese (every tab, the countdown)', async () => {
    const { page } = wb;
    await openFile(page, 'request.http');
    const hover = await hoverToken(page, token);
    const hoverText = await hover.innerText();
    assertChinese('the token hover', hoverText);
    assert.ok(hoverText.includes(zh('Inspect')), hoverText);
    assert.match(hoverText, /\d+天后过期/, hoverText);
    await screenshot(page, 'zh-hover');

    await hover
      .locator('a', { hasText: zh('Inspect') })
      .first()
      .click();
    const frame = webviewFrame(page);
    await waitForState(page, frame.locator('#fact-sub', { hasText: 'zh-user' }), 'the inspector showing the hovered token', { timeout: 30_000 });
    const countdown = await frame.locator('#countdown-exp').innerText();
    assert.match(countdown, /^剩余3天5小时$/, countdown);
    assertChinese('the inspector status badge', await frame.locator('#status-badge').innerText());
    assertChinese('the inspector', await frame.locator('body').innerText());
    await screenshot(page, 'zh-inspector');
    const tabs = await frame.locator('vscode-tab-header[data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab') ?? ''));
    assert.ok(tabs.length >= 2, `the inspector has tabs: ${tabs.join(', ')}`);
    const titles: string[] = [];
    for (const tab of tabs) {
      const header = frame.locator(`vscode-tab-header[data-tab="${tab}"]`);
      const title = await header.innerText();
      assert.deepEqual(englishLeft(title), [], `the inspector tab title "${title}"`);
      titles.push(title);
      await header.click();
      const panel = frame.locator(`vscode-tab-panel[data-panel="${tab}"]`);
      await waitForState(page, panel, `the inspector tab "${tab}"`);
      assert.deepEqual(englishLeft(await panel.innerText()), [], `the inspector tab "${tab}" shows our English:\n${await panel.innerText()}`);
      await screenshot(page, `zh-inspector-${tab}`);
    }
    // "JSON" stays JSON; the other tab titles are Chinese.
    assert.ok(titles.filter(hasChinese).length >= tabs.length - 1, `the tab titles are Chinese: ${titles.join(', ')}`);
  });

  it('shows an error and a notification in Chinese (Decode Token on a malformed selection; Copy Payload)', async () => {
    const { page } = wb;
    await executeCommand(wb, 'workbench.action.closeAllEditors');
    await openFile(page, 'broken.txt');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    // From the palette by its Chinese title: the palette lists our titles in Chinese.
    await paletteCommand(page, `AuthLens: ${nls('command.decodeTokenToDocument')}`);
    const error = await waitForNotification(page, zh('AuthLens could not decode the token: {0}').replace('{0}', ''));
    const errorText = await error.innerText();
    assertChinese('the decode error', errorText);
    assert.doesNotMatch(errorText, /broken/, 'the error does not echo the input');
    // A toast can fade before the screenshot: show the notification list instead.
    await executeCommand(wb, 'notifications.showList');
    await screenshot(page, 'zh-error');
    await executeCommand(wb, 'notifications.clearAll');

    await openFile(page, 'request.http');
    const hover = await hoverToken(page, token);
    await hover
      .locator('a', { hasText: zh('Copy Payload') })
      .first()
      .click();
    const copied = await waitForNotification(page, zh('Copied the decoded payload ({0} claims) to the clipboard.').split('{0}')[0]!);
    assertChinese('the copy notification', await copied.innerText());
    await executeCommand(wb, 'notifications.showList');
    await screenshot(page, 'zh-notification');
    await executeCommand(wb, 'notifications.clearAll');
  });

  it('shows the walkthrough in Chinese', async () => {
    const { page } = wb;
    await page.keyboard.press('Escape');
    await openWalkthrough(wb);
    const container = page.locator('.gettingStartedContainer').first();
    await waitForState(page, container.getByText(nls('walkthrough.title')).first(), 'the walkthrough title in Chinese');
    const step = walkthroughStep(page, 'sandbox');
    if ((await step.getAttribute('aria-expanded')) !== 'true') await step.click();
    await waitForState(page, step.locator('.monaco-button', { hasText: nls('command.startSandbox') }).first(), 'the Start Sandbox button in Chinese');
    for (const id of walkthroughStepIds) {
      assert.ok((await walkthroughStep(page, id).innerText()).includes(nls(`walkthrough.${id}.title`)), `the step "${id}" has its Chinese title`);
    }
    assertChinese('the walkthrough', await container.innerText());
    await screenshot(page, 'zh-walkthrough');
  });
});
