/**
 * The `better-auth` provider end to end against a real Better Auth 1.7 server (child process,
 * memory adapter, plugins bearer/jwt/admin/organization/multiSession).
 */
import * as assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { isAuthLensError } from '../../../src/core/errors';
import { BetterAuthProvider } from '../../../src/providers/betterAuth';
import type { Credentials, ProviderConfig, SessionInfo } from '../../../src/providers/types';
import { call, signIn, signUp, spawnBetterAuth, type BetterAuthChild, type SignedIn } from '../../fixtures/betterAuthClient';

describe('providers/better-auth against a real Better Auth server', function () {
  this.timeout(30_000);
  let server: BetterAuthChild;
  let alice: SignedIn;
  let admin: SignedIn;
  const providers: BetterAuthProvider[] = [];

  const provider = (extra: Partial<ProviderConfig> = {}): BetterAuthProvider => {
    const p = new BetterAuthProvider({ id: 'real-ba', kind: 'better-auth', label: 'Real Better Auth', baseUrl: server.baseUrl, ...extra });
    providers.push(p);
    return p;
  };
  const list = (credentials: Credentials, extra: Partial<ProviderConfig> = {}) => provider(extra).listSessions({ credentials });
  const current = (sessions: readonly SessionInfo[]): SessionInfo => {
    const c = sessions.find((s) => s.current === true);
    assert.ok(c, 'a current session');
    return c;
  };

  before(async () => {
    server = await spawnBetterAuth();
    alice = await signUp(server, 'alice@authlens.test', 'password-123456', 'Alice');
    admin = await signIn(server, server.admin.email, server.admin.password);
  });
  after(async () => {
    await Promise.all(providers.map((p) => p.close()));
    await server?.close();
  });

  it('get-session by cookie: the user, an opaque session token and the jwt plugin JWT', async () => {
    const page = await list({ cookie: alice.cookie });
    assert.equal(page.state, 'ok');
    const s = current(page.sessions);
    assert.equal(s.user.email, 'alice@authlens.test');
    assert.equal(s.user.name, 'Alice');
    assert.equal(s.user.id, alice.userId);
    assert.equal(s.status, 'active');
    const opaque = s.tokens.find((t) => t.kind === 'session-token');
    assert.equal(opaque?.value, alice.token);
    assert.equal(opaque?.opaque, true);
    assert.match(opaque?.value ?? '', /^[A-Za-z0-9]{32}$/);
    const jwt = s.tokens.find((t) => t.kind === 'jwt');
    assert.equal(jwt?.opaque, false);
    assert.equal(decodeProtectedHeader(jwt?.value ?? '').alg, 'EdDSA');
    assert.ok(s.expiresAt !== undefined && Date.parse(s.expiresAt) > Date.now());
  });

  it('get-session by cookie pasted as name=value, and by a whole Cookie header', async () => {
    for (const cookie of [
      `better-auth.session_token=${alice.cookie}`,
      `Cookie: other=1; better-auth.session_token=${alice.cookie}`,
      decodeURIComponent(alice.cookie),
    ]) {
      const page = await list({ cookie });
      assert.equal(current(page.sessions).user.id, alice.userId, cookie.slice(0, 20));
    }
  });

  it('get-session by bearer: signed token, raw token, and the URL-encoded cookie value', async () => {
    for (const bearer of [alice.signed, alice.token, `Bearer ${alice.signed}`, alice.cookie]) {
      const page = await list({ bearer });
      assert.equal(page.state, 'ok');
      assert.equal(current(page.sessions).user.id, alice.userId);
    }
  });

  it('a custom cookie name that the server does not use reads as signed out', async () => {
    const page = await list({ cookie: alice.cookie }, { cookieName: 'myapp.session_token' });
    assert.equal(page.state, 'signed-out');
  });

  it('signed out: unknown, tampered or empty-session credentials give state signed-out, not an error', async () => {
    // The tampered token changes its last character to another one (a random token can end in "X").
    const tampered = `${alice.token.slice(0, -1)}${alice.token.endsWith('X') ? 'Y' : 'X'}`;
    for (const creds of [{ cookie: 'nobody.c2ln' }, { bearer: 'A'.repeat(32) }, { bearer: tampered }]) {
      const page = await list(creds);
      assert.equal(page.state, 'signed-out');
      assert.deepEqual(page.sessions, []);
    }
  });

  it('no credential at all: not-configured', async () => {
    await assert.rejects(list({}), (e) => isAuthLensError(e) && e.code === 'not-configured');
  });

  it('list-sessions: every session of the user, the current one flagged', async () => {
    const bob = await signUp(server, 'bob@authlens.test', 'password-123456', 'Bob');
    const bob2 = await signIn(server, 'bob@authlens.test');
    const bob3 = await signIn(server, 'bob@authlens.test');
    const page = await list({ bearer: bob2.signed });
    assert.equal(page.sessions.length, 3);
    assert.equal(page.total, 3);
    assert.deepEqual(new Set(page.sessions.map((s) => s.tokens[0]?.value)), new Set([bob.token, bob2.token, bob3.token]));
    assert.equal(current(page.sessions).tokens[0]?.value, bob2.token);
    assert.equal(page.sessions.filter((s) => s.current === true).length, 1);
    // Only the current session carries the JWT.
    assert.equal(page.sessions.filter((s) => s.tokens.some((t) => t.kind === 'jwt')).length, 1);
  });

  it('the JWT (set-auth-jwt and GET /token) verifies against /jwks with jose', async () => {
    const page = await list({ bearer: alice.signed });
    const jwt = current(page.sessions).tokens.find((t) => t.kind === 'jwt')?.value ?? '';
    const jwks = createRemoteJWKSet(new URL(`${server.baseUrl}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { issuer: server.url, audience: server.url });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(payload.sub, alice.userId);
    assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) <= 15 * 60);
    const token = (await call(server, alice.signed, '/token')).json as { token: string };
    const viaToken = await jwtVerify(token.token, jwks, { issuer: server.url });
    assert.equal(viaToken.payload.sub, alice.userId);
  });

  it('revoke: another session of the user, confirmed by listing again', async () => {
    const carol = await signUp(server, 'carol@authlens.test');
    const carol2 = await signIn(server, 'carol@authlens.test');
    const p = provider();
    const creds = { cookie: carol.cookie };
    const before = await p.listSessions({ credentials: creds });
    const target = before.sessions.find((s) => s.tokens[0]?.value === carol2.token);
    assert.ok(target);
    assert.deepEqual(await p.revokeSession({ credentials: creds }, target), { kind: 'revoked' });
    const after = await p.listSessions({ credentials: creds });
    assert.equal(after.sessions.length, 1);
    assert.equal(current(after.sessions).tokens[0]?.value, carol.token);
    // The revoked credential now reads as signed out.
    assert.equal((await list({ bearer: carol2.signed })).state, 'signed-out');
  });

  it('revoke: another user’s session is reported not revoked (the server still says status:true)', async () => {
    const dave = await signUp(server, 'dave@authlens.test');
    const eve = await signUp(server, 'eve@authlens.test');
    const daveSession = current((await list({ bearer: dave.signed })).sessions);
    // The server answers {"status":true} for a foreign token...
    const raw = await call(server, eve.signed, '/revoke-session', { token: dave.token });
    assert.deepEqual(raw.json, { status: true });
    // ...which the provider does not believe.
    const outcome = await provider().revokeSession({ credentials: { bearer: eve.signed } }, daveSession);
    assert.equal(outcome.kind, 'not-revoked');
    assert.equal((await list({ bearer: dave.signed })).state, 'ok');
  });

  it('revoke: the credential’s own session, by cookie (Origin header sent), then signed out', async () => {
    const frank = await signUp(server, 'frank@authlens.test');
    const p = provider();
    const creds = { cookie: frank.cookie };
    const s = current((await p.listSessions({ credentials: creds })).sessions);
    assert.deepEqual(await p.revokeSession({ credentials: creds }, s), { kind: 'revoked' });
    assert.equal((await p.listSessions({ credentials: creds })).state, 'signed-out');
  });

  it('admin: list-user-sessions and revoke-user-session with the admin credential', async () => {
    const gina = await signUp(server, 'gina@authlens.test');
    const gina2 = await signIn(server, 'gina@authlens.test');
    const p = provider();
    const creds = { cookie: gina.cookie, admin: admin.signed };
    const page = await p.listSessions({ credentials: creds });
    assert.equal(page.sessions.length, 2);
    const target = page.sessions.find((s) => s.tokens[0]?.value === gina2.token);
    assert.ok(target);
    assert.deepEqual(await p.revokeSession({ credentials: creds }, target), { kind: 'revoked' });
    assert.equal((await p.listSessions({ credentials: creds })).sessions.length, 1);
    assert.equal((await list({ bearer: gina2.signed })).state, 'signed-out');
  });

  it('admin: another user’s sessions via authUserId, revoked with only the admin credential', async () => {
    const hugo = await signUp(server, 'hugo@authlens.test');
    const p = provider({ authUserId: hugo.userId });
    const creds = { admin: admin.signed };
    const page = await p.listSessions({ credentials: creds });
    assert.equal(page.sessions.length, 1);
    const s = page.sessions[0]!;
    assert.equal(s.user.id, hugo.userId);
    assert.equal(s.current, false);
    assert.deepEqual(await p.revokeSession({ credentials: creds }, s), { kind: 'revoked' });
    assert.equal((await list({ bearer: hugo.signed })).state, 'signed-out');
  });

  it('admin credential that is not an admin (403) or not signed in (401, empty body): falls back to the user', async () => {
    const ivan = await signUp(server, 'ivan@authlens.test');
    const ivan2 = await signIn(server, 'ivan@authlens.test');
    // 403 from the admin routes: the user's own list-sessions is used.
    const page = await list({ cookie: ivan.cookie, admin: ivan.signed });
    assert.equal(page.sessions.length, 2);
    // 401 with an empty body on the admin route: the raw server really does that.
    const raw = await fetch(`${server.baseUrl}/admin/list-user-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: '{"userId":"x"}',
    });
    assert.equal(raw.status, 401);
    assert.equal(await raw.text(), '');
    const p = provider();
    const creds = { cookie: ivan.cookie, admin: 'not-a-session-token-at-all-0000' };
    const s = (await p.listSessions({ credentials: creds })).sessions.find((x) => x.tokens[0]?.value === ivan2.token);
    assert.ok(s);
    assert.deepEqual(await p.revokeSession({ credentials: creds }, s), { kind: 'revoked' });
  });

  it('impersonation: the session shows impersonatedBy (admin list shows it; the user list hides it)', async () => {
    const judy = await signUp(server, 'judy@authlens.test');
    const imp = await call(server, admin.signed, '/admin/impersonate-user', { userId: judy.userId });
    assert.equal(imp.status, 200);
    const impToken = imp.headers.get('set-auth-token') ?? '';
    assert.ok(impToken !== '');
    const page = await list({ bearer: impToken });
    const s = current(page.sessions);
    assert.equal(s.impersonatedBy, admin.userId);
    assert.equal(s.user.id, judy.userId);
    const adminView = await list({ bearer: judy.signed, admin: admin.signed });
    assert.equal(adminView.sessions.filter((x) => x.impersonatedBy === admin.userId).length, 1);
    assert.equal(adminView.sessions.length, 2);
  });

  it('active organization: session.activeOrganizationId in the raw session', async () => {
    const kim = await signUp(server, 'kim@authlens.test');
    const org = await call(server, kim.signed, '/organization/create', { name: 'Acme', slug: `acme-${Date.now()}` });
    assert.equal(org.status, 200, JSON.stringify(org.json));
    const orgId = (org.json as { id: string }).id;
    await call(server, kim.signed, '/organization/set-active', { organizationId: orgId });
    const s = current((await list({ bearer: kim.signed })).sessions);
    assert.equal(s.raw.session['activeOrganizationId'], orgId);
  });

  it('errors from the real server carry no credential', async () => {
    const p = provider({ baseUrl: `${server.url}/api/nope` });
    const err = await p.listSessions({ credentials: { cookie: alice.cookie } }).then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(isAuthLensError(err));
    assert.equal(err.code, 'http-not-found');
    const text = `${err.message} ${JSON.stringify(err.details)} ${err.stack ?? ''}`;
    for (const secret of [alice.cookie, alice.token, alice.signed, decodeURIComponent(alice.cookie)]) assert.ok(!text.includes(secret));
  });
});
