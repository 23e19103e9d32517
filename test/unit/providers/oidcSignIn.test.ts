import * as assert from 'node:assert/strict';
import { isAuthLensError } from '../../../src/core/errors';
import { describeOAuthError } from '../../../src/core/oauthErrors';
import { fetchJwks, verifyIdToken } from '../../../src/providers/oidc/idToken';
import { buildAuthorizationUrl, createAuthorizationRequestSecrets } from '../../../src/providers/oidc/pkce';
import { authorizationCodeGrant, refreshGrant, requestToken } from '../../../src/providers/oidc/tokens';
import { HttpClient } from '../../../src/providers/http';
import { browserFor, makeProvider, realOidcServer } from './oidcHelpers';

describe('providers/oidc user sign-in (real oidc-provider, dev login pages played by the test)', function () {
  this.timeout(20_000);
  const real = realOidcServer();

  it('signs in a confidential client with code + PKCE through the loopback listener; userinfo; introspection', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const browser = browserFor(real.fixture, { login: 'alice' });
    const set = await provider.signIn(ctx, { openBrowser: browser.openBrowser, timeoutMs: 10_000 });

    const authorize = new URL(browser.seen.authorizeUrl ?? '');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal(authorize.searchParams.get('scope'), 'openid profile email offline_access');
    assert.ok(authorize.searchParams.get('state'));
    assert.ok(authorize.searchParams.get('nonce'));
    // The listener answered the browser with its small page.
    await waitFor(() => browser.seen.listenerAnswer);
    assert.deepEqual(browser.seen.listenerAnswer, { status: 200, text: 'Signed in. You can close this tab and return to VS Code.\n' });

    assert.equal(set.grant, 'authorization_code');
    assert.ok(set.idToken);
    assert.ok(set.refreshToken);
    assert.equal(set.accessToken.split('.').length, 1, 'opaque access token for userinfo');

    const page = await provider.listSessions(ctx);
    assert.equal(page.state, 'ok');
    const session = page.sessions.find((s) => s.id === 'user');
    assert.ok(session);
    assert.equal(session.current, true);
    assert.equal(session.status, 'active');
    assert.deepEqual(session.user, { id: 'alice', name: 'Test alice', email: 'alice@example.test' });
    assert.equal(session.raw.user?.['email_verified'], true, 'userinfo claims');
    assert.deepEqual(
      session.tokens.map((t) => t.kind),
      ['access-token', 'id-token', 'refresh-token'],
    );
    const [access, id, refresh] = session.tokens;
    assert.equal(access?.introspection?.['active'], true);
    assert.equal(access?.introspection?.['sub'], 'alice');
    assert.equal(access?.introspection?.['scope'], 'openid profile email offline_access');
    assert.equal(id?.opaque, false);
    assert.ok(id?.expiresAt);
    assert.equal(refresh?.opaque, true);
    assert.equal(refresh?.introspection?.['active'], true);
    assert.equal(refresh?.introspection?.['client_id'], real.server.clients.web.clientId);
    await provider.close();
  });

  it('signs in a public native client (PKCE, no secret); refresh rotates and the old refresh token is dead', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.native.clientId });
    const browser = browserFor(real.fixture, { login: 'bob' });
    const first = await provider.signIn(ctx, { openBrowser: browser.openBrowser });
    assert.ok(first.refreshToken);

    const result = await provider.refreshTokens(ctx, 'user');
    assert.equal(result.rotation, 'rotated');
    assert.equal(result.oldRefreshTokenActive, false, 'introspection says the old refresh token is dead');
    assert.notEqual(result.tokens.refreshToken, first.refreshToken);
    assert.notEqual(result.tokens.accessToken, first.accessToken);
    assert.equal(result.tokens.grant, 'refresh_token');
    assert.equal(result.tokens.idToken !== undefined, true);

    // Using the old one anyway: invalid_grant (and this real.server then revokes the whole grant).
    const discovery = await provider.discovery();
    const http = new HttpClient({ baseUrl: real.server.issuer });
    await assert.rejects(
      requestToken(http, discovery, { clientId: real.server.clients.native.clientId }, refreshGrant({ refreshToken: first.refreshToken }), []),
      (err) => isAuthLensError(err) && err.details.serverCode === 'invalid_grant' && !err.message.includes(first.refreshToken ?? '-'),
    );
    await http.close();
    // Reuse detection: the rotated token died with the grant.
    const after = await provider.introspect(ctx, result.tokens.refreshToken ?? '', 'refresh_token');
    assert.deepEqual(after, { kind: 'answered', active: false, claims: { active: false } });
    await provider.close();
  });

  it('a confidential client keeps its refresh token on refresh (no rotation)', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const first = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
    const result = await provider.refreshTokens(ctx);
    assert.equal(result.rotation, 'kept');
    assert.equal(result.tokens.refreshToken, first.refreshToken);
    assert.equal(result.oldRefreshTokenActive, undefined);
    await provider.close();
  });

  it('refreshing without a refresh token says so', async () => {
    const { provider, ctx } = makeProvider(real.server, {}, real.server.clients.service.clientSecret);
    await provider.getServiceToken(ctx);
    await assert.rejects(provider.refreshTokens(ctx, 'service'), (err) => isAuthLensError(err) && err.code === 'oidc-no-refresh-token');
    await provider.close();
  });

  it('revoking the user session revokes the refresh token (grant) and the access token', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const set = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
    const session = (await provider.listSessions(ctx)).sessions[0];
    assert.ok(session);
    assert.deepEqual(await provider.revokeSession(ctx, session), { kind: 'revoked' });
    for (const token of [set.accessToken, set.refreshToken ?? '']) {
      const r = await provider.introspect(ctx, token);
      assert.ok(r.kind === 'answered' && !r.active);
    }
    const again = (await provider.listSessions(ctx)).sessions[0];
    assert.equal(again?.status, 'revoked');
    await provider.close();
  });

  it('userinfo with a JWT access token for an API: invalid_token, shown on the session', async () => {
    const { provider, ctx } = makeProvider(
      real.server,
      { clientId: real.server.clients.web.clientId, resource: real.server.jwtResource, scopes: ['openid', 'offline_access', 'api:read'] },
      real.server.clients.web.clientSecret,
    );
    const set = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
    assert.equal(set.accessToken.split('.').length, 3, 'JWT for the API');
    const session = (await provider.listSessions(ctx)).sessions[0];
    assert.match(String(session?.raw.session['userinfo_error']), /^invalid_token/);
    assert.equal(session?.user.id, 'alice', 'falls back to the ID token');
    assert.equal(describeOAuthError('invalid_token')?.source, 'RFC 6750 §3.1');
    await provider.close();
  });

  it('the user cancels at the login page: access_denied arrives on the listener', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const browser = browserFor(real.fixture, { abort: true });
    await assert.rejects(provider.signIn(ctx, { openBrowser: browser.openBrowser }), (err) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'oauth-error');
      assert.equal(err.details.serverCode, 'access_denied');
      assert.equal(err.details.serverMessage, 'End-User aborted interaction');
      return true;
    });
    await waitFor(() => browser.seen.listenerAnswer);
    assert.equal(browser.seen.listenerAnswer?.status, 400);
    await provider.close();
  });

  it('a forged state gets 400 and does not end the sign-in: the real redirect still signs in', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const browser = browserFor(real.fixture, { login: 'alice', forgedFirst: true });
    const set = await provider.signIn(ctx, { openBrowser: browser.openBrowser, timeoutMs: 10_000 });
    assert.equal(browser.seen.forgedAnswer, 400);
    assert.equal(set.grant, 'authorization_code');
    await waitFor(() => browser.seen.listenerAnswer);
    assert.equal(browser.seen.listenerAnswer?.status, 200);
    await provider.close();
  });

  it('only forged states until the timeout: the sign-in fails as a state mismatch', async () => {
    const { provider, ctx } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const browser = browserFor(real.fixture, { tamperState: true });
    const started = Date.now();
    await assert.rejects(
      provider.signIn(ctx, { openBrowser: browser.openBrowser, timeoutMs: 1_500 }),
      (err) => isAuthLensError(err) && err.code === 'oidc-state-mismatch',
    );
    assert.equal(browser.seen.listenerAnswer?.status, 400);
    assert.ok(Date.now() - started >= 1_400, 'kept listening until the timeout');
    await provider.close();
  });

  it('a used code and a made-up code: invalid_grant; no code: invalid_request; unknown grant: unsupported_grant_type', async () => {
    const { provider } = makeProvider(real.server, { clientId: real.server.clients.web.clientId });
    const discovery = await provider.discovery();
    const client = { clientId: real.server.clients.web.clientId, clientSecret: real.server.clients.web.clientSecret };
    const http = new HttpClient({ baseUrl: real.server.issuer });
    const secrets = createAuthorizationRequestSecrets();
    const redirectUri = 'http://127.0.0.1:9/callback';
    const url = buildAuthorizationUrl({
      authorizationEndpoint: discovery.authorizationEndpoint ?? '',
      clientId: client.clientId,
      redirectUri,
      scopes: ['openid'],
      secrets,
    });
    const redirect = await real.fixture.driveDevLogin(url);
    const code = redirect.searchParams.get('code') ?? '';
    assert.equal(redirect.searchParams.get('state'), secrets.state);
    const grant = authorizationCodeGrant({ code, redirectUri, codeVerifier: secrets.codeVerifier });
    const ok = await requestToken(http, discovery, client, grant, [code]);
    assert.ok(ok.idToken);
    const serverCode = (code: string) => (err: unknown) => isAuthLensError(err) && err.code === 'oauth-error' && err.details.serverCode === code;
    await assert.rejects(requestToken(http, discovery, client, grant, [code]), serverCode('invalid_grant'));
    await assert.rejects(requestToken(http, discovery, client, { ...grant, code: 'made-up-code' }, []), serverCode('invalid_grant'));
    await assert.rejects(
      requestToken(http, discovery, client, { grant_type: 'authorization_code', redirect_uri: redirectUri }, []),
      serverCode('invalid_request'),
    );
    await assert.rejects(requestToken(http, discovery, client, { grant_type: 'urn:example:made-up' }, []), serverCode('unsupported_grant_type'));
    // A wrong PKCE verifier is invalid_grant too.
    const secrets2 = createAuthorizationRequestSecrets();
    const url2 = buildAuthorizationUrl({
      authorizationEndpoint: discovery.authorizationEndpoint ?? '',
      clientId: client.clientId,
      redirectUri,
      scopes: ['openid'],
      secrets: secrets2,
    });
    const code2 = (await real.fixture.driveDevLogin(url2)).searchParams.get('code') ?? '';
    await assert.rejects(
      requestToken(http, discovery, client, authorizationCodeGrant({ code: code2, redirectUri, codeVerifier: secrets.codeVerifier }), [code2]),
      serverCode('invalid_grant'),
    );
    // The ID token verifies against /jwks; a wrong nonce does not.
    const jwks = await fetchJwks(http, discovery.jwksUri ?? '');
    await verifyIdToken(ok.idToken ?? '', jwks, { issuer: real.server.issuer, clientId: client.clientId, nonce: secrets.nonce, now: Date.now() });
    await assert.rejects(
      verifyIdToken(ok.idToken ?? '', jwks, { issuer: real.server.issuer, clientId: client.clientId, nonce: 'other', now: Date.now() }),
      (err) => isAuthLensError(err) && err.code === 'oidc-id-token-invalid' && err.details.where === 'nonce',
    );
    await assert.rejects(
      verifyIdToken(ok.idToken ?? '', jwks, { issuer: real.server.issuer, clientId: 'someone-else', now: Date.now() }),
      (err) => isAuthLensError(err) && err.code === 'oidc-id-token-invalid' && err.details.where === 'aud',
    );
    await http.close();
    await provider.close();
  });
});

async function waitFor<T>(get: () => T | undefined, ms = 2_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
