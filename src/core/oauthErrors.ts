import { isJsonObject, type Json } from './json';

/** What an OAuth 2.0 / OpenID Connect `error` code means, and where that is written down. */
export interface OAuthErrorInfo {
  readonly code: string;
  /** The RFC meaning, in plain English (the VS Code layer localises it by this text). */
  readonly meaning: string;
  /** Where the code is defined, e.g. "RFC 6749 §5.2". */
  readonly source: string;
  /** What usually fixes it, when there is a common cause. */
  readonly hint?: string;
}

/** An error response body as RFC 6749 §5.2 defines it. */
export interface OAuthErrorBody {
  readonly error: string;
  readonly errorDescription?: string;
  readonly errorUri?: string;
}

const table: readonly OAuthErrorInfo[] = [
  // RFC 6749 §5.2: token endpoint errors.
  {
    code: 'invalid_request',
    meaning: 'The request is missing a required parameter, has an unsupported parameter value, repeats a parameter, or is otherwise malformed.',
    source: 'RFC 6749 §5.2',
  },
  {
    code: 'invalid_client',
    meaning: 'Client authentication failed: the client is unknown, sent no credentials, or used an authentication method the server does not accept for it.',
    source: 'RFC 6749 §5.2',
    hint: 'Check the client id, its credential (client secret or private key: Set Credential; certificate: tlsClientCertificate), and the method the server registered for this client (the tokenEndpointAuthMethod setting).',
  },
  {
    code: 'invalid_grant',
    meaning:
      'The authorization code or refresh token is invalid, expired, revoked, already used, issued to another client, or does not match the redirect URI.',
    source: 'RFC 6749 §5.2',
    hint: 'Codes work once and expire within minutes; a rotated refresh token is dead after its first use. Sign in again.',
  },
  {
    code: 'unauthorized_client',
    meaning: 'The client is not allowed to use this grant type.',
    source: 'RFC 6749 §5.2',
    hint: 'Enable the grant (client credentials, authorization code, refresh token) for this client on the server.',
  },
  {
    code: 'unsupported_grant_type',
    meaning: 'The authorization server does not support this grant type.',
    source: 'RFC 6749 §5.2',
  },
  {
    code: 'invalid_scope',
    meaning: 'The requested scope is invalid, unknown, malformed, or more than the client or the user granted.',
    source: 'RFC 6749 §5.2',
    hint: 'Check the scopes setting of this provider.',
  },
  // RFC 6749 §4.1.2.1: authorization endpoint errors.
  {
    code: 'access_denied',
    meaning: 'The user or the authorization server denied the request.',
    source: 'RFC 6749 §4.1.2.1',
  },
  {
    code: 'unsupported_response_type',
    meaning: 'The authorization server does not support getting an authorization code this way.',
    source: 'RFC 6749 §4.1.2.1',
  },
  {
    code: 'server_error',
    meaning: 'The authorization server hit an unexpected condition.',
    source: 'RFC 6749 §4.1.2.1',
  },
  {
    code: 'temporarily_unavailable',
    meaning: 'The authorization server is overloaded or under maintenance; try again later.',
    source: 'RFC 6749 §4.1.2.1',
  },
  // RFC 6750 §3.1: protected resource (userinfo) errors.
  {
    code: 'invalid_token',
    meaning: 'The access token is expired, revoked, malformed, or not meant for this endpoint.',
    source: 'RFC 6750 §3.1',
    hint: 'Userinfo accepts only access tokens issued for it (with the openid scope and no other audience).',
  },
  {
    code: 'insufficient_scope',
    meaning: 'The access token lacks a scope this request needs.',
    source: 'RFC 6750 §3.1',
  },
  // RFC 7009 §2.2.1: revocation.
  {
    code: 'unsupported_token_type',
    meaning: 'The server cannot revoke (or introspect) this type of token.',
    source: 'RFC 7009 §2.2.1',
    hint: 'Self-contained JWT access tokens usually cannot be revoked: they stay valid until their exp.',
  },
  // RFC 8707 §2: resource indicators.
  {
    code: 'invalid_target',
    meaning: 'The requested resource (audience) is invalid, unknown, or not allowed for this client.',
    source: 'RFC 8707 §2',
    hint: 'Check the resource / audience setting of this provider against the API identifiers on the server.',
  },
  // OpenID Connect Core §3.1.2.6.
  {
    code: 'login_required',
    meaning: 'The server needs the user to sign in, but the request asked it not to show a login page.',
    source: 'OpenID Connect Core §3.1.2.6',
  },
  {
    code: 'consent_required',
    meaning: 'The server needs the user to consent, but the request asked it not to show a consent page.',
    source: 'OpenID Connect Core §3.1.2.6',
  },
  {
    code: 'interaction_required',
    meaning: 'The server needs the user to interact, but the request asked it not to show any page.',
    source: 'OpenID Connect Core §3.1.2.6',
  },
  // RFC 8628 §3.5: device flow.
  {
    code: 'authorization_pending',
    meaning: 'The user has not finished the device authorization yet.',
    source: 'RFC 8628 §3.5',
  },
  { code: 'slow_down', meaning: 'Polling too fast; wait longer between requests.', source: 'RFC 8628 §3.5' },
  { code: 'expired_token', meaning: 'The device code expired; start again.', source: 'RFC 8628 §3.5' },
  // RFC 9449 §5: DPoP.
  {
    code: 'invalid_dpop_proof',
    meaning: 'The DPoP proof is missing, malformed, or does not match the request.',
    source: 'RFC 9449 §5',
  },
  {
    code: 'use_dpop_nonce',
    meaning: 'The server requires a DPoP nonce; repeat the request with the nonce it sent.',
    source: 'RFC 9449 §8',
  },
];

