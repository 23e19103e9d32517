import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  activeEditorText,
  openFile,
  readClipboard,
  runCommand,
  screenshot,
  setClipboard,
  startWorkbench,
  type Workbench,
} from './harness';

describe('UI harness', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench({ workspaceFiles: { 'notes/hello.txt': 'first line\nsecond line\n' }, theme: 'light' });
  });
  after(async () => {
    await wb?.close();
  });

  it('opens a workspace file and reads the whole editor text', async () => {
    await openFile(wb.page, 'hello.txt');
    assert.equal(await activeEditorText(wb.page), 'first line\nsecond line\n');
    assert.ok(existsSync(await screenshot(wb.page, 'harness-open-file')));
  });

  it('round-trips the clipboard', async () => {
    await setClipboard(wb.page, 'clipboard works');
    assert.equal(await readClipboard(wb.page), 'clipboard works');
  });

  it('runs a command from the palette', async () => {
    await runCommand(wb.page, 'View: Toggle Word Wrap');
    await runCommand(wb.page, 'View: Toggle Word Wrap');
  });
});
