/**
 * The client assertion of `client_secret_jwt` and `private_key_jwt` (RFC 7523 §2.2, OIDC Core
 * §9): a short-lived JWT the client signs to prove who it is.
 */
import { SignJWT, type CryptoKey } from 'jose';

/** The `client_assertion_type` value for a JWT assertion (RFC 7523 §2.2). */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** How long an assertion is valid: long enough for one request, short enough not to be worth replaying. */
export const ASSERTION_LIFETIME_SECONDS = 60;

export interface ClientAssertionInput {
  readonly clientId: string;
  /** The token endpoint URL (OIDC Core §9: the audience is the token endpoint). */
  readonly audience: string;
  /** Epoch ms. */
  readonly now: number;
  /** A fresh unique id; servers refuse a `jti` they have seen (replay). */
  readonly jti: string;
  /** HS256 with the client secret's bytes, or an asymmetric key with its algorithm and `kid`. */
  readonly key:
    | { readonly kind: 'secret'; readonly secret: string; readonly alg: string }
    | { readonly kind: 'private'; readonly key: CryptoKey; readonly alg: string; readonly kid?: string };
}

/**
 * Signs a client assertion: `iss` = `sub` = client id, `aud` = token endpoint, `jti`, `iat`, and
 * `exp` 60 s later.
 *
 * @example
 * const assertion = await signClientAssertion({ clientId: 'svc', audience: tokenEndpoint, now: Date.now(),
 *   jti: crypto.randomUUID(), key: { kind: 'secret', secret, alg: 'HS256' } });
 */
export async function signClientAssertion(input: ClientAssertionInput): Promise<string> {
  const iat = Math.floor(input.now / 1000);
  const header =
    input.key.kind === 'private' && input.key.kid !== undefined ? { alg: input.key.alg, typ: 'JWT', kid: input.key.kid } : { alg: input.key.alg, typ: 'JWT' };
  const jwt = new SignJWT({})
    .setProtectedHeader(header)
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.audience)
    .setJti(input.jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS);
  return input.key.kind === 'secret' ? jwt.sign(new TextEncoder().encode(input.key.secret)) : jwt.sign(input.key.key);
}
