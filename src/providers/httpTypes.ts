/**
 * What an HTTP client takes and returns (`http.ts` re-exports these): its per-provider options,
 * one request, one response.
 */
import type { Json } from '../core/json';
import type { ClientCertificateFiles } from './clientCertificate';
import type { HttpOptions } from './types';

/** Per-provider settings of a client. */
export interface HttpClientOptions {
  /** The provider's base URL: credentials are only ever sent to its origin. */
  readonly baseUrl: string;
  /** Connect, headers and body timeout each (default 10 000 ms): inactivity per phase. */
  readonly timeoutMs?: number;
  /**
   * Longest one `send()` may take in all, redirect and Retry-After wait included (default three
   * times `timeoutMs` plus `maxRetryWaitMs`). The per-phase timeouts only measure silence.
   */
  readonly deadlineMs?: number;
  /** The provider's TLS opt-out (`allowInsecureTls`). */
  readonly allowInsecureTls?: boolean;
  /**
   * A TLS client certificate presented on every connection of this client (`tls_client_auth`,
   * RFC 8705); the files are read when the first connection is made.
   */
  readonly clientCertificate?: ClientCertificateFiles;
  /**
   * The provider id a certificate failure names as the one to add to
   * `authlens.insecureTlsProviders` (absent: the failure names no setting).
   */
  readonly tlsOptOutId?: string;
  readonly http?: HttpOptions;
  /**
   * Further origins the user configured for this same provider (Authing's `appHost`) that may
   * receive its credentials. Anything else gets `origin-mismatch`.
   */
  readonly credentialOrigins?: readonly string[];
  /** Response body cap in bytes (default 5 MiB). */
  readonly maxBodyBytes?: number;
  /** Longest `Retry-After` a 429 is waited out for (then retried once), in ms (default 5 000). */
  readonly maxRetryWaitMs?: number;
  /** Deepest JSON nesting accepted (default 64). */
  readonly maxJsonDepth?: number;
  /** Receives one already-redacted line per request (`GET http://h/p -> 200 (12 ms)`). */
  readonly log?: (line: string) => void;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL (use {@link joinUrl} with the base URL). */
  readonly url: string;
  /** Headers; `authorization` and `cookie` are treated as credentials. */
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body (sets `content-type: application/json`). */
  readonly json?: Json;
  /** Form body (`application/x-www-form-urlencoded`). */
  readonly form?: Readonly<Record<string, string>>;
  /**
   * Secret values this request carries besides the credential headers (form fields, tokens in
   * bodies). They bind the request to the provider's origin and are masked in all error text.
   */
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
  /**
   * `json` (default): the body must be JSON. `json-or-empty`: an empty body gives
   * `json: undefined`. `none`: the body is discarded.
   */
  readonly expect?: 'json' | 'json-or-empty' | 'none';
}

export interface HttpResponse {
  readonly status: number;
  /** Final URL (after a same-origin redirect). */
  readonly url: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly json: Json | undefined;
}
