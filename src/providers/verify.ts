/**
 * Signature verification for the token inspector, with jose. Lives in the lazily loaded providers
 * bundle (jose stays off the activation path). Checks the signature only: time claims are judged
 * by the inspector's status, and `jku` / `x5u` header URLs are never followed.
 */
import { compactVerify, errors as joseErrors, importJWK, importSPKI, importX509, type CryptoKey, type JWK } from 'jose';
import { checkIssuer } from '../core/issuerCheck';
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import type { Translate } from '../core/template';
import { isFetchableKeyUrl } from '../shared/keyUrl';
import type { VerifyFailureCode, VerifyOutcome } from './verifyResult';
export { fetchKeySet } from './keySet';
export type { FetchKeySetOptions, FetchedKeySet } from './keySet';

export type { VerifyFailureCode, VerifyOutcome } from './verifyResult';

/** The key material a verification uses. */
export type VerifyKeyInput =
  /** HS256/384/512 shared secret, as the person typed it (UTF-8). */
  | { readonly kind: 'secret'; readonly secret: string }
  /** A PEM public key / certificate, or a JWK or JWKS as JSON text. */
  | { readonly kind: 'publicKey'; readonly text: string }
  /** A JWKS fetched from `url` (only used to describe the key). */
  | { readonly kind: 'jwks'; readonly jwks: Json; readonly url: string };

const HMAC = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS(256|384|512)|PS(256|384|512)|ES(256|384|512)|ES256K|EdDSA|Ed25519)$/;

/** Key types (`kty`) that can verify an algorithm. */
function ktyFor(alg: string): string | undefined {
  if (/^(RS|PS)/.test(alg)) return 'RSA';
  if (/^ES/.test(alg)) return 'EC';
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'OKP';
  if (HMAC.test(alg)) return 'oct';
  return undefined;
}

class VerifyFailure extends Error {
  constructor(
    readonly code: VerifyFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** Segment `index` of the token as a JSON object, or undefined when it is not one. */
function segmentJson(token: string, index: number): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(base64UrlBytes(token.split('.')[index] ?? '')));
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(token: string): JsonObject {
  const header = segmentJson(token, 0);
  if (header) return header;
  throw new VerifyFailure('malformed-token', 'The token header is not a base64url JSON object.');
}

function base64UrlBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export { isFetchableKeyUrl };

/** Short description of a key for the result line. */
function describeJwk(jwk: JsonObject): string {
  const parts = [str(jwk['kty']) ?? '?'];
  const kid = str(jwk['kid']);
  if (kid !== undefined) parts.push(`kid=${kid.slice(0, 80)}`);
  const alg = str(jwk['alg']);
  if (alg !== undefined) parts.push(`alg=${alg.slice(0, 20)}`);
  return parts.join(', ');
}

function checkAlg(alg: string | undefined): string {
  if (alg === undefined) throw new VerifyFailure('malformed-token', 'The token header has no "alg".');
  if (alg.toLowerCase() === 'none') {
    throw new VerifyFailure('alg-none', 'The token says "alg": "none": it is unsigned, so there is nothing to verify. Never accept such tokens.');
  }
  if (!HMAC.test(alg) && !ASYMMETRIC.test(alg)) {
    throw new VerifyFailure('alg-unsupported', `The algorithm "${alg.slice(0, 40)}" is not a JWS signature algorithm AuthLens can check.`);
  }
  return alg;
}

/** Runs jose's signature check and turns its errors into our failure codes. */
async function verifyWith(token: string, alg: string, key: CryptoKey | Uint8Array): Promise<void> {
  try {
    await compactVerify(token, key, { algorithms: [alg] });
  } catch (err) {
    throw toFailure(err, alg);
  }
}

function toFailure(err: unknown, alg: string): VerifyFailure {
  if (err instanceof VerifyFailure) return err;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new VerifyFailure(
      'bad-signature',
      `The ${alg} signature does not match this key: the token was signed with a different key, or its header or payload was changed.`,
    );
  }
  if (err instanceof joseErrors.JWSInvalid) {
    return new VerifyFailure('malformed-token', 'The token is not a valid JWS compact serialization.');
  }
  if (err instanceof joseErrors.JOSENotSupported || err instanceof joseErrors.JOSEAlgNotAllowed) {
    return new VerifyFailure('alg-unsupported', `The algorithm ${alg} is not supported by this runtime.`);
  }
  const message = err instanceof Error ? err.message : String(err);
  // jose reports a key of the wrong type as a TypeError ("... must be of type ...").
  return new VerifyFailure('alg-key-mismatch', `The key cannot verify ${alg}: ${message.slice(0, 200)}`);
}

