import type { JsonObject } from '../../core/json';
import { JWT_RESOURCE, type OidcClient, type OidcUser, type OpaqueToken } from '../data/oidc';
import { bearerToken, formBody, json } from '../httpUtil';
import type { ApiContext } from '../state';
import type { Handler, Reply, SandboxRequest } from '../types';
import { authorize } from './oidcAuthorize';
import { authenticateClient, formOnly } from './oidcClientAuth';
import { idToken, jwtAccessToken } from './oidcJwt';
import {
  ACCESS_TTL,
  CLIENT_CREDENTIALS_TTL,
  discoveryDocument,
  INVALID_GRANT,
  isJwt,
  newToken,
  oauthError,
  REFRESH_TTL,
  safeEqual,
  SERVICE_SCOPES,
  sha256b64url,
} from './oidcShared';

export { oidcErrorReply } from './oidcShared';

/**
 * A small OpenID Connect issuer shaped like node `oidc-provider` (see REAL-OIDC.md): discovery,
 * JWKS, token (client credentials, authorization code + PKCE S256, refresh with rotation),
 * an authorization endpoint that approves at once, introspection (RFC 7662), revocation
 * (RFC 7009) and userinfo. Errors are `{error, error_description}`.
 */

export function createOidcApi(ctx: ApiContext): Handler {
  const issuer = ctx.baseUrls.oidc;
  const data = (): ReturnType<ApiContext['state']>['oidc'] => ctx.state().oidc;

  function opaque(fields: Omit<OpaqueToken, 'revoked'>): string {
    const token = newToken();
    data().tokens.set(token, { ...fields, revoked: false });
    return token;
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
      ? await jwtAccessToken(ctx, client, user.sub, scope, grant.resource, now)
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
    if (scopes.includes('openid')) body['id_token'] = await idToken(ctx, client, user, accessToken, grant.authTime, grant.nonce, now);
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
    const client = authenticateClient(ctx, req, form);
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
        ? await jwtAccessToken(ctx, client, client.clientId, scopeText, resource, now)
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
    const client = authenticateClient(ctx, req, form);
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
        return json(200, discoveryDocument(issuer));
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
        return authorize(req, issuer, data());
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
