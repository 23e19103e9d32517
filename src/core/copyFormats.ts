/**
 * "Copy Token As": pure formatters that turn a token and the request it authenticates into the
 * text a person pastes elsewhere. No vscode, no I/O. Every value is quoted for its target
 * language, because tokens and URLs come from servers and may contain anything.
 */

/** How a request carries the token. */
export type RequestAuth = { readonly scheme: 'bearer' } | { readonly scheme: 'cookie'; readonly name: string };

/** The request a token authenticates, e.g. Better Auth's `GET {base}/get-session`. */
export interface CopyRequest {
  readonly token: string;
  readonly url: string;
  readonly auth: RequestAuth;
  /** Defaults to GET. */
  readonly method?: string;
  /** Cookie name for the `Cookie:` format when `auth` is bearer (e.g. Better Auth's session cookie). */
  readonly cookieName?: string;
}

export type CopyFormat = 'raw' | 'bearerHeader' | 'cookieHeader' | 'curl' | 'fetch' | 'httpie' | 'restClient';

/** All formats, in the order the quick pick offers them. */
export const copyFormats: readonly CopyFormat[] = ['raw', 'bearerHeader', 'cookieHeader', 'curl', 'fetch', 'httpie', 'restClient'];

/**
 * True when the token can go into an HTTP header or cookie without breaking the request:
 * visible ASCII only (RFC 7230 field-value without obs-text), no `;` for cookies.
 * A value with CR/LF would inject headers into the .http file or the curl command.
 */
export function isHeaderSafe(token: string, auth?: RequestAuth): boolean {
  if (!/^[\x21-\x7e]+$/.test(token)) return false;
  if (auth?.scheme === 'cookie' && /[;,"\\]/.test(token)) return false;
  return true;
}

/** The cookie name the `Cookie:` format uses, if the request has one. */
function cookieNameOf(req: CopyRequest): string | undefined {
  return req.auth.scheme === 'cookie' ? req.auth.name : req.cookieName;
}

/** The formats that make sense for this request (`Cookie:` only when a cookie name is known). */
export function availableFormats(req: CopyRequest): CopyFormat[] {
  return copyFormats.filter((f) => f !== 'cookieHeader' || cookieNameOf(req) !== undefined);
}

/** The `Name: value` header that carries the token. */
export function authHeader(req: Pick<CopyRequest, 'token' | 'auth'>): { name: string; value: string } {
  return req.auth.scheme === 'bearer' ? { name: 'Authorization', value: `Bearer ${req.token}` } : { name: 'Cookie', value: `${req.auth.name}=${req.token}` };
}

/**
 * Quotes a string for a POSIX shell: single quotes, with each `'` written as `'\''`.
 *
 * @example
 * shellQuote("it's") // => `'it'\''s'`
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JavaScript string literal (JSON.stringify, plus the two line separators JSON leaves raw). */
function jsString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function method(req: CopyRequest): string {
  const m = (req.method ?? 'GET').toUpperCase();
  // Only a token of letters can be a method; anything else is a caller bug.
  return /^[A-Z]+$/.test(m) ? m : 'GET';
}

/** A cookie and the URL it is sent to: what a signed session cookie's copies need. */
export interface CookieCopyRequest {
  readonly name: string;
  /** The value as the browser sends it (URL-encoded). Secret. */
  readonly value: string;
  readonly url: string;
}

/**
 * A signed session cookie for pasting: the `Cookie:` request header, or a curl command that
 * sends it with `--cookie` (curl's own cookie option, which also keeps it out of `-H` lists).
 * Check the value with {@link isHeaderSafe} (cookie scheme) first.
 *
 * @example
 * formatCookieCopy('curl', { name: 'authing_session', value: 's%3Aabc.sig', url: 'https://a.test/cas/session' })
 * // => "curl 'https://a.test/cas/session' --cookie 'authing_session=s%3Aabc.sig'"
 */
export function formatCookieCopy(format: 'cookieHeader' | 'curl', req: CookieCopyRequest): string {
  const pair = `${req.name}=${req.value}`;
  return format === 'cookieHeader' ? `Cookie: ${pair}` : `curl ${shellQuote(req.url)} --cookie ${shellQuote(pair)}`;
}

/**
 * Formats the token for pasting.
 *
 * @example
 * formatCopy('curl', { token: 'abc', url: 'http://127.0.0.1:4000/api/auth/get-session', auth: { scheme: 'bearer' } })
 * // => "curl 'http://127.0.0.1:4000/api/auth/get-session' -H 'Authorization: Bearer abc'"
 */
export function formatCopy(format: CopyFormat, req: CopyRequest): string {
  switch (format) {
    case 'raw':
      return req.token;
    case 'bearerHeader':
      return `Authorization: Bearer ${req.token}`;
    case 'cookieHeader':
      return `Cookie: ${cookieNameOf(req) ?? 'session'}=${req.token}`;
    case 'curl': {
      const h = authHeader(req);
      const m = method(req);
      const x = m === 'GET' ? '' : ` -X ${m}`;
      return `curl${x} ${shellQuote(req.url)} -H ${shellQuote(`${h.name}: ${h.value}`)}`;
    }
    case 'fetch': {
      const h = authHeader(req);
      const lines = [
        `const response = await fetch(${jsString(req.url)}, {`,
        `  method: ${jsString(method(req))},`,
        `  headers: { ${jsString(h.name)}: ${jsString(h.value)} },`,
        `});`,
        `console.log(response.status, await response.text());`,
      ];
      return lines.join('\n');
    }
    case 'httpie': {
      const h = authHeader(req);
      return `http ${method(req)} ${shellQuote(req.url)} ${shellQuote(`${h.name}:${h.value}`)}`;
    }
    case 'restClient': {
      const h = authHeader(req);
      return `${method(req)} ${req.url}\n${h.name}: ${h.value}\n`;
    }
  }
}
