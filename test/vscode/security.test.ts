import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerTestHooks } from '../../src/sessions/explorer';
import { startRecorderServer, type RecorderServer } from '../fixtures/recorderServer';
import { rawToken } from '../fixtures/tokens';
import { activateAuthLens, closeAllEditors, waitFor } from './helpers';
import { recordSecret } from './secretsUsed';

/**
 * The security model inside the real extension host (issue 9):
 *  - a workspace setting that points a configured provider at another local server (a
 *    recording server) gets no credential, while the user-level provider keeps working;
 *  - hovers over hostile tokens: `supportHtml` off, only AuthLens command links, with
 *    arguments the extension made.
 * Restricted Mode cannot be entered here (code-server runs with workspace trust disabled), so
 * the Restricted Mode selection of `readConfig()` is unit-tested in
 * `test/unit/security/originBinding.test.ts` with a stubbed `vscode`.
 * Every secret used is recorded for the log scan (`logScan.test.ts`).
 */

type SandboxHandle = NonNullable<ExplorerTestHooks['sandbox']['running']>;

const nowS = Math.floor(Date.now() / 1000);

/** Claim values that would act if rendered as markup or followed as links. */
const hostile: Record<string, string> = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  link: '[x](command:workbench.action.terminal.new)',
  ownCommand: '[i](command:authlens.hoverAction?%5B%22attacker%22%2C%22inspect%22%5D)',
  autolink: '<command:workbench.action.terminal.new>',
  html: '<a href="command:workbench.action.terminal.new">click</a>',
  rtl: 'admin\u202Egnp.exe\u202C',
  icon: '$(zap)',
};

