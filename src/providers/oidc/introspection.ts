import { AuthLensError } from '../../core/errors';
import { isJsonObject, type JsonObject } from '../../core/json';
import type { OAuthErrorBody } from '../../core/oauthErrors';
import type { HttpClient } from '../http';
import type { DiscoveryDocument } from './discovery';
import { toOAuthError, unsupportedTokenTypeOf } from './errors';
import { sendTokenForm, type ClientAuth } from './tokens';

export type TokenTypeHint = 'access_token' | 'refresh_token';

/** What a call to a token endpoint (introspection, revocation) takes: who asks, where, about which token. */
export type TokenEndpointArgs = [http: HttpClient, discovery: DiscoveryDocument, client: ClientAuth, token: string, hint?: TokenTypeHint, signal?: AbortSignal];

/** What RFC 7662 introspection said about a token. */
export type IntrospectionResult =
  /** `claims` holds everything the server sent (`active`, `scope`, `exp`, `client_id`, `sub`...). */
  | { readonly kind: 'answered'; readonly active: boolean; readonly claims: JsonObject }
  /** The server refused this kind of token, e.g. 400 `unsupported_token_type` for JWT access tokens. */
  | { readonly kind: 'refused'; readonly error: OAuthErrorBody }
  /** The issuer publishes no introspection endpoint. */
  | { readonly kind: 'no-endpoint' };

/**
 * Introspects a token (RFC 7662 §2) with the client's credentials.
 *
 * @example
 * const r = await introspectToken(http, discovery, { clientId, clientSecret }, token, 'access_token');
 * if (r.kind === 'answered' && !r.active) { ... revoked or expired ... }
 */
export async function introspectToken(...[http, discovery, client, token, hint, signal]: TokenEndpointArgs): Promise<IntrospectionResult> {
  if (!discovery.introspectionEndpoint) return { kind: 'no-endpoint' };
  try {
    const res = await sendTokenForm(http, discovery, client, discovery.introspectionEndpoint, token, { hint, signal });
    if (!isJsonObject(res.json) || typeof res.json['active'] !== 'boolean') {
      throw new AuthLensError('response-shape', { where: 'introspection active' }, 'response-shape: introspection without a boolean active');
    }
    return { kind: 'answered', active: res.json['active'], claims: res.json };
  } catch (err) {
    const refusal = unsupportedTokenTypeOf(err);
    if (refusal) return { kind: 'refused', error: refusal };
    throw toOAuthError(err, 'introspection');
  }
}
