/**
 * Every sentence JWE decryption says, in English. Each is a key of the runtime l10n bundles: the
 * inspector passes `translate` and the templates are filled afterwards (`{0}`...). Values from
 * the token (an `alg`, a curve) are cut before they are filled in.
 */
import { english, fillTemplate, type Translate } from '../core/template';

export const jweTexts = {
  notCompact: 'This is not a compact JWE: a JWE has 5 parts separated by dots, this text has {0}.',
  tooLarge: 'The JWE is too large to decrypt here (over {0} KiB).',
  noEnc: 'The JWE header has no "enc" (content encryption algorithm).',
  malformed: 'The JWE is malformed: {0}',
  algUnsupported: 'The key management algorithm "{0}" is not supported. AuthLens decrypts: {1}.',
  encUnsupported: 'The content encryption algorithm "{0}" is not supported. AuthLens decrypts: {1}.',
  zipUnsupported: 'The JWE is compressed with "zip": "{0}"; only "DEF" (DEFLATE) is defined and supported.',
  headerUnsupported: 'The JWE header asks for something AuthLens does not support: {0}',
  zipTooLarge: 'The compressed plaintext ("zip": "DEF") expands to more than {0} KiB; AuthLens stops there.',
  p2cTooLarge:
    'The PBES2 iteration count ("p2c") is {0}, above {1}: refused to protect the editor (a hostile JWE can make the key derivation run for minutes).',
  p2cInvalid: 'The PBES2 iteration count ("p2c") is missing or not a positive integer.',
  emptyKey: 'Enter a key first.',
  publicKey: 'That is a public key. Decryption needs the private key (a PKCS#8 PEM or a JWK with "d").',
  encryptedPem: 'The PEM private key is protected by a passphrase: export it without one (openssl pkcs8 -topk8 -nocrypt) and paste that.',
  unreadableKey: 'The key is neither a PEM private key (-----BEGIN PRIVATE KEY-----) nor a JWK or JWK set as JSON.',
  unreadablePem: 'The PEM block could not be read as a private key.',
  noJwkK: 'The JWK is an "oct" key without a base64url "k".',
  noKeyInSet: 'The JWK set has no private {0} key.',
  secretForPrivate: '{0} needs {1} (PEM or JWK), not a shared key or password: choose "Private key".',
  privateForSecret: '{0} needs a shared key or password, not a private key: choose "Shared key or password".',
  notSharedKey: '{0} needs a shared key; this is {1}.',
  pemKey: 'a PEM key',
  wrongKeyType: '{0} needs {1}; this key is {2}.',
  wrongCurve: 'The JWE was encrypted for a {0} key (the curve of its "epk"), this key is {1}.',
  keyUnusable: 'The key cannot be used for {0}: {1}',
  keyLength: '{0} needs {1} bytes, this key has {2}.',
  readingNote: 'The key was read as {0} ({1} bytes); read as {2} it has {3} bytes.',
  keyReadings: 'AuthLens reads a shared key as a JWK ({"kty":"oct","k":…}), hex, base64url or UTF-8 text, whichever has the needed length.',
  wrongKey: 'The key did not unwrap the content encryption key ({0}): the JWE was encrypted for another key.',
  wrongKeyWrapped: 'The key did not unwrap the content encryption key ({0}): the JWE was encrypted with another key, or its encrypted key part was changed.',
  wrongPassword: 'The password did not unwrap the content encryption key ({0}): it is not the password the JWE was encrypted with.',
  tampered:
    'The key unwrapped the content encryption key, but the authentication tag does not match: the ciphertext, tag, IV or protected header was changed after encryption.',
  cannotTell:
    '{0}: the key is the content key itself, so a wrong key and a changed JWE fail the same way. Either this is not the key the JWE was encrypted with, or its ciphertext, tag, IV or header was changed.',
  rsaKey: 'an RSA private key',
  ecKey: 'an EC (P-256, P-384, P-521) or X25519 private key',
  describeShared: '{0}-byte shared key (read as {1})',
  describePassword: 'password ({0} characters)',
  describeRsa: 'RSA private key ({0} bits)',
  describeEc: '{0} private key',
  describeKid: '{0}, kid "{1}"',
  readingJwk: 'JWK',
  readingHex: 'hex',
  readingBase64url: 'base64url',
  readingText: 'UTF-8 text',
} as const;

export type JweText = keyof typeof jweTexts;

/** The sentence `key`, localised with `t`, its placeholders filled with `args`. */
export function jweText(t: Translate | undefined, key: JweText, ...args: readonly (string | number)[]): string {
  return fillTemplate((t ?? english)(jweTexts[key]), ...args);
}

/** Every English template, for the l10n bundles and their test. */
export function jweTemplates(): string[] {
  return Object.values(jweTexts);
}
