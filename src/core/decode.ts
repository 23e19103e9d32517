/**
 * Decoding a JWS compact token into its header and payload, *without* verifying it.
 * Validation is strict; the bytes are read as UTF-8 with U+FFFD for invalid sequences (and a
 * note), never re-read as Latin-1 the way jwt-decode falls back to `atob`.
 */
import { AuthLensError } from './errors';
import { isJsonObject, type Json, type JsonObject } from './json';

/** Largest token AuthLens decodes or searches for: 256 KiB. */
export const MAX_TOKEN_LENGTH = 256 * 1024;
/** Deepest JSON nesting accepted in a header or payload (walkers downstream may recurse). */
export const MAX_JSON_DEPTH = 2048;

/** A decoded, NOT verified, JWS. `verified` stays `false` until jose checked the signature. */
export interface DecodedJwt {
  /** The bare token (no `Bearer `, quotes or whitespace). Secret: never log it. */
  readonly raw: string;
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** The third segment, base64url, possibly empty (`alg: none`). */
  readonly signature: string;
  readonly verified: false;
  /** Parts whose bytes were not valid UTF-8 (shown with U+FFFD replacement characters). */
  readonly invalidUtf8?: readonly ('header' | 'payload')[];
}

export type DecodeResult = { ok: true; token: DecodedJwt } | { ok: false; error: AuthLensError };

/** The three parts of a JWS, in order. */
export type TokenPart = 'header' | 'payload' | 'signature';
const PARTS: readonly TokenPart[] = ['header', 'payload', 'signature'];

/**
 * Removes what commonly surrounds a pasted token: whitespace, a `Bearer ` prefix and one pair of
 * matching quotes.
 *
 * @example
 * stripTokenWrapping('  Bearer "eyJ.x.y"\n') // 'eyJ.x.y'
 */
export function stripTokenWrapping(input: string): string {
  let s = input.trim();
  const bearer = /^bearer(?:\s+|$)/i.exec(s);
  if (bearer) s = s.slice(bearer[0].length).trim();
  const first = s[0];
  if (s.length >= 2 && (first === '"' || first === "'" || first === '`') && s.endsWith(first)) {
    s = s.slice(1, -1).trim();
  }
  return s;
}

function isBase64UrlCode(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    (c >= 48 && c <= 57) || // 0-9
    c === 45 || // -
    c === 95 // _
  );
}

/**
 * Checks one segment against RFC 7515 §2 base64url (no padding, URL-safe alphabet).
 * Returns the first offending character and its index, `character: ''` for an impossible
 * length, or undefined when fine.
 */
function base64UrlProblem(segment: string): { character: string; index: number } | undefined {
  for (let i = 0; i < segment.length; i++) {
    if (!isBase64UrlCode(segment.charCodeAt(i))) {
      const cp = segment.codePointAt(i) ?? 0;
      return { character: String.fromCodePoint(cp), index: i };
    }
  }
  // A length of 4n+1 cannot come from any byte string.
  if (segment.length % 4 === 1) return { character: '', index: -1 };
  return undefined;
}

/** The error for a segment that is not base64url; `offset` is where the segment starts in the token. */
function base64UrlError(part: TokenPart, problem: { character: string; index: number }, offset: number): AuthLensError {
  const details = problem.character === '' ? { where: part } : { where: part, character: problem.character, position: offset + problem.index + 1 };
  return new AuthLensError('token-bad-base64url', details, `token-bad-base64url: ${part}`);
}

