/**
 * One verdict per token: what it is (signed, unsecured, encrypted, a signed session cookie,
 * opaque or malformed), why a
 * malformed one fails, what was stripped to read it, and its time state. The hover, the
 * inspector and the JSON document render only what {@link tokenVerdict} returns, so they
 * cannot tell different stories about the same text. Pure; the clock is a parameter.
 */
import { decodeJwt, decodeProtectedHeader, MAX_TOKEN_LENGTH, type DecodedJwt } from './decode';
import { AuthLensError } from './errors';
import { isJsonObject, type JsonObject } from './json';
import { parseSignedCookie, type SignedCookie } from './signedCookie';
import { tokenTimes, type TokenTimes } from './tokenTime';

export type VerdictKind = 'jws' | 'unsecured' | 'jwe' | 'signed-cookie' | 'opaque' | 'malformed';

/**
 * What was removed to read the token, in the order applied. `bearer`: an `Authorization:` /
 * `Bearer ` prefix; `quotes`: one pair of quotes; `cookie`: a `name=` cookie or query wrapper;
 * `json`: a JSON object around the token; `whitespace`: whitespace inside the token (a wrapped
 * line); `trailing-part`: an empty part after the last dot; `padding`: `=` padding.
 */
export type Repair = 'bearer' | 'quotes' | 'cookie' | 'json' | 'whitespace' | 'trailing-part' | 'padding';

export interface TokenVerdict {
  readonly kind: VerdictKind;
  /** The token as decoded, after the repairs. Secret: never log it. */
  readonly token: string;
  readonly repairs: readonly Repair[];
  /** For `malformed`: what is wrong (render with `errorMessage`). */
  readonly error?: AuthLensError;
  /** For `jws` / `unsecured`. */
  readonly decoded?: DecodedJwt;
  /** For `jwe`: the protected header. */
  readonly header?: JsonObject;
  /** Parts whose bytes were not UTF-8 (shown with U+FFFD). */
  readonly invalidUtf8: readonly ('header' | 'payload')[];
  /** For `jws` / `unsecured`. */
  readonly times?: TokenTimes;
  /** For `signed-cookie`: its format and parts (`token` is then the value as given, without `name=`). */
  readonly cookie?: SignedCookie;
}

export interface VerdictOptions {
  readonly skewMs?: number;
  readonly soonMs?: number;
  /**
   * The text right before and after `input` when it was found inside a document (the hover):
   * wrappers glued to it (`Bearer `, quotes, `name=`, a JSON key) count as repairs, just as
   * when the same text is pasted whole.
   */
  readonly context?: { readonly before: string; readonly after: string };
  /** An opaque bearer value is expected (found after `Bearer ` or `access_token=`). */
  readonly opaqueContext?: boolean;
  /**
   * Wrappers already removed before `input` reached the view (see {@link stripWrapping} and
   * {@link foundWrapping}): listed first, so the view still says what was stripped.
   */
  readonly stripped?: readonly Repair[];
}

/** Keys whose string value is taken from a JSON object, in order of preference. */
const JSON_TOKEN_KEYS = ['access_token', 'id_token', 'token', 'jwt', 'accessToken', 'idToken', 'refresh_token', 'session_token'];
const QUOTES = new Set(['"', "'", '`']);
const BEARER = /^(?:authorization\s*:\s*)?bearer(?:\s+|$)/i;
// The `=` of a name must be followed by a value, so `=` padding inside a token is never a name.
const COOKIE = /^(?:(?:set-)?cookie\s*:\s*)?[A-Za-z0-9_.\-[\]]{1,128}=(?=[^=.\s])/i;

/** A string value of a JSON object input that holds a token. */
function fromJson(s: string): string | undefined {
  if (!s.startsWith('{') || !s.endsWith('}')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    return undefined;
  }
  if (!isJsonObject(value)) return undefined;
  for (const key of JSON_TOKEN_KEYS) {
    const v = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
    if (typeof v === 'string' && v.length > 0) return v;
  }
  const strings = Object.values(value).filter((v): v is string => typeof v === 'string' && v.includes('.'));
  return strings.length === 1 ? strings[0] : undefined;
}

