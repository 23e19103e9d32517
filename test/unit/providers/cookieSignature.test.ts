/**
 * Signed cookies made by the real packages (cookie-signature, express-session, Better Auth),
 * checked with `verifySignedCookie`; cookies made by `signCookieValue` accepted by the real
 * servers. Flask's cookies come from the generator in `fixtures/signedCookies.ts`.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { sign as cookieSign } from 'cookie-signature';
import session from 'express-session';
import { parseSignedCookie, type SignedCookie } from '../../../src/core/signedCookie';
import { inflatedPayload, signCookieValue, verifySignedCookie } from '../../../src/providers/cookieSignature';
import type { BetterAuthTestServer } from '../../fixtures/betterAuthServer.mjs';
import { signUp } from '../../fixtures/betterAuthClient';
import { COOKIE_SECRET, flaskCookie } from '../../fixtures/signedCookies';

function parsed(text: string): SignedCookie {
  const c = parseSignedCookie(text);
  assert.ok(c, 'parses');
  return c;
}

/** A node:http server running express-session; each request counts its visits. */
async function expressSessionServer(secret: string): Promise<{ url: string; close: () => Promise<void> }> {
  const middleware = session({ secret, resave: false, saveUninitialized: true });
  const server = http.createServer((req, res) => {
    middleware(req as never, res as never, () => {
      const s = (req as unknown as { session: session.Session & { visits?: number }; sessionID: string }).session;
      s.visits = (s.visits ?? 0) + 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ visits: s.visits, id: (req as unknown as { sessionID: string }).sessionID }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('providers/cookieSignature', () => {
  describe('cookie-signature (the real package)', () => {
    it('accepts its signature with the secret, names a wrong secret, and a tampered value', () => {
      const c = parsed(cookieSign('user-42', COOKIE_SECRET));
      assert.equal(c.format, 'cookie-signature');
      assert.deepEqual(verifySignedCookie(c, COOKIE_SECRET), { valid: true, reason: 'valid', matched: 0 });
      assert.deepEqual(verifySignedCookie(c, 'another secret'), { valid: false, reason: 'wrong-secret' });
      const tampered = parsed(cookieSign('user-42', COOKIE_SECRET).replace('user-42', 'user-43'));
      assert.equal(verifySignedCookie(tampered, COOKIE_SECRET).reason, 'wrong-secret');
    });

    it('signCookieValue makes what cookie-signature makes', () => {
      assert.equal(signCookieValue('cookie-signature', 'v.1', COOKIE_SECRET), cookieSign('v.1', COOKIE_SECRET));
    });

    it('rotated secrets: the one that matched is named; an empty secret is its own reason', () => {
      const c = parsed(cookieSign('x-1', 'new'));
      assert.deepEqual(verifySignedCookie(c, ['old', 'new']), { valid: true, reason: 'valid', matched: 1 });
      assert.deepEqual(verifySignedCookie(c, ''), { valid: false, reason: 'empty-secret' });
    });

    it('a signature that is not an HMAC of this algorithm is not called a wrong secret', () => {
      const c = { ...parsed(cookieSign('x-1', 'k')), signature: 'AAAA' };
      assert.deepEqual(verifySignedCookie(c, 'k'), { valid: false, reason: 'not-a-signature' });
    });
  });

  describe('express-session (a real middleware on node:http)', () => {
    let server: { url: string; close: () => Promise<void> };
    before(async () => {
      server = await expressSessionServer(COOKIE_SECRET);
    });
    after(() => server.close());

    it('its Set-Cookie reads as express-session and verifies with its secret only', async () => {
      const res = await fetch(server.url);
      const setCookie = res.headers.getSetCookie()[0] ?? '';
      assert.match(setCookie, /^connect\.sid=s%3A/);
      const body = (await res.json()) as { id: string };
      const c = parsed(`Set-Cookie: ${setCookie}`);
      assert.equal(c.format, 'express-session');
      assert.equal(c.cookieName, 'connect.sid');
      assert.equal(c.signedValue, body.id);
      assert.equal(verifySignedCookie(c, COOKIE_SECRET).valid, true);
      assert.equal(verifySignedCookie(c, 'keyboard cat').reason, 'wrong-secret');
    });

    it('a cookie signed by signCookieValue is accepted by express-session: the same session, second visit', async () => {
      const first = await fetch(server.url);
      const { id } = (await first.json()) as { id: string };
      const ours = signCookieValue('express-session', id, COOKIE_SECRET);
      const second = await fetch(server.url, { headers: { cookie: `connect.sid=${ours}` } });
      assert.deepEqual(await second.json(), { visits: 2, id });
      // Signed with another secret, express-session starts a new session.
      const forged = await fetch(server.url, { headers: { cookie: `connect.sid=${signCookieValue('express-session', id, 'wrong')}` } });
      const answer = (await forged.json()) as { visits: number; id: string };
      assert.equal(answer.visits, 1);
      assert.notEqual(answer.id, id);
    });
  });

  describe('Better Auth (the real server fixture)', function () {
    this.timeout(60_000);
    let s: BetterAuthTestServer;
    before(async () => {
      const fixture = await import('../../fixtures/betterAuthServer.mjs');
      s = await fixture.startBetterAuthServer();
    });
    after(() => s.close());

    it('its session cookie verifies with the server secret; a wrong secret fails', async () => {
      const signed = await signUp(s, 'cookie-check@authlens.test');
      const c = parsed(`${signed.cookieName}=${signed.cookie}`);
      assert.equal(c.format, 'better-auth');
      assert.equal(c.signedValue, signed.token);
      assert.equal(c.urlDecoded, true);
      assert.deepEqual(verifySignedCookie(c, s.auth.options.secret), { valid: true, reason: 'valid', matched: 0 });
      assert.equal(verifySignedCookie(c, `${s.auth.options.secret}x`).reason, 'wrong-secret');
    });

    it('a cookie signed by signCookieValue gets the session from get-session; a wrong secret gets none', async () => {
      const signed = await signUp(s, 'cookie-sign@authlens.test');
      const ours = signCookieValue('better-auth', signed.token, s.auth.options.secret);
      assert.equal(ours, signed.cookie);
      const res = await fetch(`${s.baseUrl}/get-session`, { headers: { cookie: `${s.cookieName}=${ours}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { user?: { id: string }; session?: { token: string } } | null;
      assert.equal(body?.user?.id, signed.userId);
      const wrong = await fetch(`${s.baseUrl}/get-session`, {
        headers: { cookie: `${s.cookieName}=${signCookieValue('better-auth', signed.token, 'not-the-secret-0123456789abcdef')}` },
      });
      assert.equal(await wrong.json(), null);
    });
  });

  describe('Flask / itsdangerous (the documented algorithm)', () => {
    it('verifies, names a wrong secret, and signCookieValue makes the same cookie', () => {
      const cookie = flaskCookie({ user_id: 7 }, 1_780_000_000);
      const c = parsed(`session=${cookie}`);
      assert.deepEqual(verifySignedCookie(c, COOKIE_SECRET), { valid: true, reason: 'valid', matched: 0 });
      assert.equal(verifySignedCookie(c, 'dev').reason, 'wrong-secret');
      assert.equal(signCookieValue('itsdangerous', JSON.stringify({ user_id: 7 }), COOKIE_SECRET, { now: 1_780_000_000 }), cookie);
    });

    it('a compressed payload is inflated host-side; one that is not zlib says so', () => {
      const c = parsed(flaskCookie({ cart: 'z'.repeat(300) }, 1_780_000_000, COOKIE_SECRET, true));
      assert.equal(verifySignedCookie(c, COOKIE_SECRET).valid, true);
      assert.deepEqual(inflatedPayload(c.payload!).json, { cart: 'z'.repeat(300) });
      assert.equal(inflatedPayload({ compressed: true, base64url: 'bm90IHpsaWI' }).inflateProblem, 'not-zlib');
    });

    it('a zlib bomb stops at the bound', () => {
      const bomb = deflateSync(Buffer.alloc(4 * 1024 * 1024, 0x20)).toString('base64url');
      assert.equal(inflatedPayload({ compressed: true, base64url: bomb }).inflateProblem, 'too-large');
    });
  });
});
