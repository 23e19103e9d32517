import { decodeJwt } from 'jose';
import type { OAuthErrorBody } from '../../core/oauthErrors';
import type { RevokeOutcome } from '../types';
import { toOAuthError, unsupportedTokenTypeOf } from './errors';
import type { TokenEndpointArgs } from './introspection';
import { sendTokenForm } from './tokens';

/** What RFC 7009 revocation did. */
export type RevocationResult =
  /**
   * 200 (RFC 7009 §2.2: also for unknown tokens). For a JWT, `jwtExpiresAt` is its `exp`:
   * servers such as oidc-provider 8 answer 200 without recalling it, and APIs that check the
   * signature alone keep accepting it until then.
   */
  | { readonly kind: 'revoked'; readonly isJwt: boolean; readonly jwtExpiresAt?: number }
  /**
   * The server refused (400 `unsupported_token_type`): typical for self-contained JWT access
   * tokens, which then stay valid until `expiresAt` (epoch ms, from the token's `exp`).
   */
  | { readonly kind: 'refused'; readonly error: OAuthErrorBody; readonly isJwt: boolean; readonly expiresAt?: number }
  | { readonly kind: 'no-endpoint' };

/** The `exp` of a JWT in epoch ms, or undefined for opaque tokens and tokens without `exp`. */
export function jwtExpiry(token: string): number | undefined {
  if (token.split('.').length !== 3) return undefined;
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Revokes a token (RFC 7009 §2.1). A 200 means revoked (servers answer 200 for unknown tokens
 * too, §2.2); `unsupported_token_type` is a refusal with the token's expiry, other errors throw.
 */
export async function revokeToken(...[http, discovery, client, token, hint, signal]: TokenEndpointArgs): Promise<RevocationResult> {
  if (!discovery.revocationEndpoint) return { kind: 'no-endpoint' };
  try {
    await sendTokenForm(http, discovery, client, discovery.revocationEndpoint, token, { hint, signal, expect: 'none' });
    const isJwt = token.split('.').length === 3;
    const jwtExpiresAt = isJwt ? jwtExpiry(token) : undefined;
    return { kind: 'revoked', isJwt, ...(jwtExpiresAt !== undefined ? { jwtExpiresAt } : {}) };
  } catch (err) {
    const refusal = unsupportedTokenTypeOf(err);
    if (refusal) {
      const expiresAt = jwtExpiry(token);
      return { kind: 'refused', error: refusal, isJwt: token.split('.').length === 3, ...(expiresAt !== undefined ? { expiresAt } : {}) };
    }
    throw toOAuthError(err, 'revocation');
  }
}

/**
 * The caveat after a 200 for a JWT access token: the server cannot recall a self-contained
 * token, so it stays valid until `exp` wherever it is checked by signature alone.
 */
export function explainJwtRevocation(result: Extract<RevocationResult, { kind: 'revoked' }>): string | undefined {
  if (!result.isJwt) return undefined;
  const until = result.jwtExpiresAt !== undefined ? `until exp ${new Date(result.jwtExpiresAt).toISOString()}` : 'until its signing key is rotated';
  return `The server accepted the revocation, but this access token is a JWT: APIs that check its signature without introspection accept it ${until}.`;
}

/**
 * Plain English for a refusal, used as `RevokeOutcome.reason` (the VS Code layer shows its own
 * localised text built from the same facts).
 * @example explainRefusal({ kind: 'refused', error: { error: 'unsupported_token_type' }, isJwt: true, expiresAt: 1e12 })
 */
export function explainRefusal(result: Extract<RevocationResult, { kind: 'refused' }>): string {
  const what = `The server refused to revoke this token (${result.error.error}${result.error.errorDescription ? `: ${result.error.errorDescription}` : ''}).`;
  if (result.expiresAt !== undefined) {
    return `${what} A JWT access token is checked by signature alone, so it stays valid until exp ${new Date(result.expiresAt).toISOString()}.`;
  }
  return result.isJwt ? `${what} A JWT access token without exp stays valid until its signing key is rotated.` : what;
}

/** What revoking a session's tokens did: the outcome for the person and what to record in the stored set. */
export interface SessionRevocation {
  readonly outcome: RevokeOutcome;
  /** The access token itself was recalled (opaque token, 200): the set is revoked. */
  readonly accessRevoked: boolean;
  /** The refresh token was revoked (200): the grant is gone, whatever became of the access token. */
  readonly grantRevoked: boolean;
}

/**
 * The outcome of revoking a session: the refresh token (when there was one) and the access
 * token. oidc-provider 9 revokes the refresh token (200) and refuses a JWT access token (400
 * `unsupported_token_type`): the grant is gone, and the access token stays valid until its
 * `exp`. That is reported as revoked, with a note saying exactly that.
 *
 * @example
 * sessionRevocation({ kind: 'revoked', isJwt: false }, { kind: 'refused', error: { error: 'unsupported_token_type' }, isJwt: true, expiresAt: 1e12 })
 * // { outcome: { kind: 'revoked', note: 'refresh token revoked; the JWT access token stays valid until 2001-09-09T01:46:40.000Z ...' }, ... }
 */
export function sessionRevocation(refresh: RevocationResult | undefined, access: RevocationResult): SessionRevocation {
  const grantRevoked = refresh?.kind === 'revoked';
  const accessRevoked = access.kind === 'revoked' && !access.isJwt;
  if (access.kind === 'refused') {
    if (!grantRevoked) return { outcome: { kind: 'not-revoked', reason: explainRefusal(access) }, accessRevoked, grantRevoked };
    const until = access.expiresAt !== undefined ? `until ${new Date(access.expiresAt).toISOString()}` : 'until its signing key is rotated (it has no exp)';
    const note = access.isJwt
      ? `refresh token revoked; the JWT access token stays valid ${until}: the server cannot recall it (${access.error.error}), and APIs that check its signature accept it until then.`
      : `refresh token revoked; the server refused to revoke the access token (${access.error.error}), so it may stay valid until it expires.`;
    return { outcome: { kind: 'revoked', note }, accessRevoked, grantRevoked };
  }
  const jwtNote = access.kind === 'revoked' ? explainJwtRevocation(access) : undefined;
  const note = jwtNote !== undefined && grantRevoked ? `refresh token revoked. ${jwtNote}` : jwtNote;
  return { outcome: note !== undefined ? { kind: 'revoked', note } : { kind: 'revoked' }, accessRevoked, grantRevoked };
}
