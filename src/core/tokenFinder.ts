/**
 * Finding JWTs in text: the one under an offset (hover), or all of them (a document, a log).
 * Bounded: from the offset we scan outward over base64url characters and dots only, never more
 * than a window on each side, so a 10 MB single-line file costs the same as a short one.
 * Delimiters are anything else, which is how `Bearer `, quotes, JSON strings, cookies
 * (`name=<jwt>;`), `.env` lines (`KEY=<jwt>`) and URLs (`?token=`, `#id_token=`) are tolerated.
 */
import { decodeJwt, decodeProtectedHeader, MAX_TOKEN_LENGTH, type DecodedJwt } from './decode';
import { AuthLensError } from './errors';
import { errorMessage } from './errorMessages';
import type { JsonObject } from './json';

/** A token found in text. `start`/`end` are offsets of the bare token (end exclusive). */
export interface FoundToken {
  readonly start: number;
  readonly end: number;
  /** The bare token (no `Bearer `, quotes, `name=`). Secret: never log it. */
  readonly text: string;
  readonly shape: 'jws' | 'jwe' | 'malformed';
  /** For `malformed`: one English line saying what is wrong (from {@link errorMessage}). */
  readonly reason?: string;
  /** For `malformed`: the error behind `reason`, to localise with `errorMessage(error, t)`. */
  readonly error?: AuthLensError;
  /** For `jws`: the decoded token (not verified), so callers need not decode twice. */
  readonly decoded?: DecodedJwt;
  /** For `jwe`: the protected header (alg, enc, kid...). */
  readonly header?: JsonObject;
}

/** Default scan window on each side of the offset: 16 KiB. */
export const DEFAULT_SCAN_WINDOW = 16 * 1024;

/** base64url alphabet or `.`: the characters of a JWS/JWE compact serialisation. */
function isPlain(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46
  );
}

/** Plain plus `+` and `=`: scanned too, so that a token mangled into standard base64 is reported. */
function isExtended(c: number): boolean {
  return isPlain(c) || c === 43 || c === 61;
}

const DOT = 46;

function countSegments(s: string): number {
  let n = 1;
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) n++;
  return n;
}

/** `eyJ` + a dot: what people recognise as a JWT, so a failure is worth a reason. */
function looksLikeJwt(s: string): boolean {
  return s.startsWith('eyJ') && s.includes('.');
}

function malformed(start: number, text: string, error: AuthLensError): FoundToken {
  return { start, end: start + text.length, text, shape: 'malformed', reason: errorMessage(error), error };
}

/** Classifies a bare candidate (no leading/trailing punctuation dots) at `start`. */
function classify(start: number, tok: string): FoundToken | undefined {
  if (tok.length < 3 || !tok.includes('.')) return undefined;
  // A JSON object's base64url starts with "ey" ('{"' or '{ ') or "ew" ('{' + newline/tab).
  if (tok.charCodeAt(0) !== 101 || (tok.charCodeAt(1) !== 121 && tok.charCodeAt(1) !== 119)) return undefined;
  const jwtLike = looksLikeJwt(tok);
  if (tok.length > MAX_TOKEN_LENGTH) {
    return jwtLike ? malformed(start, tok, new AuthLensError('token-too-large', { limit: MAX_TOKEN_LENGTH / 1024 })) : undefined;
  }
  if (countSegments(tok) === 5) {
    const h = decodeProtectedHeader(tok);
    if (h.ok) return { start, end: start + tok.length, text: tok, shape: 'jwe', header: h.header };
    return jwtLike ? malformed(start, tok, h.error) : undefined;
  }
  const r = decodeJwt(tok);
  if (r.ok) return { start, end: start + tok.length, text: tok, shape: 'jws', decoded: r.token };
  return jwtLike ? malformed(start, tok, r.error) : undefined;
}

/**
 * Trims punctuation dots: leading ones always; trailing ones unless the token is an unsecured
 * JWS (`header.payload.`, alg none), whose single trailing dot belongs to it.
 */
function trimDots(text: string, s: number, e: number): [number, number] {
  while (s < e && text.charCodeAt(s) === DOT) s++;
  let core = e;
  while (core > s && text.charCodeAt(core - 1) === DOT) core--;
  if (core < e && countSegments(text.slice(s, core)) === 2) core++;
  return [s, core];
}

/**
 * The token under `offset` (the index of the character the cursor is on), or undefined.
 * Recognises a JWS (three base64url segments whose header is a JSON object with `alg`, payload
 * a JSON object), a JWE (five segments, header with `alg`), and reports a JWT-looking string
 * (`eyJ…` with dots) that fails validation as `malformed` with a one-line `reason`.
 * Scans at most `window` characters (default 16 KiB) on each side of the offset.
 *
 * @example
 * const line = 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
 * tokenAtOffset(line, 30)?.shape // 'jws'
 * tokenAtOffset(line, 5)         // undefined
 */
