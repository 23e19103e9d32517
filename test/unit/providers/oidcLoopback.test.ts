import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer, connect, type AddressInfo, type Server as NetServer } from 'node:net';
import { isAuthLensError } from '../../../src/core/errors';
import { startLoopbackListener } from '../../../src/providers/oidc/loopback';
import { s256Challenge, createAuthorizationRequestSecrets } from '../../../src/providers/oidc/pkce';
import { MemoryTokenStore, type StoredTokenSet, type TokenSlot } from '../../../src/providers/oidc/tokenStore';
import { makeProvider, realOidcServer } from './oidcHelpers';

/** Resolves when `get()` returns something (checked on the event loop, no fixed sleep). */
async function until<T>(get: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** GET with an explicit Host header (fetch would not send another). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A free port on 127.0.0.1 (listened on, then released). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A TCP forwarder like VS Code's port forwarding: its own port, piped to `target`. */
async function startForwarder(target: () => number): Promise<{ server: NetServer; port: number }> {
  const server = createNetServer((socket) => {
    const upstream = connect(target(), '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A token store that records when the user set was stored, in one event list with the browser's page. */
class RecordingStore extends MemoryTokenStore {
  constructor(private readonly events: string[]) {
    super();
  }
  override async set(slot: TokenSlot, set: StoredTokenSet): Promise<void> {
    this.events.push(`stored ${slot}`);
    await super.set(slot, set);
  }
}

describe('providers/oidc loopback listener: the page waits for the exchange', () => {
  it('computes the RFC 7636 appendix B challenge', () => {
    assert.equal(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const s = createAuthorizationRequestSecrets();
    assert.equal(s.codeVerifier.length, 43);
    assert.notEqual(s.state, createAuthorizationRequestSecrets().state);
  });

  it('holds the callback until respond(): then the success page, and it closes', async () => {
    const listener = await startLoopbackListener({ state: 's1', pages: { success: 'ok page', failure: 'bad page' } });
    const origin = new URL(listener.redirectUri).origin;
    const favicon = await fetch(`${origin}/favicon.ico`);
    assert.equal(favicon.status, 404);
    const events: string[] = [];
    const page = fetch(`${listener.redirectUri}?code=c1&state=s1&iss=x`).then(async (res) => {
      events.push('page');
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    });
    assert.deepEqual(await listener.result, { code: 'c1', iss: 'x' });
    events.push('respond');
    listener.respond({ ok: true });
    assert.deepEqual(await page, { status: 200, type: 'text/plain; charset=utf-8', text: 'ok page\n' });
    assert.deepEqual(events, ['respond', 'page']);
    await assert.rejects(fetch(listener.redirectUri), 'closed after one request');
  });

  it('respond(failure): the failure page with the message made plain; close() while held answers failure', async () => {
    const listener = await startLoopbackListener({ state: 's1', pages: { success: 'ok page', failure: 'bad page' } });
    const page = fetch(`${listener.redirectUri}?code=c1&state=s1`).then(async (res) => ({ status: res.status, text: await res.text() }));
    await listener.result;
    listener.respond({ ok: false, failure: 'Server said: <b>no</b>\n[x](command:evil)' });
    assert.deepEqual(await page, { status: 400, text: 'bad page\n\nServer said: <b>no</b> [x] (command:evil)\n' });

    const other = await startLoopbackListener({ state: 's2', pages: { success: 'ok page', failure: 'bad page' } });
    const held = fetch(`${other.redirectUri}?code=c&state=s2`).then(async (res) => ({ status: res.status, text: await res.text() }));
    await other.result;
    other.close();
    assert.deepEqual(await held, { status: 400, text: 'bad page\n' });
  });

  it('answers a wrong state 400 and keeps listening for the right one; an error redirect is answered at once', async () => {
    const listener = await startLoopbackListener({ state: 's1', timeoutMs: 10_000 });
    const wrong = await fetch(`${listener.redirectUri}?code=c0&state=s2`);
    assert.equal(wrong.status, 400);
    const errorWithWrongState = await fetch(`${listener.redirectUri}?error=access_denied&state=s2`);
    assert.equal(errorWithWrongState.status, 400);
    const right = fetch(`${listener.redirectUri}?code=c1&state=s1`);
    assert.deepEqual(await listener.result, { code: 'c1' });
    listener.respond({ ok: true });
    assert.equal((await right).status, 200);

    const denied = await startLoopbackListener({ state: 's1', timeoutMs: 10_000 });
    const res = await fetch(`${denied.redirectUri}?error=access_denied&state=s1`);
    assert.equal(res.status, 400, 'not held: there is nothing to exchange');
    await assert.rejects(denied.result, (err) => isAuthLensError(err) && err.details.serverCode === 'access_denied');
  });

  it('accepts only Host 127.0.0.1:<port>, plus a host allowed for a mapped redirect URI', async () => {
    const listener = await startLoopbackListener({ state: 's1', timeoutMs: 10_000 });
    const port = new URL(listener.redirectUri).port;
    for (const host of [`localhost:${port}`, `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, 'forwarded.example:443']) {
      assert.equal(await getWithHost(`${listener.redirectUri}?code=c0&state=s1`, host), 400, `Host ${host}`);
    }
    listener.allowHost('Forwarded.example:443');
    const mapped = getWithHost(`${listener.redirectUri}?code=c1&state=s1`, 'forwarded.example:443');
    assert.deepEqual(await listener.result, { code: 'c1' });
    listener.respond({ ok: true });
    assert.equal(await mapped, 200);
  });

  it('listens on a fixed port when asked; a port in use is a settings error naming redirectPort', async () => {
    const port = await freePort();
    const listener = await startLoopbackListener({ state: 's1', port });
    assert.equal(listener.redirectUri, `http://127.0.0.1:${port}/callback`);
    await assert.rejects(startLoopbackListener({ state: 's2', port }), (err) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'config-invalid');
      assert.equal(err.details.where, `redirectPort ${port} (in use by another program)`);
      return true;
    });
    listener.close();
    await assert.rejects(listener.result, (err) => isAuthLensError(err) && err.code === 'cancelled');
  });

  it('fails as a state mismatch at the timeout when only wrong states came, times out, and stops when aborted', async () => {
    const wrong = await startLoopbackListener({ state: 's1', timeoutMs: 300 });
    const res = await fetch(`${wrong.redirectUri}?code=c1&state=s2`);
    assert.equal(res.status, 400);
    await assert.rejects(wrong.result, (err) => isAuthLensError(err) && err.code === 'oidc-state-mismatch');
    await assert.rejects(fetch(wrong.redirectUri), 'closed at the timeout');

    const slow = await startLoopbackListener({ state: 's1', timeoutMs: 30 });
    await assert.rejects(slow.result, (err) => isAuthLensError(err) && err.code === 'oidc-login-timeout');
    await assert.rejects(fetch(slow.redirectUri));

    const controller = new AbortController();
    const aborted = await startLoopbackListener({ state: 's1', signal: controller.signal });
    controller.abort();
    await assert.rejects(aborted.result, (err) => isAuthLensError(err) && err.code === 'cancelled');
  });
});

describe('providers/oidc browser sign-in, remote-ready (real oidc-provider)', function () {
  this.timeout(20_000);
  const real = realOidcServer();

  /** Plays the browser: dev login pages, then the redirect; records the page in `events`. */
  function browser(events: string[], opts: { login?: string } = {}) {
    const seen: { authorizeUrl?: string; redirect?: URL; page?: { status: number; text: string } } = {};
    const openBrowser = async (url: string): Promise<boolean> => {
      seen.authorizeUrl = url;
      void (async () => {
        const redirect = await real.fixture.driveDevLogin(url, opts);
        seen.redirect = redirect;
        const res = await fetch(redirect);
        const text = await res.text();
        events.push('page');
        seen.page = { status: res.status, text };
      })().catch((err: unknown) => {
        seen.page = { status: -1, text: String(err) };
      });
      return true;
    };
    return { openBrowser, seen };
  }

  it('the browser hears "signed in" only after the exchange succeeded and the tokens were stored', async () => {
    const events: string[] = [];
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const b = browser(events);
    const set = await provider.signIn({ ...ctx, tokens: new RecordingStore(events) }, { openBrowser: b.openBrowser, timeoutMs: 10_000 });
    assert.equal(set.grant, 'authorization_code');
    await until(() => b.seen.page);
    assert.deepEqual(b.seen.page, { status: 200, text: 'Signed in. You can close this tab and return to VS Code.\n' });
    assert.deepEqual(events, ['stored user', 'page']);
    await provider.close();
  });

  it('a failed exchange (wrong client secret) shows the failure and its plain reason, never the secret or the code', async () => {
    const events: string[] = [];
    const { provider, ctx, tokens } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, 'wrong-secret-value');
    const b = browser(events);
    await assert.rejects(
      provider.signIn(ctx, { openBrowser: b.openBrowser, timeoutMs: 10_000 }),
      (err) => isAuthLensError(err) && err.code === 'oauth-error' && err.details.serverCode === 'invalid_client',
    );
    const page = await until(() => b.seen.page);
    assert.equal(page.status, 400);
    assert.match(page.text, /^Sign-in failed\. Return to VS Code for details\.\n\n/);
    assert.match(page.text, /invalid_client/);
    assert.ok(!page.text.includes('wrong-secret-value'));
    const code = b.seen.redirect?.searchParams.get('code');
    assert.ok(code);
    assert.ok(!page.text.includes(code), 'no authorization code on the page');
    assert.equal(await tokens.get('user'), undefined);

    // The caller's wording (localised in VS Code) is used when given.
    const b2 = browser([]);
    await assert.rejects(provider.signIn(ctx, { openBrowser: b2.openBrowser, timeoutMs: 10_000, describeFailure: () => '登录失败：客户端密钥错误' }));
    assert.equal((await until(() => b2.seen.page)).text, 'Sign-in failed. Return to VS Code for details.\n\n登录失败：客户端密钥错误\n');
    await provider.close();
  });

  it('honours redirectPort: the redirect URI names that port and the sign-in completes on it', async () => {
    const port = await freePort();
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.native.clientId, redirectPort: port });
    const b = browser([]);
    const set = await provider.signIn(ctx, { openBrowser: b.openBrowser, timeoutMs: 10_000 });
    assert.equal(new URL(b.seen.authorizeUrl ?? '').searchParams.get('redirect_uri'), `http://127.0.0.1:${port}/callback`);
    assert.ok(set.accessToken);
    assert.equal((await until(() => b.seen.page)).status, 200);
    await provider.close();
  });

  it('sends the redirect URI the externalUri function maps to (a forwarded port) and completes through it', async () => {
    let listenerPort = 0;
    const forwarder = await startForwarder(() => listenerPort);
    const mapped: string[] = [];
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.native.clientId });
    const b = browser([]);
    const set = await provider.signIn(ctx, {
      openBrowser: b.openBrowser,
      timeoutMs: 10_000,
      externalUri: async (uri) => {
        mapped.push(uri);
        const local = new URL(uri);
        listenerPort = Number(local.port);
        local.port = String(forwarder.port);
        return local.href;
      },
    });
    assert.equal(mapped.length, 1);
    assert.match(mapped[0] ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const sent = new URL(b.seen.authorizeUrl ?? '').searchParams.get('redirect_uri');
    assert.equal(sent, `http://127.0.0.1:${forwarder.port}/callback`, 'the authorization request names the forwarded port');
    assert.equal(set.grant, 'authorization_code', 'the code exchange used the same redirect URI (the real.server checks)');
    assert.equal((await until(() => b.seen.page)).status, 200, 'the callback came through the forwarder (its Host allowed)');
    await new Promise<void>((resolve) => forwarder.server.close(() => resolve()));
    await provider.close();
  });

  it('a mapping that does not just forward the port (a proxy path, https tunnel, another scheme) is not used', async () => {
    for (const mapping of [
      'http://127.0.0.1:8080/proxy/{port}/callback',
      'https://{port}.tunnel.example/callback',
      'vscode://authlens/callback',
      'not a url',
    ]) {
      const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.native.clientId });
      const b = browser([]);
      const set = await provider.signIn(ctx, {
        openBrowser: b.openBrowser,
        timeoutMs: 10_000,
        externalUri: async (uri) => mapping.replace('{port}', new URL(uri).port),
      });
      assert.ok(set.accessToken, mapping);
      assert.match(new URL(b.seen.authorizeUrl ?? '').searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/, mapping);
      await provider.close();
    }
  });
});
