/**
 * The facts "Why would a server reject this token?" judges and the checks it returns. Plain
 * types, shared by the core checks, the host that gathers the facts and the webview that lists
 * the result (which is why this file imports only types).
 */
import type { JsonObject } from './json';

/** The checks, in the order they are listed (the webview's `data-check`). */
export const REJECTION_CHECK_IDS = ['signature', 'kid', 'alg', 'iss', 'aud', 'exp', 'nbf', 'iat', 'typ', 'required'] as const;
export type RejectionCheckId = (typeof REJECTION_CHECK_IDS)[number];

/** `skipped`: not checked, and the message says why (no provider, no keys, a secret needed). */
export type RejectionVerdict = 'pass' | 'fail' | 'warn' | 'skipped';

/** One check. Every string is plain text, bounded: the webview puts it in a text node. */
export interface RejectionCheck {
  readonly id: RejectionCheckId;
  readonly verdict: RejectionVerdict;
  readonly message: string;
  /** What a server expects, when there is one value to name. */
  readonly expected?: string;
  /** What the token says. */
  readonly actual?: string;
}

/** What the token is meant to be: an OIDC ID token, an access token, or not known. */
export type TokenUse = 'id' | 'access' | 'unknown';

/** What the token's provider is configured to expect (the `authlens.providers` entry). */
export interface ExpectedByProvider {
  readonly issuer?: string;
  /** The API's audience (access tokens: `audience`, else `resource`). */
  readonly audience?: string;
  /** The OAuth client id (ID tokens' `aud`, `azp`). */
  readonly clientId?: string;
}

/** The provider's key set, or why none is at hand. `reason` is plain text the caller made. */
export type KeyFacts =
  | { readonly kind: 'set'; readonly url: string; readonly keys: readonly JsonObject[] }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'not-configured' };

/** What the issuer's discovery document says (absent when there is none or it failed). */
export interface DiscoveryFacts {
  readonly issuer?: string;
  /** `id_token_signing_alg_values_supported`. */
  readonly idTokenAlgs?: readonly string[];
}

/** The signature checked with the provider's keys (jose, host side). */
export interface SignatureFacts {
  readonly valid: boolean;
  /** Which key verified it, or why it failed (plain text). */
  readonly message: string;
}

/** Everything the checks judge. */
export interface RejectionFacts {
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** Epoch ms. */
  readonly now: number;
  /** The clock skew the person allows, in ms. */
  readonly skewMs: number;
  readonly tokenUse: TokenUse;
  /** Absent: no configured provider for this token; the checks that need one are skipped. */
  readonly provider?: { readonly expected: ExpectedByProvider };
  readonly keys?: KeyFacts;
  readonly discovery?: DiscoveryFacts;
  readonly signature?: SignatureFacts;
}

/** What "Ask the server" reports. Every string is plain text, bounded, without the token. */
export interface ProbeOutcome {
  /** The server took the token (a 2xx answer). */
  readonly accepted: boolean;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** Where the token went: origin and path, no query. */
  readonly target: string;
  /** The server's own error (`message`, `error_description`...) or why nothing was sent. */
  readonly message?: string;
  /** The server's machine code (`invalid_token`, `40101001`...). */
  readonly serverCode?: string;
}

/** The inspector's answer to "Why would a server reject it?". */
export interface DiagnoseResult {
  readonly checks: readonly RejectionCheck[];
  /** What the token was judged as. */
  readonly tokenUse: TokenUse;
  /** The configured provider the checks used, when there is one. */
  readonly providerLabel?: string;
  /** Where "Ask the server" would send the token (`http://127.0.0.1:4000`), when it can. */
  readonly probeOrigin?: string;
}
