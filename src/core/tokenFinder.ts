/**
 * Finding JWTs in text: the one under an offset (hover), or all of them (a document, a log).
 * Bounded: from the offset we scan outward over base64url characters and dots only, never more
 * than a window on each side, so a 10 MB single-line file costs the same as a short one.
 * Delimiters are anything else, which is how `Bearer `, quotes, JSON strings, cookies
 * (`name=<jwt>;`), `.env` lines (`KEY=<jwt>`) and URLs (`?token=`, `#id_token=`) are tolerated.
 * `findTokens` walks each run of token characters once (no rescans per candidate), under a total
 * work budget, because it runs in the extension host on every scroll and edit.
 * Signed session cookies are found by the cookie path (`cookieFinder.ts`), where no JWT reads:
 * a JWT stays a JWT, a JWT-looking string that fails stays malformed unless it is a cookie.
 */
import { findSignedCookies, signedCookieAtOffset, type FoundCookie } from './cookieFinder';
import { decodeJwt, decodeProtectedHeader, MAX_TOKEN_LENGTH, type DecodedJwt } from './decode';
import { AuthLensError } from './errors';
import { errorMessage } from './errorMessages';
import { HEADER_STARTS, jsonHeaderLike } from './headerStart';
import type { JsonObject } from './json';
import type { SignedCookie } from './signedCookie';
import { isPlain, isExtended, DOT, type Work, RunCursor, runAround } from './tokenRun';

/** A token found in text. `start`/`end` are offsets of the bare token (end exclusive). */
export interface FoundToken {
  readonly start: number;
  readonly end: number;
  /** The bare token (no `Bearer `, quotes, `name=`). Secret: never log it. */
  readonly text: string;
  readonly shape: 'jws' | 'jwe' | 'signed-cookie' | 'malformed';
  /** For `malformed`: one English line saying what is wrong (from {@link errorMessage}). */
  readonly reason?: string;
  /** For `malformed`: the error behind `reason`, to localise with `errorMessage(error, t)`. */
  readonly error?: AuthLensError;
  /** For `jws`: the decoded token (not verified), so callers need not decode twice. */
  readonly decoded?: DecodedJwt;
  /** For `jwe`: the protected header (alg, enc, kid...). */
  readonly header?: JsonObject;
  /** For `signed-cookie`: its format and parts (`text` is the value as written, without `name=`). */
  readonly cookie?: SignedCookie;
}

function fromCookie(found: FoundCookie): FoundToken {
  return { start: found.start, end: found.end, text: found.text, shape: 'signed-cookie', cookie: found.cookie };
}

/** Default scan window on each side of the offset: 16 KiB. */
export const DEFAULT_SCAN_WINDOW = 16 * 1024;

/** A candidate start in `findTokens`: not inside a longer run, a JSON object's first characters. */
const CANDIDATE = new RegExp(`(?<![A-Za-z0-9_-])(?:${[...HEADER_STARTS].join('|')})[A-Za-z0-9_-]*[.+=]`, 'g');

function countSegments(s: string): number {
  let n = 1;
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) n++;
  return n;
}

/**
 * Worth a reason when it fails: `eyJ` + a dot (what people recognise as a JWT), or 2 to 5
 * parts whose first decodes to the start of a JSON header (`eyA…`, `ewo…`, `DQoJ…`, `WyJ…`).
 */
function looksLikeJwt(s: string): boolean {
  if (s.startsWith('eyJ') && s.includes('.')) return true;
  const parts = countSegments(s);
  return parts >= 2 && parts <= 5 && jsonHeaderLike(s.slice(0, s.indexOf('.')));
}

function malformed(start: number, text: string, error: AuthLensError): FoundToken {
  return { start, end: start + text.length, text, shape: 'malformed', reason: errorMessage(error), error };
}

/** Classifies a bare candidate (no leading/trailing punctuation dots) at `start`. */
function classify(start: number, tok: string): FoundToken | undefined {
  if (tok.length < 3 || !tok.includes('.')) return undefined;
  if (!HEADER_STARTS.has(tok.slice(0, 2))) return undefined;
  // Every valid JWS or JWE looks like one, so nothing else is decoded: prose stays cheap.
  if (!looksLikeJwt(tok)) return undefined;
  if (tok.length > MAX_TOKEN_LENGTH) return malformed(start, tok, new AuthLensError('token-too-large', { limit: MAX_TOKEN_LENGTH / 1024 }));
  if (countSegments(tok) === 5) {
    const h = decodeProtectedHeader(tok);
    // Without `enc` five parts are no JWE: fall through to the JWS decoder's "has 5" reason, as the verdict does.
    if (h.ok && typeof h.header['enc'] === 'string') return { start, end: start + tok.length, text: tok, shape: 'jwe', header: h.header };
    if (!h.ok) return malformed(start, tok, h.error);
  }
  const r = decodeJwt(tok);
  return r.ok ? { start, end: start + tok.length, text: tok, shape: 'jws', decoded: r.token } : malformed(start, tok, r.error);
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
 * a JSON object), a JWE (five segments, header with `alg` and `enc`), and reports a JWT-looking
 * string that fails validation as `malformed` with a one-line `reason`: `eyJ…` with dots, or 2 to
 * 5 parts whose first decodes to the start of a JSON header (`{ `, `{\n`, whitespace then `{`, `[`).
 * Scans at most `window` characters (default 16 KiB) on each side of the offset.
 *
 * @example
 * const line = 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
 * tokenAtOffset(line, 30)?.shape // 'jws'
 * tokenAtOffset(line, 5)         // undefined
 */
