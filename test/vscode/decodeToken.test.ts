import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import { activateAuthLens, closeAllEditors, openScratchFile, readAuthLensLog, waitFor } from './helpers';

const secret = new TextEncoder().encode('in-host-test-secret-not-a-real-one-0123456789');
const nowS = Math.floor(Date.now() / 1000);

async function makeToken(claims: Record<string, unknown>, exp: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'test-key' })
    .setIssuedAt(nowS - 7200)
    .setExpirationTime(exp)
    .sign(secret);
}

interface DecodedDoc {
  status: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signature: string;
  times?: Record<string, string>;
  warnings: { severity: string; code: string; message: string }[];
}

/** Every decoded-token document seen so far: a closed editor can linger in the lists for a moment. */
const seen = new Set<string>();

/** Waits for the active editor to show a decoded-token document not seen before, and parses it. */
async function nextDecodedDocument(): Promise<{ doc: vscode.TextDocument; json: DecodedDoc }> {
  const editor = await waitFor(
    () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === 'authlens-decoded' && !seen.has(e.document.uri.toString()) ? e : undefined;
    },
    10_000,
    'a new decoded-token document',
  );
  seen.add(editor.document.uri.toString());
  return { doc: editor.document, json: JSON.parse(editor.document.getText()) as DecodedDoc };
}

function newDecodedUris(): string[] {
  return vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === 'authlens-decoded' && !d.isClosed && !seen.has(d.uri.toString()))
    .map((d) => d.uri.toString());
}

// `authlens.decodeToken` opens the inspector (test/vscode/inspector.test.ts); the JSON document
// variant gathers its token the same way.
describe('AuthLens: Decode Token to JSON Document', () => {
  const tokens: string[] = [];
  let expired: string;
  let valid: string;

  before(async () => {
    await activateAuthLens();
    expired = await makeToken({ sub: 'selected-user', name: '张三' }, nowS - 3600);
    valid = await makeToken({ sub: 'clipboard-user', scope: 'openid profile' }, nowS + 600);
    tokens.push(expired, valid);
  });

  afterEach(closeAllEditors);

  it('decodes the selected token into a read-only JSON document with warnings', async () => {
    const text = `GET /api/me\nAuthorization: Bearer ${expired}\n`;
    const editor = await openScratchFile('request.http', text);
    const doc = editor.document;
    const start = doc.positionAt(text.indexOf(expired));
    editor.selection = new vscode.Selection(start, start.translate(0, expired.length));

    await vscode.commands.executeCommand('authlens.decodeTokenToDocument');
    const { doc: out, json } = await nextDecodedDocument();

    assert.equal(out.languageId, 'json');
    assert.equal(out.uri.scheme, 'authlens-decoded');
    assert.deepEqual(json.header, { alg: 'HS256', typ: 'JWT', kid: 'test-key' });
    assert.equal(json.payload.sub, 'selected-user');
    assert.equal(json.payload.name, '张三');
    assert.match(json.status, /NOT verified/);
    assert.match(json.times?.exp ?? '', /expired 1h ago/);
    const codes = json.warnings.map((w) => w.code);
    assert.ok(codes.includes('expired'), `warnings ${codes.join(', ')} include expired`);
    assert.ok(codes.includes('alg-symmetric'), `warnings ${codes.join(', ')} include alg-symmetric`);
    assert.ok(json.warnings.every((w) => w.message.length > 0 && ['error', 'warning', 'info'].includes(w.severity)));
    // The document holds decoded JSON only: never the raw token or its signature.
    assert.ok(!out.getText().includes(expired));
    assert.ok(!out.getText().includes(expired.split('.')[2]!));
  });

  it('decodes the token under the cursor when nothing is selected', async () => {
    const text = `{"access_token": "${valid}"}`;
    const editor = await openScratchFile('tokens.json', text);
    const doc = editor.document;
    const inside = doc.positionAt(text.indexOf(valid) + 40);
    editor.selection = new vscode.Selection(inside, inside);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the new editor is active');
    await vscode.commands.executeCommand('authlens.decodeTokenToDocument');
    const { json } = await nextDecodedDocument();
    assert.equal(json.payload.sub, 'clipboard-user', readAuthLensLog().split('\n').slice(-8).join('\n'));
  });

  it('decodes the clipboard when no editor is open', async () => {
    await closeAllEditors();
    await vscode.env.clipboard.writeText(`Bearer "${valid}"`);
    await vscode.commands.executeCommand('authlens.decodeTokenToDocument');
    const { json } = await nextDecodedDocument();
    assert.equal(json.payload.sub, 'clipboard-user');
    assert.equal(json.payload.scope, 'openid profile');
    assert.match(json.times?.exp ?? '', /left\)$/);
    assert.ok(!json.warnings.some((w) => w.code === 'expired'));
  });

  it('"Decode Token from Clipboard" decodes the clipboard even with a selection', async () => {
    const editor = await openScratchFile('expired.txt', expired);
    editor.selection = new vscode.Selection(0, 0, 0, expired.length);
    await vscode.env.clipboard.writeText(valid);
    await vscode.commands.executeCommand('authlens.decodeClipboard');
    const { json } = await nextDecodedDocument();
    assert.equal(json.payload.sub, 'clipboard-user');
  });

  it('"Decode Token to JSON Document" takes a token argument', async () => {
    await vscode.commands.executeCommand('authlens.decodeTokenToDocument', expired);
    const { json } = await nextDecodedDocument();
    assert.equal(json.payload.sub, 'selected-user');
  });

  it('opens nothing for a malformed selection and logs only the error code', async () => {
    const bad = 'eyJhbGciOiJIUzI1NiJ9.not*base64.sig';
    tokens.push(bad);
    const editor = await openScratchFile('bad.txt', bad);
    editor.selection = new vscode.Selection(0, 0, 0, bad.length);
    await vscode.commands.executeCommand('authlens.decodeTokenToDocument');
    // The log line is written when the command has finished with this input: only then is the
    // absence of a decoded document a result, not a race.
    const log = await waitFor(
      () => {
        const l = readAuthLensLog();
        return l.includes('Could not decode') ? l : undefined;
      },
      5_000,
      'the log line',
    );
    assert.match(log, /Could not decode .* \(selection\): token-/);
    assert.deepEqual(newDecodedUris(), [], 'no new decoded document');
  });

  it('never writes a token to the AuthLens log', async () => {
    await vscode.env.clipboard.writeText('nothing here');
    const log = await waitFor(
      () => {
        const l = readAuthLensLog();
        return (l.match(/Decoded /g) ?? []).length >= 5 ? l : undefined;
      },
      5_000,
      'five "Decoded" log lines',
    );
    assert.match(log, /Decoded eyJhbG… \(\d+ chars\) from selection: alg HS256/);
    for (const t of tokens) {
      assert.ok(!log.includes(t), 'whole token in log');
      for (const part of t.split('.')) if (part.length > 8) assert.ok(!log.includes(part), 'token segment in log');
    }
  });
});
