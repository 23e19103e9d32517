import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  activeEditorText,
  activeTabTitle,
  getSetting,
  hostState,
  openFile,
  readClipboard,
  runCommand,
  screenshot,
  screenshotOnFailure,
  setClipboard,
  switchTheme,
  startWorkbench,
  themeNames,
  until,
  webviewFrame,
  type Workbench,
} from './harness';

describe('UI harness', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench({
      workspaceFiles: { 'notes/hello.txt': 'first line\nsecond line\n', 'doc.md': '# Preview\n\nA webview.\n' },
      theme: 'light',
    });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb?.page);

  it('opens a workspace file and reads the whole editor text', async () => {
    await openFile(wb.page, 'hello.txt');
    assert.equal(await activeEditorText(wb.page), 'first line\nsecond line\n');
    assert.ok(existsSync(await screenshot(wb.page, 'harness-open-file')));
  });

  it('round-trips the clipboard', async () => {
    await setClipboard(wb.page, 'clipboard works');
    assert.equal(await readClipboard(wb.page), 'clipboard works');
  });

  it('opens files and runs commands while a webview has focus', async () => {
    await openFile(wb.page, 'doc.md');
    await runCommand(wb.page, 'Markdown: Open Preview');
    await webviewFrame(wb.page).locator('h1', { hasText: 'Preview' }).waitFor({ timeout: 30_000 });
    await webviewFrame(wb.page).locator('h1').click(); // keyboard focus now inside the webview
    await openFile(wb.page, 'hello.txt');
    assert.equal(await activeTabTitle(wb.page), 'hello.txt');
    await screenshot(wb.page, 'harness-after-webview');
  });

  // The one test that drives the theme picker; every other suite sets themes by API (setTheme).
  it('switches the colour theme live through the picker', async () => {
    for (const theme of ['high-contrast', 'dark', 'light'] as const) {
      await switchTheme(wb.page, theme); // waits for the workbench's theme class
      // The picker writes the setting after the theme shows: wait for it, then check it.
      const saved = await until(wb.page, `the picker to save ${theme}`, async () => {
        const t = (await hostState(wb)).colorTheme;
        return t === themeNames[theme] ? t : undefined;
      });
      assert.equal(saved, themeNames[theme]);
      if (theme === 'high-contrast') await screenshot(wb.page, 'harness-high-contrast');
    }
  });

  it('runs a command from the palette and the command takes effect', async () => {
    await openFile(wb.page, 'hello.txt');
    const minimap = wb.page.locator('.editor-group-container.active .minimap canvas').first();
    const before = await getSetting<boolean>(wb, 'editor.minimap.enabled');
    await runCommand(wb.page, 'View: Toggle Minimap');
    await until(wb.page, 'the minimap setting to flip', async () => ((await getSetting<boolean>(wb, 'editor.minimap.enabled')) !== before ? true : undefined));
    await (before ? minimap.waitFor({ state: 'hidden' }) : minimap.waitFor({ state: 'visible' }));
    await runCommand(wb.page, 'View: Toggle Minimap');
    await until(wb.page, 'the minimap setting to flip back', async () =>
      (await getSetting<boolean>(wb, 'editor.minimap.enabled')) === before ? true : undefined,
    );
    await (before ? minimap.waitFor({ state: 'visible' }) : minimap.waitFor({ state: 'hidden' }));
  });
});
