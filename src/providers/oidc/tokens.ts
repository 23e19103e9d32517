import { AuthLensError } from '../../core/errors';
import { isJsonObject, type JsonObject } from '../../core/json';
import type { HttpClient, HttpRequest, HttpResponse } from '../http';
import type { DiscoveryDocument } from './discovery';
import { clientAuthentication, withClientAuthContext, type ClientAuth, type ClientAuthDiscovery } from './clientAuth';
import { withOAuthErrors } from './errors';
import type { StoredTokenSet } from './tokenStore';

// Kept importable from here: callers written before client authentication got its own file.
export { clientAuthentication, type ClientAuth } from './clientAuth';

/** A successful token response (RFC 6749 §5.1), as sent. */
export interface TokenResponse {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly expiresIn?: number;
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly scope?: string;
  readonly raw: JsonObject;
}

/**
 * POSTs one token (with its type hint) to an introspection (RFC 7662 §2.1) or revocation
 * (RFC 7009 §2.1) endpoint, authenticated as the client; the token is passed as a secret so no
 * error or log line can carry it.
 */
export async function sendTokenForm(
  http: HttpClient,
  discovery: ClientAuthDiscovery & Partial<Pick<DiscoveryDocument, 'introspectionEndpoint' | 'revocationEndpoint'>>,
  client: ClientAuth,
  endpoint: string,
  token: string,
  options: {
    readonly hint?: string | undefined;
    readonly signal?: AbortSignal | undefined;
    readonly expect?: HttpRequest['expect'];
  },
): Promise<HttpResponse> {
  const auth = await clientAuthentication(client, discovery, { endpoint });
  const name = endpoint === discovery.introspectionEndpoint ? 'introspection' : endpoint === discovery.revocationEndpoint ? 'revocation' : 'token';
  return withClientAuthContext(name, auth.method, () =>
    http.send({
      method: 'POST',
      url: endpoint,
      headers: auth.headers,
      form: { ...auth.form, token, ...(options.hint ? { token_type_hint: options.hint } : {}) },
      secrets: [...auth.secrets, token],
      ...(options.expect ? { expect: options.expect } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
}

/** Reads a token response; throws `response-shape` when `access_token` or `token_type` is missing. */
export function parseTokenResponse(json: unknown, where: string): TokenResponse {
  if (!isJsonObject(json)) throw new AuthLensError('response-shape', { where }, `response-shape: ${where} is not an object`);
  const str = (key: string): string | undefined => {
    const v = json[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const accessToken = str('access_token');
  if (accessToken === undefined) {
    throw new AuthLensError('response-shape', { where: `${where} access_token` }, 'response-shape: token response without access_token');
  }
  const expires = json['expires_in'];
  const expiresIn = typeof expires === 'number' ? expires : typeof expires === 'string' && /^\d+$/.test(expires) ? Number(expires) : undefined;
  const refreshToken = str('refresh_token');
  const idToken = str('id_token');
  const scope = str('scope');
  return {
    accessToken,
    tokenType: str('token_type') ?? 'Bearer',
    raw: json,
    ...(expiresIn !== undefined ? { expiresIn } : {}),
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
    ...(scope !== undefined ? { scope } : {}),
  };
}

function tokenEndpoint(discovery: DiscoveryDocument): string {
  if (!discovery.tokenEndpoint) {
    throw new AuthLensError('unsupported', { where: 'token_endpoint' }, 'unsupported: the issuer has no token endpoint');
  }
  return discovery.tokenEndpoint;
}

/** POSTs a grant to the token endpoint (RFC 6749 §4), mapping `{error}` answers to `oauth-error`. */
export async function requestToken(
  http: HttpClient,
  discovery: DiscoveryDocument,
  client: ClientAuth,
  grant: Record<string, string | undefined>,
  secrets: readonly string[],
  signal?: AbortSignal,
): Promise<TokenResponse> {
  const url = tokenEndpoint(discovery);
  const auth = await clientAuthentication(client, discovery, { endpoint: url });
  const form: Record<string, string> = { ...auth.form };
  for (const [k, v] of Object.entries(grant)) if (v !== undefined && v !== '') form[k] = v;
  const res = await withClientAuthContext('token', auth.method, () =>
    withOAuthErrors('token', () =>
      http.send({
        method: 'POST',
        url,
        headers: auth.headers,
        form,
        secrets: [...auth.secrets, ...secrets],
        ...(signal ? { signal } : {}),
      }),
    ),
  );
  return parseTokenResponse(res.json, 'token response');
}

/** Client credentials grant (RFC 6749 §4.4), with `resource` (RFC 8707) / `audience` (Auth0) when set. */
export function clientCredentialsGrant(p: { scopes?: readonly string[]; resource?: string; audience?: string }): Record<string, string | undefined> {
  return {
    grant_type: 'client_credentials',
    scope: p.scopes && p.scopes.length > 0 ? p.scopes.join(' ') : undefined,
    resource: p.resource,
    audience: p.audience,
  };
}

/** Authorization code exchange (RFC 6749 §4.1.3 + RFC 7636 §4.5). */
export function authorizationCodeGrant(p: { code: string; redirectUri: string; codeVerifier: string; resource?: string }): Record<string, string | undefined> {
  return {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.codeVerifier,
    resource: p.resource,
  };
}

/** Refresh grant (RFC 6749 §6). */
export function refreshGrant(p: { refreshToken: string; resource?: string }): Record<string, string | undefined> {
  return { grant_type: 'refresh_token', refresh_token: p.refreshToken, resource: p.resource };
}

/** What a refresh did to the refresh token (RFC 6749 §6 / OAuth 2.0 Security BCP §4.14). */
export type RefreshRotation =
  /** A new refresh token came back: the old one should now be dead. */
  | 'rotated'
  /** The same refresh token came back, or none (keep using the old one). */
  | 'kept';

/** Whether a refresh rotated the refresh token. */
export function detectRotation(oldRefreshToken: string, response: TokenResponse): RefreshRotation {
  return response.refreshToken !== undefined && response.refreshToken !== oldRefreshToken ? 'rotated' : 'kept';
}

/**
 * The set to store after a token response. On refresh, fields the server left out (refresh
 * token, ID token) carry over from the previous set.
 */
export function toStoredTokenSet(
  response: TokenResponse,
  ctx: {
    grant: StoredTokenSet['grant'];
    now: number;
    issuer: string;
    clientId: string;
    resource?: string;
    previous?: StoredTokenSet;
  },
): StoredTokenSet {
  const refreshToken = response.refreshToken ?? ctx.previous?.refreshToken;
  // A refresh token carried over keeps its known expiry; a new one has the response's, if any.
  const refreshIn = response.raw['refresh_expires_in'];
  const refreshExpiresAt =
    response.refreshToken === undefined
      ? ctx.previous?.refreshExpiresAt
      : typeof refreshIn === 'number' && refreshIn > 0
        ? ctx.now + refreshIn * 1000
        : undefined;
  const idToken = response.idToken ?? ctx.previous?.idToken;
  const scope = response.scope ?? ctx.previous?.scope;
  const resource = ctx.resource ?? ctx.previous?.resource;
  return {
    accessToken: response.accessToken,
    tokenType: response.tokenType,
    grant: ctx.grant,
    obtainedAt: ctx.now,
    issuer: ctx.issuer,
    clientId: ctx.clientId,
    ...(response.expiresIn !== undefined ? { expiresAt: ctx.now + response.expiresIn * 1000 } : {}),
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(refreshToken !== undefined && refreshExpiresAt !== undefined ? { refreshExpiresAt } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(resource !== undefined ? { resource } : {}),
  };
}
