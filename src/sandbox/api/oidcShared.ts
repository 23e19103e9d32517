/**
 * What every endpoint of the OIDC sandbox shares: lifetimes, scopes, the OAuth error reply, small
 * checks (JWT shape, PKCE hash, constant-time compare, loopback redirect) and the discovery
 * document.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { JsonObject } from '../../core/json';
import { json } from '../httpUtil';
import { statusText } from '../misbehaviour';
import type { Reply } from '../types';

export const CLIENT_CREDENTIALS_TTL = 600;
export const ACCESS_TTL = 3600;
export const ID_TOKEN_TTL = 3600;
export const REFRESH_TTL = 14 * 24 * 3600;
export const CODE_TTL_MS = 60_000;
export const SCOPES = ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write'];
export const SERVICE_SCOPES = new Set(['api:read', 'api:write']);

export function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
  return json(status, { error, error_description: description }, headers);
}

/** What misbehaviour `status` answers under the OIDC issuer. */
export function oidcErrorReply(status: number, retryAfter: number | undefined): Reply {
  const error = status === 401 ? 'invalid_token' : status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : 'invalid_request';
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  return oauthError(status, error, statusText(status), headers);
}

export const INVALID_GRANT = (): Reply => oauthError(400, 'invalid_grant', 'grant request is invalid');

export function isJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(token);
}

export function sha256b64url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Loopback redirect URIs with any port (RFC 8252 §7.3), like a native client in oidc-provider. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.hash === '';
  } catch {
    return false;
  }
}

/** A fresh opaque value (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** The discovery document, shaped like node `oidc-provider`'s. */
export function discoveryDocument(issuer: string): JsonObject {
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
