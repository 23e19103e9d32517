/**
 * A pasted cookie credential, read the way a person pastes it: a bare value, `name=value`, a
 * whole `Cookie:` request header, or a `Set-Cookie:` line with its attributes. Pure.
 */

/** One cookie of a pasted credential. */
export interface CookiePair {
  readonly name: string;
  readonly value: string;
}

/** What a pasted cookie credential is: named cookies, or a bare value whose name is configured. */
export type CookieCredential = { readonly kind: 'pairs'; readonly pairs: readonly CookiePair[] } | { readonly kind: 'bare'; readonly value: string };

/** RFC 6265 §4.1.1: a cookie name is an HTTP token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** `Set-Cookie` attributes (RFC 6265 §5.2 and later drafts), dropped from a pasted line. */
const ATTRIBUTES = new Set(['expires', 'max-age', 'domain', 'path', 'secure', 'httponly', 'samesite', 'partitioned', 'priority']);
const MAX_PAIRS = 50;

/**
 * Parses a pasted cookie credential. Every `;`-separated part must be `name=value` with a token
 * name and a non-empty value, else the whole text is a bare value: a signed Better Auth value
 * pasted URL-decoded (`abc.def=`) ends in `=` and stays one value.
 *
 * @example
 * parseCookieCredential('Cookie: theme=dark; myapp.session_token=abc')
 * // => { kind: 'pairs', pairs: [{ name: 'theme', value: 'dark' }, { name: 'myapp.session_token', value: 'abc' }] }
 * parseCookieCredential('abc.def=') // => { kind: 'bare', value: 'abc.def=' }
 */
export function parseCookieCredential(text: string): CookieCredential {
  let rest = text.trim();
  const setCookie = /^set-cookie:\s*/i.test(rest);
  rest = rest.replace(/^(set-)?cookie:\s*/i, '');
  const parts = rest
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // A Set-Cookie line names one cookie; the rest are its attributes.
  const candidates = setCookie ? parts.slice(0, 1) : parts.filter((p, i) => i === 0 || !ATTRIBUTES.has(p.split('=')[0]!.trim().toLowerCase()));
  const pairs: CookiePair[] = [];
  for (const part of candidates.slice(0, MAX_PAIRS)) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim() : '';
    const value = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!COOKIE_NAME.test(name) || value === '') return { kind: 'bare', value: rest };
    pairs.push({ name, value });
  }
  return pairs.length > 0 ? { kind: 'pairs', pairs } : { kind: 'bare', value: rest };
}

/** A cookie name without the `__Secure-` / `__Host-` prefix browsers require on https. */
export function baseCookieName(name: string): string {
  return name.replace(/^__(Secure|Host)-/, '');
}

/**
 * The session cookies among pasted pairs: those with the configured name (prefix aside), else
 * those named like a session token under another prefix (`myapp.session_token`, Better Auth's
 * `advanced.cookiePrefix`), else every pair as pasted.
 *
 * @example
 * sessionCookies([{ name: 'theme', value: 'x' }, { name: 'myapp.session_token', value: 'v' }], 'better-auth.session_token')
 * // => [{ name: 'myapp.session_token', value: 'v' }]
 */
export function sessionCookies(pairs: readonly CookiePair[], configured: string): readonly CookiePair[] {
  const wanted = baseCookieName(configured);
  const exact = pairs.filter((p) => baseCookieName(p.name) === wanted);
  if (exact.length > 0) return exact;
  const suffix = /[._-]session_token$/.exec(wanted)?.[0] ?? '.session_token';
  const sameKind = pairs.filter((p) => baseCookieName(p.name).endsWith(suffix));
  return sameKind.length > 0 ? sameKind : pairs;
}

/** The value of cookie `name` (prefix aside) from a bare value, `name=value` or a whole `Cookie` header. */
export function cookieValueFrom(credential: string, name: string): string {
  const parsed = parseCookieCredential(credential);
  if (parsed.kind === 'bare') return parsed.value;
  const found = parsed.pairs.find((c) => baseCookieName(c.name) === baseCookieName(name));
  return (found ?? parsed.pairs[0])?.value ?? '';
}

/** URL-encodes a cookie value unless it already is (Better Auth sets it encoded). */
export function encodeCookieValue(value: string): string {
  return /%[0-9A-Fa-f]{2}/.test(value) || /^[A-Za-z0-9._~-]*$/.test(value) ? value : encodeURIComponent(value);
}
