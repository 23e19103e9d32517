import type { Json } from '../core/json';
import type { Credentials, ProviderConfig } from '../providers/types';

/** Where a misbehaviour rule applies and how often. */
interface RuleScope {
  /**
   * Path prefix relative to the sandbox root, e.g. `/authms` or `/better-auth/get-session`.
   * Absent: every API path (never the `/__sandbox` control paths).
   */
  readonly path?: string;
  /** How many matching requests the rule applies to; absent: until `reset()`. */
  readonly times?: number;
}

/**
 * A way for the sandbox to misbehave, for tests of error handling.
 * - `slow`: answer normally after `ms` milliseconds.
 * - `status`: answer `status` with the API's own error shape (or `body`), plus
 *   `Retry-After` (`x-retry-after` under Better Auth, `retry_after` in AuthMS problems).
 * - `html`: a 200 HTML page (what a proxy's login page looks like).
 * - `malformed-jwt`: every JWT in the answer (body and `set-auth-jwt`) gets a payload that is not JSON.
 * - `not-json`: a 200 whose content type says JSON but whose body is plain text.
 */
export type MisbehaviourRule = RuleScope &
  (
    | { readonly kind: 'slow'; readonly ms: number }
    | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: number; readonly body?: Json }
    | { readonly kind: 'html' }
    | { readonly kind: 'malformed-jwt' }
    | { readonly kind: 'not-json' }
  );

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  readonly port?: number;
  /**
   * Sessions seeded for the paged AuthMS user `usr_ada0250` (the `bearer` credential), default
   * 250; a whole number, 0 to 100,000. The first 20 are the special states (5 expiring within
   * minutes, 10 idle-expired, 5 expired), the rest active. `reset()` seeds the same number again.
   */
  readonly authmsPagedSessions?: number;
}

export interface SandboxBaseUrls {
  readonly betterAuth: string;
  readonly authing: string;
  readonly authms: string;
  readonly oidc: string;
}

/** A running sandbox. Credentials are fake and only valid against this instance. */
/** One secret a sandbox server signs with. Secret: never log `secret`. */
export interface SandboxServerSecret {
  readonly providerId: string;
  /** What it signs: Better Auth's session cookie, Authing's express-session cookie, or HS256 JWTs. */
  readonly use: 'better-auth-cookie' | 'express-session-cookie' | 'jwt-hmac';
  /** The name a developer knows it by (`BETTER_AUTH_SECRET`). */
  readonly name: string;
  /** The server's base URL; for `jwt-hmac`, the tokens' issuer (`iss`). */
  readonly origin: string;
  /** The secret as text (its UTF-8 bytes are the HMAC key). */
  readonly secret: string;
}

export interface SandboxHandle {
  /** Origin, e.g. `http://127.0.0.1:43817`. */
  readonly url: string;
  readonly baseUrls: SandboxBaseUrls;
  /** The four sandbox providers, ready for `authlens.providers`. */
  providerConfigs(): ProviderConfig[];
  /** Per provider id (`sandbox-better-auth`, ...). */
  readonly credentials: Record<string, Credentials>;
  /**
   * The secrets the sandbox's servers sign with, as a developer knows their own server's
   * (`BETTER_AUTH_SECRET`, express-session's `secret`, AuthMS's HS256 key): so that verifying a
   * sandbox cookie or re-signing a sandbox token works the first minute. Fresh per start.
   */
  readonly serverSecrets: readonly SandboxServerSecret[];
  misbehave(rule: MisbehaviourRule): void;
  /** Clears every rule and restores the seeded data (revoked sessions come back). */
  reset(): void;
  close(): Promise<void>;
}

/** A parsed request as the API handlers see it. `path` is relative to the API's base path. */
export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  /** The full path as received, with query (`instance` of AuthMS problems). */
  readonly rawUrl: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly cookies: Readonly<Record<string, string>>;
  readonly body: string;
  readonly now: number;
}

/** What a handler answers; the router serialises it. */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body (`null` is a real JSON `null`). */
  readonly json?: Json;
  /** Raw body, used when `json` is undefined. */
  readonly text?: string;
}

export type Handler = (req: SandboxRequest) => Reply | Promise<Reply>;
