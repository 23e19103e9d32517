import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerTestHooks } from '../../src/sessions/explorer';
import type { ExplorerNode } from '../../src/sessions/nodes';
import { activateAuthLens, readAuthLensLog, waitFor } from './helpers';

/**
 * The session explorer against the built-in sandbox, inside the real extension host:
 * providers load, paging, revoke, every copy format (the curl one runs), credentials only in
 * SecretStorage, the status bar countdown, and credentials set aside when an origin changes.
 */

let hooks: ExplorerTestHooks;

function sandbox(): NonNullable<ExplorerTestHooks['sandbox']['running']> {
  const h = hooks.sandbox.running;
  if (!h) throw new Error('sandbox is not running');
  return h;
}

function run(cmd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // @types/node builds ExecFileException with Omit<>, which the rule no longer sees as an Error.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    execFile('sh', ['-c', cmd], { timeout: 15_000 }, (err, stdout, stderr) => (err ? reject(err) : resolve({ stdout, stderr })));
  });
}

async function children(node?: ExplorerNode): Promise<ExplorerNode[]> {
  return hooks.tree.getChildren(node);
}

async function providerNode(id: string): Promise<ExplorerNode> {
  const n = (await children()).find((x) => x.type === 'provider' && x.providerId === id);
  if (!n) throw new Error(`no provider row ${id}`);
  return n;
}

