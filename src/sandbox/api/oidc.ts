import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { JsonObject } from '../../core/json';
import { JWT_RESOURCE, type OidcClient, type OidcUser, type OpaqueToken } from '../data/oidc';
import { bearerToken, contentType, formBody, header, json } from '../httpUtil';
import { statusText } from '../misbehaviour';
import type { ApiContext } from '../state';
import type { Handler, Reply, SandboxRequest } from '../types';

/**
 * A small OpenID Connect issuer shaped like node `oidc-provider` (see REAL-OIDC.md): discovery,
 * JWKS, token (client credentials, authorization code + PKCE S256, refresh with rotation),
 * an authorization endpoint that approves at once, introspection (RFC 7662), revocation
 * (RFC 7009) and userinfo. Errors are `{error, error_description}`.
 */
const CLIENT_CREDENTIALS_TTL = 600;
const ACCESS_TTL = 3600;
const ID_TOKEN_TTL = 3600;
const REFRESH_TTL = 14 * 24 * 3600;
const CODE_TTL_MS = 60_000;
const SCOPES = ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write'];
const SERVICE_SCOPES = new Set(['api:read', 'api:write']);

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
  return json(status, { error, error_description: description }, headers);
}

/** What misbehaviour `status` answers under the OIDC issuer. */
export function oidcErrorReply(status: number, retryAfter: number | undefined): Reply {
  const error = status === 401 ? 'invalid_token' : status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : 'invalid_request';
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  return oauthError(status, error, statusText(status), headers);
}

const INVALID_GRANT = (): Reply => oauthError(400, 'invalid_grant', 'grant request is invalid');

function isJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(token);
}

function sha256b64url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Loopback redirect URIs with any port (RFC 8252 §7.3), like a native client in oidc-provider. */
function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.hash === '';
  } catch {
    return false;
  }
}

