/**
 * Signing an edited JWT for the inspector's Edit tab, so a developer can test what their own
 * server accepts: HS256/384/512 with a shared secret, RS/PS 256/384/512, ES256/384/512 and
 * EdDSA with a private key (PKCS#8 PEM or private JWK). The header's `alg` decides; a key that
 * cannot sign it is refused with what the key is and what it can sign. Key text and secrets
 * never go into a problem (the host words each problem from its code).
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CompactSign, importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import type { JsonObject } from '../core/json';
import { privateKeyProblem, storedPrivateKeyText, type PrivateKeyProblem } from './oidc/clientPrivateKey';

/** What signs: a shared secret (its UTF-8 bytes) for HS*, a private key's text for the others. */
export type SigningKey = { readonly kind: 'secret'; readonly secret: string } | { readonly kind: 'privateKey'; readonly text: string };

/** Why a token could not be signed; `sign.ts` turns each into a sentence. */
export type SignProblem =
  | { readonly code: 'unsupported-alg'; readonly alg: string }
  /** `alg: none` with a key: the unsigned choice makes that token. */
  | { readonly code: 'alg-none' }
  | { readonly code: 'secret-empty' }
  /** An asymmetric alg with a shared secret. */
  | { readonly code: 'needs-private-key'; readonly alg: string }
  /** An HS alg with a private key. */
  | { readonly code: 'needs-secret'; readonly alg: string }
  | { readonly code: 'key-unreadable'; readonly problem: PrivateKeyProblem }
  /** The key is of another type or curve: `keyType` ("EC P-384") signs `keyAlgs`. */
  | { readonly code: 'alg-key-mismatch'; readonly alg: string; readonly keyType: string; readonly keyAlgs: readonly string[] }
  /** The JWK names another `alg` than the header. */
  | { readonly code: 'jwk-alg-mismatch'; readonly alg: string; readonly jwkAlg: string }
  | { readonly code: 'rsa-too-short'; readonly bits: number }
  /** jose refused for another reason (its error's name only). */
  | { readonly code: 'sign-failed'; readonly reason: string };

export type SignResult = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly problem: SignProblem };

/** Every alg AuthLens signs with. */
export const signingAlgorithms = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const isHmac = (alg: string): boolean => /^HS(256|384|512)$/.test(alg);

/** The key's type in words and the algs it signs. */
function keyFacts(key: KeyObject): { type: string; algs: readonly string[] } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { type: `RSA ${key.asymmetricKeyDetails?.modulusLength ?? '?'}`, algs: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] };
    case 'rsa-pss':
      return { type: 'RSA-PSS', algs: ['PS256', 'PS384', 'PS512'] };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      const byCurve: Record<string, [string, string]> = { prime256v1: ['P-256', 'ES256'], secp384r1: ['P-384', 'ES384'], secp521r1: ['P-521', 'ES512'] };
      const known = curve !== undefined ? byCurve[curve] : undefined;
      return known ? { type: `EC ${known[0]}`, algs: [known[1]] } : { type: `EC ${curve ?? '?'}`, algs: [] };
    }
    case 'ed25519':
      return { type: 'Ed25519', algs: ['EdDSA', 'Ed25519'] };
    default:
      return { type: key.asymmetricKeyType ?? '?', algs: [] };
  }
}

type ReadKey =
  { readonly ok: true; readonly key: KeyObject; readonly jwk?: JWK; readonly pem?: string } | { readonly ok: false; readonly problem: SignProblem };

/** The private key in `text` (checked by the same reader Set Credential uses). */
async function readPrivateKey(text: string): Promise<ReadKey> {
  const problem = await privateKeyProblem(text);
  if (problem !== undefined) return { ok: false, problem: { code: 'key-unreadable', problem } };
  const stored = storedPrivateKeyText(text);
  try {
    if (stored.startsWith('{')) {
      const data = JSON.parse(stored) as { keys?: unknown };
      // A JWK Set holding one key reads as that key (as Set Credential reads it).
      const jwk = (Array.isArray(data.keys) && data.keys.length === 1 ? data.keys[0] : data) as JWK;
      return { ok: true, key: createPrivateKey({ key: jwk as never, format: 'jwk' }), jwk };
    }
    return { ok: true, key: createPrivateKey({ key: stored, format: 'pem' }), pem: stored };
  } catch {
    return { ok: false, problem: { code: 'key-unreadable', problem: 'unreadable' } };
  }
}

/** The jose key for `alg`, or why the key cannot sign it. */
async function signingKeyFor(alg: string, key: SigningKey): Promise<{ ok: true; key: CryptoKey | Uint8Array } | { ok: false; problem: SignProblem }> {
  if (key.kind === 'secret') {
    if (!isHmac(alg)) return { ok: false, problem: { code: 'needs-private-key', alg } };
    if (key.secret.length === 0) return { ok: false, problem: { code: 'secret-empty' } };
    return { ok: true, key: new TextEncoder().encode(key.secret) };
  }
  if (isHmac(alg)) return { ok: false, problem: { code: 'needs-secret', alg } };
  const read = await readPrivateKey(key.text);
  if (!read.ok) return read;
  const facts = keyFacts(read.key);
  if (!facts.algs.includes(alg)) return { ok: false, problem: { code: 'alg-key-mismatch', alg, keyType: facts.type, keyAlgs: facts.algs } };
  const jwkAlg = read.jwk?.alg;
  if (typeof jwkAlg === 'string' && jwkAlg !== alg) return { ok: false, problem: { code: 'jwk-alg-mismatch', alg, jwkAlg } };
  const bits = read.key.asymmetricKeyDetails?.modulusLength;
  if (bits !== undefined && bits < 2048) return { ok: false, problem: { code: 'rsa-too-short', bits } };
  try {
    const imported = read.jwk ? await importJWK({ ...read.jwk, alg }, alg) : await importPKCS8(read.pem ?? '', alg);
    return { ok: true, key: imported };
  } catch (err) {
    return { ok: false, problem: { code: 'sign-failed', reason: err instanceof Error ? err.name : 'error' } };
  }
}

/**
 * Signs `payload` under `header` (whose `alg` says how) with `key`. The header and payload are
 * serialised as given (key order kept); nothing is added to either.
 *
 * @example
 * const r = await signJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'u1' }, { kind: 'secret', secret: 'shh' });
 * if (r.ok) r.token; // 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSJ9.<signature>'
 */
export async function signJwt(header: JsonObject, payload: JsonObject, key: SigningKey): Promise<SignResult> {
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  if (alg === 'none') return { ok: false, problem: { code: 'alg-none' } };
  if (!(signingAlgorithms as readonly string[]).includes(alg)) return { ok: false, problem: { code: 'unsupported-alg', alg } };
  const signing = await signingKeyFor(alg, key);
  if (!signing.ok) return signing;
  const payloadBytes = new TextEncoder().encode(JSON.stringify(payload));
  try {
    // jose serialises the protected header itself; the payload segment is the JSON as given.
    const token = await new CompactSign(payloadBytes).setProtectedHeader(header as never).sign(signing.key);
    return { ok: true, token };
  } catch (err) {
    return { ok: false, problem: { code: 'sign-failed', reason: err instanceof Error ? err.name : 'error' } };
  }
}