async function keyFromText(text: string, alg: string): Promise<{ key: CryptoKey | Uint8Array; description: string } | JsonObject[]> {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (/PRIVATE KEY-----/.test(trimmed)) {
      throw new VerifyFailure('bad-key', 'That is a private key. Paste the public key (or certificate) instead; AuthLens never needs a private key.');
    }
    try {
      if (/BEGIN CERTIFICATE-----/.test(trimmed)) {
        return { key: await importX509(trimmed, alg), description: `X.509 certificate (${ktyFor(alg) ?? alg})` };
      }
      return { key: await importSPKI(trimmed, alg), description: `PEM public key (${ktyFor(alg) ?? alg})` };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new VerifyFailure('alg-key-mismatch', `The PEM key cannot be used for ${alg}: ${message.slice(0, 200)}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new VerifyFailure('bad-key', 'The key is neither a PEM block (-----BEGIN PUBLIC KEY-----) nor JSON (a JWK or a JWKS).');
  }
  if (!isJsonObject(parsed)) throw new VerifyFailure('bad-key', 'The key JSON is not an object (expected a JWK or a JWKS).');
  const keys = parsed['keys'];
  if (Array.isArray(keys)) return keys.filter(isJsonObject);
  return [parsed];
}

async function importJwkFor(jwk: JsonObject, alg: string): Promise<CryptoKey | Uint8Array> {
  if (jwk['d'] !== undefined && jwk['kty'] !== 'oct') {
    throw new VerifyFailure('bad-key', 'That JWK holds a private key ("d"). Paste the public key instead.');
  }
  try {
    return await importJWK(jwk as unknown as JWK, alg);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new VerifyFailure('alg-key-mismatch', `The key (${describeJwk(jwk)}) cannot be used for ${alg}: ${message.slice(0, 200)}`);
  }
}

/**
 * Picks the keys of a set that may verify a token: same `kid` (when the token has one),
 * a `kty` that fits the algorithm, `use` absent or `sig`, `alg` absent or equal.
 */
function candidateKeys(keys: readonly JsonObject[], alg: string, kid: string | undefined, where: string): JsonObject[] {
  const kty = ktyFor(alg);
  const usable = keys.filter((k) => k['kty'] === kty && (k['use'] === undefined || k['use'] === 'sig') && (k['alg'] === undefined || k['alg'] === alg));
  const matching = kid === undefined ? usable : usable.filter((k) => k['kid'] === kid);
  if (matching.length > 0) return matching;
  const kids = keys
    .map((k) => str(k['kid']))
    .filter((k): k is string => k !== undefined)
    .slice(0, 10)
    .map((k) => k.slice(0, 40));
  const listed = kids.length > 0 ? ` (it has kid ${kids.join(', ')})` : '';
  if (kid !== undefined) {
    throw new VerifyFailure(
      'no-matching-key',
      `${where} has no ${kty ?? ''} signing key with kid "${kid.slice(0, 80)}" for ${alg}${listed}. The key may have been rotated, or the token comes from another issuer.`,
    );
  }
  throw new VerifyFailure('no-matching-key', `${where} has no ${kty ?? ''} signing key for ${alg}${listed}.`);
}

/** What the token is expected to be, beside a valid signature: its issuer (checked exactly). */
export interface VerifyExpectation {
  readonly issuer?: string;
  /** The kind of token expected, for Cognito's `token_use`. */
  readonly tokenUse?: 'id' | 'access';
  /** Localises the issuer check's text (English by default). */
  readonly t?: Translate;
}

/**
 * Verifies the signature of a JWS compact token with the given key material and says exactly
 * what was checked: algorithm and key id from the header, and which key was used. With an
 * expected issuer, also says whether `iss` is that issuer and which provider quirk explains a
 * difference (the signature's verdict stays its own). Never throws.
 *
 * @example
 * const r = await verifyJwt(token, { kind: 'secret', secret: 'my-hs256-secret' });
 * r.valid ? r.keyDescription : r.failure?.message
 * (await verifyJwt(token, jwks, { issuer: 'https://tenant.auth0.com/' })).issuer?.message
 */
export async function verifyJwt(token: string, key: VerifyKeyInput, expect: VerifyExpectation = {}): Promise<VerifyOutcome> {
  const outcome = await verifySignature(token, key);
  const claims = expect.issuer !== undefined ? segmentJson(token, 1) : undefined;
  if (expect.issuer === undefined || claims === undefined) return outcome;
  const issuer = checkIssuer(
    { claims, expectedIssuer: expect.issuer, ...(expect.tokenUse !== undefined ? { expectedTokenUse: expect.tokenUse } : {}) },
    expect.t,
  );
  return { ...outcome, issuer };
}

async function verifySignature(token: string, key: VerifyKeyInput): Promise<VerifyOutcome> {
  let alg: string | undefined;
  let kid: string | undefined;
  try {
    const header = headerOf(token);
    alg = str(header['alg']);
    kid = str(header['kid']);
    const checked = checkAlg(alg);
    const keyDescription = await verifyChecked(token, checked, kid, key);
    return { valid: true, alg: checked, ...(kid !== undefined ? { kid } : {}), keyDescription };
  } catch (err) {
    const failure = toFailure(err, alg ?? '?');
    return {
      valid: false,
      ...(alg !== undefined ? { alg: alg.slice(0, 40) } : {}),
      ...(kid !== undefined ? { kid: kid.slice(0, 200) } : {}),
      ...(key.kind === 'jwks' ? { keyDescription: `JWKS ${key.url}` } : {}),
      failure: { code: failure.code, message: failure.message },
    };
  }
}

async function verifyChecked(token: string, alg: string, kid: string | undefined, key: VerifyKeyInput): Promise<string> {
  const hmac = HMAC.test(alg);
  switch (key.kind) {
    case 'secret': {
      if (!hmac) {
        throw new VerifyFailure(
          'alg-key-mismatch',
          `The token uses ${alg}, an asymmetric algorithm: verify it with the issuer's public key or JWKS, not a shared secret.`,
        );
      }
      const bytes = new TextEncoder().encode(key.secret);
      await verifyWith(token, alg, bytes);
      return `${alg} shared secret (${bytes.length} bytes)`;
    }
    case 'publicKey': {
      if (hmac) {
        throw new VerifyFailure(
          'alg-key-mismatch',
          `The token uses ${alg}, which needs the shared secret. A public key must never verify an HMAC token (algorithm confusion).`,
        );
      }
      const imported = await keyFromText(key.text, alg);
      if (!Array.isArray(imported)) {
        await verifyWith(token, alg, imported.key);
        return imported.description;
      }
      return verifyWithSet(token, alg, kid, imported, 'The pasted key');
    }
    case 'jwks': {
      if (hmac) {
        throw new VerifyFailure('alg-key-mismatch', `The token uses ${alg}, which needs the shared secret; a published JWKS holds public keys only.`);
      }
      const keys = isJsonObject(key.jwks) && Array.isArray(key.jwks['keys']) ? key.jwks['keys'].filter(isJsonObject) : undefined;
      if (keys === undefined) throw new VerifyFailure('bad-key', `${key.url} did not return a JWKS (an object with "keys").`);
      return `JWKS ${key.url}: ${await verifyWithSet(token, alg, kid, keys, `The JWKS at ${key.url}`)}`;
    }
  }
}

/** Tries each candidate key; valid as soon as one verifies. */
async function verifyWithSet(token: string, alg: string, kid: string | undefined, keys: readonly JsonObject[], where: string): Promise<string> {
  const candidates = candidateKeys(keys, alg, kid, where);
  let last: VerifyFailure | undefined;
  for (const jwk of candidates.slice(0, 20)) {
    try {
      await verifyWith(token, alg, await importJwkFor(jwk, alg));
      return `key ${describeJwk(jwk)}`;
    } catch (err) {
      last = toFailure(err, alg);
    }
  }
  if (last && candidates.length > 1 && last.code === 'bad-signature') {
    throw new VerifyFailure('bad-signature', `None of the ${candidates.length} matching keys verifies the ${alg} signature.`);
  }
  throw last ?? new VerifyFailure('no-matching-key', `${where} has no usable key.`);
}
