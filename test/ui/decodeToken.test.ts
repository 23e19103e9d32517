import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import {
  activeEditorText,
  activeTabTitle,
  answerQuickInput,
  focusActiveEditor,
  openFile,
  quickInputMessage,
  runCommand,
  screenshot,
  screenshotOnFailure,
  selectors,
  setClipboard,
  startWorkbench,
  waitForState,
  webviewFrame,
  type Workbench,
} from './harness';

const secret = new TextEncoder().encode('ui-test-secret-not-a-real-one-0123456789abcdef');
/** Seconds now, read when the suite starts (mocha loads every UI file minutes before). */
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function makeToken(sub: string, exp: number): Promise<string> {
  const nowS = nowSeconds();
  return new SignJWT({ sub, email: `${sub}@example.test`, role: 'admin' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(nowS - 60)
    .setExpirationTime(exp)
    .sign(secret);
}

interface DecodedDoc {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  warnings: { code: string }[];
}

/** Waits for the decoded-token tab and returns its parsed JSON (read from the editor itself). */
async function readDecodedDocument(wb: Workbench): Promise<DecodedDoc> {
  await wb.page.locator(selectors.activeTab).filter({ hasText: 'Decoded token' }).waitFor({ timeout: 20_000 });
  assert.match(await activeTabTitle(wb.page), /^Decoded token \d+\.json/);
  return JSON.parse(await activeEditorText(wb.page)) as DecodedDoc;
}

async function closeEditors(wb: Workbench): Promise<void> {
  await runCommand(wb.page, 'View: Close All Editors');
}

describe('UI: AuthLens: Decode Token', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let selected: string;
  let clipboard: string;

  before(async () => {
    selected = await makeToken('selected-user', nowSeconds() - 7200);
    clipboard = await makeToken('clipboard-user', nowSeconds() + 3600);
    wb = await startWorkbench({
      workspaceFiles: { 'request.http': `GET /api/me HTTP/1.1\nAuthorization: Bearer ${selected}\n` },
    });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb?.page);

  it('decodes the token on the clipboard from the command palette', async () => {
    await setClipboard(wb.page, clipboard);
    await runCommand(wb.page, 'AuthLens: Decode Token to JSON Document');
    const doc = await readDecodedDocument(wb);
    await screenshot(wb.page, 'decode-token-clipboard');
    assert.equal(doc.header.alg, 'HS256');
    assert.equal(doc.payload.sub, 'clipboard-user');
    assert.ok(!doc.warnings.some((w) => w.code === 'expired'));
    await closeEditors(wb);
  });

  it('decodes the token selected in an editor (before the clipboard)', async () => {
    await setClipboard(wb.page, clipboard);
    await openFile(wb.page, 'request.http');
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Home');
    await wb.page.keyboard.press('Shift+End');
    await screenshot(wb.page, 'decode-token-selection-before');
    await runCommand(wb.page, 'AuthLens: Decode Token to JSON Document');
    const doc = await readDecodedDocument(wb);
    await screenshot(wb.page, 'decode-token-selection');
    assert.equal(doc.payload.sub, 'selected-user');
    assert.ok(
      doc.warnings.some((w) => w.code === 'expired'),
      'expired warning listed',
    );
    await closeEditors(wb);
  });

  it('asks with a validating input box when neither selection nor clipboard holds a token', async () => {
    await setClipboard(wb.page, 'no token here');
    await runCommand(wb.page, 'AuthLens: Decode Token to JSON Document');
    const input = wb.page.locator(selectors.quickInputBox);
    await input.waitFor({ state: 'visible' });
    await input.fill('eyJhbGciOiJIUzI1NiJ9.broken');
    // The prompt is replaced by the validation message once the host has checked the text.
    const message = quickInputMessage(wb.page).filter({ hasNotText: 'Paste a JWT to decode' }).filter({ hasText: /\S/ });
    await message.first().waitFor({ timeout: 10_000 });
    await screenshot(wb.page, 'decode-token-input-invalid');
    assert.doesNotMatch(await message.first().innerText(), /broken/, 'the message does not echo the input');
    await answerQuickInput(wb.page, clipboard);
    const doc = await readDecodedDocument(wb);
    assert.equal(doc.payload.sub, 'clipboard-user');
    await closeEditors(wb);
  });

  it('offers Decode Token in the editor context menu, which decodes the token under the cursor', async () => {
    await setClipboard(wb.page, 'no token here');
    await openFile(wb.page, 'request.http');
    await focusActiveEditor(wb.page);
    // A right-click on the token puts the cursor there, as for a person.
    const tokenText = wb.page
      .locator(`${selectors.activeEditorLines} .view-line span span`)
      .filter({ hasText: selected.slice(0, 24) })
      .first();
    await waitForState(wb.page, tokenText, 'the token in the editor');
    await tokenText.click({ button: 'right' });
    const item = wb.page.locator('.context-view .action-item', { hasText: 'Decode Token' }).first();
    await waitForState(wb.page, item, 'Decode Token in the context menu');
    await screenshot(wb.page, 'decode-token-context-menu');
    await item.click();
    await waitForState(wb.page, webviewFrame(wb.page).locator('#fact-sub', { hasText: 'selected-user' }), 'the inspector showing the token under the cursor', {
      timeout: 30_000,
    });
    await closeEditors(wb);
  });
});
