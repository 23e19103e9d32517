/**
 * The JWE algorithms AuthLens decrypts (the ones jose 6 implements) and what each needs from a
 * key: its family, the length of a symmetric key, the length of the content key.
 */

/** How an `alg` gets the content encryption key (CEK). */
export type AlgFamily =
  /** The shared key is the CEK. */
  | 'dir'
  /** AES key wrap (RFC 3394) of the CEK with the shared key. */
  | 'aes-kw'
  /** AES-GCM encryption of the CEK with the shared key (`iv` and `tag` in the header). */
  | 'aes-gcm-kw'
  /** A key derived from a password (PBKDF2, `p2s`, `p2c`) wraps the CEK with AES key wrap. */
  | 'pbes2'
  /** RSA-OAEP encryption of the CEK with the recipient's public key. */
  | 'rsa-oaep'
  /** ECDH-ES: the agreed key is the CEK. */
  | 'ecdh-direct'
  /** ECDH-ES+A*KW: the agreed key wraps the CEK with AES key wrap. */
  | 'ecdh-kw';

const FAMILY: Readonly<Record<string, AlgFamily>> = {
  dir: 'dir',
  A128KW: 'aes-kw',
  A192KW: 'aes-kw',
  A256KW: 'aes-kw',
  A128GCMKW: 'aes-gcm-kw',
  A192GCMKW: 'aes-gcm-kw',
  A256GCMKW: 'aes-gcm-kw',
  'PBES2-HS256+A128KW': 'pbes2',
  'PBES2-HS384+A192KW': 'pbes2',
  'PBES2-HS512+A256KW': 'pbes2',
  'RSA-OAEP': 'rsa-oaep',
  'RSA-OAEP-256': 'rsa-oaep',
  'RSA-OAEP-384': 'rsa-oaep',
  'RSA-OAEP-512': 'rsa-oaep',
  'ECDH-ES': 'ecdh-direct',
  'ECDH-ES+A128KW': 'ecdh-kw',
  'ECDH-ES+A192KW': 'ecdh-kw',
  'ECDH-ES+A256KW': 'ecdh-kw',
};

/** Content key length in bytes, by `enc` (CBC-HMAC keys hold the MAC key and the AES key). */
const CEK_BYTES: Readonly<Record<string, number>> = {
  A128GCM: 16,
  A192GCM: 24,
  A256GCM: 32,
  'A128CBC-HS256': 32,
  'A192CBC-HS384': 48,
  'A256CBC-HS512': 64,
};

export const supportedAlgs: readonly string[] = Object.keys(FAMILY);
export const supportedEncs: readonly string[] = Object.keys(CEK_BYTES);

/** The family of a supported `alg`, else undefined. */
export function familyOf(alg: string): AlgFamily | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILY, alg) ? FAMILY[alg] : undefined;
}

/** The content key length of a supported `enc`, else undefined. */
export function contentKeyBytes(enc: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(CEK_BYTES, enc) ? CEK_BYTES[enc] : undefined;
}

/** The key-wrapping key length of an AES key wrap `alg` (`A192KW`, `ECDH-ES+A256KW`, `PBES2-HS384+A192KW`): bits in the name. */
export function wrapKeyBits(alg: string): number {
  const m = /A(128|192|256)(?:GCM)?KW$/.exec(alg);
  return m ? Number(m[1]) : 0;
}

/**
 * How many bytes the shared key must have for `alg` / `enc`: the CEK for `dir`, the wrapping key
 * for AES key wrap; undefined for PBES2 (a password of any length).
 */
export function sharedKeyBytes(alg: string, enc: string): number | undefined {
  const family = familyOf(alg);
  if (family === 'dir') return contentKeyBytes(enc);
  if (family === 'aes-kw' || family === 'aes-gcm-kw') return wrapKeyBits(alg) / 8;
  return undefined;
}

/** Whether `alg` takes a private key (RSA, EC, X25519) rather than a shared key or password. */
export function needsPrivateKey(alg: string): boolean {
  const family = familyOf(alg);
  return family === 'rsa-oaep' || family === 'ecdh-direct' || family === 'ecdh-kw';
}
