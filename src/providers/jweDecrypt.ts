/**
 * Decrypts a compact JWE with a key the person gives, with jose (`compactDecrypt`), and says
 * precisely why it could not: an unsupported `alg` / `enc` (named, with the supported list), a
 * key that does not fit (type, curve, length), a wrong key, a changed JWE, or both undecidable
 * (`dir`, `ECDH-ES`). Lives in the lazily loaded providers bundle. Never throws; never puts key
 * material or plaintext in a message.
 */
import { compactDecrypt, errors as joseErrors } from 'jose';
import { decodeProtectedHeader } from '../core/decode';
import { errorMessage } from '../core/errorMessages';
import type { JsonObject } from '../core/json';
import type { Translate } from '../core/template';
import type { DecryptFailure } from './decryptResult';
import { contentKeyBytes, familyOf, supportedAlgs, supportedEncs } from './jweAlgorithms';
import { unwrapsContentKey } from './jweDiagnosis';
import { DecryptProblem, keysFor, type JweKeyInput } from './jweKeys';
import { jweText } from './jweMessages';

export type { JweKeyInput } from './jweKeys';
export type { DecryptFailure, DecryptFailureCode } from './decryptResult';

/** The highest PBES2 `p2c` AuthLens derives a key for (jose's `maxPBES2Count`); OWASP's PBKDF2-SHA256 figure. */
export const MAX_PBES2_COUNT = 310_000;
/** What a `zip: DEF` plaintext may expand to (jose's `maxDecompressedLength`). */
export const MAX_DECOMPRESSED_BYTES = 1024 * 1024;
/** Longest compact JWE AuthLens tries (the inspector's own limit is lower). */
export const MAX_JWE_LENGTH = 4 * 1024 * 1024;

export interface DecryptJweOptions {
  /** Localises the messages (English by default). */
  readonly t?: Translate;
  /** Defaults to {@link MAX_PBES2_COUNT}. */
  readonly maxPbes2Count?: number;
}

export type DecryptJweResult =
  | {
      readonly ok: true;
      readonly alg: string;
      readonly enc: string;
      readonly header: JsonObject;
      /** Secret: never log it. */
      readonly plaintext: Uint8Array;
      /** Which key decrypted it ("RSA private key (2048 bits), kid "k1""). */
      readonly keyDescription: string;
    }
  | { readonly ok: false; readonly alg?: string; readonly enc?: string; readonly failure: DecryptFailure };

function fail(code: DecryptFailure['code'], message: string, alg?: string, enc?: string): DecryptJweResult {
  return {
    ok: false,
    ...(alg !== undefined ? { alg: alg.slice(0, 40) } : {}),
    ...(enc !== undefined ? { enc: enc.slice(0, 40) } : {}),
    failure: { code, message },
  };
}

/** How many dot-separated parts `s` has (without building them). */
function partCount(s: string): number {
  let n = 1;
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) n++;
  return n;
}

/** The header checks jose would make too, made first so each gets its own sentence. */
function headerProblem(header: JsonObject, alg: string, enc: string, maxPbes2Count: number, t: Translate | undefined): DecryptProblem | undefined {
  if (familyOf(alg) === undefined) {
    return new DecryptProblem('alg-unsupported', jweText(t, 'algUnsupported', alg.slice(0, 40), supportedAlgs.join(', ')));
  }
  if (contentKeyBytes(enc) === undefined) {
    return new DecryptProblem('enc-unsupported', jweText(t, 'encUnsupported', enc.slice(0, 40), supportedEncs.join(', ')));
  }
  const zip = header['zip'];
  if (zip !== undefined && zip !== 'DEF')
    return new DecryptProblem('header-unsupported', jweText(t, 'zipUnsupported', (typeof zip === 'string' ? zip : JSON.stringify(zip)).slice(0, 40)));
  if (familyOf(alg) === 'pbes2') {
    const p2c = header['p2c'];
    if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < 1) return new DecryptProblem('malformed-jwe', jweText(t, 'p2cInvalid'));
    if (p2c > maxPbes2Count) return new DecryptProblem('p2c-too-large', jweText(t, 'p2cTooLarge', p2c, maxPbes2Count));
  }
  return undefined;
}

