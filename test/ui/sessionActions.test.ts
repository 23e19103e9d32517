import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import * as ui from './harness';

/**
 * Session features that only show in the workbench, driven as a person would: the warning
 * before the pinned session expires, a refresh when the window gets focus back, and Revoke /
 * Refresh from the inspector panel. The sandbox is started through the API (set-up, not what
 * is tested); each test opens the rows it needs itself.
 */

const PROVIDER = 'Sandbox: Better Auth';

/** The view collapsed, then the Better Auth provider open: every test starts from this. */
async function openProvider(page: Page): Promise<void> {
  await ui.openActivityBarView(page, 'AuthLens');
  await page.keyboard.press('Escape');
  await page.locator('.part.sidebar .action-label[aria-label^="Collapse All"]').first().click();
  await ui.expandRow(ui.treeRow(page, PROVIDER).first());
  await ui.waitForState(page, ui.treeRow(page, /this credential/).first(), 'the credential’s own session', { timeout: 30_000 });
}

/** The number in the provider row's "N sessions". */
async function sessionCount(page: Page): Promise<number> {
  const m = /(\d+) sessions?/.exec((await ui.treeRow(page, PROVIDER).first().textContent()) ?? '');
  return m ? Number(m[1]) : NaN;
}

/** Opens the inspector on the session token of the first active session row matching `session`. */
async function inspectSessionToken(page: Page, session: Locator): Promise<void> {
  await ui.expandRow(session);
  const token = ui.treeRow(page, 'Session token').first();
  await ui.waitForState(page, token, 'the session’s token row');
  await ui.clickRowAction(token, 'Inspect Token', ui.webviewFrame(page).locator('#action-refresh'), 'the inspector’s provider actions');
}

/** Simulates the browser window losing and regaining focus (headless pages always "have focus"). */
async function blurAndRefocusWindow(page: Page): Promise<void> {
  await page.evaluate(`(() => { document.hasFocus = () => false; window.dispatchEvent(new FocusEvent('blur')); })()`);
  await ui.until(page, 'the extension host to see the window unfocused', async () => ((await ui.hostState(wbRef!)).focused ? undefined : true));
  await page.evaluate(`(() => { delete document.hasFocus; window.dispatchEvent(new FocusEvent('focus')); })()`);
  await ui.until(page, 'the extension host to see the window focused', async () => ((await ui.hostState(wbRef!)).focused ? true : undefined));
}

let wbRef: ui.Workbench | undefined;

