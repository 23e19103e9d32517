import * as assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { BA_SESSION, BA_USER, assertShape } from './shapes';
import { cred, getJson, useSandbox } from './helpers';

const COOKIE = 'better-auth.session_token';

describe('sandbox: Better Auth (seed 000)', () => {
  const h = useSandbox();
  const base = (): string => h.sb.baseUrls.betterAuth;
  const userCookie = (): string => `${COOKIE}=${cred(h.sb, 'sandbox-better-auth', 'cookie')}`;
  const adminCookie = (): string => `${COOKIE}=${cred(h.sb, 'sandbox-better-auth', 'admin')}`;
  const post = (path: string, body: unknown, headers: Record<string, string>): Promise<Response> =>
    fetch(`${base()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: h.sb.url, ...headers },
      body: JSON.stringify(body),
    });

  async function session(headers: Record<string, string>): Promise<{ res: Response; body: unknown }> {
    const res = await fetch(`${base()}/get-session`, { headers });
    return { res, body: await getJson(res) };
  }

  it('GET /get-session with the cookie answers {session, user} with every seed field', async () => {
    const { res, body } = await session({ cookie: userCookie() });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const b = body as { session: unknown; user: unknown };
    assert.deepEqual(Object.keys(b), ['session', 'user']);
    assertShape(b.session, BA_SESSION, '$.session');
    assertShape(b.user, BA_USER, '$.user');
    const s = b.session as Record<string, unknown>;
    assert.match(String(s['token']), /^[A-Za-z0-9]{32}$/, 'session token is opaque, 32 alphanumerics');
    assert.equal(typeof s['activeOrganizationId'], 'string', 'organization plugin field set');
    const u = b.user as Record<string, unknown>;
    assert.equal(u['role'], 'user');
    assert.match(String(u['stripeCustomerId']), /^cus_/);
  });

  it('the admin credential is an admin user', async () => {
    const { body } = await session({ cookie: adminCookie() });
    assert.equal((body as { user: { role: string } }).user.role, 'admin');
  });

  it('accepts Authorization: Bearer with the signed or the raw token', async () => {
    const signed = decodeURIComponent(cred(h.sb, 'sandbox-better-auth', 'cookie'));
    const raw = signed.slice(0, signed.lastIndexOf('.'));
    for (const token of [signed, raw]) {
      const { res, body } = await session({ authorization: `Bearer ${token}` });
      assert.equal(res.status, 200);
      assert.equal((body as { session: { token: string } }).session.token, raw);
    }
  });

  it('signed out, unknown or tampered: 200 with the body null', async () => {
    const signed = decodeURIComponent(cred(h.sb, 'sandbox-better-auth', 'cookie'));
    const tampered = `${signed.slice(0, 5)}X${signed.slice(6)}`;
    const cases: Record<string, string>[] = [
      {},
      { cookie: `${COOKIE}=${encodeURIComponent(tampered)}` },
      { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { authorization: `Bearer ${tampered}` },
    ];
    for (const headers of cases) {
      const { res, body } = await session(headers);
      assert.equal(res.status, 200);
      assert.equal(body, null);
      assert.equal(res.headers.get('set-auth-jwt'), null);
    }
  });

  it('set-auth-jwt and GET /token are EdDSA JWTs verified by GET /jwks (iss = aud = base URL, sub = user, 15 min)', async () => {
    const { res, body } = await session({ cookie: userCookie() });
    const headerJwt = res.headers.get('set-auth-jwt');
    assert.ok(headerJwt);
    const tokenRes = await fetch(`${base()}/token`, { headers: { cookie: userCookie() } });
    const { token } = (await tokenRes.json()) as { token: string };
    const jwks = createRemoteJWKSet(new URL(`${base()}/jwks`));
    for (const jwt of [headerJwt, token]) {
      assert.equal(decodeProtectedHeader(jwt).alg, 'EdDSA');
      const { payload } = await jwtVerify(jwt, jwks, { issuer: h.sb.url, audience: h.sb.url });
      assert.equal(payload.sub, (body as { user: { id: string } }).user.id);
      assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 900);
      assert.equal(payload['sid'], undefined, 'no session id claim');
    }
    const keys = (await (await fetch(`${base()}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(keys.keys[0] ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'x']);
  });

  it('GET /token without a session: 401 {message, code}', async () => {
    const res = await fetch(`${base()}/token`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { message: 'Unauthorized', code: 'UNAUTHORIZED' });
  });

  it('GET /list-sessions lists the unexpired sessions of the user, not the impersonated one', async () => {
    const res = await fetch(`${base()}/list-sessions`, { headers: { cookie: userCookie() } });
    assert.equal(res.status, 200);
    const list = (await res.json()) as Record<string, unknown>[];
    assert.ok(Array.isArray(list) && list.length >= 2);
    for (const s of list) {
      assertShape(s, BA_SESSION);
      assert.ok(Date.parse(String(s['expiresAt'])) > Date.now());
    }
    assert.ok(
      list.every((s) => s['impersonatedBy'] === null),
      'no impersonated session (admin plugin hides them)',
    );
    assert.ok(
      list.some((s) => Date.parse(String(s['expiresAt'])) - Date.now() < 10 * 60_000),
      'a session expiring within minutes',
    );
    const uas = list.map((s) => String(s['userAgent']));
    assert.ok(uas.some((ua) => ua.includes('Firefox')) && uas.some((ua) => ua.includes('iPhone')));
  });

  it('GET /list-sessions hides impersonated sessions (like the admin plugin); the admin route shows them', async () => {
    const own = (await (await fetch(`${base()}/list-sessions`, { headers: { cookie: userCookie() } })).json()) as Record<string, unknown>[];
    const current = (await session({ cookie: userCookie() })).body as { user: { id: string } };
    const res = await post('/admin/list-user-sessions', { userId: current.user.id }, { cookie: adminCookie() });
    const all = ((await res.json()) as { sessions: Record<string, unknown>[] }).sessions;
    const impersonated = all.filter((s) => typeof s['impersonatedBy'] === 'string');
    assert.equal(impersonated.length, 1, 'the seed has one impersonated session of this user');
    const imp = impersonated[0] ?? {};
    assert.ok(Date.parse(String(imp['expiresAt'])) > Date.now(), 'it is live, so only the impersonation hides it');
    assert.ok(!own.some((s) => s['id'] === imp['id']));
    const live = all.filter((s) => Date.parse(String(s['expiresAt'])) > Date.now() && s['impersonatedBy'] === null);
    assert.deepEqual(own.map((s) => s['id']).sort(), live.map((s) => s['id']).sort());
    // The impersonating session itself does not see its own session in /list-sessions either.
    const asImpersonator = await fetch(`${base()}/list-sessions`, { headers: { authorization: `Bearer ${String(imp['token'])}` } });
    assert.equal(asImpersonator.status, 200);
    const seen = (await asImpersonator.json()) as Record<string, unknown>[];
    assert.ok(!seen.some((s) => s['id'] === imp['id']));
    assert.equal(seen.length, own.length);
  });

  it('GET /list-sessions without a session: 401 {message, code}', async () => {
    const res = await fetch(`${base()}/list-sessions`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { message: 'Unauthorized', code: 'UNAUTHORIZED' });
  });

  it('POST /revoke-session answers {status:true} always; the revoked session is gone on the next list', async () => {
    const list = (await (await fetch(`${base()}/list-sessions`, { headers: { cookie: userCookie() } })).json()) as {
      token: string;
    }[];
    const victim = list[1]?.token;
    assert.ok(victim);
    for (const token of [victim, 'unknown-token-unknown-token-1234']) {
      const res = await post('/revoke-session', { token }, { cookie: userCookie() });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: true });
    }
    const after = (await (await fetch(`${base()}/list-sessions`, { headers: { cookie: userCookie() } })).json()) as {
      token: string;
    }[];
    assert.equal(after.length, list.length - 1);
    assert.ok(!after.some((s) => s.token === victim));
  });

  it("revoke-session cannot revoke another user's session (still {status:true})", async () => {
    const adminList = (await (await fetch(`${base()}/list-sessions`, { headers: { cookie: adminCookie() } })).json()) as {
      token: string;
    }[];
    const res = await post('/revoke-session', { token: adminList[0]?.token }, { cookie: userCookie() });
    assert.deepEqual(await res.json(), { status: true });
    const again = (await (await fetch(`${base()}/list-sessions`, { headers: { cookie: adminCookie() } })).json()) as unknown[];
    assert.equal(again.length, adminList.length);
  });

  it('a cookie-carrying POST without Origin is refused 403 MISSING_OR_NULL_ORIGIN; bearer-only passes', async () => {
    const res = await fetch(`${base()}/revoke-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: userCookie() },
      body: JSON.stringify({ token: 'x' }),
    });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { message: 'Missing or null Origin', code: 'MISSING_OR_NULL_ORIGIN' });
    const bad = await post('/revoke-session', { token: 'x' }, { cookie: userCookie(), origin: 'https://evil.example' });
    assert.equal(((await bad.json()) as { code: string }).code, 'INVALID_ORIGIN');
    const bearer = decodeURIComponent(cred(h.sb, 'sandbox-better-auth', 'cookie'));
    const ok = await fetch(`${base()}/revoke-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ token: 'x' }),
    });
    assert.equal(ok.status, 200);
  });

  it('admin: list-user-sessions gives {sessions} (expired included), revoke-user-session gives {success:true}', async () => {
    const me = (await (await fetch(`${base()}/get-session`, { headers: { cookie: userCookie() } })).json()) as {
      user: { id: string };
    };
    const res = await post('/admin/list-user-sessions', { userId: me.user.id }, { cookie: adminCookie() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { sessions: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(body), ['sessions']);
    for (const s of body.sessions) assertShape(s, BA_SESSION);
    assert.ok(
      body.sessions.some((s) => Date.parse(String(s['expiresAt'])) < Date.now()),
      'an expired session',
    );
    const target = body.sessions.find((s) => s['impersonatedBy'] !== null);
    assert.ok(target, 'the impersonated session');
    const revoke = await post('/admin/revoke-user-session', { sessionToken: target['token'] }, { cookie: adminCookie() });
    assert.equal(revoke.status, 200);
    assert.deepEqual(await revoke.json(), { success: true });
    const again = (await (await post('/admin/list-user-sessions', { userId: me.user.id }, { cookie: adminCookie() })).json()) as { sessions: unknown[] };
    assert.equal(again.sessions.length, body.sessions.length - 1);
  });

  it('admin endpoints: non-admin 403 {message, code}; no session 401 with an empty JSON body', async () => {
    const forbidden = await post('/admin/list-user-sessions', { userId: 'x' }, { cookie: userCookie() });
    assert.equal(forbidden.status, 403);
    assert.deepEqual(await forbidden.json(), {
      message: 'You are not allowed to list users sessions',
      code: 'YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS',
    });
    const revoke = await post('/admin/revoke-user-session', { sessionToken: 'x' }, { cookie: userCookie() });
    assert.equal(revoke.status, 403);
    assert.equal(((await revoke.json()) as { code: string }).code, 'YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS');
    for (const path of ['/admin/list-user-sessions', '/admin/revoke-user-session']) {
      const res = await post(path, { userId: 'x', sessionToken: 'x' }, {});
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.equal(await res.text(), '');
    }
  });

  it('admin: list-users has a banned user with reason and expiry', async () => {
    const res = await fetch(`${base()}/admin/list-users?limit=10`, { headers: { cookie: adminCookie() } });
    const body = (await res.json()) as { users: Record<string, unknown>[]; total: number; limit: number };
    assert.equal(body.total, body.users.length);
    for (const u of body.users) assertShape(u, BA_USER);
    const banned = body.users.find((u) => u['banned'] === true);
    assert.ok(banned && typeof banned['banReason'] === 'string' && typeof banned['banExpires'] === 'string');
  });

  it('validation errors are 400 {message, code: VALIDATION_ERROR}; unknown routes an empty 404', async () => {
    const res = await post('/admin/list-user-sessions', {}, { cookie: adminCookie() });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { message: string; code: string };
    assert.equal(body.code, 'VALIDATION_ERROR');
    assert.equal(typeof body.message, 'string');
    const missing = await fetch(`${base()}/nope`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '');
  });
});
