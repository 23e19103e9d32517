import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  activeEditorText,
  activeTabTitle,
  openFile,
  readClipboard,
  runCommand,
  screenshot,
  screenshotOnFailure,
  setClipboard,
  switchTheme,
  startWorkbench,
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

  it('switches the colour theme live', async () => {
    await switchTheme(wb.page, 'high-contrast');
    await screenshot(wb.page, 'harness-high-contrast');
    await switchTheme(wb.page, 'dark');
    await switchTheme(wb.page, 'light');
  });

  it('runs a command from the palette', async () => {
    await openFile(wb.page, 'hello.txt'); // Toggle Word Wrap needs a text editor
    await runCommand(wb.page, 'View: Toggle Word Wrap');
    await runCommand(wb.page, 'View: Toggle Word Wrap');
  });
});
