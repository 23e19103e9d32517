/**
 * The key a person gives to decrypt a JWE, read for the JWE's `alg` / `enc`: a shared key (a
 * `{"kty":"oct"}` JWK, hex, base64url or UTF-8 text, whichever has the needed length), a PBES2
 * password (UTF-8 text), or a private key (PKCS#8, PKCS#1 or SEC1 PEM, a private JWK, or a JWK
 * set). A key that does not fit is named precisely ("A256GCM needs 32 bytes, this key has 16").
 * Key material never appears in a message.
 */
import { createPrivateKey } from 'node:crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { isJsonObject, type JsonObject } from '../core/json';
import type { Translate } from '../core/template';
import type { DecryptFailureCode } from './decryptResult';
import { familyOf, needsPrivateKey, sharedKeyBytes } from './jweAlgorithms';
import { jweText, type JweText } from './jweMessages';

/** The key material as the person gave it. Secret: never log it. */
export type JweKeyInput =
  /** A shared key (`dir`, AES key wrap) or a PBES2 password. */
  | { readonly kind: 'secret'; readonly text: string }
  /** A private key for RSA-OAEP or ECDH-ES: PEM, JWK or JWK set. */
  | { readonly kind: 'privateKey'; readonly text: string };

/** A key ready for jose, and how to name it in the result. */
export interface KeyCandidate {
  readonly key: CryptoKey | Uint8Array;
  readonly description: string;
  /** Said beside a failure: the shared key was not read the likeliest way (text that is also hex). */
  readonly note?: string;
}

/** A decryption that stops before jose runs, with its code and sentence. */
export class DecryptProblem extends Error {
  constructor(
    readonly code: DecryptFailureCode,
    message: string,
  ) {
    super(message);
  }
}

function problem(t: Translate | undefined, code: DecryptFailureCode, text: JweText, ...args: readonly (string | number)[]): DecryptProblem {
  return new DecryptProblem(code, jweText(t, text, ...args));
}

const CURVES = new Set(['P-256', 'P-384', 'P-521', 'X25519']);

/** The short name of a JWK's type: `RSA`, `EC P-256`, `OKP X25519`, `oct`. */
function typeName(jwk: JsonObject): string {
  const kty = typeof jwk['kty'] === 'string' ? jwk['kty'].slice(0, 20) : '?';
  const crv = typeof jwk['crv'] === 'string' ? ` ${jwk['crv'].slice(0, 20)}` : '';
  return `${kty}${crv}`;
}

/** The JSON object in `text`, if it is one. */
function jsonObject(text: string): JsonObject | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

type Reading = 'jwk' | 'hex' | 'base64url' | 'text';
const readingText: Readonly<Record<Reading, JweText>> = { jwk: 'readingJwk', hex: 'readingHex', base64url: 'readingBase64url', text: 'readingText' };

/** The ways `text` can be read as key bytes, the likeliest first. At most one has a given length (n, n/2, 3n/4 bytes). */
function readings(text: string, alg: string, t: Translate | undefined): { reading: Reading; bytes: Uint8Array }[] {
  const jwk = jsonObject(text);
  if (jwk) {
    const k = jwk['k'];
    if (jwk['kty'] !== 'oct') throw problem(t, 'key-type-mismatch', 'notSharedKey', alg, typeName(jwk));
    if (typeof k !== 'string' || !/^[A-Za-z0-9_-]*$/.test(k)) throw problem(t, 'bad-key', 'noJwkK');
    return [{ reading: 'jwk', bytes: Buffer.from(k, 'base64url') }];
  }
  const out: { reading: Reading; bytes: Uint8Array }[] = [];
  if (text.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(text)) out.push({ reading: 'hex', bytes: Buffer.from(text, 'hex') });
  if (text.length % 4 !== 1 && /^[A-Za-z0-9_+/-]+={0,2}$/.test(text)) out.push({ reading: 'base64url', bytes: Buffer.from(text, 'base64') });
  out.push({ reading: 'text', bytes: new TextEncoder().encode(text) });
  return out;
}

/** A shared key of the length `alg` / `enc` needs, or a PBES2 password. */
export function readSharedKey(text: string, alg: string, enc: string, t?: Translate): KeyCandidate {
  if (familyOf(alg) === 'pbes2') {
    // A password is used as typed; an oct JWK gives its bytes.
    const jwk = jsonObject(text.trim());
    const bytes = jwk ? readings(text.trim(), alg, t)[0]!.bytes : new TextEncoder().encode(text);
    return { key: bytes, description: jweText(t, 'describePassword', [...text].length) };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    throw new DecryptProblem('key-type-mismatch', jweText(t, 'notSharedKey', alg, jweText(t, 'pemKey')));
  }
  const needed = sharedKeyBytes(alg, enc) ?? 0;
  const options = readings(trimmed, alg, t);
  const match = options.find((o) => o.bytes.length === needed);
  const likeliest = options[0]!;
  if (match) {
    const reading = jweText(t, readingText[match.reading]);
    const note =
      match === likeliest ? undefined : jweText(t, 'readingNote', reading, needed, jweText(t, readingText[likeliest.reading]), likeliest.bytes.length);
    return { key: match.bytes, description: jweText(t, 'describeShared', needed, reading), ...(note ? { note } : {}) };
  }
  // `dir` is named by the content encryption ("A256GCM needs 32 bytes"), key wrap by its own name.
  const name = familyOf(alg) === 'dir' ? enc : alg;
  throw new DecryptProblem('key-length', `${jweText(t, 'keyLength', name, needed, likeliest.bytes.length)} ${jweText(t, 'keyReadings')}`);
}