export function createOidcApi(ctx: ApiContext): Handler {
  const issuer = ctx.baseUrls.oidc;
  const data = (): ReturnType<ApiContext['state']>['oidc'] => ctx.state().oidc;
  const newToken = (): string => randomBytes(32).toString('base64url'); // 43 characters

  function discovery(): JsonObject {
    const authMethods = ['client_secret_basic', 'client_secret_post', 'none'];
    return {
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/me`,
      jwks_uri: `${issuer}/jwks`,
      introspection_endpoint: `${issuer}/token/introspection`,
      revocation_endpoint: `${issuer}/token/revocation`,
      scopes_supported: SCOPES,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      token_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_methods_supported: authMethods,
      code_challenge_methods_supported: ['S256'],
      claims_supported: ['sub', 'name', 'given_name', 'family_name', 'email', 'email_verified', 'auth_time', 'nonce', 'iss', 'aud', 'exp', 'iat'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      authorization_response_iss_parameter_supported: true,
    };
  }

  /** Client authentication: Basic, client_secret_post, or none for the public client. */
  function authenticateClient(req: SandboxRequest, form: URLSearchParams): OidcClient | Reply {
    let clientId = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    let basic = false;
    const auth = header(req, 'authorization');
    if (auth && /^Basic\s+/i.test(auth)) {
      basic = true;
      const decoded = Buffer.from(auth.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return oauthError(400, 'invalid_request', 'invalid authorization header value format');
      try {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      } catch {
        return oauthError(400, 'invalid_request', 'client_id and client_secret in the authorization header are not properly encoded');
      }
    }
    if (!clientId) return oauthError(400, 'invalid_request', 'no client authentication mechanism provided');
    const failed = (): Reply =>
      oauthError(401, 'invalid_client', 'client authentication failed', basic ? { 'www-authenticate': 'Basic realm="sandbox"' } : undefined);
    const client = data().clients.find((c) => c.clientId === clientId);
    if (!client) return failed();
    if (client.clientSecret === undefined) return secret ? failed() : client;
    if (secret === undefined || !safeEqual(secret, client.clientSecret)) return failed();
    return client;
  }

  function formOnly(req: SandboxRequest, route: string): Reply | undefined {
    if (req.method !== 'POST') return undefined;
    if (contentType(req) !== 'application/x-www-form-urlencoded') {
      return oauthError(400, 'invalid_request', `only application/x-www-form-urlencoded content-type bodies are supported on POST ${route}`);
    }
    return undefined;
  }

  async function jwtAccessToken(client: OidcClient, sub: string, scope: string, resource: string, now: number): Promise<string> {
    const iat = Math.floor(now / 1000);
    const jti = newToken();
    data().jwtIds.add(jti);
    return new SignJWT({
      jti,
      sub,
      iat,
      exp: iat + (sub === client.clientId ? CLIENT_CREDENTIALS_TTL : ACCESS_TTL),
      ...(scope ? { scope } : {}),
      client_id: client.clientId,
      iss: issuer,
      aud: resource,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: ctx.keys.rsa.kid })
      .sign(ctx.keys.rsa.privateKey);
  }

  function opaque(fields: Omit<OpaqueToken, 'revoked'>): string {
    const token = newToken();
    data().tokens.set(token, { ...fields, revoked: false });
    return token;
  }

  async function idToken(client: OidcClient, user: OidcUser, accessToken: string, authTime: number, nonce: string | undefined, now: number): Promise<string> {
    const iat = Math.floor(now / 1000);
    const key = client.idTokenAlg === 'ES256' ? ctx.keys.ec : ctx.keys.rsa;
    const atHash = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
    return new SignJWT({
      sub: user.sub,
      ...(nonce ? { nonce } : {}),
      at_hash: atHash,
      auth_time: authTime,
      aud: client.clientId,
      exp: iat + ID_TOKEN_TTL,
      iat,
      iss: issuer,
    })
      .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
  }

  /** Access (+ ID, + refresh with offline_access) tokens for a user grant. */
  async function userTokens(
    client: OidcClient,
    user: OidcUser,
    scope: string,
    grant: { id: string; authTime: number; nonce?: string; resource?: string },
    now: number,
  ): Promise<Reply> {
    const iat = Math.floor(now / 1000);
    const scopes = scope.split(' ').filter(Boolean);
    const accessToken = grant.resource
      ? await jwtAccessToken(client, user.sub, scope, grant.resource, now)
      : opaque({
          kind: 'access_token',
          clientId: client.clientId,
          sub: user.sub,
          scope,
          iat,
          exp: iat + ACCESS_TTL,
          grantId: grant.id,
          authTime: grant.authTime,
        });
    const body: JsonObject = { access_token: accessToken, expires_in: ACCESS_TTL };
    if (scopes.includes('openid')) body['id_token'] = await idToken(client, user, accessToken, grant.authTime, grant.nonce, now);
    if (scopes.includes('offline_access')) {
      body['refresh_token'] = opaque({
        kind: 'refresh_token',
        clientId: client.clientId,
        sub: user.sub,
        scope,
        iat,
        exp: iat + REFRESH_TTL,
        grantId: grant.id,
        authTime: grant.authTime,
        ...(grant.resource ? { resource: grant.resource } : {}),
      });
    }
    body['scope'] = scope;
    body['token_type'] = 'Bearer';
    return json(200, body, { pragma: 'no-cache' });
  }

  function revokeGrant(grantId: string): void {
    for (const t of data().tokens.values()) if (t.grantId === grantId) t.revoked = true;
  }

  async function token(req: SandboxRequest): Promise<Reply> {
    const refused = formOnly(req, '/token');
    if (refused) return refused;
    const form = formBody(req);
    const client = authenticateClient(req, form);
    if ('status' in client) return client;
    const grantType = form.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', "missing required parameter 'grant_type'");
    if (!['authorization_code', 'client_credentials', 'refresh_token'].includes(grantType)) {
      return oauthError(400, 'unsupported_grant_type', `unsupported grant_type requested (${grantType})`);
    }
    if (!client.grantTypes.includes(grantType)) {
      return oauthError(400, 'unauthorized_client', 'requested grant type is not allowed for this client');
    }
    const now = req.now;
    const iat = Math.floor(now / 1000);

    if (grantType === 'client_credentials') {
      const scope = (form.get('scope') ?? '').split(' ').filter(Boolean);
      if (scope.some((s) => !SERVICE_SCOPES.has(s))) return oauthError(400, 'invalid_scope', 'requested scope is not allowed');
      const resource = form.get('resource');
      if (resource !== null && resource !== JWT_RESOURCE) return oauthError(400, 'invalid_target', 'resource indicator is missing, or unknown');
      const scopeText = scope.join(' ');
      const accessToken = resource
        ? await jwtAccessToken(client, client.clientId, scopeText, resource, now)
        : opaque({ kind: 'access_token', clientId: client.clientId, scope: scopeText, iat, exp: iat + CLIENT_CREDENTIALS_TTL, grantId: newToken() });
      const body: JsonObject = { access_token: accessToken, expires_in: CLIENT_CREDENTIALS_TTL, token_type: 'Bearer' };
      if (scopeText) body['scope'] = scopeText;
      return json(200, body, { pragma: 'no-cache' });
    }

    if (grantType === 'authorization_code') {
      for (const p of ['code', 'redirect_uri']) {
        if (!form.get(p)) return oauthError(400, 'invalid_request', `missing required parameter '${p}'`);
      }
      const codeValue = form.get('code') ?? '';
      const code = data().codes.get(codeValue);
      if (!code || code.clientId !== client.clientId || code.expiresAt <= now) return INVALID_GRANT();
      if (code.used) {
        // Code replay: the tokens issued from it die too (RFC 6749 §4.1.2).
        revokeGrant(codeValue);
        return INVALID_GRANT();
      }
      code.used = true;
      if (code.redirectUri !== form.get('redirect_uri')) return INVALID_GRANT();
      const verifier = form.get('code_verifier');
      if (code.codeChallenge) {
        if (!verifier) return oauthError(400, 'invalid_grant', 'PKCE verification failed');
        if (!safeEqual(sha256b64url(verifier), code.codeChallenge)) return oauthError(400, 'invalid_grant', 'PKCE verification failed');
      }
      const resource = form.get('resource') ?? code.resource;
      if (resource && resource !== JWT_RESOURCE) return oauthError(400, 'invalid_target', 'resource indicator is missing, or unknown');
      const user = data().users.find((u) => u.sub === code.sub);
      if (!user) return INVALID_GRANT();
      return userTokens(
        client,
        user,
        code.scope,
        {
          id: codeValue,
          authTime: code.authTime,
          ...(code.nonce ? { nonce: code.nonce } : {}),
          ...(resource ? { resource } : {}),
        },
        now,
      );
    }

    // refresh_token, with rotation: the used refresh token is consumed; using it again is replay.
    const refreshValue = form.get('refresh_token');
    if (!refreshValue) return oauthError(400, 'invalid_request', "missing required parameter 'refresh_token'");
    const refresh = data().tokens.get(refreshValue);
    if (!refresh || refresh.kind !== 'refresh_token' || refresh.clientId !== client.clientId || refresh.revoked || refresh.exp <= iat) {
      return INVALID_GRANT();
    }
    if (refresh.consumed) {
      revokeGrant(refresh.grantId);
      return INVALID_GRANT();
    }
    const requested = form.get('scope');
    const granted = refresh.scope.split(' ');
    if (requested && requested.split(' ').some((s) => !granted.includes(s))) {
      return oauthError(400, 'invalid_scope', 'refresh token missing requested scope');
    }
    refresh.consumed = true;
    const user = data().users.find((u) => u.sub === refresh.sub);
    if (!user) return INVALID_GRANT();
    return userTokens(
      client,
      user,
      requested || refresh.scope,
      {
        id: refresh.grantId,
        authTime: refresh.authTime ?? iat,
        ...(refresh.resource ? { resource: refresh.resource } : {}),
      },
      now,
    );
  }

  /** Approves at once for a sandbox user (login_hint picks one, else the first) and redirects. */
  function authorize(req: SandboxRequest): Reply {
    const params = req.method === 'POST' ? formBody(req) : req.query;
    const clientId = params.get('client_id');
    const client = clientId ? data().clients.find((c) => c.clientId === clientId) : undefined;
    if (!client) return oauthError(400, 'invalid_client', 'client is invalid');
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri || !isLoopbackRedirect(redirectUri)) {
      return oauthError(400, 'invalid_redirect_uri', "redirect_uri did not match any of the client's registered redirect_uris");
    }
    const state = params.get('state');
    const redirect = (extra: Record<string, string>): Reply => {
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(extra)) target.searchParams.set(k, v);
      if (state !== null) target.searchParams.set('state', state);
      target.searchParams.set('iss', issuer);
      return { status: 302, headers: { location: target.toString() }, text: '' };
    };
    const fail = (error: string, description: string): Reply => redirect({ error, error_description: description });
    if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'unsupported response_type requested');
    if (!client.grantTypes.includes('authorization_code')) return fail('unauthorized_client', 'requested response_type is not allowed for this client');
    const scope = (params.get('scope') ?? '').split(' ').filter(Boolean);
    if (scope.some((s) => !SCOPES.includes(s))) return fail('invalid_scope', 'requested scope is not allowed');
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method') ?? 'plain';
    if (challenge === null && client.clientSecret === undefined) {
      return fail('invalid_request', 'Authorization Server policy requires PKCE to be used for this request');
    }
    if (challenge !== null && method !== 'S256') return fail('invalid_request', 'not supported value of code_challenge_method');
    if (challenge !== null && !/^[\w-]{43}$/.test(challenge))
      return fail('invalid_request', 'code_challenge must be a string with a minimum length of 43 characters');
    const resource = params.get('resource');
    if (resource !== null && resource !== JWT_RESOURCE) return fail('invalid_target', 'resource indicator is missing, or unknown');
    const hint = params.get('login_hint');
    const users = data().users;
    const user = (hint ? users.find((u) => u.login === hint || u.email === hint) : undefined) ?? users[0];
    if (!user) return fail('access_denied', 'no sandbox user');
    const code = newToken();
    const nonce = params.get('nonce');
    data().codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      codeChallenge: challenge ?? '',
      scope: scope.join(' '),
      ...(nonce ? { nonce } : {}),
      ...(resource ? { resource } : {}),
      sub: user.sub,
      authTime: Math.floor(req.now / 1000),
      expiresAt: req.now + CODE_TTL_MS,
      used: false,
    });
    return redirect({ code });
  }

  function activeOpaque(value: string, now: number): OpaqueToken | undefined {
    const t = data().tokens.get(value);
    if (!t || t.revoked || t.consumed || t.exp <= Math.floor(now / 1000)) return undefined;
    return t;
  }

  /**
   * What the introspection and revocation endpoints both check first: a form body, the client's
   * authentication, a `token`, and (like oidc-provider) no JWT access token, which stays valid
   * until `exp` whatever the server is asked.
   */
  function tokenRequest(req: SandboxRequest, route: string, jwtRefusal: string): { client: OidcClient; value: string } | Reply {
    const refused = formOnly(req, route);
    if (refused) return refused;
    const form = formBody(req);
    const client = authenticateClient(req, form);
    if ('status' in client) return client;
    const value = form.get('token');
    if (!value) return oauthError(400, 'invalid_request', "missing required parameter 'token'");
    if (isJwt(value)) return oauthError(400, 'unsupported_token_type', jwtRefusal);
    return { client, value };
  }

  function introspect(req: SandboxRequest): Reply {
    const asked = tokenRequest(req, '/token/introspection', 'Structured JWT Tokens cannot be introspected');
    if ('status' in asked) return asked;
    const t = activeOpaque(asked.value, req.now);
    if (!t) return json(200, { active: false });
    const body: JsonObject = { active: true, client_id: t.clientId, exp: t.exp, iat: t.iat, iss: issuer, scope: t.scope };
    if (t.sub !== undefined) body['sub'] = t.sub;
    body['token_type'] = t.kind === 'access_token' ? 'Bearer' : 'refresh_token';
    return json(200, body);
  }

  function revoke(req: SandboxRequest): Reply {
    const asked = tokenRequest(req, '/token/revocation', 'Structured JWT Tokens cannot be revoked');
    if ('status' in asked) return asked;
    const t = data().tokens.get(asked.value);
    if (t && t.clientId === asked.client.clientId) {
      if (t.kind === 'refresh_token') revokeGrant(t.grantId);
      t.revoked = true;
    }
    return { status: 200, text: '' };
  }

  function userinfo(req: SandboxRequest): Reply {
    const invalid = (): Reply =>
      oauthError(401, 'invalid_token', 'invalid token provided', {
        'www-authenticate': 'Bearer realm="sandbox", error="invalid_token", error_description="invalid token provided"',
      });
    const value = bearerToken(req);
    if (!value) {
      return oauthError(400, 'invalid_request', 'no access token provided', { 'www-authenticate': 'Bearer realm="sandbox"' });
    }
    if (isJwt(value)) return invalid();
    const t = activeOpaque(value, req.now);
    if (!t || t.kind !== 'access_token' || t.sub === undefined) return invalid();
    const scopes = t.scope.split(' ');
    if (!scopes.includes('openid')) return oauthError(403, 'insufficient_scope', "access token missing 'openid' scope");
    const user = data().users.find((u) => u.sub === t.sub);
    if (!user) return invalid();
    const body: JsonObject = { sub: user.sub };
    if (scopes.includes('profile')) Object.assign(body, { name: user.name, given_name: user.givenName, family_name: user.familyName });
    if (scopes.includes('email')) Object.assign(body, { email: user.email, email_verified: user.emailVerified });
    return json(200, body);
  }

  return async (req) => {
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /.well-known/openid-configuration':
      case 'GET /.well-known/oauth-authorization-server':
        return json(200, discovery());
      case 'GET /jwks':
        return json(
          200,
          { keys: [ctx.keys.rsa.publicJwk, ctx.keys.ec.publicJwk] },
          {
            'content-type': 'application/jwk-set+json; charset=utf-8',
          },
        );
      case 'GET /auth':
      case 'POST /auth':
        return authorize(req);
      case 'POST /token':
        return token(req);
      case 'POST /token/introspection':
        return introspect(req);
      case 'POST /token/revocation':
        return revoke(req);
      case 'GET /me':
      case 'POST /me':
        return userinfo(req);
      default:
        return oauthError(404, 'invalid_request', `unrecognized route or not allowed method (${req.method} on ${req.rawUrl.split('?')[0]})`);
    }
  };
}
