import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fakeJwe, fakeJwt, hostileClaims } from '../fixtures/hoverTokens';
import { activateAuthLens, closeAllEditors, openScratchFile } from './helpers';

// Made before each test, not when the file loads or the suite starts: "expires in 12 min" is
// about the moment the hover is read. exp is 12 min 10 s ahead: the hover rounds to whole
// minutes, so 12 min 30 s would read "13 min" whenever less than half a second had passed.
let valid: string;
let expired: string;
let hostile: string;
let jwe: string;
let malformed: string;
let text: string;

function makeFixtures(): void {
  const nowS = Math.floor(Date.now() / 1000);
  valid = fakeJwt({ iss: 'https://issuer.test', sub: 'hover-user', aud: 'api', exp: nowS + 12 * 60 + 10, iat: nowS - 60 });
  expired = fakeJwt({ sub: 'old-user', exp: nowS - 2 * 86_400, iat: nowS - 3 * 86_400 });
  hostile = fakeJwt(
    { ...hostileClaims, big: 'A'.repeat(20_000), iss: hostileClaims['link'], sub: hostileClaims['img'] },
    { alg: '[a](command:workbench.action.terminal.new)', kid: '<img src=x onerror=alert(1)>' },
  );
  jwe = fakeJwe();
  const [h, , s] = valid.split('.');
  malformed = `${h}.bm90IGpzb24.${s}`;
  text = [
    `GET /api/me HTTP/1.1`,
    `Authorization: Bearer ${valid}`,
    `{"id_token":"${expired}"}`,
    `HOSTILE=${hostile}`,
    `https://app.test/cb#access_token=${jwe}&state=1`,
    `token: ${malformed}`,
    `plain text without tokens`,
  ].join('\n');
}

/** The AuthLens hovers at a position (other extensions' hovers are ignored). */
async function authLensHovers(doc: vscode.TextDocument, position: vscode.Position): Promise<{ hover: vscode.Hover; md: vscode.MarkdownString }[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  const out: { hover: vscode.Hover; md: vscode.MarkdownString }[] = [];
  for (const hover of hovers) {
    for (const c of hover.contents) {
      if (c instanceof vscode.MarkdownString && c.value.startsWith('**AuthLens**')) out.push({ hover, md: c });
    }
  }
  return out;
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 5): vscode.Position {
  return doc.positionAt(doc.getText().indexOf(needle) + delta);
}