/** Iterative depth check: true when `value` nests deeper than `max` (no recursion, no stack risk). */
export function jsonDepthExceeds(value: Json, max: number): boolean {
  const stack: { v: Json; d: number }[] = [{ v: value, d: 1 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

function fail(error: AuthLensError): DecodeResult {
  return { ok: false, error };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * base64url to text. Invalid UTF-8 becomes U+FFFD (with `invalidUtf8` set) rather than being
 * re-read as Latin-1, which would show different characters than any server sees.
 */
function segmentText(segment: string): { text: string; invalidUtf8: boolean } {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  try {
    return { text: strictUtf8.decode(bytes), invalidUtf8: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalidUtf8: true };
  }
}

/** Decodes one part (already checked as base64url) and maps errors. */
function decodePart(segment: string, part: 'header' | 'payload'): { value: JsonObject; invalidUtf8: boolean } | AuthLensError {
  let value: unknown;
  let invalidUtf8 = false;
  try {
    const decoded = segmentText(segment);
    invalidUtf8 = decoded.invalidUtf8;
    value = JSON.parse(decoded.text);
  } catch {
    return new AuthLensError('token-not-json', { where: part }, `token-not-json: ${part}`);
  }
  if (!isJsonObject(value)) {
    return new AuthLensError('token-not-object', { where: part }, `token-not-object: ${part}`);
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
    return new AuthLensError('token-too-deep', { where: part, limit: MAX_JSON_DEPTH }, `token-too-deep: ${part}`);
  }
  return { value: value, invalidUtf8 };
}

/** True when a header names a usable algorithm: a non-empty string. */
function hasUsableAlg(header: JsonObject): boolean {
  const alg = header['alg'];
  return typeof alg === 'string' && alg.trim().length > 0;
}

/**
 * Decodes a JWS compact token (header and payload) with jwt-decode after strict checks, each
 * failing with an {@link AuthLensError} whose `code` and `details.where` say what is wrong:
 * `token-empty`, `token-too-large`, `token-segment-count` (with `segmentCount`),
 * `token-encrypted` (five parts whose header has `enc`), `token-empty-part`,
 * `token-bad-base64url` (with the part, `character` and 1-based `position`),
 * `token-not-json`, `token-not-object`, `token-too-deep`, `token-missing-alg`.
 * Surrounding whitespace, a `Bearer ` prefix and quotes are tolerated. Nothing is verified.
 *
 * @example
 * const r = decodeJwt('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2ln');
 * if (r.ok) r.token.payload.sub; // '1234567890'
 * else errorMessage(r.error);    // e.g. "The token payload is not JSON."
 */
export function decodeJwt(raw: string): DecodeResult {
  if (typeof raw !== 'string') return fail(new AuthLensError('token-empty'));
  if (raw.length > MAX_TOKEN_LENGTH * 2) {
    // Don't even trim megabytes of input.
    return fail(new AuthLensError('token-too-large', { limit: MAX_TOKEN_LENGTH / 1024 }));
  }
  const token = stripTokenWrapping(raw);
  if (token.length === 0) return fail(new AuthLensError('token-empty'));
  if (token.length > MAX_TOKEN_LENGTH) {
    return fail(new AuthLensError('token-too-large', { limit: MAX_TOKEN_LENGTH / 1024 }));
  }
  const segments = token.split('.');
  if (segments.length === 5) {
    // Five parts are a JWE only when the protected header says how it is encrypted (`enc`).
    const jwe = decodeProtectedHeader(token);
    if (!jwe.ok) return fail(jwe.error);
    if (typeof jwe.header['enc'] === 'string') return fail(new AuthLensError('token-encrypted', { segmentCount: 5 }));
    return fail(new AuthLensError('token-segment-count', { segmentCount: 5 }, 'token-segment-count: 5'));
  }
  if (segments.length !== 3) {
    return fail(new AuthLensError('token-segment-count', { segmentCount: segments.length }, `token-segment-count: ${segments.length}`));
  }
  let offset = 0;
  for (let i = 0; i < 3; i++) {
    const part = PARTS[i]!;
    const segment = segments[i]!;
    if (segment.length === 0 && part !== 'signature') {
      return fail(new AuthLensError('token-empty-part', { where: part }, `token-empty-part: ${part}`));
    }
    const bad = base64UrlProblem(segment);
    if (bad !== undefined) return fail(base64UrlError(part, bad, offset));
    offset += segment.length + 1;
  }
  const header = decodePart(segments[0]!, 'header');
  if (header instanceof AuthLensError) return fail(header);
  const payload = decodePart(segments[1]!, 'payload');
  if (payload instanceof AuthLensError) return fail(payload);
  if (!hasUsableAlg(header.value)) {
    return fail(new AuthLensError('token-missing-alg', { where: 'header' }));
  }
  const invalidUtf8 = [...(header.invalidUtf8 ? ['header' as const] : []), ...(payload.invalidUtf8 ? ['payload' as const] : [])];
  return {
    ok: true,
    token: {
      raw: token,
      header: header.value,
      payload: payload.value,
      signature: segments[2]!,
      verified: false,
      ...(invalidUtf8.length > 0 ? { invalidUtf8 } : {}),
    },
  };
}

/**
 * Decodes only the protected header of a JWS or JWE (used to recognise five-part JWEs): the
 * first segment must be base64url of a JSON object with a string `alg`.
 *
 * @example
 * const r = decodeProtectedHeader('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q.dGFn');
 * if (r.ok) r.header.enc; // 'A256GCM'
 */
export function decodeProtectedHeader(token: string): { ok: true; header: JsonObject } | { ok: false; error: AuthLensError } {
  const dot = token.indexOf('.');
  const first = dot < 0 ? token : token.slice(0, dot);
  if (first.length === 0) {
    return { ok: false, error: new AuthLensError('token-empty-part', { where: 'header' }, 'token-empty-part: header') };
  }
  if (first.length > MAX_TOKEN_LENGTH) {
    return { ok: false, error: new AuthLensError('token-too-large', { limit: MAX_TOKEN_LENGTH / 1024 }) };
  }
  const bad = base64UrlProblem(first);
  if (bad !== undefined) return { ok: false, error: base64UrlError('header', bad, 0) };
  const header = decodePart(first, 'header');
  if (header instanceof AuthLensError) return { ok: false, error: header };
  if (!hasUsableAlg(header.value)) {
    return { ok: false, error: new AuthLensError('token-missing-alg', { where: 'header' }) };
  }
  return { ok: true, header: header.value };
}
