/**
 * Entry of the lazily loaded providers bundle (`dist/providers.js`): providers, undici and jose
 * live here, never in the activation bundle. Load it with `loadProviders()` from `src/plumbing/lazy.ts`.
 */
import { AuthLensError } from '../core/errors';
import { providerDefinitions } from './registry';
import type { Provider, ProviderConfig, ProviderOptions } from './types';

export { providerDefinitions } from './registry';
export { HttpClient, bypassesProxy, joinUrl, resolveHttpOptions, retryAfterSeconds } from './http';
export type { HttpClientOptions, HttpRequest, HttpResponse } from './http';
export type * from './types';

/**
 * Makes the provider for one `authlens.providers` entry. Each provider owns its connection
 * pool: `close()` it when the configuration changes.
 *
 * @example
 * const p = createProvider(config, { http: resolveHttpOptions({ settingProxy, strictSSL, env: process.env }) });
 * const page = await p.listSessions({ credentials, signal });
 */
export function createProvider(config: ProviderConfig, options?: ProviderOptions): Provider {
  const def = providerDefinitions.find((d) => d.kind === config.kind);
  if (def === undefined) throw new AuthLensError('config-invalid', { where: 'kind' }, `config-invalid: unknown provider kind ${String(config.kind)}`);
  return def.create(config, options);
}
export { verifyJwt, fetchKeySet, isFetchableKeyUrl } from './verify';
export type { VerifyKeyInput, FetchKeySetOptions, FetchedKeySet } from './verify';
export { verifyWithKeyUrl } from './keyUrlVerify';
export type { KeyUrlVerifyOptions } from './keyUrlVerify';

// The `oidc` kind: its extra actions (sign in, service token, refresh, discovery) for the commands.
export { OidcProvider, isOidcProvider, issuerOf, DEFAULT_SIGN_IN_SCOPES } from './oidc';
export type { RefreshResult, SignInOptions } from './oidc';
export type { StoredTokenSet, TokenSlot, TokenStore } from './oidc/tokenStore';
export type { DiscoveryDocument } from './oidc/discovery';
export { explainJwtRevocation, explainRefusal } from './oidc/revocation';
export type { RevocationResult } from './oidc/revocation';
export { jwksUriFor } from './oidc/jwksUri';
// Set Credential checks a pasted `privateKey` credential with jose before storing it.
export { privateKeyProblem, storedPrivateKeyText } from './oidc/clientPrivateKey';
// The inspector's Edit tab signs an edited token with the person's secret or private key.
export { signJwt, signingAlgorithms } from './signJwt';
export type { SignProblem, SignResult, SigningKey } from './signJwt';
// Decrypt a JWE with a key the person gives (the inspector's Verify tab, encrypted case).
export { decryptJwe, MAX_PBES2_COUNT } from './jweDecrypt';
export type { DecryptJweResult, DecryptJweOptions, JweKeyInput } from './jweDecrypt';
// Signed session cookies (express-session, cookie-signature, Better Auth, Flask): check with the server's secret.
export { inflatedPayload, signCookieValue, verifySignedCookie, MAX_INFLATED_PAYLOAD } from './cookieSignature';
export type { CookieSignatureReason, CookieSignatureResult, SignCookieOptions } from './cookieSignature';
// "Why would a server reject it?" and "Ask the server" (the inspector's diagnose and probe requests).
export { gatherRejectionFacts } from './rejectionFacts';
export type { ProviderFacts, RejectionFactsOptions } from './rejectionFacts';
export { probeOrigin, probeToken } from './probe';
export type { ProbeOptions } from './probe';