/** `command:` URIs outside code blocks. */
function commandUris(markdown: string): string[] {
  const outside = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  return [...outside.matchAll(/command:[^\s)\]"'>]+/g)].map((m) => m[0]);
}

function linkArgs(markdown: string): [string, string][] {
  return commandUris(markdown).map((u) => JSON.parse(decodeURIComponent(u.slice(u.indexOf('?') + 1))) as [string, string]);
}

describe('AuthLens: token hover', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    await activateAuthLens();
  });

  beforeEach(async () => {
    makeFixtures();
    // A file of its own per test: an untitled document's URI is reused after the editors close,
    // and a hover could then be asked of the previous test's text.
    doc = (await openScratchFile('hover.txt', text)).document;
  });

  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('authlens');
    await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    await config.update('hover.excludedLanguages', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('shows the decoded token with times, links and a trusted-only-for-AuthLens markdown', async () => {
    const found = await authLensHovers(doc, positionOf(doc, valid));
    assert.equal(found.length, 1, 'one AuthLens hover');
    const { hover, md } = found[0]!;
    const value = md.value;
    for (const part of ['JWT \\(signed\\)', 'RS256', 'hover\\-user', 'expires in 12 min', 'command:authlens.hoverAction?']) {
      assert.ok(value.includes(part), `hover has ${part}`);
    }
    assert.ok(/`{3,}json\n/.test(value), 'payload in a json code block');
    assert.deepEqual(md.isTrusted, { enabledCommands: ['authlens.hoverAction'] });
    assert.ok(!md.supportHtml, 'no HTML');
    const line = doc.lineAt(1).text;
    assert.equal(hover.range?.start.character, line.indexOf(valid));
    assert.equal(hover.range?.end.character, line.indexOf(valid) + valid.length);
    assert.ok(!value.includes(valid), 'the raw token is not in the markdown');
  });

  it('says "expired 2 days ago" for an expired token in a JSON string', async () => {
    const found = await authLensHovers(doc, positionOf(doc, expired, expired.length - 1));
    const first = found[0];
    assert.ok(first, `one AuthLens hover on the expired token (got ${found.length})`);
    assert.ok(first.md.value.includes('expired 2 days ago'), first.md.value.slice(0, 400));
    // Plain marks, not theme icons: the hover is built with supportThemeIcons off (token text must never become an icon).
    assert.ok(first.md.value.includes('✖ **Expired**'), 'the expired state line');
    assert.equal(first.md.supportThemeIcons, false, 'theme icons off');
  });

  it('names a JWE in a URL fragment and gives a malformed JWT one line', async () => {
    const [enc] = await authLensHovers(doc, positionOf(doc, jwe));
    assert.ok(enc?.md.value.includes('Encrypted token \\(JWE\\)'));
    const [bad] = await authLensHovers(doc, positionOf(doc, malformed));
    assert.ok(bad);
    assert.equal(bad.md.value.split('\n').length, 1);
    assert.ok(bad.md.value.includes('Malformed JWT'));
    assert.equal(bad.md.isTrusted, false);
  });

  it('returns nothing from AuthLens off a token', async () => {
    for (const pos of [new vscode.Position(0, 2), new vscode.Position(1, 3), positionOf(doc, 'plain text', 3), positionOf(doc, valid, -1)]) {
      assert.deepEqual(await authLensHovers(doc, pos), [], `nothing at ${pos.line}:${pos.character}`);
    }
  });

  it('keeps hostile claims as text: only AuthLens command links, with our own arguments', async () => {
    const [first] = await authLensHovers(doc, positionOf(doc, hostile, 40));
    assert.ok(first);
    const value = first.md.value;
    for (const uri of commandUris(value)) assert.ok(uri.startsWith('command:authlens.hoverAction?'), uri.slice(0, 60));
    const args = linkArgs(value);
    assert.equal(args.length, 3);
    for (const [id] of args) assert.match(id, /^[0-9a-f]{18}$/);
    assert.ok(!/(?<!\\)\[x\]\(command:/.test(value.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')), 'the link claim is escaped');
    assert.ok(value.length < 10_000, `capped (${value.length})`);
  });

  it('runs hover actions by id: Copy Payload and Copy as Authorization header', async () => {
    const [first] = await authLensHovers(doc, positionOf(doc, valid));
    const [[id]] = linkArgs(first!.md.value) as [[string, string]];
    await vscode.commands.executeCommand('authlens.hoverAction', id, 'copyPayload');
    const payload = JSON.parse(await vscode.env.clipboard.readText()) as Record<string, unknown>;
    assert.equal(payload['sub'], 'hover-user');
    await vscode.commands.executeCommand('authlens.hoverAction', id, 'copyAuthorizationHeader');
    assert.equal(await vscode.env.clipboard.readText(), `Authorization: Bearer ${valid}`);
    // An id the hover did not make, or a token passed as the id, does nothing.
    await vscode.env.clipboard.writeText('unchanged');
    await vscode.commands.executeCommand('authlens.hoverAction', valid, 'copyAuthorizationHeader');
    await vscode.commands.executeCommand('authlens.hoverAction', id, 'runShell');
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });

  it('Copy Payload from the palette works on the token under the cursor', async () => {
    const editor = vscode.window.activeTextEditor!;
    const at = positionOf(doc, expired, expired.length); // caret just after the token
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('authlens.copyPayload');
    const payload = JSON.parse(await vscode.env.clipboard.readText()) as Record<string, unknown>;
    assert.equal(payload['sub'], 'old-user');
  });

  it('follows authlens.hover.enabled and authlens.hover.excludedLanguages', async () => {
    const config = vscode.workspace.getConfiguration('authlens');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    assert.deepEqual(await authLensHovers(doc, positionOf(doc, valid)), []);
    await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    assert.equal((await authLensHovers(doc, positionOf(doc, valid))).length, 1);
    await config.update('hover.excludedLanguages', ['plaintext'], vscode.ConfigurationTarget.Global);
    assert.deepEqual(await authLensHovers(doc, positionOf(doc, valid)), []);
    const json = await vscode.workspace.openTextDocument({ content: `{"t":"${valid}"}`, language: 'json' });
    assert.equal((await authLensHovers(json, new vscode.Position(0, 10))).length, 1, 'other languages still hover');
  });

  it('hovers a token in a 10 MB single-line document with little more than VS Code’s own round trip', async () => {
    const filler = 'var a=1;'.repeat(650_000);
    const big = await vscode.workspace.openTextDocument({ content: `${filler}x="${valid}";${filler}`, language: 'plaintext' });
    const at = big.positionAt(filler.length + 10);
    const config = vscode.workspace.getConfiguration('authlens');
    // The baseline is the same round trip with the hover turned off (the provider returns at
    // once), measured in the same run, so a slow or busy machine moves both figures alike.
    const roundTrip = async (): Promise<{ ms: number; found: number }> => {
      const t0 = performance.now();
      const found = await authLensHovers(big, at);
      return { ms: performance.now() - t0, found: found.length };
    };
    await roundTrip(); // warm up
    let withHover = Infinity;
    let baseline = Infinity;
    try {
      for (let i = 0; i < 3; i++) {
        const on = await roundTrip();
        assert.equal(on.found, 1);
        withHover = Math.min(withHover, on.ms);
        await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
        const off = await roundTrip();
        assert.equal(off.found, 0);
        baseline = Math.min(baseline, off.ms);
        await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    // A bounded scan adds a few milliseconds; a whole-line or quadratic scan adds seconds.
    const extra = withHover - baseline;
    assert.ok(extra < Math.max(400, baseline), `hover ${withHover.toFixed(0)} ms, baseline ${baseline.toFixed(0)} ms`);
  });
});
