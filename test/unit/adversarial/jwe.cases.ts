/**
 * Adversarial cases for JWE decryption's text readers: the plaintext view (UTF-8, JSON, the
 * nested token's verdict), the shared-key reader (JWK, hex, base64url, text) and the `decrypt`
 * message validator. Run in a worker by jwe.test.ts (the asynchronous decryption itself is
 * driven with 1 MB parts there).
 */
import { MAX_TOKEN_LENGTH } from '../../../src/core/decode';
import { describePlaintext } from '../../../src/core/jwePlaintext';
import { readSharedKey } from '../../../src/providers/jweKeys';
import { parseDecryptFields } from '../../../src/shared/decryptProtocol';
import type { AdversarialSuite } from './harness';
import { mb, NOW, PATTERNS, repeatTo, tokenOf } from './patterns';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The text's bytes with an invalid UTF-8 byte every 100 bytes. */
function withInvalidBytes(s: string): Uint8Array {
  const bytes = utf8(s);
  for (let i = 50; i < bytes.length; i += 100) bytes[i] = 0xff;
  return bytes;
}

/** Reading a shared key refuses most of these texts; a refusal is an answer, not a crash. */
function readKey(s: string): unknown {
  try {
    return [readSharedKey(s, 'A256KW', 'A256GCM'), readSharedKey(s, 'dir', 'A128CBC-HS256'), readSharedKey(`{"kty":"oct","k":"${s}"}`, 'dir', 'A128GCM')];
  } catch (err) {
    return err instanceof Error ? err.message : err;
  }
}

export const suite: AdversarialSuite = {
  patterns: PATTERNS,
  functions: {
    'describePlaintext (1 MB plaintext, cty JWT)': { input: mb, run: (s) => describePlaintext(utf8(s), { cty: 'JWT' }, NOW) },
    'describePlaintext (plaintext under the token limit)': { input: (u) => repeatTo(u, MAX_TOKEN_LENGTH - 1), run: (s) => describePlaintext(utf8(s), {}, NOW) },
    'describePlaintext (a nested token of the pattern)': { input: tokenOf, run: (s) => describePlaintext(utf8(s), { cty: 'JWT' }, NOW) },
    'describePlaintext (1 MB, invalid UTF-8 every 100 bytes)': { input: mb, run: (s) => describePlaintext(withInvalidBytes(s), {}, NOW) },
    'readSharedKey (1 MB key text)': { input: mb, run: readKey },
    'parseDecryptFields (1 MB key)': { input: mb, run: (s) => parseDecryptFields({ key: { kind: 'secret', text: s }, inspectInner: false }) },
  },
};
