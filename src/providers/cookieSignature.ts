/**
 * Checking and making signed session cookies with the server's secret: the HMAC of each format
 * read by `core/signedCookie.ts`, computed exactly as the server computes it.
 * - express-session / cookie-signature: HMAC-SHA256(secret, value), base64 without `=`.
 * - Better Auth (better-call `signCookieValue`): HMAC-SHA256(secret, token), base64 with `=`,
 *   the whole `token.signature` URL-encoded.
 * - Flask (itsdangerous `URLSafeTimedSerializer`, as `SecureCookieSessionInterface` sets it up):
 *   key = HMAC-SHA1(secret, "cookie-session"), signature = HMAC-SHA1(key, "payload.timestamp"),
 *   base64url without padding; the timestamp is big-endian epoch seconds, base64url.
 * Secrets are never logged or put in results; comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { readFlaskPayload, type CookieSignatureReason, type SignedCookie, type SignedCookieFormat, type SignedCookiePayload } from '../core/signedCookie';

export type { CookieSignatureReason } from '../core/signedCookie';

export interface CookieSignatureResult {
  readonly valid: boolean;
  readonly reason: CookieSignatureReason;
  /** Which of the given secrets matched (express-session and Flask accept several, newest first). */
  readonly matched?: number;
}

/** Longest inflated Flask payload: far above a 4 KiB cookie's session, small enough for any host. */
export const MAX_INFLATED_PAYLOAD = 256 * 1024;

const FLASK_SALT = 'cookie-session';

function decodeSignature(cookie: SignedCookie): Buffer {
  if (cookie.signatureEncoding === 'base64url') return Buffer.from(cookie.signature, 'base64url');
  return Buffer.from(cookie.signature, 'base64');
}

function expectedLength(cookie: SignedCookie): number {
  return cookie.algorithm === 'HMAC-SHA1' ? 20 : 32;
}

/** The raw HMAC of `signedValue` for `format` with `secret`. */
function mac(format: SignedCookieFormat, signedValue: string, secret: string): Buffer {
  if (format === 'itsdangerous') {
    const key = createHmac('sha1', secret).update(FLASK_SALT).digest();
    return createHmac('sha1', key).update(signedValue, 'utf8').digest();
  }
  return createHmac('sha256', secret).update(signedValue, 'utf8').digest();
}

/**
 * Checks a parsed cookie's signature with the server's secret (or several: rotated secrets).
 *
 * @example
 * const c = parseSignedCookie('connect.sid=s%3Aabc.…')!;
 * verifySignedCookie(c, 'keyboard cat') // { valid: true, reason: 'valid', matched: 0 }
 * verifySignedCookie(c, 'other')        // { valid: false, reason: 'wrong-secret' }
 */
export function verifySignedCookie(cookie: SignedCookie, secret: string | readonly string[]): CookieSignatureResult {
  const secrets = (typeof secret === 'string' ? [secret] : [...secret]).filter((s) => s.length > 0);
  if (secrets.length === 0) return { valid: false, reason: 'empty-secret' };
  const given = decodeSignature(cookie);
  if (given.length !== expectedLength(cookie)) return { valid: false, reason: 'not-a-signature' };
  for (const [i, s] of secrets.entries()) {
    if (timingSafeEqual(given, mac(cookie.format, cookie.signedValue, s))) return { valid: true, reason: 'valid', matched: i };
  }
  return { valid: false, reason: 'wrong-secret' };
}

export interface SignCookieOptions {
  /** Flask: the signing instant, epoch seconds (default: now). */
  readonly now?: number;
  /** Flask: zlib-compress the payload (the leading `.`). */
  readonly compress?: boolean;
}

function base64Url(b: Buffer): string {
  return b.toString('base64url');
}

function timestampText(seconds: number): string {
  let n = Math.floor(seconds);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n % 256);
    n = Math.floor(n / 256);
  }
  return base64Url(Buffer.from(bytes));
}

/**
 * The cookie value a server of `format` would set for `value` (a session id, a Better Auth token,
 * a cookie-parser value, or a Flask session's JSON text), signed with `secret`; URL-encoded where
 * that server encodes it (express-session, Better Auth).
 *
 * @example
 * signCookieValue('better-auth', token, process.env.BETTER_AUTH_SECRET!) // 'abc…%2B…%3D'
 */
export function signCookieValue(format: SignedCookieFormat, value: string, secret: string, opts?: SignCookieOptions): string {
  switch (format) {
    case 'express-session':
      return encodeURIComponent(`s:${value}.${mac(format, value, secret).toString('base64').replace(/=+$/, '')}`);
    case 'cookie-signature':
      return `${value}.${mac(format, value, secret).toString('base64').replace(/=+$/, '')}`;
    case 'better-auth':
      return encodeURIComponent(`${value}.${mac(format, value, secret).toString('base64')}`);
    case 'itsdangerous': {
      const raw = Buffer.from(value, 'utf8');
      const payload = opts?.compress ? `.${base64Url(deflateSync(raw))}` : base64Url(raw);
      const signed = `${payload}.${timestampText(opts?.now ?? Date.now() / 1000)}`;
      return `${signed}.${base64Url(mac(format, signed, secret))}`;
    }
  }
}

/**
 * A Flask payload inflated and read as JSON (the core cannot inflate). Bounded by
 * {@link MAX_INFLATED_PAYLOAD}; a payload that does not inflate says so in `problem`.
 */
export function inflatedPayload(payload: SignedCookiePayload): SignedCookiePayload & { readonly inflateProblem?: 'not-zlib' | 'too-large' } {
  if (!payload.compressed) return payload;
  let text: Buffer;
  try {
    text = inflateSync(Buffer.from(payload.base64url, 'base64url'), { maxOutputLength: MAX_INFLATED_PAYLOAD });
  } catch (err) {
    const tooLarge = err instanceof RangeError || (err instanceof Error && /maxOutputLength|buffer/i.test(err.message));
    return { ...payload, inflateProblem: tooLarge ? 'too-large' : 'not-zlib' };
  }
  return readFlaskPayload(text, payload.base64url, true);
}
