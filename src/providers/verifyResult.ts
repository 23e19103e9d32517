/**
 * What a signature check returns. The providers bundle produces it (`verify.ts`); the inspector
 * passes it to its webview unchanged, so this file imports nothing (the webview build reads it).
 */

/** The outcome of a signature check, saying exactly what was checked. */
export interface VerifyOutcome {
  readonly valid: boolean;
  /** Algorithm from the token header that was checked. */
  readonly alg?: string;
  /** Key id from the token header. */
  readonly kid?: string;
  /** The key that was used ("JWKS https://…/jwks key kid=abc (RSA)", "HS secret (32 bytes)"). */
  readonly keyDescription?: string;
  /** Why it failed, as a stable code and a sentence. */
  readonly failure?: { readonly code: VerifyFailureCode; readonly message: string };
  /**
   * The token's `iss` against the expected issuer (the discovery document's, else the provider
   * setting's), reported beside the signature: a provider quirk that explains a difference is
   * named (`core/issuerCheck.ts`). Absent when no issuer was expected.
   */
  readonly issuer?: IssuerCheckOutcome;
}

/** What Verify says about the issuer: plain text made by the core from hostile values. */
export interface IssuerCheckOutcome {
  readonly matches: boolean;
  readonly expected: string;
  readonly actual?: string;
  /** The provider quirk recognised (`auth0-trailing-slash`, `entra-v1-token`, `keycloak-hostname`...). */
  readonly quirk?: string;
  readonly message: string;
}

export type VerifyFailureCode =
  | 'alg-none'
  | 'alg-unsupported'
  | 'alg-key-mismatch'
  | 'bad-key'
  | 'no-matching-key'
  | 'multiple-matching-keys'
  | 'bad-signature'
  | 'malformed-token'
  | 'jwks-fetch-failed'
  | 'url-not-allowed'
  | 'no-secret';
