import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** One signing key with its public JWK (kid and alg set). */
export interface SigningKey {
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
}

/**
 * The sandbox's keys, fresh at every start (never persisted). One RSA key is shared by the
 * Authing, AuthMS and OIDC issuers because RSA generation is the slowest part of start-up.
 */
export interface SandboxKeys {
  readonly rsa: SigningKey;
  readonly ec: SigningKey;
  /** Better Auth's jwt plugin signs with Ed25519 by default. */
  readonly ed: SigningKey;
  /** AuthMS HS256 key: the UTF-8 bytes of `hs256Text`, as a `JWT_SECRET` setting would be. */
  readonly hs256: Uint8Array;
  readonly hs256Text: string;
  /** Better Auth's cookie-signing secret and Authing's express-session secret. */
  readonly betterAuthSecret: string;
  readonly authingSecret: string;
}

async function makeKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const publicJwk: JWK = { ...jwk, kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicKey, publicJwk };
}

export async function createKeys(): Promise<SandboxKeys> {
  // The kid carries a per-start random part so a cached JWKS from an older run never matches.
  const run = randomBytes(4).toString('hex');
  const [rsa, ec, ed] = await Promise.all([
    makeKey('RS256', `sandbox-rs256-${run}`),
    makeKey('ES256', `sandbox-es256-${run}`),
    makeKey('EdDSA', `sandbox-ed25519-${run}`),
  ]);
  const hs256Text = randomBytes(32).toString('base64url');
  return {
    rsa,
    ec,
    ed,
    hs256: new TextEncoder().encode(hs256Text),
    hs256Text,
    betterAuthSecret: randomBytes(32).toString('base64url'),
    authingSecret: randomBytes(32).toString('base64url'),
  };
}
