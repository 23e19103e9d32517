/**
 * UI test harness: a real VS Code workbench (code-server) with AuthLens loaded from source,
 * driven in headless Chromium by playwright-core, as a person would use it.
 *
 *   const wb = await startWorkbench({ workspaceFiles: { 'a.txt': token } });
 *   await runCommand(wb.page, 'AuthLens: Decode Token');
 *   await screenshot(wb.page, 'decode-token');
 *   await wb.close();
 *
 * Needs `node esbuild.mjs` first (the extension runs from dist/) and code-server installed by
 * `node scripts/setupVscode.mjs`. `npm test` does both. Manual runs start code-server and
 * Chromium, so they go under the lock:
 *   flock /tmp/authlens-heavy.lock npx mocha --import=tsx --timeout 120000 test/ui/decodeToken.test.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser, repoRoot, startCodeServer, uiDriverPath, type BrowserSession, type CodeServer } from '../support/codeServer';
import type { UiLocale } from '../support/languagePack';
import { hostState } from './driver';
import { setTheme, type Theme } from './themes';
import { timeoutError, until, waitForState } from './screen';

export { callDriver, executeCommand, getSetting, hostState, setSetting } from './driver';
export { setTheme, switchTheme, themeClasses, themeNames, themePickerLabels, type Theme } from './themes';
export { screenReport, screenState, until, waitForState } from './screen';

/** The browser globals the harness touches inside `page.evaluate` (the tests have no DOM lib). */
interface BrowserGlobals {
  navigator: { clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> } };
  document: { activeElement: { tagName: string; blur(): void } | null };
}

/**
 * Takes keyboard focus out of a webview (its iframe swallows workbench shortcuts such as
 * Control+P), so the next key press reaches the workbench.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  const inFrame = (): Promise<boolean> =>
    page.evaluate(() => {
      const el = (globalThis as unknown as BrowserGlobals).document.activeElement;
      return !!el && el.tagName === 'IFRAME';
    });
  // Focus can move into a webview a moment after a click there, so check for a short while.
  for (let i = 0; i < 3; i++) {
    if (await inFrame()) {
      // Blurring the iframe leaves focus inside it; a click on the window title (inert in the
      // browser) hands it back to the workbench.
      const title = page.locator('.part.titlebar .window-title').first();
      if (await title.isVisible().catch(() => false)) await title.click({ force: true, timeout: 5_000 });
      else
        await page
          .locator('.part.statusbar')
          .first()
          .click({ position: { x: 2, y: 2 }, force: true, timeout: 5_000 });
    }
    await page.waitForTimeout(50);
  }
  if (await inFrame()) throw new Error('keyboard focus is stuck in a webview');
}

export interface WorkbenchOptions {
  /** Workspace settings, written to `.vscode/settings.json` of the workspace. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Files to create in the workspace: relative path -> content. */
  readonly workspaceFiles?: Readonly<Record<string, string>>;
  /** User settings (over the harness's quiet defaults). */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Colour theme at start (default: VS Code's default dark). */
  readonly theme?: Theme;
  /** Browser viewport (default 1280x800). */
  readonly viewport?: { width: number; height: number };
  /** Extra environment for code-server and the extension host. */
  readonly env?: NodeJS.ProcessEnv;
  /** Load the extension from this folder instead of the repo (e.g. an unpacked .vsix). */
  readonly extensionDevelopmentPath?: string;
  /** Display language (default English). 'zh-cn' installs a stub language pack (test/support/languagePack.ts). */
  readonly locale?: UiLocale;
}

