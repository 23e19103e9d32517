/**
 * Signed session cookies, read (not verified): what format a cookie value is, its parts, and
 * exactly which bytes its HMAC covers, so the providers layer can check it with the server's
 * secret (`providers/cookieSignature.ts`). Pure, linear and bounded: a value longer than
 * {@link MAX_SIGNED_COOKIE_LENGTH} is not read at all.
 *
 * Formats recognised (the words are in `signedCookieText.ts`):
 * - `express-session`: `s:<session id>.<HMAC-SHA256, base64 without padding (43)>`, usually
 *   URL-encoded (`s%3A…`); the HMAC covers the session id. (cookie-signature's `sign`, behind
 *   express-session's `s:`.)
 * - `cookie-signature`: the same without `s:` (cookie-parser signed cookies): `<value>.<43>`.
 * - `better-auth`: `<token>.<HMAC-SHA256, base64 with padding (44)>`, URL-encoded
 *   (`%2B %2F %3D`); the HMAC covers the token (better-call `signCookieValue`).
 * - `itsdangerous`: Flask's session cookie, `<payload>.<timestamp>.<HMAC-SHA1, base64url (27)>`,
 *   base64url everywhere; a payload starting with `.` is zlib-compressed (inflated host-side);
 *   the HMAC covers `<payload>.<timestamp>` with a key derived from the secret and the salt
 *   `cookie-session`.
 * Rails signed/encrypted cookies are not recognised.
 *
 * A value that reads as a JWT (or starts like one) is never a signed cookie: the JWT reading wins.
 */
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './decode';
import { jsonHeaderLike } from './headerStart';
import type { Json } from './json';

export type SignedCookieFormat = 'express-session' | 'cookie-signature' | 'better-auth' | 'itsdangerous';

/** `value`: what plain cookie-signature signs (any text the app chose). */
export type SignedCookiePartRole = 'prefix' | 'session-id' | 'token' | 'value' | 'payload' | 'timestamp' | 'signature';

