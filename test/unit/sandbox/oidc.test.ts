import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { cred, form, useSandbox } from './helpers';

const RESOURCE = 'urn:authlens:sandbox-api';
const REDIRECT = 'http://127.0.0.1:53682/callback';

describe('sandbox: OIDC issuer', () => {
  const h = useSandbox();
  const iss = (): string => h.sb.baseUrls.oidc;
  const secret = (): string => cred(h.sb, 'sandbox-oidc', 'clientSecret');
  const basic = (): string => `Basic ${Buffer.from(`authlens-service:${secret()}`).toString('base64')}`;
  const post = (path: string, values: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> => {
    const init = form(values);
    return fetch(`${iss()}${path}`, { ...init, headers: { ...init.headers, ...headers } });
  };
  const service = (values: Record<string, string>, path = '/token'): Promise<Response> => post(path, values, { authorization: basic() });

  async function oauthError(res: Response, status: number, error: string): Promise<void> {
    assert.equal(res.status, status);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['error', 'error_description']);
    assert.equal(body['error'], error);
    assert.equal(typeof body['error_description'], 'string');
  }

  /** Follows /auth by hand (no browser): returns the code from the 302 Location. */
  async function authorize(params: Record<string, string>): Promise<{ location: URL; code: string | null }> {
    const url = new URL(`${iss()}/auth`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    return { location, code: location.searchParams.get('code') };
  }

  function pkce(): { verifier: string; challenge: string } {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  async function signIn(scope = 'openid profile email offline_access', extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const { verifier, challenge } = pkce();
    const { code } = await authorize({
      response_type: 'code',
      client_id: 'authlens-sandbox',
      redirect_uri: REDIRECT,
      scope,
      state: 'st4te',
      nonce: 'n0nce',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    assert.ok(code);
    const res = await post('/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: 'authlens-sandbox',
    });
    assert.equal(res.status, 200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('discovery (both well-known documents) names every endpoint under the issuer', async () => {
    for (const doc of ['openid-configuration', 'oauth-authorization-server']) {
      const res = await fetch(`${iss()}/.well-known/${doc}`);
      assert.equal(res.status, 200);
      const d = (await res.json()) as Record<string, unknown>;
      assert.equal(d['issuer'], iss());
      for (const [key, path] of Object.entries({
        authorization_endpoint: '/auth',
        token_endpoint: '/token',
        userinfo_endpoint: '/me',
        jwks_uri: '/jwks',
        introspection_endpoint: '/token/introspection',
        revocation_endpoint: '/token/revocation',
      })) {
        assert.equal(d[key], `${iss()}${path}`);
      }
      assert.deepEqual(d['code_challenge_methods_supported'], ['S256']);
      assert.ok((d['grant_types_supported'] as string[]).includes('client_credentials'));
    }
  });

  it('/jwks serves an RS256 and an ES256 key as application/jwk-set+json', async () => {
    const res = await fetch(`${iss()}/jwks`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/jwk-set\+json/);
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    assert.deepEqual(
      keys.map((k) => [k['kty'], k['alg'], k['use']]),
      [
        ['RSA', 'RS256', 'sig'],
        ['EC', 'ES256', 'sig'],
      ],
    );
    for (const k of keys) assert.equal(k['d'], undefined, 'no private parts');
  });

  it('client credentials with resource: an at+jwt access token with RFC 9068 claims, verified against /jwks', async () => {
    const res = await service({ grant_type: 'client_credentials', resource: RESOURCE, scope: 'api:read' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(body['token_type'], 'Bearer');
    const token = String(body['access_token']);
    assert.deepEqual(decodeProtectedHeader(token).typ, 'at+jwt');
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${iss()}/jwks`)), {
      issuer: iss(),
      audience: RESOURCE,
      typ: 'at+jwt',
    });
    assert.deepEqual(Object.keys(payload).sort(), ['aud', 'client_id', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub']);
    assert.equal(payload.sub, 'authlens-service');
    assert.equal(payload['client_id'], 'authlens-service');
    assert.equal(payload['scope'], 'api:read');
  });

  it('client credentials without resource: an opaque 43-character token that introspects active', async () => {
    const body = (await (await service({ grant_type: 'client_credentials' })).json()) as Record<string, unknown>;
    const token = String(body['access_token']);
    assert.match(token, /^[\w-]{43}$/);
    assert.equal(body['expires_in'], 600);
    const intro = (await (await service({ token }, '/token/introspection')).json()) as Record<string, unknown>;
    assert.equal(intro['active'], true);
    assert.equal(intro['client_id'], 'authlens-service');
    assert.equal(intro['iss'], iss());
    assert.ok(Number.isInteger(intro['exp']) && Number.isInteger(intro['iat']));
  });

  it('client authentication: client_secret_post works; wrong secret 401 invalid_client (+WWW-Authenticate under Basic)', async () => {
    const ok = await post('/token', { grant_type: 'client_credentials', client_id: 'authlens-service', client_secret: secret() });
    assert.equal(ok.status, 200);
    const wrong = await post(
      '/token',
      { grant_type: 'client_credentials' },
      {
        authorization: `Basic ${Buffer.from('authlens-service:nope').toString('base64')}`,
      },
    );
    assert.ok(wrong.headers.get('www-authenticate'));
    await oauthError(wrong, 401, 'invalid_client');
    await oauthError(await post('/token', { grant_type: 'client_credentials', client_id: 'authlens-service' }), 401, 'invalid_client');
  });

  it('errors: unsupported_grant_type, invalid_target, invalid_scope, unauthorized_client, JSON body', async () => {
    await oauthError(await service({ grant_type: 'password' }), 400, 'unsupported_grant_type');
    await oauthError(await service({ grant_type: 'client_credentials', resource: 'urn:unknown' }), 400, 'invalid_target');
    await oauthError(await service({ grant_type: 'client_credentials', scope: 'admin' }), 400, 'invalid_scope');
    await oauthError(await post('/token', { grant_type: 'client_credentials', client_id: 'authlens-sandbox' }), 400, 'unauthorized_client');
    const asJson = await fetch(`${iss()}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic() },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    await oauthError(asJson, 400, 'invalid_request');
  });

  it('authorization code + PKCE S256 by following the /auth redirect: access, ID (ES256) and refresh tokens', async () => {
    const { location } = await authorize({
      response_type: 'code',
      client_id: 'authlens-sandbox',
      redirect_uri: REDIRECT,
      scope: 'openid',
      state: 'xyz',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'xyz');
    assert.equal(location.searchParams.get('iss'), iss());

    const tokens = await signIn();
    assert.deepEqual(Object.keys(tokens).sort(), ['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    const id = String(tokens['id_token']);
    assert.equal(decodeProtectedHeader(id).alg, 'ES256');
    const { payload } = await jwtVerify(id, createRemoteJWKSet(new URL(`${iss()}/jwks`)), {
      issuer: iss(),
      audience: 'authlens-sandbox',
    });
    assert.equal(payload['nonce'], 'n0nce');
    assert.ok(payload.sub && payload['at_hash'] && payload['auth_time']);
    const me = await fetch(`${iss()}/me`, { headers: { authorization: `Bearer ${String(tokens['access_token'])}` } });
    assert.equal(me.status, 200);
    const info = (await me.json()) as Record<string, unknown>;
    assert.equal(info['sub'], payload.sub);
    assert.equal(info['email'], 'alice.martin@example.com');
  });

  it('login_hint picks the sandbox user; resource gives a JWT access token that /me refuses', async () => {
    const tokens = await signIn('openid email', { login_hint: 'bob', resource: RESOURCE });
    const access = String(tokens['access_token']);
    assert.equal(decodeProtectedHeader(access).typ, 'at+jwt');
    assert.equal(decodeJwt(String(tokens['id_token'])).sub, decodeJwt(access).sub);
    await oauthError(await fetch(`${iss()}/me`, { headers: { authorization: `Bearer ${access}` } }), 401, 'invalid_token');
  });

  it('a wrong code_verifier, a reused code and a wrong redirect_uri are invalid_grant', async () => {
    const { verifier, challenge } = pkce();
    const params = {
      response_type: 'code',
      client_id: 'authlens-sandbox',
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    const first = (await authorize(params)).code ?? '';
    const exchange = (code: string, v: string, redirect = REDIRECT): Promise<Response> =>
      post('/token', { grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: v, client_id: 'authlens-sandbox' });
    await oauthError(await exchange(first, pkce().verifier), 400, 'invalid_grant');
    const second = (await authorize(params)).code ?? '';
    assert.equal((await exchange(second, verifier)).status, 200);
    await oauthError(await exchange(second, verifier), 400, 'invalid_grant');
    const third = (await authorize(params)).code ?? '';
    await oauthError(await exchange(third, verifier, 'http://127.0.0.1:1/other'), 400, 'invalid_grant');
  });

  it('/auth: the public client must use PKCE; non-loopback redirect URIs are refused', async () => {
    const { location } = await authorize({ response_type: 'code', client_id: 'authlens-sandbox', redirect_uri: REDIRECT, scope: 'openid', state: 's' });
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.equal(location.searchParams.get('state'), 's');
    const bad = await fetch(`${iss()}/auth?response_type=code&client_id=authlens-sandbox&redirect_uri=https://evil.example/cb`, { redirect: 'manual' });
    assert.equal(bad.status, 400);
  });

  it('refresh with rotation: the new refresh token works, the old one is dead (replay kills the grant)', async () => {
    const tokens = await signIn();
    const oldRefresh = String(tokens['refresh_token']);
    const refresh = (token: string): Promise<Response> => post('/token', { grant_type: 'refresh_token', refresh_token: token, client_id: 'authlens-sandbox' });
    const res = await refresh(oldRefresh);
    assert.equal(res.status, 200);
    const next = (await res.json()) as Record<string, unknown>;
    const newRefresh = String(next['refresh_token']);
    assert.notEqual(newRefresh, oldRefresh);
    assert.ok(next['id_token'] && next['access_token']);
    await oauthError(await refresh(oldRefresh), 400, 'invalid_grant');
    // Replay detection revoked the whole grant, the rotated token included.
    await oauthError(await refresh(newRefresh), 400, 'invalid_grant');
  });

  it('introspection of a refresh token, an unknown token ({active:false}) and a JWT (400 unsupported_token_type)', async () => {
    const tokens = await signIn();
    const intro = (await (await service({ token: String(tokens['refresh_token']) }, '/token/introspection')).json()) as Record<string, unknown>;
    assert.equal(intro['active'], true);
    assert.equal(intro['client_id'], 'authlens-sandbox');
    assert.equal(typeof intro['sub'], 'string');
    assert.deepEqual(await (await service({ token: 'garbage' }, '/token/introspection')).json(), { active: false });
    await oauthError(await service({ token: String(tokens['id_token']) }, '/token/introspection'), 400, 'unsupported_token_type');
  });

  it('revocation: 200 empty, the token then introspects inactive and /me refuses it; garbage is 200 too', async () => {
    const tokens = await signIn();
    const access = String(tokens['access_token']);
    const res = await post('/token/revocation', { token: access, client_id: 'authlens-sandbox' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    assert.deepEqual(await (await service({ token: access }, '/token/introspection')).json(), { active: false });
    await oauthError(await fetch(`${iss()}/me`, { headers: { authorization: `Bearer ${access}` } }), 401, 'invalid_token');
    assert.equal((await post('/token/revocation', { token: 'garbage', client_id: 'authlens-sandbox' })).status, 200);
  });

  it('revoking a refresh token ends the grant: refresh fails afterwards', async () => {
    const tokens = await signIn();
    const refresh = String(tokens['refresh_token']);
    await post('/token/revocation', { token: refresh, client_id: 'authlens-sandbox' });
    await oauthError(await post('/token', { grant_type: 'refresh_token', refresh_token: refresh, client_id: 'authlens-sandbox' }), 400, 'invalid_grant');
  });

  it('a JWT access token cannot be revoked: 400 unsupported_token_type (it stays valid until exp)', async () => {
    const body = (await (await service({ grant_type: 'client_credentials', resource: RESOURCE })).json()) as { access_token: string };
    await oauthError(await service({ token: body.access_token }, '/token/revocation'), 400, 'unsupported_token_type');
  });

  it('/me: a client-credentials token or no token is refused', async () => {
    const body = (await (await service({ grant_type: 'client_credentials' })).json()) as { access_token: string };
    await oauthError(await fetch(`${iss()}/me`, { headers: { authorization: `Bearer ${body.access_token}` } }), 401, 'invalid_token');
    assert.equal((await fetch(`${iss()}/me`)).status, 400);
  });
});
