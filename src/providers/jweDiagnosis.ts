/**
 * Why a JWE did not decrypt: jose deliberately reports "wrong key" and "changed ciphertext" as one
 * error (it decrypts with a random content key when the unwrap fails, so a timing or error
 * difference cannot be used as an oracle). The person debugging their own token needs to know
 * which, so after jose failed this file repeats only the key unwrap step with WebCrypto: when it
 * fails, the key is wrong; when it succeeds, the content key is right and the tag check failed.
 * Nothing here runs unless the decryption already failed, and nothing leaves the function but a
 * yes or no.
 */
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { isJsonObject, type JsonObject } from '../core/json';
import { familyOf, wrapKeyBits } from './jweAlgorithms';

const subtle = globalThis.crypto.subtle;

function bytesOf(value: unknown): Uint8Array | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]*$/.test(value) ? Buffer.from(value, 'base64url') : undefined;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

function uint32be(n: number): Uint8Array {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}

function withLength(data: Uint8Array): Uint8Array {
  return concat(uint32be(data.length), data);
}

/** AES key unwrap (RFC 3394): its integrity check fails for any other key-wrapping key. */
async function aesKwUnwraps(kek: Uint8Array, wrapped: Uint8Array): Promise<boolean> {
  try {
    const key = await subtle.importKey('raw', kek, 'AES-KW', false, ['unwrapKey']);
    await subtle.unwrapKey('raw', wrapped, key, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    return true;
  } catch {
    return false;
  }
}

/** RFC 7518 4.7: the content key encrypted with AES-GCM, its `iv` and `tag` in the header. */
async function aesGcmKwUnwraps(kek: Uint8Array, wrapped: Uint8Array, header: JsonObject): Promise<boolean> {
  const iv = bytesOf(header['iv']);
  const tag = bytesOf(header['tag']);
  if (!iv || !tag) return false;
  try {
    const key = await subtle.importKey('raw', kek, 'AES-GCM', false, ['decrypt']);
    await subtle.decrypt({ name: 'AES-GCM', iv, tagLength: 128 }, key, concat(wrapped, tag));
    return true;
  } catch {
    return false;
  }
}

/** RFC 7518 4.8: PBKDF2 over the password with salt `alg || 0x00 || p2s` gives the key-wrapping key. */
async function pbes2Key(alg: string, password: Uint8Array, header: JsonObject): Promise<Uint8Array | undefined> {
  const p2s = bytesOf(header['p2s']);
  const p2c = header['p2c'];
  if (!p2s || typeof p2c !== 'number') return undefined;
  const base = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const salt = concat(new TextEncoder().encode(alg), Uint8Array.of(0), p2s);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: `SHA-${alg.slice(8, 11)}`, salt, iterations: p2c }, base, wrapKeyBits(alg));
  return new Uint8Array(bits);
}

/** RFC 7518 4.6: ECDH with the header's `epk`, then Concat KDF (SHA-256) for the key-wrapping key. */
async function ecdhKey(alg: string, privateKey: CryptoKey, header: JsonObject): Promise<Uint8Array | undefined> {
  const epk = header['epk'];
  if (!isJsonObject(epk)) return undefined;
  const publicKey = (await importJWK(epk as unknown as JWK, alg)) as CryptoKey;
  const algorithm = privateKey.algorithm as { name: string; namedCurve?: string };
  const zBits = algorithm.name === 'X25519' ? 256 : Math.ceil(Number((algorithm.namedCurve ?? 'P-256').slice(-3)) / 8) * 8;
  const z = new Uint8Array(await subtle.deriveBits({ name: algorithm.name, public: publicKey } as Parameters<typeof subtle.deriveBits>[0], privateKey, zBits));
  const keyBits = wrapKeyBits(alg);
  const otherInfo = concat(
    withLength(new TextEncoder().encode(alg)),
    withLength(bytesOf(header['apu']) ?? new Uint8Array()),
    withLength(bytesOf(header['apv']) ?? new Uint8Array()),
    uint32be(keyBits),
  );
  // One SHA-256 round gives 256 bits, enough for every A*KW key.
  const digest = new Uint8Array(await subtle.digest('SHA-256', concat(uint32be(1), z, otherInfo)));
  return digest.slice(0, keyBits / 8);
}

/**
 * Whether `key` unwraps the content encryption key of a compact JWE whose decryption failed:
 * `true` (the key is right, so something was changed), `false` (another key), or `undefined` for
 * `dir` and `ECDH-ES`, where the key is the content key and the two cannot be told apart.
 *
 * @example
 * await unwrapsContentKey(jwe, header, wrongRsaKey) // false: the JWE was encrypted for another key
 */
export async function unwrapsContentKey(jwe: string, header: JsonObject, key: CryptoKey | Uint8Array): Promise<boolean | undefined> {
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  const wrapped = bytesOf(jwe.split('.')[1]) ?? new Uint8Array();
  try {
    switch (familyOf(alg)) {
      case 'dir':
      case 'ecdh-direct':
      case undefined:
        return undefined;
      case 'aes-kw':
        return key instanceof Uint8Array ? await aesKwUnwraps(key, wrapped) : undefined;
      case 'aes-gcm-kw':
        return key instanceof Uint8Array ? await aesGcmKwUnwraps(key, wrapped, header) : undefined;
      case 'pbes2': {
        const kek = key instanceof Uint8Array ? await pbes2Key(alg, key, header) : undefined;
        return kek ? await aesKwUnwraps(kek, wrapped) : undefined;
      }
      case 'rsa-oaep':
        if (key instanceof Uint8Array) return undefined;
        return await subtle.decrypt({ name: 'RSA-OAEP' }, key, wrapped).then(
          () => true,
          () => false,
        );
      case 'ecdh-kw': {
        const kek = key instanceof Uint8Array ? undefined : await ecdhKey(alg, key, header);
        return kek ? await aesKwUnwraps(kek, wrapped) : undefined;
      }
    }
  } catch {
    return undefined;
  }
}
