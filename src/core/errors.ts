/**
 * The one error type of AuthLens. Every failure, from a malformed token to a 429 from a
 * provider, is an {@link AuthLensError} with a stable {@link ErrorCode}; the text a person
 * reads is made from the code in one place (`errorMessage()` in `errorMessages.ts`).
 */
export type ErrorCode =
  // Tokens
  | 'token-empty'
  | 'token-too-large'
  | 'token-segment-count'
  | 'token-encrypted'
  | 'token-empty-part'
  | 'token-bad-base64url'
  | 'token-not-json'
  | 'token-not-object'
  | 'token-missing-alg'
  | 'token-too-deep'
  | 'token-scan-limit'
  // HTTP and providers
  | 'net-refused'
  | 'net-dns'
  | 'net-timeout'
  | 'net-tls'
  | 'net-other'
  | 'cancelled'
  | 'response-not-json'
  | 'response-html'
  | 'response-shape'
  | 'response-too-large'
  | 'http-unauthorized'
  | 'http-forbidden'
  | 'http-not-found'
  | 'http-rate-limited'
  | 'http-server'
  | 'http-other'
  | 'redirect-blocked'
  | 'origin-mismatch'
  | 'not-configured'
  | 'unsupported'
  | 'config-invalid'
  // OAuth 2.0 / OpenID Connect (the `oidc` provider)
  | 'oauth-error'
  | 'oidc-discovery-failed'
  | 'oidc-issuer-mismatch'
  | 'oidc-state-mismatch'
  | 'oidc-login-timeout'
  | 'oidc-id-token-invalid'
  | 'oidc-no-refresh-token';

/** Extra facts about a failure, all safe to show (never a credential). */
export interface ErrorDetails {
  /** HTTP status, where there was a response. */
  readonly status?: number;
  /** Server-side correlation ids (AuthMS `request_id`, `trace_id`, or `x-request-id`). */
  readonly requestId?: string;
  readonly traceId?: string;
  /** Seconds the server asked us to wait (Retry-After, x-retry-after, `retry_after`). */
  readonly retryAfterSeconds?: number;
  /** The server's own message (`message`, `detail`, `error_description`), already redacted. */
  readonly serverMessage?: string;
  /** A machine code from the server (`code`, `error`). */
  readonly serverCode?: string;
  /** Field-level problems (RFC 7807 extension used by AuthMS). */
  readonly fieldErrors?: readonly { field?: string; code?: string; description?: string }[];
  /** Which part or field is wrong ("header", "payload", "session.expiresAt", a setting key...). */
  readonly where?: string;
  /** Tokens: how many dot-separated segments the input had (`token-segment-count`). */
  readonly segmentCount?: number;
  /** Tokens: the offending character, e.g. `+` (`token-bad-base64url`). Never a secret. */
  readonly character?: string;
  /** Tokens: the 1-based position of `character` in the bare token. */
  readonly position?: number;
  /** The limit that was exceeded (KiB for sizes, levels for nesting, seconds for timeouts). */
  readonly limit?: number;
  /** `origin-mismatch`: why the credential may not go to the origin in `where`. */
  readonly originRefusal?: OriginRefusal;
  /** `net-timeout`: which wait ran out (`total` is the overall deadline of one request). */
  readonly timeoutPhase?: 'connect' | 'headers' | 'body' | 'total';
  /** `net-tls`: what the certificate check found, when the TLS error code says it. */
  readonly tlsCause?: TlsCause;
  /** `net-tls`: the provider id whose TLS opt-out (`authlens.insecureTlsProviders`) would apply. */
  readonly tlsOptOutId?: string;
  /** RFC 9457 problem details: the problem `type` URI and the `instance`, as sent (plain text). */
  readonly problemType?: string;
  readonly problemInstance?: string;
  /** Every URL tried before giving up (discovery), each with what it answered. */
  readonly attempts?: readonly ErrorAttempt[];
}

/**
 * Why a credential was not sent to an origin: not among the provider's origins at all, or named
 * by the issuer's discovery document but not trusted (document or endpoint over plain http from
 * another machine), or named only since the credential was stored.
 */
export type OriginRefusal = 'not-allowed' | 'not-in-discovery' | 'discovery-not-https' | 'discovery-tls-off' | 'endpoint-not-https' | 'added-since-stored';

/** What a certificate check found (from the TLS error code). */
export type TlsCause = 'self-signed' | 'unknown-issuer' | 'hostname-mismatch' | 'expired' | 'not-yet-valid';

/** One URL tried and what it answered (its error code and details, without further attempts). */
export interface ErrorAttempt {
  readonly url: string;
  readonly code: ErrorCode;
  readonly details: Omit<ErrorDetails, 'attempts'>;
}

export class AuthLensError extends Error {
  override readonly name = 'AuthLensError';
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
    message?: string,
  ) {
    super(message ?? code);
  }
}

/** Narrowing helper usable across bundles (instanceof fails when two bundles each hold a copy). */
export function isAuthLensError(value: unknown): value is AuthLensError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'AuthLensError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