export interface Workbench {
  readonly page: Page;
  readonly url: string;
  readonly workspaceDir: string;
  readonly server: CodeServer;
  readonly browser: BrowserSession;
  /** Console errors that were not known noise (check it in tests if you care). */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

export const selectors = {
  workbenchReady: '.monaco-workbench .part.activitybar',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  notificationToast: '.notifications-toasts .notification-toast',
  treeRow: '.pane-body .monaco-list-row',
  activeEditorLines: '.editor-group-container.active .editor-instance .view-lines',
  activeTab: '.editor-group-container.active .tab.active',
} as const;

/** Starts code-server with AuthLens loaded and opens the workbench in Chromium. */
export async function startWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  // The theme is not written into the settings file: at start-up the workbench sometimes
  // falls back to another theme and never applies the saved one. setTheme() sets it live.
  const userSettings = { ...opts.userSettings };
  const server = await startCodeServer({
    userSettings,
    extraExtensions: [uiDriverPath],
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  let browser: BrowserSession | undefined;
  try {
    for (const [rel, content] of Object.entries(opts.workspaceFiles ?? {})) {
      const file = join(server.workspaceDir, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    if (opts.settings) {
      mkdirSync(join(server.workspaceDir, '.vscode'), { recursive: true });
      writeFileSync(join(server.workspaceDir, '.vscode', 'settings.json'), JSON.stringify(opts.settings, null, 2));
    }
    browser = await launchBrowser(server.baseUrl, { ...(opts.viewport ? { viewport: opts.viewport } : {}), ...(opts.locale ? { locale: opts.locale } : {}) });
    const url = server.workbenchUrl({ extensionDevelopmentPath: opts.extensionDevelopmentPath ?? repoRoot });
    await browser.page.goto(url);
    const b = browser;
    await waitForState(b.page, b.page.locator(selectors.workbenchReady), 'the workbench', { timeout: 60_000 });
    // Ready means: the extension host runs, and AuthLens has activated (its contributions are
    // in the palette and its views). Tests start from that state instead of retrying.
    await until(
      b.page,
      'AuthLens to activate in the extension host',
      async () => ((await hostState({ page: b.page, server })).authlensActive ? true : undefined),
      60_000,
    );
    if (opts.theme) await setTheme({ page: b.page, server }, opts.theme);
    return {
      page: b.page,
      url,
      workspaceDir: server.workspaceDir,
      server,
      browser: b,
      consoleErrors: b.consoleErrors,
      async close() {
        await b.close();
        await server.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}

/**
 * Opens the command palette and runs the command whose title is exactly `title` (e.g.
 * "AuthLens: Decode Token"). `startWorkbench` has waited for AuthLens to activate, so the
 * command is listed when the palette opens; a timeout reports what the palette showed.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  const input = page.locator(selectors.quickInputBox);
  // The row's label is the full title; pick the exact one, not a longer sibling.
  const row = page
    .locator(selectors.quickInputRow)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
    .first();
  await focusWorkbench(page);
  await page.keyboard.press('Escape'); // close any open quick input first
  await page.keyboard.press('Control+Shift+P');
  await waitForState(page, input, 'the command palette');
  await input.fill(`>${title}`);
  await waitForState(page, row, `"${title}" in the command palette`, { timeout: timeoutMs });
  await row.click();
  // Done when the palette closed or the command put up its own quick input (a new value).
  await until(page, `the palette to hand over after "${title}"`, async () => {
    if (!(await input.isVisible())) return true;
    return (await input.inputValue()) !== `>${title}` ? true : undefined;
  });
}

/**
 * Waits until the open quick input is the step that shows `expect` in its title, prompt,
 * placeholder or message. Steps of a multi-step flow replace each other fast; typing before
 * the right one is up lands the answer in the previous step.
 */
export async function waitForQuickInputStep(page: Page, expect: string | RegExp, timeout = 15_000): Promise<void> {
  const widget = page.locator(selectors.quickInput);
  const input = page.locator(selectors.quickInputBox);
  const matches = (text: string): boolean => (typeof expect === 'string' ? text.includes(expect) : expect.test(text));
  await until(
    page,
    `the quick input step "${String(expect)}"`,
    async () => {
      if (!(await widget.isVisible())) return undefined;
      const title = await widget
        .locator('.quick-input-title')
        .innerText()
        .catch(() => '');
      const message = await widget
        .locator('.quick-input-message')
        .innerText()
        .catch(() => '');
      const placeholder = (await input.getAttribute('placeholder')) ?? '';
      const aria = (await input.getAttribute('aria-label')) ?? '';
      return [title, message, placeholder, aria].some(matches) ? true : undefined;
    },
    timeout,
  );
}

/** Picks the row containing `label` in the open quick pick (after waiting for step `expect`, if given). */
export async function pickQuickInput(page: Page, label: string | RegExp, expect?: string | RegExp): Promise<void> {
  if (expect !== undefined) await waitForQuickInputStep(page, expect);
  const row = page.locator(selectors.quickInputRow).filter({ hasText: label }).first();
  await waitForState(page, row, `the quick pick row "${String(label)}"`);
  await row.click();
}

/**
 * Types into an open quick input (input box or quick pick) and presses Enter. Pass `expect`
 * (text of the step's title, prompt or placeholder) whenever a previous step was just answered.
 */
export async function answerQuickInput(page: Page, text: string, expect?: string | RegExp): Promise<void> {
  const input = page.locator(selectors.quickInputBox);
  if (expect !== undefined) await waitForQuickInputStep(page, expect);
  await waitForState(page, input, 'a quick input');
  await input.fill(text);
  await input.press('Enter');
}

/** The message an open input box shows under its field (validation errors land here). */
export function quickInputMessage(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-message');
}

/** Clicks the view container `title` in the activity bar (e.g. "AuthLens") and waits for its side bar. */
export async function openActivityBarView(page: Page, title: string): Promise<void> {
  const item = page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first();
  await waitForState(page, item, `the activity bar item "${title}"`, { timeout: 30_000 });
  const li = item.locator('xpath=..');
  const checked = await li.getAttribute('aria-checked').catch(() => null);
  if (checked !== 'true' && !(await li.evaluate((e) => e.classList.contains('checked')))) await item.click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 10_000 });
}

/** Tree rows (views in the side bar or panel) containing `text`. */
export function treeRow(page: Page, text: string | RegExp): Locator {
  return page.locator(selectors.treeRow).filter({ hasText: text });
}

/**
 * Expands a tree row unless it is open already (a click on an open row would close it). A click
 * can be lost while the tree renders a refresh (CI run 9: the new session row was selected but
 * stayed closed), so the row is clicked again, at most 3 times, only while it says it is closed.
 */
export async function expandRow(row: Locator, timeout = 20_000): Promise<void> {
  await row.waitFor({ state: 'visible', timeout });
  const page = row.page();
  for (let attempt = 0; (await row.getAttribute('aria-expanded')) !== 'true'; attempt++) {
    if (attempt === 3) throw await timeoutError(page, 'a tree row to expand after 3 clicks', 15_000);
    await row.click();
    await row
      .and(page.locator('[aria-expanded="true"]'))
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
  }
}

/**
 * Clicks a tree row's inline action (hovering the row shows it) and waits for `shows`, the state
 * the action brings. A click can land while the tree re-renders the row after a refresh (CI run
 * 16: two tree-to-inspector tests never saw the inspector), so the row is hovered and clicked
 * again, at most 3 times, only while `shows` is not visible.
 */
export async function clickRowAction(row: Locator, action: string, shows: Locator, what: string, timeout = 30_000): Promise<void> {
  const page = row.page();
  const button = row.locator(`.action-label[aria-label^="${action}"]`);
  for (let attempt = 0; ; attempt++) {
    await row.hover();
    await button.click();
    try {
      await shows.waitFor({ state: 'visible', timeout: timeout / 3 });
      return;
    } catch {
      if (attempt === 2) throw await timeoutError(page, `${what} after 3 clicks on "${action}"`, timeout);
      console.log(`      (no ${what} after click ${attempt + 1} on "${action}": clicking again)`);
    }
  }
}

/**
 * Chooses `item` from a tree row's context menu and waits for the menu to close. The item is
 * chosen with Enter once the pointer has focused it: VS Code's menu ignores a mouse-up that comes
 * too soon after it opened (the right-click's own release), which left the menu open with the
 * item highlighted on a loaded machine.
 */
export async function contextMenu(page: Page, row: Locator, item: string): Promise<void> {
  const entry = page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(item)}`) }).first();
  // A right-click can be lost while the row's tooltip appears or focus moves (seen under load in
  // CI): right-click again, at most 3 times, only while no menu shows the item.
  for (let attempt = 0; ; attempt++) {
    await row.click({ button: 'right' });
    try {
      await entry.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch {
      if (attempt === 2) throw await timeoutError(page, `the context menu item "${item}" after 3 right-clicks`, 15_000);
      await page.keyboard.press('Escape');
    }
  }
  await entry.hover();
  await waitForState(page, page.locator('.monaco-menu .action-menu-item:focus', { hasText: item }).first(), `"${item}" focused in the context menu`);
  await page.keyboard.press('Enter');
  await waitForState(page, entry, `the context menu to close after "${item}"`, { state: 'hidden' });
}

/** Clicks the first workbench button (welcome view, notification, dialog) whose text contains `text`. */
export async function clickButton(scope: Locator | Page, text: string): Promise<void> {
  await scope.locator('.monaco-button', { hasText: text }).first().click();
}

/** Waits for a notification toast containing `text` and returns it. */
export async function waitForNotification(page: Page, text: string | RegExp, timeout = 15_000): Promise<Locator> {
  const toast = page.locator(selectors.notificationToast).filter({ hasText: text }).first();
  return waitForState(page, toast, `a notification "${String(text)}"`, { timeout });
}

/** Saves a full-page screenshot to `test-results/<name>.png` and returns its path. Look at it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Registers an `afterEach` that saves `test-results/FAILED-<test title>.png` when a test failed.
 * Call it inside your `describe`: `screenshotOnFailure(() => wb?.page);`
 */
export function screenshotOnFailure(getPage: () => Page | undefined): void {
  afterEach(async function () {
    const page = getPage();
    if (this.currentTest?.state === 'failed' && page && !page.isClosed()) {
      await screenshot(page, `FAILED-${this.currentTest.fullTitle()}`.slice(0, 120)).catch(() => undefined);
    }
  });
}

/**
 * The content frame of a webview (page → iframe.webview → iframe#active-frame).
 * With several webviews open, `index` picks one in DOM order (default: the last opened).
 */
export function webviewFrame(page: Page, index?: number): FrameLocator {
  const outer = page.locator('iframe.webview');
  const pick = index === undefined ? outer.last() : outer.nth(index);
  return pick.contentFrame().frameLocator('iframe#active-frame');
}

/** Puts `text` on the browser clipboard, which is what VS Code's clipboard API reads in code-server. */
export async function setClipboard(page: Page, text: string): Promise<void> {
  await page.bringToFront();
  await page.evaluate(async (t) => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText(t), text);
}

/** Reads the browser clipboard. */
export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(async () => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
}

/** Opens a workspace file by name with Quick Open (Control+P). */
export async function openFile(page: Page, name: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator(selectors.quickInputBox);
  await waitForState(page, input, 'Quick Open');
  await input.fill(name);
  const row = page.locator(selectors.quickInputRow).filter({ hasText: name }).first();
  await waitForState(page, row, `"${name}" in Quick Open`);
  // A click, not Enter: Enter can land in a webview that took focus back. Quick Open re-renders
  // its list when the file search answers after the history: a click on the row it replaced is
  // lost (seen under load), so while the list still shows the row and no tab opened, click it.
  const tab = page.locator(selectors.activeTab).filter({ hasText: name });
  let clickedAt = 0;
  await until(
    page,
    `the tab "${name}"`,
    async () => {
      if (await tab.isVisible()) return true;
      // A second click only when the list has kept the row for a second after the last one.
      if (Date.now() - clickedAt > 1_000 && (await row.isVisible())) {
        clickedAt = Date.now();
        await row.click({ timeout: 2_000 }).catch(() => undefined);
      }
      return undefined;
    },
    15_000,
  );
  await focusActiveEditor(page);
}

/** Clicks into the active editor's text so key presses go there. */
export async function focusActiveEditor(page: Page): Promise<void> {
  await page.locator(selectors.activeEditorLines).first().click();
}

/**
 * The whole text of the active editor, read by select-all + copy (the DOM only holds the
 * visible lines). Overwrites the clipboard; the selection is collapsed again afterwards.
 */
export async function activeEditorText(page: Page): Promise<string> {
  const sentinel = `authlens-harness-${Date.now()}`;
  await setClipboard(page, sentinel);
  await focusActiveEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  // The copy lands asynchronously: wait for the clipboard to change (an empty editor copies nothing).
  const text = await until(
    page,
    'the editor text on the clipboard',
    async () => {
      const t = await readClipboard(page);
      return t !== sentinel ? t : undefined;
    },
    5_000,
  ).catch(() => '');
  await page.keyboard.press('Control+Home');
  return text;
}

/** Title of the active editor tab. */
export async function activeTabTitle(page: Page): Promise<string> {
  return (await page.locator(selectors.activeTab).first().innerText()).trim();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
