import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuthLensError, type AuthLensError } from '../../../src/core/errors';
import { HttpClient, bypassesProxy, joinUrl, resolveHttpOptions, retryAfterSeconds, statusErrorCode, type HttpRequest } from '../../../src/providers/http';
import { freePort, json, startMiniServer, type MiniServer } from '../../fixtures/miniServer';

const SECRET = 'tok_SECRETVALUE_0123456789abcdef';
const COOKIE = 's%3Acookie-SECRET-abcdefghijkl.sig';
const AUTH = { authorization: `Bearer ${SECRET}`, cookie: `sid=${COOKIE}` };

/** Every error seen in this file, checked at the end for leaked credentials. */
const errors: AuthLensError[] = [];

async function fails(p: Promise<unknown>): Promise<AuthLensError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isAuthLensError(err), `not an AuthLensError: ${String(err)}`);
    errors.push(err);
    return err;
  }
  assert.fail('expected the request to fail');
}

function assertNoSecret(err: AuthLensError): void {
  const text = `${err.message}\n${JSON.stringify(err.details)}\n${err.stack ?? ''}`;
  for (const s of [SECRET, COOKIE, decodeURIComponent(COOKIE), 'client-SECRET-xyz-123456']) {
    assert.ok(!text.includes(s), `credential leaked in ${err.code}: ${text}`);
  }
}

