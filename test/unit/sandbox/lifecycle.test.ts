import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { startSandbox } from '../../../src/sandbox/index';

describe('sandbox: lifecycle and configuration', () => {
  // How fast it starts is a figure for `npm run bench`, not an assertion (RSA key generation
  // takes seconds on a loaded machine).
  it('starts on 127.0.0.1 with a free port, and closes', async function () {
    this.timeout(30_000);
    const sb = await startSandbox();
    try {
      assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(sb.baseUrls, {
        betterAuth: `${sb.url}/better-auth`,
        authing: `${sb.url}/authing`,
        authms: `${sb.url}/authms`,
        oidc: `${sb.url}/oidc`,
      });
    } finally {
      await sb.close();
    }
    await assert.rejects(fetch(`${sb.url}/`));
  });

  it('binds only loopback: providerConfigs and credentials cover the four sandbox providers', async function () {
    this.timeout(15_000);
    const sb = await startSandbox();
    try {
      const configs = sb.providerConfigs();
      assert.deepEqual(
        configs.map((c) => [c.id, c.kind]),
        [
          ['sandbox-better-auth', 'better-auth'],
          ['sandbox-authing', 'authing'],
          ['sandbox-authms', 'authms'],
          ['sandbox-oidc', 'oidc'],
        ],
      );
      for (const c of configs) {
        assert.ok(c.baseUrl.startsWith(sb.url) && !c.baseUrl.endsWith('/'));
        assert.ok(c.label.length > 0);
      }
      assert.deepEqual(Object.keys(sb.credentials['sandbox-better-auth'] ?? {}), ['cookie', 'admin']);
      assert.deepEqual(Object.keys(sb.credentials['sandbox-authing'] ?? {}), ['cookie', 'clientSecret']);
      assert.deepEqual(Object.keys(sb.credentials['sandbox-authms'] ?? {}), ['bearer', 'admin']);
      assert.deepEqual(Object.keys(sb.credentials['sandbox-oidc'] ?? {}), ['clientSecret']);
      const cfg = (await (await fetch(`${sb.url}/__sandbox/config`)).json()) as { providers: unknown[] };
      // Not reachable on any other interface of this machine.
      const port = new URL(sb.url).port;
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((i) => i && !i.internal && i.family === 'IPv4')
        .map((i) => i?.address);
      for (const address of external) {
        await assert.rejects(fetch(`http://${address}:${port}/`, { signal: AbortSignal.timeout(2000) }));
      }
      assert.equal(cfg.providers.length, 4);
    } finally {
      await sb.close();
    }
  });

  it('a fixed port is honoured; a second sandbox on it fails cleanly', async function () {
    this.timeout(15_000);
    const first = await startSandbox();
    const port = Number(new URL(first.url).port);
    await first.close();
    const sb = await startSandbox({ port });
    try {
      assert.equal(sb.url, `http://127.0.0.1:${port}`);
      await assert.rejects(startSandbox({ port }), /EADDRINUSE/);
    } finally {
      await sb.close();
    }
  });

  it('refuses control requests whose Host is not loopback (DNS rebinding)', async function () {
    this.timeout(15_000);
    const sb = await startSandbox();
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${sb.url}/__sandbox/reset`, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end('{}');
      });
      assert.equal(status, 403);
    } finally {
      await sb.close();
    }
  });

  it('refuses API requests on every route whose Host is not the sandbox (421), before misbehaviour', async function () {
    this.timeout(15_000);
    const sb = await startSandbox();
    const port = new URL(sb.url).port;
    const send = (path: string, host: string, method = 'GET'): Promise<number> =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${sb.url}${path}`, { method, headers: { host, 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'GET' ? undefined : '{}');
      });
    try {
      // A rule that would answer 200 HTML must not hide the refusal.
      sb.misbehave({ kind: 'html', path: '/authms' });
      const routes: [string, string][] = [
        ['/better-auth/get-session', 'GET'],
        ['/authing/api/v3/get-profile', 'GET'],
        ['/authms/sessions', 'GET'],
        ['/oidc/.well-known/openid-configuration', 'GET'],
        ['/oidc/token', 'POST'],
        ['/oidc/jwks', 'GET'],
      ];
      for (const [path, method] of routes) {
        for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`]) {
          assert.equal(await send(path, host, method), 421, `${method} ${path} with Host ${host}`);
        }
      }
      // The loopback names with the sandbox's port still reach the API.
      assert.equal(await send('/oidc/.well-known/openid-configuration', `127.0.0.1:${port}`), 200);
      assert.equal(await send('/oidc/.well-known/openid-configuration', `localhost:${port}`), 200);
    } finally {
      await sb.close();
    }
  });

  it('close() does not wait for keep-alive connections or slow answers', async function () {
    this.timeout(15_000);
    const sb = await startSandbox();
    sb.misbehave({ kind: 'slow', ms: 60_000, path: '/authms' });
    const req = request(`${sb.baseUrls.authms}/sessions`);
    const pending = new Promise<string>((resolve) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(`answered ${res.statusCode}`));
        res.on('error', () => resolve('closed'));
      });
      req.on('error', () => resolve('closed'));
    });
    // The request is on the wire (its last byte handed to the socket) before close() is called.
    req.end();
    await once(req, 'finish');
    const t = performance.now();
    await sb.close();
    assert.ok(performance.now() - t < 1000);
    assert.equal(await pending, 'closed');
  });

  it('ids and data are seeded: two sandboxes list the same AuthMS session ids', async function () {
    this.timeout(15_000);
    const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
    try {
      const ids = async (sb: typeof a): Promise<string[]> => {
        const res = await fetch(`${sb.baseUrls.authms}/sessions?auth_user_id=usr_ada0250&page_size=100`, {
          headers: { authorization: `Bearer ${sb.credentials['sandbox-authms']?.bearer ?? ''}` },
        });
        return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
      };
      assert.deepEqual(await ids(a), await ids(b));
      assert.notEqual(a.credentials['sandbox-authms']?.bearer, b.credentials['sandbox-authms']?.bearer, 'keys are fresh per start');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