/** `a=x; b=eyJ…` → the first value that looks like a JWT, else the first value. */
function fromCookie(s: string): string | undefined {
  const m = COOKIE.exec(s);
  if (!m) return undefined;
  const header = /^(?:set-)?cookie\s*:\s*/i.exec(s);
  const pairs = s
    .slice(header ? header[0].length : 0)
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.includes('='));
  const values = pairs.map((p) => p.slice(p.indexOf('=') + 1).trim());
  const pick = values.find((v) => v.startsWith('ey')) ?? values[0];
  return pick !== undefined && pick.length > 0 ? pick : undefined;
}

function stripQuotes(s: string): string | undefined {
  const first = s[0];
  return s.length >= 2 && first !== undefined && QUOTES.has(first) && s.endsWith(first) ? s.slice(1, -1).trim() : undefined;
}

/** Removes what surrounds a pasted token, recording each step. */
function unwrap(input: string, repairs: Repair[]): string {
  let s = input.trim();
  for (let step = 0; step < 4; step++) {
    const json = fromJson(s);
    if (json !== undefined) {
      repairs.push('json');
      s = json.trim();
      continue;
    }
    const bearer = BEARER.exec(s);
    if (bearer) {
      repairs.push('bearer');
      s = s.slice(bearer[0].length).trim();
      continue;
    }
    const quoted = stripQuotes(s);
    if (quoted !== undefined) {
      repairs.push('quotes');
      s = quoted;
      continue;
    }
    const cookie = fromCookie(s);
    if (cookie !== undefined && cookie !== s) {
      repairs.push('cookie');
      s = cookie;
      continue;
    }
    break;
  }
  return s;
}