const byCode = new Map(table.map((info) => [info.code, info]));

/**
 * The RFC meaning of an OAuth error code, or undefined for codes no standard defines.
 * @example describeOAuthError('invalid_grant')?.source // "RFC 6749 §5.2"
 */
export function describeOAuthError(code: string): OAuthErrorInfo | undefined {
  return byCode.get(code);
}

/** Every code {@link describeOAuthError} knows (for tests and localisation). */
export function knownOAuthErrors(): readonly OAuthErrorInfo[] {
  return table;
}

/**
 * Reads `{error, error_description, error_uri}` from a response body; undefined when the body
 * is not an OAuth error (RFC 6749 §5.2 requires `error` to be a string of printable ASCII).
 * @example parseOAuthError({ error: 'invalid_client' })?.error // "invalid_client"
 */
export function parseOAuthError(body: Json | undefined): OAuthErrorBody | undefined {
  if (!isJsonObject(body)) return undefined;
  const error = body['error'];
  if (typeof error !== 'string' || !/^[\x20-\x7e]{1,200}$/.test(error)) return undefined;
  const description = body['error_description'];
  const uri = body['error_uri'];
  return {
    error,
    ...(typeof description === 'string' ? { errorDescription: description.slice(0, 1000) } : {}),
    ...(typeof uri === 'string' ? { errorUri: uri.slice(0, 1000) } : {}),
  };
}

/**
 * Reads the error from a `WWW-Authenticate: Bearer error="invalid_token", error_description="..."`
 * header (RFC 6750 §3), which userinfo uses instead of a body.
 * @example parseWwwAuthenticateError('Bearer error="invalid_token"')?.error // "invalid_token"
 */
export function parseWwwAuthenticateError(header: string | undefined): OAuthErrorBody | undefined {
  if (!header) return undefined;
  const error = /\berror="([^"]{1,200})"/.exec(header)?.[1];
  if (!error) return undefined;
  const description = /\berror_description="([^"]{0,1000})"/.exec(header)?.[1];
  return { error, ...(description !== undefined ? { errorDescription: description } : {}) };
}