describe('UI: session actions (expiry warning, focus refresh, inspector Revoke and Refresh)', function () {
  this.timeout(180_000);
  let wb: ui.Workbench;
  ui.screenshotOnFailure(() => wb?.page);

  before(async () => {
    wb = await ui.startWorkbench({ theme: 'dark', viewport: { width: 1400, height: 900 } });
    wbRef = wb;
    assert.equal(await ui.executeCommand(wb, 'authlens.startSandbox'), true, 'the sandbox started');
  });
  after(async () => {
    await wb?.close();
  });

  it('warns before the pinned session expires', async () => {
    const { page } = wb;
    await openProvider(page);
    // The sandbox seeds sessions that expire within minutes; the warning comes at 5 minutes.
    const soon = ui.treeRow(page, /expires in [1-4]m\b/).first();
    await ui.waitForState(page, soon, 'a session that expires within five minutes');
    const user = (await soon.locator('.label-name').first().textContent())?.trim() ?? '';
    await ui.contextMenu(page, soon, 'Pin as Active');
    const toast = await ui.waitForNotification(page, /The session of .+ at Sandbox: Better Auth expires in \d+m/);
    assert.ok(user === '' || ((await toast.textContent()) ?? '').includes(user), `the warning names the session's user (${user})`);
    const status = page.locator('.statusbar-item', { hasText: /\d+m \d+s left/ }).first();
    await ui.waitForState(page, status, 'the pinned countdown in the status bar');
    await ui.screenshot(page, 'session-expiry-warning');
    await ui.clickButton(toast, 'Show Sessions');
    await ui.waitForState(page, toast, 'the warning to close', { state: 'hidden' });
  });

  it('refreshes loaded providers when the window gets focus back (autoRefresh.onFocus)', async () => {
    const { page } = wb;
    await openProvider(page);
    await ui.setSetting(wb, 'authlens.autoRefresh.onFocus', true);
    try {
      const providers = await ui.getSetting<{ id: string; baseUrl: string }[]>(wb, 'authlens.providers');
      const base = providers.find((p) => p.id === 'sandbox-better-auth')?.baseUrl;
      assert.ok(base, 'the sandbox provider is in the settings');
      // The next Better Auth requests fail: only a refresh can bring that to the tree.
      const res = await fetch(`${new URL(base).origin}/__sandbox/misbehave`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: '/better-auth', kind: 'status', status: 500, times: 10 }),
      });
      assert.equal(res.status, 204);
      assert.match((await ui.treeRow(page, PROVIDER).first().textContent()) ?? '', /sessions?/, 'listed before the focus change');
      await blurAndRefocusWindow(page);
      await ui.waitForState(page, ui.treeRow(page, new RegExp(`${PROVIDER}.*500`)).first(), 'the provider row to show the refresh’s HTTP 500', {
        timeout: 30_000,
      });
      await ui.screenshot(page, 'session-focus-refresh');
      await fetch(`${new URL(base).origin}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    } finally {
      await ui.setSetting(wb, 'authlens.autoRefresh.onFocus', undefined);
    }
  });

  it('Refresh from the inspector reloads the session and says so', async () => {
    const { page } = wb;
    await ui.executeCommand(wb, 'authlens.refresh');
    await openProvider(page);
    await inspectSessionToken(page, ui.treeRow(page, /this credential/).first());
    const frame = ui.webviewFrame(page);
    await frame.locator('#action-refresh').click();
    await ui.waitForState(page, frame.locator('#status-line.ok', { hasText: 'Refreshed from Sandbox: Better Auth' }), 'the inspector’s "Refreshed from" line');
    await ui.screenshot(page, 'inspector-action-refresh');
  });

  it('Revoke from the inspector asks first, revokes, and the tree loses the session', async () => {
    const { page } = wb;
    await ui.executeCommand(wb, 'authlens.refresh');
    await openProvider(page);
    const before = await sessionCount(page);
    const rows = ui.treeRow(page, /on (macOS|Linux|Windows|iOS|Android)/);
    let victim: Locator | undefined;
    const seen: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const t = (await rows.nth(i).textContent()) ?? '';
      seen.push(t);
      if (!t.includes('this credential') && !/expired|expires in [0-9]m\b|expires in \d+s\b/.test(t)) {
        victim = rows.nth(i);
        break;
      }
    }
    assert.ok(victim, `a session other than the credential’s own among: ${seen.join(' | ')}`);
    await inspectSessionToken(page, victim);
    const frame = ui.webviewFrame(page);
    await frame.locator('#action-revoke').click();
    const dialog = page.locator('.monaco-dialog-box');
    await ui.waitForState(page, dialog, 'the revoke confirmation');
    assert.match((await dialog.textContent()) ?? '', /Revoke the session of .+ on .+\?/);
    await ui.clickButton(dialog, 'Revoke');
    await ui.waitForState(page, frame.locator('#status-line.ok', { hasText: 'The session was revoked.' }), 'the inspector’s "revoked" line', {
      timeout: 20_000,
    });
    const after = await ui.until(page, `fewer than ${before} sessions in the tree`, async () => {
      const n = await sessionCount(page);
      return n < before ? n : undefined;
    });
    assert.equal(after, before - 1);
    await ui.screenshot(page, 'inspector-action-revoke');
  });
});
