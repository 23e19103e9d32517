/**
 * The signed tokens the OIDC sandbox issues: JWT access tokens (RFC 9068) and ID tokens, with the
 * sandbox's keys. The issuer and state come from the API context, as in the endpoints.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { OidcClient, OidcUser } from '../data/oidc';
import type { ApiContext } from '../state';
import { ACCESS_TTL, CLIENT_CREDENTIALS_TTL, ID_TOKEN_TTL, newToken } from './oidcShared';

/** An RFC 9068 access token, its `jti` remembered. */
export async function jwtAccessToken(ctx: ApiContext, client: OidcClient, sub: string, scope: string, resource: string, now: number): Promise<string> {
  const iat = Math.floor(now / 1000);
  const jti = newToken();
  ctx.state().oidc.jwtIds.add(jti);
  return new SignJWT({
    jti,
    sub,
    iat,
    exp: iat + (sub === client.clientId ? CLIENT_CREDENTIALS_TTL : ACCESS_TTL),
    ...(scope ? { scope } : {}),
    client_id: client.clientId,
    iss: ctx.baseUrls.oidc,
    aud: resource,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: ctx.keys.rsa.kid })
    .sign(ctx.keys.rsa.privateKey);
}

/** An ID token for a user grant (RS256 or ES256 as the client asks, with `at_hash`). */
export async function idToken(
  ctx: ApiContext,
  client: OidcClient,
  user: OidcUser,
  accessToken: string,
  authTime: number,
  nonce: string | undefined,
  now: number,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  const key = client.idTokenAlg === 'ES256' ? ctx.keys.ec : ctx.keys.rsa;
  const atHash = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
  return new SignJWT({
    sub: user.sub,
    ...(nonce ? { nonce } : {}),
    at_hash: atHash,
    auth_time: authTime,
    aud: client.clientId,
    exp: iat + ID_TOKEN_TTL,
    iat,
    iss: ctx.baseUrls.oidc,
  })
    .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid })
    .sign(key.privateKey);
}
