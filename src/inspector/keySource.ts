/**
 * Which configured provider a shown token's keys belong to, and what that means for Verify:
 * the JWKS URLs it offers and the TLS opt-out its key fetch follows. Pure (no vscode).
 */
import { baseJwksUrl, providerKindTable } from '../providers/kinds';
import type { KeyFetchTlsOptOut } from '../providers/keySet';
import type { ProviderConfig } from '../providers/types';
import type { KeySource } from './summary';

/**
 * The provider whose keys verify a token: the one it came from, else (a pasted token) a
 * provider whose kind publishes keys under its base URL (Better Auth) and whose base URL
 * origin is the token's `iss` (Better Auth's jwt plugin sets `iss` to the server's origin).
 *
 * @example
 * keyProviderFor(undefined, 'http://localhost:3000', providers) // the Better Auth entry at http://localhost:3000/api/auth
 */
export function keyProviderFor<P extends ProviderConfig>(fromProvider: P | undefined, iss: unknown, providers: readonly P[]): P | undefined {
  if (fromProvider !== undefined) return fromProvider;
  if (typeof iss !== 'string' || !URL.canParse(iss)) return undefined;
  const issuer = new URL(iss);
  // Only an `iss` that is an origin (no path beyond "/"): the jwt plugin's shape.
  if (issuer.pathname !== '/' || issuer.search !== '' || issuer.hash !== '') return undefined;
  return providers.find(
    (p) => typeof providerKindTable[p.kind].defaultJwks === 'object' && URL.canParse(p.baseUrl) && new URL(p.baseUrl).origin === issuer.origin,
  );
}

/** What Verify offers for a provider's tokens: its configured JWKS URL, its base URL JWKS, its issuer. */
export function keySourceOf(provider: ProviderConfig): KeySource {
  const jwksUrl = provider.jwksUrl !== undefined && provider.jwksUrl !== '' ? provider.jwksUrl : baseJwksUrl(provider.kind, provider.baseUrl);
  return {
    providerKind: provider.kind,
    ...(jwksUrl !== undefined ? { jwksUrl } : {}),
    ...(provider.issuer !== undefined ? { issuer: provider.issuer } : {}),
  };
}

/**
 * The provider's TLS opt-out as its key fetch applies it: on the provider's own origins (base
 * URL, issuer, configured JWKS URL) only.
 */
export function keyFetchTlsOptOut(provider: ProviderConfig): KeyFetchTlsOptOut {
  const origins = [provider.baseUrl, provider.issuer, provider.jwksUrl]
    .filter((u): u is string => u !== undefined && URL.canParse(u))
    .map((u) => new URL(u).origin);
  return { providerId: provider.id, enabled: provider.allowInsecureTls === true, origins: [...new Set(origins)] };
}