export function tokenAtOffset(text: string, offset: number, opts?: { window?: number }): FoundToken | undefined {
  const window = Math.max(1, Math.floor(opts?.window ?? DEFAULT_SCAN_WINDOW));
  if (!Number.isInteger(offset) || offset < 0 || offset >= text.length) return undefined;
  if (!isExtended(text.charCodeAt(offset))) return undefined;

  const minL = Math.max(0, offset - window);
  let L = offset;
  while (L > minL && isExtended(text.charCodeAt(L - 1))) L--;
  const maxR = Math.min(text.length, offset + 1 + window);
  let R = offset + 1;
  while (R < maxR && isExtended(text.charCodeAt(R))) R++;
  const leftCut = L > 0 && isExtended(text.charCodeAt(L - 1));
  const rightCut = R < text.length && isExtended(text.charCodeAt(R));

  // A token mangled with '+' or '=' (standard base64, padding): report it whole as malformed.
  const mangled = mangledCandidate(text, L, R, offset);
  if (mangled) {
    const [s, e] = mangled;
    if ((leftCut && s === L) || rightCut) return scanLimit(text, s, e);
    const r = decodeJwt(text.slice(s, e));
    const error = r.ok ? new AuthLensError('token-bad-base64url') : r.error;
    return malformed(s, text.slice(s, e), error);
  }

  if (!isPlain(text.charCodeAt(offset))) return undefined;
  let s = offset;
  while (s > L && isPlain(text.charCodeAt(s - 1))) s--;
  let e = offset + 1;
  while (e < R && isPlain(text.charCodeAt(e))) e++;
  if ((leftCut && s === L) || (rightCut && e === R)) return scanLimit(text, s, e);
  [s, e] = trimDots(text, s, e);
  if (offset < s || offset >= e) return undefined;
  return classify(s, text.slice(s, e));
}

/** The run reached the scan window without a delimiter: we cannot see the whole token. */
function scanLimit(text: string, s: number, e: number): FoundToken | undefined {
  const visible = text.slice(s, e);
  // Thousands of base64url characters with a dot and no delimiter: almost surely a big JWT.
  if (!visible.includes('.')) return undefined;
  const code = e - s >= MAX_TOKEN_LENGTH ? 'token-too-large' : 'token-scan-limit';
  return malformed(s, visible, new AuthLensError(code, { limit: MAX_TOKEN_LENGTH / 1024 }));
}

/**
 * Within the extended run [L, R), the span of a JWT-looking token that contains `+` or `=`
 * and covers `offset`, if any. It starts at `eyJ` at the run start or right after an `=`
 * (`token=eyJ…`), so `KEY=<jwt>` lines still find the clean token.
 */
function mangledCandidate(text: string, L: number, R: number, offset: number): [number, number] | undefined {
  const run = text.slice(L, R);
  if (!/[+=]/.test(run)) return undefined;
  let start = -1;
  for (let p = run.indexOf('eyJ'); p >= 0 && L + p <= offset; p = run.indexOf('eyJ', p + 1)) {
    if (p === 0 || run[p - 1] === '=') start = p;
  }
  if (start < 0) return undefined;
  let end = run.length;
  const tail = run.slice(start);
  if (!/[+=]/.test(tail) || !tail.includes('.')) return undefined;
  while (end > start && run.charCodeAt(end - 1) === DOT) end--;
  if (L + end <= offset) return undefined;
  return [L + start, L + end];
}

/**
 * Every token in `text`, in order (up to `limit`, default 1000): JWS, JWE and JWT-looking
 * malformed strings, exactly as {@link tokenAtOffset} would report them.
 *
 * @example
 * findTokens('a=eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. b=x').map((t) => t.shape) // ['jws']
 */
export function findTokens(text: string, opts?: { limit?: number }): FoundToken[] {
  const limit = opts?.limit ?? 1000;
  const out: FoundToken[] = [];
  if (limit <= 0) return out;
  // Only at the start of a run (the lookbehind rejects positions inside one in O(1)), and only
  // when the first segment ends in a dot (or `+`/`=`, for mangled tokens).
  const re = /(?<![A-Za-z0-9_-])e[yw][A-Za-z0-9_-]*[.+=]/g;
  let lastEnd = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = m.index;
    // Leading dots are allowed; a letter before them means we are inside a longer run.
    let j = i;
    while (j > 0 && text.charCodeAt(j - 1) === DOT) j--;
    if (j > 0 && isPlain(text.charCodeAt(j - 1))) continue;
    if (i < lastEnd) continue;
    if (text.charCodeAt(m.index + m[0].length - 1) !== DOT && !text.startsWith('eyJ', i)) continue;
    const found = tokenAtOffset(text, i, { window: MAX_TOKEN_LENGTH });
    if (!found || found.start < lastEnd) continue;
    out.push(found);
    if (out.length >= limit) break;
    lastEnd = found.end;
    re.lastIndex = Math.max(re.lastIndex, found.end);
  }
  return out;
}