const hostileTokens: Record<string, string> = {
  claims: rawToken({ alg: 'RS256', kid: hostile['img'], typ: 'JWT' }, { ...hostile, sub: hostile['link'], iss: hostile['script'], exp: nowS + 600 }),
  header: rawToken({ alg: hostile['link'], kid: hostile['ownCommand'], jku: 'https://evil.example/jwks.json' }, { sub: hostile['html'], exp: nowS + 600 }),
  names: rawToken({ alg: 'HS256' }, { ...Object.fromEntries(Object.values(hostile).map((v, i) => [v, i])), exp: nowS - 60 }),
  big: rawToken({ alg: 'RS256' }, { sub: 'big', big: `<b>${'A'.repeat(100_000)}</b>`, exp: nowS + 600 }),
  proto: rawToken({ alg: 'RS256' }, JSON.parse('{"sub":"p","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as object),
};

function commandUrisOutsideCode(markdown: string): string[] {
  const outside = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '').replace(/(`+)[^`]*?\1/g, '');
  return [...outside.matchAll(/command:[^\s)\]"'>]+/g)].map((m) => m[0]);
}

describe('security (in-host)', function () {
  this.timeout(60_000);
  let hooks: ExplorerTestHooks;
  let evil: RecorderServer;
  let userBefore: unknown[] | undefined;
  let workspaceBefore: unknown[] | undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('authlens');

  function sandbox(): SandboxHandle {
    const h = hooks.sandbox.running;
    if (!h) throw new Error('sandbox is not running');
    return h;
  }

  before(async () => {
    const ext = await activateAuthLens();
    hooks = (ext.exports as { explorer: ExplorerTestHooks }).explorer;
    assert.ok(hooks, 'test hooks');
    assert.equal(await vscode.commands.executeCommand<boolean>('authlens.startSandbox'), true, 'the sandbox started');
    await waitFor(() => hooks.model.providers.filter((p) => p.id.startsWith('sandbox-')).length === 4, 10_000, 'sandbox providers');
    for (const [id, creds] of Object.entries(sandbox().credentials)) {
      for (const [kind, value] of Object.entries(creds)) recordSecret(`sandbox ${id} ${kind}`, value);
    }
    evil = await startRecorderServer();
    const inspected = config().inspect<unknown[]>('providers');
    userBefore = inspected?.globalValue;
    workspaceBefore = inspected?.workspaceValue;
  });

  after(async () => {
    await config().update('providers', workspaceBefore, vscode.ConfigurationTarget.Workspace);
    await config().update('providers', userBefore, vscode.ConfigurationTarget.Global);
    for (const id of ['sec-mine', 'sec-other', 'sec-authing']) await hooks?.credentials.clearAll(id);
    await vscode.commands.executeCommand('authlens.stopSandbox');
    await evil?.close();
    await closeAllEditors();
  });

  it('a workspace setting pointing a provider at another server gets no credential; the user-level provider still works', async () => {
    const h = sandbox();
    const cookie = h.credentials['sandbox-better-auth']?.cookie;
    const authing = h.credentials['sandbox-authing'];
    assert.ok(cookie && authing?.cookie && authing.clientSecret);
    const mine = { id: 'sec-mine', kind: 'better-auth', label: 'Mine', baseUrl: h.baseUrls.betterAuth };
    const other = { id: 'sec-other', kind: 'better-auth', label: 'Other', baseUrl: h.baseUrls.betterAuth };
    const authingUser = { id: 'sec-authing', kind: 'authing', label: 'Authing', baseUrl: h.baseUrls.authing, appHost: h.baseUrls.authing, clientId: 'app' };
    await config().update('providers', [...(userBefore ?? []), mine, other, authingUser], vscode.ConfigurationTarget.Global);
    await waitFor(() => hooks.model.provider('sec-authing'), 5000, 'user-level providers');
    await hooks.credentials.set(hooks.model.provider('sec-mine')!, 'cookie', cookie);
    await hooks.credentials.set(hooks.model.provider('sec-other')!, 'cookie', cookie);
    await hooks.credentials.set(hooks.model.provider('sec-authing')!, 'cookie', authing.cookie);
    await hooks.credentials.set(hooks.model.provider('sec-authing')!, 'clientSecret', authing.clientSecret);
    await hooks.model.refresh(undefined, 'auto');
    for (const id of ['sec-mine', 'sec-other', 'sec-authing']) {
      const s = hooks.model.state(id);
      assert.equal(s.kind, 'ok', `${id} before: ${s.kind} ${s.failure?.message ?? ''}`);
    }
    for (const s of hooks.model.state('sec-mine').sessions) for (const t of s.session.tokens) recordSecret('sec-mine session token', t.value);
    for (const s of hooks.model.state('sec-authing').sessions) for (const t of s.session.tokens) recordSecret('sec-authing session token', t.value);

    // A cloned repository's .vscode/settings.json: same ids, other server (for Authing only appHost moves).
    await config().update(
      'providers',
      [...(workspaceBefore ?? []), { ...mine, baseUrl: `${evil.url}/api/auth` }, { ...authingUser, appHost: evil.url }],
      vscode.ConfigurationTarget.Workspace,
    );
    await waitFor(
      () => hooks.model.provider('sec-mine')?.baseUrl.startsWith(evil.url) && hooks.model.provider('sec-authing')?.appHost === evil.url,
      5000,
      'workspace override',
    );
    assert.equal(hooks.model.provider('sec-mine')?.level, 'workspace');
    await hooks.model.refresh(undefined, 'auto');

    const hijacked = hooks.model.state('sec-mine');
    assert.equal(hijacked.noCredential, true, 'the hijacked provider got no credential');
    assert.deepEqual(
      hijacked.setAside.map((a) => a.kind),
      ['cookie'],
    );
    const movedAuthing = hooks.model.state('sec-authing');
    assert.deepEqual(movedAuthing.setAside.map((a) => a.kind).sort(), ['clientSecret', 'cookie'], 'moving only appHost sets the Authing credentials aside');
    // Try the one call that goes to appHost, too: revoke (there is nothing to revoke without the cookie).
    assert.equal(movedAuthing.sessions.length, 0);

    for (const secret of [cookie, authing.cookie, authing.clientSecret]) {
      assert.ok(!evil.sawSecret(secret), 'a credential reached the other server');
    }
    for (const r of evil.requests) {
      assert.equal(r.headers.cookie, undefined, `cookie header sent to ${r.url}`);
      assert.equal(r.headers.authorization, undefined, `authorization header sent to ${r.url}`);
    }

    // The untouched user-level provider still works.
    const otherState = hooks.model.state('sec-other');
    assert.equal(otherState.kind, 'ok', otherState.failure?.message);
    assert.ok(otherState.sessions.length > 0);

    // Removing the workspace entries brings the user-level ones back, credentials intact.
    await config().update('providers', workspaceBefore, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => hooks.model.provider('sec-mine')?.baseUrl === h.baseUrls.betterAuth, 5000, 'user-level provider again');
    await hooks.model.refresh('sec-mine', 'auto');
    assert.equal(hooks.model.state('sec-mine').kind, 'ok');
    assert.equal(hooks.model.state('sec-mine').setAside.length, 0);
  });

  it('hovers over hostile tokens show text only: supportHtml off, only AuthLens command links with extension-made arguments', async () => {
    for (const t of Object.values(hostileTokens)) recordSecret('hostile test token', t);
    const names = Object.keys(hostileTokens);
    const content = names.map((n) => `${n}: Bearer ${hostileTokens[n]}`).join('\n');
    const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
    for (const [i, name] of names.entries()) {
      const token = hostileTokens[name]!;
      const position = new vscode.Position(i, `${name}: Bearer `.length + 8);
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
      const ours = hovers
        .flatMap((h) => h.contents)
        .filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.startsWith('**AuthLens**'));
      assert.equal(ours.length, 1, `${name}: one AuthLens hover`);
      const md = ours[0]!;
      assert.ok(!md.supportHtml, `${name}: supportHtml`);
      if (md.isTrusted !== false && md.isTrusted !== undefined) {
        assert.equal(typeof md.isTrusted, 'object', `${name}: isTrusted must list commands, not be true`);
        const enabled = (md.isTrusted as { enabledCommands: readonly string[] }).enabledCommands;
        assert.ok(enabled.length > 0 && enabled.every((c) => c.startsWith('authlens.')), `${name}: enabledCommands ${enabled.join()}`);
      }
      assert.ok(md.value.length < 20_000, `${name}: ${md.value.length} chars`);
      assert.ok(!/[\u202A-\u202E]/.test(md.value), `${name}: raw bidi override`);
      const outside = md.value.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '').replace(/(`+)[^`]*?\1/g, '');
      assert.ok(!/(^|[^\\])</.test(outside), `${name}: unescaped < outside code`);
      const uris = commandUrisOutsideCode(md.value);
      assert.ok(uris.length > 0, `${name}: the hover has its actions`);
      for (const uri of uris) {
        assert.ok(uri.startsWith('command:authlens.hoverAction?'), `${name}: link ${uri.slice(0, 60)}`);
        const args = JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))) as unknown[];
        assert.equal(args.length, 2);
        assert.match(String(args[0]), /^[0-9a-f]{18}$/, `${name}: the id is the extension's`);
        assert.ok(!token.includes(String(args[0])) && args[0] !== 'attacker');
        assert.ok(['inspect', 'copyPayload', 'copyAuthorizationHeader'].includes(String(args[1])));
      }
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('ignores a hover action whose id the extension did not make', async () => {
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await vscode.commands.executeCommand('authlens.hoverAction', 'attacker', 'inspect');
    await vscode.commands.executeCommand('authlens.hoverAction', { token: hostileTokens['claims'] }, 'copyPayload');
    // executeCommand resolves when the handler has finished: anything it opened is open by now.
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, before, 'nothing opened');
  });
});