/** A tiny server that records the headers it gets (stands in for an attacker's server). */
async function recordingServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('null');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${addr.port}`, seen, server };
}

describe('explorer (sandbox, in-host)', function () {
  this.timeout(60_000);

  before(async () => {
    const ext = await activateAuthLens();
    hooks = (ext.exports as { explorer: ExplorerTestHooks }).explorer;
    assert.ok(hooks, 'the extension exposes its explorer test hooks in test mode');
    const ok = await vscode.commands.executeCommand<boolean>('authlens.startSandbox');
    assert.equal(ok, true, 'the sandbox started');
    await waitFor(() => hooks.model.providers.filter((p) => p.id.startsWith('sandbox-')).length === 4, 10_000, 'four sandbox providers');
  });

  // Every test starts from the seeded data, freshly listed: none depends on what another
  // revoked, paged or pinned before it.
  beforeEach(async () => {
    sandbox().reset();
    hooks.statusBar.pin(undefined);
    await hooks.model.refresh(undefined, 'user');
  });

  after(async () => {
    await vscode.commands.executeCommand('authlens.stopSandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('adds the sandbox providers to the workspace settings and loads them', async () => {
    const inspected = vscode.workspace.getConfiguration('authlens').inspect<{ id: string }[]>('providers');
    assert.deepEqual(
      (inspected?.workspaceValue ?? [])
        .map((p) => p.id)
        .filter((id) => id.startsWith('sandbox-'))
        .sort(),
      ['sandbox-authing', 'sandbox-authms', 'sandbox-better-auth', 'sandbox-oidc'],
    );
    await hooks.model.refresh(undefined, 'user');
    const ba = hooks.model.state('sandbox-better-auth');
    assert.equal(ba.kind, 'ok', ba.failure?.message);
    assert.ok(ba.sessions.length >= 2, 'Better Auth lists the signed-in user’s sessions');
    assert.ok(
      ba.sessions.some((s) => s.session.current),
      'one of them is the credential’s own',
    );
    assert.equal(hooks.model.state('sandbox-authing').kind, 'ok', hooks.model.state('sandbox-authing').failure?.message);
    assert.equal(hooks.model.state('sandbox-authms').kind, 'ok', hooks.model.state('sandbox-authms').failure?.message);
    for (const id of ['sandbox-oidc']) {
      const s = hooks.model.state(id);
      assert.ok(s.kind === 'ok' || s.kind === 'signed-out', `${id}: ${s.kind} ${s.failure?.message ?? ''}`);
    }
    const rows = await children(await providerNode('sandbox-better-auth'));
    assert.ok(rows.filter((r) => r.type === 'session').length === ba.sessions.length);
    const item = hooks.tree.getTreeItem(rows[0]!);
    assert.ok(typeof item.description === 'string' && /expires in|expired|no expiry/.test(item.description), String(item.description));
  });

  it('pages AuthMS: first page, then "Load more (100 of 250)"', async () => {
    const node = await providerNode('sandbox-authms');
    const first = await children(node);
    const state = hooks.model.state('sandbox-authms');
    assert.equal(state.sessions.length, 100);
    assert.equal(state.total, 250);
    const more = first.find((r) => r.type === 'loadMore');
    assert.ok(more, 'a Load more row');
    assert.equal(hooks.tree.getTreeItem(more).label, 'Load more (100 of 250)');
    await vscode.commands.executeCommand('authlens.loadMore', more);
    assert.equal(hooks.model.state('sandbox-authms').sessions.length, 200);
    assert.equal(hooks.tree.getTreeItem(more).label, 'Load more (200 of 250)');
    await vscode.commands.executeCommand('authlens.loadMore', more);
    assert.equal(hooks.model.state('sandbox-authms').sessions.length, 250);
    assert.equal(
      (await children(node)).some((r) => r.type === 'loadMore'),
      false,
      'no Load more on the last page',
    );
  });

  it('revoke removes the session on the next list', async () => {
    const state = hooks.model.state('sandbox-better-auth');
    // Not the credential's own session, and the one furthest from expiry (the status bar test
    // pins one about to expire).
    const victim = state.sessions
      .filter((s) => !s.session.current && s.session.status === 'active')
      .sort((a, b) => Date.parse(b.session.expiresAt ?? '') - Date.parse(a.session.expiresAt ?? ''))[0];
    assert.ok(victim, 'a revocable session');
    const outcome = await hooks.model.revoke('sandbox-better-auth', victim.key);
    assert.equal(outcome.kind, 'revoked', JSON.stringify(outcome));
    const after = hooks.model.state('sandbox-better-auth');
    assert.equal(after.kind, 'ok');
    assert.equal(
      after.sessions.some((s) => s.session.id === victim.session.id),
      false,
      'the revoked session is gone',
    );
    assert.equal(after.sessions.length, state.sessions.length - 1);
  });

  it('copies every format exactly, and the curl command returns 200', async () => {
    const base = sandbox().baseUrls.betterAuth;
    const node = await providerNode('sandbox-better-auth');
    const sessionNode = (await children(node)).find((r) => r.type === 'session' && hooks.model.session(r.providerId, r.sessionKey)?.current);
    assert.ok(sessionNode && sessionNode.type === 'session');
    const tokenNode = (await children(sessionNode)).find(
      (r) => r.type === 'token' && hooks.model.session(r.providerId, r.sessionKey)?.tokens[r.tokenIndex]?.kind === 'session-token',
    );
    assert.ok(tokenNode && tokenNode.type === 'token', 'the session token row');
    const token = hooks.model.session(tokenNode.providerId, tokenNode.sessionKey)!.tokens[tokenNode.tokenIndex]!.value;
    const url = `${base}/get-session`;
    const expected: Record<string, string> = {
      raw: token,
      bearerHeader: `Authorization: Bearer ${token}`,
      cookieHeader: `Cookie: better-auth.session_token=${token}`,
      curl: `curl '${url}' -H 'Authorization: Bearer ${token}'`,
      fetch: [
        `const response = await fetch("${url}", {`,
        `  method: "GET",`,
        `  headers: { "Authorization": "Bearer ${token}" },`,
        `});`,
        `console.log(response.status, await response.text());`,
      ].join('\n'),
      httpie: `http GET '${url}' 'Authorization:Bearer ${token}'`,
      restClient: `GET ${url}\nAuthorization: Bearer ${token}\n`,
    };
    for (const [format, text] of Object.entries(expected)) {
      const done: string | undefined = await vscode.commands.executeCommand<string | undefined>('authlens.copyTokenAs', tokenNode, format);
      assert.equal(done, format);
      assert.equal(await vscode.env.clipboard.readText(), text, `format ${format}`);
    }
    await vscode.commands.executeCommand('authlens.copyTokenAs', tokenNode, 'curl');
    const curl = await vscode.env.clipboard.readText();
    const { stdout } = await run(`${curl} -s -w '\\n%{http_code}'`);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.at(-1), '200');
    const body = JSON.parse(lines.slice(0, -1).join('\n')) as { user?: { email?: string } } | null;
    assert.ok(body?.user?.email, 'the copied curl command is signed in');
    assert.ok(!readAuthLensLog().includes(token), 'the token never reaches the log');
  });

  it('keeps credentials in SecretStorage, bound to the origin, and never in settings', async () => {
    const h = sandbox();
    const stored = await hooks.credentials.secrets.get('authlens.credential/sandbox-better-auth/cookie');
    assert.ok(stored, 'the cookie is in SecretStorage');
    const parsed = JSON.parse(stored) as { origin: string; value: string };
    assert.equal(parsed.origin, h.url);
    assert.equal(parsed.value, h.credentials['sandbox-better-auth']?.cookie);
    const values = Object.values(h.credentials)
      .flatMap((c) => Object.values(c))
      .filter((v): v is string => typeof v === 'string');
    assert.ok(values.length >= 5);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration().inspect('authlens'));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const wsFile = folder ? join(folder, '.vscode', 'settings.json') : undefined;
    const wsText = wsFile && existsSync(wsFile) ? readFileSync(wsFile, 'utf8') : '';
    assert.ok(wsText.includes('sandbox-better-auth'), 'the providers are in the workspace settings file');
    for (const v of values) {
      assert.ok(!settingsText.includes(v), 'a credential is in the settings');
      assert.ok(!wsText.includes(v), 'a credential is in .vscode/settings.json');
      assert.ok(!readAuthLensLog().includes(v), 'a credential is in the log');
    }
  });

  it('counts down in the status bar for the pinned session', async () => {
    const state = hooks.model.state('sandbox-better-auth');
    const soon = state.sessions.find((s) => {
      const at = s.session.expiresAt ? Date.parse(s.session.expiresAt) : NaN;
      return at - Date.now() > 60_000 && at - Date.now() < 10 * 60_000;
    });
    assert.ok(soon, 'a session that expires within minutes');
    await vscode.commands.executeCommand('authlens.pinAsActive', { type: 'session', providerId: 'sandbox-better-auth', sessionKey: soon.key });
    const first = hooks.statusBar.text;
    assert.match(first, /\$\(pinned\) \$\(account\) .+ · \d+m \d+s left/);
    assert.ok(hooks.statusBar.backgroundColor, 'amber in the last five minutes');
    const second = await waitFor(() => (hooks.statusBar.text !== first ? hooks.statusBar.text : undefined), 3000, 'the countdown to tick');
    const secs = (t: string): number => {
      const m = /(\d+)m (\d+)s left/.exec(t);
      return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    };
    assert.ok(secs(second) < secs(first), `${second} after ${first}`);
    hooks.statusBar.pin(undefined);
  });

  it('auto-refreshes loaded providers when authlens.autoRefresh.seconds is set', async () => {
    const config = vscode.workspace.getConfiguration('authlens');
    const before = hooks.model.state('sandbox-better-auth').loadedAt ?? 0;
    assert.ok(before > 0);
    try {
      await config.update('autoRefresh.seconds', 5, vscode.ConfigurationTarget.Global);
      await waitFor(() => hooks.config().autoRefreshSeconds === 5, 5000, 'the setting');
      // The timer refreshes while the view or the status bar shows something.
      await waitFor(() => (hooks.model.state('sandbox-better-auth').loadedAt ?? 0) > before, 9000, 'an automatic refresh');
    } finally {
      await config.update('autoRefresh.seconds', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(hooks.config().autoRefreshSeconds, 0, 'off by default');
  });

  it('sets a credential aside when the provider’s origin changes, and asks', async () => {
    const h = sandbox();
    const rec = await recordingServer();
    const config = vscode.workspace.getConfiguration('authlens');
    const user = (config.inspect<unknown[]>('providers')?.globalValue ?? []).slice();
    try {
      // A user-level provider with a credential bound to the sandbox origin...
      await config.update(
        'providers',
        [...user, { id: 'origin-test', kind: 'better-auth', label: 'Origin test', baseUrl: h.baseUrls.betterAuth }],
        vscode.ConfigurationTarget.Global,
      );
      await waitFor(() => hooks.model.provider('origin-test'), 5000, 'origin-test provider');
      const cookie = h.credentials['sandbox-better-auth']?.cookie;
      assert.ok(cookie);
      await hooks.credentials.set(hooks.model.provider('origin-test')!, 'cookie', cookie);
      await hooks.model.refresh('origin-test', 'user');
      assert.equal(hooks.model.state('origin-test').kind, 'ok');

      // ...then the settings point it at another server (a cloned repo's settings would).
      await config.update(
        'providers',
        [...user, { id: 'origin-test', kind: 'better-auth', label: 'Origin test', baseUrl: `${rec.url}/api/auth` }],
        vscode.ConfigurationTarget.Global,
      );
      await waitFor(() => hooks.model.provider('origin-test')?.baseUrl.startsWith(rec.url), 5000, 'the new base URL');
      await hooks.model.refresh('origin-test', 'user');
      const s = hooks.model.state('origin-test');
      assert.deepEqual(
        s.setAside.map((a) => [a.kind, a.storedOrigin, a.currentOrigin]),
        [['cookie', h.url, rec.url]],
      );
      assert.equal(s.noCredential, true);
      assert.equal(s.kind, 'signed-out', 'without a credential for its origin, the provider is signed out');
      for (const headers of rec.seen) {
        assert.equal(headers.cookie, undefined, 'no cookie went to the new origin');
        assert.equal(headers.authorization, undefined, 'no authorization went to the new origin');
        assert.ok(!JSON.stringify(headers).includes(cookie.slice(0, 12)));
      }
      // The credential is still stored, bound to the old origin (until the person decides).
      const stored = JSON.parse((await hooks.credentials.secrets.get('authlens.credential/origin-test/cookie')) ?? '{}') as { origin?: string };
      assert.equal(stored.origin, h.url);
      const rows = await children(await providerNode('origin-test'));
      assert.ok(
        rows.some((r) => r.type === 'info' && /set aside/.test(r.label ?? '')),
        'the tree says the credential was set aside',
      );
    } finally {
      await config.update('providers', user.length > 0 ? user : undefined, vscode.ConfigurationTarget.Global);
      await hooks.credentials.clearAll('origin-test');
      rec.server.close();
    }
  });

  it('shows a provider whose server is down as unreachable, with Retry', async () => {
    const config = vscode.workspace.getConfiguration('authlens');
    const user = (config.inspect<unknown[]>('providers')?.globalValue ?? []).slice();
    const rec = await recordingServer();
    const deadUrl = rec.url;
    await new Promise<void>((r) => rec.server.close(() => r()));
    try {
      await config.update(
        'providers',
        [...user, { id: 'down', kind: 'authms', label: 'Down', baseUrl: deadUrl, authUserId: 'usr_nobody' }],
        vscode.ConfigurationTarget.Global,
      );
      await waitFor(() => hooks.model.provider('down'), 5000, 'down provider');
      await hooks.credentials.set(hooks.model.provider('down')!, 'bearer', 'test-bearer-for-a-dead-server');
      await hooks.model.refresh('down', 'auto');
      const s = hooks.model.state('down');
      assert.equal(s.kind, 'unreachable', `${s.kind} ${s.failure?.code}`);
      const item = hooks.tree.getTreeItem(await providerNode('down'));
      assert.ok(String(item.description).length > 0);
      const rows = await children(await providerNode('down'));
      assert.ok(
        rows.some((r) => r.type === 'info' && r.command?.id === 'authlens.refresh'),
        'a Retry row',
      );
    } finally {
      await config.update('providers', user.length > 0 ? user : undefined, vscode.ConfigurationTarget.Global);
      await hooks.credentials.clearAll('down');
    }
  });
});