/** Turns jose's error into a failure; a failed decryption is told apart by repeating the unwrap. */
async function explain(
  err: unknown,
  jwe: string,
  alg: string,
  header: JsonObject,
  key: Parameters<typeof unwrapsContentKey>[2],
  t: Translate | undefined,
): Promise<DecryptFailure> {
  if (err instanceof joseErrors.JWEDecryptionFailed) {
    const unwrapped = await unwrapsContentKey(jwe, header, key);
    if (unwrapped === undefined) return { code: 'wrong-key-or-tampered', message: jweText(t, 'cannotTell', alg) };
    if (unwrapped) return { code: 'tampered', message: jweText(t, 'tampered') };
    const family = familyOf(alg);
    const text = family === 'pbes2' ? 'wrongPassword' : 'wrongKeyWrapped';
    return { code: 'wrong-key', message: jweText(t, text, alg) };
  }
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 200);
  if (err instanceof joseErrors.JWEInvalid && /Decompressed plaintext exceeded/.test(message)) {
    return { code: 'zip-too-large', message: jweText(t, 'zipTooLarge', MAX_DECOMPRESSED_BYTES / 1024) };
  }
  if (err instanceof joseErrors.JWEInvalid) return { code: 'malformed-jwe', message: jweText(t, 'malformed', message) };
  if (err instanceof joseErrors.JOSENotSupported || err instanceof joseErrors.JOSEAlgNotAllowed) {
    return { code: 'header-unsupported', message: jweText(t, 'headerUnsupported', message) };
  }
  // jose reports a key it cannot use (an RSA key under 2048 bits...) as a TypeError.
  return { code: 'key-type-mismatch', message: jweText(t, 'keyUnusable', alg, message) };
}

/**
 * Decrypts `jwe` (compact serialization) with the key the person gave. Tries each fitting key
 * of a pasted JWK set (the header's `kid` first) and reports the first key's failure.
 *
 * @example
 * const r = await decryptJwe(token, { kind: 'secret', text: 'f3a9…' });
 * r.ok ? new TextDecoder().decode(r.plaintext) : r.failure.code // 'wrong-key', 'tampered', ...
 */
export async function decryptJwe(jwe: string, key: JweKeyInput, opts: DecryptJweOptions = {}): Promise<DecryptJweResult> {
  const t = opts.t;
  if (jwe.length > MAX_JWE_LENGTH) return fail('malformed-jwe', jweText(t, 'tooLarge', MAX_JWE_LENGTH / 1024));
  const token = jwe.trim();
  const count = partCount(token);
  if (count !== 5) return fail('malformed-jwe', jweText(t, 'notCompact', count));
  const decoded = decodeProtectedHeader(token);
  if (!decoded.ok) return fail('malformed-jwe', errorMessage(decoded.error, t));
  const header = decoded.header;
  // decodeProtectedHeader checked that `alg` is a non-empty string.
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  const enc = header['enc'];
  if (typeof enc !== 'string' || enc === '') return fail('malformed-jwe', jweText(t, 'noEnc'), alg);
  const maxPbes2Count = opts.maxPbes2Count ?? MAX_PBES2_COUNT;
  const bad = headerProblem(header, alg, enc, maxPbes2Count, t);
  if (bad) return fail(bad.code, bad.message, alg, enc);
  let candidates;
  try {
    candidates = await keysFor(key, alg, enc, header, t);
  } catch (err) {
    if (err instanceof DecryptProblem) return fail(err.code, err.message, alg, enc);
    throw err;
  }
  let first: DecryptFailure | undefined;
  for (const candidate of candidates) {
    try {
      const result = await compactDecrypt(token, candidate.key, {
        keyManagementAlgorithms: [alg],
        contentEncryptionAlgorithms: [enc],
        maxPBES2Count: maxPbes2Count,
        maxDecompressedLength: MAX_DECOMPRESSED_BYTES,
      });
      return { ok: true, alg, enc, header, plaintext: result.plaintext, keyDescription: candidate.description };
    } catch (err) {
      const failure = await explain(err, token, alg, header, candidate.key, t);
      first ??= candidate.note ? { ...failure, message: `${failure.message} ${candidate.note}` } : failure;
    }
  }
  return fail(first?.code ?? 'wrong-key', first?.message ?? jweText(t, 'wrongKey', alg), alg, enc);
}
