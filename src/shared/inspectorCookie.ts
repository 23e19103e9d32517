/**
 * The part of the inspector model for a signed session cookie (express-session, Better Auth,
 * Flask itsdangerous), built by `src/inspector/cookieModel.ts`. Both sides import this file;
 * nothing here may import `vscode` or the DOM. All strings are display text (text nodes only).
 */

/**
 * What a part of the cookie value is (`core/signedCookie.ts` `SignedCookiePartRole`): `prefix`
 * (express-session's `s:`, itsdangerous' `.` of a compressed payload), `session-id`
 * (express-session), `token` (Better Auth's session token), `value` (what plain
 * cookie-signature signs), `payload` and `timestamp` (itsdangerous), `signature`, and the
 * `separator` dots between them. Stable: the webview's `data-part` and colour classes use it.
 */
export type CookiePartRole = 'prefix' | 'session-id' | 'token' | 'value' | 'payload' | 'timestamp' | 'signature' | 'separator';

/** One part of the cookie value, in the order it appears. */
export interface CookiePartModel {
  readonly role: CookiePartRole;
  /** "Session id", "Signature (HMAC-SHA256)". */
  readonly label: string;
  /** The part's text, cut for display when long. */
  readonly text: string;
  /** Characters of the whole part. */
  readonly length: number;
  readonly truncated: boolean;
  /** What the part is and what the server does with it. Empty for separators. */
  readonly explanation: string;
}

/** Where the cookie's session is listed in the Sessions view. */
export interface CookieSessionLink {
  readonly providerId: string;
  readonly providerLabel: string;
  readonly sessionId: string;
  /** "Belongs to session {id} of {provider}." */
  readonly text: string;
}

/** The signed cookie the inspector shows. */
export interface CookieModel {
  /** The format's stable id (C1's `SignedCookieFormat`), for `data-format`. */
  readonly format: string;
  /** "express-session (cookie-signature)". */
  readonly formatLabel: string;
  /** The signature's algorithm: `HMAC-SHA256` or `HMAC-SHA1`. */
  readonly algorithm: string;
  /** The cookie's name when it was pasted with one (`name=value`) or the source names it. */
  readonly name?: string;
  /** The value was URL-encoded (`s%3A…`) and is shown decoded. */
  readonly urlDecoded: boolean;
  readonly parts: readonly CookiePartModel[];
  /** Characters of the whole value as shown. */
  readonly length: number;
  /** Cookie name, URL decoding, when it was signed, payload problems: one sentence each. */
  readonly notes: readonly string[];
  /** The listed session the cookie belongs to, when one is. */
  readonly session?: CookieSessionLink;
  /** What Verify offers: the secret's name, a stored one, the sandbox's. */
  readonly verify: CookieVerifyModel;
}

export interface CookieVerifyModel {
  /** The name the server's secret goes by (`BETTER_AUTH_SECRET`, express-session `secret`, Flask `SECRET_KEY`). */
  readonly secretName: string;
  /** A secret is remembered for this cookie's provider or origin. */
  readonly storedSecret: boolean;
  /** Whether "Remember" can bind the secret to a provider or origin (otherwise it is not offered). */
  readonly canRemember: boolean;
  /** The running sandbox signs this cookie: the name of its secret, for "Use the sandbox's secret". */
  readonly sandboxSecret?: string;
}

/** The outcome of checking a cookie's signature (no secret in it). */
export interface CookieVerifyOutcome {
  readonly valid: boolean;
  /** Stable: `valid`, `bad-signature`, `no-secret`, … (`data-code`). */
  readonly code: string;
  /** The precise reason, in words. */
  readonly message: string;
  /** The secret was remembered in SecretStorage. */
  readonly remembered?: boolean;
}