export function tokenAtOffset(text: string, offset: number, opts?: { window?: number }): FoundToken | undefined {
  const window = Math.max(1, Math.floor(opts?.window ?? DEFAULT_SCAN_WINDOW));
  const jwt = jwtAtOffset(text, offset, window);
  if (jwt && jwt.shape !== 'malformed') return jwt;
  const cookie = signedCookieAtOffset(text, offset, window);
  return cookie ? fromCookie(cookie) : jwt;
}

/** The JWT-looking string under `offset`: what {@link tokenAtOffset} finds before the cookie path. */
function jwtAtOffset(text: string, offset: number, window: number): FoundToken | undefined {
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
  const run = new RunCursor(text, L, R);
  run.moveTo(offset, R - L);
  return locate(text, offset, run, leftCut, rightCut, { spent: 0 });
}

/**
 * The token covering `offset` inside the window of `run`. `leftCut`/`rightCut`: the run goes on
 * past the window on that side, so a token touching that edge may be cut.
 */
function locate(text: string, offset: number, run: RunCursor, leftCut: boolean, rightCut: boolean, work: Work): FoundToken | undefined {
  const { L, R } = run;
  // A token mangled with '+' or '=' (standard base64, padding): report it whole as malformed.
  const mangled = mangledCandidate(text, run, offset);
  if (mangled) {
    const [s, e] = mangled;
    work.spent += e - s;
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
  work.spent += e - s;
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
 * Within the window [L, R) of `run`, the span of a JWT-looking token that contains `+` or `=`
 * and covers `offset`, if any. It starts at `eyJ` at the window start or right after an `=`
 * (`token=eyJ…`), so `KEY=<jwt>` lines still find the clean token. O(1): `run` has the facts.
 */
function mangledCandidate(text: string, run: RunCursor, offset: number): [number, number] | undefined {
  if (run.plusEq === 0) return undefined;
  let start = run.lastEqJwt > run.L ? run.lastEqJwt : -1;
  if (start < 0 && run.L + 3 <= run.R && text.startsWith('eyJ', run.L)) start = run.L;
  if (start < 0) return undefined;
  // The rest of the window from `start` must hold a '+'/'=' and a dot.
  if (run.lastPlusEq < start || run.lastDot < start) return undefined;
  // Trailing dots are punctuation.
  const end = Math.max(start, run.lastNonDot + 1);
  if (end <= offset) return undefined;
  return [start, end];
}

/** Default work budget of {@link findTokens}: characters examined per character of input. */
const WORK_PER_CHAR = 4;

/**
 * Every token in `text`, in order (up to `limit`, default 1000): JWS, JWE, signed cookies and
 * JWT-looking malformed strings, exactly as {@link tokenAtOffset} would report them.
 * Linear: each run is walked once; and past `budget` characters sliced and decoded (default
 * 4 per input character, plus two maximal tokens) it stops with what it has found so far.
 *
 * @example
 * findTokens('a=eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. b=x').map((t) => t.shape) // ['jws']
 */
export function findTokens(text: string, opts?: { limit?: number; budget?: number }): FoundToken[] {
  const limit = opts?.limit ?? 1000;
  const jwts = findJwts(text, limit, opts?.budget);
  const cookies = findSignedCookies(text, { limit });
  if (cookies.length === 0) return jwts;
  // A cookie replaces a malformed reading of the same text; a JWS or JWE keeps its place.
  const kept = jwts.filter((j) => j.shape !== 'malformed' || !cookies.some((c) => c.start < j.end && j.start < c.end));
  const added = cookies.filter((c) => !kept.some((j) => c.start < j.end && j.start < c.end)).map(fromCookie);
  return [...kept, ...added].sort((a, b) => a.start - b.start).slice(0, limit);
}

/** The JWT-looking strings of {@link findTokens}. */
function findJwts(text: string, limit: number, budgetGiven: number | undefined): FoundToken[] {
  const budget = budgetGiven ?? WORK_PER_CHAR * text.length + 2 * MAX_TOKEN_LENGTH;
  const out: FoundToken[] = [];
  if (limit <= 0) return out;
  // Only at the start of a run (the lookbehind rejects positions inside one in O(1)), and only
  // when the first segment ends in a dot (or `+`/`=`, for mangled tokens).
  const re = new RegExp(CANDIDATE.source, 'g');
  const work: Work = { spent: 0 };
  let run: RunCursor | undefined;
  let lastEnd = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = m.index;
    // Leading dots are allowed; a letter before them means we are inside a longer run.
    let j = i;
    while (j > 0 && text.charCodeAt(j - 1) === DOT) j--;
    if (j > 0 && isPlain(text.charCodeAt(j - 1))) continue;
    if (i < lastEnd) continue;
    if (text.charCodeAt(m.index + m[0].length - 1) !== DOT && !text.startsWith('eyJ', i)) continue;
    if (work.spent > budget) break;
    if (run === undefined || i >= run.b) run = runAround(text, i);
    // The same window tokenAtOffset(text, i, { window: MAX_TOKEN_LENGTH }) would scan.
    run.moveTo(i, MAX_TOKEN_LENGTH);
    const found = locate(text, i, run, run.L > run.a, run.R < run.b, work);
    if (!found || found.start < lastEnd) continue;
    out.push(found);
    if (out.length >= limit) break;
    lastEnd = found.end;
    re.lastIndex = Math.max(re.lastIndex, found.end);
  }
  return out;
}
