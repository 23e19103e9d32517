/**
 * What a JWE decryption says when it fails: a stable code and a sentence. The providers bundle
 * produces it (`jweDecrypt.ts`); the inspector passes it to its webview unchanged, so this file
 * imports nothing (the webview build reads it).
 */

export type DecryptFailureCode =
  /** Not a compact JWE, a part is not base64url, the header is not JSON, the IV has the wrong length... */
  | 'malformed-jwe'
  /** The key management algorithm (`alg`) is not one jose decrypts. */
  | 'alg-unsupported'
  /** The content encryption algorithm (`enc`) is not one jose decrypts. */
  | 'enc-unsupported'
  /** A `zip` other than `DEF`, or a `crit` extension AuthLens does not understand. */
  | 'header-unsupported'
  /** The plaintext decompresses (`zip: DEF`) to more than AuthLens reads. */
  | 'zip-too-large'
  /** A PBES2 `p2c` (iteration count) above the bound: refused so the editor stays responsive. */
  | 'p2c-too-large'
  /** The key text cannot be read (not PEM, not a JWK, a public key where a private key is needed...). */
  | 'bad-key'
  /** The key is of another type than `alg` needs (a secret for RSA-OAEP, a P-256 key for a P-384 JWE...). */
  | 'key-type-mismatch'
  /** A symmetric key of the wrong length for `alg` / `enc`. */
  | 'key-length'
  /** The key did not unwrap the content encryption key: another key encrypted this JWE. */
  | 'wrong-key'
  /** The content key unwrapped, but the authentication tag does not match: something was changed. */
  | 'tampered'
  /** `dir` and `ECDH-ES`: the key is the content key, so a wrong key and a changed JWE look the same. */
  | 'wrong-key-or-tampered';

export interface DecryptFailure {
  readonly code: DecryptFailureCode;
  readonly message: string;
}
