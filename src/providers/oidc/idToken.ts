import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { AuthLensError } from '../../core/errors';
import { isJsonObject, type JsonObject } from '../../core/json';
import type { HttpClient } from '../http';

/** Fetches a JWK Set through the provider's HTTP client (undici stays in `http.ts`). */
export async function fetchJwks(http: HttpClient, jwksUri: string, signal?: AbortSignal): Promise<JSONWebKeySet> {
  const res = await http.send({ method: 'GET', url: jwksUri, ...(signal ? { signal } : {}) });
  if (!isJsonObject(res.json) || !Array.isArray(res.json['keys'])) {
    throw new AuthLensError('response-shape', { where: 'jwks keys' }, 'response-shape: JWK Set without keys');
  }
  return res.json as unknown as JSONWebKeySet;
}

/**
 * Checks an ID token (OIDC Core §3.1.3.7): signature against the issuer's keys, `iss`, `aud`
 * (the client id), `exp`/`iat` at `now` (60 s leeway), and the `nonce` of the request.
 * Throws `oidc-id-token-invalid` naming the failed check.
 */
export async function verifyIdToken(
  idToken: string,
  jwks: JSONWebKeySet,
  expected: { issuer: string; clientId: string; nonce?: string; now: number },
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
      issuer: expected.issuer,
      audience: expected.clientId,
      currentDate: new Date(expected.now),
      clockTolerance: 60,
    });
    if (expected.nonce !== undefined && payload['nonce'] !== expected.nonce) {
      throw new AuthLensError('oidc-id-token-invalid', { where: 'nonce' }, 'oidc-id-token-invalid: nonce does not match the request');
    }
    return payload;
  } catch (err) {
    if (err instanceof AuthLensError) throw err;
    const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'ERR_JWT_INVALID';
    const claim = (err as { claim?: unknown }).claim;
    throw new AuthLensError('oidc-id-token-invalid', { where: typeof claim === 'string' ? claim : code }, `oidc-id-token-invalid: ${code}`);
  }
}

/** The payload of a JWT without checking it, or undefined for opaque tokens. */
export function unverifiedClaims(token: string | undefined): JsonObject | undefined {
  if (token === undefined || token.split('.').length !== 3) return undefined;
  try {
    const payload = decodeJwt(token) as unknown;
    return isJsonObject(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}
