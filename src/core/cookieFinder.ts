/**
 * Finding signed session cookies in text (the finder's cookie path): the one under an offset,
 * or all of them. A cookie value is a run of cookie characters (base64, `%` escapes, `:`, `.`,
 * `~`), optionally after `name=`; its format is decided by `parseSignedCookie` alone. Bounded
 * like the JWT finder: from an offset we scan at most {@link COOKIE_SCAN} characters each way,
 * and `findSignedCookies` walks each run once, so hostile text costs linear time.
 */
import { MAX_SIGNED_COOKIE_LENGTH, parseSignedCookie, type SignedCookie } from './signedCookie';

/** A signed cookie found in text. `start`/`end` are offsets of the bare value (no `name=`). */
export interface FoundCookie {
  readonly start: number;
  readonly end: number;
  /** The value as written (URL-encoded or not). Secret: never log it. */
  readonly text: string;
  readonly cookie: SignedCookie;
}

/** Characters scanned each way from an offset: a whole cookie line, a little more. */
const COOKIE_SCAN = MAX_SIGNED_COOKIE_LENGTH + 256;
/** Shortest value worth parsing: a one-character value, a dot and a 27-character signature. */
const MIN_VALUE = 29;
const EQUALS = 61;
const DOT = 46;

/** base64 / base64url, `%`, `:`, `.`, `~`, `=`: what signed cookie values (and `name=`) are made of. */
export function isCookieChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 58) ||
    c === 37 ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 47 ||
    c === 61 ||
    c === 95 ||
    c === 126
  );
}

/**
 * The value of the run [s, e): after its last `=` that is followed by something other than `=`
 * (a `name=`; trailing `=` are a signature's padding), without trailing dots (punctuation).
 * Returns the value's span and the name, if any.
 */
function valueSpan(text: string, s: number, e: number): { start: number; end: number; name?: string } {
  let end = e;
  while (end > s && text.charCodeAt(end - 1) === DOT) end--;
  let start = s;
  for (let i = end - 2; i >= s; i--) {
    if (text.charCodeAt(i) === EQUALS && text.charCodeAt(i + 1) !== EQUALS) {
      start = i + 1;
      break;
    }
  }
  const name = start > s ? text.slice(s, start - 1) : undefined;
  return name ? { start, end, name } : { start, end };
}

/** Parses the run [s, e) as `name=value` or a bare value. */
function cookieInRun(text: string, s: number, e: number): FoundCookie | undefined {
  if (e - s < MIN_VALUE || e - s > COOKIE_SCAN) return undefined;
  const span = valueSpan(text, s, e);
  if (span.end - span.start < MIN_VALUE) return undefined;
  const value = text.slice(span.start, span.end);
  const cookie = parseSignedCookie(value, span.name !== undefined ? { cookieName: span.name } : undefined);
  return cookie ? { start: span.start, end: span.end, text: value, cookie } : undefined;
}

/**
 * The signed cookie whose value covers `offset`, or undefined. Scans at most `window` (and
 * never more than a cookie's length) characters each way; a run that goes on past that is no
 * cookie.
 *
 * @example
 * signedCookieAtOffset('Cookie: authing_session=s%3A594D…kI; x=1', 30)?.cookie.format // 'express-session'
 */
export function signedCookieAtOffset(text: string, offset: number, window: number = COOKIE_SCAN): FoundCookie | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset >= text.length || !isCookieChar(text.charCodeAt(offset))) return undefined;
  const reach = Math.min(Math.max(1, Math.floor(window)), COOKIE_SCAN);
  const minL = Math.max(0, offset - reach);
  let s = offset;
  while (s > minL && isCookieChar(text.charCodeAt(s - 1))) s--;
  if (s === minL && s > 0 && isCookieChar(text.charCodeAt(s - 1))) return undefined;
  const maxR = Math.min(text.length, offset + 1 + reach);
  let e = offset + 1;
  while (e < maxR && isCookieChar(text.charCodeAt(e))) e++;
  if (e === maxR && e < text.length && isCookieChar(text.charCodeAt(e))) return undefined;
  const found = cookieInRun(text, s, e);
  return found && offset >= found.start && offset < found.end ? found : undefined;
}

/**
 * Every signed cookie in `text`, left to right (up to `limit`, default 1000). Linear: each run of
 * cookie characters is measured once and parsed at most once.
 *
 * @example
 * findSignedCookies('set connect.sid=s%3Aabc.<43 chars>; Path=/').length // 1
 */
export function findSignedCookies(text: string, opts?: { limit?: number }): FoundCookie[] {
  const limit = opts?.limit ?? 1000;
  const out: FoundCookie[] = [];
  let i = 0;
  while (i < text.length && out.length < limit) {
    if (!isCookieChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < text.length && isCookieChar(text.charCodeAt(e))) e++;
    const found = cookieInRun(text, i, e);
    if (found) out.push(found);
    i = e;
  }
  return out;
}