describe('providers/http', function () {
  this.timeout(10_000);
  let srv: MiniServer;
  let client: HttpClient;
  const get = (path: string, extra: Partial<HttpRequest> = {}): Promise<unknown> =>
    client.send({ method: 'GET', url: srv.url + path, headers: AUTH, ...extra });

  beforeEach(async () => {
    srv = await startMiniServer();
    client = new HttpClient({ baseUrl: `${srv.url}/api`, timeoutMs: 1500 });
  });
  afterEach(async () => {
    await client.close();
    await srv.close();
  });

  it('parses JSON and flattens headers', async () => {
    srv.handle((_r, res) => json(res, 200, { ok: true }, { 'x-a': 'b' }));
    const res = await client.send({ method: 'GET', url: joinUrl(`${srv.url}/api/`, '/x', { q: 1, skip: undefined }), headers: AUTH });
    assert.deepEqual(res.json, { ok: true });
    assert.equal(res.headers['x-a'], 'b');
    assert.equal(srv.seen[0]?.url, '/api/x?q=1');
    assert.equal(srv.seen[0]?.headers.authorization, `Bearer ${SECRET}`);
  });

  it('sends JSON and form bodies', async () => {
    srv.handle((_r, res) => json(res, 200, {}));
    await client.send({ method: 'POST', url: `${srv.url}/a`, json: { token: SECRET } });
    await client.send({ method: 'POST', url: `${srv.url}/b`, form: { token: SECRET, client_id: 'c' } });
    assert.equal(srv.seen[0]?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(srv.seen[0]?.body ?? ''), { token: SECRET });
    assert.equal(srv.seen[1]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(srv.seen[1]?.body, `token=${SECRET}&client_id=c`);
  });

  it('reuses the connection (keep-alive)', async () => {
    const ports = new Set<number>();
    srv.handle((_r, res) => {
      ports.add(res.socket?.remotePort ?? 0);
      json(res, 200, {});
    });
    for (let i = 0; i < 6; i++) await get('/k');
    // The pool may open a second socket while the first finishes; never one per request.
    assert.ok(ports.size <= 2, `${ports.size} connections for 6 requests`);
  });

  it('connection refused -> net-refused', async () => {
    const port = await freePort();
    const c = new HttpClient({ baseUrl: `http://127.0.0.1:${port}` });
    const err = await fails(c.send({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: AUTH }));
    assert.equal(err.code, 'net-refused');
    assert.equal(err.details.where, `http://127.0.0.1:${port}`);
    await c.close();
  });

  it('unknown host -> net-dns', async () => {
    const c = new HttpClient({ baseUrl: 'http://authlens-no-such-host.invalid' });
    const err = await fails(c.send({ method: 'GET', url: 'http://authlens-no-such-host.invalid/x', headers: AUTH }));
    assert.equal(err.code, 'net-dns');
    await c.close();
  });

  it('slow headers -> net-timeout', async () => {
    const c = new HttpClient({ baseUrl: srv.url, timeoutMs: 200 });
    srv.handle((_r, res) => void setTimeout(() => json(res, 200, {}), 1500));
    const err = await fails(c.send({ method: 'GET', url: `${srv.url}/slow`, headers: AUTH }));
    assert.equal(err.code, 'net-timeout');
    await c.close();
  });

  it('stalled body -> net-timeout', async () => {
    const c = new HttpClient({ baseUrl: srv.url, timeoutMs: 200 });
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
    });
    const err = await fails(c.send({ method: 'GET', url: `${srv.url}/stall`, headers: AUTH }));
    assert.equal(err.code, 'net-timeout');
    await c.close();
  });

  it('a body trickled one byte at a time -> net-timeout at the overall deadline, saying how long', async () => {
    // Each byte comes well within the 300 ms inactivity timeout, so only a deadline can stop it.
    const timers = new Set<ReturnType<typeof setInterval>>();
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write(' '), 50);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    const c = new HttpClient({ baseUrl: srv.url, timeoutMs: 300, deadlineMs: 700 });
    try {
      const t0 = Date.now();
      const err = await fails(c.send({ method: 'GET', url: `${srv.url}/trickle`, headers: AUTH }));
      const waited = Date.now() - t0;
      assert.equal(err.code, 'net-timeout');
      assert.equal(err.details.where, srv.url);
      assert.equal(err.details.limit, 1);
      assert.match(err.message, /no complete answer within 700 ms/);
      assert.ok(waited >= 650 && waited < 5000, `${waited} ms`);
      assertNoSecret(err);
    } finally {
      for (const t of timers) clearInterval(t);
      await c.close();
    }
  });

  it('headers trickled one byte at a time -> net-timeout at the overall deadline', async () => {
    const timers = new Set<ReturnType<typeof setInterval>>();
    const raw = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
        const timer = setInterval(() => socket.write('a'), 50);
        timers.add(timer);
        socket.on('close', () => clearInterval(timer));
        socket.on('error', () => clearInterval(timer));
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    const c = new HttpClient({ baseUrl: url, timeoutMs: 300, deadlineMs: 700 });
    try {
      const err = await fails(c.send({ method: 'GET', url: `${url}/x`, headers: AUTH }));
      assert.equal(err.code, 'net-timeout');
      assert.equal(err.details.limit, 1);
    } finally {
      for (const t of timers) clearInterval(t);
      await c.close();
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('the deadline covers a Retry-After wait; the caller cancelling is still "cancelled"', async () => {
    srv.handle((_r, res) => json(res, 429, {}, { 'retry-after': '3' }));
    const c = new HttpClient({ baseUrl: srv.url, timeoutMs: 300, deadlineMs: 400, maxRetryWaitMs: 5000 });
    try {
      const err = await fails(c.send({ method: 'GET', url: `${srv.url}/r`, headers: AUTH }));
      assert.equal(err.code, 'net-timeout');
      const ac = new AbortController();
      ac.abort();
      const cancelled = await fails(c.send({ method: 'GET', url: `${srv.url}/r`, headers: AUTH, signal: ac.signal }));
      assert.equal(cancelled.code, 'cancelled');
    } finally {
      await c.close();
    }
  });

  it('a 4 MB error message of whitespace after "Bearer" is cut and redacted quickly', async () => {
    // Before: redacting 120 000 spaces took 12 s, and the 5 MB body cap allowed hours.
    const message = `Bearer${' '.repeat(4_000_000)}${SECRET}`;
    srv.handle((_r, res) => json(res, 500, { message, request_id: `${' '.repeat(1_000_000)}r1` }));
    const t0 = Date.now();
    const err = await fails(get('/ws'));
    assert.equal(err.code, 'http-server');
    assert.ok(Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
    assert.ok((err.details.serverMessage ?? '').length <= 501);
    assert.ok((err.details.requestId ?? '').length <= 201);
    assertNoSecret(err);
  });

  it('HTML body -> response-html (by content type and by sniffing)', async () => {
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>Sign in to the proxy</p>');
    });
    assert.equal((await fails(get('/h'))).code, 'response-html');
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('\n  <!DOCTYPE html><html></html>');
    });
    assert.equal((await fails(get('/h'))).code, 'response-html');
  });

  it('non-JSON and empty bodies -> response-not-json; json-or-empty accepts empty', async () => {
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('oops, not json');
    });
    const err = await fails(get('/n'));
    assert.equal(err.code, 'response-not-json');
    srv.handle((_r, res) => {
      res.writeHead(200);
      res.end();
    });
    assert.equal((await fails(get('/e'))).code, 'response-not-json');
    const ok = await client.send({ method: 'GET', url: `${srv.url}/e`, expect: 'json-or-empty' });
    assert.equal(ok.json, undefined);
    const none = await client.send({ method: 'DELETE', url: `${srv.url}/e`, expect: 'none' });
    assert.equal(none.status, 200);
  });

  it('JSON nested deeper than the guard -> response-shape', async () => {
    srv.handle((_r, res) => json(res, 200, JSON.parse('['.repeat(100) + ']'.repeat(100))));
    const err = await fails(get('/deep'));
    assert.equal(err.code, 'response-shape');
    assert.match(err.details.where ?? '', /nesting deeper than 64/);
    // Brackets inside strings do not count.
    srv.handle((_r, res) => json(res, 200, { s: '['.repeat(1000) }));
    await get('/deep');
  });

  it('401 with a JSON message that echoes the token: message kept, token masked', async () => {
    srv.handle((_r, res) => json(res, 401, { message: `invalid token ${SECRET}`, code: 'UNAUTHORIZED' }, { 'x-request-id': 'req-1' }));
    const err = await fails(get('/u'));
    assert.equal(err.code, 'http-unauthorized');
    assert.equal(err.details.status, 401);
    assert.equal(err.details.serverCode, 'UNAUTHORIZED');
    assert.equal(err.details.requestId, 'req-1');
    assert.match(err.details.serverMessage ?? '', /^invalid token tok_SE… \(\d+ chars\)$/);
  });

  it('401 with an empty body (Better Auth admin without a session)', async () => {
    srv.handle((_r, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end();
    });
    const err = await fails(get('/u'));
    assert.equal(err.code, 'http-unauthorized');
    assert.equal(err.details.serverMessage, undefined);
  });

  it('403, 404, 418, 500, 503 map to their codes with status and server details', async () => {
    const cases: [number, string][] = [
      [403, 'http-forbidden'],
      [404, 'http-not-found'],
      [418, 'http-other'],
      [500, 'http-server'],
      [503, 'http-server'],
    ];
    for (const [status, code] of cases) {
      srv.handle((_r, res) =>
        json(res, status, {
          title: 'Forbidden',
          detail: 'not your session',
          status,
          code: 30101001,
          request_id: 'req_9',
          trace_id: '00-abc-def-01',
          errors: [{ field: 'auth_user_id', code: 'required', description: 'missing' }],
        }),
      );
      const err = await fails(get('/s'));
      assert.equal(err.code, code);
      assert.equal(err.details.status, status);
      assert.equal(err.details.serverMessage, 'Forbidden: not your session');
      assert.equal(err.details.serverCode, '30101001');
      assert.equal(err.details.requestId, 'req_9');
      assert.equal(err.details.traceId, '00-abc-def-01');
      assert.deepEqual(err.details.fieldErrors, [{ field: 'auth_user_id', code: 'required', description: 'missing' }]);
    }
    // An HTML error page keeps the status code.
    srv.handle((_r, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const err = await fails(get('/g'));
    assert.equal(err.code, 'http-server');
    assert.equal(err.details.status, 502);
  });

  it('429 with a short Retry-After waits and retries once', async () => {
    let n = 0;
    srv.handle((_r, res) => (n++ === 0 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: 1 })));
    const t0 = Date.now();
    const res = await client.send({ method: 'GET', url: `${srv.url}/r`, headers: AUTH });
    assert.deepEqual(res.json, { ok: 1 });
    assert.equal(srv.seen.length, 2);
    assert.ok(Date.now() - t0 >= 900, 'waited for Retry-After');
  });

  it('429 with x-retry-after (Better Auth) and a short wait also retries once', async () => {
    let n = 0;
    srv.handle((_r, res) =>
      n++ === 0 ? json(res, 429, { message: 'Too many requests. Please try again later.' }, { 'x-retry-after': '0' }) : json(res, 200, {}),
    );
    await get('/r');
    assert.equal(srv.seen.length, 2);
  });

  it('429 twice: retried only once, then the error', async () => {
    srv.handle((_r, res) => json(res, 429, {}, { 'retry-after': '0' }));
    const err = await fails(get('/r'));
    assert.equal(err.code, 'http-rate-limited');
    assert.equal(err.details.retryAfterSeconds, 0);
    assert.equal(srv.seen.length, 2);
  });

  it('429 with a long wait: no retry, error with retryAfterSeconds (header or body retry_after)', async () => {
    srv.handle((_r, res) => json(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '120' }));
    let err = await fails(get('/r'));
    assert.equal(err.code, 'http-rate-limited');
    assert.equal(err.details.retryAfterSeconds, 120);
    assert.equal(srv.seen.length, 1);
    srv.handle((_r, res) => json(res, 429, { title: 'Too Many Requests', retry_after: 30 }));
    err = await fails(get('/r'));
    assert.equal(err.details.retryAfterSeconds, 30);
    assert.equal(srv.seen.length, 2);
  });

  it('cancellation while waiting for Retry-After', async () => {
    srv.handle((_r, res) => json(res, 429, {}, { 'retry-after': '3' }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const t0 = Date.now();
    const err = await fails(get('/r', { signal: ac.signal }));
    assert.equal(err.code, 'cancelled');
    assert.ok(Date.now() - t0 < 1500);
  });

  it('a redirect to another origin is not followed (credentials stay home)', async () => {
    const other = await startMiniServer();
    try {
      srv.handle((_r, res) => {
        res.writeHead(302, { location: `${other.url}/steal?x=1` });
        res.end();
      });
      const err = await fails(get('/r'));
      assert.equal(err.code, 'redirect-blocked');
      assert.equal(err.details.where, other.url);
      assert.equal(other.seen.length, 0);
    } finally {
      await other.close();
    }
  });

  it('a same-origin redirect is followed once with the same credentials; a second is blocked', async () => {
    srv.handle((r, res) => {
      if (r.url === '/a') {
        res.writeHead(307, { location: '/b' });
        res.end();
      } else json(res, 200, { at: r.url });
    });
    const res = await client.send({ method: 'POST', url: `${srv.url}/a`, headers: AUTH, json: { x: 1 } });
    assert.deepEqual(res.json, { at: '/b' });
    assert.equal(srv.seen[1]?.method, 'POST');
    assert.equal(srv.seen[1]?.headers.authorization, `Bearer ${SECRET}`);
    assert.equal(srv.seen[1]?.body, '{"x":1}');

    srv.handle((r, res) => {
      res.writeHead(302, { location: r.url === '/a' ? '/b' : '/c' });
      res.end();
    });
    const err = await fails(get('/a'));
    assert.equal(err.code, 'redirect-blocked');
  });

  it('303 after a POST becomes a GET without body', async () => {
    srv.handle((r, res) => {
      if (r.url === '/a') {
        res.writeHead(303, { location: '/b' });
        res.end();
      } else json(res, 200, {});
    });
    await client.send({ method: 'POST', url: `${srv.url}/a`, json: { x: 1 } });
    assert.equal(srv.seen[1]?.method, 'GET');
    assert.equal(srv.seen[1]?.body, '');
  });

  it('a credential is never sent to another origin (origin-mismatch)', async () => {
    const other = await startMiniServer();
    try {
      const err = await fails(client.send({ method: 'GET', url: `${other.url}/x`, headers: AUTH }));
      assert.equal(err.code, 'origin-mismatch');
      const err2 = await fails(
        client.send({ method: 'POST', url: `${other.url}/x`, form: { client_secret: 'client-SECRET-xyz-123456' }, secrets: ['client-SECRET-xyz-123456'] }),
      );
      assert.equal(err2.code, 'origin-mismatch');
      assert.equal(other.seen.length, 0);
      // Without credentials another origin is fine (JWKS of another host, say).
      await client.send({ method: 'GET', url: `${other.url}/jwks` });
      // An origin configured for the same provider (Authing appHost) may receive them.
      const c2 = new HttpClient({ baseUrl: srv.url, credentialOrigins: [other.url] });
      await c2.send({ method: 'GET', url: `${other.url}/x`, headers: AUTH });
      await c2.close();
    } finally {
      await other.close();
    }
  });

  it('body over the 5 MB cap -> response-too-large (streamed and declared)', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 6; i++) res.write(chunk);
      res.end('{}');
    });
    assert.equal((await fails(get('/big'))).code, 'response-too-large');
    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(6 * 1024 * 1024) });
      res.write('{');
    });
    assert.equal((await fails(get('/big'))).code, 'response-too-large');
    // Just under the cap is fine.
    const c = new HttpClient({ baseUrl: srv.url, maxBodyBytes: 100 });
    srv.handle((_r, res) => json(res, 200, { s: 'x'.repeat(80) }));
    await c.send({ method: 'GET', url: `${srv.url}/ok` });
    srv.handle((_r, res) => json(res, 200, { s: 'x'.repeat(100) }));
    assert.equal((await fails(c.send({ method: 'GET', url: `${srv.url}/ok` }))).code, 'response-too-large');
    await c.close();
  });

  it('AbortSignal cancels before headers, mid-body, and when already aborted', async () => {
    srv.handle((_r, res) => void setTimeout(() => json(res, 200, {}), 1000));
    let ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    assert.equal((await fails(get('/slow', { signal: ac.signal }))).code, 'cancelled');

    srv.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[1,');
    });
    ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    assert.equal((await fails(get('/stall', { signal: ac.signal }))).code, 'cancelled');

    ac = new AbortController();
    ac.abort();
    const before = srv.seen.length;
    assert.equal((await fails(get('/x', { signal: ac.signal }))).code, 'cancelled');
    assert.equal(srv.seen.length, before);
  });

  it('a closed client refuses new requests', async () => {
    await client.close();
    assert.equal((await fails(get('/x'))).code, 'cancelled');
  });

  it('log lines are redacted', async () => {
    const lines: string[] = [];
    const c = new HttpClient({ baseUrl: srv.url, log: (l) => lines.push(l) });
    srv.handle((_r, res) => json(res, 200, {}));
    await c.send({ method: 'GET', url: `${srv.url}/p?token=${SECRET}`, headers: AUTH });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^GET http:\/\/127\.0\.0\.1:\d+\/p -> 200 \(\d+ ms\)$/);
    await c.close();
  });

  it('TLS: self-signed certificate -> net-tls; allowInsecureTls opts out', async function () {
    const tls = await startTlsServer();
    if (tls === undefined) this.skip();
    try {
      const c = new HttpClient({ baseUrl: tls.url });
      assert.equal((await fails(c.send({ method: 'GET', url: `${tls.url}/x`, headers: AUTH }))).code, 'net-tls');
      await c.close();
      const insecure = new HttpClient({ baseUrl: tls.url, allowInsecureTls: true });
      const res = await insecure.send({ method: 'GET', url: `${tls.url}/x`, headers: AUTH });
      assert.deepEqual(res.json, { tls: true });
      await insecure.close();
    } finally {
      await tls.close();
    }
  });

  describe('proxy', () => {
    it('goes through the proxy (CONNECT) unless NO_PROXY or loopback says otherwise', async () => {
      srv.handle((r, res) => json(res, 200, { host: r.headers.host }));
      const proxy = await startConnectProxy(Number(new URL(srv.url).port));
      try {
        const c = new HttpClient({ baseUrl: 'http://api.authlens.test', http: { proxy: proxy.url, strictSSL: true } });
        const res = await c.send({ method: 'GET', url: 'http://api.authlens.test/who', headers: AUTH });
        assert.deepEqual(res.json, { host: 'api.authlens.test' });
        assert.deepEqual(proxy.connects, ['api.authlens.test:80']);
        await c.close();
        // NO_PROXY: direct, so the made-up host does not resolve.
        const direct = new HttpClient({ baseUrl: 'http://api.authlens.test', http: { proxy: proxy.url, strictSSL: true, noProxy: ['.authlens.test'] } });
        assert.equal((await fails(direct.send({ method: 'GET', url: 'http://api.authlens.test/who', headers: AUTH }))).code, 'net-dns');
        await direct.close();
        // Loopback never uses the proxy.
        const local = new HttpClient({ baseUrl: srv.url, http: { proxy: proxy.url, strictSSL: true } });
        await local.send({ method: 'GET', url: `${srv.url}/who` });
        assert.equal(proxy.connects.length, 1);
        await local.close();
      } finally {
        await proxy.close();
      }
    });

    it('resolveHttpOptions: setting wins over env; NO_PROXY is split', () => {
      assert.deepEqual(resolveHttpOptions({ settingProxy: 'http://p:1', strictSSL: false, env: { HTTPS_PROXY: 'http://e:2', NO_PROXY: 'a.com, .b.org' } }), {
        proxy: 'http://p:1',
        strictSSL: false,
        noProxy: ['a.com', '.b.org'],
      });
      assert.deepEqual(resolveHttpOptions({ env: { https_proxy: 'http://e:2' } }), { proxy: 'http://e:2', strictSSL: true });
      assert.deepEqual(resolveHttpOptions({ settingProxy: '  ', env: {} }), { strictSSL: true });
    });

    it('bypassesProxy follows NO_PROXY syntax', () => {
      const u = (s: string): URL => new URL(s);
      assert.equal(bypassesProxy(u('http://localhost:3000/')), true);
      assert.equal(bypassesProxy(u('http://127.0.0.5/')), true);
      assert.equal(bypassesProxy(u('http://[::1]:80/')), true);
      assert.equal(bypassesProxy(u('https://api.example.com/'), ['example.com']), true);
      assert.equal(bypassesProxy(u('https://example.com/'), ['.example.com']), true);
      assert.equal(bypassesProxy(u('https://api.example.com/'), ['*.example.com']), true);
      assert.equal(bypassesProxy(u('https://notexample.com/'), ['example.com']), false);
      assert.equal(bypassesProxy(u('https://a.io:8443/'), ['a.io:8443']), true);
      assert.equal(bypassesProxy(u('https://a.io/'), ['a.io:8443']), false);
      assert.equal(bypassesProxy(u('https://x.y/'), ['*']), true);
      assert.equal(bypassesProxy(u('https://x.y/'), []), false);
    });
  });

  it('retryAfterSeconds reads seconds, HTTP dates, x-retry-after and body retry_after', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterSeconds({ 'retry-after': '7' }, undefined, now), 7);
    assert.equal(retryAfterSeconds({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, undefined, now), 30);
    assert.equal(retryAfterSeconds({ 'x-retry-after': '10' }, undefined, now), 10);
    assert.equal(retryAfterSeconds({}, { retry_after: 4 }, now), 4);
    assert.equal(retryAfterSeconds({}, { message: 'x' }, now), undefined);
    assert.equal(statusErrorCode(409), 'http-other');
  });

  after(() => {
    assert.ok(errors.length >= 30, `only ${errors.length} errors collected`);
    for (const err of errors) assertNoSecret(err);
  });

  it('no credential appears in any error (checked over every error of this file)', () => {
    // The real check runs in `after`, once all errors exist; this names it in the report.
    for (const err of errors) assertNoSecret(err);
  });
});

/** A forward proxy that only knows CONNECT and tunnels every host to one local port. */
async function startConnectProxy(targetPort: number): Promise<{ url: string; connects: string[]; close(): Promise<void> }> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream).add(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function startTlsServer(): Promise<{ url: string; close(): Promise<void> } | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'authlens-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  const server = https.createServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (_req, res) =>
    json(res, 200, { tls: true }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
