/** The `authing` provider against the sandbox (`/cas/session`, RFC 7009 revocation). */
import * as assert from 'node:assert/strict';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { isAuthLensError } from '../../../src/core/errors';
import { AuthingProvider, authingCookieValue } from '../../../src/providers/authing';
import type { Credentials, ProviderConfig } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';

describe('providers/authing (sandbox)', function () {
  this.timeout(15_000);
  let sandbox: SandboxHandle;
  let config: ProviderConfig;
  let creds: Credentials;
  const open: AuthingProvider[] = [];
  const provider = (extra: Partial<ProviderConfig> = {}, log?: (l: string) => void): AuthingProvider => {
    const p = new AuthingProvider({ ...config, ...extra }, log ? { log } : {});
    open.push(p);
    return p;
  };

  before(async () => {
    sandbox = await startSandbox();
    config = sandbox.providerConfigs().find((c) => c.kind === 'authing')!;
    creds = sandbox.credentials['sandbox-authing'] ?? {};
  });
  beforeEach(() => sandbox.reset());
  after(async () => {
    await Promise.all(open.map((p) => p.close()));
    await sandbox.close();
  });

  it('one session from `session`, user from `userInfo`, the JWT from userInfo.token with tokenExpiredAt', async () => {
    const lines: string[] = [];
    const page = await provider({}, (l) => lines.push(l)).listSessions({ credentials: creds });
    assert.equal(page.state, 'ok');
    assert.equal(page.sessions.length, 1);
    const s = page.sessions[0]!;
    assert.equal(s.current, true);
    assert.equal(s.status, 'active');
    assert.equal(s.id, s.raw.session['_id']);
    assert.equal(s.expiresAt, new Date(String((s.raw.session['cookie'] as { expires: string }).expires)).toISOString());
    assert.ok(s.user.id && s.user.email && s.user.name);
    const token = s.tokens[0]!;
    assert.equal(token.kind, 'jwt');
    assert.equal(token.opaque, false);
    assert.equal(token.expiresAt, new Date(String(s.raw.user?.['tokenExpiredAt'])).toISOString());
    // password and salt are passed on for the inspector's warning...
    const password = s.raw.user?.['password'];
    const salt = s.raw.user?.['salt'];
    assert.equal(typeof password, 'string');
    assert.equal(typeof salt, 'string');
    // ...but appear in no log line.
    assert.equal(lines.length, 1);
    for (const l of lines) assert.ok(!l.includes(String(password)) && !l.includes(String(salt)) && !l.includes(token.value));
  });

  it('the token verifies against the app’s JWKS (RS256), audience = appId', async () => {
    const page = await provider().listSessions({ credentials: creds });
    const token = page.sessions[0]!.tokens[0]!.value;
    const jwks = (await (await fetch(`${config.baseUrl}/oidc/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { audience: config.clientId! });
    assert.equal(payload.sub, page.sessions[0]!.user.id);
  });

  it('cookie pasted as authing_session=… or a whole Cookie header works', async () => {
    for (const cookie of [`authing_session=${creds.cookie}`, `Cookie: a=1; authing_session=${creds.cookie}`, decodeURIComponent(creds.cookie ?? '')]) {
      const page = await provider().listSessions({ credentials: { cookie } });
      assert.equal(page.state, 'ok', cookie.slice(0, 24));
    }
    assert.equal(authingCookieValue('s:abc.def/+='), encodeURIComponent('s:abc.def/+='));
  });

  it('signed out (`{session: null}`) and no cookie', async () => {
    const page = await provider().listSessions({ credentials: { cookie: 's%3Anobody.sig' } });
    assert.equal(page.state, 'signed-out');
    await assert.rejects(provider().listSessions({ credentials: {} }), (e) => isAuthLensError(e) && e.code === 'not-configured');
  });

  it('revoke: RFC 7009 with client_id and client secret; the next list is signed out', async () => {
    const p = provider();
    const page = await p.listSessions({ credentials: creds });
    assert.deepEqual(await p.revokeSession({ credentials: creds }, page.sessions[0]!), { kind: 'revoked' });
    assert.equal((await p.listSessions({ credentials: creds })).state, 'signed-out');
  });

  it('revoke without a client secret (public client) also works', async () => {
    const p = provider();
    const page = await p.listSessions({ credentials: creds });
    assert.deepEqual(await p.revokeSession({ credentials: { cookie: creds.cookie ?? '' } }, page.sessions[0]!), { kind: 'revoked' });
  });

  it('revoke without clientId: unsupported, naming the setting clientId', async () => {
    const p = provider({ clientId: undefined });
    const page = await p.listSessions({ credentials: creds });
    const outcome = await p.revokeSession({ credentials: creds }, page.sessions[0]!);
    assert.equal(outcome.kind, 'unsupported');
    assert.match(outcome.kind === 'unsupported' ? outcome.reason : '', /`clientId`/);
  });

  it('revoke with a wrong client secret: http-unauthorized invalid_client, the secret nowhere in the error', async () => {
    const p = provider();
    const page = await p.listSessions({ credentials: creds });
    const wrong = 'wrong-client-secret-0123456789';
    const err = await p.revokeSession({ credentials: { ...creds, clientSecret: wrong } }, page.sessions[0]!).then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(isAuthLensError(err));
    assert.equal(err.code, 'http-unauthorized');
    assert.equal(err.details.serverCode, 'invalid_client');
    const text = `${err.message} ${JSON.stringify(err.details)} ${err.stack ?? ''}`;
    for (const s of [wrong, page.sessions[0]!.tokens[0]!.value, creds.cookie ?? '']) assert.ok(!text.includes(s));
  });

  it('the client secret is only sent to the configured app host (origin binding)', async () => {
    const p = provider({ appHost: 'http://127.0.0.2:9' });
    const page = await p.listSessions({ credentials: creds });
    // appHost is configured, so its origin may receive the secret: it is tried (and refused by the network).
    const err = await p.revokeSession({ credentials: creds }, page.sessions[0]!).catch((e: unknown) => e);
    assert.ok(isAuthLensError(err));
    assert.notEqual(err.code, 'origin-mismatch');
  });
});
