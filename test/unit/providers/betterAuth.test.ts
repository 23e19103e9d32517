/**
 * The `better-auth` provider against the sandbox (seeded users, an admin, an impersonated
 * session) and against a small fake server for what the sandbox always does right (a missing
 * `set-auth-jwt` header, no `/list-sessions` route).
 */
import * as assert from 'node:assert/strict';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { isAuthLensError } from '../../../src/core/errors';
import { BetterAuthProvider, cookieValueFrom } from '../../../src/providers/betterAuth';
import type { Credentials, ProviderConfig, SessionInfo } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { json, startMiniServer, type MiniServer } from '../../fixtures/miniServer';

describe('providers/better-auth (sandbox)', function () {
  this.timeout(15_000);
  let sandbox: SandboxHandle;
  let config: ProviderConfig;
  let creds: Credentials;
  const open: BetterAuthProvider[] = [];
  const provider = (extra: Partial<ProviderConfig> = {}): BetterAuthProvider => {
    const p = new BetterAuthProvider({ ...config, ...extra });
    open.push(p);
    return p;
  };
  const userOnly = (): Credentials => ({ cookie: creds.cookie ?? '' });

  before(async () => {
    sandbox = await startSandbox();
    config = sandbox.providerConfigs().find((c) => c.kind === 'better-auth')!;
    creds = sandbox.credentials['sandbox-better-auth'] ?? {};
  });
  beforeEach(() => sandbox.reset());
  after(async () => {
    await Promise.all(open.map((p) => p.close()));
    await sandbox.close();
  });

  it('user cookie: the user’s live sessions from /list-sessions, current one flagged with its JWT', async () => {
    const page = await provider().listSessions({ credentials: userOnly() });
    assert.equal(page.state, 'ok');
    assert.ok(page.sessions.every((s) => s.user.id === page.sessions[0]?.user.id));
    assert.ok(page.sessions.every((s) => s.status === 'active'));
    const current = page.sessions.filter((s) => s.current === true);
    assert.equal(current.length, 1);
    assert.equal(current[0]?.user.email, 'bob.chen@example.com');
    assert.deepEqual(
      current[0]?.tokens.map((t) => [t.kind, t.opaque]),
      [
        ['session-token', true],
        ['jwt', false],
      ],
    );
    assert.equal(current[0]?.raw.session['activeTeamId'] !== undefined, true);
  });

  it('admin credential: every session incl. expired and impersonated (impersonatedBy)', async () => {
    const page = await provider().listSessions({ credentials: creds });
    const statuses = page.sessions.map((s) => s.status).sort();
    assert.deepEqual(statuses, ['active', 'active', 'active', 'expired']);
    const imp = page.sessions.find((s) => s.impersonatedBy !== undefined);
    assert.ok(imp);
    assert.equal(imp.user.email, 'bob.chen@example.com');
    assert.ok(page.sessions.every((s) => s.ip !== undefined && s.userAgent !== undefined));
  });

  it('the JWT verifies against the sandbox /jwks (EdDSA)', async () => {
    const page = await provider().listSessions({ credentials: userOnly() });
    const jwt = page.sessions.find((s) => s.current === true)?.tokens.find((t) => t.kind === 'jwt')?.value ?? '';
    const jwks = (await (await fetch(`${config.baseUrl}/jwks`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), { issuer: sandbox.url, audience: sandbox.url });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(payload['email'], 'bob.chen@example.com');
  });

  it('a malformed JWT is passed on as a token (the inspector reports it), not a provider error', async () => {
    sandbox.misbehave({ kind: 'malformed-jwt', path: '/better-auth' });
    const page = await provider().listSessions({ credentials: userOnly() });
    const jwt = page.sessions.find((s) => s.current === true)?.tokens.find((t) => t.kind === 'jwt');
    assert.ok(jwt);
    assert.equal(jwt.value.split('.').length, 3);
  });

  it('signed out: a tampered cookie gives state signed-out', async () => {
    const tampered = (creds.cookie ?? '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const page = await provider().listSessions({ credentials: { cookie: tampered } });
    assert.equal(page.state, 'signed-out');
  });

  it('revoke as the user: another own session, confirmed by the next list', async () => {
    const p = provider();
    const before = await p.listSessions({ credentials: userOnly() });
    const target = before.sessions.find((s) => s.current !== true);
    assert.ok(target);
    assert.deepEqual(await p.revokeSession({ credentials: userOnly() }, target), { kind: 'revoked' });
    const after = await p.listSessions({ credentials: userOnly() });
    assert.equal(after.sessions.length, before.sessions.length - 1);
    assert.ok(!after.sessions.some((s) => s.id === target.id));
  });

  it('revoke as the user: someone else’s session is not revoked (server says status:true anyway)', async () => {
    const all = await provider().listSessions({ credentials: { admin: creds.admin ?? '' } });
    const alices = all.sessions.find((s) => s.current === true);
    assert.ok(alices);
    const outcome = await provider().revokeSession({ credentials: userOnly() }, alices);
    assert.equal(outcome.kind, 'not-revoked');
  });

  it('revoke with the admin credential: the impersonated session, confirmed by the admin list', async () => {
    const p = provider();
    const page = await p.listSessions({ credentials: creds });
    const imp = page.sessions.find((s) => s.impersonatedBy !== undefined) as SessionInfo;
    assert.deepEqual(await p.revokeSession({ credentials: creds }, imp), { kind: 'revoked' });
    const after = await p.listSessions({ credentials: creds });
    assert.ok(!after.sessions.some((s) => s.impersonatedBy !== undefined));
  });

  it('cookie header: bare value, name=value, custom name and the __Secure- variant on https', () => {
    const http = provider();
    assert.equal(http.cookieHeader('abc.def%3D'), 'better-auth.session_token=abc.def%3D');
    assert.equal(http.cookieHeader('abc.def='), 'better-auth.session_token=abc.def%3D');
    assert.equal(http.cookieHeader('better-auth.session_token=abc.x%3D; other=1'), 'better-auth.session_token=abc.x%3D');
    const https = provider({ baseUrl: 'https://auth.example.com/api/auth' });
    assert.equal(https.cookieHeader('v1'), '__Secure-better-auth.session_token=v1; better-auth.session_token=v1');
    const custom = provider({ cookieName: 'myapp.session' });
    assert.equal(custom.cookieHeader('myapp.session=v2'), 'myapp.session=v2');
    assert.equal(cookieValueFrom('__Secure-better-auth.session_token=v3', 'better-auth.session_token'), 'v3');
  });
});

describe('providers/better-auth (fake server: fallbacks)', function () {
  this.timeout(10_000);
  let srv: MiniServer;
  let p: BetterAuthProvider;
  const session = {
    id: 's1',
    token: 'tokentokentokentokentokentoken12',
    userId: 'u1',
    expiresAt: new Date(Date.now() + 3600e3).toISOString(),
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  const user = { id: 'u1', name: 'U', email: 'u@x.test' };

  beforeEach(async () => {
    srv = await startMiniServer();
    p = new BetterAuthProvider({ id: 'fake', kind: 'better-auth', label: 'Fake', baseUrl: `${srv.url}/api/auth` });
  });
  afterEach(async () => {
    await p.close();
    await srv.close();
  });

  it('no set-auth-jwt header: the JWT comes from GET /token; no /list-sessions: the single session', async () => {
    srv.handle((r, res) => {
      if (r.url === '/api/auth/get-session') json(res, 200, { session, user });
      else if (r.url === '/api/auth/token') json(res, 200, { token: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9.c2ln' });
      else json(res, 404, { message: 'Not Found' });
    });
    const page = await p.listSessions({ credentials: { bearer: 'signed.token' } });
    assert.equal(page.sessions.length, 1);
    assert.equal(page.sessions[0]?.current, true);
    assert.equal(page.sessions[0]?.tokens.find((t) => t.kind === 'jwt')?.value, 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9.c2ln');
    assert.deepEqual(
      srv.seen.map((s) => s.url),
      ['/api/auth/get-session', '/api/auth/token', '/api/auth/list-sessions'],
    );
  });

  it('no jwt plugin (/token 404) and list-sessions 401: still the current session, without a JWT', async () => {
    srv.handle((r, res) => {
      if (r.url === '/api/auth/get-session') json(res, 200, { session: { ...session, ipAddress: null, impersonatedBy: null }, user });
      else if (r.url === '/api/auth/list-sessions') json(res, 401, { message: 'Unauthorized', code: 'UNAUTHORIZED' });
      else json(res, 404, {});
    });
    const page = await p.listSessions({ credentials: { cookie: 'abc' } });
    assert.equal(page.sessions.length, 1);
    assert.deepEqual(
      page.sessions[0]?.tokens.map((t) => t.kind),
      ['session-token'],
    );
    assert.equal(page.sessions[0]?.ip, undefined);
  });

  it('cookie-carrying POSTs send the Origin header; revoke without a list route confirms by get-session', async () => {
    let revoked = false;
    srv.handle((r, res) => {
      if (r.url === '/api/auth/get-session') json(res, 200, revoked ? null : { session, user });
      else if (r.url === '/api/auth/revoke-session') {
        revoked = true;
        json(res, 200, { status: true });
      } else json(res, 404, {});
    });
    const page = await p.listSessions({ credentials: { cookie: 'abc' } });
    const outcome = await p.revokeSession({ credentials: { cookie: 'abc' } }, page.sessions[0]!);
    assert.deepEqual(outcome, { kind: 'revoked' });
    const post = srv.seen.find((s) => s.method === 'POST');
    assert.equal(post?.headers.origin, srv.url);
    assert.equal(post?.headers.cookie, 'better-auth.session_token=abc');
    assert.deepEqual(JSON.parse(post?.body ?? ''), { token: session.token });
  });

  it('an admin route answering 401 with an empty body is handled', async () => {
    srv.handle((r, res) => {
      if (r.url === '/api/auth/get-session') json(res, 200, { session, user });
      else if (r.url === '/api/auth/list-sessions') json(res, 200, [session]);
      else if (r.url.startsWith('/api/auth/admin/')) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end();
      } else json(res, 404, {});
    });
    const page = await p.listSessions({ credentials: { cookie: 'abc', admin: 'admintoken' } });
    assert.equal(page.sessions.length, 1);
  });

  it('no credentials: not-configured; the error names no secret', async () => {
    await assert.rejects(p.listSessions({ credentials: {} }), (e) => isAuthLensError(e) && e.code === 'not-configured' && e.details.where === 'credential');
  });
});