export interface SignedCookiePart {
  readonly role: SignedCookiePartRole;
  /** The part's text in the URL-decoded value. Hostile: render as text only; secret for ids and tokens. */
  readonly text: string;
  /** Offsets in {@link SignedCookie.value} (end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** A Flask session payload, decoded (not verified). */
export interface SignedCookiePayload {
  /** zlib-compressed (the value started with `.`): `json` is absent until inflated host-side. */
  readonly compressed: boolean;
  /** The payload's base64url text (without the leading `.`), for inflating. */
  readonly base64url: string;
  readonly json?: Json;
  /** Bytes that are not UTF-8 were shown as U+FFFD. */
  readonly invalidUtf8?: boolean;
  /** Why `json` is absent although not compressed. */
  readonly problem?: 'not-json' | 'too-deep';
}

export interface SignedCookie {
  readonly format: SignedCookieFormat;
  /** The value as given (URL-encoded or not), without any `name=`. Secret: never log it. */
  readonly raw: string;
  /** The value after URL decoding (equal to `raw` when nothing was encoded). */
  readonly value: string;
  readonly urlDecoded: boolean;
  readonly cookieName?: string;
  /** Left to right; together they cover `value` except the dots between them. */
  readonly parts: readonly SignedCookiePart[];
  /** Exactly the text whose UTF-8 bytes the HMAC covers. */
  readonly signedValue: string;
  /** The signature as written (after URL decoding). */
  readonly signature: string;
  /** `base64`: standard alphabet without padding; `base64-padded`: with `=`; `base64url`: no padding. */
  readonly signatureEncoding: 'base64' | 'base64-padded' | 'base64url';
  readonly algorithm: 'HMAC-SHA256' | 'HMAC-SHA1';
  /** For `itsdangerous`. */
  readonly payload?: SignedCookiePayload;
  /** For `itsdangerous`: when it was signed, epoch seconds. */
  readonly issuedAt?: number;
}

/**
 * What checking a signature with a secret found (`providers/cookieSignature.ts`). `valid`: the
 * HMAC matches. `wrong-secret`: the signature has this format's length but another HMAC: the
 * secret differs, or the value was changed after signing. `not-a-signature`: it does not decode
 * to this algorithm's length. `empty-secret`: no secret given.
 */
export type CookieSignatureReason = 'valid' | 'wrong-secret' | 'not-a-signature' | 'empty-secret';

export interface SignedCookieHint {
  /** The cookie's name when it is known from around the value (`name=` before it). */
  readonly cookieName?: string;
}

/** Longest text read: browsers keep at most 4 KiB per cookie; a little more for a `Cookie:` line. */
export const MAX_SIGNED_COOKIE_LENGTH = 16 * 1024;

const B64_STD = /^[A-Za-z0-9+/]+$/;
const B64_URL = /^[A-Za-z0-9_-]+$/;
/** The last character of a canonical encoding whose final group carries 2 or 4 spare bits: they are zero. */
const SPARE_BITS_ZERO = /[AEIMQUYcgkosw048]$/;
const SIG_SHA256 = 43;
const SIG_SHA1 = 27;
/** A value character: printable ASCII, no separators a cookie cannot hold, no whitespace. */
const VALUE_TEXT = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;
/** Flask timestamps: epoch seconds between 2000 and 2100. */
const MIN_TIMESTAMP = 946_684_800;
const MAX_TIMESTAMP = 4_102_444_800;

function urlDecode(s: string): string | undefined {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** True when `s` reads as a JWT or starts like one: those belong to the JWT reading. */
function jwtLike(s: string): boolean {
  const dot = s.indexOf('.');
  const first = dot < 0 ? s : s.slice(0, dot);
  return s.startsWith('eyJ') || jsonHeaderLike(first);
}

function base64UrlBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function part(role: SignedCookiePartRole, value: string, start: number, end: number): SignedCookiePart {
  return { role, text: value.slice(start, end), start, end };
}

/** `<signed>.<sig>` with an HMAC-SHA256 signature in cookie-signature or better-call form. */
function hmacSha256Form(raw: string, value: string, urlDecoded: boolean): SignedCookie | undefined {
  const dot = value.lastIndexOf('.');
  if (dot < 1) return undefined;
  const signature = value.slice(dot + 1);
  const common = { raw, value, urlDecoded, signature, algorithm: 'HMAC-SHA256' as const };
  const padded = signature.length === SIG_SHA256 + 1 && signature.endsWith('=');
  const bare = padded ? signature.slice(0, -1) : signature;
  if (bare.length !== SIG_SHA256 || !B64_STD.test(bare) || !SPARE_BITS_ZERO.test(bare)) return undefined;
  const sigPart = part('signature', value, dot + 1, value.length);
  if (padded) {
    // Two parts, the second a padded 32-byte base64 MAC: no JWT has this shape, so a token
    // that merely starts like a JSON header (`ewr4…` decodes to "{\n") stays a cookie.
    const token = value.slice(0, dot);
    return { ...common, format: 'better-auth', parts: [part('token', value, 0, dot), sigPart], signedValue: token, signatureEncoding: 'base64-padded' };
  }
  if (value.startsWith('s:') && dot > 2) {
    const parts = [part('prefix', value, 0, 2), part('session-id', value, 2, dot), sigPart];
    return { ...common, format: 'express-session', parts, signedValue: value.slice(2, dot), signatureEncoding: 'base64' };
  }
  const signed = value.slice(0, dot);
  // A URL that happens to end in 43 base64 characters is no cookie.
  if (jwtLike(signed) || signed.startsWith('s:') || signed.includes('://')) return undefined;
  return { ...common, format: 'cookie-signature', parts: [part('value', value, 0, dot), sigPart], signedValue: signed, signatureEncoding: 'base64' };
}

/**
 * A Flask session payload's bytes read as JSON (`compressed` ones after inflating them, which
 * the providers layer does: zlib is not pure).
 */
export function readFlaskPayload(bytes: Uint8Array, base64url: string, compressed: boolean): SignedCookiePayload {
  let decoded: string;
  let invalidUtf8 = false;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    decoded = new TextDecoder('utf-8').decode(bytes);
    invalidUtf8 = true;
  }
  const base = { compressed, base64url, ...(invalidUtf8 ? { invalidUtf8 } : {}) };
  let json: Json;
  try {
    json = JSON.parse(decoded) as Json;
  } catch {
    return { ...base, problem: 'not-json' };
  }
  return jsonDepthExceeds(json, MAX_JSON_DEPTH) ? { ...base, problem: 'too-deep' } : { ...base, json };
}

/** Flask / itsdangerous: `[.]payload.timestamp.signature`, all base64url. */
function itsdangerousForm(raw: string, value: string, urlDecoded: boolean): SignedCookie | undefined {
  const compressed = value.startsWith('.');
  const body = compressed ? value.slice(1) : value;
  const segs = body.split('.');
  if (segs.length !== 3) return undefined;
  const [payloadText, stampText, signature] = segs as [string, string, string];
  if (payloadText.length === 0 || !B64_URL.test(payloadText) || payloadText.length % 4 === 1) return undefined;
  if (signature.length !== SIG_SHA1 || !B64_URL.test(signature) || !SPARE_BITS_ZERO.test(signature)) return undefined;
  if (stampText.length < 6 || stampText.length > 7 || !B64_URL.test(stampText)) return undefined;
  let issuedAt = 0;
  for (const b of base64UrlBytes(stampText)) issuedAt = issuedAt * 256 + b;
  if (issuedAt < MIN_TIMESTAMP || issuedAt > MAX_TIMESTAMP) return undefined;
  // Its second part is a timestamp, never JSON: no JWT reads like this, so the JWT reading loses nothing.
  const payload: SignedCookiePayload = compressed ? { compressed, base64url: payloadText } : readFlaskPayload(base64UrlBytes(payloadText), payloadText, false);
  if (!compressed && payload.problem === 'not-json') return undefined;
  const off = compressed ? 1 : 0;
  const stampStart = off + payloadText.length + 1;
  const sigStart = stampStart + stampText.length + 1;
  const parts = [
    ...(compressed ? [part('prefix', value, 0, 1)] : []),
    part('payload', value, off, off + payloadText.length),
    part('timestamp', value, stampStart, stampStart + stampText.length),
    part('signature', value, sigStart, value.length),
  ];
  return {
    format: 'itsdangerous',
    raw,
    value,
    urlDecoded,
    parts,
    signedValue: value.slice(0, sigStart - 1),
    signature,
    signatureEncoding: 'base64url',
    algorithm: 'HMAC-SHA1',
    payload,
    issuedAt,
  };
}

/** One bare value (no `name=`). */
function parseValue(raw: string, cookieName: string | undefined): SignedCookie | undefined {
  if (raw.length === 0 || raw.length > MAX_SIGNED_COOKIE_LENGTH || !VALUE_TEXT.test(raw)) return undefined;
  const value = urlDecode(raw);
  if (value === undefined || value.length === 0 || /[\s;,]/.test(value)) return undefined;
  const urlDecoded = value !== raw;
  const found = itsdangerousForm(raw, value, urlDecoded) ?? hmacSha256Form(raw, value, urlDecoded);
  return found && cookieName !== undefined ? { ...found, cookieName } : found;
}

/**
 * Reads a signed session cookie from a bare value, `name=value`, or a `Cookie:` / `Set-Cookie:`
 * line (the first pair whose value is a signed cookie), or undefined when it is none.
 *
 * @example
 * const c = parseSignedCookie('authing_session=s%3A594D7KjGtUeudyZ6P06caxODTMBoYXE9.z0nB110i75UvpgJxkYZGPACrXByT6WcTeaIdqZhJkaI');
 * c?.format       // 'express-session'
 * c?.cookieName   // 'authing_session'
 * c?.signedValue  // '594D7KjGtUeudyZ6P06caxODTMBoYXE9'
 */
export function parseSignedCookie(text: string, hint?: SignedCookieHint): SignedCookie | undefined {
  if (typeof text !== 'string' || text.length > MAX_SIGNED_COOKIE_LENGTH) return undefined;
  const s = text.trim();
  const header = /^(?:set-)?cookie\s*:\s*/i.exec(s);
  const setCookie = header !== null && /^set-/i.test(s);
  const rest = header ? s.slice(header[0].length) : s;
  if (!rest.includes('=') || (!header && !/^[^=]+=[^=]/.test(rest))) return parseValue(rest, hint?.cookieName);
  const pairs = rest.split(';');
  for (const [i, pair] of pairs.entries()) {
    if (setCookie && i > 0) break;
    const p = pair.trim();
    const eq = p.indexOf('=');
    const name = p.slice(0, eq);
    if (eq < 1 || !COOKIE_NAME.test(name)) continue;
    const found = parseValue(p.slice(eq + 1), name);
    if (found) return found;
  }
  // `abc.def=`: a Better Auth value pasted URL-decoded ends in `=` and holds no name.
  return header ? undefined : parseValue(rest, hint?.cookieName);
}