/** The private JWKs in a pasted PEM, JWK or JWK set. */
function privateJwks(text: string, t: Translate | undefined): { keys: JsonObject[]; fromSet: boolean } {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (/-----BEGIN (?:RSA |EC )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(trimmed)) throw problem(t, 'bad-key', 'publicKey');
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(trimmed)) throw problem(t, 'bad-key', 'encryptedPem');
    try {
      return { keys: [createPrivateKey(trimmed).export({ format: 'jwk' }) as unknown as JsonObject], fromSet: false };
    } catch {
      throw problem(t, 'bad-key', 'unreadablePem');
    }
  }
  const parsed = jsonObject(trimmed);
  if (!parsed) throw problem(t, 'bad-key', 'unreadableKey');
  const set = parsed['keys'];
  if (Array.isArray(set)) return { keys: set.filter(isJsonObject).slice(0, 50), fromSet: true };
  if (parsed['d'] === undefined && parsed['kty'] !== 'oct') throw problem(t, 'bad-key', 'publicKey');
  return { keys: [parsed], fromSet: false };
}

/** Why a JWK cannot decrypt `alg` with the header's `epk`, or undefined when it fits. */
function misfit(jwk: JsonObject, alg: string, header: JsonObject, t: Translate | undefined): DecryptProblem | undefined {
  if (familyOf(alg) === 'rsa-oaep') {
    return jwk['kty'] === 'RSA' ? undefined : problem(t, 'key-type-mismatch', 'wrongKeyType', alg, jweText(t, 'rsaKey'), typeName(jwk));
  }
  const crv = typeof jwk['crv'] === 'string' ? jwk['crv'] : '';
  const ecdh = (jwk['kty'] === 'EC' || jwk['kty'] === 'OKP') && CURVES.has(crv);
  if (!ecdh) return problem(t, 'key-type-mismatch', 'wrongKeyType', alg, jweText(t, 'ecKey'), typeName(jwk));
  const epk = header['epk'];
  const epkCurve = isJsonObject(epk) && typeof epk['crv'] === 'string' ? epk['crv'] : undefined;
  if (epkCurve !== undefined && epkCurve !== crv) return problem(t, 'key-type-mismatch', 'wrongCurve', epkCurve.slice(0, 20), crv);
  return undefined;
}

function describePrivate(jwk: JsonObject, t: Translate | undefined): string {
  const n = jwk['n'];
  const base =
    jwk['kty'] === 'RSA' && typeof n === 'string'
      ? jweText(t, 'describeRsa', Buffer.from(n, 'base64url').length * 8)
      : jweText(t, 'describeEc', typeName(jwk).replace(/^OKP /, ''));
  const kid = jwk['kid'];
  return typeof kid === 'string' ? jweText(t, 'describeKid', base, kid.slice(0, 80)) : base;
}

/** The private keys to try, for RSA-OAEP and ECDH-ES: the set's key with the header's `kid` first. */
async function privateKeys(text: string, alg: string, header: JsonObject, t: Translate | undefined): Promise<KeyCandidate[]> {
  const { keys, fromSet } = privateJwks(text, t);
  const usable = keys.filter((k) => k['d'] !== undefined);
  if (!fromSet) {
    const only = keys[0]!;
    const bad = misfit(only, alg, header, t);
    if (bad) throw bad;
  }
  const fitting = usable.filter((k) => misfit(k, alg, header, t) === undefined);
  if (fitting.length === 0) throw problem(t, 'bad-key', 'noKeyInSet', familyOf(alg) === 'rsa-oaep' ? 'RSA' : 'EC / X25519');
  const kid = header['kid'];
  const byKid = typeof kid === 'string' ? fitting.filter((k) => k['kid'] === kid) : [];
  const ordered = byKid.length > 0 ? byKid : fitting.slice(0, 10);
  const out: KeyCandidate[] = [];
  for (const jwk of ordered) {
    try {
      out.push({ key: await importJWK(jwk as unknown as JWK, alg), description: describePrivate(jwk, t) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (ordered.length === 1) throw problem(t, 'key-type-mismatch', 'keyUnusable', alg, message.slice(0, 200));
    }
  }
  if (out.length === 0) throw problem(t, 'bad-key', 'noKeyInSet', familyOf(alg) === 'rsa-oaep' ? 'RSA' : 'EC / X25519');
  return out;
}

/**
 * The keys to try for a JWE with this `alg` / `enc` / header, read from what the person gave.
 * Throws a {@link DecryptProblem} naming what does not fit.
 *
 * @example
 * await keysFor({ kind: 'secret', text: '00112233445566778899aabbccddeeff' }, 'A128KW', 'A128GCM', header)
 * // [{ key: Uint8Array(16), description: '16-byte shared key (read as hex)' }]
 */
export async function keysFor(input: JweKeyInput, alg: string, enc: string, header: JsonObject, t?: Translate): Promise<KeyCandidate[]> {
  if (input.text.trim() === '') throw problem(t, 'bad-key', 'emptyKey');
  const asymmetric = needsPrivateKey(alg);
  if (input.kind === 'secret' && asymmetric) {
    throw problem(t, 'key-type-mismatch', 'secretForPrivate', alg, jweText(t, familyOf(alg) === 'rsa-oaep' ? 'rsaKey' : 'ecKey'));
  }
  if (input.kind === 'privateKey' && !asymmetric) throw problem(t, 'key-type-mismatch', 'privateForSecret', alg);
  return asymmetric ? privateKeys(input.text, alg, header, t) : [readSharedKey(input.text, alg, enc, t)];
}
