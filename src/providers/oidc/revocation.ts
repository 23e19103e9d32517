import { decodeJwt } from 'jose';
import type { OAuthErrorBody } from '../../core/oauthErrors';
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