/** The wrappers glued to a token found in a document: the same names as {@link unwrap} uses. */
function contextRepairs(before: string, after: string): Repair[] {
  const out: Repair[] = [];
  let b = before;
  const a = after;
  const q = b[b.length - 1];
  if (q !== undefined && QUOTES.has(q) && a.startsWith(q)) {
    b = b.slice(0, -1);
    // `"key": "<token>"`: a JSON member, named like a pasted JSON object.
    if (/["']\s*:\s*$/.test(b)) return ['json'];
    out.push('quotes');
  }
  if (/(?:^|[\s:])bearer\s+$/i.test(b)) out.unshift('bearer');
  else if (/(?:^|[\s;])[A-Za-z0-9_.-]{1,128}=$/.test(b)) out.unshift('cookie');
  return out;
}

/**
 * Removes a `Bearer ` prefix and quotes around a pasted value, saying which (the command layer
 * keeps the bare token; the views list `stripped` among the repairs).
 *
 * @example
 * stripWrapping('Bearer "eyJ…"') // { token: 'eyJ…', stripped: ['bearer', 'quotes'] }
 */
export function stripWrapping(input: string): { token: string; stripped: Repair[] } {
  const stripped: Repair[] = [];
  let s = input.trim();
  for (let step = 0; step < 3; step++) {
    const bearer = BEARER.exec(s);
    if (bearer) {
      stripped.push('bearer');
      s = s.slice(bearer[0].length).trim();
      continue;
    }
    const quoted = stripQuotes(s);
    if (quoted === undefined) break;
    stripped.push('quotes');
    s = quoted;
  }
  return { token: s, stripped };
}

/** The wrappers glued to a token found at [start, end) of `text` (a selection, the clipboard). */
export function foundWrapping(text: string, start: number, end: number): Repair[] {
  return contextRepairs(text.slice(Math.max(0, start - 160), start), text.slice(end, end + 8));
}

/** Repairs of the token text itself: inner whitespace, empty trailing parts, `=` padding. */
function repairText(s: string, repairs: Repair[]): string {
  let t = s;
  if (/\s/.test(t)) {
    t = t.replace(/\s+/g, '');
    repairs.push('whitespace');
  }
  let parts = t.split('.');
  // `h.p.s.` or `h.p.s..`: nothing after the dot. A JWS keeps 3 parts, a JWE 5.
  if (parts.length > 3 && parts.length !== 5) {
    let n = parts.length;
    while (n > 3 && parts[n - 1] === '' && n !== 5) n--;
    if (n < parts.length && (n === 3 || n === 5)) {
      parts = parts.slice(0, n);
      repairs.push('trailing-part');
    }
  }
  if (parts.some((p) => /[A-Za-z0-9_-]=+$/.test(p))) {
    parts = parts.map((p) => (/[A-Za-z0-9_-]=+$/.test(p) ? p.replace(/=+$/, '') : p));
    repairs.push('padding');
  }
  return parts.join('.');
}

/**
 * A bearer value that is not a JWT: token characters only, not the `eyJ` of a JSON header, and
 * not a JWS whose header starts with whitespace (`DQoJ…`), which the finder reports as one.
 */
function looksOpaque(s: string): boolean {
  return s.length >= 16 && /^[A-Za-z0-9\-._~+/%]+=*$/.test(s) && !s.startsWith('ey') && !(s.includes('.') && decodeJwt(s).ok);
}

/** A cookie name glued before a value found in a document (`name=`). */
const NAME_BEFORE = /([!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128})=$/;

/**
 * The signed session cookie `input` holds, if any. Read from the text before the token repairs
 * (a Better Auth signature's `=` is part of it); after `unwrap` picked a pair of a `Cookie:`
 * line, the whole line is read again so the signed pair is found whichever it is.
 */
function signedCookieOf(input: string, unwrapped: string, repairs: readonly Repair[], opts?: VerdictOptions): SignedCookie | undefined {
  if (opts?.context) {
    const name = NAME_BEFORE.exec(opts.context.before)?.[1];
    return parseSignedCookie(unwrapped, name !== undefined ? { cookieName: name } : undefined);
  }
  return (repairs.includes('cookie') ? parseSignedCookie(stripWrapping(input).token) : undefined) ?? parseSignedCookie(unwrapped);
}

/**
 * The verdict for a token as pasted (`input`) or as found in a document (`input` plus
 * `opts.context`), at `now` (epoch ms).
 *
 * @example
 * const v = tokenVerdict('Bearer eyJ…', Date.now());
 * v.kind     // 'jws'
 * v.repairs  // ['bearer']
 * v.times?.state // 'expired'
 * tokenVerdict('authing_session=s%3A594D…', Date.now()).kind // 'signed-cookie'
 */
export function tokenVerdict(input: string, now: number, opts?: VerdictOptions): TokenVerdict {
  const repairs: Repair[] = [...(opts?.stripped ?? [])];
  if (input.length > MAX_TOKEN_LENGTH * 2) {
    // Don't even trim megabytes of input.
    const error = new AuthLensError('token-too-large', { limit: MAX_TOKEN_LENGTH / 1024 });
    return { kind: 'malformed', token: '', repairs, error, invalidUtf8: [] };
  }
  let unwrapped = opts?.context ? input.trim() : unwrap(input, repairs);
  // A finder drops a leading dot as punctuation; glued to a two-part token it is an empty header.
  if (opts?.context?.before.endsWith('.') && unwrapped.split('.').length === 2) unwrapped = `.${unwrapped}`;
  if (opts?.context) repairs.push(...contextRepairs(opts.context.before.slice(-160), opts.context.after.slice(0, 8)));
  const outerRepairs = [...repairs];
  const token = repairText(unwrapped, repairs);
  const base = { token, repairs, invalidUtf8: [] as const };
  const asCookie = (): TokenVerdict | undefined => {
    const cookie = signedCookieOf(input, unwrapped, outerRepairs, opts);
    return cookie ? { kind: 'signed-cookie', token: cookie.raw, repairs: outerRepairs, invalidUtf8: [], cookie } : undefined;
  };
  if ((opts?.opaqueContext || repairs.includes('bearer')) && looksOpaque(token)) return asCookie() ?? { ...base, kind: 'opaque' };
  if (token.split('.').length === 5) {
    const h = decodeProtectedHeader(token);
    if (h.ok && typeof h.header['enc'] === 'string') return { ...base, kind: 'jwe', header: h.header };
  }
  const r = decodeJwt(token);
  if (!r.ok) return asCookie() ?? { ...base, kind: 'malformed', error: r.error };
  const d = r.token;
  const alg = d.header['alg'];
  return {
    ...base,
    kind: typeof alg === 'string' && alg.toLowerCase() === 'none' ? 'unsecured' : 'jws',
    decoded: d,
    invalidUtf8: d.invalidUtf8 ?? [],
    times: tokenTimes(d.payload, now, opts),
  };
}
