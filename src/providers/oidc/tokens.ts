import { AuthLensError } from '../../core/errors';
import { isJsonObject, type JsonObject } from '../../core/json';
import type { HttpClient, HttpRequest, HttpResponse } from '../http';
import type { DiscoveryDocument } from './discovery';
import { withOAuthErrors } from './errors';
import type { StoredTokenSet } from './tokenStore';

/** How the client proves who it is at the token, introspection and revocation endpoints. */
export interface ClientAuth {
  readonly clientId: string;
  /** Absent for public clients (`token_endpoint_auth_method: none`). */
  readonly clientSecret?: string;
}

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
 * Headers and form fields that authenticate the client. With a secret: `client_secret_basic`
 * (RFC 6749 §2.3.1, id and secret form-encoded before base64) unless the server only lists
 * `client_secret_post`; without one: `client_id` in the body.
 */
export function clientAuthentication(
  client: ClientAuth,
  discovery: Pick<DiscoveryDocument, 'tokenEndpointAuthMethodsSupported'>,
): { headers: Record<string, string>; form: Record<string, string>; secrets: string[] } {
  if (client.clientSecret === undefined || client.clientSecret === '') {
    return { headers: {}, form: { client_id: client.clientId }, secrets: [] };
  }
  const methods = discovery.tokenEndpointAuthMethodsSupported;
  const post = methods !== undefined && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
  if (post) {
    return {
      headers: {},
      form: { client_id: client.clientId, client_secret: client.clientSecret },
      secrets: [client.clientSecret],
    };
  }
  const encode = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  const basic = Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64');
  return { headers: { authorization: `Basic ${basic}` }, form: {}, secrets: [client.clientSecret] };
}

/**
 * POSTs one token (with its type hint) to an introspection (RFC 7662 §2.1) or revocation
 * (RFC 7009 §2.1) endpoint, authenticated as the client; the token is passed as a secret so no
 * error or log line can carry it.
 */
export function sendTokenForm(
  http: HttpClient,
  discovery: Pick<DiscoveryDocument, 'tokenEndpointAuthMethodsSupported'>,
  client: ClientAuth,
  endpoint: string,
  token: string,
  options: { readonly hint?: string | undefined; readonly signal?: AbortSignal | undefined; readonly expect?: HttpRequest['expect'] },
): Promise<HttpResponse> {
  const auth = clientAuthentication(client, discovery);
  return http.send({
    method: 'POST',
    url: endpoint,
    headers: auth.headers,
    form: { ...auth.form, token, ...(options.hint ? { token_type_hint: options.hint } : {}) },
    secrets: [...auth.secrets, token],
    ...(options.expect ? { expect: options.expect } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
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
  const auth = clientAuthentication(client, discovery);
  const form: Record<string, string> = { ...auth.form };
  for (const [k, v] of Object.entries(grant)) if (v !== undefined && v !== '') form[k] = v;
  const res = await withOAuthErrors('token', () =>
    http.send({
      method: 'POST',
      url,
      headers: auth.headers,
      form,
      secrets: [...auth.secrets, ...secrets],
      ...(signal ? { signal } : {}),
    }),
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
    ...(idToken !== undefined ? { idToken } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(resource !== undefined ? { resource } : {}),
  };
}
